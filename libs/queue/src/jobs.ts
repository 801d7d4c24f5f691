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
  Supervision = 'supervision',
  Integrity = 'integrity',
}

export enum JobName {
  /** Deletes finished outbox rows and old login failures. */
  Prune = 'maintenance.prune',
  /** Scheduled: chains new attendance log entries into the hash chain, seconds behind the writers. */
  AttendanceSeal = 'attendance.seal',
  /** Scheduled daily at 00:05 (ORG_TIMEZONE): logs a signed checkpoint of the attendance log's sealed head. */
  AttendanceCheckpoint = 'attendance.checkpoint',
  /** Creates the tasks and notifications of a reflection assignment, in chunks, then opens it. */
  ReflectionFanout = 'reflections.fanout',
  /** Collects one submitted reflection (similarity, organiser's notification). */
  ReflectionCollect = 'reflections.collect',
  /** Scheduled: due-soon / overdue notifications and the organisers' red digests. */
  ReflectionWarnings = 'reflections.warnings',
  /** Completes a published session shortly after its end (endsAt + FINALIZE_DELAY_SECONDS). */
  SessionFinalize = 'session.finalize',
  /** Notifies a session's roster of an event, in one INSERT … SELECT. */
  SessionNotify = 'session.notify',
  /** Scheduled: supervision items' yellow / red notifications (once each) and campaign filing reminders. */
  SupervisionWarnings = 'supervision.warnings',
  /** The weekly supervision digest of one week (Monday 09:00 local); re-derived by the reconciler, sent once per week. */
  SupervisionDigest = 'supervision.digest',
  /** Scheduled: reminds the creators of talk plans still short of full coverage at 30 % of the period left (once each). */
  TalkPlanWarnings = 'integrity.talk-plan-warnings',
  /** Sends one holiday integrity reminder at its send time; the reminder's sent_at makes it once. */
  ReminderSend = 'integrity.reminder-send',
}

export interface JobPayloads {
  [JobName.Prune]: Record<string, never>;
  [JobName.AttendanceSeal]: Record<string, never>;
  [JobName.AttendanceCheckpoint]: Record<string, never>;
  [JobName.ReflectionFanout]: { assignmentId: string };
  /** version: the task's submission_version; an older version than the task's does nothing. */
  [JobName.ReflectionCollect]: { taskId: string; version: number };
  [JobName.ReflectionWarnings]: Record<string, never>;
  /** version: the session's ends_at in epoch microseconds when scheduled; a stale version does nothing. */
  [JobName.SessionFinalize]: { sessionId: string; version: string };
  [JobName.SessionNotify]: { sessionId: string; event: 'session_published' | 'session_changed' | 'session_cancelled'; eventKey: string };
  [JobName.SupervisionWarnings]: Record<string, never>;
  /** week: the digest week's local Monday (YYYY-MM-DD); one job per week. */
  [JobName.SupervisionDigest]: { week: string };
  [JobName.TalkPlanWarnings]: Record<string, never>;
  [JobName.ReminderSend]: { reminderId: string };
}

export type JobOf<N extends JobName> = { name: N; payload: JobPayloads[N] };
export type AnyJob = { [N in JobName]: JobOf<N> }[JobName];

/** Which queue carries each job. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.Prune]: QueueName.Maintenance,
  [JobName.AttendanceSeal]: QueueName.Attendance,
  [JobName.AttendanceCheckpoint]: QueueName.Attendance,
  [JobName.ReflectionFanout]: QueueName.Reflections,
  [JobName.ReflectionCollect]: QueueName.Reflections,
  [JobName.ReflectionWarnings]: QueueName.Reflections,
  [JobName.SessionFinalize]: QueueName.Sessions,
  [JobName.SessionNotify]: QueueName.Notifications,
  [JobName.SupervisionWarnings]: QueueName.Supervision,
  [JobName.SupervisionDigest]: QueueName.Supervision,
  [JobName.TalkPlanWarnings]: QueueName.Integrity,
  [JobName.ReminderSend]: QueueName.Integrity,
};

/**
 * Jobs that run on a schedule (BullMQ job schedulers, re-registered whenever Redis comes back):
 * every `everyMs`, or at the times of a cron `pattern` in ORG_TIMEZONE.
 */
export type Schedule = { name: JobName; everyMs: number } | { name: JobName; pattern: string };

export const SCHEDULES: Schedule[] = [
  { name: JobName.Prune, everyMs: 3_600_000 },
  { name: JobName.AttendanceSeal, everyMs: 2_000 },
  { name: JobName.ReflectionWarnings, everyMs: 60_000 },
  { name: JobName.SupervisionWarnings, everyMs: 60_000 },
  { name: JobName.TalkPlanWarnings, everyMs: 60_000 },
  { name: JobName.AttendanceCheckpoint, pattern: '5 0 * * *' },
];
