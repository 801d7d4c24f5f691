import type { JobsOptions } from 'bullmq';
import { AnyJob, JOB_IDS } from './jobs';

export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/** The job's id (JOB_IDS) as BullMQ takes it: ids may not contain ':'. */
export function jobId(job: AnyJob): string {
  const idOf = JOB_IDS[job.name] as (payload: AnyJob['payload']) => string;
  return idOf(job.payload).replace(/:/g, '_');
}
