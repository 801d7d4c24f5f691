import type { INestApplicationContext } from '@nestjs/common';
import Redis from 'ioredis';
import { createTestApp, TestApp } from '../support/test-app';
import { seedOrg, Seed } from '../support/seed';
import { eventually, waitForQueuesDrained } from '../support/wait-for-queues';
import { addPeople, addUnit, collected, createAssignment, ESSAY_A, taskOf, waitOpen } from './reflection-fixtures';

jest.setTimeout(90_000);

/** Redis flushed or down, and two workers at once: PostgreSQL keeps the work, nothing is lost or doubled. */
describe('reflections under Redis faults and concurrency (e2e)', () => {
  let t: TestApp;
  let seed: Seed;
  let unit500: string;
  const count = async (sql: string, params: unknown[]) => (await t.db.query(sql, params))[0].n as number;

  beforeAll(async () => {
    t = await createTestApp({ worker: true, privateRedis: true }); // flushes and stops Redis
    seed = await seedOrg(t);
    unit500 = await addUnit(t, seed.units.branchA, '五百人支部');
    await addPeople(t, unit500, 500, 'p500_');
  });
  afterAll(() => t.close());

  it('FLUSHALL right after creating an assignment for 500 people → exactly 500 tasks and notifications', async () => {
    const id = await createAssignment(t, seed, 'organiserA', { audience: { unitIds: [unit500] } });
    const redis = new Redis(t.redis.url);
    await redis.flushall();
    redis.disconnect();
    await waitOpen(t, id, 60_000);
    expect(await count(`SELECT count(*)::int AS n FROM reflection_tasks WHERE assignment_id = $1`, [id])).toBe(500);
    expect(await count(`SELECT count(*)::int AS n FROM notifications WHERE event_key = $1`, [`reflection_assigned:${id}`])).toBe(500);
    const a = await t.http().get(`/api/v1/reflections/assignments/${id}`).set('Authorization', seed.auth('organiserA')).expect(200);
    expect(a.body.counts.assigned).toBe(500);
  });

  it('accepts a submission with Redis stopped (2xx, committed) and collects it once Redis is back', async () => {
    const id = await createAssignment(t, seed, 'organiserA', { minChars: 50, audience: { userIds: [seed.users.memberA.id] } });
    await waitOpen(t, id);
    const task = await taskOf(t, id, seed.users.memberA.id);
    await t.redis.stop();
    try {
      const started = Date.now();
      const res = await t.http().post(`/api/v1/reflection-tasks/${task}/submit`).set('Authorization', seed.auth('memberA')).send({ body: ESSAY_A });
      expect(res.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(res.body.status).toBe('submitted');
      const [row] = await t.db.query(`SELECT status, submission_version, collected_version FROM reflection_tasks WHERE id = $1`, [task]);
      expect(row).toEqual({ status: 'submitted', submission_version: 1, collected_version: 0 });
      const [job] = await t.db.query(`SELECT payload, done_at FROM outbox WHERE job_id = $1`, [`reflections.collect.${task}.1`]);
      expect(job).toEqual({ payload: { taskId: task, version: 1 }, done_at: null });
      await new Promise((r) => setTimeout(r, 1_500));
      const [still] = await t.db.query(`SELECT collected_version FROM reflection_tasks WHERE id = $1`, [task]);
      expect(still.collected_version).toBe(0);
    } finally {
      await t.redis.start();
    }
    await collected(t, task);
    // The score is for reviewers (the owner's own view has none).
    const after = await t.http().get(`/api/v1/reflection-tasks/${task}`).set('Authorization', seed.auth('auditor')).expect(200);
    expect(after.body.similarity).toEqual({ score: expect.any(Number), similarTaskId: null });
  });

  it('two workers at once: no duplicate tasks, notifications or collections', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createWorker } = require('../../apps/worker/src/worker.setup') as typeof import('../../apps/worker/src/worker.setup');
    let second: INestApplicationContext | undefined;
    try {
      second = await createWorker();
      await second.init();
      const ids = await Promise.all([
        createAssignment(t, seed, 'organiserA', { minChars: 50, audience: { unitIds: [unit500, seed.units.branchA] } }),
        createAssignment(t, seed, 'admin', { minChars: 50, audience: { unitIds: [unit500], userIds: [seed.users.memberB.id] } }),
      ]);
      for (const id of ids) await waitOpen(t, id, 60_000);
      expect(await count(`SELECT count(*)::int AS n FROM reflection_tasks WHERE assignment_id = $1`, [ids[0]])).toBe(503);
      expect(await count(`SELECT count(*)::int AS n FROM reflection_tasks WHERE assignment_id = $1`, [ids[1]])).toBe(501);
      for (const id of ids) {
        const dupes = await count(
          `SELECT count(*)::int AS n FROM (SELECT user_id FROM notifications WHERE event_key = $1 GROUP BY user_id HAVING count(*) > 1) d`,
          [`reflection_assigned:${id}`],
        );
        expect(dupes).toBe(0);
      }
      expect(await count(`SELECT count(*)::int AS n FROM notifications WHERE event_key = $1`, [`reflection_assigned:${ids[0]}`])).toBe(503);
      // Many submissions collected by both workers: each collected once, one notification each.
      const tasks: { id: string; user_id: string }[] = await t.db.query(
        `SELECT id, user_id FROM reflection_tasks WHERE assignment_id = $1 AND user_id = ANY($2::uuid[])`,
        [ids[0], [seed.users.memberA.id, seed.users.memberA1.id, seed.users.organiserA.id]],
      );
      const callers = { [seed.users.memberA.id]: 'memberA', [seed.users.memberA1.id]: 'memberA1', [seed.users.organiserA.id]: 'organiserA' } as const;
      await Promise.all(
        tasks.map((x) =>
          t.http().post(`/api/v1/reflection-tasks/${x.id}/submit`).set('Authorization', seed.auth(callers[x.user_id])).send({ body: ESSAY_A }).expect(200),
        ),
      );
      for (const x of tasks) await collected(t, x.id);
      await waitForQueuesDrained(t);
      const submitted = await count(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'reflection_submitted' AND event_key = ANY($1::text[])`, [
        tasks.map((x) => `reflection_submitted:${x.id}:1`),
      ]);
      expect(submitted).toBe(3);
      // Identical essays collected one at a time per assignment: each but the first finds a look-alike.
      const scores: { similarity_score: number }[] = await t.db.query(`SELECT similarity_score FROM reflection_tasks WHERE id = ANY($1::uuid[])`, [
        tasks.map((x) => x.id),
      ]);
      expect(scores.every((s) => s.similarity_score >= 0.95)).toBe(true);
    } finally {
      await second?.close();
    }
  });

  it('re-derives pending work from PostgreSQL when the outbox row is gone', async () => {
    const id = await createAssignment(t, seed, 'organiserA', { audience: { unitIds: [seed.units.groupA1] } });
    // Simulate a lost job: the outbox row marked done, the queue flushed; only the 'dispatching' state remains.
    await t.db.query(`UPDATE outbox SET done_at = now() WHERE job_id = $1`, [`reflections.fanout.${id}`]);
    const redis = new Redis(t.redis.url);
    await redis.flushall();
    redis.disconnect();
    await waitOpen(t, id, 30_000);
    await eventually(async () => (await count(`SELECT count(*)::int AS n FROM reflection_tasks WHERE assignment_id = $1`, [id])) === 1);
  });
});
