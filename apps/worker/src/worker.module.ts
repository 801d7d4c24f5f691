import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AttendanceModule } from '@qf/attendance';
import { AuditModule } from '@qf/audit';
import { pinoParams } from '@qf/common';
import { Env, QfConfigModule, validateEnv } from '@qf/config';
import { DatabaseModule } from '@qf/database';
import { IdentityModule } from '@qf/identity';
import { NotificationsModule } from '@qf/notifications';
import { QueueModule } from '@qf/queue';
import { ReflectionsModule } from '@qf/reflections';
import { SessionsModule } from '@qf/sessions';
import { SupervisionModule } from '@qf/supervision';
import { IntegrityModule } from '@qf/integrity';
import { LoggerModule } from 'nestjs-pino';
import { AttendanceSealProcessor } from './attendance/attendance-seal.processor';
import { AttendanceCheckpointProcessor } from './audit/attendance-checkpoint.processor';
import { PruneProcessor } from './maintenance/prune.processor';
import { ReflectionCollectProcessor } from './reflections/reflection-collect.processor';
import { ReflectionFanoutProcessor } from './reflections/reflection-fanout.processor';
import { ReflectionWarningsProcessor } from './reflections/reflection-warnings.processor';
import { SessionFinalizeProcessor } from './sessions/session-finalize.processor';
import { SessionFinalizeSweep } from './sessions/session-finalize.sweep';
import { SessionNotifyProcessor } from './sessions/session-notify.processor';
import { queueProcessors } from './queue-processors';
import { SupervisionDigestProcessor, SupervisionWarningsProcessor } from './supervision/supervision.processors';
import { ReminderSendProcessor, TalkPlanWarningsProcessor } from './integrity/integrity.processors';

/** The worker: the same library modules as the api, no controllers; BullMQ processors and schedules. */
@Module({
  imports: [
    QfConfigModule.forRoot(),
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>) => pinoParams(config.get('LOG_LEVEL', { infer: true }), 'worker'),
    }),
    DatabaseModule,
    QueueModule.forWorker(),
    IdentityModule,
    NotificationsModule,
    ReflectionsModule,
    AttendanceModule,
    SessionsModule,
    SupervisionModule,
    AuditModule,
    IntegrityModule,
  ],
  providers: [...queueProcessors(validateEnv(process.env)), PruneProcessor, ReflectionFanoutProcessor, ReflectionCollectProcessor, ReflectionWarningsProcessor, AttendanceSealProcessor, AttendanceCheckpointProcessor, SessionFinalizeProcessor, SessionNotifyProcessor, SessionFinalizeSweep, SupervisionWarningsProcessor, SupervisionDigestProcessor, TalkPlanWarningsProcessor, ReminderSendProcessor],
})
export class WorkerModule {}
