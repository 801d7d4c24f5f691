import { AuthUser, BadInputError, ConflictError, ForbiddenError, NotFoundError, TooManyRequestsError } from '@qf/common';
import { AccessPolicy, UnitRepository, UserRepository } from '@qf/identity';
import { NotificationsService } from '@qf/notifications';
import { JobName, OutboxService } from '@qf/queue';
import { fake, FAKE_EM, fakeConfig, fakeTransaction, newTestService } from '@qf/testing';
import { AssignmentsService, MAX_CHARS, NewAssignment } from './assignments.service';
import { ReflectionCollectionService } from './collection.service';
import { ReflectionFanoutService } from './fanout.service';
import { ReflectionsPendingWork } from './pending-work';
import { ReflectionAccess } from './reflection-access';
import { AssignmentRow, TaskRow } from './reflection-views';
import { FanoutRow, LockedTask, ReflectionRepository } from './reflection.repository';
import { SUBMISSIONS_PER_TASK_PER_MINUTE, TasksService } from './tasks.service';
import { ReflectionWarningsService } from './warnings.service';

const who = (role: AuthUser['role'], id = `${role}-id`, unitId = 'mine'): AuthUser => ({ id, username: id, displayName: id, role, unitId });
const admin = who('admin');
const organiser = who('organiser');
const member = who('member');
const auditor = who('auditor');
const HOUR = 3_600_000;
const config = fakeConfig({ ORG_TIMEZONE: 'Asia/Shanghai', REFLECTION_FANOUT_CHUNK: 2, REFLECTION_FANOUT_PAUSE_MS: 0 });

function setup() {
  const repo = fake<ReflectionRepository>({ transaction: fakeTransaction() });
  const policy = fake<AccessPolicy>();
  // organisers manage 'mine' and units whose id starts with 'mine'; admins everything
  policy.readsEverything.mockImplementation((u: AuthUser) => u.role === 'admin' || u.role === 'auditor');
  policy.managedUnitIds.mockImplementation(async (u: AuthUser) => (u.role === 'admin' ? 'all' : u.role === 'organiser' ? ['mine', 'mine-a'] : []));
  policy.manages.mockImplementation(async (u: AuthUser, unitId: string) => u.role === 'admin' || (u.role === 'organiser' && unitId.startsWith('mine')));
  policy.assertNotSelf.mockImplementation((u: AuthUser, ownerId: string, action: string) => {
    if (ownerId === u.id && u.role !== 'admin') throw new ForbiddenError(`nobody but an admin may ${action}`);
  });
  const units = fake<UnitRepository>();
  units.existingIds.mockImplementation(async (ids: string[]) => ids.filter((id) => id !== 'gone'));
  const users = fake<UserRepository>();
  users.activeUnitsOf.mockImplementation(async (ids: string[]) => ids.filter((id) => id !== 'inactive').map((id) => ({ id, unitId: id === 'stranger' ? 'other' : 'mine' })));
  repo.sessionUnitId.mockImplementation(async (id: string) => (id === 'missing' ? undefined : id === 'foreign' ? 'other' : 'mine'));
  const outbox = fake<OutboxService>();
  const notifications = fake<NotificationsService>();
  return newTestService(
    (m) => {
      const access = new ReflectionAccess(m.policy, m.repo);
      return {
        access,
        assignments: new AssignmentsService(m.repo, m.units, m.users, m.outbox, m.policy, access),
        tasks: new TasksService(m.repo, m.outbox, m.notifications, access, config),
        collection: new ReflectionCollectionService(m.repo, m.notifications),
        fanout: new ReflectionFanoutService(m.repo, m.notifications, config),
        warnings: new ReflectionWarningsService(m.repo, m.notifications, config),
        pending: new ReflectionsPendingWork(m.repo, m.outbox),
      };
    },
    { repo, policy, units, users, outbox, notifications },
  );
}

const future = () => new Date(Date.now() + 48 * HOUR);
const assignmentInput = (patch: Partial<NewAssignment> = {}): NewAssignment => ({ title: ' 观后感 ', dueAt: future(), audience: { unitIds: ['mine'] }, ...patch });

