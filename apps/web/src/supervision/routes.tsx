import { lazy, type ComponentType, type ReactNode } from 'react';
import { Route } from 'react-router';
import type { Role } from '../identity/roles';

/** 督办考核报表: organisers (their units), auditors and admins, as the api allows. */
export const REPORT_ROLES = ['organiser', 'auditor', 'admin'] as const satisfies readonly Role[];
const EVERYONE = ['member', 'organiser', 'auditor', 'admin'] as const satisfies readonly Role[];

const SupervisionPage = lazy(() => import('./SupervisionPage'));
const SupervisionItemPage = lazy(() => import('./SupervisionItemPage'));
const SupervisionReportPage = lazy(() => import('./SupervisionReportPage'));
const CampaignsPage = lazy(() => import('../rectification/CampaignsPage'));
const CampaignPage = lazy(() => import('../rectification/CampaignPage'));

type Guard = ComponentType<{ roles: readonly Role[]; children: ReactNode }>;

/**
 * The supervision (督查督办, 13710) and rectification (整改清单) pages, lazy, each in the app's
 * `Guarded` wrapper. Every signed-in person has items and lists; the api decides which they see.
 * Keep the roles in step with supervision/menu.tsx.
 */
export function supervisionRoutes(Guarded: Guard) {
  const page = (path: string, roles: readonly Role[], Page: ComponentType) => (
    <Route
      key={path}
      path={path}
      element={
        <Guarded roles={roles}>
          <Page />
        </Guarded>
      }
    />
  );
  return [
    page('/supervision', EVERYONE, SupervisionPage),
    page('/supervision/items/:id', EVERYONE, SupervisionItemPage),
    page('/supervision/report', REPORT_ROLES, SupervisionReportPage),
    page('/rectification', EVERYONE, CampaignsPage),
    page('/rectification/campaigns/:id', EVERYONE, CampaignPage),
  ];
}
