import { createTestApp, TestApp } from '../support/test-app';
import { Caller, seedOrg, Seed } from '../support/seed';
import { createCatalog, createMenu, StudyCatalog } from './session-factory';

jest.setTimeout(60_000);

describe('session series (e2e)', () => {
  let t: TestApp;
  let seed: Seed;
  let c: StudyCatalog;
  let menuId: string;
  const as = (who: Caller) => ({ Authorization: seed.auth(who) });
  const series = (body: Record<string, unknown>, who: Caller = 'organiserA') =>
    t
      .http()
      .post('/api/v1/sessions/series')
      .set(as(who))
      .send({ unitId: seed.units.branchA, title: '周五集中学习', menuId, startTime: '15:00', durationMinutes: 90, location: '党员活动室', ...body });

  beforeAll(async () => {
    t = await createTestApp();
    seed = await seedOrg(t);
    c = await createCatalog(t, seed);
    menuId = await createMenu(t, seed, c);
  });
  afterAll(() => t.close());

  it('creates one friday_study draft per Friday across a month boundary, at 15:00 Shanghai time, minus skip dates', async () => {
    const res = await series({ from: '2026-12-14', until: '2027-01-16', skipDates: ['2027-01-01'] }).expect(201);
    // Fridays: Dec 18, Dec 25, (Jan 1 skipped), Jan 8, Jan 15. 15:00 in Shanghai (UTC+8) is 07:00Z.
    expect(res.body.created.map((s: { startsAt: string }) => s.startsAt)).toEqual([
      '2026-12-18T07:00:00.000Z',
      '2026-12-25T07:00:00.000Z',
      '2027-01-08T07:00:00.000Z',
      '2027-01-15T07:00:00.000Z',
    ]);
    expect(res.body.created.map((s: { endsAt: string }) => s.endsAt)[0]).toBe('2026-12-18T08:30:00.000Z');
    expect(res.body.skipped).toEqual([]);
    const seriesIds = new Set(res.body.created.map((s: { seriesId: string }) => s.seriesId));
    expect(seriesIds.size).toBe(1);
    expect([...seriesIds][0]).toEqual(expect.any(String));
    for (const s of res.body.created) {
      expect(s).toMatchObject({ unitId: seed.units.branchA, kind: 'friday_study', status: 'draft', title: '周五集中学习', location: '党员活动室', menuId });
      expect(s.menu.map((m: { catalogItemId: string }) => m.catalogItemId)).toEqual([c.theory, c.history, c.song, c.other]);
    }
  });

  it('is idempotent: a re-run returns the existing sessions as skipped and creates only new dates', async () => {
    const res = await series({ from: '2026-12-14', until: '2027-01-23', skipDates: ['2027-01-01'] }).expect(201);
    expect(res.body.created.map((s: { startsAt: string }) => s.startsAt)).toEqual(['2027-01-22T07:00:00.000Z']);
    expect(res.body.skipped.map((s: { startsAt: string }) => s.startsAt)).toEqual([
      '2026-12-18T07:00:00.000Z',
      '2026-12-25T07:00:00.000Z',
      '2027-01-08T07:00:00.000Z',
      '2027-01-15T07:00:00.000Z',
    ]);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM sessions WHERE unit_id = $1 AND kind = 'friday_study'`, [seed.units.branchA]);
    expect(n).toBe(5);
  });

  it('creates no duplicates when two identical requests run at once', async () => {
    const body = { from: '2027-03-01', until: '2027-04-30', weekday: 3, startTime: '09:30' };
    const [a, b] = await Promise.all([series(body), series(body)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    const created = [...a.body.created, ...b.body.created].map((s: { id: string }) => s.id);
    const skipped = [...a.body.skipped, ...b.body.skipped].map((s: { id: string }) => s.id);
    // Wednesdays from 3 March to 28 April 2027: nine, each created exactly once and reported once as skipped.
    expect(created).toHaveLength(9);
    expect(new Set(created).size).toBe(9);
    expect(new Set(skipped)).toEqual(new Set(created));
    const rows = await t.db.query(
      `SELECT starts_at FROM sessions WHERE unit_id = $1 AND starts_at >= '2027-03-01' AND starts_at < '2027-05-01' ORDER BY starts_at`,
      [seed.units.branchA],
    );
    expect(rows).toHaveLength(9);
    expect(rows[0].starts_at.toISOString()).toBe('2027-03-03T01:30:00.000Z');
  });

  it('takes weekday 1–7 (ISO) and a HH:mm start time', async () => {
    // Sundays are days off: kept only with includeHolidays.
    const sunday = await series({ unitId: seed.units.groupA1, from: '2027-06-01', until: '2027-06-14', weekday: 7, startTime: '00:30', includeHolidays: true }).expect(201);
    // 00:30 on Sunday 6 June in Shanghai is 16:30Z on Saturday 5 June.
    expect(sunday.body.created.map((s: { startsAt: string }) => s.startsAt)).toEqual(['2027-06-05T16:30:00.000Z', '2027-06-12T16:30:00.000Z']);
    for (const weekday of [0, 8, 2.5, '5']) {
      const res = await series({ from: '2027-06-01', until: '2027-06-30', weekday }).expect(400);
      expect(JSON.stringify(res.body.message)).toMatch(/weekday/);
    }
    for (const startTime of ['3pm', '24:00', '9:30', '15:60', '15:00:00', '']) {
      const res = await series({ from: '2027-06-01', until: '2027-06-30', startTime }).expect(400);
      expect(JSON.stringify(res.body.message)).toMatch(/startTime/);
    }
  });

  it('refuses more than 60 sessions, bad dates and a bad menu', async () => {
    const tooMany = await series({ from: '2028-01-01', until: '2029-03-31' }).expect(400);
    expect(tooMany.body.message).toMatch(/at most 60/);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM sessions WHERE starts_at >= '2028-01-01'`);
    expect(n).toBe(0);
    await series({ from: '2028-01-01', until: '2028-01-01' }).expect(201); // a Saturday: nothing to create
    await series({ from: '2028-02-01', until: '2028-01-01' }).expect(400);
    await series({ from: '2028-02-30', until: '2028-03-01' }).expect(400);
    await series({ from: '2028-01-01', until: '2028-02-01', skipDates: ['next friday'] }).expect(400);
    await series({ from: '2028-01-01', until: '2028-02-01', durationMinutes: 0 }).expect(400);
    await series({ from: '2028-01-01', until: '2028-02-01', menuId: '00000000-0000-4000-8000-000000000000' }).expect(400);
    const noSong = await t
      .http()
      .post('/api/v1/menus')
      .set(as('admin'))
      .send({ name: '无歌', requiredKinds: ['theory'], items: [{ catalogItemId: c.theory, course: 'main' }] })
      .expect(201);
    // The menu's own required kinds apply (theory only), so this one is fine.
    await series({ from: '2028-01-01', until: '2028-01-08', menuId: noSong.body.id }).expect(201);
  });

  it('lets only managers of the unit create a series', async () => {
    await series({ from: '2028-05-01', until: '2028-05-31' }, 'organiserB').expect(403);
    await series({ from: '2028-05-01', until: '2028-05-31' }, 'memberA').expect(403);
    await series({ from: '2028-05-01', until: '2028-05-31' }, 'auditor').expect(403);
    await series({ from: '2028-05-01', until: '2028-05-31', unitId: seed.units.branchB }, 'admin').expect(201);
  });
});
