import { lazy, Suspense, type ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { PageState } from '../common/PageState';
import { HomePage } from '../home/HomePage';
import { LoginPage } from '../identity/LoginPage';
import { RequireLogin } from '../identity/RequireLogin';
import { RequireRole } from '../identity/RequireRole';
import { ROLES } from '../identity/roles';
import { supervisionRoutes } from '../supervision/routes';
import { integrityRoutes } from '../integrity/routes';
import { AppLayout } from './AppLayout';

// Only the login page, the layout and the home page are in the first bundle; every other page loads
// on demand (the layout's Suspense shows a spinner meanwhile). Organiser, auditor and admin pages
// must stay lazy so that a member never downloads them (ECharts goes in its own chunk the same way).
const named = <K extends string>(load: () => Promise<Record<K, React.ComponentType>>, name: K) =>
  lazy(() => load().then((m) => ({ default: m[name] })));
const CheckInPage = named(() => import('../attendance/CheckInPage'), 'CheckInPage');
const MyAttendancePage = named(() => import('../attendance/MyAttendancePage'), 'MyAttendancePage');
const MakeUpPage = named(() => import('../attendance/MakeUpPage'), 'MakeUpPage');
const ChangePasswordPage = named(() => import('../identity/ChangePasswordPage'), 'ChangePasswordPage');
const NotificationsPage = named(() => import('../notifications/NotificationsPage'), 'NotificationsPage');
const ReadingPage = named(() => import('../reading/ReadingPage'), 'ReadingPage');
const MyTasksPage = named(() => import('../reflections/MyTasksPage'), 'MyTasksPage');
const TaskEditorPage = named(() => import('../reflections/TaskEditorPage'), 'TaskEditorPage');
const SessionDetailPage = named(() => import('../sessions/SessionDetailPage'), 'SessionDetailPage');
const SessionsPage = named(() => import('../sessions/SessionsPage'), 'SessionsPage');
const NotFoundPage = named(() => import('../common/NotFoundPage'), 'NotFoundPage');
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
        <Route path="/attendance" element={<MyAttendancePage />} />
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
        {supervisionRoutes(Guarded)}
        {integrityRoutes(Guarded)}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
