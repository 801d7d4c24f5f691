import { countChars } from '@qf/common';
import { ReflectionWarningsService } from '@qf/reflections';
import { createTestApp, TestApp } from '../support/test-app';
import { Caller, seedOrg, Seed } from '../support/seed';
import { eventually, waitForQueuesDrained } from '../support/wait-for-queues';
import { changeEvery, collected, createAssignment, ESSAY_A, ESSAY_B, hanText, inDays, taskOf, waitOpen } from './reflection-fixtures';

jest.setTimeout(60_000);

describe('reflections (e2e)', () => {
  let t: TestApp;
  let seed: Seed;
  let assignmentId: string; // organiserA → branchA (organiserA, memberA, memberA1), minChars 100
  const api = (method: 'get' | 'post' | 'put', path: string, caller: Caller) =>
    t.http()[method](`/api/v1${path}`).set('Authorization', seed.auth(caller));
  const notificationsOf = (userId: string, kind: string) =>
    t.db.query(`SELECT title, body, event_key FROM notifications WHERE user_id = $1 AND kind = $2`, [userId, kind]);

  beforeAll(async () => {
    t = await createTestApp({ worker: true });
    seed = await seedOrg(t);
    assignmentId = await createAssignment(t, seed, 'organiserA', { minChars: 100, audience: { unitIds: [seed.units.branchA] } });
    await waitOpen(t, assignmentId);
  });
  afterAll(() => t.close());

  describe('assignments', () => {
    it('answers 202 dispatching, then the worker creates one task per person and opens it', async () => {
      const res = await api('post', '/reflections/assignments', 'organiserA')
        .send({ title: '观后感', dueAt: inDays(3), audience: { unitIds: [seed.units.groupA1], userIds: [seed.users.memberA1.id, seed.users.memberA.id] } })
        .expect(202);
      expect(res.body).toEqual({ id: expect.any(String), status: 'dispatching' });
      await waitOpen(t, res.body.id);
      const a = await api('get', `/reflections/assignments/${res.body.id}`, 'organiserA').expect(200);
      expect(a.body).toMatchObject({ status: 'open', minChars: 300, counts: { assigned: 2, submitted: 0, approved: 0, returned: 0, overdue: 0 } });
      const mine = await api('get', '/me/reflection-tasks', 'memberA1').expect(200);
      expect(mine.body.items.map((x: { assignmentId: string }) => x.assignmentId)).toContain(res.body.id);
      expect(await notificationsOf(seed.users.memberA1.id, 'reflection_assigned')).toHaveLength(2);
    });

    it('branchA fan-out reached its people, and only them', async () => {
      const rows = await t.db.query(`SELECT user_id FROM reflection_tasks WHERE assignment_id = $1`, [assignmentId]);
      expect(rows.map((r: { user_id: string }) => r.user_id).sort()).toEqual(
        [seed.users.organiserA.id, seed.users.memberA.id, seed.users.memberA1.id].sort(),
      );
    });

    it('rejects bad input with 400 and changes nothing', async () => {
      const before = await t.db.query(`SELECT count(*)::int AS n FROM reflection_assignments`);
      const base = { title: 'x', dueAt: inDays(1), audience: { unitIds: [seed.units.branchA] } };
      const bad = [
        { ...base, dueAt: new Date(Date.now() - 60_000).toISOString() },
        { ...base, dueAt: 'not a date' },
        { ...base, audience: {} },
        { ...base, audience: { unitIds: [], userIds: [] } },
        { ...base, audience: { unitIds: ['7d0f5e34-8a0e-4a53-9f43-5b5a2f1a9c11'] } },
        { ...base, audience: { userIds: ['7d0f5e34-8a0e-4a53-9f43-5b5a2f1a9c11'] } },
        { ...base, audience: { sessionId: '7d0f5e34-8a0e-4a53-9f43-5b5a2f1a9c11' } },
        { ...base, audience: { unitIds: ['not-a-uuid'] } },
        { ...base, minChars: 0 },
        { ...base, minChars: 20_001 },
        { ...base, warningThresholds: { yellow: 0.1, orange: 0.2 } },
        { ...base, warningThresholds: { yellow: 1.5, orange: 0.2 } },
        { ...base, title: '' },
        { ...base, unknownField: 1 },
      ];
      for (const body of bad) {
        const res = await api('post', '/reflections/assignments', 'organiserA').send(body);
        expect([res.status, body]).toEqual([400, body]);
      }
      const past = await api('post', '/reflections/assignments', 'organiserA').send(bad[0]).expect(400);
      expect(JSON.stringify(past.body.message)).toMatch(/dueAt/);
      const after = await t.db.query(`SELECT count(*)::int AS n FROM reflection_assignments`);
      expect(after[0].n).toBe(before[0].n);
    });

    it('lets organisers assign only within their units; members and auditors not at all', async () => {
      const body = { title: 'x', dueAt: inDays(1), audience: { unitIds: [seed.units.branchB] } };
      await api('post', '/reflections/assignments', 'organiserA').send(body).expect(403);
      await api('post', '/reflections/assignments', 'organiserA')
        .send({ ...body, audience: { userIds: [seed.users.memberB.id] } })
        .expect(403);
      await api('post', '/reflections/assignments', 'memberA').send(body).expect(403);
      await api('post', '/reflections/assignments', 'auditor').send(body).expect(403);
      await api('post', '/reflections/assignments', 'admin').send(body).expect(202);
    });

    it('lists and shows assignments by role', async () => {
      const ids = async (caller: Caller) =>
        (await api('get', '/reflections/assignments?limit=200', caller).expect(200)).body.items.map((a: { id: string }) => a.id);
      expect(await ids('organiserA')).toContain(assignmentId);
      expect(await ids('organiserB')).not.toContain(assignmentId);
      expect(await ids('auditor')).toContain(assignmentId);
      expect(await ids('admin')).toContain(assignmentId);
      await api('get', '/reflections/assignments', 'memberA').expect(403);
      await api('get', `/reflections/assignments/${assignmentId}`, 'organiserB').expect(404);
      await api('get', `/reflections/assignments/${assignmentId}`, 'memberA').expect(403);
      await api('get', `/reflections/assignments/${assignmentId}`, 'auditor').expect(200);
      await api('get', `/reflections/assignments/${assignmentId}/tasks`, 'organiserB').expect(404);
      await api('get', `/reflections/assignments/${assignmentId}/tasks`, 'memberA').expect(403);
      const tasks = await api('get', `/reflections/assignments/${assignmentId}/tasks`, 'auditor').expect(200);
      expect(tasks.body.total).toBe(3);
      await api('get', `/reflections/assignments/not-a-uuid`, 'admin').expect(400);
      await api('get', `/reflections/assignments/7d0f5e34-8a0e-4a53-9f43-5b5a2f1a9c11`, 'admin').expect(404);
      await api('get', `/reflections/assignments/${assignmentId}/tasks?warning=purple`, 'admin').expect(400);
    });
  });

  describe('tasks', () => {
    let taskA: string;
    beforeAll(async () => {
      taskA = await taskOf(t, assignmentId, seed.users.memberA.id);
    });

    it('shows a task to its owner, its organiser, auditors and admins; 404 to everyone else', async () => {
      for (const caller of ['memberA', 'organiserA', 'auditor', 'admin'] as Caller[]) await api('get', `/reflection-tasks/${taskA}`, caller).expect(200);
      for (const caller of ['memberA1', 'memberB', 'organiserB', 'memberDept'] as Caller[]) await api('get', `/reflection-tasks/${taskA}`, caller).expect(404);
      const res = await api('get', `/reflection-tasks/${taskA}`, 'memberA').expect(200);
      expect(res.body).toMatchObject({ id: taskA, assignmentId, userId: seed.users.memberA.id, displayName: '党员甲', status: 'assigned', warning: 'none' });
      expect(res.body).not.toHaveProperty('similarity'); // for reviewers only
      expect((await api('get', `/reflection-tasks/${taskA}`, 'organiserA').expect(200)).body.similarity).toBeNull();
    });

    it('keeps drafts for the owner only', async () => {
      await api('put', `/reflection-tasks/${taskA}/draft`, 'organiserA').send({ body: '草稿' }).expect(403);
      await api('put', `/reflection-tasks/${taskA}/draft`, 'memberB').send({ body: '草稿' }).expect(404);
      const res = await api('put', `/reflection-tasks/${taskA}/draft`, 'memberA').send({ body: '草稿ABC，' }).expect(200);
      expect(res.body).toMatchObject({ status: 'draft', body: '草稿ABC，', charCount: 4 });
      await api('put', `/reflection-tasks/${taskA}/draft`, 'memberA').send({ body: 1 }).expect(400);
      await api('put', `/reflection-tasks/${taskA}/draft`, 'memberA').send({ body: 'x', extra: 1 }).expect(400);
    });

    it('counts 字 and enforces minChars and the 20,000 maximum', async () => {
      const short = await api('post', `/reflection-tasks/${taskA}/submit`, 'memberA').send({ body: '東京2024オリンピック Deng Xiaoping，' }).expect(400);
      expect(short.body.message).toBe('body requires 100 字, counted 12');
      const long = await api('post', `/reflection-tasks/${taskA}/submit`, 'memberA').send({ body: hanText(20_001) }).expect(400);
      expect(long.body.message).toMatch(/20000 字, counted 20001/);
      await api('post', `/reflection-tasks/${taskA}/submit`, 'memberA').send({ body: hanText(300_000) }).expect(413);
      await api('post', `/reflection-tasks/${taskA}/submit`, 'memberA1').send({ body: ESSAY_A }).expect(404);
    });

    it('submits (committed before the response), then the worker collects and tells the organiser', async () => {
      const res = await api('post', `/reflection-tasks/${taskA}/submit`, 'memberA').send({ body: ESSAY_A }).expect(200);
      expect(res.body).toMatchObject({ status: 'submitted', charCount: countChars(ESSAY_A), late: false, submittedAt: expect.any(String), warning: 'none' });
      const [row] = await t.db.query(`SELECT status, body FROM reflection_tasks WHERE id = $1`, [taskA]);
      expect(row).toEqual({ status: 'submitted', body: ESSAY_A });
      const [job] = await t.db.query(`SELECT payload FROM outbox WHERE job_id = $1`, [`reflections.collect.${taskA}.1`]);
      expect(job.payload).toEqual({ taskId: taskA, version: 1 });
      await collected(t, taskA);
      const after = await api('get', `/reflection-tasks/${taskA}`, 'organiserA').expect(200);
      expect(after.body.similarity).toEqual({ score: 0, similarTaskId: null });
      await eventually(async () => (await notificationsOf(seed.users.organiserA.id, 'reflection_submitted')).length === 1);
      const a = await api('get', `/reflections/assignments/${assignmentId}`, 'organiserA').expect(200);
      expect(a.body.counts).toMatchObject({ assigned: 3, submitted: 1 });
    });

    it('scores similarity: identical ≥ 0.95, a tenth changed ≥ 0.5, unrelated on the same topic < 0.3', async () => {
      const taskA1 = await taskOf(t, assignmentId, seed.users.memberA1.id);
      const taskO = await taskOf(t, assignmentId, seed.users.organiserA.id);
      await api('post', `/reflection-tasks/${taskA1}/submit`, 'memberA1').send({ body: ESSAY_A }).expect(200);
      await collected(t, taskA1);
      const same = (await api('get', `/reflection-tasks/${taskA1}`, 'organiserA').expect(200)).body.similarity;
      expect(same.score).toBeGreaterThanOrEqual(0.95);
      expect(same.similarTaskId).toBe(taskA);

      await api('post', `/reflection-tasks/${taskO}/submit`, 'organiserA').send({ body: changeEvery(ESSAY_A, 10) }).expect(200);
      await collected(t, taskO);
      // organiserA's own task: its score is for the admin (the owner's view has none).
      const edited = (await api('get', `/reflection-tasks/${taskO}`, 'admin').expect(200)).body.similarity;
      expect(edited.score).toBeGreaterThanOrEqual(0.5);
      expect([taskA, taskA1]).toContain(edited.similarTaskId);

      // Resubmitting an unrelated essay on the same film: low score.
      await api('post', `/reflection-tasks/${taskO}/submit`, 'organiserA').send({ body: ESSAY_B }).expect(200);
      await collected(t, taskO);
      const unrelated = (await api('get', `/reflection-tasks/${taskO}`, 'admin').expect(200)).body.similarity;
      expect(unrelated.score).toBeLessThan(0.3);
    });

    it('reviews: return needs a comment and notifies the owner; approve ends it', async () => {
      await api('post', `/reflection-tasks/${taskA}/review`, 'memberA').send({ decision: 'approve' }).expect(403);
      await api('post', `/reflection-tasks/${taskA}/review`, 'auditor').send({ decision: 'approve' }).expect(403);
      await api('post', `/reflection-tasks/${taskA}/review`, 'organiserB').send({ decision: 'approve' }).expect(404);
      await api('post', `/reflection-tasks/${taskA}/review`, 'organiserA').send({ decision: 'return' }).expect(400);
      await api('post', `/reflection-tasks/${taskA}/review`, 'organiserA').send({ decision: 'maybe' }).expect(400);
      const returned = await api('post', `/reflection-tasks/${taskA}/review`, 'organiserA')
        .send({ decision: 'return', comment: '请结合本职工作再谈谈' })
        .expect(200);
      expect(returned.body).toMatchObject({ status: 'returned', reviewComment: '请结合本职工作再谈谈' });
      await api('post', `/reflection-tasks/${taskA}/review`, 'organiserA').send({ decision: 'approve' }).expect(409);
      expect(await notificationsOf(seed.users.memberA.id, 'reflection_reviewed')).toHaveLength(1);
      await api('post', `/reflection-tasks/${taskA}/submit`, 'memberA').send({ body: ESSAY_A + '结合本职工作，我将严格要求自己。' }).expect(200);
      const approved = await api('post', `/reflection-tasks/${taskA}/review`, 'admin').send({ decision: 'approve' }).expect(200);
      expect(approved.body.status).toBe('approved');
      expect(await notificationsOf(seed.users.memberA.id, 'reflection_reviewed')).toHaveLength(2);
      await api('post', `/reflection-tasks/${taskA}/submit`, 'memberA').send({ body: ESSAY_A }).expect(409);
      await api('put', `/reflection-tasks/${taskA}/draft`, 'memberA').send({ body: 'x' }).expect(409);
    });

    it('extends one person’s due time (later than the assignment’s only)', async () => {
      const taskA1 = await taskOf(t, assignmentId, seed.users.memberA1.id);
      await api('post', `/reflection-tasks/${taskA1}/extend`, 'organiserA').send({ dueAt: inDays(1) }).expect(400);
      await api('post', `/reflection-tasks/${taskA1}/extend`, 'memberA1').send({ dueAt: inDays(10) }).expect(403);
      await api('post', `/reflection-tasks/${taskA1}/extend`, 'auditor').send({ dueAt: inDays(10) }).expect(403);
      await api('post', `/reflection-tasks/${taskA1}/extend`, 'organiserB').send({ dueAt: inDays(10) }).expect(404);
      const due = inDays(10);
      const res = await api('post', `/reflection-tasks/${taskA1}/extend`, 'organiserA').send({ dueAt: due }).expect(200);
      expect(res.body).toMatchObject({ dueAt: due, extended: true });
    });
  });

  describe('warnings', () => {
    let id: string;
    let tasks: Record<'memberA' | 'memberA1' | 'organiserA', string>;
    beforeAll(async () => {
      id = await createAssignment(t, seed, 'organiserA', { minChars: 10, dueAt: inDays(10), audience: { unitIds: [seed.units.branchA] } });
      await waitOpen(t, id);
      tasks = {
        memberA: await taskOf(t, id, seed.users.memberA.id),
        memberA1: await taskOf(t, id, seed.users.memberA1.id),
        organiserA: await taskOf(t, id, seed.users.organiserA.id),
      };
      // A ten-day window that started nine days ago (orange), one personal due time in the past (red).
      await t.db.query(`UPDATE reflection_assignments SET created_at = now() - interval '9 days', due_at = now() + interval '1 day' WHERE id = $1`, [id]);
      await t.db.query(`UPDATE reflection_tasks SET due_at = now() + interval '1 day' WHERE assignment_id = $1`, [id]);
      await t.db.query(`UPDATE reflection_tasks SET due_at = now() + interval '3 days' WHERE id = $1`, [tasks.memberA1]); // 3/12 left: yellow
      await t.db.query(`UPDATE reflection_tasks SET due_at = now() - interval '1 hour' WHERE id = $1`, [tasks.memberA]); // red
    });

    it('computes colours on read and filters by them in SQL', async () => {
      const colour = async (task: string) => (await api('get', `/reflection-tasks/${task}`, 'organiserA').expect(200)).body.warning;
      expect(await colour(tasks.memberA)).toBe('red');
      expect(await colour(tasks.memberA1)).toBe('yellow');
      expect(await colour(tasks.organiserA)).toBe('orange');
      for (const [w, who] of [['red', 'memberA'], ['yellow', 'memberA1'], ['orange', 'organiserA']] as const) {
        const res = await api('get', `/reflections/assignments/${id}/tasks?warning=${w}`, 'organiserA').expect(200);
        expect([w, res.body.items.map((x: { id: string }) => x.id)]).toEqual([w, [tasks[who]]]);
      }
      const a = await api('get', `/reflections/assignments/${id}`, 'organiserA').expect(200);
      expect(a.body.counts.overdue).toBe(1);
      // Submitted: no colour.
      await api('post', `/reflection-tasks/${tasks.memberA}/submit`, 'memberA').send({ body: hanText(20) }).expect(200);
      expect(await colour(tasks.memberA)).toBe('none');
      expect((await api('get', `/reflection-tasks/${tasks.memberA}`, 'memberA').expect(200)).body.late).toBe(true);
      await t.db.query(`UPDATE reflection_tasks SET status = 'assigned' WHERE id = $1`, [tasks.memberA]);
    });

    it('notifies once on yellow, once on red, and the organiser once with the red list', async () => {
      await t.db.query(`UPDATE reflection_assignments SET due_at = now() - interval '1 minute' WHERE id = $1`, [id]);
      const warnings = t.worker!.get(ReflectionWarningsService);
      await Promise.all([warnings.run(), warnings.run()]);
      await warnings.run();
      // Event keys name the task and its due time (an extension gets its own reminders).
      const keyOf = async (kind: string, task: string) => {
        const [{ due }] = await t.db.query(`SELECT floor(extract(epoch FROM due_at))::bigint::text AS due FROM reflection_tasks WHERE id = $1`, [task]);
        return `${kind}:${task}:${due}`;
      };
      expect(await notificationsOf(seed.users.memberA.id, 'reflection_overdue')).toEqual([
        expect.objectContaining({ event_key: await keyOf('reflection_overdue', tasks.memberA) }),
      ]);
      expect((await notificationsOf(seed.users.memberA1.id, 'reflection_due_soon')).map((n: { event_key: string }) => n.event_key)).toContain(
        await keyOf('reflection_due_soon', tasks.memberA1),
      );
      expect((await notificationsOf(seed.users.organiserA.id, 'reflection_due_soon')).map((n: { event_key: string }) => n.event_key)).toContain(
        await keyOf('reflection_due_soon', tasks.organiserA),
      );
      const digest = (await notificationsOf(seed.users.organiserA.id, 'reflection_red_digest')).filter(
        (n: { event_key: string }) => n.event_key === `reflection_red_digest:${id}`,
      );
      expect(digest).toHaveLength(1);
      expect(digest[0].body).toContain('党员甲');
    });
  });

  describe('every role on every endpoint', () => {
    it('gives each role what the contract says', async () => {
      const id = await createAssignment(t, seed, 'organiserA', { minChars: 5, audience: { unitIds: [seed.units.groupA1] } });
      await waitOpen(t, id);
      const task = await taskOf(t, id, seed.users.memberA1.id);
      const roles: Caller[] = ['admin', 'auditor', 'organiserA', 'organiserB', 'memberA', 'memberA1', 'memberB', 'memberDept'];
      const expected: [string, 'get' | 'post' | 'put', string, object | undefined, Partial<Record<Caller, number>>][] = [
        ['list', 'get', '/reflections/assignments', undefined, { admin: 200, auditor: 200, organiserA: 200, organiserB: 200, memberA: 403, memberA1: 403, memberB: 403, memberDept: 403 }],
        ['show', 'get', `/reflections/assignments/${id}`, undefined, { admin: 200, auditor: 200, organiserA: 200, organiserB: 404, memberA: 403, memberA1: 403, memberB: 403, memberDept: 403 }],
        ['tasks', 'get', `/reflections/assignments/${id}/tasks`, undefined, { admin: 200, auditor: 200, organiserA: 200, organiserB: 404, memberA: 403, memberA1: 403, memberB: 403, memberDept: 403 }],
        ['mine', 'get', '/me/reflection-tasks', undefined, { admin: 200, auditor: 200, organiserA: 200, organiserB: 200, memberA: 200, memberA1: 200, memberB: 200, memberDept: 200 }],
        ['task', 'get', `/reflection-tasks/${task}`, undefined, { admin: 200, auditor: 200, organiserA: 200, organiserB: 404, memberA: 404, memberA1: 200, memberB: 404, memberDept: 404 }],
        ['draft', 'put', `/reflection-tasks/${task}/draft`, { body: '草稿' }, { admin: 403, auditor: 403, organiserA: 403, organiserB: 404, memberA: 404, memberA1: 200, memberB: 404, memberDept: 404 }],
        ['extend', 'post', `/reflection-tasks/${task}/extend`, { dueAt: inDays(30) }, { admin: 200, auditor: 403, organiserA: 200, organiserB: 404, memberA: 403, memberA1: 403, memberB: 403, memberDept: 403 }],
        ['submit', 'post', `/reflection-tasks/${task}/submit`, { body: hanText(10) }, { admin: 403, auditor: 403, organiserA: 403, organiserB: 404, memberA: 404, memberB: 404, memberDept: 404, memberA1: 200 }],
        ['review', 'post', `/reflection-tasks/${task}/review`, { decision: 'return', comment: '再改改' }, { auditor: 403, organiserB: 404, memberA: 403, memberA1: 403, memberB: 403, memberDept: 403, organiserA: 200 }],
        ['close', 'post', `/reflections/assignments/${id}/close`, undefined, { auditor: 403, organiserB: 404, memberA: 403, memberA1: 403, memberB: 403, memberDept: 403, organiserA: 200, admin: 200 }],
      ];
      for (const [name, method, path, body, statuses] of expected) {
        for (const caller of roles) {
          if (statuses[caller] === undefined) continue;
          const res = await api(method, path, caller).send(body as object);
          expect([name, caller, res.status]).toEqual([name, caller, statuses[caller]]);
        }
      }
      for (const [, method, path, body] of expected) await t.http()[method](`/api/v1${path}`).send(body as object).expect(401);
    });
  });

  describe('closing', () => {
    it('stops submissions; only its organisers and admins may close', async () => {
      const id = await createAssignment(t, seed, 'organiserA', { minChars: 5, audience: { userIds: [seed.users.memberA.id] } });
      await waitOpen(t, id);
      const task = await taskOf(t, id, seed.users.memberA.id);
      await api('post', `/reflections/assignments/${id}/close`, 'memberA').expect(403);
      await api('post', `/reflections/assignments/${id}/close`, 'auditor').expect(403);
      await api('post', `/reflections/assignments/${id}/close`, 'organiserB').expect(404);
      const closed = await api('post', `/reflections/assignments/${id}/close`, 'organiserA').expect(200);
      expect(closed.body.status).toBe('closed');
      await api('post', `/reflections/assignments/${id}/close`, 'admin').expect(200);
      await api('post', `/reflection-tasks/${task}/submit`, 'memberA').send({ body: hanText(10) }).expect(409);
      await waitForQueuesDrained(t);
    });
  });
});
