import type { ReactNode } from 'react';
import { BookOutlined, CalendarOutlined, CheckSquareOutlined, EditOutlined, HomeOutlined, ScheduleOutlined } from '@ant-design/icons';
import { AuditOutlined, FormOutlined, ReadOutlined, SettingOutlined, TableOutlined } from '@ant-design/icons';
import { ROLES, type Role } from '../identity/roles';
import { SUPERVISION_MENU } from '../supervision/menu';
import { INTEGRITY_MENU } from '../integrity/menu';

export interface MenuEntry {
  path: string;
  label: string;
  icon: ReactNode;
  roles: readonly Role[];
}

/**
 * The navigation, by role. A page added for organisers, auditors or admins gets its entry here and
 * its route (with the same roles) in routes.tsx.
 */
export const MENU: MenuEntry[] = [
  { path: '/', label: '首页', icon: <HomeOutlined />, roles: ROLES.everyone },
  { path: '/reflections', label: '心得体会', icon: <EditOutlined />, roles: ROLES.everyone },
  { path: '/reading', label: '学习清单', icon: <BookOutlined />, roles: ROLES.everyone },
  { path: '/sessions', label: '活动安排', icon: <CalendarOutlined />, roles: ROLES.everyone },
  { path: '/attendance', label: '我的考勤', icon: <CheckSquareOutlined />, roles: ROLES.everyone },
  ...SUPERVISION_MENU,
  { path: '/manage/sessions', label: '活动管理', icon: <ScheduleOutlined />, roles: ROLES.organisers },
  { path: '/manage/calendar', label: '活动日历', icon: <TableOutlined />, roles: ROLES.organisers },
  { path: '/manage/assignments', label: '心得布置', icon: <FormOutlined />, roles: ROLES.organisers },
  { path: '/manage/reading-lists', label: '清单管理', icon: <ReadOutlined />, roles: ROLES.organisers },
  ...INTEGRITY_MENU,
  { path: '/audit', label: '考勤审计', icon: <AuditOutlined />, roles: ROLES.auditors },
  { path: '/system', label: '系统管理', icon: <SettingOutlined />, roles: ROLES.admins },
];
