import { JobName } from '@qf/queue';
import { BadInputError, ConflictError, ForbiddenError, NotFoundError } from '@qf/common';
import { FAKE_EM, newTestService, pgError, rejectionOf, userOf } from '@qf/testing';
import { SessionsService } from './sessions.service';
import { lockedOf, sessionsMocks, viewOf } from '../../../test/unit-support/sessions-fakes';

function setup(opts: { canSee?: boolean; manages?: boolean; locked?: Parameters<typeof lockedOf>[0] } = {}) {
  const { sut, mocks } = newTestService(
    (m) => new SessionsService(m.policy, m.access, m.units, m.repo, m.attendance, m.menus, m.outbox, m.finalize, m.completion, m.config),
    sessionsMocks(opts),
  );
  mocks.attendance.findSession.mockResolvedValue({ id: 'session-1', unitId: 'unit-1', title: 't', status: opts.locked?.status ?? 'draft', startsAt: new Date(), endsAt: new Date() });
  mocks.repo.lockForChange.mockResolvedValue(lockedOf(opts.locked));
  mocks.repo.view.mockResolvedValue(viewOf());
  mocks.repo.insert.mockResolvedValue('session-1');
  mocks.menus.resolve.mockResolvedValue([]);
  return { sut, mocks };
}

const organiser = userOf('organiser');
const input = { unitId: 'unit-1', title: ' 周五学习 ', kind: 'friday_study' as const, startsAt: '2027-03-05T07:00:00Z', endsAt: '2027-03-05T09:00:00Z' };
const notifications = (outbox: ReturnType<typeof setup>['mocks']['outbox']) =>
  outbox.add.mock.calls.map(([, job]) => (Array.isArray(job) ? job : [job]).map((j) => (j.payload as { event?: string }).event)).flat();

describe('SessionsService.create', () => {
  it('creates the session (title trimmed) with its checked menu in one transaction', async () => {
    const { sut, mocks } = setup();
    mocks.menus.resolve.mockResolvedValue([{ catalogItemId: 'c1', course: 'main' }]);
    await sut.create(organiser, input);
    expect(mocks.repo.insert).toHaveBeenCalledWith(FAKE_EM, expect.objectContaining({ title: '周五学习', location: null, menuId: null, createdBy: organiser.id }));
    expect(mocks.menus.write).toHaveBeenCalledWith(FAKE_EM, 'session-1', [{ catalogItemId: 'c1', course: 'main' }]);
  });

  it.each([
    [{ startsAt: 'yesterday' }, /startsAt must be an ISO-8601 instant/],
    [{ endsAt: '2027-03-05T07:00:00Z' }, /endsAt must be after startsAt/],
    [{ kind: 'party' }, /kind must be one of/],
    [{ title: '   ' }, /title must not be empty/],
  ])('refuses %j with a 400', async (change, message) => {
    const err = await rejectionOf(setup().sut.create(organiser, { ...input, ...change } as never));
    expect(err).toBeInstanceOf(BadInputError);
    expect(err.message).toMatch(message);
  });

  it('answers 400 for a unit that does not exist, 403 for one the caller does not manage', async () => {
    const { sut, mocks } = setup({ manages: false });
    mocks.units.exists.mockResolvedValue(false);
    expect(await rejectionOf(sut.create(organiser, input))).toBeInstanceOf(BadInputError);
    mocks.units.exists.mockResolvedValue(true);
    expect(await rejectionOf(sut.create(organiser, input))).toBeInstanceOf(ForbiddenError);
    expect(mocks.repo.insert).not.toHaveBeenCalled();
  });

  it('turns a second session of the unit at the same start into 409', async () => {
    const { sut, mocks } = setup();
    mocks.repo.insert.mockRejectedValue(pgError('23505'));
    expect((await rejectionOf(sut.create(organiser, input))).message).toMatch(/already starts at that time/);
  });
});

