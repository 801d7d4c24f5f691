import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { pinoParams } from '@qf/common';
import { Env, QfConfigModule } from '@qf/config';
import { DatabaseModule } from '@qf/database';
import { FEATURE_MODULES } from '@qf/features';
import { QueueModule } from '@qf/queue';
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
import { QueueWorkers } from './queue-workers';
import { SupervisionDigestProcessor, SupervisionWarningsProcessor } from './supervision/supervision.processors';
import { ReminderSendProcessor, TalkPlanWarningsProcessor } from './integrity/integrity.processors';

/** The worker: the same feature modules as the api (FEATURE_MODULES), no controllers; BullMQ workers, job handlers and schedules. */
@Module({
  imports: [
    QfConfigModule.forRoot(),
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>) => pinoParams(config.get('LOG_LEVEL', { infer: true }), 'worker'),
    }),
    DatabaseModule,
    QueueModule.forWorker(),
    ...FEATURE_MODULES,
  ],
  providers: [QueueWorkers, PruneProcessor, ReflectionFanoutProcessor, ReflectionCollectProcessor, ReflectionWarningsProcessor, AttendanceSealProcessor, AttendanceCheckpointProcessor, SessionFinalizeProcessor, SessionNotifyProcessor, SessionFinalizeSweep, SupervisionWarningsProcessor, SupervisionDigestProcessor, TalkPlanWarningsProcessor, ReminderSendProcessor],
})
export class WorkerModule {}
