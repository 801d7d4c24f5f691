import type { Response } from 'supertest';
import type { Caller, Seed } from '../support/seed';
import { RemindersService } from '@qf/integrity';
import { SEED_PASSWORD } from '../support/seed';
import type { TestApp } from '../support/test-app';
import { MAKE_UP_SUMMARY, MatrixApi, MatrixFixtures, REFLECTION_BODY, slot } from './authorization-fixtures';

/** organiserDept (an organiser of dept, the common ancestor of branchA and branchB) appears in the object-scope rows. */
export type MatrixCaller = Caller | 'anon' | 'organiserDept';

/** The kinds of caller every row states a status for (objects belong to branchA). */
export const CORE_CALLERS = ['memberA', 'memberB', 'organiserA', 'organiserB', 'auditor', 'admin', 'anon'] as const;

/** Expected status per caller; the core callers always, memberA1 (branchA's group) and memberDept (parent unit) where they prove something. */
export type Expect = Partial<Record<MatrixCaller, number>>;

export interface Call {
  /** Values for the path's `{name}` placeholders. */
  params?: Record<string, string>;
  body?: unknown;
  query?: Record<string, string | number>;
  /** A text/csv body. */
  csv?: string;
}

export interface Row {
  /** `METHOD /api/v1/path/{param}`, exactly as the OpenAPI document names it. */
  route: string;
  expect: Expect;
  /** The request for one caller; called right before the request (fresh fixtures go here). */
  call?: (caller: MatrixCaller) => Call | Promise<Call>;
  /** Object-level assertions on a response that had the expected status. */
  check?: (caller: MatrixCaller, res: Response) => void | Promise<void>;
}

/**
 * Statuses in the order memberA, memberB, organiserA, organiserB, auditor, admin, no token;
 * `more` adds memberA1 / memberDept.
 */
export function expectOf(memberA: number, memberB: number, organiserA: number, organiserB: number, auditor: number, admin: number, anon: number, more: Expect = {}): Expect {
  return { memberA, memberB, organiserA, organiserB, auditor, admin, anon, ...more };
}

const allowed = (status: number | undefined) => status !== undefined && status >= 200 && status < 300;

/** Refused callers first, then the allowed ones: a state change by an allowed caller never decides a refusal's status. */
export function runOrder(expect: Expect): MatrixCaller[] {
  const callers = Object.keys(expect) as MatrixCaller[];
  return [...callers.filter((c) => !allowed(expect[c])), ...callers.filter((c) => allowed(expect[c]))];
}

// Shapes of expectation that recur.
/** Any authenticated caller. */
const anyone = (s: number, more: Expect = {}) => expectOf(s, s, s, s, s, s, 401, more);
/** Admins only. */
const adminOnly = (s: number) => expectOf(403, 403, 403, 403, 403, s, 401);
/** Organisers (any unit) and admins: objects not tied to a unit. */
const organisers = (s: number) => expectOf(403, 403, s, s, 403, s, 401);
/**
 * Managing a branchA object named in the path: its organiser and admins; a sibling organiser cannot
 * see it (404); members and the auditor are refused by role (403).
 */
const managesObject = (s: number) => expectOf(403, 403, s, 404, 403, s, 401);
/** Managing branchA named in the body: a sibling organiser is refused by scope (403). */
const managesUnitInBody = (s: number) => expectOf(403, 403, s, 403, 403, s, 401);
/** Reading a branchA object kept for organisers of the unit, auditors and admins. */
const readsManaged = (s: number) => expectOf(403, 403, s, 404, s, s, 401);
/** Audit: admin and auditor only. */
const auditOnly = (s: number) => expectOf(403, 403, 403, 403, s, s, 401);
/** A branchA object any of its people can see: memberA1 (group below) sees it, memberDept (unit above) does not. */
const seenByBranchA = (s: number) => expectOf(s, 404, s, 404, s, s, 401, { memberA1: s, memberDept: 404 });
/** A person on a branchA roster acting on their own record: others who see the session are refused (403), the rest 404. */
const onRoster = (s: number) => expectOf(s, 404, s, 404, 403, 403, 401, { memberA1: s, memberDept: 404 });
/** The owner of memberA's reflection task: people who see the task are refused (403), the others 404. */
const taskOwner = (s: number) => expectOf(s, 404, 403, 404, 403, 403, 401, { memberA1: 404, memberDept: 404 });

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** Asserts that `ids` contains `id` exactly when `visible`. */
function listed(ids: string[], id: string, visible: boolean, what: string): void {
  if (ids.includes(id) !== visible) throw new Error(`${what} ${visible ? 'missing from' : 'leaked into'} the list`);
}
const idsOf = (res: Response): string[] => (res.body.items ?? res.body).map((i: { id: string }) => i.id);

