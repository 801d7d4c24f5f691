import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthUser, BadInputError, NotFoundError, Page } from '@qf/common';
import { DataSource } from 'typeorm';
import { CatalogService } from './catalog.service';
import { assertMainCourses } from './menu-rules';
import { CATALOG_KINDS, CatalogKind, Course, DEFAULT_REQUIRED_KINDS, MAX_MENU_ITEMS } from './session-kinds';

export interface MenuItemView {
  position: number;
  catalogItemId: string;
  title: string;
  kind: CatalogKind;
  course: Course;
}

export interface MenuView {
  id: string;
  name: string;
  requiredKinds: CatalogKind[];
  items: MenuItemView[];
  createdAt: Date;
}

export interface NewMenu {
  name: string;
  requiredKinds?: CatalogKind[];
  items: { catalogItemId: string; course: Course }[];
}

/** Menus (套餐): reusable study programmes with required main-course kinds. */
@Injectable()
export class MenusService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalog: CatalogService,
  ) {}

  async create(caller: AuthUser, input: NewMenu): Promise<MenuView> {
    if (!input.name?.trim()) throw new BadInputError('name must not be empty');
    const requiredKinds = [...new Set(input.requiredKinds ?? DEFAULT_REQUIRED_KINDS)];
    const badKind = requiredKinds.find((k) => !CATALOG_KINDS.includes(k));
    if (badKind) throw new BadInputError(`requiredKinds must be among ${CATALOG_KINDS.join(', ')}`);
    if (!input.items?.length || input.items.length > MAX_MENU_ITEMS)
      throw new BadInputError(`items must have 1–${MAX_MENU_ITEMS} entries`);
    const kinds = await this.catalog.kindsOf(input.items.map((i) => i.catalogItemId));
    assertMainCourses(
      input.items.map((i) => ({ kind: kinds.get(i.catalogItemId)!.kind, course: i.course })),
      requiredKinds,
    );
    const id = await this.dataSource.transaction(async (em) => {
      const [menu] = await em.query(`INSERT INTO menus (name, required_kinds, created_by) VALUES ($1, $2::text[], $3) RETURNING id`, [
        input.name.trim(),
        requiredKinds,
        caller.id,
      ]);
      await em.query(
        `INSERT INTO menu_items (menu_id, position, catalog_item_id, course)
         SELECT $1, i.ord, i.catalog_item_id, i.course
           FROM unnest($2::uuid[], $3::text[]) WITH ORDINALITY AS i(catalog_item_id, course, ord)`,
        [menu.id, input.items.map((i) => i.catalogItemId), input.items.map((i) => i.course)],
      );
      return menu.id as string;
    });
    return this.get(id);
  }

  async get(id: string): Promise<MenuView> {
    const [menu] = await this.viewsOf(`WHERE m.id = $1`, [id]);
    if (!menu) throw new NotFoundError('menu');
    return menu;
  }

  async list(q: { limit: number; offset: number }): Promise<Page<MenuView>> {
    const [items, [{ total }]] = await Promise.all([
      this.viewsOf(`ORDER BY m.created_at DESC, m.id LIMIT $1 OFFSET $2`, [q.limit, q.offset]),
      this.dataSource.query(`SELECT count(*)::int AS total FROM menus`),
    ]);
    return { items, total };
  }

  /** Required kinds and items of a menu, for copying into a session; a menu that does not exist is a 400. */
  async forCopy(id: string): Promise<{ requiredKinds: CatalogKind[]; items: { catalogItemId: string; course: Course }[] }> {
    const [menu] = await this.viewsOf(`WHERE m.id = $1`, [id]);
    if (!menu) throw new BadInputError('menuId must name an existing menu');
    return { requiredKinds: menu.requiredKinds, items: menu.items.map((i) => ({ catalogItemId: i.catalogItemId, course: i.course })) };
  }

  /** Menus with their items in one query (items aggregated per menu). */
  private viewsOf(tail: string, params: unknown[]): Promise<MenuView[]> {
    return this.dataSource.query(
      `SELECT m.id, m.name, m.required_kinds AS "requiredKinds", m.created_at AS "createdAt",
              coalesce((SELECT json_agg(json_build_object('position', mi.position, 'catalogItemId', mi.catalog_item_id,
                                                          'title', ci.title, 'kind', ci.kind, 'course', mi.course) ORDER BY mi.position)
                          FROM menu_items mi JOIN catalog_items ci ON ci.id = mi.catalog_item_id
                         WHERE mi.menu_id = m.id), '[]'::json) AS items
         FROM menus m ${tail}`,
      params,
    );
  }
}
