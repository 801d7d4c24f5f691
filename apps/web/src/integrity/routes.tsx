import { lazy, type ComponentType, type ReactNode } from 'react';
import { Route } from 'react-router';
import type { Role } from '../identity/roles';
import { INTEGRITY_READERS } from './labels';

type Guard = ComponentType<{ roles: readonly Role[]; children: ReactNode }>;

const MyTalksPage = lazy(() => import('./MyTalksPage'));
const ReminderPage = lazy(() => import('./ReminderPage'));
const MyDeclarationsPage = lazy(() => import('./MyDeclarationsPage'));
const DeclarationPage = lazy(() => import('./DeclarationPage'));
const DossierPage = lazy(() => import('./DossierPage'));
const TalksManagePage = lazy(() => import('./TalksManagePage'));
const RemindersPage = lazy(() => import('./RemindersPage'));
const DeclarationsManagePage = lazy(() => import('./DeclarationsManagePage'));
const DossierSearchPage = lazy(() => import('./DossierSearchPage'));

/**
 * 廉政 pages (talks, holiday reminders, declarations, dossier), inside the app layout. Pages every
 * person opens from a notification are unguarded (the api answers 404 for what they may not see);
 * organiser and inspector pages are wrapped in the app's `Guarded`. Keep the roles in step with ./menu.tsx.
 */
export function integrityRoutes(Guarded: Guard) {
  const guarded = (path: string, page: ReactNode) => <Route path={path} element={<Guarded roles={INTEGRITY_READERS}>{page}</Guarded>} />;
  return (
    <>
      <Route path="/talks" element={<MyTalksPage />} />
      <Route path="/reminders/:id" element={<ReminderPage />} />
      <Route path="/declarations" element={<MyDeclarationsPage />} />
      <Route path="/declarations/:id" element={<DeclarationPage />} />
      <Route path="/dossier/:id" element={<DossierPage />} />
      {guarded('/manage/talks', <TalksManagePage />)}
      {guarded('/manage/reminders', <RemindersPage />)}
      {guarded('/manage/declarations', <DeclarationsManagePage />)}
      {guarded('/dossier', <DossierSearchPage />)}
    </>
  );
}
