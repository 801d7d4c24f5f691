import type { Caller, Seed } from '../support/seed';
import { SEED_PASSWORD, seedPasswordHash } from '../support/seed';
import type { TestApp } from '../support/test-app';
import { eventually } from '../support/wait-for-queues';
import { hanText, taskOf, waitOpen } from '../reflections/reflection-fixtures';

/**
 * The objects the authorisation matrix acts on, all belonging to branchA, made through the API as
 * organiserA or the admin (the way a client makes them).
 */
export interface MatrixFixtures {
  /** theory, history, song. */
  catalogItemIds: string[];
  menuId: string;
  /** A draft of branchA. */
  draftSessionId: string;
  /** A plain user of branchA for PATCH /users/:id. */
  spareUserId: string;
  /** Published, starts in two days; roster memberA, memberA1, organiserA. memberA has a pending leave request on it. */
  sessionId: string;
  /** Published, starts in two days: for new leave requests. */
  leaveSessionId: string;
  /** Published, check-in open now. */
  openSessionId: string;
  /** Completed: memberA and organiserA are absent (make-up allowed). */
  completedSessionId: string;
  /** memberA's pending leave request on `sessionId`. */
  leaveRequestId: string;
  /** memberA's notification (session_published). */
  notificationId: string;
  readingListId: string;
  readingItemIds: string[];
  /** Open assignment of branchA (audience: branchA), minChars 10. */
  assignmentId: string;
  /** memberA's task in it; memberA1's task. */
  taskId: string;
  memberA1TaskId: string;
  /** Another open assignment, for close. */
  closableAssignmentId: string;
  /** Submitted tasks of memberA and memberA1 in a third assignment, for review; organiserA's own submitted task there. */
  reviewTaskIds: { memberA: string; memberA1: string; organiserA: string };
  /** `Authorization` of organiserDept: an organiser of dept, the common ancestor of branchA and branchB. */
  organiserDeptAuth: string;
  /**
   * Multi-unit objects: an open assignment made by the admin whose audience spans the sibling units
   * branchA and branchB; memberA's task (branchA) and memberB's submitted task (branchB) in it.
   */
  spanning: { assignmentId: string; memberATaskId: string; memberBTaskId: string };
}

export const REFLECTION_BODY = hanText(40, 7);
export const MAKE_UP_SUMMARY = hanText(120, 3);

let slotSeconds = 0;
/** A distinct start (sessions are unique per unit and start): `minutes` from now, `length` minutes long. */
export function slot(minutes: number, length = 60): { startsAt: string; endsAt: string } {
  const start = new Date(Date.now() + minutes * 60_000 + ++slotSeconds * 1_000);
  return { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + length * 60_000).toISOString() };
}

export class MatrixApi {
  constructor(
    private readonly t: TestApp,
    private readonly seed: Seed,
  ) {}

