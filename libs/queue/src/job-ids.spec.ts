import fc from 'fast-check';
import { jobId } from './job-options';
import { AnyJob, JobName, JobPayloads } from './jobs';

const empty = fc.constant({});
const localDate = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const sessionEvent = fc.constantFrom('session_published' as const, 'session_changed' as const, 'session_cancelled' as const);

/** Payloads as their producers write them; one entry per job name, so a new job cannot be left out. */
const PAYLOADS: { [N in JobName]: fc.Arbitrary<JobPayloads[N]> } = {
  [JobName.Prune]: empty,
  [JobName.AttendanceSeal]: empty,
  [JobName.AttendanceCheckpoint]: empty,
  [JobName.ReflectionFanout]: fc.record({ assignmentId: fc.uuid() }),
  [JobName.ReflectionCollect]: fc.record({ taskId: fc.uuid(), version: fc.integer({ min: 1, max: 2 ** 31 - 1 }) }),
  [JobName.ReflectionWarnings]: empty,
  [JobName.SessionFinalize]: fc.record({ sessionId: fc.uuid(), version: fc.bigInt({ min: 0n, max: 2n ** 62n }).map(String) }),
  // sessions.service.ts: `<event>.<sessionId>`, and `session_changed.<sessionId>.<uuid>` for each change.
  [JobName.SessionNotify]: fc
    .tuple(sessionEvent, fc.uuid(), fc.option(fc.uuid(), { nil: undefined }))
    .map(([event, sessionId, change]) => ({ sessionId, event, eventKey: [event, sessionId, change].filter(Boolean).join('.') })),
  [JobName.SupervisionWarnings]: empty,
  [JobName.SupervisionDigest]: fc.record({ week: localDate }),
  [JobName.TalkPlanWarnings]: empty,
  [JobName.ReminderSend]: fc.record({ reminderId: fc.uuid() }),
};

const anyJob: fc.Arbitrary<AnyJob> = fc.oneof(
  ...Object.values(JobName).map((name) => (PAYLOADS[name] as fc.Arbitrary<AnyJob['payload']>).map((payload) => ({ name, payload }) as AnyJob)),
);

describe('job ids', () => {
  it('distinct jobs (name and payload) never share an id, for every job name', () => {
    fc.assert(
      fc.property(fc.uniqueArray(anyJob, { selector: (j) => JSON.stringify(j), minLength: 2, maxLength: 40 }), (jobs) => {
        expect(new Set(jobs.map(jobId)).size).toBe(jobs.length);
      }),
      { numRuns: 500 },
    );
  });

  it('the same job always gets the same id, without ":" (BullMQ)', () => {
    fc.assert(
      fc.property(anyJob, (job) => {
        const id = jobId(job);
        expect(jobId(structuredClone(job))).toBe(id);
        expect(id).not.toContain(':');
      }),
    );
  });

  it('keeps the ids already stored in outboxes and queues', () => {
    const s = '3f1c6a2e-8d4b-4f0e-9a7c-1b2d3e4f5a6b';
    const t = '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b';
    expect(jobId({ name: JobName.Prune, payload: {} })).toBe('maintenance.prune');
    expect(jobId({ name: JobName.ReflectionFanout, payload: { assignmentId: s } })).toBe(`reflections.fanout.${s}`);
    expect(jobId({ name: JobName.ReflectionCollect, payload: { taskId: s, version: 3 } })).toBe(`reflections.collect.${s}.3`);
    expect(jobId({ name: JobName.SessionFinalize, payload: { sessionId: s, version: '1764203300000000' } })).toBe(`session.finalize.${s}.1764203300000000`);
    expect(jobId({ name: JobName.SessionNotify, payload: { sessionId: s, event: 'session_changed', eventKey: `session_changed.${s}.${t}` } })).toBe(
      `session.notify.session_changed.${s}.${t}.${s}`,
    );
    expect(jobId({ name: JobName.SupervisionDigest, payload: { week: '2026-11-30' } })).toBe('supervision.digest.2026-11-30');
    expect(jobId({ name: JobName.ReminderSend, payload: { reminderId: s } })).toBe(`integrity.reminder-send.${s}`);
  });
});