const assignmentRow = (patch: Partial<AssignmentRow> = {}): AssignmentRow => ({
  id: 'A',
  title: '观后感',
  prompt: '',
  session_id: null,
  min_chars: 300,
  due_at: future(),
  status: 'open',
  warn_yellow: 0.3,
  warn_orange: 0.15,
  audience_unit_ids: ['mine'],
  audience_user_ids: [],
  audience_session_id: null,
  audience_statuses: ['present', 'late'],
  owner_unit_id: 'mine',
  created_by: 'creator',
  created_at: new Date(),
  ...patch,
});

describe('AssignmentsService.create: audience and scope', () => {
  it('stores the assignment as dispatching with its fan-out job in one transaction', async () => {
    const { sut, mocks } = setup();
    mocks.repo.insertAssignment.mockResolvedValue('A');
    await expect(sut.assignments.create(organiser, assignmentInput())).resolves.toEqual({ id: 'A', status: 'dispatching' });
    expect(mocks.repo.insertAssignment).toHaveBeenCalledWith(FAKE_EM, expect.objectContaining({
      title: '观后感', minChars: 300, audienceUnitIds: ['mine'], audienceStatuses: ['present', 'late'], ownerUnitId: 'mine', createdBy: 'organiser-id', warnYellow: 0.3, warnOrange: 0.15,
    }));
    expect(mocks.outbox.add).toHaveBeenCalledWith(FAKE_EM, { name: JobName.ReflectionFanout, payload: { assignmentId: 'A' } });
  });

  it('de-duplicates audience units and users', async () => {
    const { sut, mocks } = setup();
    await sut.assignments.create(organiser, assignmentInput({ audience: { unitIds: ['mine', 'mine'], userIds: ['u1', 'u1'] } }));
    expect(mocks.repo.insertAssignment.mock.calls[0][1]).toMatchObject({ audienceUnitIds: ['mine'], audienceUserIds: ['u1'] });
  });

  it('the session of the audience is also the subject unless one is named', async () => {
    const { sut, mocks } = setup();
    await sut.assignments.create(organiser, assignmentInput({ audience: { sessionId: 'S', attendanceStatuses: ['absent'] } }));
    expect(mocks.repo.insertAssignment.mock.calls[0][1]).toMatchObject({ sessionId: 'S', audienceSessionId: 'S', audienceStatuses: ['absent'] });
  });

  it.each([
    ['a due time in the past', { dueAt: new Date(Date.now() - 1000) }, 'dueAt must be in the future'],
    ['minChars 0', { minChars: 0 }, 'minChars must be an integer'],
    ['minChars over the maximum', { minChars: MAX_CHARS + 1 }, 'minChars must be an integer'],
    ['fractional minChars', { minChars: 1.5 }, 'minChars must be an integer'],
    ['thresholds out of order', { warningThresholds: { yellow: 0.1, orange: 0.2 } }, 'warningThresholds must satisfy'],
    ['thresholds reaching 1', { warningThresholds: { yellow: 1, orange: 0.2 } }, 'warningThresholds must satisfy'],
    ['statuses without a session', { audience: { unitIds: ['mine'], attendanceStatuses: ['present'] } }, 'audience.attendanceStatuses needs audience.sessionId'],
    ['an unknown attendance status', { audience: { sessionId: 'S', attendanceStatuses: ['asleep'] } }, 'audience.attendanceStatuses must be some of'],
    ['no statuses', { audience: { sessionId: 'S', attendanceStatuses: [] } }, 'audience.attendanceStatuses must be some of'],
    ['an empty audience', { audience: {} }, 'audience must name at least one unit, user or session'],
    ['an unknown unit', { audience: { unitIds: ['gone'] } }, 'audience.unitIds: unknown unit(s) gone'],
    ['an inactive user', { audience: { userIds: ['inactive'] } }, 'audience.userIds: unknown or inactive user(s) inactive'],
    ['an unknown audience session', { audience: { sessionId: 'missing' } }, 'audience.sessionId: unknown session missing'],
    ['an unknown subject session', { sessionId: 'missing' }, 'sessionId: unknown session missing'],
  ])('refuses %s (400)', async (_what, patch, message) => {
    const { sut, mocks } = setup();
    await expect(sut.assignments.create(organiser, assignmentInput(patch as Partial<NewAssignment>))).rejects.toThrow(new BadInputError(message).message);
    expect(mocks.repo.insertAssignment).not.toHaveBeenCalled();
  });

  it.each([
    ['a unit they do not manage', { audience: { unitIds: ['other'] } }, 'you do not manage unit other'],
    ['a user of another unit', { audience: { userIds: ['stranger'] } }, 'you do not manage the unit of user stranger'],
    ["another unit's session", { audience: { sessionId: 'foreign' } }, 'you do not manage the unit of session foreign'],
  ])('an organiser may not address %s (403)', async (_what, patch, message) => {
    const { sut } = setup();
    await expect(sut.assignments.create(organiser, assignmentInput(patch as Partial<NewAssignment>))).rejects.toThrow(new ForbiddenError(message));
  });

  it('an admin addresses any unit', async () => {
    const { sut } = setup();
    await expect(sut.assignments.create(admin, assignmentInput({ audience: { unitIds: ['other'] } }))).resolves.toBeDefined();
  });
});

