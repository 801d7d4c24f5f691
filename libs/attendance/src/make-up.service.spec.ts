import { BadInputError, ConflictError, ForbiddenError, NotFoundError } from '@qf/common';
import { FAKE_EM, newTestService, rejectionOf, userOf } from '@qf/testing';
import { attendanceMocks, recordOf, sessionOf } from '../../../test/unit-support/attendance-fakes';
import { MAKE_UP_MAX_CHARS, MAKE_UP_MIN_CHARS, MakeUpService } from './make-up.service';

const SUMMARY = '学'.repeat(MAKE_UP_MIN_CHARS);

function setup(status: 'draft' | 'published' | 'completed' | 'cancelled' = 'completed', canSee = true) {
  const { sut, mocks } = newTestService((x) => new MakeUpService(x.repo, x.access), attendanceMocks({ canSee }));
  mocks.repo.findSession.mockResolvedValue(sessionOf({ status }));
  mocks.repo.findRecord.mockResolvedValue(recordOf({ status: 'absent' }));
  mocks.repo.lockMakeUpState.mockResolvedValue({ status: 'absent', madeUpAt: null, summary: null });
  return { sut, mocks };
}

describe('MakeUpService', () => {
  const user = userOf('member');

  it.each(['absent', 'excused'] as const)('records the make-up study of an %s record; the status stays', async (status) => {
    const { sut, mocks } = setup();
    mocks.repo.lockMakeUpState.mockResolvedValue({ status, madeUpAt: null, summary: null });
    await sut.makeUp(user, 'session-1', SUMMARY);
    expect(mocks.repo.setMadeUp).toHaveBeenCalledWith(FAKE_EM, 'session-1', user.id, SUMMARY);
    expect(mocks.repo.appendLog).toHaveBeenCalledWith(FAKE_EM, [
      { sessionId: 'session-1', userId: user.id, actorId: user.id, action: 'make_up', fromStatus: status, toStatus: status },
    ]);
  });

  it('counts 字 with the one rule: too short and too long are 400', async () => {
    const { sut } = setup();
    expect(await rejectionOf(sut.makeUp(user, 'session-1', '学'.repeat(MAKE_UP_MIN_CHARS - 1)))).toBeInstanceOf(BadInputError);
    expect(await rejectionOf(sut.makeUp(user, 'session-1', '学'.repeat(MAKE_UP_MAX_CHARS + 1)))).toBeInstanceOf(BadInputError);
  });

  it('returns the record unchanged for the same summary again; a different one is 409', async () => {
    const { sut, mocks } = setup();
    mocks.repo.lockMakeUpState.mockResolvedValue({ status: 'absent', madeUpAt: new Date(), summary: SUMMARY });
    await sut.makeUp(user, 'session-1', SUMMARY);
    expect(mocks.repo.setMadeUp).not.toHaveBeenCalled();
    expect(await rejectionOf(sut.makeUp(user, 'session-1', SUMMARY + '再'))).toBeInstanceOf(ConflictError);
  });

  it.each(['present', 'late', 'expected'] as const)('refuses a %s record (409)', async (status) => {
    const { sut, mocks } = setup();
    mocks.repo.lockMakeUpState.mockResolvedValue({ status, madeUpAt: null, summary: null });
    expect((await rejectionOf(sut.makeUp(user, 'session-1', SUMMARY))).message).toMatch(/absent or excused/);
  });

  it('is for completed sessions only (409)', async () => {
    const { sut } = setup('published');
    expect((await rejectionOf(sut.makeUp(user, 'session-1', SUMMARY))).message).toMatch(/completed sessions/);
  });

  it('answers 409 for a cancelled session, 404 for a missing one', async () => {
    expect(await rejectionOf(setup('cancelled').sut.makeUp(user, 'session-1', SUMMARY))).toBeInstanceOf(ConflictError);
    const { sut, mocks } = setup();
    mocks.repo.findSession.mockResolvedValue(undefined);
    expect(await rejectionOf(sut.makeUp(user, 'nope', SUMMARY))).toBeInstanceOf(NotFoundError);
  });

  it('answers 403 to someone not on the roster who sees the session, 404 otherwise', async () => {
    const seen = setup('completed', true);
    seen.mocks.repo.lockMakeUpState.mockResolvedValue(undefined);
    expect(await rejectionOf(seen.sut.makeUp(user, 'session-1', SUMMARY))).toBeInstanceOf(ForbiddenError);
    const unseen = setup('completed', false);
    unseen.mocks.repo.lockMakeUpState.mockResolvedValue(undefined);
    expect(await rejectionOf(unseen.sut.makeUp(user, 'session-1', SUMMARY))).toBeInstanceOf(NotFoundError);
  });
});
