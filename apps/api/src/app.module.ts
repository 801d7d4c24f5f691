import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AttendanceModule } from '@qf/attendance';
import { AuditModule } from '@qf/audit';
import { CalendarModule } from '@qf/calendar';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerModule } from '@nestjs/throttler';
import { pinoParams } from '@qf/common';
import { Env, QfConfigModule } from '@qf/config';
import { DatabaseModule } from '@qf/database';
import { IdentityModule } from '@qf/identity';
import { NotificationsModule } from '@qf/notifications';
import { QueueModule } from '@qf/queue';
import { ReflectionsModule } from '@qf/reflections';
import { ReadingModule } from '@qf/reading';
import { SessionsModule } from '@qf/sessions';
import { SupervisionModule } from '@qf/supervision';
import { IntegrityModule } from '@qf/integrity';
import { LoggerModule } from 'nestjs-pino';
import { LeaveRequestsController } from './attendance/leave-requests.controller';
import { MyAttendanceController } from './attendance/my-attendance.controller';
import { SessionAttendanceController } from './attendance/session-attendance.controller';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { AuthGuard } from './common/auth.guard';
import { UserThrottlerGuard } from './common/user-throttler.guard';
import { HealthController } from './health/health.controller';
import { AuthController } from './identity/auth.controller';
import { MeController } from './identity/me.controller';
import { UnitsController } from './identity/units.controller';
import { UsersController } from './identity/users.controller';
import { NotificationsController } from './notifications/notifications.controller';
import { AssignmentsController } from './reflections/assignments.controller';
import { ReflectionTasksController } from './reflections/tasks.controller';
import { ReadingListsController } from './reading/reading-lists.controller';
import { CatalogController } from './catalog/catalog.controller';
import { MenusController } from './catalog/menus.controller';
import { SessionsController } from './sessions/sessions.controller';
import { AuditController } from './audit/audit.controller';
import { AuditAccessController } from './audit/audit-access.controller';
import { AuditEvidenceController } from './audit/audit-evidence.controller';
import { CalendarController } from './calendar/calendar.controller';
import { SupervisionController } from './supervision/supervision.controller';
import { RectificationController } from './rectification/rectification.controller';
import { TalksController } from './integrity/talks.controller';
import { RemindersController } from './integrity/reminders.controller';
import { DeclarationsController } from './integrity/declarations.controller';
import { DossierController } from './integrity/dossier.controller';

@Module({
  imports: [
    QfConfigModule.forRoot(),
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>) => pinoParams(config.get('LOG_LEVEL', { infer: true }), 'api'),
    }),
    DatabaseModule,
    QueueModule.forApi(),
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
    TerminusModule.forRoot({ errorLogStyle: 'json', gracefulShutdownTimeoutMs: 0 }),
    ThrottlerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>) => [{ ttl: 60_000, limit: config.get('RATE_LIMIT_PER_MINUTE', { infer: true }) }],
    }),
  ],
  controllers: [HealthController, AuthController, MeController, UnitsController, UsersController, NotificationsController, SessionAttendanceController, MyAttendanceController, LeaveRequestsController, CatalogController, MenusController, SessionsController, ReadingListsController, AssignmentsController, ReflectionTasksController, AuditController, AuditEvidenceController, AuditAccessController, CalendarController, SupervisionController, RectificationController, TalksController, RemindersController, DeclarationsController, DossierController],
  providers: [
    // Order matters: authenticate first, so the throttler can count per user.
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: UserThrottlerGuard },
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
  ],
})
export class AppModule {}
