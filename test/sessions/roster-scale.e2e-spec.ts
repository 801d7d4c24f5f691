import { createTestApp, TestApp } from '../support/test-app';
import { seedOrg, Seed } from '../support/seed';
import { waitForQueuesDrained } from '../support/wait-for-queues';
import { createCatalog, createSession, StudyCatalog } from './session-factory';

jest.setTimeout(120_000);

describe('a large roster (e2e)', () => {
  let t: TestApp;
  let seed: Seed;
  let c: StudyCatalog;
  const PEOPLE = 5_000;

  beforeAll(async () => {
    t = await createTestApp({ worker: true });
    seed = await seedOrg(t);
    c = await createCatalog(t, seed);
    await t.db.query(
      `INSERT INTO users (username, display_name, password_hash, role, unit_id)
       SELECT 'bulk' || g, '党员' || g, 'x', 'member', $1 FROM generate_series(1, $2) g`,
      [seed.units.groupA1, PEOPLE],
    );
  });
  afterAll(() => t.close());

  it('publishes with one set-based roster insert and notifies everyone once through one job', async () => {
    const s = await createSession(t, seed, c);
    const res = await t.http().post(`/api/v1/sessions/${s.id}/publish`).set('Authorization', seed.auth('organiserA')).expect(200);
    const rosterSize = PEOPLE + 3; // organiserA, memberA, memberA1
    expect(res.body.counts.expected).toBe(rosterSize);
    const [{ n: logged }] = await t.db.query(`SELECT count(*)::int AS n FROM attendance_log WHERE session_id = $1 AND action = 'roster'`, [s.id]);
    expect(logged).toBe(rosterSize);

    await waitForQueuesDrained(t, 60_000);
    const jobs = await t.db.query(`SELECT name FROM outbox WHERE payload->>'sessionId' = $1 ORDER BY name`, [s.id]);
    expect(jobs.map((j: { name: string }) => j.name)).toEqual(['session.finalize', 'session.notify']);
    const [{ n, people }] = await t.db.query(
      `SELECT count(*)::int AS n, count(DISTINCT user_id)::int AS people FROM notifications WHERE kind = 'session_published' AND link = $1`,
      [`/sessions/${s.id}`],
    );
    expect({ n, people }).toEqual({ n: rosterSize, people: rosterSize });

    const list = await t.http().get('/api/v1/sessions').set('Authorization', seed.auth('memberA1')).expect(200);
    expect(list.body.items.find((x: { id: string }) => x.id === s.id).counts.expected).toBe(rosterSize);
  });
});
