import { Injectable } from '@nestjs/common';
import { BadInputError } from '@qf/common';
import { ReadingItemsLookup } from '@qf/reading';
import { EntityManager } from 'typeorm';
import { CatalogRepository } from './catalog.repository';
import { CatalogService } from './catalog.service';
import { assertMainCourses } from './menu-rules';
import { MenusService } from './menus.service';
import { CatalogKind, DEFAULT_REQUIRED_KINDS, MAX_MENU_ITEMS, SessionKind } from './session-kinds';
import { SessionMenuEntryRow, SessionRepository } from './session.repository';

export type SessionMenuEntry = SessionMenuEntryRow;

/**
 * A session's menu: given in the request or copied from a menu (套餐), checked against the catalog,
 * the unit's people (领学人 must be people of the session's unit) and, for a friday_study, the
 * main-course rule with the menu's required kinds (the default ones when no menu is named).
 */
@Injectable()
export class SessionMenuService {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly catalogRepo: CatalogRepository,
    private readonly catalog: CatalogService,
    private readonly menus: MenusService,
    private readonly readingItems: ReadingItemsLookup,
  ) {}

  /** The entries a new session gets, checked. */
  async resolve(
    unitId: string,
    kind: SessionKind,
    input: { menuId?: string | null; menu?: SessionMenuEntry[] },
  ): Promise<SessionMenuEntry[]> {
    const copied = input.menuId ? await this.menus.forCopy(input.menuId) : undefined;
    const entries = input.menu ?? copied?.items ?? [];
    await this.check(unitId, kind, entries, copied?.requiredKinds ?? DEFAULT_REQUIRED_KINDS);
    return entries;
  }

  /** The required kinds that apply to a session created from `menuId` (or none). */
  async requiredKindsFor(menuId: string | null): Promise<CatalogKind[]> {
    if (!menuId) return DEFAULT_REQUIRED_KINDS;
    return (await this.catalogRepo.requiredKindsOf(menuId)) ?? DEFAULT_REQUIRED_KINDS;
  }

  async check(unitId: string, kind: SessionKind, entries: SessionMenuEntry[], requiredKinds: readonly CatalogKind[]): Promise<void> {
    if (entries.length > MAX_MENU_ITEMS) throw new BadInputError(`menu must have at most ${MAX_MENU_ITEMS} entries`);
    const kinds = await this.catalog.kindsOf(entries.map((e) => e.catalogItemId));
    await this.readingItems.assertUsableInUnit(unitId, entries.map((e) => e.readingItemId));
    const presenters = [...new Set(entries.map((e) => e.presenterId).filter((p): p is string => !!p))];
    if (presenters.length) {
      const people = await this.sessions.peopleOfUnitAmong(unitId, presenters);
      const outside = presenters.filter((p) => !people.has(p));
      if (outside.length)
        throw new BadInputError(`presenterId must be a person of the session's unit (an active member or organiser); not: ${outside.join(', ')}`);
    }
    if (kind === 'friday_study') {
      assertMainCourses(
        entries.map((e) => ({ kind: kinds.get(e.catalogItemId)!.kind, course: e.course })),
        requiredKinds,
        'a friday_study menu',
      );
    }
  }

  /** Replaces the session's menu with `entries` (positions 1…n in the order given). */
  write(em: EntityManager, sessionId: string, entries: SessionMenuEntry[], replace = false): Promise<void> {
    return this.sessions.writeMenu(em, sessionId, entries, replace);
  }
}
