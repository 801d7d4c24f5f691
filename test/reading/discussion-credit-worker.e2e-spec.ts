import { Caller, Seed, seedOrg } from '../support/seed';
import { createTestApp, TestApp } from '../support/test-app';
import { eventually } from '../support/wait-for-queues';

// Starts the api and the worker and seeds over HTTP: allow for a loaded machine.
jest.setTimeout(60_000);

/**
 * Discussion credit through the worker's completion (the finalize sweep): the same code path as
 * POST /sessions/:id/complete, so a session nobody completes by hand still credits its attendees.
 */
describe('discussion credit by the worker’s completion (e2e)', () => {
  let t: TestApp;
  let seed: Seed;

  beforeAll(async () => {
    t = await createTestApp({ worker: true, env: { FINALIZE_DELAY_SECONDS: '0' } });
    seed = await seedOrg(t);
  });
  afterAll(() => t.close());

  it('credits present and late attendees when the worker completes the session', async () => {
    const list = (
      await t.http().post('/api/v1/reading-lists').set('Authorization', seed.auth('organiserA')).send({
        year: 2026,
        title: '支部研讨清单',
        items: [{ title: '《中国共产党问责条例》', category: 'regulation' }],
      }).expect(201)
    ).body;
    const itemId = list.items[0].id;
    const [{ id: catalogItemId }] = await t.db.query(`INSERT INTO catalog_items (title, kind) VALUES ('问责条例解读', 'regulation') RETURNING id`);
    const roster: [Caller, string][] = [['memberA', 'present'], ['memberA1', 'late'], ['organiserA', 'expected']];
    // A published session past its end, written behind the outbox's back: the worker's sweep completes it.
    const sessionId = await t.db.transaction(async (em) => {
      const [{ id }] = await em.query(
        `INSERT INTO sessions (unit_id, title, kind, status, starts_at, ends_at, published_at)
         VALUES ($1, '问责条例逐项研讨', 'group_study', 'published', now() - interval '2 hours', now() - interval '1 hour', now()) RETURNING id`,
        [seed.units.branchA],
      );
      await em.query(`INSERT INTO session_menu_items (session_id, position, catalog_item_id, course, reading_item_id) VALUES ($1, 1, $2, 'main', $3)`, [
        id,
        catalogItemId,
        itemId,
      ]);
      await em.query(
        `INSERT INTO attendance_records (session_id, user_id, status) SELECT $1, u, s FROM unnest($2::uuid[], $3::text[]) AS r(u, s)`,
        [id, roster.map(([c]) => seed.users[c].id), roster.map(([, s]) => s)],
      );
      return id as string;
    });

    await eventually(async () => (await t.db.query(`SELECT status FROM sessions WHERE id = $1`, [sessionId]))[0].status === 'completed', 30_000);
    const rows = await t.db.query(
      `SELECT user_id, status, discussed_session_id FROM reading_progress WHERE item_id = $1 AND discussed_at IS NOT NULL ORDER BY user_id`,
      [itemId],
    );
    expect(rows).toEqual(
      [seed.users.memberA.id, seed.users.memberA1.id].sort().map((id) => ({ user_id: id, status: 'reading', discussed_session_id: sessionId })),
    );
    const report = await t.http().get(`/api/v1/reading-lists/${list.id}/progress`).set('Authorization', seed.auth('organiserA')).expect(200);
    const discussed = Object.fromEntries(report.body.members.map((m: { userId: string; discussed: number }) => [m.userId, m.discussed]));
    expect(discussed).toEqual({ [seed.users.memberA.id]: 1, [seed.users.memberA1.id]: 1, [seed.users.organiserA.id]: 0 });
  });
});
