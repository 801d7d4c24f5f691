import { BadInputError, ConflictError, ForbiddenError, NotFoundError } from '@qf/common';
import type { ReadingCreditService } from '@qf/reading';
import { fake, FAKE_EM, newTestService, rejectionOf, userOf } from '@qf/testing';
import { AttendanceRecordsService } from './attendance-records.service';
import { attendanceMocks, recordOf, sessionOf } from '../../../test/unit-support/attendance-fakes';

function setup(status: 'draft' | 'published' | 'completed' | 'cancelled' = 'published') {
  const m = attendanceMocks();
  const { sut, mocks } = newTestService((x) => new AttendanceRecordsService(x.repo, x.access, x.reading, x.policy), { ...m, reading: fake<ReadingCreditService>() });
  mocks.repo.findSession.mockResolvedValue(sessionOf({ status }));
  mocks.repo.findRecord.mockResolvedValue(recordOf({ userId: 'person' }));
  mocks.repo.insertRecord.mockResolvedValue(true);
  return { sut, mocks };
}

describe('AttendanceRecordsService.mark', () => {
  const organiser = userOf('organiser');

  it('changes a record and logs the change from its old status', async () => {
    const { sut, mocks } = setup();
    mocks.repo.lockRecordStatus.mockResolvedValue('expected');
    await sut.mark(organiser, 'session-1', 'person', { status: 'present' });
    expect(mocks.repo.setStatus).toHaveBeenCalledWith(FAKE_EM, 'session-1', 'person', 'present');
    expect(mocks.repo.appendLog).toHaveBeenCalledWith(FAKE_EM, [
      { sessionId: 'session-1', userId: 'person', actorId: organiser.id, action: 'mark', fromStatus: 'expected', toStatus: 'present', reason: null },
    ]);
  });

  it('changes and logs nothing when the record already has the status', async () => {
    const { sut, mocks } = setup();
    mocks.repo.lockRecordStatus.mockResolvedValue('late');
    expect((await sut.mark(organiser, 'session-1', 'person', { status: 'late' })).userId).toBe('person');
    expect(mocks.repo.setStatus).not.toHaveBeenCalled();
    expect(mocks.repo.appendLog).not.toHaveBeenCalled();
  });

  it('adds a person of the unit who is not on the roster (logged from null)', async () => {
    const { sut, mocks } = setup();
    mocks.repo.isPersonOfUnit.mockResolvedValue(true);
    await sut.mark(organiser, 'session-1', 'person', { status: 'present', reason: '  补录 ' });
    expect(mocks.repo.insertRecord).toHaveBeenCalledWith(FAKE_EM, 'session-1', 'person', 'present');
    expect(mocks.repo.appendLog.mock.calls[0][1][0]).toMatchObject({ fromStatus: null, toStatus: 'present', reason: '补录' });
  });

  it('answers 404 for someone who is neither on the roster nor a person of the unit', async () => {
    const { sut, mocks } = setup();
    mocks.repo.isPersonOfUnit.mockResolvedValue(false);
    expect(await rejectionOf(sut.mark(organiser, 'session-1', 'stranger', { status: 'present' }))).toBeInstanceOf(NotFoundError);
  });

  it('answers 409 when another insert of the same person won the race', async () => {
    const { sut, mocks } = setup();
    mocks.repo.isPersonOfUnit.mockResolvedValue(true);
    mocks.repo.insertRecord.mockResolvedValue(false);
    expect((await rejectionOf(sut.mark(organiser, 'session-1', 'person', { status: 'present' }))).message).toMatch(/retry/);
  });

  it.each(['draft', 'cancelled'] as const)('answers 409 on a %s session', async (status) => {
    const { sut } = setup(status);
    expect(await rejectionOf(sut.mark(organiser, 'session-1', 'person', { status: 'present' }))).toBeInstanceOf(ConflictError);
  });

  it.each([undefined, '', ' 好 '])('after completion needs a reason of 2+ characters (given %j)', async (reason) => {
    const { sut, mocks } = setup('completed');
    mocks.repo.lockRecordStatus.mockResolvedValue('absent');
    expect(await rejectionOf(sut.mark(organiser, 'session-1', 'person', { status: 'present', reason }))).toBeInstanceOf(BadInputError);
  });

  it('refuses expected after completion', async () => {
    const { sut } = setup('completed');
    expect((await rejectionOf(sut.mark(organiser, 'session-1', 'person', { status: 'expected', reason: '更正记录' }))).message).toMatch(/expected/);
  });

  it.each(['present', 'late'] as const)('credits the discussion to someone marked %s after completion', async (status) => {
    const { sut, mocks } = setup('completed');
    mocks.repo.lockRecordStatus.mockResolvedValue('absent');
    await sut.mark(organiser, 'session-1', 'person', { status, reason: '迟到补记' });
    expect(mocks.reading.creditDiscussion).toHaveBeenCalledWith(FAKE_EM, 'session-1', ['person']);
  });

  it('credits nothing for excused after completion, nor present before it', async () => {
    const done = setup('completed');
    done.mocks.repo.lockRecordStatus.mockResolvedValue('absent');
    await done.sut.mark(organiser, 'session-1', 'person', { status: 'excused', reason: '事后请假' });
    expect(done.mocks.reading.creditDiscussion).not.toHaveBeenCalled();
    const open = setup('published');
    open.mocks.repo.lockRecordStatus.mockResolvedValue('expected');
    await open.sut.mark(organiser, 'session-1', 'person', { status: 'present' });
    expect(open.mocks.reading.creditDiscussion).not.toHaveBeenCalled();
  });

  it('locks the session FOR SHARE inside the change', async () => {
    const { sut, mocks } = setup();
    mocks.repo.lockRecordStatus.mockResolvedValue('expected');
    await sut.mark(organiser, 'session-1', 'person', { status: 'absent' });
    expect(mocks.repo.findSession).toHaveBeenLastCalledWith('session-1', FAKE_EM, 'FOR SHARE');
  });

  it('refuses marking oneself (the policy says who may) before touching anything', async () => {
    const { sut, mocks } = setup();
    mocks.policy.assertNotSelf.mockImplementation(() => {
      throw new ForbiddenError('no');
    });
    expect(await rejectionOf(sut.mark(organiser, 'session-1', organiser.id, { status: 'present' }))).toBeInstanceOf(ForbiddenError);
    expect(mocks.repo.lockRecordStatus).not.toHaveBeenCalled();
  });

  it('checks that the caller manages a person on the roster where they are now', async () => {
    const { sut, mocks } = setup();
    mocks.repo.rosterPersonUnit.mockResolvedValue('unit-9');
    mocks.policy.assertManagesPerson.mockRejectedValue(new ForbiddenError('moved away'));
    expect(await rejectionOf(sut.mark(organiser, 'session-1', 'person', { status: 'present' }))).toBeInstanceOf(ForbiddenError);
    expect(mocks.policy.assertManagesPerson).toHaveBeenCalledWith(organiser, 'unit-9');
  });

  it('answers 404 for a session that does not exist, 403 for one the caller only sees', async () => {
    const { sut, mocks } = setup();
    mocks.repo.findSession.mockResolvedValue(undefined);
    expect(await rejectionOf(sut.mark(organiser, 'nope', 'person', { status: 'present' }))).toBeInstanceOf(NotFoundError);
    mocks.repo.findSession.mockResolvedValue(sessionOf());
    mocks.policy.assertManagesSession.mockRejectedValue(new ForbiddenError('not yours'));
    expect(await rejectionOf(sut.mark(organiser, 'session-1', 'person', { status: 'present' }))).toBeInstanceOf(ForbiddenError);
  });
});

describe('AttendanceRecordsService.roster', () => {
  it('lets auditors read any session’s roster without managing it', async () => {
    const { sut, mocks } = setup();
    mocks.repo.rosterPage.mockResolvedValue({ items: [], total: 0 });
    await sut.roster(userOf('auditor'), 'session-1', { limit: 20, offset: 0, status: 'late' });
    expect(mocks.policy.assertManagesSession).not.toHaveBeenCalled();
    expect(mocks.repo.rosterPage).toHaveBeenCalledWith('session-1', { limit: 20, offset: 0, status: 'late' });
  });

  it('checks that an organiser manages the session', async () => {
    const { sut, mocks } = setup();
    mocks.policy.assertManagesSession.mockRejectedValue(new ForbiddenError('not yours'));
    expect(await rejectionOf(sut.roster(userOf('organiser'), 'session-1', { limit: 20, offset: 0 }))).toBeInstanceOf(ForbiddenError);
    expect(mocks.repo.rosterPage).not.toHaveBeenCalled();
  });
});