describe('AssignmentsService reads and close', () => {
  it("an organiser's list and counts cover only their units' people", async () => {
    const { sut, mocks } = setup();
    mocks.repo.assignmentPage.mockResolvedValue({ items: [assignmentRow()], total: 1 });
    mocks.repo.countsOf.mockResolvedValue(new Map([['A', { assigned: 3, submitted: 1, approved: 0, returned: 0, overdue: 1 }]]));
    const result = await sut.assignments.list(organiser, { limit: 10, offset: 0 });
    expect(mocks.repo.assignmentPage).toHaveBeenCalledWith(['mine', 'mine-a'], { limit: 10, offset: 0 });
    expect(mocks.repo.countsOf).toHaveBeenCalledWith(['A'], ['mine', 'mine-a']);
    expect(result.items[0].counts).toEqual({ assigned: 3, submitted: 1, approved: 0, returned: 0, overdue: 1 });
  });

  it('auditors read every assignment; members none', async () => {
    const { sut, mocks } = setup();
    mocks.repo.assignmentPage.mockResolvedValue({ items: [], total: 0 });
    await sut.assignments.list(auditor, { limit: 10, offset: 0 });
    await sut.assignments.list(member, { limit: 10, offset: 0 });
    expect(mocks.repo.assignmentPage.mock.calls.map((c) => c[0])).toEqual(['all', []]);
  });

  it('an assignment the caller cannot read is 404', async () => {
    const { sut, mocks } = setup();
    mocks.repo.findAssignment.mockResolvedValue(assignmentRow());
    mocks.repo.isReadable.mockResolvedValue(false);
    await expect(sut.assignments.get(organiser, 'A')).rejects.toThrow(NotFoundError);
    mocks.repo.findAssignment.mockResolvedValue(undefined);
    await expect(sut.assignments.get(admin, 'A')).rejects.toThrow(NotFoundError);
  });

  it('the task list is narrowed to the people of the caller\'s units', async () => {
    const { sut, mocks } = setup();
    mocks.repo.findAssignment.mockResolvedValue(assignmentRow());
    mocks.repo.isReadable.mockResolvedValue(true);
    mocks.repo.taskPageOfAssignment.mockResolvedValue({ items: [], total: 0 });
    await sut.assignments.tasks(organiser, 'A', { warning: 'red', limit: 5, offset: 0 });
    expect(mocks.repo.taskPageOfAssignment).toHaveBeenCalledWith('A', { warning: 'red', limit: 5, offset: 0, units: ['mine', 'mine-a'] });
  });

  it('the creator closes their assignment', async () => {
    const { sut, mocks } = setup();
    mocks.repo.findAssignment.mockResolvedValue(assignmentRow({ created_by: 'organiser-id' }));
    mocks.repo.isReadable.mockResolvedValue(true);
    mocks.repo.countsOf.mockResolvedValue(new Map());
    await sut.assignments.close(organiser, 'A');
    expect(mocks.repo.closeAssignment).toHaveBeenCalledWith('A');
    expect(mocks.repo.coveredBy).not.toHaveBeenCalled();
  });

  it('another organiser closes only when they manage every audience unit and every task owner (else 403)', async () => {
    const { sut, mocks } = setup();
    mocks.repo.findAssignment.mockResolvedValue(assignmentRow());
    mocks.repo.isReadable.mockResolvedValue(true);
    mocks.repo.countsOf.mockResolvedValue(new Map());
    mocks.repo.coveredBy.mockResolvedValueOnce(false).mockResolvedValueOnce(true);
    await expect(sut.assignments.close(organiser, 'A')).rejects.toThrow(ForbiddenError);
    expect(mocks.repo.closeAssignment).not.toHaveBeenCalled();
    await sut.assignments.close(organiser, 'A');
    expect(mocks.repo.coveredBy).toHaveBeenCalledWith('A', ['mine'], ['mine', 'mine-a']);
  });

  it('an auditor reads but may not close (403); a dispatching assignment is 409', async () => {
    const { sut, mocks } = setup();
    mocks.repo.findAssignment.mockResolvedValue(assignmentRow({ status: 'dispatching' }));
    mocks.repo.isReadable.mockResolvedValue(true);
    await expect(sut.assignments.close(auditor, 'A')).rejects.toThrow(ForbiddenError);
    await expect(sut.assignments.close(admin, 'A')).rejects.toThrow(ConflictError);
  });
});