describe('SessionsService.get and list', () => {
  it('answers 404 for a session the caller may not see (a draft of another unit) or that does not exist', async () => {
    expect(await rejectionOf(setup({ canSee: false }).sut.get(organiser, 'session-1'))).toBeInstanceOf(NotFoundError);
    const { sut, mocks } = setup();
    mocks.repo.view.mockResolvedValue(undefined);
    expect(await rejectionOf(sut.get(organiser, 'nope'))).toBeInstanceOf(NotFoundError);
  });

  it('lists drafts of managed units only, except for those who read everything', async () => {
    const { sut, mocks } = setup();
    mocks.policy.visibleUnitIds.mockResolvedValue(['unit-1', 'unit-2']);
    mocks.policy.managedUnitIds.mockResolvedValue(['unit-2']);
    await sut.list(organiser, { limit: 10, offset: 0 });
    expect(mocks.repo.page).toHaveBeenCalledWith(expect.objectContaining({ unitIds: ['unit-1', 'unit-2'], draftUnitIds: ['unit-2'] }));
    await sut.list(userOf('auditor'), { limit: 10, offset: 0 });
    expect(mocks.repo.page).toHaveBeenLastCalledWith(expect.objectContaining({ draftUnitIds: 'all' }));
  });

  it('answers an empty page for a date range that ends before it starts, and uses local days', async () => {
    const { sut, mocks } = setup();
    expect(await sut.list(organiser, { from: '2027-03-06', to: '2027-03-04', limit: 10, offset: 0 })).toEqual({ items: [], total: 0 });
    await sut.list(organiser, { from: '2027-03-05', to: '2027-03-05', limit: 10, offset: 0 });
    expect(mocks.repo.page).toHaveBeenCalledWith(expect.objectContaining({ start: new Date('2027-03-04T16:00:00Z'), end: new Date('2027-03-05T16:00:00Z') }));
  });
});

describe('SessionsService.publish', () => {
  it('publishes a draft: status, the roster through attendance, the notification and the finalize job in one transaction', async () => {
    const { sut, mocks } = setup();
    await sut.publish(organiser, 'session-1');
    expect(mocks.repo.markPublished).toHaveBeenCalledWith(FAKE_EM, 'session-1');
    expect(mocks.attendance.insertRosterFor).toHaveBeenCalledWith(FAKE_EM, 'session-1', 'unit-1', organiser.id);
    expect(mocks.outbox.add).toHaveBeenCalledWith(FAKE_EM, { name: JobName.SessionNotify, payload: { sessionId: 'session-1', event: 'session_published', eventKey: 'session_published.session-1' } });
    expect(mocks.finalize.schedule).toHaveBeenCalledWith(FAKE_EM, 'session-1');
  });

  it.each(['published', 'completed', 'cancelled'] as const)('refuses a %s session (409)', async (status) => {
    const { sut, mocks } = setup({ locked: { status } });
    expect(await rejectionOf(sut.publish(organiser, 'session-1'))).toBeInstanceOf(ConflictError);
    expect(mocks.attendance.insertRosterFor).not.toHaveBeenCalled();
  });

  it('answers 404 for a session that does not exist, 403 for one the caller only sees (the policy decides)', async () => {
    const missing = setup();
    missing.mocks.attendance.findSession.mockResolvedValue(undefined);
    expect(await rejectionOf(missing.sut.publish(organiser, 'session-1'))).toBeInstanceOf(NotFoundError);
    const { sut, mocks } = setup();
    mocks.policy.assertManagesSession.mockRejectedValue(new ForbiddenError('no'));
    expect(await rejectionOf(sut.publish(organiser, 'session-1'))).toBeInstanceOf(ForbiddenError);
  });
});

