import { createTestApp, TestApp } from '../support/test-app';
import { Caller, seedOrg, Seed } from '../support/seed';
import { createCatalog, createMenu } from '../sessions/session-factory';

jest.setTimeout(60_000);

/** The working-day calendar (工作日): official 2026 holidays and 调休, admin overrides, unknown years, weekly series. */
describe('working-day calendar (e2e)', () => {
  let t: TestApp;
  let seed: Seed;
  let menuId: string;
  const as = (who: Caller) => ({ Authorization: seed.auth(who) });
  const days = (from: string, to: string, who: Caller = 'memberA') => t.http().get('/api/v1/calendar/days').query({ from, to }).set(as(who));
  const series = (body: Record<string, unknown>) =>
    t
      .http()
      .post('/api/v1/sessions/series')
      .set(as('organiserA'))
      .send({ unitId: seed.units.branchA, title: '周五集中学习', menuId, startTime: '15:00', durationMinutes: 90, ...body });

  beforeAll(async () => {
    t = await createTestApp();
    seed = await seedOrg(t);
    menuId = await createMenu(t, seed, await createCatalog(t, seed));
  });
  afterAll(() => t.close());

  it('knows 2026 National Day week and its 调休 Saturday', async () => {
    const res = await days('2026-09-19', '2026-10-11').expect(200);
    const by = new Map(res.body.map((d: { date: string }) => [d.date, d]));
    expect(by.get('2026-09-20')).toEqual({ date: '2026-09-20', workday: true, name: '国庆节调休上班', source: 'official' }); // a Sunday
    for (const d of ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-07']) expect(by.get(d)).toMatchObject({ workday: false, name: '国庆节' });
    expect(by.get('2026-10-08')).toEqual({ date: '2026-10-08', workday: true, source: 'official' });
    expect(by.get('2026-10-10')).toMatchObject({ workday: true, name: '国庆节调休上班' }); // a Saturday
    expect(by.get('2026-10-11')).toEqual({ date: '2026-10-11', workday: false, source: 'official' }); // an ordinary Sunday
    expect(res.body).toHaveLength(23);
    expect(res.headers['x-calendar-warning']).toBeUndefined();
  });

  it('knows the 2026 Spring Festival: nine days off, two 调休 Saturdays', async () => {
    const res = await days('2026-02-14', '2026-02-28').expect(200);
    const off = res.body.filter((d: { workday: boolean }) => !d.workday).map((d: { date: string }) => d.date);
    expect(off).toEqual(['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23']);
    expect(res.body[0]).toMatchObject({ date: '2026-02-14', workday: true, name: '春节调休上班' });
    expect(res.body[14]).toMatchObject({ date: '2026-02-28', workday: true, name: '春节调休上班' });
  });

  it('treats a year without an official calendar as weekends only, with a warning', async () => {
    const res = await days('2027-09-30', '2027-10-04').expect(200);
    expect(res.body.map((d: { workday: boolean }) => d.workday)).toEqual([true, true, false, false, true]);
    for (const d of res.body) expect(d).toMatchObject({ source: 'weekends_only', warning: expect.stringContaining('2027') });
    expect(res.headers['x-calendar-warning']).toMatch(/2027.*weekends only/);
    const one = await t.http().get('/api/v1/calendar/days/2027-10-01').set(as('memberA')).expect(200);
    expect(one.body).toMatchObject({ date: '2027-10-01', workday: true, source: 'weekends_only' });
  });

  it('lets admins override single days, and only admins', async () => {
    await t.http().put('/api/v1/calendar/days/2027-10-01').set(as('organiserA')).send({ workday: false }).expect(403);
    const set = await t.http().put('/api/v1/calendar/days/2027-10-01').set(as('admin')).send({ workday: false, name: '国庆节' }).expect(200);
    expect(set.body).toEqual({ date: '2027-10-01', workday: false, name: '国庆节', source: 'override' });
    await t.http().put('/api/v1/calendar/days/2026-10-10').set(as('admin')).send({ workday: false }).expect(200);
    expect((await t.http().get('/api/v1/calendar/days/2026-10-10').set(as('memberB')).expect(200)).body).toEqual({
      date: '2026-10-10',
      workday: false,
      source: 'override',
    });
    await t.http().put('/api/v1/calendar/days/2026-10-10').set(as('admin')).send({ workday: true, name: '国庆节调休上班' }).expect(200);
  });

  it('refuses bad dates and ranges with 400', async () => {
    await days('2026-02-30', '2026-03-01').expect(400);
    await days('2026-03-02', '2026-03-01').expect(400);
    await days('2026-01-01', '2027-06-01').expect(400);
    await t.http().get('/api/v1/calendar/days').set(as('memberA')).expect(400);
    await t.http().get('/api/v1/calendar/days/tomorrow').set(as('memberA')).expect(400);
    await t.http().put('/api/v1/calendar/days/2026-13-01').set(as('admin')).send({ workday: true }).expect(400);
    await t.http().put('/api/v1/calendar/days/2026-12-01').set(as('admin')).send({ workday: 'yes' }).expect(400);
  });

  it('skips non-working days in a weekly series, with reason "holiday", unless includeHolidays', async () => {
    // Fridays 2026-09-25 (中秋节) … 2026-10-16: Oct 2 is National Day; the 调休 Saturday Oct 10 with weekday 6.
    const fridays = await series({ from: '2026-09-21', until: '2026-10-16' }).expect(201);
    expect(fridays.body.created.map((s: { startsAt: string }) => s.startsAt)).toEqual(['2026-10-09T07:00:00.000Z', '2026-10-16T07:00:00.000Z']);
    expect(fridays.body.skipped).toEqual([
      { reason: 'holiday', date: '2026-09-25', startsAt: '2026-09-25T07:00:00.000Z', name: '中秋' },
      { reason: 'holiday', date: '2026-10-02', startsAt: '2026-10-02T07:00:00.000Z', name: '国庆节' },
    ]);
    const saturdays = await series({ from: '2026-10-01', until: '2026-10-17', weekday: 6 }).expect(201);
    expect(saturdays.body.created.map((s: { startsAt: string }) => s.startsAt)).toEqual(['2026-10-10T07:00:00.000Z']);
    expect(saturdays.body.skipped.map((s: { date: string; reason: string }) => `${s.date} ${s.reason}`)).toEqual(['2026-10-03 holiday', '2026-10-17 holiday']);
    // Spring Festival 2026: Friday Feb 20 is off, Feb 13 and 27 are not.
    const spring = await series({ from: '2026-02-09', until: '2026-02-28', includeHolidays: false }).expect(201);
    expect(spring.body.created.map((s: { startsAt: string }) => s.startsAt.slice(0, 10))).toEqual(['2026-02-13', '2026-02-27']);
    expect(spring.body.skipped).toEqual([{ reason: 'holiday', date: '2026-02-20', startsAt: '2026-02-20T07:00:00.000Z', name: '春节' }]);
    // includeHolidays keeps them; the re-run reports the existing ones with reason "exists".
    const all = await series({ from: '2026-09-21', until: '2026-10-16', includeHolidays: true }).expect(201);
    expect(all.body.created.map((s: { startsAt: string }) => s.startsAt.slice(0, 10))).toEqual(['2026-09-25', '2026-10-02']);
    expect(all.body.skipped.map((s: { reason: string; id: string }) => [s.reason, typeof s.id])).toEqual([
      ['exists', 'string'],
      ['exists', 'string'],
    ]);
  });
});
