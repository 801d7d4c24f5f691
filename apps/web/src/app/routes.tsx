import { lazy, Suspense, type ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { CheckInPage } from '../attendance/CheckInPage';
import { MakeUpPage } from '../attendance/MakeUpPage';
import { NotFoundPage, PageState } from '../common/PageState';
import { HomePage } from '../home/HomePage';
import { ChangePasswordPage } from '../identity/ChangePasswordPage';
import { LoginPage } from '../identity/LoginPage';
import { RequireLogin } from '../identity/RequireLogin';
import { RequireRole } from '../identity/RequireRole';
import { ROLES } from '../identity/roles';
import { NotificationsPage } from '../notifications/NotificationsPage';
import { ReadingPage } from '../reading/ReadingPage';
import { MyTasksPage } from '../reflections/MyTasksPage';
import { TaskEditorPage } from '../reflections/TaskEditorPage';
import { SessionDetailPage } from '../sessions/SessionDetailPage';
import { SessionsPage } from '../sessions/SessionsPage';
import { AppLayout } from './AppLayout';

// Organiser, auditor and admin pages load on demand: the member's first page stays small.
const ProjectorPage = lazy(() => import('../sessions/ProjectorPage'));
const ManageSessionsPage = lazy(() => import('../sessions/ManageSessionsPage'));
const CalendarPage = lazy(() => import('../calendar/CalendarPage'));
const MenusPage = lazy(() => import('../calendar/MenusPage'));
const RosterPage = lazy(() => import('../roster/RosterPage'));
const AssignmentsPage = lazy(() => import('../assignments/AssignmentsPage'));
const AssignmentDetailPage = lazy(() => import('../assignments/AssignmentDetailPage'));
const ReviewPage = lazy(() => import('../assignments/ReviewPage'));
const ReadingListsAdminPage = lazy(() => import('../reading-lists/ReadingListsAdminPage'));
const AuditDashboardPage = lazy(() => import('../audit/AuditDashboardPage'));
const SystemPage = lazy(() => import('../admin/SystemPage'));

const loading = <PageState loading error={null}>{null}</PageState>;

function Guarded({ roles, children }: { roles: readonly (typeof ROLES.everyone)[number][]; children: ReactNode }) {
  return (
    <RequireRole roles={roles}>
      <Suspense fallback={loading}>{children}</Suspense>
    </RequireRole>
  );
}

/**
 * Every page and who may open it. Member pages are imported eagerly; role pages are lazy and
 * wrapped in `Guarded` (the 无权访问 page for other roles). Keep the roles in step with app/menu.tsx.
 */
export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        path="/sessions/:id/screen"
        element={
          <RequireLogin>
            <Guarded roles={ROLES.organisers}>
              <ProjectorPage />
            </Guarded>
          </RequireLogin>
        }
      />
      <Route
        element={
          <RequireLogin>
            <AppLayout />
          </RequireLogin>
        }
      >
        <Route index element={<HomePage />} />
        <Route path="/check-in/:sessionId" element={<CheckInPage />} />
        <Route path="/sessions" element={<SessionsPage />} />
        <Route path="/sessions/:id" element={<SessionDetailPage />} />
        <Route path="/make-up/:sessionId" element={<MakeUpPage />} />
        <Route path="/reflections" element={<MyTasksPage />} />
        <Route path="/reflections/:id" element={<TaskEditorPage />} />
        <Route path="/reading" element={<ReadingPage />} />
        <Route path="/notifications" element={<NotificationsPage />} />
        <Route path="/password" element={<ChangePasswordPage />} />
        <Route
          path="/manage/sessions"
          element={
            <Guarded roles={ROLES.organisers}>
              <ManageSessionsPage />
            </Guarded>
          }
        />
        <Route
          path="/manage/calendar"
          element={
            <Guarded roles={ROLES.organisers}>
              <CalendarPage />
            </Guarded>
          }
        />
        <Route
          path="/manage/menus"
          element={
            <Guarded roles={ROLES.organisers}>
              <MenusPage />
            </Guarded>
          }
        />
        <Route
          path="/manage/sessions/:id/roster"
          element={
            <Guarded roles={ROLES.organisers}>
              <RosterPage />
            </Guarded>
          }
        />
        <Route
          path="/manage/assignments"
          element={
            <Guarded roles={ROLES.organisers}>
              <AssignmentsPage />
            </Guarded>
          }
        />
        <Route
          path="/manage/assignments/:id"
          element={
            <Guarded roles={ROLES.organisers}>
              <AssignmentDetailPage />
            </Guarded>
          }
        />
        <Route
          path="/manage/review/:taskId"
          element={
            <Guarded roles={ROLES.organisers}>
              <ReviewPage />
            </Guarded>
          }
        />
        <Route
          path="/manage/reading-lists"
          element={
            <Guarded roles={ROLES.organisers}>
              <ReadingListsAdminPage />
            </Guarded>
          }
        />
        <Route
          path="/audit"
          element={
            <Guarded roles={ROLES.auditors}>
              <AuditDashboardPage />
            </Guarded>
          }
        />
        <Route
          path="/system"
          element={
            <Guarded roles={ROLES.admins}>
              <SystemPage />
            </Guarded>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
