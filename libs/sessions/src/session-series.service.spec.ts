import type { WorkingDayCalendar } from '@qf/calendar';
import { BadInputError, ForbiddenError } from '@qf/common';
import { fake, FAKE_EM, newTestService, rejectionOf, userOf } from '@qf/testing';
import type { MenusService } from './menus.service';
import { SessionSeriesService } from './session-series.service';
import type { SessionsService } from './sessions.service';
import { sessionsMocks, viewOf } from '../../../test/unit-support/sessions-fakes';

// Fridays 2027-03-05, 03-12, 03-19 at 15:00 Shanghai.
const input = { unitId: 'unit-1', title: ' 周五学习 ', menuId: 'menu-1', from: '2027-03-01', until: '2027-03-21', startTime: '15:00', durationMinutes: 90 };
const FRIDAYS = ['2027-03-05T07:00:00.000Z', '2027-03-12T07:00:00.000Z', '2027-03-19T07:00:00.000Z'];

function setup(holidays: Record<string, string> = {}) {
  const base = sessionsMocks();
  const { sut, mocks } = newTestService(
    (m) => new SessionSeriesService(m.sessions, m.menusService, m.menus, m.repo, m.config, m.calendar),
    { ...base, sessions: fake<SessionsService>(), menusService: fake<MenusService>(), calendar: fake<WorkingDayCalendar>() },
  );
  mocks.menusService.forCopy.mockResolvedValue({ requiredKinds: ['theory'], items: [{ catalogItemId: 'c1', course: 'main' }] });
  mocks.calendar.workdaySet.mockImplementation(async (dates: string[]) => new Map(dates.map((d) => [d, holidays[d] ? { workday: false, name: holidays[d] } : { workday: true }] as const)) as never);
  mocks.repo.insertSeries.mockImplementation(async (_em, rows) => rows.starts.map((_, i) => `new-${i}`));
  mocks.repo.idsAtStarts.mockResolvedValue([]);
  mocks.repo.views.mockImplementation(async (ids: string[]) => ids.map((id, i) => viewOf({ id, startsAt: new Date(FRIDAYS[i] ?? FRIDAYS[0]) })));
  return { sut, mocks };
}

describe('SessionSeriesService', () => {
  const organiser = userOf('organiser');

  it('creates weekly drafts with the menu copied, each lasting durationMinutes', async () => {
    const { sut, mocks } = setup();
    const result = await sut.create(organiser, input);
    const rows = mocks.repo.insertSeries.mock.calls[0][1];
    expect(rows.starts.map((d) => d.toISOString())).toEqual(FRIDAYS);
    expect(rows.ends[0].getTime() - rows.starts[0].getTime()).toBe(90 * 60_000);
    expect(rows).toMatchObject({ unitId: 'unit-1', title: '周五学习', location: null, menuId: 'menu-1', createdBy: organiser.id });
    expect(mocks.repo.copyMenuItems).toHaveBeenCalledWith(FAKE_EM, ['new-0', 'new-1', 'new-2'], 'menu-1');
    expect(result.created).toHaveLength(3);
    expect(mocks.menus.check).toHaveBeenCalledWith('unit-1', 'friday_study', [{ catalogItemId: 'c1', course: 'main' }], ['theory']);
  });

  it('skips holidays (named) unless they are kept', async () => {
    const { sut, mocks } = setup({ '2027-03-12': '调休' });
    const result = await sut.create(organiser, input);
    expect(mocks.repo.insertSeries.mock.calls[0][1].starts).toHaveLength(2);
    expect(result.skipped).toEqual([{ reason: 'holiday', date: '2027-03-12', startsAt: new Date(FRIDAYS[1]), name: '调休' }]);
    const kept = setup({ '2027-03-12': '调休' });
    await kept.sut.create(organiser, { ...input, includeHolidays: true });
    expect(kept.mocks.repo.insertSeries.mock.calls[0][1].starts).toHaveLength(3);
    expect(kept.mocks.calendar.workdaySet).not.toHaveBeenCalled();
  });

  it('writes nothing when every date is a holiday', async () => {
    const { sut, mocks } = setup({ '2027-03-05': '假', '2027-03-12': '假', '2027-03-19': '假' });
    const result = await sut.create(organiser, input);
    expect(result.created).toEqual([]);
    expect(result.skipped.map((s) => s.reason)).toEqual(['holiday', 'holiday', 'holiday']);
    expect(mocks.repo.insertSeries).not.toHaveBeenCalled();
  });

  it('reports sessions that already existed at a start as skipped', async () => {
    const { sut, mocks } = setup();
    mocks.repo.insertSeries.mockResolvedValue(['new-0']);
    mocks.repo.idsAtStarts.mockResolvedValue(['old-1']);
    const result = await sut.create(organiser, input);
    expect(mocks.repo.idsAtStarts).toHaveBeenCalledWith('unit-1', expect.any(Array), ['new-0']);
    expect(result.skipped).toEqual([expect.objectContaining({ id: 'old-1', reason: 'exists' })]);
  });

  it.each([
    [{ title: '  ' }, /title must not be empty/],
    [{ durationMinutes: 0 }, /durationMinutes/],
    [{ durationMinutes: 1441 }, /durationMinutes/],
    [{ durationMinutes: 1.5 }, /durationMinutes/],
    [{ startTime: '25:00' }, /startTime/],
  ])('refuses %j with a 400 before writing', async (change, message) => {
    const { sut, mocks } = setup();
    const err = await rejectionOf(sut.create(organiser, { ...input, ...change }));
    expect(err).toBeInstanceOf(BadInputError);
    expect(err.message).toMatch(message);
    expect(mocks.repo.insertSeries).not.toHaveBeenCalled();
  });

  it('needs the caller to manage the unit', async () => {
    const { sut, mocks } = setup();
    mocks.sessions.assertManagesUnitRef.mockRejectedValue(new ForbiddenError('no'));
    expect(await rejectionOf(sut.create(organiser, input))).toBeInstanceOf(ForbiddenError);
    expect(mocks.repo.insertSeries).not.toHaveBeenCalled();
  });
});
