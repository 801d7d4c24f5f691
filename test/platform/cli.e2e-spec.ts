import { createAdminCommand } from '../../apps/cli/src/commands/create-admin.command';
import { demoDataCommand } from '../../apps/cli/src/commands/demo-data.command';
import { importUsersCommand } from '../../apps/cli/src/commands/import-users.command';
import { migrateCommand } from '../../apps/cli/src/commands/migrate.command';
import { DEMO_CATALOG, DEMO_PASSWORD, DEMO_USERS } from '@qf/demo';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, TestApp } from '../support/test-app';

/** What the demo seeds into a fresh database, table by table (counted before libs/demo went through the feature repositories). */
const DEMO_ROW_COUNTS: Record<string, number> = {
  app_meta: 1, attendance_log: 27, attendance_records: 20, catalog_items: 11, declarations: 1, leave_requests: 1, menu_items: 5, menus: 1,
  reading_items: 13, reading_lists: 1, rectification_campaigns: 1, rectification_filings: 1, reminder_recipients: 13, reminders: 1,
  session_menu_items: 10, sessions: 2, supervision_items: 9, talk_followups: 1, talk_plans: 1, talks: 3, units: 6, users: 31,
};

/** Rows in every table of the public schema but the migrations' own, by table name. */
async function rowCountsOf(db: TestApp['db']): Promise<Record<string, number>> {
  const tables: { name: string }[] = await db.query(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations' ORDER BY table_name`,
  );
  const rows: { name: string; n: number }[] = await db.query(tables.map((t) => `SELECT '${t.name}' AS name, count(*)::int AS n FROM "${t.name}"`).join(' UNION ALL '));
  return Object.fromEntries(rows.filter((r) => r.n > 0).map((r) => [r.name, r.n]));
}

