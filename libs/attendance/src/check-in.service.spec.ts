import { ConflictError, ForbiddenError, NotFoundError, TooManyRequestsError } from '@qf/common';
import { fakeConfig, newTestService, pgError, rejectionOf, userOf } from '@qf/testing';
import { CheckInState } from './attendance.repository';
import { attendanceMocks, recordOf } from '../../../test/unit-support/attendance-fakes';
import { checkInCode, codeStepAt } from './check-in-code';
import { CHECKIN_OPENS_BEFORE_MS, CheckInService, MAX_WRONG_CODES } from './check-in.service';
import { RetryLaterError } from './seal-race';

const SECRET = Buffer.from('0123456789abcdef0123456789abcdef');
const START = new Date('2027-03-05T07:00:00Z');
const END = new Date('2027-03-05T09:00:00Z');

function setup(opts: { canSee?: boolean } = {}) {
  const m = attendanceMocks(opts);
  const { sut, mocks } = newTestService((x) => new CheckInService(x.repo, x.access, x.config), { ...m, config: fakeConfig({ CHECKIN_GRACE_MINUTES: 10 }) });
  mocks.repo.checkInSecret.mockResolvedValue(SECRET);
  return { sut, mocks };
}

const rightCode = () => checkInCode(SECRET, codeStepAt(new Date()));
const wrongCode = () => {
  const step = codeStepAt(new Date());
  const accepted = [checkInCode(SECRET, step), checkInCode(SECRET, step - 1)];
  return ['000000', '111111', '222222'].find((c) => !accepted.includes(c))!;
};

function stateOf(over: Partial<CheckInState> = {}): CheckInState {
  return { status: 'published', unitId: 'unit-1', startsAt: START, endsAt: END, recordStatus: 'expected', failures: 0, now: new Date('2027-03-05T07:05:00Z'), ...over };
}

