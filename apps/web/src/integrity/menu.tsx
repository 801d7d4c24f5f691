import type { MenuEntry } from '../app/menu';
import { INTEGRITY_READERS, PEOPLE } from './labels';

/** 廉政: the person's own talks, declarations and dossier; the organisers' and inspectors' follow-up. Routes: ./routes.tsx. */
export const INTEGRITY_MENU: MenuEntry[] = [
  { path: '/talks', label: '我的谈话', roles: PEOPLE, group: '廉政' },
  { path: '/declarations', label: '事项报备', roles: PEOPLE, group: '廉政' },
  { path: '/dossier/me', label: '我的廉政档案', roles: PEOPLE, group: '廉政' },
  { path: '/manage/talks', label: '廉政谈话', roles: INTEGRITY_READERS, group: '廉政' },
  { path: '/manage/reminders', label: '节日提醒', roles: INTEGRITY_READERS, group: '廉政' },
  { path: '/manage/declarations', label: '报备确认', roles: INTEGRITY_READERS, group: '廉政' },
  { path: '/dossier', label: '廉政档案', roles: INTEGRITY_READERS, group: '廉政' },
];
