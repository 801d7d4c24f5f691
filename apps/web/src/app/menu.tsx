import { ROLES, type Role } from '../identity/roles';
import { SUPERVISION_MENU } from '../supervision/menu';
import { INTEGRITY_MENU } from '../integrity/menu';

export interface MenuEntry {
  path: string;
  label: string;
  roles: readonly Role[];
}

/**
 * The navigation, by role. A page added for organisers, auditors or admins gets its entry here (and
 * its icon in menu-icons.tsx) and its route (with the same roles) in routes.tsx.
 */
export const MENU: MenuEntry[] = [
  { path: '/', label: '首页', roles: ROLES.everyone },
  { path: '/reflections', label: '心得体会', roles: ROLES.everyone },
  { path: '/reading', label: '学习清单', roles: ROLES.everyone },
  { path: '/sessions', label: '活动安排', roles: ROLES.everyone },
  { path: '/attendance', label: '我的考勤', roles: ROLES.everyone },
  ...SUPERVISION_MENU,
  { path: '/manage/sessions', label: '活动管理', roles: ROLES.organisers },
  { path: '/manage/calendar', label: '活动日历', roles: ROLES.organisers },
  { path: '/manage/assignments', label: '心得布置', roles: ROLES.organisers },
  { path: '/manage/reading-lists', label: '清单管理', roles: ROLES.organisers },
  ...INTEGRITY_MENU,
  { path: '/audit', label: '考勤审计', roles: ROLES.auditors },
  { path: '/system', label: '系统管理', roles: ROLES.admins },
];
