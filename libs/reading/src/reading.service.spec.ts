import { AuthUser, BadInputError, ConflictError, ForbiddenError, NotFoundError } from '@qf/common';
import { AccessPolicy, UnitsService } from '@qf/identity';
import { fake, fakeTransaction, newTestService } from '@qf/testing';
import { ReadingCreditService } from './reading-credit.service';
import { ReadingItemsLookup } from './reading-items.lookup';
import type { NewReadingList, ReadingListHeader } from './reading-list.views';
import { ratio, ReadingListsService } from './reading-lists.service';
import { ReadingProgressService } from './reading-progress.service';
import { ReadingRepository } from './reading.repository';

const who = (role: AuthUser['role'], unitId = 'mine'): AuthUser => ({ id: `${role}-id`, username: role, displayName: role, role, unitId });
const header: ReadingListHeader = { id: 'L', year: 2026, title: '清单', unitId: 'mine', createdBy: 'x', createdAt: new Date(0) };
const newList: NewReadingList = { year: 2026, title: ' 清单 ', items: [{ title: ' 条例 ', category: 'regulation' }] };

function setup() {
  const repo = fake<ReadingRepository>({ transaction: fakeTransaction() });
  const policy = fake<AccessPolicy>();
  const units = fake<UnitsService>();
  units.assertExists.mockImplementation(async (id: string) => {
    if (id === 'gone') throw new BadInputError('unitId must be the id of an existing unit');
  });
  policy.visibleUnitIds.mockResolvedValue(['root', 'mine']);
  policy.readsEverything.mockImplementation((u: AuthUser) => u.role === 'admin' || u.role === 'auditor');
  policy.manages.mockImplementation(async (u: AuthUser, unitId: string) => u.role === 'admin' || (u.role === 'organiser' && unitId.startsWith('mine')));
  return newTestService(
    (m) => {
      const lists = new ReadingListsService(m.repo, m.policy, m.units);
      return { lists, progress: new ReadingProgressService(m.repo, m.policy, lists), credit: new ReadingCreditService(m.repo), lookup: new ReadingItemsLookup(m.repo) };
    },
    { repo, policy, units },
  );
}

describe('ReadingListsService.create', () => {
  it("scopes an organiser's list to their own unit by default, trimming titles", async () => {
    const { sut, mocks } = setup();
    mocks.repo.insertList.mockResolvedValue({ id: 'L', created: true });
    mocks.repo.findHeader.mockResolvedValue(header);
    mocks.repo.items.mockResolvedValue([]);
    await sut.lists.create(who('organiser'), newList);
    expect(mocks.repo.insertList).toHaveBeenCalledWith(
      expect.anything(),
      { year: 2026, title: '清单', unitId: 'mine', items: [{ title: '条例', category: 'regulation' }] },
      'organiser-id',
    );
  });

  it("an admin's list without unitId is organisation-wide", async () => {
    const { sut, mocks } = setup();
    mocks.repo.insertList.mockResolvedValue({ id: 'L', created: true });
    mocks.repo.findHeader.mockResolvedValue({ ...header, unitId: null });
    await sut.lists.create(who('admin'), newList);
    expect(mocks.repo.insertList.mock.calls[0][1].unitId).toBeNull();
    expect(mocks.units.assertExists).not.toHaveBeenCalled();
  });

  it('refuses an unknown unit (400) and a unit the organiser does not manage (403)', async () => {
    const { sut } = setup();
    await expect(sut.lists.create(who('organiser'), { ...newList, unitId: 'gone' })).rejects.toThrow(BadInputError);
    await expect(sut.lists.create(who('organiser'), { ...newList, unitId: 'theirs' })).rejects.toThrow(ForbiddenError);
  });

  it('is 409 when the same title exists for the year and scope', async () => {
    const { sut, mocks } = setup();
    mocks.repo.insertList.mockResolvedValue({ id: 'L', created: false });
    await expect(sut.lists.create(who('admin'), newList)).rejects.toThrow(ConflictError);
  });

  it.each([
    ['a blank title', { title: ' ' }, 'title must not be empty'],
    ['no items', { items: [] }, 'items must contain at least one item'],
    ['a blank item title', { items: [{ title: ' ', category: 'regulation' }] }, 'items.0.title must not be empty'],
    ['an unknown category', { items: [{ title: 'a', category: 'novel' }] }, 'items.0.category must be one of'],
    ['a repeated item', { items: [{ title: 'a', category: 'other' }, { title: ' a ', category: 'other' }] }, 'items.1.title repeats'],
  ])('refuses %s', async (_what, patch, message) => {
    const { sut, mocks } = setup();
    await expect(sut.lists.create(who('admin'), { ...newList, ...(patch as Partial<NewReadingList>) })).rejects.toThrow(message);
    expect(mocks.repo.insertList).not.toHaveBeenCalled();
  });
});

