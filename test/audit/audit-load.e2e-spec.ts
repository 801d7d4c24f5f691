import { Client } from 'pg';
import type { Response } from 'supertest';
import { addToRoster, awayFromStepEdge, codeFor, createSession } from '../attendance/attendance-factory';
import { seedOrg, Seed } from '../support/seed';
import { createTestApp, TestApp } from '../support/test-app';

jest.setTimeout(90_000);

/**
 * Slow exports and verifications cannot starve check-ins of connections: they are capped per user
 * and in total (429 past the caps), exports read through their own pool, and every connection has a
 * statement timeout and an idle-in-transaction timeout.
 */
describe('audit load caps and connection timeouts (e2e)', () => {
  let t: TestApp;
  let seed: Seed;
  let locker: Client;

  beforeAll(async () => {
    t = await createTestApp({
      env: { DB_POOL_SIZE: '3', EXPORT_POOL_SIZE: '3', AUDIT_HEAVY_MAX_PER_USER: '2', AUDIT_HEAVY_MAX_TOTAL: '3', DB_STATEMENT_TIMEOUT_MS: '5000', DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '60000' },
    });
    seed = await seedOrg(t);
    // As the owner: LOCK … ACCESS EXCLUSIVE needs more than the app role's DML grants.
    locker = new Client({ connectionString: t.ownerUrl });
    await locker.connect();
  });
  afterAll(async () => {
    await locker.end();
    await t.close();
  });

  const get = (path: string, who: 'auditor' | 'admin') => t.http().get(`/api/v1/audit/attendance/${path}`).set('Authorization', seed.auth(who));
  const binary = (res: Response, cb: (err: Error | null, body: Buffer) => void) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  };

  async function waitForBlockedExports(n: number): Promise<void> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      await locker.query('SELECT pg_stat_clear_snapshot()'); // inside a transaction the view is a snapshot
      const { rows } = await locker.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'qingfeng-export' AND wait_event_type = 'Lock'`,
      );
      if (rows[0].n === n) return;
      if (Date.now() > deadline) throw new Error(`expected ${n} blocked exports, saw ${rows[0].n}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('answers 429 past the caps while exports hang, and a check-in still goes through at once', async () => {
    const sessionId = await createSession(t, { unitId: seed.units.branchA, startsInSeconds: 120 });
    await addToRoster(t, sessionId, [seed.users.memberA.id]);

    // Exports read `units`; holding an exclusive lock on it makes every export hang on its connection
    // (check-ins never read units), as a client that downloads slowly would.
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE units IN ACCESS EXCLUSIVE MODE');
    let hanging: Promise<Response>[] = [];
    try {
      hanging = [get('export', 'auditor'), get('export', 'auditor'), get('export', 'admin')].map((r) => r.buffer(true).parse(binary).then((res) => res));
      await waitForBlockedExports(3);

      const perUser = await get('export', 'auditor').expect(429);
      expect(perUser.body.message).toMatch(/as many exports or verifications running/);
      await get('verify', 'auditor').expect(429); // verifications share the caps
      const total = await get('verify', 'admin').expect(429);
      expect(total.body.message).toMatch(/too many exports or verifications/);

      // The main pool (3 connections, as many as there are hanging exports) is untouched.
      await awayFromStepEdge();
      const started = Date.now();
      const res = await t.http().post(`/api/v1/sessions/${sessionId}/check-in`).set('Authorization', seed.auth('memberA')).send({ code: await codeFor(t, sessionId) });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('present');
      expect(Date.now() - started).toBeLessThan(1500);
    } finally {
      await locker.query('COMMIT');
    }
    for (const res of await Promise.all(hanging)) expect(res.status).toBe(200);
    // Every slot was given back when its download ended.
    await get('verify', 'auditor').expect(200);
    await Promise.all([get('export', 'auditor').expect(200), get('export', 'auditor').expect(200), get('export', 'admin').expect(200)]);
  });

  it('sets statement_timeout and idle_in_transaction_session_timeout on the connections, and a cut statement is 503', async () => {
    const [st] = await t.db.query('SHOW statement_timeout');
    const [idle] = await t.db.query('SHOW idle_in_transaction_session_timeout');
    expect([st.statement_timeout, idle.idle_in_transaction_session_timeout]).toEqual(['5s', '1min']);
    await expect(t.db.query('SELECT pg_sleep(6)')).rejects.toMatchObject({ driverError: { code: '57014' } });

    // A verification stuck behind a lock past the timeout answers 503, and its slot is free again.
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE attendance_log_seals IN ACCESS EXCLUSIVE MODE');
    try {
      const res = await get('verify', 'auditor');
      expect(res.status).toBe(503);
    } finally {
      await locker.query('ROLLBACK');
    }
    await get('verify', 'auditor').expect(200);
  });
});
