import { RemindersService, TalkPlansService } from '@qf/integrity';
import { DateTime } from 'luxon';
import { Caller, seedOrg, Seed } from '../support/seed';
import { createTestApp, TestApp } from '../support/test-app';
import { waitForQueuesDrained } from '../support/wait-for-queues';

jest.setTimeout(90_000);

const ZONE = 'Asia/Shanghai';
const local = (d: Date | string) => DateTime.fromJSDate(new Date(d), { zone: ZONE }).toFormat('yyyy-MM-dd HH:mm');
const at = (isoLocal: string) => DateTime.fromISO(isoLocal, { zone: ZONE }).toJSDate();
const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

describe('integrity talks, plans and reminders (e2e)', () => {
  let t: TestApp;
  let seed: Seed;
  const api = (method: 'get' | 'post', path: string, caller: Caller) => t.http()[method](`/api/v1${path}`).set('Authorization', seed.auth(caller));
  const talk = async (who: Caller, body: Record<string, unknown>) =>
    (await api('post', '/talks', who).send({ kind: 'secretary_member', at: ago(30), summary: '谈话内容', ...body }).expect(201)).body;

  beforeAll(async () => {
    t = await createTestApp({ worker: true });
    seed = await seedOrg(t);
  });
  afterAll(() => t.close());

  describe('talks', () => {
    let open: any;
    let secret: any;

    it('records a talk; each follow-up is a talk_followup item owned by the talkee, supervised by the talker', async () => {
      open = await talk('organiserA', { talkeeId: seed.users.memberA1.id, place: '支部办公室', response: '接受', followUps: [{ title: '提交说明', timeLimitDays: 3 }] });
      expect(open).toMatchObject({ kind: 'secretary_member', talkerId: seed.users.organiserA.id, talkeeId: seed.users.memberA1.id, summary: '谈话内容', private: false });
      expect(open.followUps).toHaveLength(1);
      const item = (await api('get', `/supervision/items/${open.followUps[0]}`, 'memberA1').expect(200)).body;
      expect(item).toMatchObject({ kind: 'talk_followup', ownerId: seed.users.memberA1.id, supervisorId: seed.users.organiserA.id, timeLimitDays: 3, status: 'assigned' });
      secret = await talk('organiserA', { talkeeId: seed.users.memberA.id, private: true, kind: 'reminder' });
    });

    it('refuses talks with people outside the caller’s units, with oneself, in the future, and by members', async () => {
      await api('post', '/talks', 'organiserA').send({ kind: 'reminder', talkeeId: seed.users.memberB.id, at: ago(1), summary: 'x' }).expect(403);
      await api('post', '/talks', 'organiserA').send({ kind: 'reminder', talkeeId: seed.users.organiserA.id, at: ago(1), summary: 'x' }).expect(400);
      await api('post', '/talks', 'organiserA').send({ kind: 'reminder', talkeeId: seed.users.memberA.id, at: new Date(Date.now() + 86_400_000).toISOString(), summary: 'x' }).expect(400);
      await api('post', '/talks', 'organiserA').send({ kind: 'nope', talkeeId: seed.users.memberA.id, at: ago(1), summary: 'x' }).expect(400);
      await api('post', '/talks', 'memberA').send({ kind: 'reminder', talkeeId: seed.users.memberA1.id, at: ago(1), summary: 'x' }).expect(403);
    });

    it('is visible to talker, talkee, organisers of the talkee’s units, auditors and admins; 404 to the rest', async () => {
      const expectations: [Caller, number][] = [
        ['organiserA', 200],
        ['memberA1', 200],
        ['auditor', 200],
        ['admin', 200],
        ['memberA', 404],
        ['memberB', 404],
        ['organiserB', 404],
        ['memberDept', 404],
      ];
      for (const [caller, status] of expectations) await api('get', `/talks/${open.id}`, caller).expect(status);
      const seenBy = async (caller: Caller) => (await api('get', '/talks?limit=200', caller).expect(200)).body.items.map((x: any) => x.id);
      expect(await seenBy('organiserB')).not.toContain(open.id);
      expect(await seenBy('memberA')).toEqual([secret.id]);
      expect(await seenBy('auditor')).toEqual(expect.arrayContaining([open.id, secret.id]));
    });

    it('shows a private talk to its talkee without the summary, to the others with it', async () => {
      expect((await api('get', `/talks/${secret.id}`, 'memberA').expect(200)).body.summary).toBeNull();
      expect((await api('get', `/talks/${secret.id}`, 'organiserA').expect(200)).body.summary).toBe('谈话内容');
      expect((await api('get', `/talks/${secret.id}`, 'auditor').expect(200)).body.summary).toBe('谈话内容');
    });

    it('filters by kind, talkee, unit and time', async () => {
      const ids = async (q: string) => (await api('get', `/talks?${q}`, 'admin').expect(200)).body.items.map((x: any) => x.id);
      expect(await ids('kind=reminder')).toEqual([secret.id]);
      expect(await ids(`talkeeId=${seed.users.memberA1.id}`)).toEqual([open.id]);
      expect(await ids(`unitId=${seed.units.groupA1}`)).toEqual([open.id]);
      expect(await ids(`unitId=${seed.units.branchB}`)).toEqual([]);
      expect(await ids(`from=${encodeURIComponent(new Date().toISOString())}`)).toEqual([]);
      await api('get', '/talks?from=yesterday', 'admin').expect(400);
    });
  });

  describe('talk plans', () => {
    it('moves coverage as talks are recorded, counts follow-ups, and reminds the creator once at 30 % left', async () => {
      const today = DateTime.now().setZone(ZONE);
      const plan = (
        await api('post', '/talk-plans', 'organiserA')
          .send({ title: '全覆盖谈话', kind: 'secretary_member', unitId: seed.units.branchA, from: today.minus({ days: 8 }).toISODate(), to: today.plus({ days: 1 }).toISODate() })
          .expect(201)
      ).body;
      // branchA's people but its creator: memberA and memberA1 (group below). memberA1 already had a secretary_member talk.
      expect(plan.coverage).toMatchObject({ required: 2, done: 1, coverage: 0.5, missing: [{ userId: seed.users.memberA.id, displayName: '党员甲' }], followUps: { open: 1, closed: 0, overdue: 0 } });
      await api('get', `/talk-plans/${plan.id}/coverage`, 'organiserB').expect(404);
      await api('get', `/talk-plans/${plan.id}/coverage`, 'memberA').expect(403);
      await api('get', `/talk-plans/${plan.id}/coverage`, 'auditor').expect(200);

      // 10 days, 8 behind: less than 30 % left, memberA missing → one reminder, never two.
      const plans = t.app.get(TalkPlansService);
      expect(await plans.remindBehind()).toBe(1);
      expect(await plans.remindBehind()).toBe(0);
      const sent = await t.db.query(`SELECT title FROM notifications WHERE user_id = $1 AND kind = 'talk_plan_behind'`, [seed.users.organiserA.id]);
      expect(sent).toEqual([{ title: '谈话计划未全覆盖：全覆盖谈话' }]);

      await talk('organiserA', { talkeeId: seed.users.memberA.id });
      const after = (await api('get', `/talk-plans/${plan.id}/coverage`, 'organiserA').expect(200)).body;
      expect(after).toMatchObject({ required: 2, done: 2, coverage: 1, missing: [] });
      // A sibling organiser's talk never counts, and plans elsewhere are refused.
      await api('post', '/talk-plans', 'organiserB').send({ title: 'x', kind: 'secretary_member', unitId: seed.units.branchA, from: '2026-01-01', to: '2026-12-31' }).expect(404);
      await api('post', '/talk-plans', 'organiserA').send({ title: 'x', kind: 'secretary_member', unitId: seed.units.branchA, from: '2026-12-31', to: '2026-01-01' }).expect(400);

      // Listed for organisers of the plan's unit (and above), auditors and admins.
      const listed = async (caller: Caller) => (await api('get', '/talk-plans?limit=200', caller).expect(200)).body.items.map((p: { id: string }) => p.id);
      expect(await listed('organiserA')).toContain(plan.id);
      expect(await listed('auditor')).toContain(plan.id);
      expect(await listed('organiserB')).not.toContain(plan.id);
      expect((await api('get', '/talk-plans?limit=200', 'organiserA').expect(200)).body.items.find((p: { id: string }) => p.id === plan.id)).toMatchObject({ title: '全覆盖谈话', unitId: seed.units.branchA });
      await api('get', '/talk-plans', 'memberA').expect(403);
    });
  });

  describe('holiday reminders', () => {
    it('computes sendAt from the 2026 Mid-Autumn / National Day calendar', async () => {
      const reminders = t.app.get(RemindersService);
      // 中秋节 2026: Fri 25 Sep is the first day off; 2 working days before: Wed 23 Sep (Sun 20 Sep is a 调休 working day, but it lies before).
      expect(local(await reminders.holidaySendAt('中秋', 2, at('2026-09-01T10:00')))).toBe('2026-09-23 09:00');
      expect(local(await reminders.holidaySendAt('中秋', 0, at('2026-09-01T10:00')))).toBe('2026-09-25 09:00');
      // 国庆节 2026: Thu 1 Oct; 1 working day before: Wed 30 Sep; 3 before: Wed 30, Tue 29, Mon 28 Sep.
      expect(local(await reminders.holidaySendAt('国庆', 1, at('2026-09-01T10:00')))).toBe('2026-09-30 09:00');
      expect(local(await reminders.holidaySendAt('国庆', 3, at('2026-09-01T10:00')))).toBe('2026-09-28 09:00');
      // Once National Day 2026's send time has passed, the next one is 2027's (or none known yet: 400).
      const next = await reminders.holidaySendAt('国庆', 1, at('2026-10-02T10:00')).catch(() => undefined);
      if (next) expect(local(next).startsWith('2027-')).toBe(true);
    });

    it('is sent once by the worker, acknowledged by its recipients, and reports who has not', async () => {
      const created = (
        await api('post', '/reminders', 'organiserA')
          .send({ title: '节前廉政提醒', body: '严禁公款送节礼', audience: { unitIds: [seed.units.branchA] }, sendAt: new Date().toISOString() })
          .expect(201)
      ).body;
      expect(created.sentAt).toBeNull();
      await waitForQueuesDrained(t);
      const [job] = await t.db.query(`SELECT done_at IS NOT NULL AS done FROM outbox WHERE name = 'integrity.reminder-send' AND payload->>'reminderId' = $1`, [created.id]);
      expect(job).toEqual({ done: true });
      const report = (await api('get', `/reminders/${created.id}`, 'organiserA').expect(200)).body;
      expect(report.sentAt).not.toBeNull();
      expect(report).toMatchObject({ recipients: 3, acknowledged: 0 });
      await api('post', `/reminders/${created.id}/acknowledge`, 'memberA').expect(204);
      await api('post', `/reminders/${created.id}/acknowledge`, 'memberA').expect(204);
      await api('post', `/reminders/${created.id}/acknowledge`, 'memberB').expect(404);
      const after = (await api('get', `/reminders/${created.id}`, 'auditor').expect(200)).body;
      expect(after.acknowledged).toBe(1);
      expect(after.notAcknowledged.map((p: any) => p.userId).sort()).toEqual([seed.users.memberA1.id, seed.users.organiserA.id].sort());
      await api('get', `/reminders/${created.id}`, 'organiserB').expect(404);

      // A recipient reads it (with their acknowledgement); the list shows the progress to those who follow it.
      expect((await api('get', `/me/reminders/${created.id}`, 'memberA').expect(200)).body).toMatchObject({ title: '节前廉政提醒', body: '严禁公款送节礼', senderName: '支部书记甲' });
      expect((await api('get', `/me/reminders/${created.id}`, 'memberA').expect(200)).body.acknowledgedAt).not.toBeNull();
      expect((await api('get', `/me/reminders/${created.id}`, 'memberA1').expect(200)).body.acknowledgedAt).toBeNull();
      await api('get', `/me/reminders/${created.id}`, 'memberB').expect(404);
      await api('get', `/me/reminders/${created.id}`, 'auditor').expect(404);
      const row = async (caller: Caller) => (await api('get', '/reminders?limit=200', caller).expect(200)).body.items.find((r: { id: string }) => r.id === created.id);
      expect(await row('organiserA')).toMatchObject({ title: '节前廉政提醒', recipients: 3, acknowledged: 1 });
      expect(await row('admin')).toMatchObject({ recipients: 3, acknowledged: 1 });
      expect(await row('organiserB')).toBeUndefined();
      await api('get', '/reminders', 'memberA').expect(403);
      // Sending again does nothing.
      expect(await t.app.get(RemindersService).send(created.id)).toEqual({ recipients: 0, already: true });
      const notes = await t.db.query(`SELECT count(*)::int AS n FROM notifications WHERE event_key = $1`, [`integrity_reminder:${created.id}`]);
      expect(notes[0].n).toBe(3);
    });

    it('refuses bad audiences and timings', async () => {
      const base = { title: 't', body: 'b', audience: { unitIds: [seed.units.branchA] } };
      await api('post', '/reminders', 'organiserA').send({ ...base }).expect(400);
      await api('post', '/reminders', 'organiserA').send({ ...base, holiday: { name: '圣诞', daysBefore: 1 } }).expect(400);
      await api('post', '/reminders', 'organiserA').send({ ...base, sendAt: '2020-01-01T00:00:00Z' }).expect(400);
      await api('post', '/reminders', 'organiserA').send({ ...base, audience: { unitIds: [seed.units.branchB] }, sendAt: new Date().toISOString() }).expect(403);
      await api('post', '/reminders', 'organiserA').send({ ...base, audience: {}, sendAt: new Date().toISOString() }).expect(400);
    });
  });
});
