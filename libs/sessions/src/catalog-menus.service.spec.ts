import { BadInputError, NotFoundError } from '@qf/common';
import type { ReadingItemsLookup } from '@qf/reading';
import { fake, FAKE_EM, fakeRepository, newTestService, rejectionOf, userOf } from '@qf/testing';
import { CatalogRepository } from './catalog.repository';
import { CatalogService } from './catalog.service';
import { MenusService } from './menus.service';
import { SessionMenuService } from './session-menu.service';
import { DEFAULT_REQUIRED_KINDS, MAX_MENU_ITEMS } from './session-kinds';
import { SessionRepository } from './session.repository';

const KINDS = { c1: 'theory', c2: 'history', c3: 'song', c4: 'other' } as const;

function setup() {
  return newTestService(
    (m) => {
      m.catalogRepo.kindsOf.mockImplementation(async (ids: string[]) =>
        ids.filter((id) => id in KINDS).map((id) => ({ id, kind: KINDS[id as keyof typeof KINDS], title: id })),
      );
      const catalog = new CatalogService(m.catalogRepo);
      const menus = new MenusService(m.catalogRepo, catalog);
      return { catalog, menus, sessionMenus: new SessionMenuService(m.sessions, m.catalogRepo, catalog, menus, m.readingItems) };
    },
    { catalogRepo: fakeRepository<CatalogRepository>(), sessions: fakeRepository<SessionRepository>(), readingItems: fake<ReadingItemsLookup>() },
  );
}

const caller = userOf('organiser');
const fullMenu = [
  { catalogItemId: 'c1', course: 'main' as const },
  { catalogItemId: 'c2', course: 'main' as const },
  { catalogItemId: 'c3', course: 'main' as const },
];

describe('CatalogService', () => {
  it('creates an item with its title trimmed and absent fields null', async () => {
    const { sut, mocks } = setup();
    await sut.catalog.create(caller, { title: ' 共产党宣言 ', kind: 'theory' });
    expect(mocks.catalogRepo.insertItem).toHaveBeenCalledWith({ title: '共产党宣言', kind: 'theory', summary: null, materialUrl: null, durationMinutes: null, createdBy: caller.id });
  });

  it('refuses an empty title and an unknown kind', async () => {
    const { sut } = setup();
    expect(await rejectionOf(sut.catalog.create(caller, { title: ' ', kind: 'theory' }))).toBeInstanceOf(BadInputError);
    expect(await rejectionOf(sut.catalog.create(caller, { title: 'x', kind: 'poem' as never }))).toBeInstanceOf(BadInputError);
  });

  it('searches by the trimmed text; blank text searches nothing', async () => {
    const { sut, mocks } = setup();
    await sut.catalog.list({ q: '  宣言 ', limit: 5, offset: 0 });
    expect(mocks.catalogRepo.itemsPage).toHaveBeenLastCalledWith({ kind: undefined, text: '宣言', limit: 5, offset: 0 });
    await sut.catalog.list({ q: '   ', kind: 'song', limit: 5, offset: 0 });
    expect(mocks.catalogRepo.itemsPage).toHaveBeenLastCalledWith({ kind: 'song', text: undefined, limit: 5, offset: 0 });
  });

  it('names the unknown ids in one 400, asking once per distinct id', async () => {
    const { sut, mocks } = setup();
    expect((await rejectionOf(sut.catalog.kindsOf(['c1', 'x9', 'c1', 'x8']))).message).toMatch(/unknown: x9, x8$/);
    expect(mocks.catalogRepo.kindsOf).toHaveBeenCalledWith(['c1', 'x9', 'x8']);
    expect((await sut.catalog.kindsOf(['c1'])).get('c1')).toEqual({ kind: 'theory', title: 'c1' });
  });
});

