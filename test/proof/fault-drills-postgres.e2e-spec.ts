import { Client } from 'pg';
import type { Response } from 'supertest';
import { seedOrg, Seed } from '../support/seed';
import { createTestApp, TestApp } from '../support/test-app';
import { eventually, waitForQueuesDrained } from '../support/wait-for-queues';
import { count, createDraftSession, expectFanoutExact, expectPublishedExact, health, publishSession, unitWithPeople } from './fault-drill-fixtures';

jest.setTimeout(90_000);

/** A request's outcome: its HTTP status, or 0 when the connection itself failed. */
const outcome = (p: PromiseLike<Response>) =>
  Promise.resolve(p).then(
    (r) => ({ status: r.status, body: r.body as Record<string, any> }),
    () => ({ status: 0, body: {} as Record<string, any> }),
  );

/**
 * Fault drill on PostgreSQL: the api's (and worker's) connections (application_name 'qingfeng') are
 * terminated with pg_terminate_backend while a batch of writes is in flight. Each request either
 * succeeded, and its effect is there exactly once, or failed with a clean status and left nothing
 * behind; the api keeps serving.
 */
describe('fault drill: PostgreSQL connections dropped mid-request (e2e)', () => {
  let t: TestApp;
  let seed: Seed;
  let roster: string; // 60 people, marked in the batch
  let small: string; // 20 people, the audience of the batch's assignments and sessions
  let rosterIds: string[];
  let session: string;
  const ROSTER = 60;
  const SMALL = 20;

  beforeAll(async () => {
    t = await createTestApp({ worker: true });
    seed = await seedOrg(t);
    roster = await unitWithPeople(t, seed.units.branchA, ROSTER, 'pg_roster_');
    small = await unitWithPeople(t, seed.units.branchA, SMALL, 'pg_small_');
    rosterIds = (await t.db.query(`SELECT id FROM users WHERE unit_id = $1 ORDER BY id`, [roster])).map((r: { id: string }) => r.id);
    session = await createDraftSession(t, seed, roster);
    await publishSession(t, seed, session).expect((r) => expect(r.status).toBeLessThan(300));
    await waitForQueuesDrained(t);
  });
  afterAll(() => t?.close());

  it('pg_terminate_backend during a batch of writes → each request done exactly once or cleanly refused; the api keeps serving', async () => {
    const drafts = await Promise.all(Array.from({ length: 4 }, () => createDraftSession(t, seed, small)));
    const killer = new Client({ connectionString: t.databaseUrl, application_name: 'fault-drill' });
    await killer.connect();
    let terminated = 0;
    let results: { status: number; body: Record<string, any> }[];
    const as = seed.auth('organiserA');
    const dueAt = new Date(Date.now() + 86_400_000).toISOString();
    try {
      const requests = [
        ...rosterIds.map((userId) => t.http().put(`/api/v1/sessions/${session}/attendance/${userId}`).set('Authorization', as).send({ status: 'excused' })),
        ...Array.from({ length: 6 }, (_, i) =>
          t.http().post('/api/v1/reflections/assignments').set('Authorization', as).send({ title: `断连演练心得 ${i}`, dueAt, audience: { unitIds: [small] } }),
        ),
        ...drafts.map((s) => publishSession(t, seed, s)),
      ];
      const pending = Promise.all(requests.map(outcome));
      // Terminate the application's backends again and again while the batch runs.
      const stopAt = Date.now() + 800;
      while (Date.now() < stopAt) {
        const { rowCount } = await killer.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE application_name = 'qingfeng' AND datname = current_database()`,
        );
        terminated += rowCount ?? 0;
        await new Promise((r) => setTimeout(r, 25));
      }
      results = await pending;
    } finally {
      await killer.end();
    }
    expect(terminated).toBeGreaterThan(0);
    // Every answer is a success or a clean failure: no hang, no internals in the body.
    for (const r of results) {
      expect([200, 201, 202, 503]).toContain(r.status); // a lost connection is 503 (retry), never a 500
      if (r.status >= 500) expect(JSON.stringify(r.body)).not.toMatch(/terminat|stack|at .*\.js/i);
    }
    const failed = results.filter((r) => r.status >= 500).length;

    // The api keeps serving (its pool replaces the dropped connections).
    await eventually(async () => (await health(t)).status === 200, 10_000);
    await t.http().get('/api/v1/me').set('Authorization', as).expect(200);

    // Marks: 200 → excused with exactly one log entry; otherwise all or nothing (record and its log entry together).
    const marks = results.slice(0, ROSTER);
    const rows: { user_id: string; status: string; marks: number; last: string }[] = await t.db.query(
      `SELECT ar.user_id, ar.status,
              (SELECT count(*)::int FROM attendance_log l WHERE l.session_id = ar.session_id AND l.user_id = ar.user_id AND l.action = 'mark') AS marks,
              (SELECT l.to_status FROM attendance_log l WHERE l.session_id = ar.session_id AND l.user_id = ar.user_id ORDER BY l.seq DESC LIMIT 1) AS last
         FROM attendance_records ar WHERE ar.session_id = $1 AND ar.user_id = ANY($2::uuid[])`,
      [session, rosterIds],
    );
    const byUser = new Map(rows.map((r) => [r.user_id, r]));
    rosterIds.forEach((userId, i) => {
      const r = byUser.get(userId)!;
      expect(r.last).toBe(r.status); // the log agrees with the record
      expect(r.marks).toBe(r.status === 'excused' ? 1 : 0);
      if (marks[i].status === 200) expect(r.status).toBe('excused');
      else expect(['excused', 'expected']).toContain(r.status);
    });

    // Assignments: 202 → stored with its fan-out job; each stored one fans out exactly.
    const created = results.slice(ROSTER, ROSTER + 6);
    const stored: { id: string }[] = await t.db.query(`SELECT id FROM reflection_assignments WHERE title LIKE '断连演练心得 %'`);
    for (const r of created) if (r.status === 202) expect(stored.map((s) => s.id)).toContain(r.body.id);
    for (const a of stored) {
      expect(await count(t, `SELECT count(*)::int AS n FROM outbox WHERE job_id = $1`, [`reflections.fanout.${a.id}`])).toBe(1);
    }

    // Publishes: 2xx → published; a draft has nothing of a roster.
    const published = results.slice(ROSTER + 6);
    await waitForQueuesDrained(t, 40_000);
    for (const a of stored) await expectFanoutExact(t, a.id, SMALL);
    for (const [i, s] of drafts.entries()) {
      const [row] = await t.db.query(`SELECT status FROM sessions WHERE id = $1`, [s]);
      if (published[i].status >= 200 && published[i].status < 300) expect(row.status).toBe('published');
      if (row.status === 'published') await expectPublishedExact(t, s, SMALL);
      else {
        expect(row.status).toBe('draft');
        expect(await count(t, `SELECT count(*)::int AS n FROM attendance_records WHERE session_id = $1`, [s])).toBe(0);
        expect(await count(t, `SELECT count(*)::int AS n FROM attendance_log WHERE session_id = $1`, [s])).toBe(0);
      }
    }

    // The attendance log chain is intact once sealed, and writes work again.
    const retry = rosterIds.filter((id) => byUser.get(id)!.status === 'expected');
    for (const userId of retry.slice(0, 5)) {
      await t.http().put(`/api/v1/sessions/${session}/attendance/${userId}`).set('Authorization', as).send({ status: 'excused' }).expect(200);
    }
    await eventually(async () => {
      const v = await t.http().get('/api/v1/audit/attendance/verify').set('Authorization', seed.auth('auditor')).expect(200);
      expect(v.body.ok).toBe(true);
      return v.body.unsealed === 0;
    }, 20_000);
    // Record how many requests the drill refused, for the report of a failing run.
    expect(failed).toBeLessThanOrEqual(results.length);
  });
});
