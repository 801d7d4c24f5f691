import Redis from 'ioredis';
import { collected, createAssignment, ESSAY_A, taskOf, waitOpen } from '../reflections/reflection-fixtures';
import { seedOrg, Seed } from '../support/seed';
import { createTestApp, TestApp } from '../support/test-app';
import { waitForQueuesDrained } from '../support/wait-for-queues';
import {
  count,
  createDraftSession,
  expectFanoutExact,
  expectPublishedExact,
  flushRedis,
  health,
  healthBecomes,
  midFanout,
  publishSession,
  unitWithPeople,
} from './fault-drill-fixtures';

jest.setTimeout(90_000);

/**
 * Fault drills on Redis (DESIGN.md rule 1: PostgreSQL is the source of truth, the queue only wakes
 * workers up): flushed mid-work, down and back, full. Afterwards every count is exact.
 * Fan-outs run in chunks of 100 with a pause, so a fault lands in the middle of one.
 */
describe('fault drills: Redis flushed, down, full (e2e)', () => {
  let t: TestApp;
  let seed: Seed;
  let big: string; // 1,200 people
  let small: string; // 40 people
  const BIG = 1_200;
  const SMALL = 40;

  beforeAll(async () => {
    // A job that was running when Redis went away or filled up cannot record its end; BullMQ hands it
    // to a worker again once its lock expires and a stalled check runs (WORKER_LOCK_DURATION_MS +
    // up to 2 × WORKER_STALLED_INTERVAL_MS). Short ones keep the drill inside its time budget.
    t = await createTestApp({
      worker: true,
      privateRedis: true,
      env: { REFLECTION_FANOUT_CHUNK: '100', REFLECTION_FANOUT_PAUSE_MS: '40', WORKER_LOCK_DURATION_MS: '3000', WORKER_STALLED_INTERVAL_MS: '3000' },
    });
    seed = await seedOrg(t);
    big = await unitWithPeople(t, seed.units.branchA, BIG, 'fd_big_');
    small = await unitWithPeople(t, seed.units.branchA, SMALL, 'fd_small_');
  });
  afterAll(() => t?.close());

  it('FLUSHALL in the middle of a fan-out and of session publishes → exact tasks and notifications', async () => {
    const assignment = await createAssignment(t, seed, 'organiserA', { audience: { unitIds: [big] } });
    const sessions = [await createDraftSession(t, seed, big), await createDraftSession(t, seed, small)];
    await midFanout(t, assignment);
    await flushRedis(t); // mid fan-out: its job, lock and the queue are gone
    // Publish, then flush at once: the notify jobs are relayed or about to be when Redis empties.
    for (const s of sessions) await publishSession(t, seed, s).expect((r) => expect(r.status).toBeLessThan(300));
    await flushRedis(t);
    await waitOpen(t, assignment, 60_000);
    await waitForQueuesDrained(t, 60_000);
    await expectFanoutExact(t, assignment, BIG);
    await expectPublishedExact(t, sessions[0], BIG);
    await expectPublishedExact(t, sessions[1], SMALL);
    expect((await health(t)).status).toBe(200);
  });

  it('Redis down: writes accepted (assignment 202, submission 2xx, publish 2xx), /health 503 within 1 s; all work done once back', async () => {
    // An open assignment whose task memberA will submit while Redis is down.
    const open = await createAssignment(t, seed, 'organiserA', { minChars: 50, audience: { userIds: [seed.users.memberA.id] } });
    await waitOpen(t, open);
    const task = await taskOf(t, open, seed.users.memberA.id);
    const session = await createDraftSession(t, seed, small);
    await waitForQueuesDrained(t);

    await t.redis.stop();
    let created: string;
    try {
      expect(await healthBecomes(t, 503, Date.now(), 1_000)).toBeLessThan(1_000);

      const started = Date.now();
      created = await createAssignment(t, seed, 'organiserA', { audience: { unitIds: [small] } }); // asserts 202
      const submitted = await t.http().post(`/api/v1/reflection-tasks/${task}/submit`).set('Authorization', seed.auth('memberA')).send({ body: ESSAY_A });
      expect(submitted.status).toBe(200);
      const published = await publishSession(t, seed, session);
      expect(published.status).toBeGreaterThanOrEqual(200);
      expect(published.status).toBeLessThan(300);
      expect(Date.now() - started).toBeLessThan(3_000); // no write waited for Redis

      // Committed in PostgreSQL, the work recorded in the outbox, nothing done yet.
      await new Promise((r) => setTimeout(r, 1_000));
      const [a] = await t.db.query(`SELECT status FROM reflection_assignments WHERE id = $1`, [created]);
      expect(a.status).toBe('dispatching');
      expect(await count(t, `SELECT count(*)::int AS n FROM attendance_records WHERE session_id = $1`, [session])).toBe(SMALL);
      expect(await count(t, `SELECT count(*)::int AS n FROM notifications WHERE event_key = $1`, [`session_published.${session}`])).toBe(0);
      expect(await count(t, `SELECT count(*)::int AS n FROM outbox WHERE done_at IS NULL`)).toBeGreaterThanOrEqual(3);
      expect((await health(t)).status).toBe(503);
    } finally {
      await t.redis.start();
    }
    await healthBecomes(t, 200, Date.now(), 5_000); // ioredis reconnects within its 2 s back-off
    await waitOpen(t, created!, 30_000);
    await collected(t, task);
    await waitForQueuesDrained(t, 60_000);
    await expectFanoutExact(t, created!, SMALL);
    await expectPublishedExact(t, session, SMALL);
    expect(await count(t, `SELECT count(*)::int AS n FROM notifications WHERE event_key = $1`, [`reflection_submitted:${task}:1`])).toBe(1);
  });

  it('Redis at maxmemory (noeviction): writes succeed or fail cleanly, nothing half-done; the work completes once memory is freed', async () => {
    const open = await createAssignment(t, seed, 'organiserA', { minChars: 50, audience: { userIds: [seed.users.memberA1.id] } });
    await waitOpen(t, open);
    const task = await taskOf(t, open, seed.users.memberA1.id);
    const session = await createDraftSession(t, seed, small);
    await waitForQueuesDrained(t);

    const redis = new Redis(t.redis.url);
    try {
      const used = Number(/used_memory:(\d+)/.exec(await redis.info('memory'))![1]);
      await redis.config('SET', 'maxmemory', String(Math.floor(used / 2)));
      const fullAt = Date.now();
      await expect(redis.set('fault-drill:probe', 'x')).rejects.toThrow(/OOM/);
      // Honest: Redis still answers PING, but refuses the work, so /health says 503.
      expect(await healthBecomes(t, 503, fullAt, 1_000)).toBeLessThan(1_000);

      const assignment = await t
        .http()
        .post('/api/v1/reflections/assignments')
        .set('Authorization', seed.auth('organiserA'))
        .send({ title: '内存满时布置的心得', dueAt: new Date(Date.now() + 86_400_000).toISOString(), audience: { unitIds: [small] } });
      const submitted = await t.http().post(`/api/v1/reflection-tasks/${task}/submit`).set('Authorization', seed.auth('memberA1')).send({ body: ESSAY_A });
      const published = await publishSession(t, seed, session);
      for (const res of [assignment, submitted, published]) expect([200, 201, 202, 503]).toContain(res.status);

      // Nothing half-done: each write is either all there (state + its outbox row) or not there at all.
      await new Promise((r) => setTimeout(r, 1_000));
      if (assignment.status === 202) {
        const [a] = await t.db.query(`SELECT status FROM reflection_assignments WHERE id = $1`, [assignment.body.id]);
        expect(a.status).toBe('dispatching'); // no job can reach Redis while it refuses writes
        expect(await count(t, `SELECT count(*)::int AS n FROM outbox WHERE job_id = $1`, [`reflections.fanout.${assignment.body.id}`])).toBe(1);
      } else {
        expect(await count(t, `SELECT count(*)::int AS n FROM reflection_assignments WHERE title = '内存满时布置的心得'`)).toBe(0);
      }
      const rosterNow = await count(t, `SELECT count(*)::int AS n FROM attendance_records WHERE session_id = $1`, [session]);
      expect(rosterNow).toBe(published.status === 503 ? 0 : SMALL);
      const [st] = await t.db.query(`SELECT status, submission_version FROM reflection_tasks WHERE id = $1`, [task]);
      expect(st).toEqual(submitted.status === 503 ? { status: expect.not.stringMatching('submitted'), submission_version: 0 } : { status: 'submitted', submission_version: 1 });

      await redis.config('SET', 'maxmemory', '0');
      await healthBecomes(t, 200, Date.now(), 2_000);
      if (assignment.status === 202) {
        await waitOpen(t, assignment.body.id, 40_000);
        await waitForQueuesDrained(t, 60_000);
        await expectFanoutExact(t, assignment.body.id, SMALL);
      }
      await waitForQueuesDrained(t, 60_000);
      if (published.status !== 503) await expectPublishedExact(t, session, SMALL);
      if (submitted.status !== 503) await collected(t, task);
      expect((await health(t)).status).toBe(200);
    } finally {
      await redis.config('SET', 'maxmemory', '0').catch(() => undefined);
      redis.disconnect();
    }
  });
});
