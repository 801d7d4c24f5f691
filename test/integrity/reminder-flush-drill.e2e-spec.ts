import { RemindersService } from '@qf/integrity';
import { flushRedis, unitWithPeople } from '../proof/fault-drill-fixtures';
import { seedOrg, Seed } from '../support/seed';
import { createTestApp, TestApp } from '../support/test-app';
import { waitForQueuesDrained } from '../support/wait-for-queues';

jest.setTimeout(120_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Fault drill: Redis flushed (FLUSHALL, on a private server) over and over around the moment
 * reminders are due. Every reminder is still sent, exactly once: one notification per recipient.
 */
describe('fault drill: holiday reminders across a Redis flush at the moment of sending (e2e)', () => {
  let t: TestApp;
  let seed: Seed;
  let unit: string;
  const PEOPLE = 60;
  const REMINDERS = 6;

  beforeAll(async () => {
    t = await createTestApp({ worker: true, privateRedis: true, env: { WORKER_LOCK_DURATION_MS: '3000', WORKER_STALLED_INTERVAL_MS: '3000' } });
    seed = await seedOrg(t);
    unit = await unitWithPeople(t, seed.units.branchA, PEOPLE, 'rd_');
  });
  afterAll(() => t?.close());

  it('sends every reminder once: none lost, none twice', async () => {
    const base = Date.now() + 3_000;
    const ids: string[] = [];
    for (let i = 0; i < REMINDERS; i++) {
      const res = await t
        .http()
        .post('/api/v1/reminders')
        .set('Authorization', seed.auth('organiserA'))
        .send({ title: `节前提醒${i}`, body: '廉洁过节', audience: { unitIds: [unit] }, sendAt: new Date(base + i * 250).toISOString() })
        .expect(201);
      ids.push(res.body.id);
    }
    // Flush every 150 ms from just before the first send time until after the last.
    while (Date.now() < base - 300) await sleep(50);
    const until = base + REMINDERS * 250 + 1_500;
    let flushes = 0;
    while (Date.now() < until) {
      await flushRedis(t);
      flushes++;
      await sleep(150);
    }
    expect(flushes).toBeGreaterThan(10);

    const deadline = Date.now() + 60_000;
    for (;;) {
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM reminders WHERE id = ANY($1::uuid[]) AND sent_at IS NULL`, [ids]);
      if (n === 0) break;
      if (Date.now() > deadline) throw new Error(`${n} reminder(s) never sent after the flushes`);
      await sleep(250);
    }
    await waitForQueuesDrained(t, 60_000);
    const rows: { event_key: string; n: number; people: number }[] = await t.db.query(
      `SELECT event_key, count(*)::int AS n, count(DISTINCT user_id)::int AS people FROM notifications
        WHERE event_key = ANY($1::text[]) GROUP BY event_key`,
      [ids.map((id) => `integrity_reminder:${id}`)],
    );
    expect(rows).toHaveLength(REMINDERS);
    for (const r of rows) expect(r).toMatchObject({ n: PEOPLE, people: PEOPLE });
    const [{ recipients }] = await t.db.query(`SELECT count(*)::int AS recipients FROM reminder_recipients WHERE reminder_id = ANY($1::uuid[])`, [ids]);
    expect(recipients).toBe(PEOPLE * REMINDERS);
    // A late duplicate of the job (the reconciler re-adding it) does nothing.
    for (const id of ids) expect(await t.app.get(RemindersService).send(id)).toEqual({ recipients: 0, already: true });
  });
});
