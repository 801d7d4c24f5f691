import { RemindersService } from '@qf/integrity';
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { addToRoster, createSession } from '../attendance/attendance-factory';
import { Caller, seedOrg, Seed } from '../support/seed';
import { createTestApp, TestApp } from '../support/test-app';

jest.setTimeout(90_000);

const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('integrity dossier (廉政档案, e2e)', () => {
  let t: TestApp;
  let seed: Seed;
  const get = (path: string, caller: Caller) => t.http().get(`/api/v1${path}`).set('Authorization', seed.auth(caller));
  const post = (path: string, caller: Caller) => t.http().post(`/api/v1${path}`).set('Authorization', seed.auth(caller));
  const year = DateTime.now().setZone('Asia/Shanghai').year;
  const today = DateTime.now().setZone('Asia/Shanghai').toISODate();

  beforeAll(async () => {
    t = await createTestApp();
    seed = await seedOrg(t);
    const me = seed.users.memberA.id;
    // Attendance: one present, one absent made up (written with SQL: the attendance feature is not under test).
    const s1 = await createSession(t, { unitId: seed.units.branchA, startsInSeconds: -3 * 3600, title: '集中学习一' });
    const s2 = await createSession(t, { unitId: seed.units.branchA, startsInSeconds: -2 * 3600, title: '集中学习二' });
    await addToRoster(t, s1, [me]);
    await addToRoster(t, s2, [me]);
    await t.db.query(`UPDATE attendance_records SET status = 'present', checked_in_at = now() WHERE session_id = $1`, [s1]);
    await t.db.query(`UPDATE attendance_records SET status = 'absent', made_up_at = now(), made_up_summary = '补学心得' WHERE session_id = $1`, [s2]);
    // Reading and a reflection task.
    const [list] = await t.db.query(`INSERT INTO reading_lists (year, title) VALUES ($1, '年度清单') RETURNING id`, [year]);
    const [item] = await t.db.query(`INSERT INTO reading_items (list_id, position, title, category) VALUES ($1, 1, '党纪处分条例', 'regulation') RETURNING id`, [list.id]);
    await t.db.query(`INSERT INTO reading_progress (user_id, item_id, status, finished_at) VALUES ($1, $2, 'finished', now())`, [me, item.id]);
    const [a] = await t.db.query(
      `INSERT INTO reflection_assignments (title, owner_unit_id, min_chars, due_at, status, created_by) VALUES ('观后感', $1, 100, now() + interval '3 days', 'open', $2) RETURNING id`,
      [seed.units.branchA, seed.users.organiserA.id],
    );
    await t.db.query(`INSERT INTO reflection_tasks (assignment_id, user_id, due_at) VALUES ($1, $2, now() + interval '3 days')`, [a.id, me]);
    // Talks (one private, with a follow-up item), a reminder acknowledged, a declaration.
    const at = new Date(Date.now() - 3_600_000).toISOString();
    await post('/talks', 'organiserA').send({ kind: 'secretary_member', talkeeId: me, at, summary: '公开谈话', followUps: [{ title: '整改', timeLimitDays: 7 }] }).expect(201);
    await post('/talks', 'organiserA').send({ kind: 'reminder', talkeeId: me, at, summary: '保密谈话', private: true }).expect(201);
    const r = (await post('/reminders', 'organiserA').send({ title: '节前提醒', body: '廉洁过节', audience: { userIds: [me] }, sendAt: new Date().toISOString() }).expect(201)).body;
    await t.app.get(RemindersService).send(r.id);
    await post(`/reminders/${r.id}/acknowledge`, 'memberA').expect(204);
    // A declaration dated today (filing rules are declarations.e2e-spec's; SQL keeps this test date-proof).
    await t.db.query(`INSERT INTO declarations (user_id, kind, event_date, place, tables) VALUES ($1, 'wedding', $2, '家中', 3)`, [me, today]);
  });
  afterAll(() => t.close());

  it('gives one person’s year with every section filled', async () => {
    const d = (await get(`/people/${seed.users.memberA.id}/dossier`, 'organiserA').expect(200)).body;
    expect(d.person).toMatchObject({ id: seed.users.memberA.id, displayName: '党员甲', unitId: seed.units.branchA });
    expect(d.year).toBe(year);
    expect(d.attendance).toMatchObject({ sessions: 2, present: 1, late: 0, excused: 0, absent: 1, madeUp: 1 });
    expect(d.reading).toEqual([expect.objectContaining({ listTitle: '年度清单', itemTitle: '党纪处分条例', status: 'finished' })]);
    expect(d.reflections).toEqual([expect.objectContaining({ title: '观后感', status: 'assigned' })]);
    expect(d.talks.map((x: any) => x.summary).sort()).toEqual(['保密谈话', '公开谈话']);
    expect(d.items).toEqual([expect.objectContaining({ kind: 'talk_followup', title: '整改', status: 'assigned' })]);
    expect(d.reminders).toMatchObject({ received: 1, acknowledged: 1 });
    expect(d.declarations).toEqual([expect.objectContaining({ kind: 'wedding', eventDate: today, tables: 3 })]);
    // Another year is empty.
    const old = (await get(`/people/${seed.users.memberA.id}/dossier?year=2001`, 'auditor').expect(200)).body;
    expect(old.attendance.sessions).toBe(0);
    expect(old.talks).toEqual([]);
  });

  it('hides a private talk’s summary from the person, and logs no read of one’s own dossier', async () => {
    const before = await t.db.query(`SELECT count(*)::int AS n FROM dossier_access_log`);
    const own = (await get(`/people/${seed.users.memberA.id}/dossier`, 'memberA').expect(200)).body;
    expect(Object.fromEntries(own.talks.map((x: any) => [x.kind, x.summary]))).toEqual({ secretary_member: '公开谈话', reminder: null });
    expect(await t.db.query(`SELECT count(*)::int AS n FROM dossier_access_log`)).toEqual(before);
  });

  it('is 404 to those who may not see it', async () => {
    for (const c of ['memberB', 'organiserB', 'memberA1', 'memberDept'] as Caller[]) await get(`/people/${seed.users.memberA.id}/dossier`, c).expect(404);
    await get(`/people/00000000-0000-0000-0000-000000000000/dossier`, 'admin').expect(404);
    await get(`/people/${seed.users.memberA.id}/dossier?year=1900`, 'admin').expect(400);
  });

  it('exports one workbook, one sheet per section', async () => {
    const res = await get(`/people/${seed.users.memberA.id}/dossier?format=xlsx`, 'admin').buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概况', '考勤', '学习清单', '心得体会', '廉政谈话', '督办整改', '节日提醒', '报备']);
    expect(wb.getWorksheet('廉政谈话')!.rowCount).toBe(3);
  });

  it('logs every read by someone else; the person, auditors and admins see who looked', async () => {
    const log = (await get(`/people/${seed.users.memberA.id}/dossier/access-log`, 'memberA').expect(200)).body;
    expect(log.map((l: any) => [l.displayName, l.format, l.year])).toEqual([
      ['管理员', 'xlsx', year],
      ['纪检员', 'json', 2001],
      ['支部书记甲', 'json', year],
    ]);
    await get(`/people/${seed.users.memberA.id}/dossier/access-log`, 'auditor').expect(200);
    await get(`/people/${seed.users.memberA.id}/dossier/access-log`, 'organiserA').expect(403);
    await get(`/people/${seed.users.memberA.id}/dossier/access-log`, 'organiserB').expect(404);
    // Append-only: the app's role may not even ask; the owner is refused by the triggers.
    await expect(t.db.query(`DELETE FROM dossier_access_log`)).rejects.toThrow(/permission denied/);
    await expect(t.db.query(`UPDATE dossier_access_log SET viewer_id = person_id`)).rejects.toThrow(/permission denied/);
    await expect(t.owner.query(`DELETE FROM dossier_access_log`)).rejects.toThrow(/append-only/);
    await expect(t.owner.query(`UPDATE dossier_access_log SET viewer_id = person_id`)).rejects.toThrow(/append-only/);
    await expect(t.owner.query(`TRUNCATE dossier_access_log`)).rejects.toThrow(/append-only/);
  });
});
