import type { ReactNode } from 'react';
import { BookOutlined, CalendarOutlined, CheckSquareOutlined, EditOutlined, HomeOutlined, ScheduleOutlined } from '@ant-design/icons';
import { AuditOutlined, FormOutlined, ReadOutlined, SettingOutlined, TableOutlined } from '@ant-design/icons';
import { BarChartOutlined, FlagOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { AlertOutlined, CommentOutlined, FileProtectOutlined, FileSearchOutlined, NotificationOutlined, SolutionOutlined } from '@ant-design/icons';

/**
 * The icon of each menu entry (menu.tsx), shown in the phone's drawer. Kept apart from the entries so
 * that the header's plain links do not load them on the member's first page.
 */
export const MENU_ICONS: Record<string, ReactNode> = {
  '/': <HomeOutlined />,
  '/reflections': <EditOutlined />,
  '/reading': <BookOutlined />,
  '/sessions': <CalendarOutlined />,
  '/attendance': <CheckSquareOutlined />,
  '/supervision': <FlagOutlined />,
  '/rectification': <UnorderedListOutlined />,
  '/supervision/report': <BarChartOutlined />,
  '/manage/sessions': <ScheduleOutlined />,
  '/manage/calendar': <TableOutlined />,
  '/manage/assignments': <FormOutlined />,
  '/manage/reading-lists': <ReadOutlined />,
  '/talks': <CommentOutlined />,
  '/declarations': <FileProtectOutlined />,
  '/dossier/me': <SolutionOutlined />,
  '/manage/talks': <CommentOutlined />,
  '/manage/reminders': <NotificationOutlined />,
  '/manage/declarations': <AlertOutlined />,
  '/dossier': <FileSearchOutlined />,
  '/audit': <AuditOutlined />,
  '/system': <SettingOutlined />,
};
