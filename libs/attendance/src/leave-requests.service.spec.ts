import { ConflictError, ForbiddenError, NotFoundError } from '@qf/common';
import type { NotificationsService } from '@qf/notifications';
import { fake, FAKE_EM, newTestService, pgError, rejectionOf, userOf } from '@qf/testing';
import { LeaveRequestView, LeaveStatus } from './attendance.repository';
import { attendanceMocks, recordOf, sessionOf } from '../../../test/unit-support/attendance-fakes';
import { LeaveRequestsService } from './leave-requests.service';

const BEFORE_START = new Date('2027-03-05T06:00:00Z');

function leaveOf(status: LeaveStatus = 'pending'): LeaveRequestView {
  return { id: 'leave-1', sessionId: 'session-1', userId: 'member-1', displayName: '张三', reason: '出差', status, comment: null, decidedBy: null, decidedAt: null, createdAt: new Date() };
}

function setup(opts: { canSee?: boolean; manages?: boolean; status?: 'draft' | 'published' | 'completed' | 'cancelled' } = {}) {
  const m = attendanceMocks(opts);
  const { sut, mocks } = newTestService((x) => new LeaveRequestsService(x.repo, x.access, x.policy, x.notifications), { ...m, notifications: fake<NotificationsService>() });
  mocks.repo.findSession.mockResolvedValue(sessionOf({ status: opts.status ?? 'published' }));
  mocks.repo.findRecord.mockResolvedValue(recordOf());
  mocks.repo.now.mockResolvedValue(BEFORE_START);
  mocks.repo.insertLeave.mockResolvedValue('leave-1');
  mocks.repo.leaveDeciders.mockReturnValue({ text: 'deciders', values: ['unit-1'] } as never);
  mocks.repo.findLeave.mockResolvedValue(leaveOf());
  mocks.repo.leaveHead.mockResolvedValue({ userId: 'member-1', unitId: 'unit-1', personUnitId: 'unit-1' });
  mocks.repo.lockLeave.mockResolvedValue({ sessionId: 'session-1', userId: 'member-1', status: 'pending' });
  return { sut, mocks };
}

describe('LeaveRequestsService.request', () => {
  const member = userOf('member');

  it('records the request (reason trimmed) and tells every organiser who may decide it', async () => {
    const { sut, mocks } = setup();
    await sut.request(member, 'session-1', '  出差  ');
    expect(mocks.repo.insertLeave).toHaveBeenCalledWith(FAKE_EM, 'session-1', member.id, '出差');
    expect(mocks.repo.leaveDeciders).toHaveBeenCalledWith('unit-1', member.id);
    expect(mocks.notifications.notifyQuery).toHaveBeenCalledWith(
      FAKE_EM,
      expect.objectContaining({ eventKey: 'leave_requested:leave-1', kind: 'leave_requested', title: '请假申请：张三（周五集中学习）', body: '出差' }),
      { text: 'deciders', values: ['unit-1'] },
    );
  });

  it('must be asked before the start (409 at the start itself)', async () => {
    const { sut, mocks } = setup();
    mocks.repo.now.mockResolvedValue(sessionOf().startsAt);
    expect((await rejectionOf(sut.request(member, 'session-1', '出差'))).message).toMatch(/before the session starts/);
  });

  it('is for an expected record only', async () => {
    const { sut, mocks } = setup();
    mocks.repo.findRecord.mockResolvedValue(recordOf({ status: 'present' }));
    expect((await rejectionOf(sut.request(member, 'session-1', '出差'))).message).toBe('your attendance is already present');
  });

  it.each(['draft', 'completed'] as const)('answers 409 on a %s session', async (status) => {
    expect(await rejectionOf(setup({ status }).sut.request(member, 'session-1', '出差'))).toBeInstanceOf(ConflictError);
  });

  it('answers 409 for a cancelled session, 403 off the roster, 404 for a session not seen', async () => {
    expect((await rejectionOf(setup({ status: 'cancelled' }).sut.request(member, 'session-1', '出差'))).message).toMatch(/cancelled/);
    const off = setup();
    off.mocks.repo.findRecord.mockResolvedValue(undefined);
    expect(await rejectionOf(off.sut.request(member, 'session-1', '出差'))).toBeInstanceOf(ForbiddenError);
    const unseen = setup({ canSee: false });
    unseen.mocks.repo.findRecord.mockResolvedValue(undefined);
    expect(await rejectionOf(unseen.sut.request(member, 'session-1', '出差'))).toBeInstanceOf(NotFoundError);
  });

  it('turns a second open request (unique violation) into 409', async () => {
    const { sut, mocks } = setup();
    mocks.repo.insertLeave.mockRejectedValue(pgError('23505'));
    expect((await rejectionOf(sut.request(member, 'session-1', '出差'))).message).toMatch(/already have an open leave request/);
  });
});

describe('LeaveRequestsService.list', () => {
  it.each([
    ['admin', undefined],
    ['auditor', undefined],
    ['organiser', 'unit-1'],
    ['member', undefined],
  ] as const)('a %s reads what their role may', async (role, organiserOfUnitId) => {
    const { sut, mocks } = setup();
    const user = userOf(role);
    await sut.list(user, { limit: 10, offset: 0, status: 'pending' });
    const readsAll = role === 'admin' || role === 'auditor';
    expect(mocks.repo.leavePage).toHaveBeenCalledWith({ limit: 10, offset: 0, status: 'pending', reader: readsAll ? undefined : { userId: user.id, organiserOfUnitId } });
  });
});

