import { DiscoveryService } from '@nestjs/core';
import { JobName } from './jobs';

/** Marks a worker method as the one handler of a job: `@JobHandler(JobName.SessionFinalize) finalize(payload) {…}`. */
export const JobHandler = DiscoveryService.createDecorator<JobName>();

/** Marks a provider whose `enqueuePendingWork()` re-derives pending work from PostgreSQL into the outbox. */
export const PendingWorkSource = DiscoveryService.createDecorator<void>();

export interface PendingWork {
  /** Insert outbox rows (idempotently) for work that state in PostgreSQL says is still due. */
  enqueuePendingWork(): Promise<void>;
}
