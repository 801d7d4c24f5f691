import { DateTime } from 'luxon';
import { ReflectionWarningsService, SUBMISSIONS_PER_TASK_PER_MINUTE } from '@qf/reflections';
import { addToRoster, createSession } from '../attendance/attendance-factory';
import { Caller, seedOrg, Seed, SEED_PASSWORD, seedPasswordHash } from '../support/seed';
import { createTestApp, TestApp } from '../support/test-app';
import { collected, createAssignment, ESSAY_A, hanText, inDays, taskOf, waitOpen } from './reflection-fixtures';

jest.setTimeout(90_000);

/**
 * Issue 11: tasks are scoped to their owner's unit (BOLA across an assignment spanning several
 * units), nobody but an admin approves themselves, extensions get their own reminders, deadlines in
 * local time, similarity for reviewers only, and a per-task submission rate limit.
 */
describe('reflections: object scope and self-approval (e2e)', () => {
  let t: TestApp;
  let seed: Seed;
  /** An organiser of dept, the common ancestor of branchA and branchB. */
  let organiserDept: { id: string; auth: string };
  type Who = Caller | 'organiserDept';
  const auth = (who: Who) => (who === 'organiserDept' ? organiserDept.auth : seed.auth(who));
  const api = (method: 'get' | 'post' | 'put', path: string, who: Who) => t.http()[method](`/api/v1${path}`).set('Authorization', auth(who));
  const notificationsOf = (userId: string, kind: string): Promise<{ body: string; event_key: string }[]> =>
    t.db.query(`SELECT body, event_key FROM notifications WHERE user_id = $1 AND kind = $2 ORDER BY created_at, id`, [userId, kind]);
  /** As people read it: ORG_TIMEZONE (Asia/Shanghai, UTC+8, in tests), never UTC. */
  const local = (iso: string | Date) => DateTime.fromJSDate(new Date(iso), { zone: process.env.ORG_TIMEZONE ?? 'Asia/Shanghai' }).toFormat('yyyy-MM-dd HH:mm');

  beforeAll(async () => {
    t = await createTestApp({ worker: true });
    seed = await seedOrg(t);
    const [row] = await t.db.query(
      `INSERT INTO users (username, display_name, password_hash, role, unit_id, tokens_valid_after)
       VALUES ('organiserdept', '机关党委书记', $1, 'organiser', $2, now() - interval '1 minute') RETURNING id`,
      [await seedPasswordHash(), seed.units.dept],
    );
    const login = await t.http().post('/api/v1/auth/login').send({ username: 'organiserdept', password: SEED_PASSWORD }).expect(200);
    organiserDept = { id: row.id, auth: `Bearer ${login.body.accessToken}` };
  });
  afterAll(() => t?.close());

  describe('an assignment spanning two sibling units (branchA and branchB), made by the admin', () => {
    let id: string;
    let taskA: string;
    let taskB: string;
    beforeAll(async () => {
      id = await createAssignment(t, seed, 'admin', { minChars: 10, audience: { unitIds: [seed.units.branchA, seed.units.branchB] } });
      await waitOpen(t, id);
      taskA = await taskOf(t, id, seed.users.memberA.id);
      taskB = await taskOf(t, id, seed.users.memberB.id);
      await api('post', `/reflection-tasks/${taskA}/submit`, 'memberA').send({ body: hanText(20, 1) }).expect(200);
      await api('post', `/reflection-tasks/${taskB}/submit`, 'memberB').send({ body: hanText(20, 2) }).expect(200);
    });

    it('lists to each sibling organiser only the tasks of their own units’ people, and counts only them', async () => {
      const people = async (who: Who) =>
        (await api('get', `/reflections/assignments/${id}/tasks?limit=200`, who).expect(200)).body.items.map((x: { userId: string }) => x.userId).sort();
      const { users } = seed;
      expect(await people('organiserA')).toEqual([users.organiserA.id, users.memberA.id, users.memberA1.id].sort());
      expect(await people('organiserB')).toEqual([users.organiserB.id, users.memberB.id].sort());
      expect(await people('organiserDept')).toHaveLength(5);
      expect(await people('auditor')).toHaveLength(5);
      const counts = async (who: Who) => (await api('get', `/reflections/assignments/${id}`, who).expect(200)).body.counts;
      expect(await counts('organiserA')).toMatchObject({ assigned: 3, submitted: 1 });
      expect(await counts('organiserB')).toMatchObject({ assigned: 2, submitted: 1 });
      expect(await counts('admin')).toMatchObject({ assigned: 5, submitted: 2 });
      const listed = async (who: Who) =>
        (await api('get', '/reflections/assignments?limit=200', who).expect(200)).body.items.find((a: { id: string }) => a.id === id)?.counts;
      expect(await listed('organiserA')).toMatchObject({ assigned: 3 });
      expect(await listed('organiserB')).toMatchObject({ assigned: 2 });
    });

    it('reads, reviews and extends another sibling’s task: 404; the own unit’s task and the common ancestor: allowed', async () => {
      await api('get', `/reflection-tasks/${taskB}`, 'organiserA').expect(404);
      await api('post', `/reflection-tasks/${taskB}/review`, 'organiserA').send({ decision: 'approve' }).expect(404);
      await api('post', `/reflection-tasks/${taskB}/extend`, 'organiserA').send({ dueAt: inDays(14) }).expect(404);
      await api('get', `/reflection-tasks/${taskA}`, 'organiserB').expect(404);
      await api('post', `/reflection-tasks/${taskA}/review`, 'organiserB').send({ decision: 'approve' }).expect(404);
      await api('post', `/reflection-tasks/${taskA}/extend`, 'organiserB').send({ dueAt: inDays(14) }).expect(404);
      // memberA of the other sibling: not theirs.
      await api('get', `/reflection-tasks/${taskB}`, 'memberA').expect(404);
      await api('put', `/reflection-tasks/${taskB}/draft`, 'memberA').send({ body: '草稿' }).expect(404);
      // Sibling organisers on their own unit's task; the ancestor's organiser on any.
      await api('get', `/reflection-tasks/${taskA}`, 'organiserA').expect(200);
      await api('post', `/reflection-tasks/${taskB}/extend`, 'organiserB').send({ dueAt: inDays(14) }).expect(200);
      await api('get', `/reflection-tasks/${taskB}`, 'organiserDept').expect(200);
      await api('post', `/reflection-tasks/${taskA}/review`, 'organiserDept').send({ decision: 'approve' }).expect(200);
    });

    it('closing needs the creator, an organiser of every audience unit, or an admin', async () => {
      await api('post', `/reflections/assignments/${id}/close`, 'organiserA').expect(403);
      await api('post', `/reflections/assignments/${id}/close`, 'organiserB').expect(403);
      await api('post', `/reflections/assignments/${id}/close`, 'auditor').expect(403);
      const [row] = await t.db.query(`SELECT status FROM reflection_assignments WHERE id = $1`, [id]);
      expect(row.status).toBe('open');
      expect((await api('post', `/reflections/assignments/${id}/close`, 'organiserDept').expect(200)).body.status).toBe('closed');
    });

    it('lets the creator close, even when the audience has since reached beyond their units', async () => {
      const own = await createAssignment(t, seed, 'organiserA', { minChars: 10, audience: { unitIds: [seed.units.branchA] } });
      await waitOpen(t, own);
      // A person of branchA moves to branchB after the fan-out: organiserA no longer manages every task's owner.
      await t.db.query(`UPDATE users SET unit_id = $2 WHERE id = $1`, [seed.users.memberA1.id, seed.units.branchB]);
      try {
        const moved = await taskOf(t, own, seed.users.memberA1.id);
        await api('get', `/reflection-tasks/${moved}`, 'organiserA').expect(404);
        await api('get', `/reflection-tasks/${moved}`, 'organiserB').expect(200);
        await api('post', `/reflections/assignments/${own}/close`, 'organiserA').expect(200);
      } finally {
        await t.db.query(`UPDATE users SET unit_id = $2 WHERE id = $1`, [seed.users.memberA1.id, seed.units.groupA1]);
      }
    });
  });

  it('shows an organiser an assignment addressed to an ancestor unit, with their own people only', async () => {
    const id = await createAssignment(t, seed, 'admin', { minChars: 10, audience: { unitIds: [seed.units.dept] } });
    await waitOpen(t, id);
    const listed = (await api('get', '/reflections/assignments?limit=200', 'organiserB').expect(200)).body.items.find((a: { id: string }) => a.id === id);
    expect(listed?.counts).toMatchObject({ assigned: 2 });
    const tasks = (await api('get', `/reflections/assignments/${id}/tasks`, 'organiserB').expect(200)).body;
    expect(tasks.items.map((x: { userId: string }) => x.userId).sort()).toEqual([seed.users.organiserB.id, seed.users.memberB.id].sort());
    expect(tasks.total).toBe(2);
    const taskB = await taskOf(t, id, seed.users.memberB.id);
    await api('post', `/reflection-tasks/${taskB}/extend`, 'organiserB').send({ dueAt: inDays(14) }).expect(200);
    await api('post', `/reflection-tasks/${await taskOf(t, id, seed.users.memberDept.id)}/extend`, 'organiserB').send({ dueAt: inDays(14) }).expect(404);
    await api('post', `/reflections/assignments/${id}/close`, 'organiserB').expect(403);
    expect((await api('get', `/reflections/assignments/${id}`, 'organiserDept').expect(200)).body.counts.assigned).toBeGreaterThanOrEqual(7);
  });

  describe('nobody but an admin acts on their own record', () => {
    it('organisers cannot review or extend their own reflection task (admins may act on others’)', async () => {
      const id = await createAssignment(t, seed, 'organiserA', { minChars: 10, audience: { unitIds: [seed.units.branchA] } });
      await waitOpen(t, id);
      const own = await taskOf(t, id, seed.users.organiserA.id);
      await api('post', `/reflection-tasks/${own}/submit`, 'organiserA').send({ body: hanText(20, 5) }).expect(200);
      const review = await api('post', `/reflection-tasks/${own}/review`, 'organiserA').send({ decision: 'approve' }).expect(403);
      expect(review.body.message).toMatch(/own/);
      await api('post', `/reflection-tasks/${own}/extend`, 'organiserA').send({ dueAt: inDays(14) }).expect(403);
      const [row] = await t.db.query(`SELECT status, extended FROM reflection_tasks WHERE id = $1`, [own]);
      expect(row).toEqual({ status: 'submitted', extended: false });
      await api('post', `/reflection-tasks/${own}/extend`, 'admin').send({ dueAt: inDays(14) }).expect(200);
      await api('post', `/reflection-tasks/${own}/review`, 'admin').send({ decision: 'approve' }).expect(200);
    });

    it('organisers cannot mark their own attendance, whatever the status; others’ and the admin’s marks stand', async () => {
      const sessionId = await createSession(t, { unitId: seed.units.branchA, startsInSeconds: 3600 });
      await addToRoster(t, sessionId, [seed.users.organiserA.id, seed.users.memberA.id]);
      for (const status of ['excused', 'present', 'late', 'absent', 'expected']) {
        const res = await api('put', `/sessions/${sessionId}/attendance/${seed.users.organiserA.id}`, 'organiserA').send({ status, reason: '因公出差' });
        expect([status, res.status]).toEqual([status, 403]);
      }
      const [rec] = await t.db.query(`SELECT status FROM attendance_records WHERE session_id = $1 AND user_id = $2`, [sessionId, seed.users.organiserA.id]);
      expect(rec.status).toBe('expected');
      await api('put', `/sessions/${sessionId}/attendance/${seed.users.memberA.id}`, 'organiserA').send({ status: 'excused' }).expect(200);
      await api('put', `/sessions/${sessionId}/attendance/${seed.users.organiserA.id}`, 'admin').send({ status: 'excused' }).expect(200);
    });
  });

  describe('a person who moved to another unit after joining a roster', () => {
    it('is no longer marked, nor their leave decided, by the old unit’s organiser; an organiser over both still may', async () => {
      const sessionId = await createSession(t, { unitId: seed.units.branchA, startsInSeconds: 2 * 86_400 });
      await addToRoster(t, sessionId, [seed.users.memberA1.id, seed.users.memberA.id]);
      const leave = await api('post', `/sessions/${sessionId}/leave-requests`, 'memberA1').send({ reason: '借调外单位' }).expect(201);
      await t.db.query(`UPDATE users SET unit_id = $2 WHERE id = $1`, [seed.users.memberA1.id, seed.units.branchB]);
      try {
        await api('put', `/sessions/${sessionId}/attendance/${seed.users.memberA1.id}`, 'organiserA').send({ status: 'excused' }).expect(403);
        await api('post', `/leave-requests/${leave.body.id}/decision`, 'organiserA').send({ approve: true }).expect(403);
        // The new unit's organiser does not manage the session.
        await api('put', `/sessions/${sessionId}/attendance/${seed.users.memberA1.id}`, 'organiserB').send({ status: 'excused' }).expect(404);
        await api('post', `/leave-requests/${leave.body.id}/decision`, 'organiserB').send({ approve: true }).expect(404);
        const [rec] = await t.db.query(`SELECT status FROM attendance_records WHERE session_id = $1 AND user_id = $2`, [sessionId, seed.users.memberA1.id]);
        expect(rec.status).toBe('expected');
        // Still theirs: memberA; and organiserDept manages both units.
        await api('put', `/sessions/${sessionId}/attendance/${seed.users.memberA.id}`, 'organiserA').send({ status: 'excused' }).expect(200);
        await api('post', `/leave-requests/${leave.body.id}/decision`, 'organiserDept').send({ approve: true }).expect(200);
      } finally {
        await t.db.query(`UPDATE users SET unit_id = $2 WHERE id = $1`, [seed.users.memberA1.id, seed.units.groupA1]);
      }
    });
  });

  describe('reminders', () => {
    it('an extension resets the warned flags: the new due time gets its own reminder; times are local YYYY-MM-DD HH:mm', async () => {
      const dueAt = inDays(2);
      const id = await createAssignment(t, seed, 'organiserA', { minChars: 10, dueAt, audience: { userIds: [seed.users.memberA.id] } });
      await waitOpen(t, id);
      const task = await taskOf(t, id, seed.users.memberA.id);
      const [assigned] = await notificationsOf(seed.users.memberA.id, 'reflection_assigned').then((all) => all.filter((n) => n.event_key === `reflection_assigned:${id}`));
      expect(assigned.body).toContain(`截止时间：${local(dueAt)}`);
      expect(assigned.body).not.toMatch(/\d{4}-\d\d-\d\dT/);

      // A 30-day window whose personal due time passed an hour ago: red (and yellow).
      await t.db.query(`UPDATE reflection_assignments SET created_at = now() - interval '30 days' WHERE id = $1`, [id]);
      await t.db.query(`UPDATE reflection_tasks SET due_at = now() - interval '1 hour' WHERE id = $1`, [task]);
      const [{ due_at: passed }] = await t.db.query(`SELECT due_at FROM reflection_tasks WHERE id = $1`, [task]);
      const warnings = t.worker!.get(ReflectionWarningsService);
      await warnings.run();
      const overdue = (await notificationsOf(seed.users.memberA.id, 'reflection_overdue')).filter((n) => n.event_key.startsWith(`reflection_overdue:${task}`));
      expect(overdue).toHaveLength(1);
      expect(overdue[0].body).toBe(`截止时间：${local(passed)}`);

      // Extended to 10 days from now: 10 of 40 days left (≤ 30 %): yellow again, told afresh.
      const newDue = inDays(10);
      await api('post', `/reflection-tasks/${task}/extend`, 'organiserA').send({ dueAt: newDue }).expect(200);
      const [flags] = await t.db.query(`SELECT warned_yellow, warned_red FROM reflection_tasks WHERE id = $1`, [task]);
      expect(flags).toEqual({ warned_yellow: false, warned_red: false });
      await warnings.run();
      await warnings.run();
      const dueSoon = (await notificationsOf(seed.users.memberA.id, 'reflection_due_soon')).filter((n) => n.event_key.startsWith(`reflection_due_soon:${task}`));
      expect(dueSoon).toHaveLength(1);
      expect(dueSoon[0].body).toBe(`截止时间：${local(newDue)}`);

      // Past the new due time: red once more.
      await t.db.query(`UPDATE reflection_tasks SET due_at = now() - interval '1 minute' WHERE id = $1`, [task]);
      await warnings.run();
      expect((await notificationsOf(seed.users.memberA.id, 'reflection_overdue')).filter((n) => n.event_key.startsWith(`reflection_overdue:${task}`))).toHaveLength(2);
    });
  });

  describe('similarity is for reviewers', () => {
    it('is absent from the owner’s own views; organisers, auditors and admins see it', async () => {
      const id = await createAssignment(t, seed, 'organiserA', { minChars: 100, audience: { unitIds: [seed.units.branchA] } });
      await waitOpen(t, id);
      const taskA = await taskOf(t, id, seed.users.memberA.id);
      const taskO = await taskOf(t, id, seed.users.organiserA.id);
      const draft = await api('put', `/reflection-tasks/${taskA}/draft`, 'memberA').send({ body: '草稿' }).expect(200);
      expect(draft.body).not.toHaveProperty('similarity');
      const submitted = await api('post', `/reflection-tasks/${taskA}/submit`, 'memberA').send({ body: ESSAY_A }).expect(200);
      expect(submitted.body).not.toHaveProperty('similarity');
      await api('post', `/reflection-tasks/${taskO}/submit`, 'organiserA').send({ body: ESSAY_A }).expect(200);
      await collected(t, taskA);
      await collected(t, taskO);
      expect((await api('get', `/reflection-tasks/${taskA}`, 'memberA').expect(200)).body).not.toHaveProperty('similarity');
      const mine = (await api('get', '/me/reflection-tasks?limit=200', 'memberA').expect(200)).body.items.find((x: { id: string }) => x.id === taskA);
      expect(mine).toBeDefined();
      expect(mine).not.toHaveProperty('similarity');
      // The organiser's own task, in their own view and in the task list: no score; the others' have it.
      expect((await api('get', `/reflection-tasks/${taskO}`, 'organiserA').expect(200)).body).not.toHaveProperty('similarity');
      const listed = (await api('get', `/reflections/assignments/${id}/tasks`, 'organiserA').expect(200)).body.items;
      expect(listed.find((x: { id: string }) => x.id === taskO)).not.toHaveProperty('similarity');
      expect(listed.find((x: { id: string }) => x.id === taskA).similarity.score).toBeGreaterThanOrEqual(0.95);
      for (const who of ['organiserA', 'auditor', 'admin'] as Who[]) {
        const seen = (await api('get', `/reflection-tasks/${taskA}`, who).expect(200)).body.similarity;
        expect([who, seen.similarTaskId]).toEqual([who, taskO]);
      }
      // The OpenAPI document says so: optional and nullable.
      const doc = (await t.http().get('/api/docs-json').expect(200)).body;
      const taskDto = doc.components.schemas.TaskDto;
      expect(taskDto.required).not.toContain('similarity');
      expect(taskDto.properties.similarity.nullable).toBe(true);
    });
  });

  describe('resubmission', () => {
    it(`is limited to ${SUBMISSIONS_PER_TASK_PER_MINUTE} per task per minute (429), and each accepted submission queues its own similarity job`, async () => {
      const id = await createAssignment(t, seed, 'organiserA', { minChars: 10, audience: { unitIds: [seed.units.branchA] } });
      await waitOpen(t, id);
      const task = await taskOf(t, id, seed.users.memberA1.id);
      const other = await taskOf(t, id, seed.users.memberA.id);
      // A refused (too short) submission is not counted.
      await api('post', `/reflection-tasks/${task}/submit`, 'memberA1').send({ body: '太短' }).expect(400);
      for (let v = 1; v <= SUBMISSIONS_PER_TASK_PER_MINUTE; v++) {
        await api('post', `/reflection-tasks/${task}/submit`, 'memberA1').send({ body: hanText(20, v) }).expect(200);
      }
      const refused = await api('post', `/reflection-tasks/${task}/submit`, 'memberA1').send({ body: hanText(20, 99) }).expect(429);
      expect(refused.body.message).toMatch(new RegExp(`${SUBMISSIONS_PER_TASK_PER_MINUTE} submissions`));
      const [row] = await t.db.query(`SELECT submission_version, body FROM reflection_tasks WHERE id = $1`, [task]);
      expect(row).toEqual({ submission_version: SUBMISSIONS_PER_TASK_PER_MINUTE, body: hanText(20, SUBMISSIONS_PER_TASK_PER_MINUTE) });
      const jobs: { payload: { taskId: string; version: number } }[] = await t.db.query(
        `SELECT payload FROM outbox WHERE name = 'reflections.collect' AND payload->>'taskId' = $1 ORDER BY (payload->>'version')::int`,
        [task],
      );
      expect(jobs.map((j) => j.payload)).toEqual(Array.from({ length: SUBMISSIONS_PER_TASK_PER_MINUTE }, (_, i) => ({ taskId: task, version: i + 1 })));
      // Per task: another task is not limited; after the minute, the same task takes submissions again.
      await api('post', `/reflection-tasks/${other}/submit`, 'memberA').send({ body: hanText(20, 7) }).expect(200);
      await t.db.query(`UPDATE reflection_tasks SET submit_window_at = now() - interval '61 seconds' WHERE id = $1`, [task]);
      await api('post', `/reflection-tasks/${task}/submit`, 'memberA1').send({ body: hanText(20, 100) }).expect(200);
      const doc = (await t.http().get('/api/docs-json').expect(200)).body;
      expect(Object.keys(doc.paths['/api/v1/reflection-tasks/{id}/submit'].post.responses)).toContain('429');
    });
  });
});