const locked = (patch: Partial<LockedTask> = {}): LockedTask => ({
  id: 'T',
  userId: 'member-id',
  status: 'assigned',
  dueAt: future(),
  submissionVersion: 0,
  assignmentId: 'A',
  assignmentStatus: 'open',
  assignmentDueAt: future(),
  minChars: 5,
  title: '观后感',
  personUnitId: 'mine',
  submitsInWindow: 0,
  ...patch,
});

const taskRow = (patch: Partial<TaskRow & { personUnitId: string }> = {}) => ({
  id: 'T',
  assignmentId: 'A',
  assignmentTitle: '观后感',
  userId: 'member-id',
  displayName: 'M',
  status: 'submitted' as const,
  dueAt: future(),
  extended: false,
  minChars: 5,
  body: '',
  charCount: 0,
  submittedAt: null,
  late: false,
  similarityScore: 0.42,
  similarTaskId: 'T2',
  collectedVersion: 1,
  reviewComment: null,
  warning: 'none' as const,
  personUnitId: 'mine',
  ...patch,
});

function taskSetup(t: LockedTask = locked()) {
  const s = setup();
  s.mocks.repo.lockTask.mockResolvedValue(t);
  s.mocks.repo.findTask.mockResolvedValue(taskRow({ userId: t.userId, personUnitId: t.personUnitId }));
  s.mocks.repo.recordSubmission.mockResolvedValue(t.submissionVersion + 1);
  return s;
}

