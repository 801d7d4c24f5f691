import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Page } from '@qf/common';
import { anyOf, empty, join, many, Menu, one, page, raw, Sql, sql } from '@qf/database';
import { DataSource, EntityManager } from 'typeorm';
import { containsPattern } from './like-pattern';
import { CatalogKind, Course } from './session-kinds';

export interface CatalogItemView {
  id: string;
  title: string;
  kind: CatalogKind;
  summary: string | null;
  materialUrl: string | null;
  durationMinutes: number | null;
  createdAt: Date;
}

export interface CatalogItemRow {
  title: string;
  kind: CatalogKind;
  summary: string | null;
  materialUrl: string | null;
  durationMinutes: number | null;
  createdBy: string;
}

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

const ITEM_COLUMNS = raw(`id, title, kind, summary, material_url AS "materialUrl", duration_minutes AS "durationMinutes", created_at AS "createdAt"`);

/** All SQL of the study catalog (catalog_items) and of menus (menus, menu_items). */
@Injectable()
export class CatalogRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async insertItem(item: CatalogItemRow): Promise<CatalogItemView> {
    return (await one<CatalogItemView>(
      this.dataSource,
      sql`INSERT INTO catalog_items (title, kind, summary, material_url, duration_minutes, created_by)
          VALUES (${item.title}, ${item.kind}, ${item.summary}, ${item.materialUrl}, ${item.durationMinutes}, ${item.createdBy}) RETURNING ${ITEM_COLUMNS}`,
    ))!;
  }

  /** `text`: a substring of the title or summary (case-insensitive, wildcards taken literally). */
  async itemsPage(q: { kind?: CatalogKind; text?: string; limit: number; offset: number }): Promise<Page<CatalogItemView>> {
    const where: Sql[] = [];
    if (q.kind) where.push(sql`kind = ${q.kind}`);
    if (q.text) {
      const pattern = containsPattern(q.text);
      where.push(sql`(title ILIKE ${pattern} OR summary ILIKE ${pattern})`);
    }
    const filter = where.length ? sql`WHERE ${join(where, ' AND ')}` : empty;
    const [items, count] = await Promise.all([
      many<CatalogItemView>(this.dataSource, sql`SELECT ${ITEM_COLUMNS} FROM catalog_items ${filter} ORDER BY created_at DESC, id ${page(q.limit, q.offset)}`),
      one<{ total: number }>(this.dataSource, sql`SELECT count(*)::int AS total FROM catalog_items ${filter}`),
    ]);
    return { items, total: count!.total };
  }

  kindsOf(ids: string[]): Promise<{ id: string; kind: CatalogKind; title: string }[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return many(this.dataSource, sql`SELECT id, kind, title FROM catalog_items WHERE id ${anyOf(ids)}`);
  }

  /** Inserts catalog items (one INSERT … SELECT unnest); their ids by title. */
  async insertItems(em: EntityManager, items: { title: string; kind: CatalogKind; summary: string; durationMinutes: number }[], createdBy: string): Promise<Map<string, string>> {
    const rows = await many<{ id: string; title: string }>(
      em,
      sql`INSERT INTO catalog_items (title, kind, summary, duration_minutes, created_by)
          SELECT title, kind, summary, minutes, ${createdBy}
            FROM unnest(${items.map((c) => c.title)}::text[], ${items.map((c) => c.kind)}::text[], ${items.map((c) => c.summary)}::text[],
                        ${items.map((c) => c.durationMinutes)}::int[]) AS t(title, kind, summary, minutes)
          RETURNING id, title`,
    );
    return new Map(rows.map((r) => [r.title, r.id]));
  }

  /** A menu and its items (positions 1…n in the order given), in the caller's transaction. */
  async insertMenu(em: EntityManager, menu: { name: string; requiredKinds: CatalogKind[]; createdBy: string; items: { catalogItemId: string; course: Course }[] }): Promise<string> {
    const row = await one<{ id: string }>(
      em,
      sql`INSERT INTO menus (name, required_kinds, created_by) VALUES (${menu.name}, ${menu.requiredKinds}::text[], ${menu.createdBy}) RETURNING id`,
    );
    await many(
      em,
      sql`INSERT INTO menu_items (menu_id, position, catalog_item_id, course)
          SELECT ${row!.id}, i.ord, i.catalog_item_id, i.course
            FROM unnest(${menu.items.map((i) => i.catalogItemId)}::uuid[], ${menu.items.map((i) => i.course)}::text[]) WITH ORDINALITY AS i(catalog_item_id, course, ord)`,
    );
    return row!.id;
  }

  async findMenu(id: string): Promise<MenuView | undefined> {
    return (await this.menuViews(sql`WHERE m.id = ${id}`))[0];
  }

  async menusPage(q: { limit: number; offset: number }): Promise<Page<MenuView>> {
    const [items, count] = await Promise.all([
      this.menuViews(sql`ORDER BY m.created_at DESC, m.id ${page(q.limit, q.offset)}`),
      one<{ total: number }>(this.dataSource, sql`SELECT count(*)::int AS total FROM menus`),
    ]);
    return { items, total: count!.total };
  }

  async requiredKindsOf(menuId: string): Promise<CatalogKind[] | undefined> {
    const menu = await this.dataSource.getRepository(Menu).findOne({ select: { id: true, requiredKinds: true }, where: { id: menuId } });
    return menu?.requiredKinds as CatalogKind[] | undefined;
  }

  /** Menus with their items in one query (items aggregated per menu). */
  private menuViews(tail: Sql): Promise<MenuView[]> {
    return many<MenuView>(
      this.dataSource,
      sql`SELECT m.id, m.name, m.required_kinds AS "requiredKinds", m.created_at AS "createdAt",
                 coalesce((SELECT json_agg(json_build_object('position', mi.position, 'catalogItemId', mi.catalog_item_id,
                                                             'title', ci.title, 'kind', ci.kind, 'course', mi.course) ORDER BY mi.position)
                             FROM menu_items mi JOIN catalog_items ci ON ci.id = mi.catalog_item_id
                            WHERE mi.menu_id = m.id), '[]'::json) AS items
            FROM menus m ${tail}`,
    );
  }
}
