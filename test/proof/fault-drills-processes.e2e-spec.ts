import type { ChildProcess } from 'node:child_process';
import Redis from 'ioredis';
import { createAssignment, waitOpen } from '../reflections/reflection-fixtures';
import { seedOrg, Seed } from '../support/seed';
import { createTestApp, TestApp } from '../support/test-app';
import { eventually, waitForQueuesDrained } from '../support/wait-for-queues';
import {
  count,
  createDraftSession,
  ensureWorkerBuilt,
  expectFanoutExact,
  expectPublishedExact,
  health,
  killed,
  midFanout,
  publishSession,
  spawnWorker,
  unitWithPeople,
} from './fault-drill-fixtures';

jest.setTimeout(120_000);

/**
 * Fault drills on the processes: a worker killed with SIGKILL in the middle of a fan-out (a real
 * child process running the built worker), and the api and the worker closed and rebuilt mid-way.
 * Fan-outs run in chunks of 100 with a pause, so the fault lands in the middle of one.
 */
describe('fault drills: worker killed, api and worker restarted (e2e)', () => {
  let t: TestApp;
  let seed: Seed;
  let big: string;
  let small: string;
  const BIG = 1_500;
  const SMALL = 30;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    ensureWorkerBuilt();
    // No worker in this process: the first drill's workers are child processes.
    t = await createTestApp({ privateRedis: true, env: { REFLECTION_FANOUT_CHUNK: '100', REFLECTION_FANOUT_PAUSE_MS: '100' } });
    seed = await seedOrg(t);
    big = await unitWithPeople(t, seed.units.branchA, BIG, 'fk_big_');
    small = await unitWithPeople(t, seed.units.branchA, SMALL, 'fk_small_');
  }, 300_000);
  afterAll(async () => {
    for (const child of children) await killed(child, 'SIGKILL');
    await t?.close();
  });

  it('a worker SIGKILLed mid fan-out: a new worker recovers the stalled job → exact counts, no duplicates', async () => {
    // BullMQ's defaults (30 s lock, 30 s stalled check) recover a killed worker's job in 30–60 s;
    // the child workers here run with a 2 s lock and check (WORKER_LOCK_DURATION_MS / WORKER_STALLED_INTERVAL_MS).
    const first = spawnWorker({ lockMs: 2_000 });
    children.push(first);
    const id = await createAssignment(t, seed, 'organiserA', { audience: { unitIds: [big] } });
    await midFanout(t, id, 60_000);
    await killed(first, 'SIGKILL');
    const [{ status, done }] = await t.db.query(
      `SELECT status, (SELECT count(*)::int FROM reflection_tasks WHERE assignment_id = $1) AS done FROM reflection_assignments WHERE id = $1`,
      [id],
    );
    expect(status).toBe('dispatching');
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(BIG);

    const killedAt = Date.now();
    const second = spawnWorker({ lockMs: 2_000 });
    children.push(second);
    await waitOpen(t, id, 60_000);
    const recoveryMs = Date.now() - killedAt;
    await waitForQueuesDrained(t, 30_000);
    await expectFanoutExact(t, id, BIG);
    // Recovered through BullMQ's stalled-job check (the reconciler cannot re-add an id BullMQ still holds).
    const redis = new Redis(t.redis.url);
    try {
      const stalled = await redis.hget(`${process.env.QUEUE_PREFIX}:reflections:reflections.fanout.${id}`, 'stc');
      expect(stalled).toBe('1');
    } finally {
      redis.disconnect();
    }
    expect(recoveryMs).toBeLessThan(60_000);
    await killed(second, 'SIGTERM');
  });

  it('a worker killed twice in the same job (a crash loop): BullMQ fails the job for stalling, the reconciler retries it → exact counts', async () => {
    const tasks = async (id: string) => count(t, `SELECT count(*)::int AS n FROM reflection_tasks WHERE assignment_id = $1`, [id]);
    const id = await createAssignment(t, seed, 'organiserA', { audience: { unitIds: [big] } });
    const first = spawnWorker({ lockMs: 2_000 });
    children.push(first);
    await midFanout(t, id, 60_000);
    await killed(first, 'SIGKILL');
    const afterFirst = await tasks(id);

    const second = spawnWorker({ lockMs: 2_000 });
    children.push(second);
    await eventually(async () => (await tasks(id)) > afterFirst, 60_000); // resumed from its cursor
    await killed(second, 'SIGKILL');
    const [a] = await t.db.query(`SELECT status FROM reflection_assignments WHERE id = $1`, [id]);
    expect(a.status).toBe('dispatching');

    // Stalled twice: more than BullMQ's maxStalledCount (1), so BullMQ fails the job. Its id stays in
    // the failed set (removeOnFail: 7 days), where re-adding it is a no-op; the outbox row is not done.
    const third = spawnWorker({ lockMs: 2_000 });
    children.push(third);
    await waitOpen(t, id, 60_000);
    await waitForQueuesDrained(t, 30_000);
    await expectFanoutExact(t, id, BIG);
    const redis = new Redis(t.redis.url);
    try {
      // Stalled twice, failed by BullMQ, then retried (a job failed on its own merits has no stalls).
      expect(Number(await redis.hget(`${process.env.QUEUE_PREFIX}:reflections:reflections.fanout.${id}`, 'stc'))).toBeGreaterThanOrEqual(2);
    } finally {
      redis.disconnect();
    }
    await killed(third, 'SIGTERM');
  });

  it('api and worker closed and rebuilt mid-way (fan-out running, publishes in flight) → nothing lost, nothing doubled', async () => {
    await t.startWorker();
    const id = await createAssignment(t, seed, 'organiserA', { audience: { unitIds: [big] } });
    const sessions = await Promise.all(Array.from({ length: 6 }, () => createDraftSession(t, seed, small)));
    await midFanout(t, id, 30_000);

    // Publishes in flight while both processes go down.
    const inFlight = sessions.map((s) =>
      publishSession(t, seed, s).then(
        (r) => r.status,
        () => 0, // connection closed under the request
      ),
    );
    await new Promise((r) => setTimeout(r, 20));
    await t.stopWorker();
    await t.restartApi();
    await t.startWorker();
    const statuses = await Promise.all(inFlight);
    for (const s of statuses) expect(s === 0 || (s >= 200 && s < 300) || s >= 500).toBe(true);

    await waitOpen(t, id, 60_000);
    await waitForQueuesDrained(t, 30_000);
    await expectFanoutExact(t, id, BIG);
    for (const [i, s] of sessions.entries()) {
      const [row] = await t.db.query(`SELECT status FROM sessions WHERE id = $1`, [s]);
      if (statuses[i] >= 200 && statuses[i] < 300) expect(row.status).toBe('published'); // answered 2xx → committed
      if (row.status === 'published') await expectPublishedExact(t, s, SMALL);
      else {
        expect(row.status).toBe('draft'); // not committed: nothing of it is there
        expect(await count(t, `SELECT count(*)::int AS n FROM attendance_records WHERE session_id = $1`, [s])).toBe(0);
        expect(await count(t, `SELECT count(*)::int AS n FROM outbox WHERE job_id LIKE $1`, [`%${s}%`])).toBe(0);
      }
    }
    // The rebuilt api serves reads and writes.
    expect((await health(t)).status).toBe(200);
    const again = await createDraftSession(t, seed, small);
    expect((await publishSession(t, seed, again)).status).toBeLessThan(300);
    await waitForQueuesDrained(t, 30_000);
    await expectPublishedExact(t, again, SMALL);
  });
});