describe('TasksService.submit', () => {
  it('stores the submission and its collection job in one transaction', async () => {
    const { sut, mocks } = taskSetup(locked({ submissionVersion: 2 }));
    await sut.tasks.submit(member, 'T', '学习心得体会');
    expect(mocks.repo.recordSubmission).toHaveBeenCalledWith(FAKE_EM, 'T', '学习心得体会', 6);
    expect(mocks.outbox.add).toHaveBeenCalledWith(FAKE_EM, { name: JobName.ReflectionCollect, payload: { taskId: 'T', version: 3 } });
  });

  it('counts 字数, not string length: too short is 400', async () => {
    const { sut, mocks } = taskSetup(locked({ minChars: 5 }));
    await expect(sut.tasks.submit(member, 'T', 'Deng Xiaoping 好')).rejects.toThrow('body requires 5 字, counted 3');
    expect(mocks.repo.recordSubmission).not.toHaveBeenCalled();
  });

  it(`refuses more than ${MAX_CHARS} 字`, async () => {
    const { sut } = taskSetup();
    await expect(sut.tasks.submit(member, 'T', '字'.repeat(MAX_CHARS + 1))).rejects.toThrow(`body may have at most ${MAX_CHARS} 字`);
  });

  it(`allows ${SUBMISSIONS_PER_TASK_PER_MINUTE} submissions a minute; the next is 429`, async () => {
    const { sut } = taskSetup(locked({ status: 'submitted', submitsInWindow: SUBMISSIONS_PER_TASK_PER_MINUTE - 1 }));
    await expect(sut.tasks.submit(member, 'T', '学习心得体会')).resolves.toBeDefined();
    const { sut: limited, mocks } = taskSetup(locked({ status: 'submitted', submitsInWindow: SUBMISSIONS_PER_TASK_PER_MINUTE }));
    await expect(limited.tasks.submit(member, 'T', '学习心得体会')).rejects.toThrow(TooManyRequestsError);
    expect(mocks.outbox.add).not.toHaveBeenCalled();
  });

  it('a submitted or returned task may be resubmitted; an approved one is 409', async () => {
    for (const status of ['draft', 'submitted', 'returned'] as const) {
      const { sut } = taskSetup(locked({ status }));
      await expect(sut.tasks.submit(member, 'T', '学习心得体会')).resolves.toBeDefined();
    }
    const { sut } = taskSetup(locked({ status: 'approved' }));
    await expect(sut.tasks.submit(member, 'T', '学习心得体会')).rejects.toThrow('an approved task cannot be resubmitted');
  });

  it('a closed assignment takes no more submissions (409)', async () => {
    const { sut } = taskSetup(locked({ assignmentStatus: 'closed' }));
    await expect(sut.tasks.submit(member, 'T', '学习心得体会')).rejects.toThrow('the assignment is closed: no more submissions');
  });

  it("someone else's task is 403 to its reader, 404 to others", async () => {
    const { sut } = taskSetup(locked({ userId: 'someone' }));
    await expect(sut.tasks.submit(organiser, 'T', '学习心得体会')).rejects.toThrow(new ForbiddenError('only the owner writes a reflection'));
    await expect(sut.tasks.submit(who('member', 'other-member'), 'T', '学习心得体会')).rejects.toThrow(NotFoundError);
  });

  it('an unknown task is 404', async () => {
    const { sut, mocks } = taskSetup();
    mocks.repo.lockTask.mockResolvedValue(undefined);
    await expect(sut.tasks.submit(member, 'T', '学习心得体会')).rejects.toThrow(NotFoundError);
  });
});

describe('TasksService.saveDraft', () => {
  it('saves a draft of a writable task with its 字数', async () => {
    const { sut, mocks } = taskSetup();
    await sut.tasks.saveDraft(member, 'T', '草稿');
    expect(mocks.repo.saveDraft).toHaveBeenCalledWith(FAKE_EM, 'T', '草稿', 2);
  });

  it('a submitted task takes no draft (409); a draft over the maximum is 400', async () => {
    const { sut } = taskSetup(locked({ status: 'submitted' }));
    await expect(sut.tasks.saveDraft(member, 'T', '草稿')).rejects.toThrow('a submitted task cannot take a draft');
    const { sut: other } = taskSetup();
    await expect(other.tasks.saveDraft(member, 'T', '字'.repeat(MAX_CHARS + 1))).rejects.toThrow(BadInputError);
  });
});