export function matrixRows(t: TestApp, seed: Seed, fx: MatrixFixtures): Row[] {
  const api = new MatrixApi(t, seed);
  const { users, units } = seed;
  let n = 0;
  const unique = () => `${Date.now().toString(36)}${++n}`;
  /** A fresh object for an allowed caller, the shared one for a refused caller (who changes nothing). */
  const freshIfAllowed =
    (expect: Expect, shared: string, make: () => Promise<string>) =>
    async (caller: MatrixCaller): Promise<string> =>
      allowed(expect[caller]) ? make() : shared;

  /** A supervision item of memberA's (branchA) assigned by organiserA, in the given state. */
  const supervisionItem = async (state: 'assigned' | 'accepted' | 'reported' | 'pending' = 'assigned'): Promise<string> => {
    const { id } = await api.call('organiserA', 'post', '/supervision/items', { title: '督办事项', detail: '按期办结', ownerId: users.memberA.id });
    if (state !== 'assigned') await api.call('memberA', 'post', `/supervision/items/${id}/accept`);
    if (state === 'reported') await api.call('memberA', 'post', `/supervision/items/${id}/report`, { note: '已办结' });
    if (state === 'pending') await api.call('memberA', 'post', `/supervision/items/${id}/extensions`, { to: inDays(60), reason: '需等待批复' });
    return id;
  };
  let sharedItem: Promise<string> | undefined;
  /** The shared item refused callers act on (they change nothing): accepted, with a pending extension request. */
  const shared = () => (sharedItem ??= supervisionItem('pending'));
  const itemFor = (expect: Expect, state: 'assigned' | 'accepted' | 'reported' | 'pending') => async (caller: MatrixCaller) =>
    allowed(expect[caller]) ? supervisionItem(state) : shared();
  /** The owner (memberA) acts; those who see the item are refused (403), others 404; auditors and admins by role (403). */
  const itemOwner = (s: number) => expectOf(s, 404, 403, 404, 403, 403, 401, { memberA1: 404, memberDept: 404 });
  const itemSupervisor = (s: number) => managesObject(s);

  /** A rectification campaign of organiserA's for branchA. */
  const campaign = async (): Promise<string> =>
    (await api.call('organiserA', 'post', '/rectification/campaigns', { title: `整改清单 ${unique()}`, unitIds: [units.branchA], listDueAt: inDays(10) })).id;
  let sharedCampaign: Promise<string> | undefined;
  const fileList = expectOf(201, 404, 201, 404, 403, 403, 401, { memberA1: 201, memberDept: 404 });


  /** A talk organiserA had with memberA1 (groupA1, below branchA): seen by talker, talkee, branchA's organiser, auditors, admins. */
  let sharedTalk: Promise<string> | undefined;
  const talk = () =>
    (sharedTalk ??= api
      .call('organiserA', 'post', '/talks', { kind: 'secretary_member', talkeeId: users.memberA1.id, at: new Date(Date.now() - 3_600_000).toISOString(), summary: '谈话内容', private: true })
      .then((b) => b.id));
  let sharedPlan: Promise<string> | undefined;
  const talkPlan = () =>
    (sharedPlan ??= api.call('organiserA', 'post', '/talk-plans', { title: '谈话计划', kind: 'secretary_member', unitId: units.branchA, from: '2026-01-01', to: '2026-12-31' }).then((b) => b.id));
  /** A reminder of organiserA's to branchA, already sent (recipients: organiserA, memberA, memberA1). */
  let sharedReminder: Promise<string> | undefined;
  const sentReminder = () =>
    (sharedReminder ??= (async () => {
      const { id } = await api.call('organiserA', 'post', '/reminders', { title: '节前提醒', body: '廉洁过节', audience: { unitIds: [units.branchA] }, sendAt: new Date().toISOString() });
      await t.app.get(RemindersService).send(id);
      return id as string;
    })());

  /** A declaration of memberA's (branchA), unacknowledged. */
  let sharedDeclaration: Promise<string> | undefined;
  const declaration = () =>
    (sharedDeclaration ??= api.call('memberA', 'post', '/me/declarations', { kind: 'wedding', eventDate: inDays(20).slice(0, 10), place: '酒店' }).then((b) => b.id));
  /** Lists kept for organisers (their units' objects), auditors and admins (all): `id` listed for organiserA, auditor, admin, never organiserB. */
  const listsManaged = (id: () => Promise<string>, what: string): Pick<Row, 'expect' | 'check'> => ({
    expect: expectOf(403, 403, 200, 200, 200, 200, 401),
    check: async (c, res) => listed(idsOf(res), await id(), c !== 'organiserB', what),
  });

  const publish = managesObject(200);
  const cancel = managesObject(200);
  const complete = managesObject(200);
  const decide = managesObject(200);
  const review = managesObject(200);

  return [
    // ── auth, people ─────────────────────────────────────────────────────────
    {
      route: 'POST /api/v1/auth/login',
      expect: expectOf(200, 200, 200, 200, 200, 200, 200),
      call: (c) => ({ body: { username: users[c === 'anon' ? 'memberA' : (c as Caller)].username, password: SEED_PASSWORD } }),
    },
    { route: 'GET /api/v1/health', expect: expectOf(200, 200, 200, 200, 200, 200, 200) },
    {
      route: 'GET /api/v1/me',
      expect: anyone(200),
      check: (c, res) => {
        if (res.body.id !== users[c as Caller].id || 'passwordHash' in res.body) throw new Error(`GET /me answered ${JSON.stringify(res.body)}`);
      },
    },
    { route: 'POST /api/v1/units', expect: adminOnly(201), call: () => ({ body: { name: `第${unique()}党小组`, parentId: units.branchA } }) },
    { route: 'GET /api/v1/units', expect: anyone(200) },
    {
      route: 'POST /api/v1/users',
      expect: adminOnly(201),
      call: () => ({ body: { username: `m-${unique()}`, displayName: '新党员', password: 'new-member-2026', role: 'member', unitId: units.branchB } }),
    },
    {
      route: 'POST /api/v1/users/import',
      expect: adminOnly(200),
      call: () => ({ csv: `username,displayName,role,unit,password\nimp-${unique()},导入党员,member,${units.branchB},import-pass-2026\n` }),
    },
    {
      route: 'GET /api/v1/users',
      expect: expectOf(403, 403, 200, 200, 200, 200, 401),
      call: () => ({ query: { limit: 200 } }),
      check: (c, res) => listed(idsOf(res), users.memberA.id, c !== 'organiserB', 'memberA (branchA)'),
    },
    { route: 'PATCH /api/v1/users/{id}', expect: adminOnly(200), call: () => ({ params: { id: fx.spareUserId }, body: { displayName: '备用党员' } }) },
    {
      route: 'POST /api/v1/users/{id}/password',
      expect: adminOnly(204),
      call: () => ({ params: { id: fx.spareUserId }, body: { newPassword: 'reset-by-admin-2026' } }),
      check: async () => {
        const [row] = await t.db.query(`SELECT must_change_password FROM users WHERE id = $1`, [fx.spareUserId]);
        if (!row?.must_change_password) throw new Error('the reset did not require a password change');
      },
    },

    // ── catalog, menus ───────────────────────────────────────────────────────
    { route: 'POST /api/v1/catalog', expect: organisers(201), call: () => ({ body: { title: `廉政文化 ${unique()}`, kind: 'integrity' } }) },
    { route: 'GET /api/v1/catalog', expect: anyone(200) },
    {
      route: 'POST /api/v1/menus',
      expect: organisers(201),
      call: () => ({ body: { name: `套餐 ${unique()}`, items: fx.catalogItemIds.map((catalogItemId) => ({ catalogItemId, course: 'main' })) } }),
    },
    { route: 'GET /api/v1/menus', expect: anyone(200) },
    { route: 'GET /api/v1/menus/{id}', expect: anyone(200), call: () => ({ params: { id: fx.menuId } }) },

    // ── sessions ─────────────────────────────────────────────────────────────
    {
      route: 'POST /api/v1/sessions',
      expect: managesUnitInBody(201),
      call: () => ({ body: { unitId: units.branchA, title: '党小组学习会', kind: 'group_study', ...slot(5 * 24 * 60) } }),
    },
    {
      route: 'POST /api/v1/sessions/series',
      expect: managesUnitInBody(201),
      call: () => ({
        body: { unitId: units.branchA, title: '周五集中学习', menuId: fx.menuId, from: '2027-03-01', until: '2027-03-14', startTime: '15:00', durationMinutes: 90 },
      }),
    },
    {
      route: 'GET /api/v1/sessions',
      expect: anyone(200, { memberA1: 200, memberDept: 200 }),
      call: () => ({ query: { limit: 200 } }),
      check: (c, res) => {
        listed(idsOf(res), fx.sessionId, !['memberB', 'organiserB', 'memberDept'].includes(c), 'the branchA session');
        // A draft is its organisers' own: absent from members' lists, also from memberA's (who sees branchA).
        listed(idsOf(res), fx.draftSessionId, ['organiserA', 'auditor', 'admin'].includes(c), 'the branchA draft');
      },
    },

    {
      route: 'GET /api/v1/sessions/{id}',
      expect: seenByBranchA(200),
      call: () => ({ params: { id: fx.sessionId } }),
      // Of those who see the session, only its managers, auditors and admins see the branchA draft; to the rest it is 404.
      check: async (c) => {
        const res = await t.http().get(`/api/v1/sessions/${fx.draftSessionId}`).set('Authorization', seed.auth(c as Caller));
        const expected = ['organiserA', 'auditor', 'admin'].includes(c) ? 200 : 404;
        if (res.status !== expected) throw new Error(`the branchA draft answered ${res.status}, expected ${expected}`);
      },
    },
    { route: 'PATCH /api/v1/sessions/{id}', expect: managesObject(200), call: () => ({ params: { id: fx.sessionId }, body: { location: '二楼会议室' } }) },
    {
      route: 'POST /api/v1/sessions/{id}/publish',
      expect: publish,
      call: async (c) => ({ params: { id: await freshIfAllowed(publish, fx.draftSessionId, () => api.session(4 * 24 * 60, 60, false))(c) } }),
    },
    {
      route: 'POST /api/v1/sessions/{id}/cancel',
      expect: cancel,
      call: async (c) => ({
        params: { id: await freshIfAllowed(cancel, fx.draftSessionId, () => api.session(4 * 24 * 60, 60, false))(c) },
        body: { reason: '与上级党委会议冲突' },
      }),
    },
    {
      route: 'POST /api/v1/sessions/{id}/complete',
      expect: complete,
      call: async (c) => ({ params: { id: await freshIfAllowed(complete, fx.openSessionId, () => api.inProgressSession())(c) } }),
    },

    // ── attendance ───────────────────────────────────────────────────────────
    { route: 'GET /api/v1/sessions/{id}/check-in-code', expect: managesObject(200), call: () => ({ params: { id: fx.sessionId } }) },
    {
      route: 'POST /api/v1/sessions/{id}/check-in',
      expect: onRoster(200),
      call: async () => ({ params: { id: fx.openSessionId }, body: { code: await api.checkInCode(fx.openSessionId) } }),
    },
    { route: 'GET /api/v1/sessions/{id}/attendance', expect: readsManaged(200), call: () => ({ params: { id: fx.sessionId } }) },
    {
      route: 'PUT /api/v1/sessions/{id}/attendance/{userId}',
      expect: managesObject(200),
      call: () => ({ params: { id: fx.sessionId, userId: users.memberA1.id }, body: { status: 'excused', reason: '因公出差' } }),
    },
    {
      route: 'POST /api/v1/sessions/{id}/leave-requests',
      expect: onRoster(201),
      call: () => ({ params: { id: fx.leaveSessionId }, body: { reason: '出差在外，无法参加' } }),
    },
    {
      route: 'GET /api/v1/leave-requests',
      expect: anyone(200, { memberA1: 200, memberDept: 200 }),
      call: () => ({ query: { limit: 200 } }),
      // Another person's leave request is not shown to a member, nor to another unit's organiser.
      check: (c, res) => listed(idsOf(res), fx.leaveRequestId, ['memberA', 'organiserA', 'auditor', 'admin'].includes(c), 'memberA’s leave request'),
    },
    {
      route: 'POST /api/v1/leave-requests/{id}/decision',
      expect: decide,
      call: async (c) => ({ params: { id: await freshIfAllowed(decide, fx.leaveRequestId, () => api.leaveRequest())(c) }, body: { approve: true, comment: '同意' } }),
    },
    {
      route: 'POST /api/v1/leave-requests/{id}/withdraw',
      // Only the requester (memberA); anyone else's request is 404, also to admins; auditors write nothing.
      expect: expectOf(200, 404, 404, 404, 403, 404, 401, { memberA1: 404, memberDept: 404 }),
      call: async (c) => ({ params: { id: c === 'memberA' ? await api.leaveRequest() : fx.leaveRequestId } }),
      check: (_c, res) => {
        if (res.body.status !== 'withdrawn') throw new Error(`withdraw answered ${JSON.stringify(res.body)}`);
      },
    },
    {
      route: 'GET /api/v1/me/attendance',
      expect: anyone(200, { memberA1: 200, memberDept: 200 }),
      // Only the caller's own records.
      check: (c, res) => {
        const others = res.body.items.filter((r: { userId: string }) => r.userId !== users[c as Caller].id);
        if (others.length) throw new Error(`GET /me/attendance showed others' records: ${JSON.stringify(others[0])}`);
        if (c === 'memberA' && res.body.total === 0) throw new Error('memberA’s records missing from GET /me/attendance');
      },
    },
    {
      route: 'POST /api/v1/sessions/{id}/make-up',
      expect: onRoster(200),
      call: () => ({ params: { id: fx.completedSessionId }, body: { summary: MAKE_UP_SUMMARY } }),
    },

    // ── audit ────────────────────────────────────────────────────────────────
    { route: 'GET /api/v1/audit/attendance/summary', expect: auditOnly(200) },
    { route: 'GET /api/v1/audit/attendance/log', expect: auditOnly(200) },
    { route: 'GET /api/v1/audit/attendance/verify', expect: auditOnly(200) },
    { route: 'GET /api/v1/audit/attendance/export', expect: auditOnly(200), call: () => ({ query: { format: 'csv' } }) },
    { route: 'GET /api/v1/audit/attendance/anomalies', expect: auditOnly(200) },
    {
      route: 'GET /api/v1/audit/attendance/checkpoint',
      expect: auditOnly(200),
      check: (_c, res) => {
        if (!/^[0-9a-f]{64}$/.test(res.body.hash) || typeof res.body.signature !== 'string') throw new Error(`not a checkpoint: ${JSON.stringify(res.body)}`);
      },
    },
    { route: 'GET /api/v1/audit/attendance/public-key', expect: auditOnly(200) },
    {
      route: 'POST /api/v1/audit/attendance/verify-checkpoint',
      expect: auditOnly(200),
      // A real checkpoint, taken as the admin just before the call.
      call: async () => ({ body: (await t.http().get('/api/v1/audit/attendance/checkpoint').set('Authorization', seed.auth('admin')).expect(200)).body }),
      check: (_c, res) => {
        if (res.body.ok !== true) throw new Error(`checkpoint did not verify: ${JSON.stringify(res.body)}`);
      },
    },
    {
      route: 'GET /api/v1/audit/access-log',
      expect: auditOnly(200),
      check: (_c, res) => {
        if (!(res.body.total > 0) || !res.body.items.every((i: { role: string }) => ['admin', 'auditor'].includes(i.role))) throw new Error(`access log: ${JSON.stringify(res.body).slice(0, 300)}`);
      },
    },

    // ── reading list ─────────────────────────────────────────────────────────
    {
      route: 'POST /api/v1/reading-lists',
      expect: managesUnitInBody(201),
      call: () => ({ body: { year: 2026, title: `清单 ${unique()}`, unitId: units.branchA, items: [{ title: '中国共产党廉洁自律准则', category: 'regulation' }] } }),
    },
    {
      route: 'GET /api/v1/reading-lists',
      expect: anyone(200, { memberA1: 200, memberDept: 200 }),
      call: () => ({ query: { limit: 200 } }),
      check: (c, res) => listed(idsOf(res), fx.readingListId, !['memberB', 'organiserB', 'memberDept'].includes(c), 'the branchA reading list'),
    },
    {
      route: 'GET /api/v1/reading-lists/{id}',
      expect: seenByBranchA(200),
      call: () => ({ params: { id: fx.readingListId } }),
      // Only the caller's own progress: memberA's progress on the first item is no one else's.
      check: (c, res) => {
        const first = res.body.items.find((i: { id: string }) => i.id === fx.readingItemIds[0]);
        if ((first?.progress?.status === 'finished') !== (c === 'memberA')) throw new Error(`progress shown: ${JSON.stringify(first?.progress)}`);
      },
    },
    {
      route: 'PUT /api/v1/reading-lists/{id}/items/{itemId}/progress',
      expect: expectOf(200, 404, 200, 404, 403, 200, 401, { memberA1: 200, memberDept: 404 }),
      call: () => ({ params: { id: fx.readingListId, itemId: fx.readingItemIds[1] }, body: { status: 'reading' } }),
    },
    { route: 'GET /api/v1/reading-lists/{id}/progress', expect: readsManaged(200), call: () => ({ params: { id: fx.readingListId } }) },

    // ── reflections ──────────────────────────────────────────────────────────
    {
      route: 'POST /api/v1/reflections/assignments',
      expect: managesUnitInBody(202),
      call: () => ({ body: { title: '心得体会', minChars: 10, dueAt: inDays(7), audience: { unitIds: [units.branchA] } } }),
    },
    {
      route: 'GET /api/v1/reflections/assignments',
      expect: expectOf(403, 403, 200, 200, 200, 200, 401),
      call: () => ({ query: { limit: 200 } }),
      check: (c, res) => listed(idsOf(res), fx.assignmentId, c !== 'organiserB', 'the branchA assignment'),
    },
    { route: 'GET /api/v1/reflections/assignments/{id}', expect: readsManaged(200), call: () => ({ params: { id: fx.assignmentId } }) },
    { route: 'GET /api/v1/reflections/assignments/{id}/tasks', expect: readsManaged(200), call: () => ({ params: { id: fx.assignmentId } }) },
    { route: 'POST /api/v1/reflections/assignments/{id}/close', expect: managesObject(200), call: () => ({ params: { id: fx.closableAssignmentId } }) },
    {
      route: 'GET /api/v1/me/reflection-tasks',
      expect: anyone(200, { memberA1: 200 }),
      call: async () => (await declaration(), { query: { limit: 200 } }),
      check: (c, res) => listed(idsOf(res), fx.taskId, c === 'memberA', 'memberA’s task'),
    },
    {
      route: 'GET /api/v1/reflection-tasks/{id}',
      expect: expectOf(200, 404, 200, 404, 200, 200, 401, { memberA1: 404, memberDept: 404 }),
      call: () => ({ params: { id: fx.taskId } }),
    },
    { route: 'PUT /api/v1/reflection-tasks/{id}/draft', expect: taskOwner(200), call: () => ({ params: { id: fx.taskId }, body: { body: REFLECTION_BODY } }) },
    { route: 'POST /api/v1/reflection-tasks/{id}/submit', expect: taskOwner(200), call: () => ({ params: { id: fx.taskId }, body: { body: REFLECTION_BODY } }) },
    {
      route: 'POST /api/v1/reflection-tasks/{id}/review',
      expect: review,
      // Each reviewer approves a different submitted task; refusals go first, on memberA's.
      call: (c) => ({ params: { id: c === 'organiserA' ? fx.reviewTaskIds.memberA1 : fx.reviewTaskIds.memberA }, body: { decision: 'approve' } }),
    },
    { route: 'POST /api/v1/reflection-tasks/{id}/extend', expect: managesObject(200), call: () => ({ params: { id: fx.taskId }, body: { dueAt: inDays(14) } }) },

    // ── working-day calendar ─────────────────────────────────────────────────
    { route: 'GET /api/v1/calendar/days', expect: anyone(200), call: () => ({ query: { from: '2026-10-01', to: '2026-10-10' } }) },
    { route: 'GET /api/v1/calendar/days/{date}', expect: anyone(200), call: () => ({ params: { date: '2026-10-01' } }) },
    { route: 'PUT /api/v1/calendar/days/{date}', expect: adminOnly(200), call: () => ({ params: { date: '2031-05-02' }, body: { workday: false, name: '单位调休' } }) },

    // ── supervision (督查督办) ─────────────────────────────────────────────────
    {
      route: 'POST /api/v1/supervision/items',
      expect: managesUnitInBody(201),
      call: () => ({ body: { title: '督办事项', detail: '按期办结', ownerId: users.memberA.id, timeLimitDays: 3 } }),
    },
    {
      route: 'GET /api/v1/supervision/items',
      expect: anyone(200, { memberA1: 200, memberDept: 200 }),
      call: async () => {
        await shared(); // exists before the first listing
        return { query: { limit: 200, status: 'accepted', ownerId: users.memberA.id, unitId: units.branchA, kind: 'supervision' } };
      },
      check: async (c, res) => listed(idsOf(res), await shared(), ['memberA', 'organiserA', 'auditor', 'admin'].includes(c), 'memberA’s item'),
    },
    {
      route: 'GET /api/v1/supervision/items/{id}',
      expect: expectOf(200, 404, 200, 404, 200, 200, 401, { memberA1: 404, memberDept: 404 }),
      call: async () => ({ params: { id: await shared() } }),
    },
    {
      route: 'POST /api/v1/supervision/items/{id}/accept',
      expect: itemOwner(200),
      call: async (c) => ({ params: { id: await itemFor(itemOwner(200), 'assigned')(c) } }),
    },
    {
      route: 'POST /api/v1/supervision/items/{id}/progress',
      expect: itemOwner(200),
      call: async () => ({ params: { id: await shared() }, body: { note: '正在推进' } }),
    },
    {
      route: 'POST /api/v1/supervision/items/{id}/report',
      expect: itemOwner(200),
      call: async (c) => ({ params: { id: await itemFor(itemOwner(200), 'accepted')(c) }, body: { note: '已办结' } }),
    },
    {
      route: 'POST /api/v1/supervision/items/{id}/close',
      expect: itemSupervisor(200),
      call: async (c) => ({ params: { id: await itemFor(itemSupervisor(200), 'reported')(c) }, body: { comment: '同意销号' } }),
    },
    {
      route: 'POST /api/v1/supervision/items/{id}/return',
      expect: itemSupervisor(200),
      call: async (c) => ({ params: { id: await itemFor(itemSupervisor(200), 'reported')(c) }, body: { comment: '请补充材料' } }),
    },
    {
      route: 'POST /api/v1/supervision/items/{id}/extensions',
      expect: itemOwner(201),
      call: async (c) => ({ params: { id: await itemFor(itemOwner(201), 'accepted')(c) }, body: { to: inDays(90), reason: '需等待批复' } }),
    },
    {
      route: 'POST /api/v1/supervision/items/{id}/extensions/{n}/decide',
      expect: itemSupervisor(200),
      call: async (c) => ({ params: { id: await itemFor(itemSupervisor(200), 'pending')(c), n: '1' }, body: { approve: true } }),
    },
    {
      route: 'GET /api/v1/supervision/report',
      expect: expectOf(403, 403, 200, 200, 200, 200, 401),
      call: () => ({ query: { from: '2026-01-01', to: '2099-12-31' } }),
      check: (c, res) => {
        const unitIds = res.body.units.map((u: { unitId: string }) => u.unitId);
        if (unitIds.includes(units.branchA) !== (c !== 'organiserB')) throw new Error(`branchA ${c === 'organiserB' ? 'leaked into' : 'missing from'} the report`);
      },
    },

    // ── integrity talks, plans, reminders (廉政) ───────────────────────────────
    {
      route: 'POST /api/v1/talks',
      expect: managesUnitInBody(201),
      call: () => ({ body: { kind: 'reminder', talkeeId: users.memberA.id, at: new Date(Date.now() - 60_000).toISOString(), summary: '提醒谈话', followUps: [{ title: '提交说明', timeLimitDays: 3 }] } }),
    },
    {
      route: 'GET /api/v1/talks',
      expect: anyone(200, { memberA1: 200, memberDept: 200 }),
      call: async () => ({ query: { limit: 200, kind: 'secretary_member', talkeeId: users.memberA1.id, unitId: units.branchA, from: '2020-01-01T00:00:00Z' } }),
      check: async (c, res) => listed(idsOf(res), await talk(), ['memberA1', 'organiserA', 'auditor', 'admin'].includes(c), 'memberA1’s talk'),
    },
    {
      route: 'GET /api/v1/talks/{id}',
      expect: expectOf(404, 404, 200, 404, 200, 200, 401, { memberA1: 200, memberDept: 404 }),
      call: async () => ({ params: { id: await talk() } }),
      check: (c, res) => {
        if ((res.body.summary === null) !== (c === 'memberA1')) throw new Error(`the private summary ${c === 'memberA1' ? 'reached the talkee' : 'is missing'}`);
      },
    },
    {
      route: 'POST /api/v1/talk-plans',
      expect: managesObject(201),
      call: () => ({ body: { title: '谈话计划', kind: 'leader_staff', unitId: units.branchA, from: '2026-01-01', to: '2026-06-30' } }),
    },
    {
      route: 'GET /api/v1/talk-plans/{id}/coverage',
      expect: readsManaged(200),
      call: async () => ({ params: { id: await talkPlan() } }),
    },
    {
      route: 'POST /api/v1/reminders',
      expect: managesUnitInBody(201),
      call: () => ({ body: { title: '节前提醒', body: '廉洁过节', audience: { unitIds: [units.branchA] }, sendAt: inDays(30) } }),
    },
    {
      route: 'POST /api/v1/reminders/{id}/acknowledge',
      expect: expectOf(204, 404, 204, 404, 403, 404, 401, { memberA1: 204, memberDept: 404 }),
      call: async () => ({ params: { id: await sentReminder() } }),
    },
    {
      route: 'GET /api/v1/talk-plans',
      ...listsManaged(talkPlan, 'branchA’s talk plan'),
      call: async () => (await talkPlan(), { query: { limit: 200 } }),
    },
    {
      route: 'GET /api/v1/reminders',
      ...listsManaged(sentReminder, 'organiserA’s reminder to branchA'),
      call: async () => (await sentReminder(), { query: { limit: 200 } }),
    },
    {
      route: 'GET /api/v1/me/reminders/{id}',
      // Its recipients only (organiserA sent it and, being of branchA, received it too).
      expect: expectOf(200, 404, 200, 404, 404, 404, 401, { memberA1: 200, memberDept: 404 }),
      call: async () => ({ params: { id: await sentReminder() } }),
      check: (_c, res) => {
        if (res.body.title !== '节前提醒' || !res.body.sentAt) throw new Error('the received reminder lacks its title or send time');
      },
    },
    {
      route: 'GET /api/v1/reminders/{id}',
      expect: readsManaged(200),
      call: async () => ({ params: { id: await sentReminder() } }),
    },

    {
      route: 'POST /api/v1/me/declarations',
      expect: expectOf(201, 201, 201, 201, 403, 403, 401),
      call: () => ({ body: { kind: 'wedding', eventDate: inDays(30).slice(0, 10), place: '家中', guests: 20 } }),
    },
    {
      route: 'GET /api/v1/me/declarations',
      expect: anyone(200, { memberA1: 200 }),
      call: async () => (await declaration(), { query: { limit: 200 } }),
      check: async (c, res) => listed(idsOf(res), await declaration(), c === 'memberA', 'memberA’s declaration'),
    },
    {
      route: 'GET /api/v1/declarations',
      ...listsManaged(declaration, 'memberA’s declaration'),
      call: async () => (await declaration(), { query: { limit: 200, pending: 'true' } }),
    },
    {
      route: 'GET /api/v1/declarations/{id}',
      expect: expectOf(200, 404, 200, 404, 200, 200, 401, { memberA1: 404, memberDept: 404 }),
      call: async () => ({ params: { id: await declaration() } }),
    },
    {
      route: 'POST /api/v1/declarations/{id}/acknowledge',
      expect: expectOf(403, 403, 200, 404, 403, 200, 401),
      call: async () => ({ params: { id: (await api.call('memberA', 'post', '/me/declarations', { kind: 'funeral', eventDate: inDays(10).slice(0, 10), place: '老家' })).id }, body: { comment: '已知悉' } }),
    },

    {
      route: 'GET /api/v1/people/{id}/dossier',
      expect: expectOf(200, 404, 200, 404, 200, 200, 401, { memberA1: 404, memberDept: 404 }),
      call: () => ({ params: { id: users.memberA.id }, query: { year: 2026 } }),
    },
    {
      route: 'GET /api/v1/people/{id}/dossier/access-log',
      expect: expectOf(200, 404, 403, 404, 200, 200, 401, { memberA1: 404, memberDept: 404 }),
      call: () => ({ params: { id: users.memberA.id } }),
    },

    // ── rectification campaigns (整改清单) ─────────────────────────────────────
    {
      route: 'POST /api/v1/rectification/campaigns',
      expect: managesUnitInBody(201),
      call: () => ({ body: { title: '作风巡查问题整改', unitIds: [units.branchA], listDueAt: inDays(10) } }),
    },
    {
      route: 'GET /api/v1/rectification/campaigns',
      // The shared campaign (branchA's): its people, its creator, auditors and admins; not branchB or 机关党委.
      expect: anyone(200, { memberA1: 200, memberDept: 200 }),
      call: async () => {
        await (sharedCampaign ??= campaign()); // exists before the first caller lists
        return { query: { limit: 200 } };
      },
      check: async (c, res) =>
        listed(idsOf(res), await sharedCampaign!, ['memberA', 'memberA1', 'organiserA', 'auditor', 'admin'].includes(c), 'branchA’s campaign'),
    },
    {
      route: 'GET /api/v1/rectification/campaigns/{id}/my-list',
      // The people of branchA (its group too) only; the admin, the auditor and other units' people: 404.
      expect: expectOf(200, 404, 200, 404, 404, 404, 401, { memberA1: 200, memberDept: 404 }),
      call: async () => ({ params: { id: await (sharedCampaign ??= campaign()) } }),
    },
    {
      route: 'GET /api/v1/rectification/campaigns/{id}',
      expect: expectOf(404, 404, 200, 404, 200, 200, 401, { memberA1: 404, memberDept: 404 }),
      call: async () => ({ params: { id: await (sharedCampaign ??= campaign()) } }),
    },
    {
      route: 'POST /api/v1/rectification/campaigns/{id}/my-list',
      // People of branchA (its group too) file, once each: a fresh campaign per filer.
      expect: fileList,
      call: async (c) => ({
        params: { id: allowed(fileList[c]) ? await campaign() : await (sharedCampaign ??= campaign()) },
        body: { items: [{ problem: '学习不够深入', measure: '每周精读一篇理论文章', dueAt: inDays(30) }] },
      }),
    },

    // ── notifications ────────────────────────────────────────────────────────
    {
      route: 'GET /api/v1/me/notifications',
      expect: anyone(200, { memberA1: 200 }),
      call: async () => (await declaration(), { query: { limit: 200 } }),
      check: (c, res) => listed(idsOf(res), fx.notificationId, c === 'memberA', 'memberA’s notification'),
    },
    {
      route: 'POST /api/v1/me/notifications/{id}/read',
      // Another person's notification is 404 to everyone, admins included.
      expect: expectOf(204, 404, 404, 404, 404, 404, 401, { memberA1: 404 }),
      call: () => ({ params: { id: fx.notificationId } }),
    },

    // Last: a password change ends the caller's older tokens.
    {
      route: 'POST /api/v1/me/password',
      expect: anyone(204),
      call: () => ({ body: { currentPassword: SEED_PASSWORD, newPassword: 'a-new-password-2026' } }),
    },
  ];
}