/** The operator CLI's commands against a fresh database (the same functions `npm run cli -- …` runs). */
describe('operator CLI (e2e)', () => {
  let t: TestApp;
  let out: string[];
  let log: jest.SpyInstance;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(() => {
    out = [];
    log = jest.spyOn(console, 'log').mockImplementation((...args) => void out.push(args.join(' ')));
    process.exitCode = undefined;
  });
  afterEach(() => {
    log.mockRestore();
    process.exitCode = undefined;
  });

  it('migrate: reports an up-to-date database', async () => {
    await migrateCommand();
    expect(out).toContain('database is up to date');
  });

  const rowCounts = () => rowCountsOf(t.db);

  it('demo-data: loads the demo organisation once, and a second run changes nothing', async () => {
    await demoDataCommand();
    expect(out[0]).toBe('demo data loaded');
    const count = async () => (await t.db.query(`SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM units)::int AS units, (SELECT count(*) FROM sessions)::int AS sessions`))[0];
    const first = await count();
    expect(first.users).toBe(DEMO_USERS.length);
    expect(first.units).toBe(6);
    expect(first.sessions).toBe(2);
    // Every table the demo writes, row for row (the demo must seed the same data however it is written).
    expect(await rowCounts()).toEqual(DEMO_ROW_COUNTS);
    const kinds = await t.db.query(`SELECT DISTINCT kind FROM catalog_items ORDER BY kind`);
    expect(kinds.map((k: { kind: string }) => k.kind).sort()).toEqual([...new Set(DEMO_CATALOG.map((c) => c.kind))].sort());
    const sessions = await t.db.query(`SELECT status, starts_at > now() AS future, (SELECT count(*)::int FROM attendance_records r WHERE r.session_id = s.id) AS roster FROM sessions s ORDER BY status`);
    expect(sessions).toEqual([
      { status: 'completed', future: false, roster: expect.any(Number) },
      { status: 'published', future: true, roster: expect.any(Number) },
    ]);
    expect(sessions.every((s: { roster: number }) => s.roster > 0)).toBe(true);
    const [lists] = await t.db.query(`SELECT count(*)::int AS n FROM reading_lists`);
    expect(lists.n).toBeGreaterThanOrEqual(1);
    // Supervision items in every colour, and one rectification campaign with a filed list.
    const dangwei = (await t.http().post('/api/v1/auth/login').send({ username: 'dangwei', password: DEMO_PASSWORD }).expect(200)).body.accessToken;
    const items = await t.http().get('/api/v1/supervision/items?limit=200').set('Authorization', `Bearer ${dangwei}`).expect(200);
    expect(new Set(items.body.items.map((i: { warning: string }) => i.warning))).toEqual(new Set(['none', 'yellow', 'orange', 'red']));
    expect(items.body.items.map((i: { status: string }) => i.status)).toEqual(expect.arrayContaining(['assigned', 'accepted', 'reported', 'closed']));
    const [campaign] = await t.db.query(`SELECT id FROM rectification_campaigns`);
    const view = await t.http().get(`/api/v1/rectification/campaigns/${campaign.id}`).set('Authorization', `Bearer ${dangwei}`).expect(200);
    expect(view.body).toMatchObject({ filed: 1, items: { open: 2, closed: 0, overdue: 0 } });
    expect(view.body.notFiled.length).toBeGreaterThan(5);
    // Integrity: talks, a plan at partial coverage, a sent reminder with one acknowledgement, a declaration.
    const talks = await t.http().get('/api/v1/talks').set('Authorization', `Bearer ${dangwei}`).expect(200);
    expect(talks.body.total).toBe(3);
    const [plan] = await t.db.query(`SELECT id FROM talk_plans`);
    const coverage = await t.http().get(`/api/v1/talk-plans/${plan.id}/coverage`).set('Authorization', `Bearer ${dangwei}`).expect(200);
    expect(coverage.body.done).toBeGreaterThan(0);
    expect(coverage.body.coverage).toBeLessThan(1);
    const [reminder] = await t.db.query(`SELECT id FROM reminders`);
    const report = await t.http().get(`/api/v1/reminders/${reminder.id}`).set('Authorization', `Bearer ${dangwei}`).expect(200);
    expect(report.body.acknowledged).toBe(1);
    expect(report.body.notAcknowledged.length).toBeGreaterThan(0);
    const [declarations] = await t.db.query(`SELECT count(*)::int AS n FROM declarations WHERE acknowledged_at IS NULL`);
    expect(declarations.n).toBe(1);

    out.length = 0;
    await demoDataCommand();
    expect(out[0]).toMatch(/already loaded/);
    expect(await count()).toEqual(first);
    await t.http().post('/api/v1/auth/login').send({ username: 'zhangwei', password: DEMO_PASSWORD }).expect(200);
  });

  it('create-admin: creates an admin who can log in; a taken username fails with a 409-like message', async () => {
    await createAdminCommand({ username: 'ops', password: 'ops-password-2026', displayName: '运维' });
    expect(out[0]).toMatch(/created admin "ops"/);
    const login = await t.http().post('/api/v1/auth/login').send({ username: 'ops', password: 'ops-password-2026' }).expect(200);
    expect(login.body.user.role).toBe('admin');
    await expect(createAdminCommand({ username: 'OPS', password: 'ops-password-2026' })).rejects.toThrow(/409 Conflict: username "OPS" is already taken/);
    await expect(createAdminCommand({ username: 'short', password: 'short' })).rejects.toThrow(/password must be at least 10 characters/);
  });

  it('import-users: prints created/skipped/errors with line numbers and sets a failing exit code', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'qf-cli-')), 'users.csv');
    writeFileSync(file, ['username,displayName,role,unit,password', 'cli1,甲,member,第二党支部,cli-password-1', 'lina,已存在,member,第二党支部,cli-password-1', 'cli2,乙,boss,第二党支部,cli-password-1'].join('\n'));
    await importUsersCommand(file);
    expect(out).toContain('created 1, skipped 1 (username exists), errors 1');
    expect(out).toContainEqual(expect.stringMatching(/^ {2}line 4: role must be one of/));
    expect(process.exitCode).toBe(1);
  });
});
