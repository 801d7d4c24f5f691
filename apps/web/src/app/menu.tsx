import { ROLES, type Role } from '../identity/roles';
import { SUPERVISION_MENU } from '../supervision/menu';
import { INTEGRITY_MENU } from '../integrity/menu';

export interface MenuEntry {
  path: string;
  label: string;
  roles: readonly Role[];
  /** Where the entry sits when the header groups its entries (none: always on its own). */
  group?: MenuGroup;
}

export type MenuGroup = '学习' | '监督' | '廉政' | '审计' | '管理';

/**
 * The navigation, by role. A page added for organisers, auditors or admins gets its entry here (and
 * its icon in menu-icons.tsx) and its route (with the same roles) in routes.tsx. Entries of a group
 * stay together: the header shows a group as one dropdown when the role's links do not fit in a row.
 */
export const MENU: MenuEntry[] = [
  { path: '/', label: '首页', roles: ROLES.everyone },
  { path: '/reflections', label: '心得体会', roles: ROLES.everyone, group: '学习' },
  { path: '/reading', label: '学习清单', roles: ROLES.everyone, group: '学习' },
  { path: '/sessions', label: '活动安排', roles: ROLES.everyone, group: '学习' },
  { path: '/attendance', label: '我的考勤', roles: ROLES.everyone, group: '学习' },
  { path: '/manage/sessions', label: '活动管理', roles: ROLES.organisers, group: '学习' },
  { path: '/manage/calendar', label: '活动日历', roles: ROLES.organisers, group: '学习' },
  { path: '/manage/assignments', label: '心得布置', roles: ROLES.organisers, group: '学习' },
  { path: '/manage/reading-lists', label: '清单管理', roles: ROLES.organisers, group: '学习' },
  ...SUPERVISION_MENU,
  ...INTEGRITY_MENU,
  { path: '/audit', label: '考勤审计', roles: ROLES.auditors, group: '审计' },
  { path: '/system', label: '系统管理', roles: ROLES.admins, group: '管理' },
];