describe('CheckInService', () => {
  const user = userOf('member');

  it('checks in with the right code: the one statement, with the grace, window and lock-out limits', async () => {
    const { sut, mocks } = setup();
    mocks.repo.checkIn.mockResolvedValue({
      ...stateOf(),
      record: { sessionId: 'session-1', userId: user.id, displayName: '张三', status: 'present', checkedInAt: '2027-03-05T07:05:00.000Z', madeUpAt: null, updatedAt: '2027-03-05T07:05:00.000Z' },
    });
    const record = await sut.checkIn(user, 'session-1', rightCode());
    expect(record).toEqual({
      sessionId: 'session-1', userId: user.id, displayName: '张三', status: 'present',
      checkedInAt: new Date('2027-03-05T07:05:00.000Z'), madeUpAt: null, makeUp: null, updatedAt: new Date('2027-03-05T07:05:00.000Z'),
    });
    expect(mocks.repo.checkIn).toHaveBeenCalledWith('session-1', user.id, { graceMinutes: 10, opensBeforeMinutes: CHECKIN_OPENS_BEFORE_MS / 60_000, maxWrongCodes: MAX_WRONG_CODES });
  });

  it('opens the window 30 minutes before the start and allows 5 wrong codes', () => {
    expect(CHECKIN_OPENS_BEFORE_MS).toBe(30 * 60_000);
    expect(MAX_WRONG_CODES).toBe(5);
  });

  it('accepts the previous step’s code too', async () => {
    const { sut, mocks } = setup();
    mocks.repo.checkIn.mockResolvedValue({ ...stateOf({ recordStatus: 'present' }), record: null });
    mocks.repo.findRecord.mockResolvedValue(recordOf({ status: 'present' }));
    await sut.checkIn(user, 'session-1', checkInCode(SECRET, codeStepAt(new Date()) - 1));
    expect(mocks.repo.checkIn).toHaveBeenCalled();
    expect(mocks.repo.countWrongCode).not.toHaveBeenCalled();
  });

  it('returns the same record unchanged to someone already checked in', async () => {
    const { sut, mocks } = setup();
    const earlier = recordOf({ status: 'late' });
    mocks.repo.checkIn.mockResolvedValue({ ...stateOf({ recordStatus: 'late' }), record: null });
    mocks.repo.findRecord.mockResolvedValue(earlier);
    expect(await sut.checkIn(user, 'session-1', rightCode())).toBe(earlier);
  });

  it('answers 404 for a session that does not exist', async () => {
    const { sut, mocks } = setup();
    mocks.repo.checkInSecret.mockResolvedValue(undefined);
    expect(await rejectionOf(sut.checkIn(user, 'nope', rightCode()))).toBeInstanceOf(NotFoundError);
  });

  it('answers 404 when the session vanished between the secret and the statement', async () => {
    const { sut, mocks } = setup();
    mocks.repo.checkIn.mockResolvedValue(undefined);
    expect(await rejectionOf(sut.checkIn(user, 'session-1', rightCode()))).toBeInstanceOf(NotFoundError);
  });

  it('answers 403 to someone who sees the session but is not on its roster', async () => {
    const { sut, mocks } = setup({ canSee: true });
    mocks.repo.checkIn.mockResolvedValue({ ...stateOf({ recordStatus: null }), record: null });
    expect(await rejectionOf(sut.checkIn(user, 'session-1', rightCode()))).toBeInstanceOf(ForbiddenError);
  });

  it('answers 404 to someone who neither sees the session nor is on its roster', async () => {
    const { sut, mocks } = setup({ canSee: false });
    mocks.repo.checkIn.mockResolvedValue({ ...stateOf({ recordStatus: null }), record: null });
    expect(await rejectionOf(sut.checkIn(user, 'session-1', rightCode()))).toBeInstanceOf(NotFoundError);
  });

  it('lets someone on the roster check in after moving away (they need not see the session)', async () => {
    const { sut, mocks } = setup({ canSee: false });
    mocks.repo.checkIn.mockResolvedValue({ ...stateOf({ recordStatus: 'present' }), record: null });
    mocks.repo.findRecord.mockResolvedValue(recordOf({ status: 'present' }));
    expect((await sut.checkIn(user, 'session-1', rightCode())).status).toBe('present');
  });

  it('answers 409 for a cancelled session, on the roster or not', async () => {
    const { sut, mocks } = setup();
    mocks.repo.checkIn.mockResolvedValue({ ...stateOf({ status: 'cancelled' }), record: null });
    expect((await rejectionOf(sut.checkIn(user, 'session-1', rightCode()))).message).toMatch(/cancelled/);
  });

  it('answers 409 for a completed session', async () => {
    const { sut, mocks } = setup();
    mocks.repo.checkIn.mockResolvedValue({ ...stateOf({ status: 'completed' }), record: null });
    const err = await rejectionOf(sut.checkIn(user, 'session-1', rightCode()));
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toMatch(/published/);
  });

  it('answers 404 for a draft the caller cannot see, even with a record', async () => {
    const { sut, mocks } = setup({ canSee: false });
    mocks.repo.checkIn.mockResolvedValue({ ...stateOf({ status: 'draft' }), record: null });
    expect(await rejectionOf(sut.checkIn(user, 'session-1', rightCode()))).toBeInstanceOf(NotFoundError);
  });

  it('answers 409 before the window opens (30 minutes before the start)', async () => {
    const { sut, mocks } = setup();
    mocks.repo.checkIn.mockResolvedValue({ ...stateOf({ now: new Date(START.getTime() - CHECKIN_OPENS_BEFORE_MS - 1) }), record: null });
    expect((await rejectionOf(sut.checkIn(user, 'session-1', rightCode()))).message).toBe(`check-in opens at ${new Date(START.getTime() - CHECKIN_OPENS_BEFORE_MS).toISOString()}`);
  });

  it('answers 409 after the end', async () => {
    const { sut, mocks } = setup();
    mocks.repo.checkIn.mockResolvedValue({ ...stateOf({ now: new Date(END.getTime() + 1) }), record: null });
    expect((await rejectionOf(sut.checkIn(user, 'session-1', rightCode()))).message).toBe(`check-in closed at ${END.toISOString()}`);
  });

  it('answers 429 once the caller has used up the wrong codes', async () => {
    const { sut, mocks } = setup();
    mocks.repo.checkIn.mockResolvedValue({ ...stateOf({ failures: MAX_WRONG_CODES }), record: null });
    expect(await rejectionOf(sut.checkIn(user, 'session-1', rightCode()))).toBeInstanceOf(TooManyRequestsError);
  });

  it('counts a wrong code and answers 403', async () => {
    const { sut, mocks } = setup();
    mocks.repo.checkInState.mockResolvedValue(stateOf());
    mocks.repo.countWrongCode.mockResolvedValue(1);
    const err = await rejectionOf(sut.checkIn(user, 'session-1', wrongCode()));
    expect(err).toBeInstanceOf(ForbiddenError);
    expect(err.message).toMatch(/wrong or expired/);
    expect(mocks.repo.countWrongCode).toHaveBeenCalledWith('session-1', user.id);
    expect(mocks.repo.checkIn).not.toHaveBeenCalled();
  });

  it('answers 429 for the wrong code past the limit', async () => {
    const { sut, mocks } = setup();
    mocks.repo.checkInState.mockResolvedValue(stateOf({ failures: MAX_WRONG_CODES - 1 }));
    mocks.repo.countWrongCode.mockResolvedValue(MAX_WRONG_CODES + 1);
    expect(await rejectionOf(sut.checkIn(user, 'session-1', wrongCode()))).toBeInstanceOf(TooManyRequestsError);
  });

  it('does not count a wrong code once locked out, nor outside the window', async () => {
    const { sut, mocks } = setup();
    mocks.repo.checkInState.mockResolvedValue(stateOf({ failures: MAX_WRONG_CODES }));
    expect(await rejectionOf(sut.checkIn(user, 'session-1', wrongCode()))).toBeInstanceOf(TooManyRequestsError);
    mocks.repo.checkInState.mockResolvedValue(stateOf({ now: new Date(END.getTime() + 60_000) }));
    expect(await rejectionOf(sut.checkIn(user, 'session-1', wrongCode()))).toBeInstanceOf(ConflictError);
    expect(mocks.repo.countWrongCode).not.toHaveBeenCalled();
  });

  it('refuses malformed codes as wrong codes', async () => {
    const { sut, mocks } = setup();
    mocks.repo.checkInState.mockResolvedValue(stateOf());
    mocks.repo.countWrongCode.mockResolvedValue(1);
    expect(await rejectionOf(sut.checkIn(user, 'session-1', 'abc'))).toBeInstanceOf(ForbiddenError);
  });

  it('reads a session’s secret once and caches it', async () => {
    const { sut, mocks } = setup();
    mocks.repo.checkIn.mockResolvedValue({ ...stateOf({ recordStatus: 'present' }), record: null });
    mocks.repo.findRecord.mockResolvedValue(recordOf());
    await sut.checkIn(user, 'session-1', rightCode());
    await sut.checkIn(user, 'session-1', rightCode());
    expect(mocks.repo.checkInSecret).toHaveBeenCalledTimes(1);
  });

  it('retries a check-in that lost a race with the sealer, then answers 503', async () => {
    const { sut, mocks } = setup();
    mocks.repo.checkIn.mockRejectedValueOnce(pgError('40001')).mockResolvedValueOnce({ ...stateOf({ recordStatus: 'present' }), record: null });
    mocks.repo.findRecord.mockResolvedValue(recordOf({ status: 'present' }));
    expect((await sut.checkIn(user, 'session-1', rightCode())).status).toBe('present');
    mocks.repo.checkIn.mockRejectedValue(pgError('40001'));
    expect(await rejectionOf(sut.checkIn(user, 'session-1', rightCode()))).toBeInstanceOf(RetryLaterError);
  });

  it('shows the current code to the session’s managers only', async () => {
    const { sut, mocks } = setup();
    mocks.repo.findSession.mockResolvedValue({ id: 'session-1', unitId: 'unit-1', title: 't', status: 'published', startsAt: START, endsAt: END });
    const shown = await sut.currentCode(userOf('organiser'), 'session-1');
    expect(shown.code).toBe(rightCode());
    expect(shown.expiresAt.getTime()).toBeGreaterThan(Date.now() - 1000);
    mocks.policy.assertManagesSession.mockRejectedValue(new ForbiddenError('no'));
    expect(await rejectionOf(sut.currentCode(userOf('member'), 'session-1'))).toBeInstanceOf(ForbiddenError);
    mocks.repo.findSession.mockResolvedValue(undefined);
    expect(await rejectionOf(sut.currentCode(userOf('organiser'), 'nope'))).toBeInstanceOf(NotFoundError);
  });
});