/**
 * Multi-unit objects and own records (issue 11), run after the main table (so its routes may repeat
 * here). The object is an assignment whose audience spans the sibling units branchA and branchB, made
 * by the admin. Tasks are scoped to their OWNER's unit, not the assignment: a sibling's organiser
 * gets 404 on the other sibling's people's tasks and sees only their own people in the task list and
 * counts; organiserDept (organiser of the common ancestor) acts on all; closing the whole assignment
 * needs the creator, an organiser of every audience unit or an admin (a partial organiser: 403).
 * Own records: nobody but an admin marks their own attendance, reviews or extends their own task,
 * or decides their own leave.
 */
export function objectScopeRows(t: TestApp, seed: Seed, fx: MatrixFixtures): Row[] {
  const api = new MatrixApi(t, seed);
  const { users, units } = seed;
  const span = fx.spanning;
  /** Statuses for memberA, memberB, organiserA, organiserB, organiserDept, auditor, admin; no token 401. */
  const scoped = (memberA: number, memberB: number, organiserA: number, organiserB: number, organiserDept: number, auditor: number, admin: number): Expect => ({
    ...expectOf(memberA, memberB, organiserA, organiserB, auditor, admin, 401),
    organiserDept,
  });
  const freshIfAllowed =
    (expect: Expect, shared: () => Promise<string>, make: () => Promise<string>) =>
    async (caller: MatrixCaller): Promise<string> =>
      allowed(expect[caller]) ? make() : shared();
  /** The units whose people's tasks each reader sees. */
  const sees: Partial<Record<MatrixCaller, string[] | null>> = {
    organiserA: [units.branchA, units.groupA1],
    organiserB: [units.branchB],
    organiserDept: null,
    auditor: null,
    admin: null,
  };
  const tasksSeenBy = async (c: MatrixCaller): Promise<string[]> =>
    (
      await t.db.query(
        `SELECT t.id FROM reflection_tasks t JOIN users u ON u.id = t.user_id
          WHERE t.assignment_id = $1 AND ($2::uuid[] IS NULL OR u.unit_id = ANY($2::uuid[])) ORDER BY t.id`,
        [span.assignmentId, sees[c] ?? null],
      )
    ).map((r: { id: string }) => r.id);
  const countsMatch = async (c: MatrixCaller, counts: { assigned: number }) => {
    const expected = (await tasksSeenBy(c)).length;
    if (counts.assigned !== expected) throw new Error(`counts.assigned ${counts.assigned}, expected ${expected} (the caller's people only)`);
  };
  const resubmit = (who: Caller, taskId: string, seedNo: number) =>
    api.call(who, 'post', `/reflection-tasks/${taskId}/submit`, { body: `${REFLECTION_BODY}${seedNo}` });
  let ownLeave: Promise<string> | undefined;
  let leaves = 0;
  const organiserALeave = async () => {
    const sessionId = await api.session(2 * 24 * 60 + 240 + ++leaves);
    return (await api.call('organiserA', 'post', `/sessions/${sessionId}/leave-requests`, { reason: '参加上级培训' })).id as string;
  };

  const readsSpan = scoped(403, 403, 200, 200, 200, 200, 200);
  const reviewSpan = scoped(403, 403, 404, 200, 200, 403, 200);
  const extendSpan = scoped(403, 403, 404, 200, 200, 403, 200);
  const closeSpan = scoped(403, 403, 403, 403, 200, 403, 200);
  const markSelf = scoped(403, 403, 403, 404, 200, 403, 200);
  const reviewSelf = scoped(403, 403, 403, 404, 200, 403, 200);
  const decideSelf = scoped(403, 403, 403, 404, 200, 403, 200);
  let reviews = 0;

  return [
    // ── an assignment spanning branchA and branchB ──────────────────────────
    {
      route: 'GET /api/v1/reflections/assignments',
      expect: { ...expectOf(403, 403, 200, 200, 200, 200, 401), organiserDept: 200 },
      call: () => ({ query: { limit: 200 } }),
      check: async (c, res) => {
        const a = res.body.items.find((i: { id: string }) => i.id === span.assignmentId);
        if (!a) throw new Error('the spanning assignment is missing from the list');
        await countsMatch(c, a.counts);
      },
    },
    {
      route: 'GET /api/v1/reflections/assignments/{id}',
      expect: readsSpan,
      call: () => ({ params: { id: span.assignmentId } }),
      check: (c, res) => countsMatch(c, res.body.counts),
    },
    {
      route: 'GET /api/v1/reflections/assignments/{id}/tasks',
      expect: readsSpan,
      call: () => ({ params: { id: span.assignmentId }, query: { limit: 200 } }),
      check: async (c, res) => {
        const got = idsOf(res).sort();
        const want = await tasksSeenBy(c);
        if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`tasks ${JSON.stringify(got)}, expected only the caller's people ${JSON.stringify(want)}`);
      },
    },
    {
      route: 'GET /api/v1/reflection-tasks/{id}',
      expect: { ...scoped(404, 200, 404, 200, 200, 200, 200), memberA1: 404 },
      call: () => ({ params: { id: span.memberBTaskId } }),
    },
    {
      route: 'PUT /api/v1/reflection-tasks/{id}/draft',
      expect: scoped(200, 404, 403, 404, 403, 403, 403),
      call: () => ({ params: { id: span.memberATaskId }, body: { body: REFLECTION_BODY } }),
    },
    {
      route: 'POST /api/v1/reflection-tasks/{id}/review',
      expect: reviewSpan,
      // Each allowed reviewer returns a fresh submission of memberB's task.
      call: async (c) => {
        if (allowed(reviewSpan[c])) await resubmit('memberB', span.memberBTaskId, ++reviews);
        return { params: { id: span.memberBTaskId }, body: { decision: 'return', comment: '请结合本职工作再充实' } };
      },
    },
    { route: 'POST /api/v1/reflection-tasks/{id}/extend', expect: extendSpan, call: () => ({ params: { id: span.memberBTaskId }, body: { dueAt: inDays(14) } }) },
    {
      route: 'POST /api/v1/reflections/assignments/{id}/close',
      expect: closeSpan,
      call: async (c) => ({ params: { id: await freshIfAllowed(closeSpan, async () => span.assignmentId, () => api.spanningAssignment())(c) } }),
    },

    // ── own records: nobody but an admin approves themselves ─────────────────
    {
      route: 'PUT /api/v1/sessions/{id}/attendance/{userId}',
      expect: markSelf,
      call: () => ({ params: { id: fx.sessionId, userId: users.organiserA.id }, body: { status: 'excused', reason: '因公出差' } }),
    },
    {
      route: 'POST /api/v1/reflection-tasks/{id}/review',
      expect: reviewSelf,
      call: async (c) => {
        if (allowed(reviewSelf[c])) await resubmit('organiserA', fx.reviewTaskIds.organiserA, ++reviews);
        return { params: { id: fx.reviewTaskIds.organiserA }, body: { decision: 'return', comment: '请再充实' } };
      },
    },
    {
      route: 'POST /api/v1/reflection-tasks/{id}/extend',
      expect: scoped(403, 403, 403, 404, 200, 403, 200),
      call: () => ({ params: { id: fx.reviewTaskIds.organiserA }, body: { dueAt: inDays(14) } }),
    },
    {
      route: 'POST /api/v1/leave-requests/{id}/decision',
      expect: decideSelf,
      call: async (c) => ({
        params: { id: await freshIfAllowed(decideSelf, () => (ownLeave ??= organiserALeave()), organiserALeave)(c) },
        body: { approve: true, comment: '同意' },
      }),
    },
  ];
}
