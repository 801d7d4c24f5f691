import { AlertOutlined, CommentOutlined, FileProtectOutlined, FileSearchOutlined, NotificationOutlined, SolutionOutlined } from '@ant-design/icons';
import type { MenuEntry } from '../app/menu';
import { INTEGRITY_READERS, PEOPLE } from './labels';

/** 廉政: the person's own talks, declarations and dossier; the organisers' and inspectors' follow-up. Routes: ./routes.tsx. */
export const INTEGRITY_MENU: MenuEntry[] = [
  { path: '/talks', label: '我的谈话', icon: <CommentOutlined />, roles: PEOPLE },
  { path: '/declarations', label: '事项报备', icon: <FileProtectOutlined />, roles: PEOPLE },
  { path: '/dossier/me', label: '我的廉政档案', icon: <SolutionOutlined />, roles: PEOPLE },
  { path: '/manage/talks', label: '廉政谈话', icon: <CommentOutlined />, roles: INTEGRITY_READERS },
  { path: '/manage/reminders', label: '节日提醒', icon: <NotificationOutlined />, roles: INTEGRITY_READERS },
  { path: '/manage/declarations', label: '报备确认', icon: <AlertOutlined />, roles: INTEGRITY_READERS },
  { path: '/dossier', label: '廉政档案', icon: <FileSearchOutlined />, roles: INTEGRITY_READERS },
];