describe('SessionsService.update', () => {
  it('tells the roster and reschedules finalize when a published session’s time moves', async () => {
    const { sut, mocks } = setup({ locked: { status: 'published' } });
    await sut.update(organiser, 'session-1', { endsAt: '2027-03-05T10:00:00Z' });
    expect(mocks.repo.update).toHaveBeenCalledWith(FAKE_EM, 'session-1', expect.objectContaining({ endsAt: new Date('2027-03-05T10:00:00Z'), title: '周五集中学习' }));
    expect(notifications(mocks.outbox)).toEqual(['session_changed']);
    expect(mocks.finalize.schedule).toHaveBeenCalledWith(FAKE_EM, 'session-1');
  });

  it('tells the roster about a new place without rescheduling', async () => {
    const { sut, mocks } = setup({ locked: { status: 'published' } });
    await sut.update(organiser, 'session-1', { location: '礼堂' });
    expect(notifications(mocks.outbox)).toEqual(['session_changed']);
    expect(mocks.finalize.schedule).not.toHaveBeenCalled();
  });

  it('tells nobody about a new title, nor about any change of a draft', async () => {
    const published = setup({ locked: { status: 'published' } });
    await published.sut.update(organiser, 'session-1', { title: '新标题' });
    expect(published.mocks.outbox.add).not.toHaveBeenCalled();
    const draft = setup();
    await draft.sut.update(organiser, 'session-1', { startsAt: '2027-03-05T06:00:00Z', location: '礼堂' });
    expect(draft.mocks.outbox.add).not.toHaveBeenCalled();
    expect(draft.mocks.finalize.schedule).not.toHaveBeenCalled();
  });

  it('checks a new menu against the required kinds of the session’s menu and replaces it', async () => {
    const { sut, mocks } = setup({ locked: { menuId: 'menu-1' } });
    mocks.menus.requiredKindsFor.mockResolvedValue(['theory']);
    const menu = [{ catalogItemId: 'c1', course: 'main' as const }];
    await sut.update(organiser, 'session-1', { menu });
    expect(mocks.menus.check).toHaveBeenCalledWith('unit-1', 'friday_study', menu, ['theory']);
    expect(mocks.menus.requiredKindsFor).toHaveBeenCalledWith('menu-1');
    expect(mocks.menus.write).toHaveBeenCalledWith(FAKE_EM, 'session-1', menu, true);
  });

  it.each([
    [{ title: ' ' }, /title must not be empty/],
    [{ endsAt: '2027-03-05T06:00:00Z' }, /endsAt must be after startsAt/],
  ])('refuses %j with a 400', async (change, message) => {
    expect((await rejectionOf(setup().sut.update(organiser, 'session-1', change))).message).toMatch(message);
  });

  it.each(['completed', 'cancelled'] as const)('refuses changing a %s session (409)', async (status) => {
    expect(await rejectionOf(setup({ locked: { status } }).sut.update(organiser, 'session-1', { title: 'x' }))).toBeInstanceOf(ConflictError);
  });
});

describe('SessionsService.cancel', () => {
  it('cancels a published session (reason trimmed) and tells the roster', async () => {
    const { sut, mocks } = setup({ locked: { status: 'published' } });
    await sut.cancel(organiser, 'session-1', ' 临时停电 ');
    expect(mocks.repo.markCancelled).toHaveBeenCalledWith(FAKE_EM, 'session-1', '临时停电');
    expect(notifications(mocks.outbox)).toEqual(['session_cancelled']);
  });

  it('cancels a draft silently; needs a reason; refuses a completed session', async () => {
    const draft = setup();
    await draft.sut.cancel(organiser, 'session-1', '重复');
    expect(draft.mocks.outbox.add).not.toHaveBeenCalled();
    expect(await rejectionOf(draft.sut.cancel(organiser, 'session-1', '  '))).toBeInstanceOf(BadInputError);
    expect(await rejectionOf(setup({ locked: { status: 'completed' } }).sut.cancel(organiser, 'session-1', '重复'))).toBeInstanceOf(ConflictError);
  });
});

describe('SessionsService.complete', () => {
  it.each([
    ['not_found', NotFoundError],
    ['not_published', ConflictError],
    ['not_started', ConflictError],
  ] as const)('maps the outcome %s to an error', async (outcome, Err) => {
    const { sut, mocks } = setup();
    mocks.completion.complete.mockResolvedValue(outcome);
    expect(await rejectionOf(sut.complete(organiser, 'session-1'))).toBeInstanceOf(Err);
  });

  it.each(['completed', 'already_completed'] as const)('returns the session when the outcome is %s', async (outcome) => {
    const { sut, mocks } = setup();
    mocks.completion.complete.mockResolvedValue(outcome);
    expect((await sut.complete(organiser, 'session-1')).id).toBe('session-1');
    expect(mocks.completion.complete).toHaveBeenCalledWith('session-1', { actorId: organiser.id });
  });
});
