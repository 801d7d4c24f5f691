import { BeforeApplicationShutdown, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Env } from '@qf/config';
import { JobHandlerRegistry, QueueName, redisOptions } from '@qf/queue';
import { ConnectionOptions, Job, Worker, WorkerOptions } from 'bullmq';

/**
 * One BullMQ worker per queue; each hands the job to its @JobHandler through the registry. Built at
 * start-up from the validated configuration (not when this file is imported). Workers wait for Redis
 * to come back (offline queue on, no per-request retry limit), unlike producers, which fail fast and
 * leave the work in the outbox. They close (finishing the jobs in hand) before the database does.
 */
@Injectable()
export class QueueWorkers implements OnModuleInit, BeforeApplicationShutdown {
  private workers: Worker[] = [];

  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly config: ConfigService<Env, true>,
  ) {}

  onModuleInit(): void {
    const c = this.config;
    const options: WorkerOptions = {
      connection: redisOptions(c.get('REDIS_URL', { infer: true }), { failFast: false }) as ConnectionOptions,
      prefix: c.get('QUEUE_PREFIX', { infer: true }),
      concurrency: c.get('WORKER_CONCURRENCY', { infer: true }),
      lockDuration: c.get('WORKER_LOCK_DURATION_MS', { infer: true }),
      stalledInterval: c.get('WORKER_STALLED_INTERVAL_MS', { infer: true }),
    };
    this.workers = Object.values(QueueName).map((queue) => this.start(queue, options));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
  }

  private start(queue: QueueName, options: WorkerOptions): Worker {
    const logger = new Logger(`queue:${queue}`);
    let lastErrorLog = 0;
    const worker = new Worker(queue, (job: Job) => this.registry.run(job), options);
    worker.on('failed', (job: Job | undefined, err: Error) => {
      logger.warn(`${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}): ${err.message}`);
    });
    worker.on('error', (err: Error) => {
      // Connection errors repeat while Redis is down: log one a minute.
      if (Date.now() - lastErrorLog > 60_000) {
        lastErrorLog = Date.now();
        logger.warn(`worker error: ${err.message}`);
      }
    });
    return worker;
  }
}