describe('LeaveRequestsService.decide', () => {
  const organiser = userOf('organiser');

  it('approves: the record becomes excused (logged) and the requester is told', async () => {
    const { sut, mocks } = setup();
    await sut.decide(organiser, 'leave-1', true, '  同意 ');
    expect(mocks.repo.decideLeave).toHaveBeenCalledWith(FAKE_EM, 'leave-1', 'approved', '同意', organiser.id);
    expect(mocks.repo.excuse).toHaveBeenCalledWith(FAKE_EM, 'session-1', 'member-1', organiser.id, '同意');
    expect(mocks.notifications.notifyUsers).toHaveBeenCalledWith(FAKE_EM, expect.objectContaining({ title: '请假已批准：周五集中学习', body: '同意' }), ['member-1']);
  });

  it('rejects without touching the record', async () => {
    const { sut, mocks } = setup();
    await sut.decide(organiser, 'leave-1', false, '   ');
    expect(mocks.repo.decideLeave).toHaveBeenCalledWith(FAKE_EM, 'leave-1', 'rejected', null, organiser.id);
    expect(mocks.repo.excuse).not.toHaveBeenCalled();
    expect(mocks.notifications.notifyUsers).toHaveBeenCalledWith(FAKE_EM, expect.objectContaining({ title: '请假未获批准：周五集中学习', body: '' }), ['member-1']);
  });

  it('returns the request unchanged when decided the same way again; the other way is 409', async () => {
    const { sut, mocks } = setup();
    mocks.repo.lockLeave.mockResolvedValue({ sessionId: 'session-1', userId: 'member-1', status: 'approved' });
    await sut.decide(organiser, 'leave-1', true);
    expect(mocks.repo.decideLeave).not.toHaveBeenCalled();
    expect((await rejectionOf(sut.decide(organiser, 'leave-1', false))).message).toBe('this leave request is already approved');
  });

  it('answers 409 for a withdrawn request and for a cancelled session', async () => {
    const withdrawn = setup();
    withdrawn.mocks.repo.lockLeave.mockResolvedValue({ sessionId: 'session-1', userId: 'member-1', status: 'withdrawn' });
    expect(await rejectionOf(withdrawn.sut.decide(organiser, 'leave-1', true))).toBeInstanceOf(ConflictError);
    expect((await rejectionOf(setup({ status: 'cancelled' }).sut.decide(organiser, 'leave-1', true))).message).toBe('the session is cancelled');
  });

  it('answers 404 to someone who does not manage the session’s unit, and for a missing request', async () => {
    expect(await rejectionOf(setup({ manages: false }).sut.decide(organiser, 'leave-1', true))).toBeInstanceOf(NotFoundError);
    const { sut, mocks } = setup();
    mocks.repo.leaveHead.mockResolvedValue(undefined);
    expect(await rejectionOf(sut.decide(organiser, 'nope', true))).toBeInstanceOf(NotFoundError);
  });

  it('refuses deciding one’s own request, and a requester who moved out of the caller’s units', async () => {
    const self = setup();
    self.mocks.policy.assertNotSelf.mockImplementation(() => {
      throw new ForbiddenError('self');
    });
    expect(await rejectionOf(self.sut.decide(organiser, 'leave-1', true))).toBeInstanceOf(ForbiddenError);
    const moved = setup();
    moved.mocks.repo.leaveHead.mockResolvedValue({ userId: 'member-1', unitId: 'unit-1', personUnitId: 'unit-9' });
    moved.mocks.policy.assertManagesPerson.mockRejectedValue(new ForbiddenError('moved'));
    expect(await rejectionOf(moved.sut.decide(organiser, 'leave-1', true))).toBeInstanceOf(ForbiddenError);
    expect(moved.mocks.policy.assertManagesPerson).toHaveBeenCalledWith(organiser, 'unit-9');
  });
});

describe('LeaveRequestsService.withdraw', () => {
  const member = { ...userOf('member'), id: 'member-1' };

  it('withdraws a pending request of one’s own', async () => {
    const { sut, mocks } = setup();
    await sut.withdraw(member, 'leave-1');
    expect(mocks.repo.withdrawLeave).toHaveBeenCalledWith(FAKE_EM, 'leave-1');
  });

  it('returns a withdrawn request unchanged; a decided one is 409', async () => {
    const { sut, mocks } = setup();
    mocks.repo.lockLeave.mockResolvedValue({ sessionId: 'session-1', userId: 'member-1', status: 'withdrawn' });
    await sut.withdraw(member, 'leave-1');
    expect(mocks.repo.withdrawLeave).not.toHaveBeenCalled();
    mocks.repo.lockLeave.mockResolvedValue({ sessionId: 'session-1', userId: 'member-1', status: 'rejected' });
    expect(await rejectionOf(sut.withdraw(member, 'leave-1'))).toBeInstanceOf(ConflictError);
  });

  it('answers 404 for someone else’s request and a missing one', async () => {
    const { sut, mocks } = setup();
    expect(await rejectionOf(sut.withdraw(userOf('member'), 'leave-1'))).toBeInstanceOf(NotFoundError);
    mocks.repo.lockLeave.mockResolvedValue(undefined);
    expect(await rejectionOf(sut.withdraw(member, 'leave-1'))).toBeInstanceOf(NotFoundError);
  });
});