describe('MenusService', () => {
  it('creates a menu with the default required kinds', async () => {
    const { sut, mocks } = setup();
    mocks.catalogRepo.insertMenu.mockResolvedValue('menu-1');
    mocks.catalogRepo.findMenu.mockResolvedValue({ id: 'menu-1' } as never);
    await sut.menus.create(caller, { name: ' 三月 ', items: fullMenu });
    expect(mocks.catalogRepo.insertMenu).toHaveBeenCalledWith(FAKE_EM, { name: '三月', requiredKinds: DEFAULT_REQUIRED_KINDS, createdBy: caller.id, items: fullMenu });
  });

  it.each([
    [{ name: ' ' }, /name must not be empty/],
    [{ requiredKinds: ['dance'] }, /requiredKinds must be among/],
    [{ items: [] }, /items must have 1–50 entries/],
    [{ items: Array.from({ length: MAX_MENU_ITEMS + 1 }, () => fullMenu[0]) }, /items must have 1–50 entries/],
    [{ items: [{ catalogItemId: 'c1', course: 'main' }, { catalogItemId: 'c3', course: 'side' }] }, /missing: history, song/],
    [{ items: [{ catalogItemId: 'nope', course: 'main' }] }, /unknown: nope/],
  ])('refuses %j with a 400', async (change, message) => {
    const { sut, mocks } = setup();
    const err = await rejectionOf(sut.menus.create(caller, { name: '三月', items: fullMenu, ...change } as never));
    expect(err).toBeInstanceOf(BadInputError);
    expect(err.message).toMatch(message);
    expect(mocks.catalogRepo.insertMenu).not.toHaveBeenCalled();
  });

  it('accepts a menu that requires no kinds (duplicate kinds collapse)', async () => {
    const { sut, mocks } = setup();
    mocks.catalogRepo.findMenu.mockResolvedValue({ id: 'menu-1' } as never);
    await sut.menus.create(caller, { name: '自选', requiredKinds: ['other', 'other'], items: [{ catalogItemId: 'c4', course: 'main' }] });
    expect(mocks.catalogRepo.insertMenu.mock.calls[0][1].requiredKinds).toEqual(['other']);
  });

  it('answers 404 for a missing menu, but 400 when a session names one to copy', async () => {
    const { sut } = setup();
    expect(await rejectionOf(sut.menus.get('nope'))).toBeInstanceOf(NotFoundError);
    expect(await rejectionOf(sut.menus.forCopy('nope'))).toBeInstanceOf(BadInputError);
  });
});

describe('SessionMenuService', () => {
  it('applies the main-course rule to a friday_study only', async () => {
    const { sut } = setup();
    const sides = [{ catalogItemId: 'c1', course: 'side' as const }];
    expect((await rejectionOf(sut.sessionMenus.check('unit-1', 'friday_study', sides, DEFAULT_REQUIRED_KINDS))).message).toMatch(/a friday_study menu must have/);
    await expect(sut.sessionMenus.check('unit-1', 'branch_meeting', sides, DEFAULT_REQUIRED_KINDS)).resolves.toBeUndefined();
  });

  it('requires presenters (领学人) to be people of the session’s unit', async () => {
    const { sut, mocks } = setup();
    mocks.sessions.peopleOfUnitAmong.mockResolvedValue(new Set(['p1']));
    const menu = [{ ...fullMenu[0], presenterId: 'p1' }, { ...fullMenu[1], presenterId: 'p2' }, { ...fullMenu[2], presenterId: 'p1' }];
    expect((await rejectionOf(sut.sessionMenus.check('unit-1', 'friday_study', menu, DEFAULT_REQUIRED_KINDS))).message).toMatch(/not: p2$/);
    expect(mocks.sessions.peopleOfUnitAmong).toHaveBeenCalledWith('unit-1', ['p1', 'p2']);
  });

  it('checks reading items against the unit and refuses too many entries', async () => {
    const { sut, mocks } = setup();
    await sut.sessionMenus.check('unit-1', 'friday_study', [{ ...fullMenu[0], readingItemId: 'r1' }, ...fullMenu.slice(1)], DEFAULT_REQUIRED_KINDS);
    expect(mocks.readingItems.assertUsableInUnit).toHaveBeenCalledWith('unit-1', ['r1', undefined, undefined]);
    const many = Array.from({ length: MAX_MENU_ITEMS + 1 }, () => fullMenu[0]);
    expect((await rejectionOf(sut.sessionMenus.check('unit-1', 'group_study', many, []))).message).toMatch(/at most 50/);
  });

  it('resolves a copied menu with its own required kinds; a given menu overrides the copy', async () => {
    const { sut, mocks } = setup();
    mocks.catalogRepo.findMenu.mockResolvedValue({ id: 'm', name: 'm', requiredKinds: ['other'], createdAt: new Date(), items: [{ position: 1, catalogItemId: 'c4', title: 'c4', kind: 'other', course: 'main' }] });
    expect(await sut.sessionMenus.resolve('unit-1', 'friday_study', { menuId: 'm' })).toEqual([{ catalogItemId: 'c4', course: 'main' }]);
    expect(await sut.sessionMenus.resolve('unit-1', 'friday_study', { menuId: 'm', menu: [{ catalogItemId: 'c4', course: 'main' }] })).toHaveLength(1);
    expect(await rejectionOf(sut.sessionMenus.resolve('unit-1', 'friday_study', { menu: [{ catalogItemId: 'c4', course: 'main' }] }))).toBeInstanceOf(BadInputError);
  });

  it('falls back to the default required kinds for a session without (or with a vanished) menu', async () => {
    const { sut, mocks } = setup();
    expect(await sut.sessionMenus.requiredKindsFor(null)).toBe(DEFAULT_REQUIRED_KINDS);
    mocks.catalogRepo.requiredKindsOf.mockResolvedValue(undefined);
    expect(await sut.sessionMenus.requiredKindsFor('gone')).toBe(DEFAULT_REQUIRED_KINDS);
    mocks.catalogRepo.requiredKindsOf.mockResolvedValue(['song']);
    expect(await sut.sessionMenus.requiredKindsFor('m')).toEqual(['song']);
  });
});