describe('TasksService.review and extend', () => {
  it('approves a submitted task and notifies the owner once per submission', async () => {
    const { sut, mocks } = taskSetup(locked({ status: 'submitted', submissionVersion: 2 }));
    await sut.tasks.review(organiser, 'T', 'approve', ' 好 ');
    expect(mocks.repo.recordReview).toHaveBeenCalledWith(FAKE_EM, 'T', 'approved', '好', 'organiser-id');
    expect(mocks.notifications.notifyUsers).toHaveBeenCalledWith(
      FAKE_EM,
      expect.objectContaining({ eventKey: 'reflection_reviewed:T:2', kind: 'reflection_reviewed', title: '心得体会已通过：观后感' }),
      ['member-id'],
    );
  });

  it('returning needs a comment (400)', async () => {
    const { sut } = taskSetup(locked({ status: 'submitted' }));
    await expect(sut.tasks.review(organiser, 'T', 'return', '  ')).rejects.toThrow('comment is required to return a reflection');
  });

  it('only a submitted task is reviewed (409)', async () => {
    const { sut } = taskSetup(locked({ status: 'draft' }));
    await expect(sut.tasks.review(organiser, 'T', 'approve')).rejects.toThrow(ConflictError);
  });

  it('nobody but an admin reviews or extends their own reflection (403)', async () => {
    const own = locked({ status: 'submitted', userId: 'organiser-id' });
    const { sut } = taskSetup(own);
    await expect(sut.tasks.review(organiser, 'T', 'approve')).rejects.toThrow('nobody but an admin may review their own reflection');
    await expect(sut.tasks.extend(organiser, 'T', new Date(Date.now() + 96 * HOUR))).rejects.toThrow('nobody but an admin may extend their own reflection');
    const { sut: asAdmin } = taskSetup({ ...own, userId: 'admin-id' });
    await expect(asAdmin.tasks.review(admin, 'T', 'approve')).resolves.toBeDefined();
  });

  it("an organiser acts only on their units' people: another unit's task is 404, an auditor gets 403", async () => {
    const { sut } = taskSetup(locked({ status: 'submitted', personUnitId: 'other' }));
    await expect(sut.tasks.review(organiser, 'T', 'approve')).rejects.toThrow(NotFoundError);
    await expect(sut.tasks.review(auditor, 'T', 'approve')).rejects.toThrow(ForbiddenError);
  });

  it("extends past the assignment's due time, printed in ORG_TIMEZONE when refused", async () => {
    const due = new Date('2030-01-01T02:00:00Z');
    const { sut, mocks } = taskSetup(locked({ assignmentDueAt: due }));
    await expect(sut.tasks.extend(organiser, 'T', due)).rejects.toThrow("dueAt must be later than the assignment's due time 2030-01-01 10:00");
    const later = new Date('2030-01-02T00:00:00Z');
    await sut.tasks.extend(organiser, 'T', later);
    expect(mocks.repo.extendDue).toHaveBeenCalledWith(FAKE_EM, 'T', later);
  });

  it('an approved reflection needs no extension (409)', async () => {
    const { sut } = taskSetup(locked({ status: 'approved' }));
    await expect(sut.tasks.extend(organiser, 'T', new Date(Date.now() + 96 * HOUR))).rejects.toThrow(ConflictError);
  });
});

describe('TasksService.get: who sees what', () => {
  it('the owner sees their task without similarity', async () => {
    const { sut } = taskSetup();
    const view = await sut.tasks.get(member, 'T');
    expect(view).not.toHaveProperty('similarity');
    expect(view).not.toHaveProperty('personUnitId');
  });

  it("a reviewer sees similarity; someone else's is 404 to an organiser of another unit", async () => {
    const { sut, mocks } = taskSetup();
    expect((await sut.tasks.get(organiser, 'T')).similarity).toEqual({ score: 0.42, similarTaskId: 'T2' });
    mocks.repo.findTask.mockResolvedValue(taskRow({ personUnitId: 'other' }));
    await expect(sut.tasks.get(organiser, 'T')).rejects.toThrow(NotFoundError);
    await expect(sut.tasks.get(who('member', 'x'), 'T')).rejects.toThrow(NotFoundError);
  });

  it('similarity is null until the latest submission is collected', async () => {
    const { sut, mocks } = taskSetup();
    mocks.repo.findTask.mockResolvedValue(taskRow({ collectedVersion: 0 }));
    expect((await sut.tasks.get(auditor, 'T')).similarity).toBeNull();
  });
});

