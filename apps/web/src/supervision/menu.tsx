import type { MenuEntry } from '../app/menu';
import { ROLES } from '../identity/roles';
import { REPORT_ROLES } from './routes';

/** The supervision and rectification entries of the navigation (their routes: supervision/routes.tsx). */
export const SUPERVISION_MENU: MenuEntry[] = [
  { path: '/supervision', label: '督查督办', roles: ROLES.everyone, group: '监督' },
  { path: '/rectification', label: '整改清单', roles: ROLES.everyone, group: '监督' },
  { path: '/supervision/report', label: '督办考核', roles: REPORT_ROLES, group: '监督' },
];
