import { loadDemoReadingList, ReadingCreditService } from '@qf/reading';
import type { Caller } from '../support/seed';
import { seededApp } from '../support/seeded-app';

const item = (title: string, category = 'regulation', extra: Record<string, unknown> = {}) => ({ title, category, ...extra });

// Hooks start the app and seed over HTTP: allow for a loaded machine.
jest.setTimeout(60_000);

describe('reading lists (e2e)', () => {
  const app = seededApp();

  const post = (caller: Caller, body: unknown) => app.t.http().post('/api/v1/reading-lists').set('Authorization', app.seed.auth(caller)).send(body as object);
  const get = (caller: Caller, path: string) => app.t.http().get(`/api/v1/reading-lists${path}`).set('Authorization', app.seed.auth(caller));
  const put = (caller: Caller, listId: string, itemId: string, body: unknown) =>
    app.t.http().put(`/api/v1/reading-lists/${listId}/items/${itemId}/progress`).set('Authorization', app.seed.auth(caller)).send(body as object);
  const create = async (caller: Caller, body: Record<string, unknown>) => (await post(caller, body).expect(201)).body;

  it('documents the endpoints in the OpenAPI spec', async () => {
    const doc = (await app.t.http().get('/api/docs-json').expect(200)).body;
    expect(Object.keys(doc.paths['/api/v1/reading-lists'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(doc.paths['/api/v1/reading-lists/{id}'].get).toBeDefined();
    expect(doc.paths['/api/v1/reading-lists/{id}/items/{itemId}/progress'].put['x-roles']).toEqual(['member', 'organiser', 'admin']);
    expect(doc.paths['/api/v1/reading-lists/{id}/progress'].get['x-roles']).toEqual(['organiser', 'auditor', 'admin']);
    expect(doc.components.schemas.CreateReadingItemDto.properties.category.enum).toEqual(['regulation', 'confession', 'case_handbook', 'theory', 'other']);
  });

  describe('POST /reading-lists', () => {
    it('creates an organisation-wide list for an admin, with item ids, positions and required defaulting to true', async () => {
      const res = await post('admin', {
        year: 2026,
        title: '全局清单',
        items: [item('《中国共产党纪律处分条例》'), item('《违纪违法干部忏悔录选编》', 'confession', { required: false, materialUrl: 'https://example.org/a' })],
      }).expect(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        year: 2026,
        title: '全局清单',
        unitId: null,
        createdBy: app.seed.users.admin.id,
        createdAt: expect.any(String),
        items: [
          { id: expect.any(String), position: 1, title: '《中国共产党纪律处分条例》', category: 'regulation', materialUrl: null, required: true },
          { id: expect.any(String), position: 2, title: '《违纪违法干部忏悔录选编》', category: 'confession', materialUrl: 'https://example.org/a', required: false },
        ],
      });
    });

    it("scopes an organiser's list to their own unit when unitId is omitted, and to a descendant when given", async () => {
      expect((await create('organiserA', { year: 2026, title: '支部清单', items: [item('a')] })).unitId).toBe(app.seed.units.branchA);
      expect((await create('organiserA', { year: 2026, title: '小组清单', unitId: app.seed.units.groupA1, items: [item('a')] })).unitId).toBe(app.seed.units.groupA1);
    });

    it('refuses units outside an organiser’s subtree, and members and auditors altogether', async () => {
      await post('organiserA', { year: 2026, title: 'x', unitId: app.seed.units.branchB, items: [item('a')] }).expect(403);
      await post('organiserA', { year: 2026, title: 'x', unitId: app.seed.units.dept, items: [item('a')] }).expect(403);
      await post('memberA', { year: 2026, title: 'x', items: [item('a')] }).expect(403);
      await post('auditor', { year: 2026, title: 'x', items: [item('a')] }).expect(403);
    });

    it('answers a repeated list (same year, scope and title) with 409, never a duplicate', async () => {
      const body = { year: 2027, title: '重复清单', items: [item('a')] };
      await post('organiserB', body).expect(201);
      await post('organiserB', body).expect(409);
      await post('organiserB', { ...body, year: 2028 }).expect(201);
      const [{ n }] = await app.t.db.query(`SELECT count(*)::int AS n FROM reading_lists WHERE title = '重复清单'`);
      expect(n).toBe(2);
    });

    it('creates one list out of concurrent identical requests; the others get 409', async () => {
      const body = { year: 2029, title: '并发清单', items: [item('a'), item('b')] };
      const statuses = (await Promise.all(Array.from({ length: 6 }, () => post('organiserA', body)))).map((r) => r.status).sort();
      expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
      const [{ n }] = await app.t.db.query(
        `SELECT count(*)::int AS n FROM reading_items ri JOIN reading_lists rl ON rl.id = ri.list_id WHERE rl.title = '并发清单'`,
      );
      expect(n).toBe(2);
    });

    it.each([
      ['an unknown category', { year: 2026, title: 'x', items: [item('a', 'novel')] }, /category/],
      ['empty items', { year: 2026, title: 'x', items: [] }, /items/],
      ['no items', { year: 2026, title: 'x' }, /items/],
      ['a year before 2000', { year: 1999, title: 'x', items: [item('a')] }, /year/],
      ['a year after 2100', { year: 2101, title: 'x', items: [item('a')] }, /year/],
      ['a fractional year', { year: 2026.5, title: 'x', items: [item('a')] }, /year/],
      ['an unknown field', { year: 2026, title: 'x', items: [item('a')], owner: 'me' }, /owner/],
      ['an unknown item field', { year: 2026, title: 'x', items: [item('a', 'theory', { pages: 3 })] }, /pages/],
      ['an empty title', { year: 2026, title: '', items: [item('a')] }, /title/],
      ['a blank item title', { year: 2026, title: 'x', items: [item('   ')] }, /title/],
      ['a repeated item title', { year: 2026, title: 'x', items: [item('a'), item('a')] }, /repeats/],
      ['a bad materialUrl', { year: 2026, title: 'x', items: [item('a', 'theory', { materialUrl: 'javascript:alert(1)' })] }, /materialUrl/],
      ['a non-boolean required', { year: 2026, title: 'x', items: [item('a', 'theory', { required: 'yes' })] }, /required/],
      ['an unknown unit', { year: 2026, title: 'x', unitId: '00000000-0000-4000-8000-000000000000', items: [item('a')] }, /unitId/],
      ['too many items', { year: 2026, title: 'x', items: Array.from({ length: 201 }, (_, i) => item(`i${i}`)) }, /items/],
    ])('rejects %s with 400 and creates nothing', async (_, body, message) => {
      const before = (await app.t.db.query(`SELECT count(*)::int AS n FROM reading_lists`))[0].n;
      const res = await post('admin', body).expect(400);
      expect(JSON.stringify(res.body.message)).toMatch(message);
      expect((await app.t.db.query(`SELECT count(*)::int AS n FROM reading_lists`))[0].n).toBe(before);
    });
  });

  describe('visibility', () => {
    const lists: Record<string, string> = {};
    beforeAll(async () => {
      const make = async (name: string, caller: Caller, unitId?: string) =>
        (lists[name] = (await create(caller, { year: 2030, title: name, ...(unitId ? { unitId } : {}), items: [item('a')] })).id);
      await make('org', 'admin');
      await make('dept', 'admin', app.seed.units.dept);
      await make('branchA', 'organiserA');
      await make('groupA1', 'organiserA', app.seed.units.groupA1);
      await make('branchB', 'organiserB');
    });

    const expected: Record<Caller, string[]> = {
      memberDept: ['org', 'dept'],
      memberA: ['org', 'dept', 'branchA'], // not the child group's list, not the sibling's
      memberA1: ['org', 'dept', 'branchA', 'groupA1'],
      memberB: ['org', 'dept', 'branchB'],
      organiserA: ['org', 'dept', 'branchA', 'groupA1'],
      organiserB: ['org', 'dept', 'branchB'],
      auditor: ['org', 'dept', 'branchA', 'groupA1', 'branchB'],
      admin: ['org', 'dept', 'branchA', 'groupA1', 'branchB'],
    };

    it.each(Object.entries(expected) as [Caller, string[]][])('%s sees exactly %j', async (caller, names) => {
      const res = await get(caller, '?year=2030').expect(200);
      expect(res.body.items.map((l: { title: string }) => l.title).sort()).toEqual([...names].sort());
      expect(res.body.total).toBe(names.length);
      for (const name of Object.keys(lists)) {
        await get(caller, `/${lists[name]}`).expect(names.includes(name) ? 200 : 404);
      }
    });

    it('pages with limit and offset and keeps the total', async () => {
      const page = await get('admin', '?year=2030&limit=2&offset=1').expect(200);
      expect(page.body.items).toHaveLength(2);
      expect(page.body.total).toBe(5);
      const beyond = await get('admin', '?year=2030&limit=2&offset=10').expect(200);
      expect(beyond.body).toEqual({ items: [], total: 5 });
    });

    it('answers an unknown list with 404 and a malformed id or year with 400', async () => {
      await get('admin', '/00000000-0000-4000-8000-000000000000').expect(404);
      await get('admin', '/not-a-uuid').expect(400);
      await get('admin', '?year=abc').expect(400);
      await get('admin', '?year=1999').expect(400);
    });
  });

  describe('own progress', () => {
    let list: { id: string; items: { id: string }[] };
    let other: { id: string; items: { id: string }[] };
    let hidden: { id: string; items: { id: string }[] };
    beforeAll(async () => {
      list = await create('admin', { year: 2031, title: '进度清单', items: [item('一'), item('二'), item('三', 'theory', { required: false })] });
      other = await create('admin', { year: 2031, title: '另一清单', items: [item('一')] });
      hidden = await create('organiserB', { year: 2031, title: '乙支部清单', items: [item('一')] });
    });

    it('sets finishedAt when finished, keeps it on a repeat, and clears it back to reading', async () => {
      const first = await put('memberA', list.id, list.items[0].id, { status: 'finished', note: '读后有感' }).expect(200);
      expect(first.body).toEqual({ itemId: list.items[0].id, status: 'finished', finishedAt: expect.any(String), discussedAt: null, note: '读后有感' });
      const again = await put('memberA', list.id, list.items[0].id, { status: 'finished' }).expect(200);
      expect(again.body.finishedAt).toBe(first.body.finishedAt);
      expect(again.body.note).toBe('读后有感'); // omitted note: kept
      const back = await put('memberA', list.id, list.items[0].id, { status: 'reading', note: null }).expect(200);
      expect(back.body).toEqual({ itemId: list.items[0].id, status: 'reading', finishedAt: null, discussedAt: null, note: null });
      const finishedAgain = await put('memberA', list.id, list.items[0].id, { status: 'finished' }).expect(200);
      expect(new Date(finishedAgain.body.finishedAt).getTime()).toBeGreaterThanOrEqual(new Date(first.body.finishedAt).getTime());
    });

    it('survives concurrent writes of the same progress', async () => {
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => put('memberA1', list.id, list.items[2].id, { status: i % 2 ? 'finished' : 'reading', note: `n${i}` })),
      );
      expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
      const [row] = await app.t.db.query(`SELECT status, finished_at FROM reading_progress WHERE user_id = $1 AND item_id = $2`, [
        app.seed.users.memberA1.id,
        list.items[2].id,
      ]);
      expect(row.status === 'finished').toBe(row.finished_at !== null);
    });

    it('shows each caller only their own progress', async () => {
      const mine = await get('memberA', `/${list.id}`).expect(200);
      expect(mine.body.items[0].progress).toMatchObject({ itemId: list.items[0].id, status: 'finished' });
      expect(mine.body.items[1].progress).toBeNull();
      const theirs = await get('memberB', `/${list.id}`).expect(200);
      expect(theirs.body.items.map((i: { progress: unknown }) => i.progress)).toEqual([null, null, null]);
      const summary = await get('memberA', '?year=2031').expect(200);
      expect(summary.body.items.find((l: { id: string }) => l.id === list.id)).toMatchObject({
        itemCount: 3,
        requiredCount: 2,
        own: { finishedRequired: 1, required: 2, discussed: 0, completion: 0.5 },
      });
    });

    it('has no way to write someone else’s progress', async () => {
      await put('memberA', list.id, list.items[1].id, { status: 'finished', userId: app.seed.users.memberB.id }).expect(400);
      const rows = await app.t.db.query(`SELECT user_id FROM reading_progress WHERE item_id = $1`, [list.items[1].id]);
      expect(rows).toEqual([]);
    });

    it('answers 404 for an unknown item, an item of another list, and a list the caller cannot see', async () => {
      await put('memberA', list.id, '00000000-0000-4000-8000-000000000000', { status: 'reading' }).expect(404);
      await put('memberA', list.id, other.items[0].id, { status: 'reading' }).expect(404);
      await put('memberA', hidden.id, hidden.items[0].id, { status: 'reading' }).expect(404);
      await put('memberB', hidden.id, hidden.items[0].id, { status: 'reading' }).expect(200);
    });

    it('rejects bad input and auditors', async () => {
      await put('memberA', list.id, list.items[1].id, { status: 'done' }).expect(400);
      await put('memberA', list.id, list.items[1].id, {}).expect(400);
      await put('memberA', list.id, list.items[1].id, { status: 'reading', note: 'x'.repeat(2001) }).expect(400);
      await put('memberA', list.id, 'nope', { status: 'reading' }).expect(400);
      await put('auditor', list.id, list.items[1].id, { status: 'reading' }).expect(403);
    });
  });

  describe('GET /reading-lists/:id/progress', () => {
    let list: { id: string; items: { id: string }[] };
    beforeAll(async () => {
      list = await create('organiserA', {
        year: 2032,
        title: '报告清单',
        items: [item('必读一'), item('必读二'), item('必读三'), item('选读', 'other', { required: false })],
      });
      const [r1, r2, r3, opt] = list.items.map((i) => i.id);
      for (const [caller, itemId, status] of [
        ['memberA', r1, 'finished'],
        ['memberA', r2, 'finished'],
        ['memberA', opt, 'finished'],
        ['memberA1', r1, 'finished'],
        ['memberA1', r2, 'reading'],
        ['organiserA', r1, 'finished'],
        ['organiserA', r2, 'finished'],
        ['organiserA', r3, 'finished'],
      ] as [Caller, string, string][]) {
        await put(caller, list.id, itemId, { status }).expect(200);
      }
    });

    const row = (caller: Caller, finishedRequired: number, completion: number, discussed = 0) => ({
      userId: app.seed.users[caller].id,
      displayName: expect.any(String),
      unitId: app.seed.users[caller].unitId,
      finishedRequired,
      required: 3,
      discussed,
      completion,
    });
    const byUser = (members: { userId: string }[]) => [...members].sort((a, b) => a.userId.localeCompare(b.userId));

    it('reports exact numbers over the people of the list’s unit subtree', async () => {
      const expected = byUser([row('memberA', 2, 0.6667), row('memberA1', 1, 0.3333), row('organiserA', 3, 1)]);
      for (const caller of ['organiserA', 'auditor', 'admin'] as Caller[]) {
        const res = await get(caller, `/${list.id}/progress`).expect(200);
        expect(res.body.listId).toBe(list.id);
        expect(res.body.unitId).toBe(app.seed.units.branchA);
        expect(res.body.required).toBe(3);
        expect(byUser(res.body.members)).toEqual(expected);
      }
    });

    it('narrows to a unit subtree with unitId', async () => {
      const res = await get('organiserA', `/${list.id}/progress?unitId=${app.seed.units.groupA1}`).expect(200);
      expect(res.body.members).toEqual([row('memberA1', 1, 0.3333)]);
      // An ancestor of the list's unit still means the list's own people.
      const dept = await get('admin', `/${list.id}/progress?unitId=${app.seed.units.dept}`).expect(200);
      expect(dept.body.members).toHaveLength(3);
    });

    it('leaves out deactivated people', async () => {
      await app.t.db.query(`UPDATE users SET active = false WHERE id = $1`, [app.seed.users.memberA1.id]);
      try {
        const res = await get('admin', `/${list.id}/progress`).expect(200);
        expect(res.body.members.map((m: { userId: string }) => m.userId)).not.toContain(app.seed.users.memberA1.id);
      } finally {
        await app.t.db.query(`UPDATE users SET active = true WHERE id = $1`, [app.seed.users.memberA1.id]);
      }
    });

    it('refuses members, outsiders and units beyond the caller’s scope', async () => {
      await get('memberA', `/${list.id}/progress`).expect(403);
      await get('organiserB', `/${list.id}/progress`).expect(404);
      await get('organiserA', `/${list.id}/progress?unitId=${app.seed.units.branchB}`).expect(403);
      await get('organiserA', `/${list.id}/progress?unitId=${app.seed.units.dept}`).expect(403);
      await get('admin', `/${list.id}/progress?unitId=${app.seed.units.branchB}`).expect(400);
      await get('admin', `/${list.id}/progress?unitId=00000000-0000-4000-8000-000000000000`).expect(400);
      await get('admin', `/${list.id}/progress?unitId=bad`).expect(400);
    });

    it('reports an organisation-wide list over everyone for auditors, over their own units for organisers', async () => {
      const org = await create('admin', { year: 2032, title: '全局报告清单', items: [item('一'), item('二', 'theory', { required: false })] });
      await put('memberB', org.id, org.items[0].id, { status: 'finished' }).expect(200);
      const all = await get('auditor', `/${org.id}/progress`).expect(200);
      expect(all.body.unitId).toBeNull();
      const people: Caller[] = ['organiserA', 'organiserB', 'memberA', 'memberA1', 'memberB', 'memberDept'];
      expect(all.body.members.map((m: { userId: string }) => m.userId).sort()).toEqual(people.map((c) => app.seed.users[c].id).sort());
      expect(all.body.members.find((m: { userId: string }) => m.userId === app.seed.users.memberB.id)).toMatchObject({
        finishedRequired: 1,
        required: 1,
        completion: 1,
      });
      const mine = await get('organiserB', `/${org.id}/progress`).expect(200);
      expect(mine.body.unitId).toBe(app.seed.units.branchB);
      expect(mine.body.members.map((m: { userId: string }) => m.userId).sort()).toEqual(
        [app.seed.users.organiserB.id, app.seed.users.memberB.id].sort(),
      );
    });
  });

  describe('demo data', () => {
    it('loads the 2026 organisation-wide list once, however often it is called', async () => {
      const first = await app.t.db.transaction((em) => loadDemoReadingList(em, { createdBy: app.seed.users.admin.id }));
      const second = await app.t.db.transaction((em) => loadDemoReadingList(em, { createdBy: null }));
      expect(first.created).toBe(true);
      expect(second).toEqual({ id: first.id, created: false });
      const res = await get('memberA1', `/${first.id}`).expect(200);
      expect(res.body).toMatchObject({ year: 2026, title: '2026年度党风党纪教育清单', unitId: null });
      const titles = res.body.items.map((i: { title: string }) => i.title);
      expect(titles).toEqual(expect.arrayContaining(['《中国共产党纪律处分条例》', '《中国共产党廉洁自律准则》', '《中华人民共和国监察法》', '《以案释法手册》']));
      expect(new Set(res.body.items.map((i: { category: string }) => i.category))).toEqual(
        new Set(['regulation', 'confession', 'case_handbook', 'theory', 'other']),
      );
      expect(res.body.items.map((i: { position: number }) => i.position)).toEqual(titles.map((_: string, i: number) => i + 1));
    });
  });

  describe('discussion credit (逐项学习研讨)', () => {
    // Sessions are set up in SQL (a started, published session with a roster); completion goes
    // through the real endpoint, i.e. the one completion code path the worker's finalize job uses too.
    let list: { id: string; items: { id: string }[] };
    let catalogItemId: string;

    beforeAll(async () => {
      list = await create('organiserA', { year: 2033, title: '研讨清单', items: [item('条例'), item('准则'), item('忏悔录', 'confession')] });
      [{ id: catalogItemId }] = await app.t.db.query(`INSERT INTO catalog_items (title, kind) VALUES ('党纪学习', 'regulation') RETURNING id`);
      // memberA1 already finished the first item; the credit must not change that.
      await put('memberA1', list.id, list.items[0].id, { status: 'finished' }).expect(200);
    });

    /** A started, published session of branchA whose menu discusses `itemIds`, with the given roster (one transaction). */
    const sessionWith = (startsAgo: number, itemIds: string[], roster: [Caller, string][], unitId = app.seed.units.branchA) =>
      app.t.db.transaction(async (em) => {
        const [{ id }] = await em.query(
          `INSERT INTO sessions (unit_id, title, kind, status, starts_at, ends_at, published_at)
           VALUES ($1, '逐项学习研讨', 'branch_meeting', 'published', now() - make_interval(hours => $2), now() - make_interval(hours => $2 - 1), now())
           RETURNING id`,
          [unitId, startsAgo],
        );
        await em.query(
          `INSERT INTO session_menu_items (session_id, position, catalog_item_id, course, reading_item_id)
           SELECT $1, e.ord, $2, 'main', e.item FROM unnest($3::uuid[]) WITH ORDINALITY AS e(item, ord)`,
          [id, catalogItemId, itemIds],
        );
        await em.query(
          `INSERT INTO attendance_records (session_id, user_id, status) SELECT $1, u, s FROM unnest($2::uuid[], $3::text[]) AS r(u, s)`,
          [id, roster.map(([c]) => app.seed.users[c].id), roster.map(([, s]) => s)],
        );
        return id as string;
      });

    /** Completes the session through the one completion path (POST /sessions/:id/complete). */
    const complete = async (sessionId: string) => {
      const res = await app.t.http().post(`/api/v1/sessions/${sessionId}/complete`).set('Authorization', app.seed.auth('organiserA')).expect(200);
      expect(res.body.status).toBe('completed');
    };
    const discussedRows = () =>
      app.t.db.query(
        `SELECT rp.user_id, rp.item_id, rp.status, rp.discussed_at, rp.discussed_session_id FROM reading_progress rp
           JOIN reading_items ri ON ri.id = rp.item_id WHERE ri.list_id = $1 AND rp.discussed_at IS NOT NULL ORDER BY 1, 2`,
        [list.id],
      );

    const progress = async (caller: Caller) => (await get(caller, `/${list.id}`).expect(200)).body.items.map((i: { progress: unknown }) => i.progress);

    it('credits present and late attendees only, once', async () => {
      const sessionId = await sessionWith(3, [list.items[0].id, list.items[1].id, list.items[0].id], [
        ['memberA', 'present'],
        ['memberA1', 'late'],
        ['organiserA', 'absent'],
        ['memberDept', 'excused'],
      ]);
      await complete(sessionId);

      const a = await progress('memberA');
      expect(a[0]).toMatchObject({ status: 'reading', finishedAt: null, discussedAt: expect.any(String) });
      expect(a[1]).toMatchObject({ status: 'reading', discussedAt: expect.any(String) });
      expect(a[2]).toBeNull();
      const a1 = await progress('memberA1');
      expect(a1[0]).toMatchObject({ status: 'finished', finishedAt: expect.any(String), discussedAt: expect.any(String) });
      expect(a1[1]).toMatchObject({ status: 'reading', discussedAt: expect.any(String) });
      expect(await progress('organiserA')).toEqual([null, null, null]);
      const credited = await discussedRows();
      expect(credited).toHaveLength(4);
      expect(credited.every((r: { discussed_session_id: string }) => r.discussed_session_id === sessionId)).toBe(true);

      // Completing again, or another session on the same item, changes nothing.
      await complete(sessionId);
      const later = await sessionWith(2, [list.items[0].id], [['memberA', 'present']]);
      await complete(later);
      expect(await discussedRows()).toEqual(credited);
      expect(await progress('memberA')).toEqual(a);

      const report = await get('organiserA', `/${list.id}/progress`).expect(200);
      const discussed = Object.fromEntries(report.body.members.map((m: { userId: string; discussed: number }) => [m.userId, m.discussed]));
      expect(discussed).toEqual({ [app.seed.users.memberA.id]: 2, [app.seed.users.memberA1.id]: 2, [app.seed.users.organiserA.id]: 0 });
    });

    it('credits nothing for a session that is not completed, nor attendees who cannot see the list', async () => {
      const credit = app.t.app.get(ReadingCreditService);
      const open = await sessionWith(4, [list.items[2].id], [['memberA', 'present']]);
      expect(await app.t.db.transaction((em) => credit.creditDiscussion(em, open))).toBe(0);
      // A department session discussing branchA's item: memberDept attended but cannot see the list.
      const deptSession = await sessionWith(6, [list.items[2].id], [['memberDept', 'present'], ['memberA', 'late']], app.seed.units.dept);
      await app.t.http().post(`/api/v1/sessions/${deptSession}/complete`).set('Authorization', app.seed.auth('admin')).expect(200);
      const rows = await app.t.db.query(`SELECT user_id FROM reading_progress WHERE item_id = $1 AND discussed_at IS NOT NULL`, [list.items[2].id]);
      expect(rows.map((r: { user_id: string }) => r.user_id)).toEqual([app.seed.users.memberA.id]);
    });

    it('credits someone marked present or late after completion, with the mark; not someone marked excused', async () => {
      const late = await create('organiserA', { year: 2034, title: '补录研讨清单', items: [item('一'), item('二')] });
      const itemIds = late.items.map((i: { id: string }) => i.id);
      const sessionId = await sessionWith(3, itemIds, [
        ['memberA', 'absent'],
        ['memberA1', 'expected'],
        ['organiserA', 'absent'],
      ]);
      await complete(sessionId);
      const creditedFor = async () =>
        (
          await app.t.db.query(
            `SELECT user_id, item_id, discussed_session_id FROM reading_progress WHERE item_id = ANY($1::uuid[]) AND discussed_at IS NOT NULL ORDER BY 1, 2`,
            [itemIds],
          )
        ).map((r: { user_id: string; item_id: string; discussed_session_id: string }) => `${r.user_id}:${r.item_id}:${r.discussed_session_id}`);
      expect(await creditedFor()).toEqual([]);

      const mark = (who: Caller, status: string, by: Caller = 'organiserA') =>
        app.t.http().put(`/api/v1/sessions/${sessionId}/attendance/${app.seed.users[who].id}`).set('Authorization', app.seed.auth(by)).send({ status, reason: '补录签到' });
      await mark('memberA', 'present').expect(200);
      await mark('memberA1', 'late').expect(200);
      await mark('organiserA', 'excused', 'admin').expect(200);
      const expected = [app.seed.users.memberA.id, app.seed.users.memberA1.id].flatMap((u) => itemIds.map((i: string) => `${u}:${i}:${sessionId}`)).sort();
      expect(await creditedFor()).toEqual(expected);
      // Marking again (or back and forth) credits nothing twice; discussedAt keeps its first value.
      const [first] = await app.t.db.query(`SELECT discussed_at FROM reading_progress WHERE user_id = $1 AND item_id = $2`, [app.seed.users.memberA.id, itemIds[0]]);
      await mark('memberA', 'late').expect(200);
      const [again] = await app.t.db.query(`SELECT discussed_at FROM reading_progress WHERE user_id = $1 AND item_id = $2`, [app.seed.users.memberA.id, itemIds[0]]);
      expect(again.discussed_at).toEqual(first.discussed_at);
      expect(await creditedFor()).toEqual(expected);
    });

    it('keeps discussedAt when the owner later changes their status', async () => {
      const before = (await progress('memberA'))[0];
      const after = await put('memberA', list.id, list.items[0].id, { status: 'finished' }).expect(200);
      expect(after.body.discussedAt).toBe(before.discussedAt);
    });

    it('accepts a session menu naming a reading item of a list its unit can see, and refuses others with 400', async () => {
      const other = await create('organiserB', { year: 2033, title: '乙支部研讨清单', items: [item('一')] });
      const startsAt = new Date(Date.now() + 7 * 86_400_000);
      const session = (readingItemId: string) =>
        app.t.http().post('/api/v1/sessions').set('Authorization', app.seed.auth('organiserA')).send({
          unitId: app.seed.units.branchA,
          title: '支部党员大会',
          kind: 'branch_meeting',
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
          menu: [{ catalogItemId, course: 'main', readingItemId }],
        });
      const ok = await session(list.items[2].id).expect(201);
      expect(ok.body.menu[0].readingItemId).toBe(list.items[2].id);
      const unknown = await session('00000000-0000-4000-8000-000000000000').expect(400);
      expect(unknown.body.message).toMatch(/readingItemId/);
      await session(other.items[0].id).expect(400);
    });

    it('refuses a menu entry naming an unknown reading item in the database too (foreign key)', async () => {
      const sessionId = await sessionWith(5, [], []);
      await expect(
        app.t.db.query(`INSERT INTO session_menu_items (session_id, position, catalog_item_id, course, reading_item_id) VALUES ($1, 1, $2, 'main', gen_random_uuid())`, [
          sessionId,
          catalogItemId,
        ]),
      ).rejects.toThrow(/foreign key/);
    });
  });
});