  async call(as: Caller, method: 'get' | 'post' | 'put' | 'patch', url: string, body?: object, status?: number): Promise<any> {
    let req = this.t.http()[method](`/api/v1${url}`).set('Authorization', this.seed.auth(as));
    if (body) req = req.send(body);
    const res = await req;
    const ok = status ? res.status === status : res.status < 300;
    if (!ok) throw new Error(`fixture ${method.toUpperCase()} ${url} as ${as}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** A branchA session (branch meeting: no menu rule), draft unless `publish`. */
  async session(minutes: number, length = 60, publish = true): Promise<string> {
    const s = await this.call('organiserA', 'post', '/sessions', {
      unitId: this.seed.units.branchA,
      title: '支部党员大会',
      kind: 'branch_meeting',
      location: '三楼党员活动室',
      ...slot(minutes, length),
    });
    if (publish) await this.call('organiserA', 'post', `/sessions/${s.id}/publish`);
    return s.id;
  }

  /** A session in progress (started, not ended): completable. */
  inProgressSession(): Promise<string> {
    return this.session(-5, 120);
  }

  /** memberA's pending leave request on a fresh published session. */
  async leaveRequest(): Promise<string> {
    const sessionId = await this.session(2 * 24 * 60);
    return (await this.call('memberA', 'post', `/sessions/${sessionId}/leave-requests`, { reason: '出差在外，无法参加' })).id;
  }

  async checkInCode(sessionId: string): Promise<string> {
    return (await this.call('admin', 'get', `/sessions/${sessionId}/check-in-code`)).code;
  }

  /** An open assignment made by the admin for the sibling units branchA and branchB. */
  async spanningAssignment(): Promise<string> {
    const { id } = await this.call(
      'admin',
      'post',
      '/reflections/assignments',
      {
        title: '跨支部心得体会',
        minChars: 10,
        dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        audience: { unitIds: [this.seed.units.branchA, this.seed.units.branchB] },
      },
      202,
    );
    await waitOpen(this.t, id);
    return id;
  }

  /** An assignment for branchA created by organiserA, open (its tasks made by the worker). */
  async openAssignment(title: string): Promise<string> {
    const { id } = await this.call(
      'organiserA',
      'post',
      '/reflections/assignments',
      {
        title,
        prompt: '谈谈认识和打算',
        minChars: 10,
        dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        audience: { unitIds: [this.seed.units.branchA] },
      },
      202,
    );
    await waitOpen(this.t, id);
    return id;
  }
}

export async function buildMatrixFixtures(t: TestApp, seed: Seed): Promise<MatrixFixtures> {
  const api = new MatrixApi(t, seed);
  const { users } = seed;

  const kinds = ['theory', 'history', 'song'] as const;
  const items: string[] = [];
  for (const kind of kinds) items.push((await api.call('admin', 'post', '/catalog', { title: `学习材料 ${kind}`, kind })).id);
  const menu = await api.call('admin', 'post', '/menus', { name: '周五标准套餐', items: items.map((catalogItemId) => ({ catalogItemId, course: 'main' })) });
  const spare = await api.call('admin', 'post', '/users', {
    username: 'matrix-spare',
    displayName: '备用党员',
    password: 'spare-password-2026',
    role: 'member',
    unitId: seed.units.branchA,
  });

  const sessionId = await api.session(2 * 24 * 60);
  const leaveSessionId = await api.session(2 * 24 * 60 + 120);
  const openSessionId = await api.session(10, 60);
  const completedSessionId = await api.session(-180, 60);
  await api.call('admin', 'post', `/sessions/${completedSessionId}/complete`);
  const leaveRequestId = (await api.call('memberA', 'post', `/sessions/${sessionId}/leave-requests`, { reason: '出差在外，无法参加' })).id;

  const list = await api.call('organiserA', 'post', '/reading-lists', {
    year: 2026,
    title: '2026年度党风党纪教育清单',
    unitId: seed.units.branchA,
    items: [
      { title: '中国共产党纪律处分条例', category: 'regulation' },
      { title: '忏悔录选编', category: 'confession' },
    ],
  });
  const readingItemIds: string[] = list.items.map((i: { id: string }) => i.id);
  await api.call('memberA', 'put', `/reading-lists/${list.id}/items/${readingItemIds[0]}/progress`, { status: 'finished', note: '已读完' });

  const assignmentId = await api.openAssignment('观看警示教育片心得体会');
  const closableAssignmentId = await api.openAssignment('主题党日心得体会');
  const reviewAssignmentId = await api.openAssignment('以案说纪心得体会');
  const reviewTaskIds = {
    memberA: await taskOf(t, reviewAssignmentId, users.memberA.id),
    memberA1: await taskOf(t, reviewAssignmentId, users.memberA1.id),
    organiserA: await taskOf(t, reviewAssignmentId, users.organiserA.id),
  };
  await api.call('memberA', 'post', `/reflection-tasks/${reviewTaskIds.memberA}/submit`, { body: REFLECTION_BODY });
  await api.call('memberA1', 'post', `/reflection-tasks/${reviewTaskIds.memberA1}/submit`, { body: hanText(40, 11) });
  await api.call('organiserA', 'post', `/reflection-tasks/${reviewTaskIds.organiserA}/submit`, { body: hanText(40, 13) });

  const [organiserDept] = await t.db.query(
    `INSERT INTO users (username, display_name, password_hash, role, unit_id, tokens_valid_after)
     VALUES ('matrix-organiser-dept', '机关党委书记', $1, 'organiser', $2, now() - interval '1 minute') RETURNING id`,
    [await seedPasswordHash(), seed.units.dept],
  );
  const login = await t.http().post('/api/v1/auth/login').send({ username: 'matrix-organiser-dept', password: SEED_PASSWORD });
  if (login.status !== 200 || !organiserDept) throw new Error(`organiserDept login: ${login.status}`);
  const spanningId = await api.spanningAssignment();
  const spanning = {
    assignmentId: spanningId,
    memberATaskId: await taskOf(t, spanningId, users.memberA.id),
    memberBTaskId: await taskOf(t, spanningId, users.memberB.id),
  };
  await api.call('memberB', 'post', `/reflection-tasks/${spanning.memberBTaskId}/submit`, { body: hanText(40, 17) });

  const notificationId: string = await eventually(async () => {
    const inbox = await api.call('memberA', 'get', '/me/notifications');
    return inbox.items[0]?.id as string;
  });

  return {
    catalogItemIds: items,
    menuId: menu.id,
    draftSessionId: await api.session(3 * 24 * 60, 60, false),
    spareUserId: spare.id,
    sessionId,
    leaveSessionId,
    openSessionId,
    completedSessionId,
    leaveRequestId,
    notificationId,
    readingListId: list.id,
    readingItemIds,
    assignmentId,
    taskId: await taskOf(t, assignmentId, users.memberA.id),
    memberA1TaskId: await taskOf(t, assignmentId, users.memberA1.id),
    closableAssignmentId,
    reviewTaskIds,
    organiserDeptAuth: `Bearer ${login.body.accessToken}`,
    spanning,
  };
}