describe('ReadingListsService reads', () => {
  it("lists with the caller's own totals and completion", async () => {
    const { sut, mocks } = setup();
    mocks.repo.summaryPage.mockResolvedValue({ items: [{ ...header, itemCount: 4, requiredCount: 3, finishedRequired: 2, discussed: 1 }], total: 1 });
    const page = await sut.lists.list(who('member'), { limit: 10, offset: 0 });
    expect(page.items[0]).toEqual({ ...header, itemCount: 4, requiredCount: 3, own: { finishedRequired: 2, required: 3, discussed: 1, completion: 0.6667 } });
    expect(mocks.repo.summaryPage).toHaveBeenCalledWith('member-id', ['root', 'mine'], { limit: 10, offset: 0 });
  });

  it('passes no unit restriction for callers who read everything', async () => {
    const { sut, mocks } = setup();
    mocks.policy.visibleUnitIds.mockResolvedValue('all');
    await expect(sut.lists.visibleParam(who('auditor'))).resolves.toBeNull();
    mocks.repo.findVisibleHeader.mockResolvedValue(header);
    await sut.lists.findVisibleHeader(who('auditor'), 'L');
    expect(mocks.repo.findVisibleHeader).toHaveBeenCalledWith('L', null);
  });

  it('a list the caller cannot see is 404', async () => {
    const { sut, mocks } = setup();
    mocks.repo.findVisibleHeader.mockResolvedValue(undefined);
    await expect(sut.lists.detail(who('member'), 'L')).rejects.toThrow(NotFoundError);
  });

  it('shows progress only on the items the caller has progress on', async () => {
    const { sut, mocks } = setup();
    mocks.repo.findVisibleHeader.mockResolvedValue(header);
    const item = { id: 'i1', position: 1, title: 't', category: 'regulation' as const, materialUrl: null, required: true };
    mocks.repo.itemsWithProgress.mockResolvedValue([
      { ...item, status: 'finished', finishedAt: new Date(1), discussedAt: null, note: 'n' },
      { ...item, id: 'i2', status: null, finishedAt: null, discussedAt: null, note: null },
    ]);
    const detail = await sut.lists.detail(who('member'), 'L');
    expect(detail.items[0].progress).toEqual({ itemId: 'i1', status: 'finished', finishedAt: new Date(1), discussedAt: null, note: 'n' });
    expect(detail.items[1].progress).toBeNull();
  });

  it('ratio has four decimals and is 0 without required items', () => {
    expect(ratio(1, 3)).toBe(0.3333);
    expect(ratio(0, 0)).toBe(0);
    expect(ratio(3, 3)).toBe(1);
  });
});

describe('ReadingProgressService.putOwn', () => {
  it("writes the caller's own progress, keeping the note when none is given", async () => {
    const { sut, mocks } = setup();
    mocks.repo.upsertOwnProgress.mockResolvedValue({ itemId: 'i', status: 'finished', finishedAt: new Date(), discussedAt: null, note: null });
    await sut.progress.putOwn(who('member'), 'L', 'i', { status: 'finished' });
    expect(mocks.repo.upsertOwnProgress).toHaveBeenCalledWith({
      userId: 'member-id', listId: 'L', itemId: 'i', visible: ['root', 'mine'], status: 'finished', note: null, replaceNote: false,
    });
  });

  it('a blank note clears it; a note is stored as written', async () => {
    const { sut, mocks } = setup();
    mocks.repo.upsertOwnProgress.mockResolvedValue({ itemId: 'i', status: 'reading', finishedAt: null, discussedAt: null, note: null });
    await sut.progress.putOwn(who('member'), 'L', 'i', { status: 'reading', note: '  ' });
    expect(mocks.repo.upsertOwnProgress.mock.calls[0][0]).toMatchObject({ note: null, replaceNote: true });
    await sut.progress.putOwn(who('member'), 'L', 'i', { status: 'reading', note: ' 读后 ' });
    expect(mocks.repo.upsertOwnProgress.mock.calls[1][0]).toMatchObject({ note: ' 读后 ', replaceNote: true });
  });

  it('an unknown item, an item of another list or an invisible list is 404', async () => {
    const { sut, mocks } = setup();
    mocks.repo.upsertOwnProgress.mockResolvedValue(undefined);
    await expect(sut.progress.putOwn(who('member'), 'L', 'i', { status: 'reading' })).rejects.toThrow(NotFoundError);
  });
});