describe('ReflectionCollectionService', () => {
  const collectable = { assignmentId: 'A', body: '学习党章党规，争做合格党员，坚定理想信念', submissionVersion: 2, collectedVersion: 1, charCount: 20, late: true, createdBy: 'creator', title: '观后感', displayName: '张三' };

  it('a stale or repeated job does nothing', async () => {
    const { sut, mocks } = setup();
    mocks.repo.lockForCollection.mockResolvedValue({ ...collectable, submissionVersion: 3 });
    await expect(sut.collection.collect('T', 2)).resolves.toBe('stale');
    mocks.repo.lockForCollection.mockResolvedValue({ ...collectable, collectedVersion: 2 });
    await expect(sut.collection.collect('T', 2)).resolves.toBe('stale');
    expect(mocks.repo.storeCollected).not.toHaveBeenCalled();
  });

  it('scores the best look-alike, makes similarity mutual, and tells the organiser', async () => {
    const { sut, mocks } = setup();
    mocks.repo.lockForCollection.mockResolvedValue(collectable);
    mocks.repo.lookAlikeCandidates.mockResolvedValue([{ taskId: 'T2', body: collectable.body }, { taskId: 'T3', body: '完全不同的内容' }]);
    await expect(sut.collection.collect('T', 2)).resolves.toBe('collected');
    expect(mocks.repo.storeCollected).toHaveBeenCalledWith(FAKE_EM, expect.objectContaining({ taskId: 'T', version: 2, score: 1, similarTaskId: 'T2' }));
    expect(mocks.repo.raiseSimilarity).toHaveBeenCalledWith(FAKE_EM, 'T2', 1, 'T');
    expect(mocks.notifications.notifyUsers).toHaveBeenCalledWith(
      FAKE_EM,
      expect.objectContaining({ eventKey: 'reflection_submitted:T:2', title: '张三 提交了心得体会：观后感', body: '20 字，逾期提交，与另一篇相似度 100%' }),
      ['creator'],
    );
  });

  it('without candidates the score is 0 and nobody else changes', async () => {
    const { sut, mocks } = setup();
    mocks.repo.lockForCollection.mockResolvedValue({ ...collectable, late: false });
    mocks.repo.lookAlikeCandidates.mockResolvedValue([]);
    await sut.collection.collect('T', 2);
    expect(mocks.repo.storeCollected.mock.calls[0][1]).toMatchObject({ score: 0, similarTaskId: null });
    expect(mocks.repo.raiseSimilarity).not.toHaveBeenCalled();
    expect(mocks.notifications.notifyUsers.mock.calls[0][1].body).toBe('20 字');
  });
});

describe('ReflectionFanoutService', () => {
  const dispatching: FanoutRow = { ...assignmentRow({ status: 'dispatching', prompt: '请结合实际', due_at: new Date('2030-01-01T02:00:00Z') }), fanout_cursor: null };

  it('walks the audience chunk by chunk, moving the cursor, and opens the assignment after a short chunk', async () => {
    const { sut, mocks } = setup();
    mocks.repo.lockForFanout.mockResolvedValue(dispatching);
    mocks.repo.createTaskChunk.mockResolvedValueOnce({ n: 2, last: 'u2' }).mockResolvedValueOnce({ n: 1, last: 'u3' });
    await expect(sut.fanout.fanOut('A')).resolves.toEqual({ people: 3 });
    expect(mocks.repo.setFanoutCursor.mock.calls.map((c) => c[2])).toEqual(['u2', 'u3']);
    expect(mocks.repo.openAssignment).toHaveBeenCalledTimes(1);
    expect(mocks.notifications.notifyQuery.mock.calls[0][1]).toMatchObject({
      eventKey: 'reflection_assigned:A',
      body: '请结合实际\n截止时间：2030-01-01 10:00',
    });
  });

  it('does nothing for an assignment no longer dispatching', async () => {
    const { sut, mocks } = setup();
    mocks.repo.lockForFanout.mockResolvedValue({ ...dispatching, status: 'open' });
    await expect(sut.fanout.fanOut('A')).resolves.toEqual({ people: 0 });
    expect(mocks.repo.createTaskChunk).not.toHaveBeenCalled();
  });

  it('stops between chunks on shutdown (the job resumes from its cursor)', async () => {
    const { sut } = setup();
    sut.fanout.onModuleDestroy();
    await expect(sut.fanout.fanOut('A')).rejects.toThrow(/interrupted by shutdown/);
  });
});

