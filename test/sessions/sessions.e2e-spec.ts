import { createTestApp, TestApp } from '../support/test-app';
import { Caller, seedOrg, Seed } from '../support/seed';
import { waitForQueuesDrained } from '../support/wait-for-queues';
import { createCatalog, createMenu, createSession, slot, standardMenu, StudyCatalog } from './session-factory';

jest.setTimeout(60_000);

describe('sessions (e2e)', () => {
  let t: TestApp;
  let seed: Seed;
  let c: StudyCatalog;
  const as = (who: Caller) => ({ Authorization: seed.auth(who) });

  beforeAll(async () => {
    t = await createTestApp({ worker: true });
    seed = await seedOrg(t);
    c = await createCatalog(t, seed);
  });
  afterAll(() => t.close());

  describe('create', () => {
    it('creates a draft with the given menu and presenter, in the documented shape', async () => {
      const times = slot(48);
      const res = await t
        .http()
        .post('/api/v1/sessions')
        .set(as('organiserA'))
        .send({ unitId: seed.units.branchA, title: '十二月集中学习', kind: 'friday_study', ...times, location: '党员活动室', menu: standardMenu(c, seed.users.memberA1.id) })
        .expect(201);
      expect(res.body).toMatchObject({
        id: expect.any(String),
        unitId: seed.units.branchA,
        title: '十二月集中学习',
        kind: 'friday_study',
        status: 'draft',
        startsAt: times.startsAt,
        endsAt: times.endsAt,
        location: '党员活动室',
        seriesId: null,
        counts: { expected: 0, present: 0, late: 0, excused: 0, absent: 0 },
      });
      expect(res.body.menu).toEqual([
        { position: 1, catalogItemId: c.theory, title: '《共产党宣言》导读', kind: 'theory', course: 'main', presenterId: seed.users.memberA1.id, readingItemId: null },
        { position: 2, catalogItemId: c.history, title: '红船精神的故事', kind: 'history', course: 'main', presenterId: null, readingItemId: null },
        { position: 3, catalogItemId: c.song, title: '没有共产党就没有新中国', kind: 'song', course: 'main', presenterId: null, readingItemId: null },
        { position: 4, catalogItemId: c.other, title: '时事要闻', kind: 'other', course: 'side', presenterId: null, readingItemId: null },
      ]);
      expect(JSON.stringify(res.body)).not.toMatch(/secret/i);
    });

    it('copies the menu from a menu (套餐)', async () => {
      const menuId = await createMenu(t, seed, c);
      const s = await createSession(t, seed, c, { menu: undefined, menuId });
      expect(s.menu.map((m: { kind: string; course: string }) => `${m.kind}:${m.course}`)).toEqual(['theory:main', 'history:main', 'song:main', 'other:side']);
    });

    it('applies the copied menu’s own required kinds', async () => {
      const menu = await t
        .http()
        .post('/api/v1/menus')
        .set(as('admin'))
        .send({ name: '廉政', requiredKinds: ['integrity'], items: [{ catalogItemId: c.integrity, course: 'main' }] })
        .expect(201);
      const s = await createSession(t, seed, c, { menu: undefined, menuId: menu.body.id });
      expect(s.menu).toHaveLength(1);
      // The same entries given directly fall under the default rule (theory, history, song).
      const res = await t
        .http()
        .post('/api/v1/sessions')
        .set(as('organiserA'))
        .send({ unitId: seed.units.branchA, title: 'x', kind: 'friday_study', ...slot(50), menu: [{ catalogItemId: c.integrity, course: 'main' }] })
        .expect(400);
      expect(res.body.message).toMatch(/missing: theory, history, song/);
    });

    it('does not require the main courses for other kinds', async () => {
      const s = await createSession(t, seed, c, { kind: 'warning_education', menu: [{ catalogItemId: c.other, course: 'side' }] });
      expect(s.kind).toBe('warning_education');
    });

    it('rejects bad input with a clear 400', async () => {
      const base = { unitId: seed.units.branchA, title: '学习', kind: 'friday_study', menu: standardMenu(c) };
      const post = (body: Record<string, unknown>) => t.http().post('/api/v1/sessions').set(as('organiserA')).send({ ...base, ...body });
      const at = '2026-12-04T07:00:00.000Z';
      expect((await post({ startsAt: at, endsAt: at }).expect(400)).body.message).toMatch(/endsAt must be after startsAt/);
      await post({ startsAt: at, endsAt: '2026-12-04T06:00:00.000Z' }).expect(400);
      await post({ startsAt: '2026-12-04 15:00', endsAt: '2026-12-04T08:00:00.000Z' }).expect(400);
      await post({ ...slot(60), kind: 'party' }).expect(400);
      const unknown = await post({ ...slot(60), menu: [...standardMenu(c), { catalogItemId: '00000000-0000-4000-8000-000000000001', course: 'side' }] }).expect(400);
      expect(unknown.body.message).toMatch(/unknown: 00000000-0000-4000-8000-000000000001/);
      for (const outsider of [seed.users.memberB.id, seed.users.auditor.id, seed.users.admin.id, seed.users.memberDept.id]) {
        const res = await post({ ...slot(60), menu: standardMenu(c, outsider) }).expect(400);
        expect(res.body.message).toMatch(/presenterId must be a person of the session's unit/);
      }
      const noSong = await post({ ...slot(60), menu: standardMenu(c).filter((m) => m.catalogItemId !== c.song) }).expect(400);
      expect(noSong.body.message).toMatch(/missing: song/);
      const sideSong = await post({ ...slot(60), menu: standardMenu(c).map((m) => (m.catalogItemId === c.song ? { ...m, course: 'side' } : m)) }).expect(400);
      expect(sideSong.body.message).toMatch(/missing: song/);
      await post({ ...slot(60), menuId: '00000000-0000-4000-8000-000000000002', menu: undefined }).expect(400);
      await post({ ...slot(60), unitId: '00000000-0000-4000-8000-000000000003' }).expect(400);
      await post({ ...slot(60), secret: 'x' }).expect(400);
    });

    it('lets only organisers of the unit (or above it) and admins create', async () => {
      await createSession(t, seed, c, { unitId: seed.units.groupA1 }, 'organiserA');
      await createSession(t, seed, c, { unitId: seed.units.branchB }, 'admin');
      await t.http().post('/api/v1/sessions').set(as('organiserB')).send({ unitId: seed.units.branchA, title: 'x', kind: 'friday_study', ...slot(70), menu: standardMenu(c) }).expect(403);
      await t.http().post('/api/v1/sessions').set(as('organiserA')).send({ unitId: seed.units.dept, title: 'x', kind: 'friday_study', ...slot(70), menu: standardMenu(c) }).expect(403);
      for (const who of ['memberA', 'auditor'] as const) {
        await t.http().post('/api/v1/sessions').set(as(who)).send({ unitId: seed.units.branchA, title: 'x', kind: 'friday_study', ...slot(70), menu: standardMenu(c) }).expect(403);
      }
    });

    it('refuses a second session of the unit at the same start with 409', async () => {
      const times = slot(80);
      await createSession(t, seed, c, times);
      await t.http().post('/api/v1/sessions').set(as('organiserA')).send({ unitId: seed.units.branchA, title: 'x', kind: 'friday_study', ...times, menu: standardMenu(c) }).expect(409);
    });
  });

  describe('visibility', () => {
    let ids: Record<'dept' | 'branchA' | 'groupA1' | 'branchB', string>;
    beforeAll(async () => {
      const tag = { from: '2030-03-01', to: '2030-03-31' };
      const mk = async (unit: keyof typeof ids, day: number) =>
        (await createSession(t, seed, c, { unitId: seed.units[unit], startsAt: `2030-03-${day}T07:00:00.000Z`, endsAt: `2030-03-${day}T08:30:00.000Z` }, 'admin')).id as string;
      ids = { dept: await mk('dept', 11), branchA: await mk('branchA', 12), groupA1: await mk('groupA1', 13), branchB: await mk('branchB', 14) };
      void tag;
      // Published: drafts are their organisers' own (their own test below).
      for (const id of Object.values(ids)) await t.http().post(`/api/v1/sessions/${id}/publish`).set(as('admin')).expect(200);
    });
    const visibleTo = async (who: Caller) => {
      const res = await t.http().get('/api/v1/sessions?from=2030-03-01&to=2030-03-31').set(as(who)).expect(200);
      return res.body.items.map((s: { id: string }) => s.id);
    };

    it.each<[Caller, ('dept' | 'branchA' | 'groupA1' | 'branchB')[]]>([
      ['memberDept', ['dept']],
      ['memberA', ['dept', 'branchA']],
      ['memberA1', ['dept', 'branchA', 'groupA1']],
      ['memberB', ['dept', 'branchB']],
      ['organiserA', ['dept', 'branchA', 'groupA1']],
      ['organiserB', ['dept', 'branchB']],
      ['auditor', ['dept', 'branchA', 'groupA1', 'branchB']],
      ['admin', ['dept', 'branchA', 'groupA1', 'branchB']],
    ])('%s sees exactly %j, ordered by startsAt, and gets 404 for the rest', async (who, units) => {
      expect(await visibleTo(who)).toEqual(units.map((u) => ids[u]));
      for (const [unit, id] of Object.entries(ids)) {
        await t.http().get(`/api/v1/sessions/${id}`).set(as(who)).expect(units.includes(unit as never) ? 200 : 404);
      }
    });

    it('filters by unit, dates (inclusive, local), status and kind, paginated', async () => {
      const get = async (qs: string) => (await t.http().get(`/api/v1/sessions?${qs}`).set(as('admin')).expect(200)).body;
      expect((await get(`unitId=${seed.units.branchB}&from=2030-03-01&to=2030-03-31`)).items.map((s: { id: string }) => s.id)).toEqual([ids.branchB]);
      // 2030-03-12T07:00Z is 15:00 on 12 March in Shanghai.
      expect((await get('from=2030-03-12&to=2030-03-12')).items.map((s: { id: string }) => s.id)).toEqual([ids.branchA]);
      expect((await get('from=2030-03-12&to=2030-03-13')).total).toBe(2);
      expect((await get('from=2030-03-01&to=2030-03-31&status=draft')).total).toBe(0);
      expect((await get('from=2030-03-01&to=2030-03-31&status=published')).total).toBe(4);
      expect((await get('from=2030-03-01&to=2030-03-31&kind=friday_study&limit=2&offset=1')).items.map((s: { id: string }) => s.id)).toEqual([ids.branchA, ids.groupA1]);
      await t.http().get('/api/v1/sessions?from=2030-3-1').set(as('admin')).expect(400);
      await t.http().get('/api/v1/sessions?status=open').set(as('admin')).expect(400);
      await t.http().get('/api/v1/sessions/nope').set(as('admin')).expect(400);
    });

    describe('drafts', () => {
      let drafts: typeof ids;
      beforeAll(async () => {
        const mk = async (unit: keyof typeof ids, day: number) =>
          (await createSession(t, seed, c, { unitId: seed.units[unit], startsAt: `2030-04-${day}T07:00:00.000Z`, endsAt: `2030-04-${day}T08:30:00.000Z` }, 'admin')).id as string;
        drafts = { dept: await mk('dept', 11), branchA: await mk('branchA', 12), groupA1: await mk('groupA1', 13), branchB: await mk('branchB', 14) };
      });
      const listed = async (who: Caller, qs = '') =>
        (await t.http().get(`/api/v1/sessions?from=2030-04-01&to=2030-04-30${qs}`).set(as(who)).expect(200)).body;

      it.each<[Caller, ('dept' | 'branchA' | 'groupA1' | 'branchB')[]]>([
        ['memberDept', []],
        ['memberA', []],
        ['memberA1', []],
        ['memberB', []],
        // An organiser sees the drafts of the units they manage (theirs and below), not those of a unit above.
        ['organiserA', ['branchA', 'groupA1']],
        ['organiserB', ['branchB']],
        ['auditor', ['dept', 'branchA', 'groupA1', 'branchB']],
        ['admin', ['dept', 'branchA', 'groupA1', 'branchB']],
      ])('%s sees the drafts %j only; the others are 404 and absent from every list', async (who, units) => {
        const page = await listed(who);
        expect(page.items.map((s: { id: string }) => s.id)).toEqual(units.map((u) => drafts[u]));
        expect(page.total).toBe(units.length);
        expect((await listed(who, '&status=draft')).total).toBe(units.length);
        for (const [unit, id] of Object.entries(drafts)) {
          await t.http().get(`/api/v1/sessions/${id}`).set(as(who)).expect(units.includes(unit as never) ? 200 : 404);
        }
      });

      it('a draft an organiser cannot see is 404 to every action, not 403', async () => {
        await t.http().post(`/api/v1/sessions/${drafts.dept}/publish`).set(as('organiserA')).expect(404);
        await t.http().patch(`/api/v1/sessions/${drafts.dept}`).set(as('organiserA')).send({ title: 'x' }).expect(404);
        await t.http().post(`/api/v1/sessions/${drafts.dept}/cancel`).set(as('organiserA')).send({ reason: '改期' }).expect(404);
        await t.http().get(`/api/v1/sessions/${drafts.dept}/check-in-code`).set(as('organiserA')).expect(404);
        await t.http().get(`/api/v1/sessions/${drafts.dept}/attendance`).set(as('organiserA')).expect(404);
        await t.http().post(`/api/v1/sessions/${drafts.branchA}/check-in`).set(as('memberA')).send({ code: '000000' }).expect(404);
        await t.http().post(`/api/v1/sessions/${drafts.branchA}/leave-requests`).set(as('memberA')).send({ reason: '出差' }).expect(404);
        await t.http().post(`/api/v1/sessions/${drafts.branchA}/make-up`).set(as('memberA')).send({ summary: '学'.repeat(120) }).expect(404);
        await t.http().get(`/api/v1/sessions/${drafts.branchA}/check-in-code`).set(as('organiserA')).expect(200);
        // Once published, the unit's people see it.
        await t.http().post(`/api/v1/sessions/${drafts.branchA}/publish`).set(as('organiserA')).expect(200);
        await t.http().get(`/api/v1/sessions/${drafts.branchA}`).set(as('memberA')).expect(200);
        expect((await listed('memberA')).items.map((s: { id: string }) => s.id)).toEqual([drafts.branchA]);
      });
    });

    it('does not let organisers act on sessions they do not manage', async () => {
      await t.http().post(`/api/v1/sessions/${ids.branchB}/publish`).set(as('organiserA')).expect(404);
      await t.http().post(`/api/v1/sessions/${ids.dept}/publish`).set(as('organiserA')).expect(403);
      await t.http().patch(`/api/v1/sessions/${ids.dept}`).set(as('organiserA')).send({ title: 'x' }).expect(403);
      await t.http().post(`/api/v1/sessions/${ids.branchA}/publish`).set(as('memberA')).expect(403);
      await t.http().post(`/api/v1/sessions/${ids.branchA}/cancel`).set(as('auditor')).send({ reason: 'x' }).expect(403);
    });
  });

  describe('publish, notify, change, cancel, complete', () => {
    it('fixes the roster at publish: the people of the unit subtree, active members and organisers only', async () => {
      const [inactive] = await t.db.query(
        `INSERT INTO users (username, display_name, password_hash, role, unit_id, active) VALUES ('gone', '离开的人', 'x', 'member', $1, false) RETURNING id`,
        [seed.units.groupA1],
      );
      const [groupAuditor] = await t.db.query(
        `INSERT INTO users (username, display_name, password_hash, role, unit_id) VALUES ('auditor-a', '支部纪检', 'x', 'auditor', $1) RETURNING id`,
        [seed.units.branchA],
      );
      const s = await createSession(t, seed, c, { location: '一楼会议室' });
      const res = await t.http().post(`/api/v1/sessions/${s.id}/publish`).set(as('organiserA')).expect(200);
      expect(res.body.status).toBe('published');
      expect(res.body.counts).toEqual({ expected: 3, present: 0, late: 0, excused: 0, absent: 0 });
      const roster = await t.db.query(`SELECT user_id, status FROM attendance_records WHERE session_id = $1 ORDER BY user_id`, [s.id]);
      const expected = [seed.users.organiserA.id, seed.users.memberA.id, seed.users.memberA1.id].sort();
      expect(roster).toEqual(expected.map((id) => ({ user_id: id, status: 'expected' })));
      expect(roster.map((r: { user_id: string }) => r.user_id)).not.toContain(inactive.id);
      expect(roster.map((r: { user_id: string }) => r.user_id)).not.toContain(groupAuditor.id);
      const log = await t.db.query(
        `SELECT user_id, actor_id, action, from_status, to_status FROM attendance_log WHERE session_id = $1 ORDER BY user_id`,
        [s.id],
      );
      expect(log).toEqual(expected.map((id) => ({ user_id: id, actor_id: seed.users.organiserA.id, action: 'roster', from_status: null, to_status: 'expected' })));

      await t.http().post(`/api/v1/sessions/${s.id}/publish`).set(as('organiserA')).expect(409);

      // Notified once, each person of the roster, nobody else.
      await waitForQueuesDrained(t);
      const notes = await t.db.query(`SELECT user_id, count(*)::int AS n FROM notifications WHERE kind = 'session_published' AND link = $1 GROUP BY user_id ORDER BY user_id`, [`/sessions/${s.id}`]);
      expect(notes).toEqual(expected.map((id) => ({ user_id: id, n: 1 })));
      const inbox = await t.http().get('/api/v1/me/notifications').set(as('memberA1'));
      if (inbox.status === 200) expect(JSON.stringify(inbox.body)).toContain('学习活动通知');

      // A time change of a published session notifies the roster again; the title alone does not.
      await t.http().patch(`/api/v1/sessions/${s.id}`).set(as('organiserA')).send({ title: '改了名字' }).expect(200);
      const moved = slot(30);
      const patched = await t.http().patch(`/api/v1/sessions/${s.id}`).set(as('organiserA')).send({ ...moved, location: '二楼' }).expect(200);
      expect(patched.body).toMatchObject({ title: '改了名字', startsAt: moved.startsAt, endsAt: moved.endsAt, location: '二楼', status: 'published' });
      await waitForQueuesDrained(t);
      const changed = await t.db.query(`SELECT user_id FROM notifications WHERE kind = 'session_changed' AND link = $1 ORDER BY user_id`, [`/sessions/${s.id}`]);
      expect(changed.map((r: { user_id: string }) => r.user_id)).toEqual(expected);
      // The finalize job follows the new end.
      const jobs = await t.db.query(`SELECT payload, run_at FROM outbox WHERE name = 'session.finalize' AND payload->>'sessionId' = $1 ORDER BY id`, [s.id]);
      expect(jobs).toHaveLength(2);
      expect(new Date(jobs[1].run_at).getTime()).toBe(new Date(moved.endsAt).getTime() + 300_000);

      await t.http().patch(`/api/v1/sessions/${s.id}`).set(as('organiserA')).send({ endsAt: moved.startsAt }).expect(400);

      const cancelled = await t.http().post(`/api/v1/sessions/${s.id}/cancel`).set(as('organiserA')).send({ reason: '与上级会议冲突' }).expect(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: '与上级会议冲突' });
      await waitForQueuesDrained(t);
      const cancelNotes = await t.db.query(`SELECT user_id FROM notifications WHERE kind = 'session_cancelled' AND link = $1 ORDER BY user_id`, [`/sessions/${s.id}`]);
      expect(cancelNotes.map((r: { user_id: string }) => r.user_id)).toEqual(expected);
      await t.http().post(`/api/v1/sessions/${s.id}/cancel`).set(as('organiserA')).send({ reason: 'again' }).expect(409);
      await t.http().patch(`/api/v1/sessions/${s.id}`).set(as('organiserA')).send({ title: 'x' }).expect(409);
      await t.http().post(`/api/v1/sessions/${s.id}/complete`).set(as('organiserA')).expect(409);
      await t.http().post(`/api/v1/sessions/${s.id}/cancel`).set(as('organiserA')).send({}).expect(400);
    });

    it('completes a started session once: expected becomes absent, the second call changes nothing', async () => {
      // Started ten minutes ago, ends in two hours: the worker's finalize job is far off.
      const startsAt = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 600_000);
      const s = await createSession(t, seed, c, { startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 130 * 60_000).toISOString() });
      await t.http().post(`/api/v1/sessions/${s.id}/complete`).set(as('organiserA')).expect(409); // still a draft
      await t.http().post(`/api/v1/sessions/${s.id}/publish`).set(as('organiserA')).expect(200);
      await t.db.query(`UPDATE attendance_records SET status = 'present' WHERE session_id = $1 AND user_id = $2`, [s.id, seed.users.memberA.id]);
      const done = await t.http().post(`/api/v1/sessions/${s.id}/complete`).set(as('organiserA')).expect(200);
      expect(done.body.status).toBe('completed');
      expect(done.body.completedAt).toEqual(expect.any(String));
      expect(done.body.counts).toEqual({ expected: 0, present: 1, late: 0, excused: 0, absent: 2 });
      const again = await t.http().post(`/api/v1/sessions/${s.id}/complete`).set(as('admin')).expect(200);
      expect(again.body).toEqual(done.body);
      const log = await t.db.query(`SELECT user_id, actor_id, from_status, to_status FROM attendance_log WHERE session_id = $1 AND action = 'completion' ORDER BY user_id`, [s.id]);
      expect(log).toEqual(
        [seed.users.organiserA.id, seed.users.memberA1.id].sort().map((id) => ({ user_id: id, actor_id: seed.users.organiserA.id, from_status: 'expected', to_status: 'absent' })),
      );
      await t.http().patch(`/api/v1/sessions/${s.id}`).set(as('organiserA')).send({ title: 'x' }).expect(409);
      await t.http().post(`/api/v1/sessions/${s.id}/cancel`).set(as('organiserA')).send({ reason: 'x' }).expect(409);
    });

    it('refuses to complete before startsAt', async () => {
      const s = await createSession(t, seed, c, slot(5));
      await t.http().post(`/api/v1/sessions/${s.id}/publish`).set(as('organiserA')).expect(200);
      const res = await t.http().post(`/api/v1/sessions/${s.id}/complete`).set(as('organiserA')).expect(409);
      expect(res.body.message).toMatch(/startsAt/);
    });

    it('replaces the menu by PATCH, with the same checks', async () => {
      const s = await createSession(t, seed, c);
      await t.http().patch(`/api/v1/sessions/${s.id}`).set(as('organiserA')).send({ menu: [{ catalogItemId: c.theory, course: 'main' }] }).expect(400);
      const res = await t
        .http()
        .patch(`/api/v1/sessions/${s.id}`)
        .set(as('organiserA'))
        .send({ menu: [...standardMenu(c, seed.users.memberA.id), { catalogItemId: c.integrity, course: 'side' }], location: null })
        .expect(200);
      expect(res.body.menu).toHaveLength(5);
      expect(res.body.menu[0].presenterId).toBe(seed.users.memberA.id);
      expect(res.body.location).toBeNull();
      await t.http().patch(`/api/v1/sessions/${s.id}`).set(as('organiserA')).send({ status: 'completed' }).expect(400);
    });
  });
});
