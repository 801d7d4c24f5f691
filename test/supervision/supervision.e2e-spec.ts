import { WorkingDayCalendar } from '@qf/calendar';
import { dueSecond } from '@qf/deadlines';
import { SupervisionDigestService, SupervisionWarningsService } from '@qf/supervision';
import { DateTime } from 'luxon';
import { createTestApp, TestApp } from '../support/test-app';
import { Caller, seedOrg, Seed } from '../support/seed';
import { waitForQueuesDrained } from '../support/wait-for-queues';

jest.setTimeout(90_000);

const ZONE = 'Asia/Shanghai';
const local = (d: Date | string) => DateTime.fromJSDate(new Date(d), { zone: ZONE }).toFormat('yyyy-MM-dd HH:mm');
const at = (isoLocal: string) => DateTime.fromISO(isoLocal, { zone: ZONE }).toJSDate();

describe('supervision items (督查督办, e2e)', () => {
  let t: TestApp;
  let seed: Seed;
  const api = (method: 'get' | 'post' | 'put', path: string, caller: Caller) => t.http()[method](`/api/v1${path}`).set('Authorization', seed.auth(caller));
  const notificationsOf = (userId: string, kind: string): Promise<{ title: string; body: string; event_key: string }[]> =>
    t.db.query(`SELECT title, body, event_key FROM notifications WHERE user_id = $1 AND kind = $2 ORDER BY created_at, id`, [userId, kind]);
  const create = async (who: Caller, body: Record<string, unknown>) => (await api('post', '/supervision/items', who).send({ title: '督办事项', detail: '按期办结', ...body }).expect(201)).body;

  beforeAll(async () => {
    t = await createTestApp({ worker: true });
    seed = await seedOrg(t);
  });
  afterAll(() => t.close());

  describe('working-day arithmetic', () => {
    it('counts working days across National Day week and its 调休 Saturday, ending 18:00 local', async () => {
      const cal = t.app.get(WorkingDayCalendar);
      // Wednesday 30 Sep 2026, 10:00: Oct 1–7 are off, Oct 8 (Thu), Oct 9 (Fri), Oct 10 (调休 Saturday) are working days.
      const wed = at('2026-09-30T10:00');
      expect(local(await cal.addWorkingDays(wed, 1))).toBe('2026-10-08 18:00');
      expect(local(await cal.addWorkingDays(wed, 3))).toBe('2026-10-10 18:00');
      expect(local(await cal.addWorkingDays(wed, 4))).toBe('2026-10-12 18:00');
      // From Friday 18 Sep: Sunday 20 Sep is a 调休 working day.
      expect(local(await cal.addWorkingDays(at('2026-09-18T09:00'), 1))).toBe('2026-09-20 18:00');
      // Spring Festival: from Friday 13 Feb, Saturday 14 Feb is worked, then nine days off.
      expect(local(await cal.addWorkingDays(at('2026-02-13T16:00'), 1))).toBe('2026-02-14 18:00');
      expect(local(await cal.addWorkingDays(at('2026-02-13T16:00'), 2))).toBe('2026-02-24 18:00');
      // 10 working days from 30 Sep: Oct 8, 9, 10, 12, 13, 14, 15, 16, 19, 20.
      expect(local(await cal.addWorkingDays(wed, 10))).toBe('2026-10-20 18:00');
    });

    it('follows admin overrides', async () => {
      const cal = t.app.get(WorkingDayCalendar);
      await api('put', '/calendar/days/2026-10-08', 'admin').send({ workday: false, name: '单位调休' }).expect(200);
      expect(local(await cal.addWorkingDays(at('2026-09-30T10:00'), 1))).toBe('2026-10-09 18:00');
      await api('put', '/calendar/days/2026-10-08', 'admin').send({ workday: true }).expect(200);
    });
  });

  describe('life cycle', () => {
    let item: any;

    it('assigns an item to a person of the organiser’s units, due in working days at 18:00, and notifies the owner', async () => {
      item = await create('organiserA', { ownerId: seed.users.memberA1.id, timeLimitDays: 3, source: '党委会决定事项' });
      const expected = await t.app.get(WorkingDayCalendar).addWorkingDays(new Date(item.assignedAt), 3);
      expect(item).toMatchObject({
        kind: 'supervision',
        status: 'assigned',
        ownerId: seed.users.memberA1.id,
        ownerName: '党员甲一',
        supervisorId: seed.users.organiserA.id,
        unitId: seed.units.groupA1,
        timeLimitDays: 3,
        dueAt: expected.toISOString(),
        originalDueAt: expected.toISOString(),
        warning: 'none',
        unacknowledged: false,
        late: false,
        extensions: [],
        progress: [],
      });
      expect(local(item.dueAt).endsWith('18:00')).toBe(true);
      expect(await notificationsOf(seed.users.memberA1.id, 'supervision_assigned')).toEqual([
        expect.objectContaining({ title: '督办事项：督办事项', event_key: `supervision_assigned:${item.id}` }),
      ]);
    });

    it('refuses owners outside the organiser’s units, themselves, non-people and bad limits', async () => {
      await api('post', '/supervision/items', 'organiserA').send({ title: 'x', detail: '', ownerId: seed.users.memberB.id }).expect(403);
      await api('post', '/supervision/items', 'organiserA').send({ title: 'x', detail: '', ownerId: seed.users.organiserA.id }).expect(400);
      await api('post', '/supervision/items', 'admin').send({ title: 'x', detail: '', ownerId: seed.users.auditor.id }).expect(400);
      await api('post', '/supervision/items', 'admin').send({ title: 'x', detail: '', ownerId: seed.users.memberA.id, timeLimitDays: 5 }).expect(400);
      await api('post', '/supervision/items', 'admin').send({ title: 'x', detail: '', ownerId: seed.users.memberA.id, dueAt: '2020-01-01T00:00:00Z' }).expect(400);
      await api('post', '/supervision/items', 'memberA').send({ title: 'x', detail: '', ownerId: seed.users.memberA1.id }).expect(403);
      const explicit = await create('admin', { ownerId: seed.users.memberB.id, dueAt: '2031-01-01T10:00:00.000Z', timeLimitDays: 30 });
      expect(explicit).toMatchObject({ dueAt: '2031-01-01T10:00:00.000Z', timeLimitDays: 30 });
    });

    it('shows the item to its owner, supervisor, organisers of the owner’s units, auditors and admins; 404 to others', async () => {
      for (const who of ['memberA1', 'organiserA', 'auditor', 'admin'] as Caller[]) await api('get', `/supervision/items/${item.id}`, who).expect(200);
      for (const who of ['memberA', 'memberB', 'organiserB', 'memberDept'] as Caller[]) await api('get', `/supervision/items/${item.id}`, who).expect(404);
      const ids = async (who: Caller) => (await api('get', '/supervision/items?limit=200', who).expect(200)).body.items.map((i: { id: string }) => i.id);
      expect(await ids('memberA1')).toContain(item.id);
      expect(await ids('organiserA')).toContain(item.id);
      expect(await ids('auditor')).toContain(item.id);
      expect(await ids('memberA')).not.toContain(item.id);
      expect(await ids('organiserB')).not.toContain(item.id);
    });

    it('runs assigned → accepted → reported → returned (accepted) → reported → closed, by the right people', async () => {
      await api('post', `/supervision/items/${item.id}/accept`, 'organiserA').expect(403); // sees it, not the owner
      await api('post', `/supervision/items/${item.id}/accept`, 'memberA').expect(404);
      await api('post', `/supervision/items/${item.id}/progress`, 'memberA1').send({ note: '尚未签收' }).expect(409);
      await api('post', `/supervision/items/${item.id}/report`, 'memberA1').send({ note: '完成' }).expect(409);
      expect((await api('post', `/supervision/items/${item.id}/accept`, 'memberA1').expect(200)).body).toMatchObject({ status: 'accepted', acceptedAt: expect.any(String) });
      await api('post', `/supervision/items/${item.id}/accept`, 'memberA1').expect(409);
      await api('post', `/supervision/items/${item.id}/close`, 'organiserA').send({}).expect(409); // not reported
      await api('post', `/supervision/items/${item.id}/progress`, 'memberA1').send({ note: '已制定整改方案' }).expect(200);
      await api('post', `/supervision/items/${item.id}/report`, 'memberA1').send({}).expect(400);
      const reported = await api('post', `/supervision/items/${item.id}/report`, 'memberA1').send({ note: '整改完成，报请销号' }).expect(200);
      expect(reported.body.status).toBe('reported');
      expect(await notificationsOf(seed.users.organiserA.id, 'supervision_reported')).toHaveLength(1);

      await api('post', `/supervision/items/${item.id}/return`, 'organiserA').send({}).expect(400);
      await api('post', `/supervision/items/${item.id}/return`, 'organiserB').send({ comment: '退回' }).expect(404);
      await api('post', `/supervision/items/${item.id}/return`, 'auditor').send({ comment: '退回' }).expect(403);
      const returned = await api('post', `/supervision/items/${item.id}/return`, 'organiserA').send({ comment: '材料不全，请补充' }).expect(200);
      expect(returned.body).toMatchObject({ status: 'accepted', reportedAt: null });
      expect(await notificationsOf(seed.users.memberA1.id, 'supervision_returned')).toEqual([expect.objectContaining({ body: '材料不全，请补充' })]);

      await api('post', `/supervision/items/${item.id}/report`, 'memberA1').send({ note: '已补充材料' }).expect(200);
      const closed = await api('post', `/supervision/items/${item.id}/close`, 'organiserA').send({ comment: '同意销号' }).expect(200);
      expect(closed.body).toMatchObject({ status: 'closed', late: false, warning: 'none', closedAt: expect.any(String) });
      expect(closed.body.progress.map((p: { kind: string; note: string }) => `${p.kind}:${p.note}`)).toEqual([
        'progress:已制定整改方案',
        'report:整改完成，报请销号',
        'return:材料不全，请补充',
        'report:已补充材料',
        'close:同意销号',
      ]);
      await api('post', `/supervision/items/${item.id}/close`, 'organiserA').send({}).expect(409);
    });

    it('never lets the owner close or return their own item, even an organiser of the unit; admins may', async () => {
      const own = await create('admin', { ownerId: seed.users.organiserA.id });
      await api('post', `/supervision/items/${own.id}/accept`, 'organiserA').expect(200);
      await api('post', `/supervision/items/${own.id}/report`, 'organiserA').send({ note: '完成' }).expect(200);
      await api('post', `/supervision/items/${own.id}/close`, 'organiserA').send({}).expect(403);
      await api('post', `/supervision/items/${own.id}/return`, 'organiserA').send({ comment: '自己退回' }).expect(403);
      await api('post', `/supervision/items/${own.id}/close`, 'admin').send({}).expect(200);
    });

    it('keeps the original due time on record through an extension the supervisor decides', async () => {
      const x = await create('organiserA', { ownerId: seed.users.memberA.id, timeLimitDays: 1 });
      await api('post', `/supervision/items/${x.id}/accept`, 'memberA').expect(200);
      const to = new Date(new Date(x.dueAt).getTime() + 3 * 86_400_000).toISOString();
      await api('post', `/supervision/items/${x.id}/extensions`, 'memberA').send({ to: x.dueAt, reason: '同一时间' }).expect(400);
      await api('post', `/supervision/items/${x.id}/extensions`, 'organiserA').send({ to, reason: '替人申请' }).expect(403);
      const asked = await api('post', `/supervision/items/${x.id}/extensions`, 'memberA').send({ to, reason: '需等待上级批复' }).expect(201);
      expect(asked.body.extensions).toEqual([
        expect.objectContaining({ n: 1, from: x.dueAt, to, reason: '需等待上级批复', status: 'pending', decidedBy: null }),
      ]);
      expect(asked.body.dueAt).toBe(x.dueAt);
      await api('post', `/supervision/items/${x.id}/extensions`, 'memberA').send({ to, reason: '再次申请' }).expect(409);
      await api('post', `/supervision/items/${x.id}/extensions/1/decide`, 'organiserB').send({ approve: true }).expect(404);
      await api('post', `/supervision/items/${x.id}/extensions/2/decide`, 'organiserA').send({ approve: true }).expect(404);
      const decided = await api('post', `/supervision/items/${x.id}/extensions/1/decide`, 'organiserA').send({ approve: true }).expect(200);
      expect(decided.body).toMatchObject({ dueAt: to, originalDueAt: x.dueAt, extensions: [expect.objectContaining({ status: 'approved', decidedBy: seed.users.organiserA.id })] });
      await api('post', `/supervision/items/${x.id}/extensions/1/decide`, 'organiserA').send({ approve: false }).expect(409);
      expect(await notificationsOf(seed.users.memberA.id, 'supervision_extension_decided')).toHaveLength(1);
      // A refused second request leaves the due time.
      const later = new Date(new Date(to).getTime() + 86_400_000).toISOString();
      await api('post', `/supervision/items/${x.id}/extensions`, 'memberA').send({ to: later, reason: '仍需时间' }).expect(201);
      const refused = await api('post', `/supervision/items/${x.id}/extensions/2/decide`, 'admin').send({ approve: false }).expect(200);
      expect(refused.body).toMatchObject({ dueAt: to, originalDueAt: x.dueAt });
      expect(refused.body.extensions.map((e: { status: string; from: string }) => [e.status, e.from])).toEqual([
        ['approved', x.dueAt],
        ['rejected', to],
      ]);
    });
  });

  it('answers bad input with 4xx, never 500', async () => {
    const x = await create('organiserA', { ownerId: seed.users.memberA.id });
    const statuses = [
      (await api('post', '/supervision/items', 'organiserA').send({ title: 'a\u0000b', detail: '', ownerId: seed.users.memberA.id })).status,
      (await api('post', '/supervision/items', 'organiserA').send({ title: 'a', detail: '', ownerId: seed.users.memberA.id, dueAt: '+275760-09-13T00:00:00.000Z' })).status,
      (await api('post', `/supervision/items/${x.id}/extensions/99999999999/decide`, 'organiserA').send({ approve: true })).status,
      (await api('post', `/supervision/items/${x.id}/extensions/-1/decide`, 'organiserA').send({ approve: true })).status,
      (await api('post', `/supervision/items/${x.id}/extensions/1.5/decide`, 'organiserA').send({ approve: true })).status,
      (await api('post', `/supervision/items/${x.id}/accept`, 'memberA')).status,
      (await api('post', `/supervision/items/${x.id}/extensions`, 'memberA').send({ to: '9999-12-31T00:00:00Z', reason: 'x\u0000' })).status,
      (await api('post', `/supervision/items/${x.id}/progress`, 'memberA').send({ note: '\u0000' })).status,
      (await api('get', '/supervision/items?unacknowledged=maybe', 'memberA')).status,
    ];
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
  });

  describe('colours and notifications', () => {
    let ids: Record<'none' | 'yellow' | 'orange' | 'red', string>;
    const colour = async (id: string) => (await api('get', `/supervision/items/${id}`, 'organiserA').expect(200)).body.warning;

    beforeAll(async () => {
      ids = {} as typeof ids;
      for (const c of ['none', 'yellow', 'orange', 'red'] as const) ids[c] = (await create('organiserA', { ownerId: seed.users.memberA.id, title: `颜色 ${c}` })).id;
      // A ten-day window: 10 % left is orange, 25 % yellow, 90 % none; red is past due.
      const window = (id: string, startDaysAgo: number, dueInDays: number) =>
        t.db.query(
          `UPDATE supervision_items SET assigned_at = now() - $2::float8 * interval '1 day', due_at = now() + $3::float8 * interval '1 day',
                  original_due_at = now() + $3::float8 * interval '1 day' WHERE id = $1`,
          [id, startDaysAgo, dueInDays],
        );
      await window(ids.none, 1, 9);
      await window(ids.yellow, 7.5, 2.5);
      await window(ids.orange, 9, 1);
      await window(ids.red, 10, -0.01);
    });

    it('computes the colour on read from the clock, and filters by it', async () => {
      for (const c of ['none', 'yellow', 'orange', 'red'] as const) expect([c, await colour(ids[c])]).toEqual([c, c]);
      for (const c of ['yellow', 'orange', 'red'] as const) {
        const res = await api('get', `/supervision/items?warning=${c}&ownerId=${seed.users.memberA.id}&limit=200`, 'organiserA').expect(200);
        expect(res.body.items.filter((i: { title: string }) => i.title.startsWith('颜色')).map((i: { id: string }) => i.id)).toEqual([ids[c]]);
      }
      // The clock moves: a short window turns red by itself (an item of memberA1's, so as not to disturb the counts below).
      const clock = (await create('organiserA', { ownerId: seed.users.memberA1.id, title: '时钟' })).id;
      await t.db.query(`UPDATE supervision_items SET assigned_at = now() - interval '10 seconds', due_at = now() + interval '1 second' WHERE id = $1`, [clock]);
      expect(await colour(clock)).toBe('orange');
      await new Promise((r) => setTimeout(r, 1_200));
      expect(await colour(clock)).toBe('red');
    });

    it('notifies the owner once at yellow and once at red, across concurrent and repeated sweeps', async () => {
      const sweeps = t.worker!.get(SupervisionWarningsService);
      await Promise.all([sweeps.run(), sweeps.run()]);
      await sweeps.run();
      const dueSoon = (await notificationsOf(seed.users.memberA.id, 'supervision_due_soon')).map((n) => n.event_key.split(':')[1]);
      const overdue = (await notificationsOf(seed.users.memberA.id, 'supervision_overdue')).map((n) => n.event_key.split(':')[1]);
      expect(dueSoon.sort()).toEqual([ids.yellow, ids.orange].sort());
      expect(overdue).toEqual([ids.red]);
      const [n] = await notificationsOf(seed.users.memberA.id, 'supervision_overdue');
      expect(n.title).toBe('督办事项已逾期：颜色 red');
      expect(n.body).toMatch(/^截止时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
      // An approved extension opens a new window: the new due time may warn again, once. Its key names
      // the due time by the deadline engine's due second (the floor of the epoch, as for reflections):
      // a due time at ….700 s is named by its whole second, not rounded up.
      const to = new Date(Math.ceil(Date.now() / 1000) * 1000 + 700);
      await api('post', `/supervision/items/${ids.red}/extensions`, 'memberA').send({ to: to.toISOString(), reason: '延期' }).expect(201);
      await api('post', `/supervision/items/${ids.red}/extensions/1/decide`, 'organiserA').send({ approve: true }).expect(200);
      await new Promise((r) => setTimeout(r, to.getTime() - Date.now() + 100));
      await Promise.all([sweeps.run(), sweeps.run()]);
      const overdueKeys = (await notificationsOf(seed.users.memberA.id, 'supervision_overdue')).map((n) => n.event_key);
      expect(overdueKeys).toHaveLength(2);
      expect(overdueKeys).toContain(`supervision_overdue:${ids.red}:${dueSecond(to)}`);
      expect(dueSecond(to)).toBe(Math.floor(to.getTime() / 1000));
    });

    it('flags items not accepted within one working day as unacknowledged', async () => {
      await t.db.query(`UPDATE supervision_items SET ack_due_at = now() - interval '1 minute' WHERE id = $1`, [ids.yellow]);
      expect((await api('get', `/supervision/items/${ids.yellow}`, 'memberA').expect(200)).body.unacknowledged).toBe(true);
      expect((await api('get', `/supervision/items/${ids.orange}`, 'memberA').expect(200)).body.unacknowledged).toBe(false);
      const res = await api('get', '/supervision/items?unacknowledged=true&limit=200', 'organiserA').expect(200);
      expect(res.body.items.map((i: { id: string }) => i.id)).toContain(ids.yellow);
      expect(res.body.items.map((i: { id: string }) => i.id)).not.toContain(ids.orange);
      // Accepting late does not undo it.
      await api('post', `/supervision/items/${ids.yellow}/accept`, 'memberA').expect(200);
      expect((await api('get', `/supervision/items/${ids.yellow}`, 'memberA').expect(200)).body.unacknowledged).toBe(true);
    });
  });

  describe('weekly digest', () => {
    it('is scheduled for Monday 09:00 local through the outbox, with one job id per week', async () => {
      const digests = t.worker!.get(SupervisionDigestService);
      await digests.enqueuePendingWork(at('2026-12-02T10:00'));
      const rows = await t.db.query(`SELECT job_id, run_at FROM outbox WHERE name = 'supervision.digest' AND done_at IS NULL ORDER BY run_at`);
      const next = rows.find((r: { job_id: string }) => r.job_id === 'supervision.digest.2026-12-07');
      expect(next).toBeDefined();
      expect(local(next.run_at)).toBe('2026-12-07 09:00');
      await digests.enqueuePendingWork(at('2026-12-02T10:00'));
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM outbox WHERE job_id = 'supervision.digest.2026-12-07' AND done_at IS NULL`);
      expect(n).toBe(1);
    });

    it('sends each supervisor their overdue and unacknowledged counts once per week, even when the job runs again', async () => {
      await t.db.query(`UPDATE supervision_items SET ack_due_at = now() - interval '1 minute' WHERE status = 'assigned' AND title = '颜色 orange'`);
      const digests = t.worker!.get(SupervisionDigestService);
      const [first, second] = await Promise.all([digests.send('2026-11-30'), digests.send('2026-11-30')]);
      expect([first.already, second.already].sort()).toEqual([false, true]);
      expect(await digests.send('2026-11-30')).toEqual({ sent: 0, already: true });
      const got = await notificationsOf(seed.users.organiserA.id, 'supervision_digest');
      expect(got).toEqual([expect.objectContaining({ event_key: 'supervision_digest:2026-11-30' })]);
      const [{ overdue, unack }] = await t.db.query(
        `SELECT count(*) FILTER (WHERE due_at < now())::int AS overdue,
                count(*) FILTER (WHERE status = 'assigned' AND coalesce(accepted_at, now()) > ack_due_at)::int AS unack
           FROM supervision_items WHERE supervisor_id = $1 AND status <> 'closed'`,
        [seed.users.organiserA.id],
      );
      expect(got[0].title).toBe(`督办周报（2026-11-30）：逾期 ${overdue} 项，未签收 ${unack} 项`);
      expect(unack).toBeGreaterThan(0);
      // The run scheduled the following week, and a job re-run by the worker (a flushed Redis, a relayed duplicate) sends nothing.
      const [{ m }] = await t.db.query(`SELECT count(*)::int AS m FROM outbox WHERE job_id = 'supervision.digest.2026-12-07' AND done_at IS NULL`);
      expect(m).toBe(1);
      await t.db.query(`INSERT INTO outbox (job_id, queue, name, payload) VALUES ('supervision.digest.2026-11-30', 'supervision', 'supervision.digest', '{"week":"2026-11-30"}')`);
      await waitForQueuesDrained(t);
      expect(await notificationsOf(seed.users.organiserA.id, 'supervision_digest')).toHaveLength(1);
    });
  });
});