describe('ReflectionWarningsService', () => {
  it('sweeps red before yellow, in batches until one is short', async () => {
    const { sut, mocks } = setup();
    mocks.repo.warnBatch.mockResolvedValueOnce(10_000).mockResolvedValueOnce(3).mockResolvedValueOnce(4);
    mocks.repo.digestsDue.mockResolvedValue([]);
    await expect(sut.warnings.run()).resolves.toEqual({ overdue: 10_003, dueSoon: 4, digests: 0 });
    expect(mocks.repo.warnBatch.mock.calls.map((c) => [c[0], c[1]])).toEqual([
      ['red', 'reflection_overdue'],
      ['red', 'reflection_overdue'],
      ['yellow', 'reflection_due_soon'],
    ]);
  });

  it('sends the organiser one digest naming the late, with a count past the first names', async () => {
    const { sut, mocks } = setup();
    mocks.repo.warnBatch.mockResolvedValue(0);
    mocks.repo.digestsDue.mockResolvedValue([{ id: 'A', title: '观后感', createdBy: 'creator' }, { id: 'B', title: 'x', createdBy: 'c' }]);
    mocks.repo.lockForDigest.mockResolvedValueOnce(true).mockResolvedValueOnce(false);
    mocks.repo.redTaskOwners.mockResolvedValue([{ displayName: '甲', total: 60 }, { displayName: '乙', total: 60 }]);
    await expect(sut.warnings.run()).resolves.toMatchObject({ digests: 1 });
    expect(mocks.notifications.notifyUsers).toHaveBeenCalledWith(
      FAKE_EM,
      expect.objectContaining({ eventKey: 'reflection_red_digest:A', title: '心得体会逾期未交 60 人：观后感', body: '甲、乙 等 60 人' }),
      ['creator'],
    );
    expect(mocks.repo.markDigestSent).toHaveBeenCalledWith(FAKE_EM, 'A');
  });

  it('sends no digest when nobody is late', async () => {
    const { sut, mocks } = setup();
    mocks.repo.warnBatch.mockResolvedValue(0);
    mocks.repo.digestsDue.mockResolvedValue([{ id: 'A', title: 't', createdBy: 'c' }]);
    mocks.repo.lockForDigest.mockResolvedValue(true);
    mocks.repo.redTaskOwners.mockResolvedValue([]);
    await expect(sut.warnings.run()).resolves.toMatchObject({ digests: 0 });
    expect(mocks.repo.markDigestSent).not.toHaveBeenCalled();
  });
});

describe('ReflectionsPendingWork', () => {
  it('re-derives fan-outs and uncollected submissions, paging by task id', async () => {
    const { sut, mocks } = setup();
    mocks.repo.dispatchingIds.mockResolvedValue(['A']);
    mocks.repo.uncollectedAfter.mockResolvedValueOnce([{ id: 't1', version: 2 }]).mockResolvedValueOnce([]);
    await sut.pending.enqueuePendingWork();
    expect(mocks.outbox.add.mock.calls[0][1]).toEqual([{ name: JobName.ReflectionFanout, payload: { assignmentId: 'A' } }]);
    expect(mocks.outbox.add.mock.calls[1][1]).toEqual([{ name: JobName.ReflectionCollect, payload: { taskId: 't1', version: 2 } }]);
    expect(mocks.repo.uncollectedAfter.mock.calls[1][0]).toBe('t1');
  });
});