describe('ReadingProgressService.report', () => {
  const reportSetup = (list = header) => {
    const t = setup();
    t.mocks.repo.findVisibleHeader.mockResolvedValue(list);
    t.mocks.repo.memberProgress.mockResolvedValue({ members: [], required: 3 });
    return t;
  };

  it("reports the list's unit to auditors", async () => {
    const { sut, mocks } = reportSetup();
    await expect(sut.progress.report(who('auditor'), 'L')).resolves.toEqual({ listId: 'L', unitId: 'mine', required: 3, members: [] });
    expect(mocks.repo.memberProgress).toHaveBeenCalledWith('L', ['mine', 'mine']);
  });

  it('reports everyone active on an organisation-wide list to an admin', async () => {
    const { sut, mocks } = reportSetup({ ...header, unitId: null });
    await sut.progress.report(who('admin'), 'L');
    expect(mocks.repo.memberProgress).toHaveBeenCalledWith('L', []);
  });

  it("narrows an organiser on an ancestor's list to their own unit", async () => {
    const { sut, mocks } = reportSetup({ ...header, unitId: 'root' });
    const report = await sut.progress.report(who('organiser'), 'L');
    expect(report.unitId).toBe('mine');
    expect(mocks.repo.memberProgress).toHaveBeenCalledWith('L', ['mine', 'root']);
  });

  it('a named unit must exist (400), be managed (403) and overlap the list (400)', async () => {
    const { sut, mocks } = reportSetup();
    mocks.repo.unitOverlapsList.mockResolvedValueOnce(undefined);
    await expect(sut.progress.report(who('organiser'), 'L', 'mine-x')).rejects.toThrow('unitId must be the id of an existing unit');
    mocks.repo.unitOverlapsList.mockResolvedValueOnce(true);
    await expect(sut.progress.report(who('organiser'), 'L', 'other')).rejects.toThrow(ForbiddenError);
    mocks.repo.unitOverlapsList.mockResolvedValueOnce(false);
    await expect(sut.progress.report(who('organiser'), 'L', 'mine-y')).rejects.toThrow("unitId must be within the list's unit or contain it");
    mocks.repo.unitOverlapsList.mockResolvedValueOnce(true);
    await expect(sut.progress.report(who('organiser'), 'L', 'mine-z')).resolves.toMatchObject({ unitId: 'mine-z' });
  });
});

describe('discussion credit and item lookup', () => {
  it('credits through the one set-based statement (all attendees unless named)', async () => {
    const { sut, mocks } = setup();
    mocks.repo.creditDiscussion.mockResolvedValue(7);
    await expect(sut.credit.creditDiscussion('em' as never, 's')).resolves.toBe(7);
    await sut.credit.creditDiscussion('em' as never, 's', ['u']);
    expect(mocks.repo.creditDiscussion.mock.calls).toEqual([['em', 's', null], ['em', 's', ['u']]]);
  });

  it('accepts no items without a lookup, and names every unusable item', async () => {
    const { sut, mocks } = setup();
    await sut.lookup.assertUsableInUnit('mine', [null, undefined]);
    expect(mocks.repo.itemIdsUsableInUnit).not.toHaveBeenCalled();
    mocks.repo.itemIdsUsableInUnit.mockResolvedValue(['a']);
    await expect(sut.lookup.assertUsableInUnit('mine', ['a', 'b', 'a', 'c'])).rejects.toThrow(/not: b, c$/);
    expect(mocks.repo.itemIdsUsableInUnit).toHaveBeenCalledWith('mine', ['a', 'b', 'c'], undefined);
  });
});
