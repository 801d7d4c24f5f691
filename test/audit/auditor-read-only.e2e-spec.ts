import { randomUUID } from 'node:crypto';
import { seededApp } from '../support/seeded-app';
import { apiRoutes, fillPath } from '../support/routes';

jest.setTimeout(120_000);

/**
 * Writes an auditor may make: their own login, password and notifications (API.md, Roles); and
 * verify-checkpoint, a read sent as a POST because the checkpoint is its body.
 */
const AUDITOR_MAY = new Set([
  'POST /api/v1/auth/login',
  'POST /api/v1/me/password',
  'POST /api/v1/me/notifications/{id}/read',
  'POST /api/v1/audit/attendance/verify-checkpoint',
]);

/**
 * "Auditors change nothing anywhere": every write route the app registers — read from its own
 * OpenAPI document, so routes added later are covered without touching this file — answers an
 * auditor with 403, whatever the ids and the body.
 */
describe('auditors change nothing anywhere (e2e)', () => {
  const app = seededApp();

  it('answers every write route but the auditor’s own password and notifications with 403', async () => {
    const { routes } = await apiRoutes(app.t);
    const checked = routes
      .filter((r) => r.method !== 'get')
      .map((r) => ({ ...r, key: `${r.method.toUpperCase()} ${r.path}` }))
      .filter((r) => !AUDITOR_MAY.has(r.key));
    expect(checked.map((r) => r.key)).toEqual(expect.arrayContaining(['POST /api/v1/users', 'PATCH /api/v1/users/{id}']));

    const before = await rowCounts();
    const wrong: string[] = [];
    for (const route of checked) {
      const url = fillPath(route.path, () => randomUUID());
      const res = await app.t.http()[route.method](url).set('Authorization', app.seed.auth('auditor')).set('Content-Type', 'application/json').send('{}');
      if (res.status !== 403) wrong.push(`${route.key} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    }
    expect(wrong).toEqual([]);
    // Nothing was written on the way: every table has exactly as many rows as before.
    expect(await rowCounts()).toEqual(before);
  });

  it('notices a write: the row counts it compares cover every table', async () => {
    const before = await rowCounts();
    expect(Object.keys(before)).toEqual(expect.arrayContaining(['users', 'sessions', 'attendance_records', 'attendance_log', 'outbox', 'notifications']));
    await app.t.db.query(`INSERT INTO notifications (user_id, kind, title, event_key) VALUES ($1, 'leave_decided', '测试', 'read-only-probe')`, [app.seed.users.auditor.id]);
    const after = await rowCounts();
    expect(after).not.toEqual(before);
    expect(after.notifications).toBe(before.notifications + 1);
  });

  /** Exact row counts of every table of the schema (count(*), not the statistics' estimates). */
  async function rowCounts(): Promise<Record<string, number>> {
    const tables: { name: string }[] = await app.t.db.query(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    expect(tables.length).toBeGreaterThan(10);
    const [row] = await app.t.db.query(
      `SELECT ${tables.map((tb, i) => `(SELECT count(*)::int FROM "${tb.name.replace(/"/g, '""')}") AS c${i}`).join(', ')}`,
    );
    return Object.fromEntries(tables.map((tb, i) => [tb.name, row[`c${i}`] as number]));
  }
});
