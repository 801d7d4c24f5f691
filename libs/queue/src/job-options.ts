import type { JobsOptions } from 'bullmq';
import { AnyJob, JobName, JobPayloads } from './jobs';

export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/**
 * The deterministic job id of a job, decided here and nowhere else: the same work always gets the
 * same id, so a job relayed twice (relay retry, reconciler, a second worker) exists once in the queue.
 * BullMQ ids may not contain ':'.
 */
export function jobIdFor<N extends JobName>(name: N, payload: JobPayloads[N]): string {
  const p = payload as Record<string, unknown>;
  // One id per unit of work: the entity the job is about, plus a version where the same entity is
  // legitimately worked on again (e.g. a resubmitted essay).
  const key = [p.eventKey, p.sessionId, p.assignmentId, p.taskId, p.reminderId, p.week, p.version].filter((v) => v !== undefined);
  return key.length ? `${name}.${key.join('.')}` : name;
}

export function jobId(job: AnyJob): string {
  return jobIdFor(job.name, job.payload as never).replace(/:/g, '_');
}
