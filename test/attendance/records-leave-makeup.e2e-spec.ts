import type { Seed } from '../support/seed';
import { seededApp } from '../support/seeded-app';
import { addToRoster, codeFor, createPeople, createSession, logOf } from './attendance-factory';

jest.setTimeout(120_000);

/** 100 字 exactly: 98 Han characters and two full-width punctuation marks. */
const SUMMARY_100 = '学'.repeat(49) + '，' + '习'.repeat(49) + '。';

describe('attendance records, leave and make-up (e2e)', () => {
  const app = seededApp();

  async function rosterSession(status: 'published' | 'completed' | 'draft' = 'published', startsInSeconds = 3600): Promise<string> {
    const id = await createSession(app.t, { unitId: app.seed.units.branchA, startsInSeconds, status });
    await addToRoster(app.t, id, [app.seed.users.memberA.id, app.seed.users.memberA1.id]);
    return id;
  }
  const api = () => app.t.http();
  const as = (caller: Parameters<Seed['auth']>[0]) => ({ Authorization: app.seed.auth(caller) });
  const statusOf = async (sessionId: string, userId: string) =>
    (await app.t.db.query(`SELECT status FROM attendance_records WHERE session_id = $1 AND user_id = $2`, [sessionId, userId]))[0]?.status;

  describe('GET /sessions/:id/attendance', () => {
    it('shows the roster to the unit’s organiser, auditors and admins', async () => {
      const id = await rosterSession();
      for (const caller of ['organiserA', 'auditor', 'admin'] as const) {
        const res = await api().get(`/api/v1/sessions/${id}/attendance`).set(as(caller)).expect(200);
        expect(res.body.total).toBe(2);
        expect(res.body.items[0]).toEqual({
          sessionId: id,
          userId: expect.any(String),
          displayName: expect.any(String),
          status: 'expected',
          checkedInAt: null,
          madeUpAt: null,
          makeUp: null,
          updatedAt: expect.any(String),
        });
      }
      await api().get(`/api/v1/sessions/${id}/attendance`).set(as('memberA')).expect(403);
      await api().get(`/api/v1/sessions/${id}/attendance`).set(as('organiserB')).expect(404);
      const filtered = await api().get(`/api/v1/sessions/${id}/attendance?status=present&limit=1`).set(as('admin')).expect(200);
      expect(filtered.body).toEqual({ items: [], total: 0 });
      await api().get(`/api/v1/sessions/${id}/attendance?status=bogus`).set(as('admin')).expect(400);
    });
  });

  describe('PUT /sessions/:id/attendance/:userId', () => {
    it('marks, logs one entry per change and none when unchanged', async () => {
      const id = await rosterSession();
      const url = `/api/v1/sessions/${id}/attendance/${app.seed.users.memberA.id}`;
      const res = await api().put(url).set(as('organiserA')).send({ status: 'present' }).expect(200);
      expect(res.body).toMatchObject({ userId: app.seed.users.memberA.id, status: 'present' });
      await api().put(url).set(as('organiserA')).send({ status: 'present' }).expect(200);
      await api().put(url).set(as('admin')).send({ status: 'late', reason: '迟到十分钟' }).expect(200);
      const log = await logOf(app.t, id, app.seed.users.memberA.id);
      expect(log.map((e: { action: string; fromStatus: string; toStatus: string }) => [e.action, e.fromStatus, e.toStatus])).toEqual([
        ['roster', null, 'expected'],
        ['mark', 'expected', 'present'],
        ['mark', 'present', 'late'],
      ]);
      expect(log[2]).toMatchObject({ actorId: app.seed.users.admin.id, reason: '迟到十分钟' });
    });

    it('adds a person of the unit who is not on the roster yet; refuses others', async () => {
      const id = await createSession(app.t, { unitId: app.seed.units.branchA, startsInSeconds: 3600 });
      await api().put(`/api/v1/sessions/${id}/attendance/${app.seed.users.memberA1.id}`).set(as('organiserA')).send({ status: 'excused' }).expect(200);
      expect(await statusOf(id, app.seed.users.memberA1.id)).toBe('excused');
      const log = await logOf(app.t, id, app.seed.users.memberA1.id);
      expect(log).toHaveLength(1);
      expect(log[0]).toMatchObject({ action: 'mark', fromStatus: null, toStatus: 'excused' });
      // memberB belongs to another branch; the auditor is not a person of any unit.
      await api().put(`/api/v1/sessions/${id}/attendance/${app.seed.users.memberB.id}`).set(as('organiserA')).send({ status: 'present' }).expect(404);
      await api().put(`/api/v1/sessions/${id}/attendance/${app.seed.users.auditor.id}`).set(as('admin')).send({ status: 'present' }).expect(404);
    });

    it('checks roles, scope, status values and session state', async () => {
      const id = await rosterSession();
      const url = `/api/v1/sessions/${id}/attendance/${app.seed.users.memberA.id}`;
      await api().put(url).set(as('memberA')).send({ status: 'present' }).expect(403);
      await api().put(url).set(as('auditor')).send({ status: 'present' }).expect(403);
      await api().put(url).set(as('organiserB')).send({ status: 'present' }).expect(404);
      await api().put(url).set(as('organiserA')).send({ status: 'gone' }).expect(400);
      const draft = await rosterSession('draft');
      await api().put(`/api/v1/sessions/${draft}/attendance/${app.seed.users.memberA.id}`).set(as('organiserA')).send({ status: 'present' }).expect(409);
    });

    it('needs a reason of at least 2 characters once the session is completed', async () => {
      const id = await rosterSession('completed', -7200);
      const url = `/api/v1/sessions/${id}/attendance/${app.seed.users.memberA.id}`;
      await api().put(url).set(as('organiserA')).send({ status: 'present' }).expect(400);
      await api().put(url).set(as('organiserA')).send({ status: 'present', reason: ' 补 ' }).expect(400);
      await api().put(url).set(as('organiserA')).send({ status: 'expected', reason: '改回预期' }).expect(400);
      await api().put(url).set(as('organiserA')).send({ status: 'present', reason: '补录签到' }).expect(200);
      expect(await statusOf(id, app.seed.users.memberA.id)).toBe('present');
    });
  });

  describe('leave', () => {
    it('one open request per person and session; decided by an organiser of the unit; approval excuses and notifies', async () => {
      const id = await rosterSession();
      const created = await api().post(`/api/v1/sessions/${id}/leave-requests`).set(as('memberA')).send({ reason: '出差' }).expect(201);
      expect(created.body).toMatchObject({ sessionId: id, userId: app.seed.users.memberA.id, reason: '出差', status: 'pending' });
      await api().post(`/api/v1/sessions/${id}/leave-requests`).set(as('memberA')).send({ reason: '还是出差' }).expect(409);

      // Visibility of the list.
      const listOf = async (caller: Parameters<Seed['auth']>[0], query = '') =>
        (await api().get(`/api/v1/leave-requests?sessionId=${id}${query}`).set(as(caller)).expect(200)).body;
      expect((await listOf('organiserA')).total).toBe(1);
      expect((await listOf('admin')).total).toBe(1);
      expect((await listOf('auditor')).total).toBe(1);
      expect((await listOf('memberA')).total).toBe(1);
      expect((await listOf('memberA1')).total).toBe(0);
      expect((await listOf('organiserB')).total).toBe(0);
      expect((await listOf('organiserA', '&status=approved')).total).toBe(0);

      const decide = (caller: Parameters<Seed['auth']>[0], body: object) =>
        api().post(`/api/v1/leave-requests/${created.body.id}/decision`).set(as(caller)).send(body);
      await decide('memberA', { approve: true }).expect(403);
      await decide('auditor', { approve: true }).expect(403);
      await decide('organiserB', { approve: true }).expect(404);
      await decide('organiserA', { approve: 'yes' }).expect(400);
      const approved = await decide('organiserA', { approve: true, comment: '同意' }).expect(200);
      expect(approved.body).toMatchObject({ status: 'approved', comment: '同意', decidedBy: app.seed.users.organiserA.id });
      await decide('organiserA', { approve: true }).expect(200); // same decision again: unchanged
      await decide('organiserA', { approve: false }).expect(409);
      expect(await statusOf(id, app.seed.users.memberA.id)).toBe('excused');
      const log = await logOf(app.t, id, app.seed.users.memberA.id);
      expect(log.filter((e: { action: string }) => e.action === 'leave_approved')).toEqual([
        expect.objectContaining({ fromStatus: 'expected', toStatus: 'excused', actorId: app.seed.users.organiserA.id, reason: '同意' }),
      ]);
      const inbox = await api().get('/api/v1/me/notifications').set(as('memberA')).expect(200);
      expect(inbox.body.items.filter((n: { kind: string }) => n.kind === 'leave_decided')).toHaveLength(1);
      // Already excused: no new request.
      await api().post(`/api/v1/sessions/${id}/leave-requests`).set(as('memberA')).send({ reason: '再请一次' }).expect(409);
    });

    it('rejection leaves the record alone; a new request may follow', async () => {
      const id = await rosterSession();
      const first = await api().post(`/api/v1/sessions/${id}/leave-requests`).set(as('memberA1')).send({ reason: '家中有事' }).expect(201);
      await api().post(`/api/v1/leave-requests/${first.body.id}/decision`).set(as('admin')).send({ approve: false }).expect(200);
      expect(await statusOf(id, app.seed.users.memberA1.id)).toBe('expected');
      expect((await logOf(app.t, id, app.seed.users.memberA1.id)).length).toBe(1);
      await api().post(`/api/v1/sessions/${id}/leave-requests`).set(as('memberA1')).send({ reason: '家中有事，再次申请' }).expect(201);
    });

    it('only before the start, only for people on the roster of a published session', async () => {
      const started = await rosterSession('published', -60);
      await api().post(`/api/v1/sessions/${started}/leave-requests`).set(as('memberA')).send({ reason: '出差' }).expect(409);
      const id = await rosterSession();
      await api().post(`/api/v1/sessions/${id}/leave-requests`).set(as('memberDept')).send({ reason: '出差' }).expect(404);
      await api().post(`/api/v1/sessions/${id}/leave-requests`).set(as('organiserA')).send({ reason: '出差' }).expect(403);
      await api().post(`/api/v1/sessions/${id}/leave-requests`).set(as('memberA')).send({ reason: '   ' }).expect(400);
      await api().post(`/api/v1/sessions/${id}/leave-requests`).set(as('memberA')).send({}).expect(400);
      const draft = await rosterSession('draft');
      await api().post(`/api/v1/sessions/${draft}/leave-requests`).set(as('memberA')).send({ reason: '出差' }).expect(404); // drafts are the organisers' own
    });

    it('an organiser cannot decide their own request; an admin can', async () => {
      const id = await createSession(app.t, { unitId: app.seed.units.branchA, startsInSeconds: 3600 });
      await addToRoster(app.t, id, [app.seed.users.organiserA.id]);
      const req = await api().post(`/api/v1/sessions/${id}/leave-requests`).set(as('organiserA')).send({ reason: '外出调研' }).expect(201);
      await api().post(`/api/v1/leave-requests/${req.body.id}/decision`).set(as('organiserA')).send({ approve: true }).expect(403);
      await api().post(`/api/v1/leave-requests/${req.body.id}/decision`).set(as('admin')).send({ approve: true }).expect(200);
      expect(await statusOf(id, app.seed.users.organiserA.id)).toBe('excused');
    });

    it('others’ requests are 404 to deciders who do not manage the unit', async () => {
      const id = await createSession(app.t, { unitId: app.seed.units.branchB, startsInSeconds: 3600 });
      await addToRoster(app.t, id, [app.seed.users.memberB.id]);
      const req = await api().post(`/api/v1/sessions/${id}/leave-requests`).set(as('memberB')).send({ reason: '出差' }).expect(201);
      await api().post(`/api/v1/leave-requests/${req.body.id}/decision`).set(as('organiserA')).send({ approve: true }).expect(404);
      await api().post(`/api/v1/leave-requests/00000000-0000-4000-8000-000000000000/decision`).set(as('admin')).send({ approve: true }).expect(404);
      const mine = await api().get('/api/v1/leave-requests').set(as('memberA')).expect(200);
      expect(mine.body.items.every((r: { userId: string }) => r.userId === app.seed.users.memberA.id)).toBe(true);
    });
  });

  describe('leave (contract v1.1)', () => {
    /** An extra user written with SQL (no token needed: these tests read notifications from the database). */
    const person = async (username: string, role: string, unitId: string, active = true): Promise<string> =>
      (
        await app.t.db.query(
          `INSERT INTO users (username, display_name, password_hash, role, unit_id, active) VALUES ($1, $1, 'x', $2, $3, $4) RETURNING id`,
          [username, role, unitId, active],
        )
      )[0].id;
    const recipients = async (requestId: string): Promise<string[]> =>
      (
        await app.t.db.query(`SELECT user_id FROM notifications WHERE kind = 'leave_requested' AND event_key = $1 ORDER BY user_id`, [
          `leave_requested:${requestId}`,
        ])
      ).map((r: { user_id: string }) => r.user_id);
    let deptOrganiser: string;
    beforeAll(async () => {
      deptOrganiser = await person('dept-organiser', 'organiser', app.seed.units.dept);
      await person('retired-organiser', 'organiser', app.seed.units.branchA, false);
      await person('group-organiser', 'organiser', app.seed.units.groupA1); // manages the group below, not branchA
    });

    it('notifies every organiser who may decide the request (its unit’s and those above), once each, never the requester', async () => {
      const id = await rosterSession();
      const req = await api().post(`/api/v1/sessions/${id}/leave-requests`).set(as('memberA')).send({ reason: '出差' }).expect(201);
      expect(await recipients(req.body.id)).toEqual([app.seed.users.organiserA.id, deptOrganiser].sort());
      const [n] = await app.t.db.query(`SELECT title, body, link FROM notifications WHERE event_key = $1 AND user_id = $2`, [
        `leave_requested:${req.body.id}`,
        app.seed.users.organiserA.id,
      ]);
      expect(n).toEqual({ title: expect.stringContaining('党员甲'), body: '出差', link: `/sessions/${id}` });
      const inbox = await api().get('/api/v1/me/notifications').set(as('organiserA')).expect(200);
      expect(inbox.body.items.filter((x: { kind: string; link: string }) => x.kind === 'leave_requested' && x.link === `/sessions/${id}`)).toHaveLength(1);

      // An organiser's own request goes to those above them, not to themselves.
      const own = await createSession(app.t, { unitId: app.seed.units.branchA, startsInSeconds: 3600 });
      await addToRoster(app.t, own, [app.seed.users.organiserA.id]);
      const mine = await api().post(`/api/v1/sessions/${own}/leave-requests`).set(as('organiserA')).send({ reason: '外出调研' }).expect(201);
      expect(await recipients(mine.body.id)).toEqual([deptOrganiser]);
    });

    it('the requester withdraws an undecided request: 200 withdrawn; decided ones 409; someone else’s 404', async () => {
      const id = await rosterSession();
      const req = await api().post(`/api/v1/sessions/${id}/leave-requests`).set(as('memberA')).send({ reason: '出差' }).expect(201);
      const withdraw = (caller: Parameters<Seed['auth']>[0], requestId = req.body.id) =>
        api().post(`/api/v1/leave-requests/${requestId}/withdraw`).set(as(caller));
      await withdraw('memberA1').expect(404);
      await withdraw('organiserA').expect(404);
      await withdraw('admin').expect(404);
      await withdraw('auditor').expect(403);
      await withdraw('memberA', '00000000-0000-4000-8000-000000000000').expect(404);
      await api().post('/api/v1/leave-requests/not-a-uuid/withdraw').set(as('memberA')).expect(400);
      const res = await withdraw('memberA').expect(200);
      expect(res.body).toMatchObject({ id: req.body.id, status: 'withdrawn', decidedBy: null, decidedAt: null });
      expect((await withdraw('memberA').expect(200)).body).toEqual(res.body); // again: unchanged
      await api().post(`/api/v1/leave-requests/${req.body.id}/decision`).set(as('organiserA')).send({ approve: true }).expect(409);
      expect(await statusOf(id, app.seed.users.memberA.id)).toBe('expected');
      const listed = await api().get(`/api/v1/leave-requests?sessionId=${id}&status=withdrawn`).set(as('memberA')).expect(200);
      expect(listed.body.items.map((r: { id: string }) => r.id)).toEqual([req.body.id]);

      // Withdrawn, it no longer blocks a new request; a decided one cannot be withdrawn.
      const again = await api().post(`/api/v1/sessions/${id}/leave-requests`).set(as('memberA')).send({ reason: '还是出差' }).expect(201);
      await api().post(`/api/v1/leave-requests/${again.body.id}/decision`).set(as('organiserA')).send({ approve: false }).expect(200);
      await withdraw('memberA', again.body.id).expect(409);
      const third = await api().post(`/api/v1/sessions/${id}/leave-requests`).set(as('memberA')).send({ reason: '第三次' }).expect(201);
      await api().post(`/api/v1/leave-requests/${third.body.id}/decision`).set(as('organiserA')).send({ approve: true }).expect(200);
      await withdraw('memberA', third.body.id).expect(409);
      expect(await statusOf(id, app.seed.users.memberA.id)).toBe('excused');
    });

    it('a request still undecided when its session completes stays visible as an undecided_leave anomaly', async () => {
      const id = await rosterSession();
      const req = await api().post(`/api/v1/sessions/${id}/leave-requests`).set(as('memberA1')).send({ reason: '病假' }).expect(201);
      await app.t.db.query(`UPDATE sessions SET starts_at = now() - interval '90 minutes', ends_at = now() - interval '30 minutes' WHERE id = $1`, [id]);
      await api().post(`/api/v1/sessions/${id}/complete`).set(as('organiserA')).expect(200);
      const anomalies = async () =>
        (await api().get(`/api/v1/audit/attendance/anomalies?unitId=${app.seed.units.branchA}`).set(as('auditor')).expect(200)).body.items.filter(
          (a: { sessionId?: string }) => a.sessionId === id,
        );
      expect(await anomalies()).toEqual([
        { kind: 'undecided_leave', userId: app.seed.users.memberA1.id, sessionId: id, leaveRequestId: req.body.id, count: 1, detail: expect.any(String) },
      ]);
      // Completion decided nothing: the request is still pending, the record absent.
      const [row] = await app.t.db.query(`SELECT status FROM leave_requests WHERE id = $1`, [req.body.id]);
      expect(row.status).toBe('pending');
      expect(await statusOf(id, app.seed.users.memberA1.id)).toBe('absent');
      // Decided late, it leaves the list (and the approval excuses the absence, logged after completion).
      await api().post(`/api/v1/leave-requests/${req.body.id}/decision`).set(as('organiserA')).send({ approve: true }).expect(200);
      expect((await anomalies()).map((a: { kind: string }) => a.kind)).toEqual(['changed_after_completion']);
    });
  });

  describe('every transition, one log entry', () => {
    it('roster, check-in, leave approval, completion and make-up each append exactly one entry per person', async () => {
      const id = await createSession(app.t, { unitId: app.seed.units.branchA, startsInSeconds: -60 });
      await addToRoster(app.t, id, [app.seed.users.memberA.id, app.seed.users.memberA1.id, app.seed.users.organiserA.id]);
      await api().post(`/api/v1/sessions/${id}/check-in`).set(as('memberA')).send({ code: await codeFor(app.t, id) }).expect(200);
      await api().put(`/api/v1/sessions/${id}/attendance/${app.seed.users.organiserA.id}`).set(as('admin')).send({ status: 'excused' }).expect(200);
      await api().post(`/api/v1/sessions/${id}/complete`).set(as('organiserA')).expect(200);
      await api().post(`/api/v1/sessions/${id}/complete`).set(as('organiserA')).expect((res) => expect([200, 409]).toContain(res.status));
      await api().post(`/api/v1/sessions/${id}/make-up`).set(as('memberA1')).send({ summary: SUMMARY_100 }).expect(200);
      const trail = async (userId: string) =>
        (await logOf(app.t, id, userId)).map((e: { action: string; fromStatus: string | null; toStatus: string }) => `${e.action}:${e.fromStatus}->${e.toStatus}`);
      expect(await trail(app.seed.users.memberA.id)).toEqual(['roster:null->expected', 'check_in:expected->present']);
      expect(await trail(app.seed.users.memberA1.id)).toEqual(['roster:null->expected', 'completion:expected->absent', 'make_up:absent->absent']);
      expect(await trail(app.seed.users.organiserA.id)).toEqual(['roster:null->expected', 'mark:expected->excused']);
    });
  });

  describe('make-up', () => {
    it('for an absent or excused record of a completed session: sets madeUpAt, keeps the status, one entry', async () => {
      const id = await rosterSession('completed', -7200);
      await app.t.db.query(`UPDATE attendance_records SET status = 'absent' WHERE session_id = $1`, [id]);
      const url = `/api/v1/sessions/${id}/make-up`;
      const short = await api().post(url).set(as('memberA')).send({ summary: SUMMARY_100.slice(1) }).expect(400);
      expect(String(short.body.message)).toContain('99');
      const res = await api().post(url).set(as('memberA')).send({ summary: SUMMARY_100 }).expect(200);
      expect(res.body).toMatchObject({ status: 'absent', userId: app.seed.users.memberA.id });
      expect(res.body.madeUpAt).toBeTruthy();
      const again = await api().post(url).set(as('memberA')).send({ summary: SUMMARY_100 }).expect(200);
      expect(again.body).toEqual(res.body);
      await api().post(url).set(as('memberA')).send({ summary: SUMMARY_100 + '补' }).expect(409);
      const log = await logOf(app.t, id, app.seed.users.memberA.id);
      expect(log.filter((e: { action: string }) => e.action === 'make_up')).toEqual([
        expect.objectContaining({ fromStatus: 'absent', toStatus: 'absent', actorId: app.seed.users.memberA.id }),
      ]);
    });

    it('is readable: makeUp {summary, charCount, at} on the roster and in GET /me/attendance; null without one', async () => {
      const id = await createSession(app.t, { unitId: app.seed.units.branchA, startsInSeconds: -7200, status: 'completed', title: '补学可读性测试' });
      await addToRoster(app.t, id, [app.seed.users.memberA.id, app.seed.users.memberA1.id]);
      await app.t.db.query(`UPDATE attendance_records SET status = 'absent' WHERE session_id = $1`, [id]);
      const summary = '\u3000\u3000' + SUMMARY_100 + 'コーヒー'; // the indent counts 0, コーヒー 4
      const made = await api().post(`/api/v1/sessions/${id}/make-up`).set(as('memberA')).send({ summary }).expect(200);
      const makeUp = { summary, charCount: 104, at: made.body.madeUpAt };
      expect(made.body.makeUp).toEqual(makeUp);

      const roster = await api().get(`/api/v1/sessions/${id}/attendance`).set(as('organiserA')).expect(200);
      const byUser = Object.fromEntries(roster.body.items.map((r: { userId: string }) => [r.userId, r]));
      expect(byUser[app.seed.users.memberA.id].makeUp).toEqual(makeUp);
      expect(byUser[app.seed.users.memberA1.id].makeUp).toBeNull();
      await api().get(`/api/v1/sessions/${id}/attendance`).set(as('auditor')).expect(200);

      const mine = await api().get('/api/v1/me/attendance').set(as('memberA')).expect(200);
      const item = mine.body.items.find((r: { sessionId: string }) => r.sessionId === id);
      expect(item).toMatchObject({ sessionId: id, userId: app.seed.users.memberA.id, status: 'absent', makeUp });
      expect(item.session).toEqual({
        title: '补学可读性测试',
        kind: 'friday_study',
        status: 'completed',
        startsAt: expect.any(String),
        endsAt: expect.any(String),
        location: null,
      });
      const other = (await api().get('/api/v1/me/attendance?limit=200').set(as('memberA1')).expect(200)).body;
      expect(other.items.find((r: { sessionId: string }) => r.sessionId === id).makeUp).toBeNull();
      expect(other.items.every((r: { userId: string }) => r.userId === app.seed.users.memberA1.id)).toBe(true);
    });

    it('GET /me/attendance lists the caller’s own records newest first, paginated', async () => {
      const user = (await createPeople(app.t, app.seed.units.branchA, 1, `mine-${Date.now()}`))[0];
      const ids: string[] = [];
      for (const days of [-3, -1, -2]) {
        const id = await createSession(app.t, { unitId: app.seed.units.branchA, startsInSeconds: days * 86_400, status: 'completed' });
        await addToRoster(app.t, id, [user.id]);
        ids.push(id);
      }
      const page = async (qs: string) => (await api().get(`/api/v1/me/attendance${qs}`).set({ Authorization: user.auth }).expect(200)).body;
      const all = await page('');
      expect(all.total).toBe(3);
      expect(all.items.map((r: { sessionId: string }) => r.sessionId)).toEqual([ids[1], ids[2], ids[0]]);
      const second = await page('?limit=1&offset=1');
      expect(second).toEqual({ items: [all.items[1]], total: 3 });
      await api().get('/api/v1/me/attendance?limit=0').set({ Authorization: user.auth }).expect(400);
      await api().get('/api/v1/me/attendance').expect(401);
      expect(await page('?offset=5')).toEqual({ items: [], total: 3 });
    });

    it('is refused for present records, open sessions and people not on the roster', async () => {
      const completed = await rosterSession('completed', -7200);
      await app.t.db.query(`UPDATE attendance_records SET status = 'present' WHERE session_id = $1 AND user_id = $2`, [completed, app.seed.users.memberA.id]);
      await api().post(`/api/v1/sessions/${completed}/make-up`).set(as('memberA')).send({ summary: SUMMARY_100 }).expect(409);
      await api().post(`/api/v1/sessions/${completed}/make-up`).set(as('memberDept')).send({ summary: SUMMARY_100 }).expect(404);
      const open = await rosterSession('published', -60);
      await api().post(`/api/v1/sessions/${open}/make-up`).set(as('memberA')).send({ summary: SUMMARY_100 }).expect(409);
      await api().post(`/api/v1/sessions/${open}/make-up`).set(as('memberA')).send({ summary: 42 }).expect(400);
    });
  });
});
