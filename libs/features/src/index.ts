import { AttendanceModule } from '@qf/attendance';
import { AuditModule } from '@qf/audit';
import { CalendarModule } from '@qf/calendar';
import { IdentityModule } from '@qf/identity';
import { IntegrityModule } from '@qf/integrity';
import { NotificationsModule } from '@qf/notifications';
import { ReadingModule } from '@qf/reading';
import { ReflectionsModule } from '@qf/reflections';
import { SessionsModule } from '@qf/sessions';
import { SupervisionModule } from '@qf/supervision';

/**
 * The feature modules, listed once: the api (apps/api/src/app.module.ts) and the worker
 * (apps/worker/src/worker.module.ts) both import exactly these. A new feature adds its module here.
 */
export const FEATURE_MODULES = [
  IdentityModule,
  NotificationsModule,
  ReflectionsModule,
  ReadingModule,
  AttendanceModule,
  SessionsModule,
  AuditModule,
  CalendarModule,
  SupervisionModule,
  IntegrityModule,
];
