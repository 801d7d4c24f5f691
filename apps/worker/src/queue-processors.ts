import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, Type } from '@nestjs/common';
import type { Env } from '@qf/config';
import { JobHandlerRegistry, QueueName, redisOptions } from '@qf/queue';
import type { ConnectionOptions, Job } from 'bullmq';

/**
 * One BullMQ worker per queue; each hands the job to its @JobHandler through the registry.
 * Workers wait for Redis to come back (offline queue on, no per-request retry limit), unlike
 * producers, which fail fast and leave the work in the outbox.
 */
function processorFor(queue: QueueName, env: Env): Type<WorkerHost> {
  const logger = new Logger(`queue:${queue}`);
  let lastErrorLog = 0;

  @Processor(queue, {
    concurrency: env.WORKER_CONCURRENCY,
    lockDuration: env.WORKER_LOCK_DURATION_MS,
    stalledInterval: env.WORKER_STALLED_INTERVAL_MS,
    connection: redisOptions(env.REDIS_URL, { failFast: false }) as ConnectionOptions,
  })
  class QueueProcessor extends WorkerHost {
    constructor(private readonly registry: JobHandlerRegistry) {
      super();
    }

    process(job: Job): Promise<unknown> {
      return this.registry.run(job);
    }

    @OnWorkerEvent('failed')
    onFailed(job: Job | undefined, err: Error): void {
      logger.warn(`${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}): ${err.message}`);
    }

    @OnWorkerEvent('error')
    onError(err: Error): void {
      // Connection errors repeat while Redis is down: log one a minute.
      if (Date.now() - lastErrorLog > 60_000) {
        lastErrorLog = Date.now();
        logger.warn(`worker error: ${err.message}`);
      }
    }
  }
  Object.defineProperty(QueueProcessor, 'name', { value: `${queue}QueueProcessor` });
  return QueueProcessor;
}

/** Decorator options are fixed when the worker module is loaded, so they take the validated environment then. */
export function queueProcessors(env: Env): Type<WorkerHost>[] {
  return Object.values(QueueName).map((q) => processorFor(q, env));
}
