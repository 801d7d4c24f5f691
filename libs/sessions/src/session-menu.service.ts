import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { BadInputError } from '@qf/common';
import { peopleOfUnit } from '@qf/identity';
import { ReadingItemsLookup } from '@qf/reading';
import { DataSource, EntityManager } from 'typeorm';
import { CatalogService } from './catalog.service';
import { assertMainCourses } from './menu-rules';
import { MenusService } from './menus.service';
import { CatalogKind, Course, DEFAULT_REQUIRED_KINDS, MAX_MENU_ITEMS, SessionKind } from './session-kinds';

export interface SessionMenuEntry {
  catalogItemId: string;
  course: Course;
  presenterId?: string | null;
  readingItemId?: string | null;
}

/**
 * A session's menu: given in the request or copied from a menu (套餐), checked against the catalog,
 * the unit's people (领学人 must be people of the session's unit) and, for a friday_study, the
 * main-course rule with the menu's required kinds (the default ones when no menu is named).
 */
@Injectable()
export class SessionMenuService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
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
    const rows = await this.dataSource.query(`SELECT required_kinds AS "requiredKinds" FROM menus WHERE id = $1`, [menuId]);
    return rows[0]?.requiredKinds ?? DEFAULT_REQUIRED_KINDS;
  }

  async check(unitId: string, kind: SessionKind, entries: SessionMenuEntry[], requiredKinds: readonly CatalogKind[]): Promise<void> {
    if (entries.length > MAX_MENU_ITEMS) throw new BadInputError(`menu must have at most ${MAX_MENU_ITEMS} entries`);
    const kinds = await this.catalog.kindsOf(entries.map((e) => e.catalogItemId));
    await this.readingItems.assertUsableInUnit(unitId, entries.map((e) => e.readingItemId));
    const presenters = [...new Set(entries.map((e) => e.presenterId).filter((p): p is string => !!p))];
    if (presenters.length) {
      const rows: { id: string }[] = await this.dataSource.query(
        `SELECT p.id FROM (${peopleOfUnit('$1')}) p WHERE p.id = ANY($2::uuid[])`,
        [unitId, presenters],
      );
      const people = new Set(rows.map((r) => r.id));
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
  async write(em: EntityManager, sessionId: string, entries: SessionMenuEntry[], replace = false): Promise<void> {
    if (replace) await em.query(`DELETE FROM session_menu_items WHERE session_id = $1`, [sessionId]);
    if (entries.length === 0) return;
    await em.query(
      `INSERT INTO session_menu_items (session_id, position, catalog_item_id, course, presenter_id, reading_item_id)
       SELECT $1, e.ord, e.catalog_item_id, e.course, e.presenter_id, e.reading_item_id
         FROM unnest($2::uuid[], $3::text[], $4::uuid[], $5::uuid[]) WITH ORDINALITY AS e(catalog_item_id, course, presenter_id, reading_item_id, ord)`,
      [
        sessionId,
        entries.map((e) => e.catalogItemId),
        entries.map((e) => e.course),
        entries.map((e) => e.presenterId ?? null),
        entries.map((e) => e.readingItemId ?? null),
      ],
    );
  }
}
