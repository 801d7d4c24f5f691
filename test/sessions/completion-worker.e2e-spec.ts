import { createTestApp, TestApp } from '../support/test-app';
import { Caller, seedOrg, Seed } from '../support/seed';
import { eventually, waitForQueuesDrained } from '../support/wait-for-queues';
import { createCatalog, createSession, slot, StudyCatalog } from './session-factory';

jest.setTimeout(60_000);

describe('session completion by the worker (e2e)', () => {
  let t: TestApp;
  let seed: Seed;
  let c: StudyCatalog;
  const as = (who: Caller) => ({ Authorization: seed.auth(who) });
  /** Started a few minutes ago (distinct per call), ends three seconds from now. */
  // Distinct starts (the api refuses two sessions of a unit that start at the same time), counted back
  // from the file's first minute: relative to the current minute, a minute passing between two calls
  // made 'now - 3 min' meet the earlier 'now - 2 min' (a CI run saw that 409).
  const firstMinute = Math.floor(Date.now() / 60_000) * 60_000;
  let earlier = 0;
  const endingSoon = () => ({
    startsAt: new Date(firstMinute - ++earlier * 60_000).toISOString(),
    endsAt: new Date(Date.now() + 3_000).toISOString(),
  });
  const statusOf = async (id: string) => (await t.db.query(`SELECT status FROM sessions WHERE id = $1`, [id]))[0].status;

  beforeAll(async () => {
    t = await createTestApp({ worker: true, env: { FINALIZE_DELAY_SECONDS: '0' } });
    seed = await seedOrg(t);
    c = await createCatalog(t, seed);
  });
  afterAll(() => t.close());

  it('completes a published session after its end without any request', async () => {
    const s = await createSession(t, seed, c, endingSoon());
    await t.http().post(`/api/v1/sessions/${s.id}/publish`).set(as('organiserA')).expect(200);
    await eventually(async () => (await statusOf(s.id)) === 'completed', 20_000);
    const res = await t.http().get(`/api/v1/sessions/${s.id}`).set(as('memberA')).expect(200);
    expect(res.body.counts).toEqual({ expected: 0, present: 0, late: 0, excused: 0, absent: 3 });
    const log = await t.db.query(`SELECT actor_id FROM attendance_log WHERE session_id = $1 AND action = 'completion'`, [s.id]);
    expect(log).toHaveLength(3);
    expect(log.every((l: { actor_id: string | null }) => l.actor_id === null)).toBe(true);
  });

  it('completes a session whose end is already past at publish, and completing by hand afterwards is harmless', async () => {
    const s = await createSession(t, seed, c, slot(-3));
    await t.http().post(`/api/v1/sessions/${s.id}/publish`).set(as('organiserA')).expect(200);
    await eventually(async () => (await statusOf(s.id)) === 'completed');
    const again = await t.http().post(`/api/v1/sessions/${s.id}/complete`).set(as('organiserA')).expect(200);
    expect(again.body.status).toBe('completed');
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM attendance_log WHERE session_id = $1 AND action = 'completion'`, [s.id]);
    expect(n).toBe(3);
  });

  it('sweeps published sessions past their end that have no job (the reconciler)', async () => {
    const s = await createSession(t, seed, c, slot(-5));
    // Published behind the outbox's back: only the reconciler's sweep can find it.
    await t.db.query(`UPDATE sessions SET status = 'published', published_at = now() WHERE id = $1`, [s.id]);
    await t.db.query(`INSERT INTO attendance_records (session_id, user_id, status) VALUES ($1, $2, 'expected')`, [s.id, seed.users.memberA.id]);
    await eventually(async () => (await statusOf(s.id)) === 'completed', 20_000);
    const [rec] = await t.db.query(`SELECT status FROM attendance_records WHERE session_id = $1`, [s.id]);
    expect(rec.status).toBe('absent');
  });

  it('leaves cancelled sessions alone and follows a moved end', async () => {
    const cancelled = await createSession(t, seed, c, endingSoon());
    await t.http().post(`/api/v1/sessions/${cancelled.id}/publish`).set(as('organiserA')).expect(200);
    await t.http().post(`/api/v1/sessions/${cancelled.id}/cancel`).set(as('organiserA')).send({ reason: '停电' }).expect(200);

    const moved = await createSession(t, seed, c, endingSoon());
    await t.http().post(`/api/v1/sessions/${moved.id}/publish`).set(as('organiserA')).expect(200);
    const later = new Date(Date.now() + 3_600_000).toISOString();
    await t.http().patch(`/api/v1/sessions/${moved.id}`).set(as('organiserA')).send({ endsAt: later }).expect(200);

    await new Promise((r) => setTimeout(r, 5_000));
    await waitForQueuesDrained(t);
    expect(await statusOf(cancelled.id)).toBe('cancelled');
    expect(await statusOf(moved.id)).toBe('published');
  });
});
