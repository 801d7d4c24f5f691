/**
 * The one registry of queues, jobs and their payloads. Feature issues add their jobs here.
 * Queue names are stored in Redis: never rename one without a migration plan.
 * Payloads carry ids, not documents: handlers reload from PostgreSQL and check state before acting.
 */
export enum QueueName {
  Maintenance = 'maintenance',
  Notifications = 'notifications',
  Sessions = 'sessions',
  Attendance = 'attendance',
  Reflections = 'reflections',
}

export enum JobName {
  /** Deletes finished outbox rows and old login failures. */
  Prune = 'maintenance.prune',
}

export interface JobPayloads {
  [JobName.Prune]: Record<string, never>;
}

export type JobOf<N extends JobName> = { name: N; payload: JobPayloads[N] };
export type AnyJob = { [N in JobName]: JobOf<N> }[JobName];

/** Which queue carries each job. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.Prune]: QueueName.Maintenance,
};

/** Jobs that run on a schedule (BullMQ job schedulers, re-registered whenever Redis comes back). */
export const SCHEDULES: { name: JobName; everyMs: number }[] = [{ name: JobName.Prune, everyMs: 3_600_000 }];
