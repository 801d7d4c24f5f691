import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import type { ConnectionOptions } from 'bullmq';
import { ConfigService } from '@nestjs/config';
import { DiscoveryModule } from '@nestjs/core';
import { Env } from '@qf/config';
import { JobHandlerRegistry } from './job-handler.registry';
import { QueueName } from './jobs';
import { OutboxRelay } from './outbox-relay';
import { OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';
import { Reconciler } from './reconciler';
import { redisOptions } from './redis-connection';
import { QueueErrorLogger } from './queue-error-logger';
import { RedisProbe } from './redis-probe';

const queues = Object.values(QueueName).map((name) => ({ name }));

function bullRoot(failFast: boolean) {
  return BullModule.forRootAsync({
    inject: [ConfigService],
    useFactory: (config: ConfigService<Env, true>) => ({
      connection: redisOptions(config.get('REDIS_URL', { infer: true }), { failFast }) as ConnectionOptions,
      prefix: config.get('QUEUE_PREFIX', { infer: true }),
    }),
  });
}

/** Only this module (and the worker's processors) touch BullMQ. */
@Module({})
export class QueueModule {
  /** For the api: the outbox writer and read-only queue handles (health, Bull Board); never blocks on Redis. */
  static forApi(): DynamicModule {
    return {
      module: QueueModule,
      global: true,
      imports: [bullRoot(true), BullModule.registerQueue(...queues)],
      providers: [OutboxRepository, OutboxService, RedisProbe, QueueErrorLogger],
      exports: [OutboxService, RedisProbe, BullModule],
    };
  }

  /** For the worker: also the relay, the reconciler and the job handler registry. */
  static forWorker(): DynamicModule {
    return {
      module: QueueModule,
      global: true,
      imports: [DiscoveryModule, bullRoot(true), BullModule.registerQueue(...queues)],
      providers: [OutboxRepository, OutboxService, OutboxRelay, Reconciler, JobHandlerRegistry, RedisProbe, QueueErrorLogger],
      exports: [OutboxRepository, OutboxService, OutboxRelay, Reconciler, JobHandlerRegistry, RedisProbe, BullModule],
    };
  }
}
