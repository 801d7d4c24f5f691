import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Type } from '@nestjs/common';
import { JobHandlerRegistry, QueueName } from '@qf/queue';
import type { Job } from 'bullmq';

/** One BullMQ worker per queue; each hands the job to its @JobHandler through the registry. */
function processorFor(queue: QueueName, concurrency: number): Type<WorkerHost> {
  @Processor(queue, { concurrency })
  class QueueProcessor extends WorkerHost {
    constructor(private readonly registry: JobHandlerRegistry) {
      super();
    }
    process(job: Job): Promise<unknown> {
      return this.registry.run(job);
    }
  }
  Object.defineProperty(QueueProcessor, 'name', { value: `${queue}QueueProcessor` });
  return QueueProcessor;
}

export function queueProcessors(concurrency: number): Type<WorkerHost>[] {
  return Object.values(QueueName).map((q) => processorFor(q, concurrency));
}
