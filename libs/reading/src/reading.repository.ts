import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { join, many, one, page, raw, Sql, sql } from '@qf/database';
import { peopleOfUnitSql, subtreeUnitIds, unitSubtree } from '@qf/identity';
import { DataSource, EntityManager } from 'typeorm';
import type { ReadingStatus } from './reading-categories';
import type { MemberProgressView, NewReadingList, OwnProgressView, ReadingItemView, ReadingListHeader } from './reading-list.views';

/**
 * Visibility follows sessions: an organisation-wide list (unit_id null) is visible to everyone; a
 * unit's list to the people of that unit's subtree, to organisers managing the unit (an organiser of
 * an ancestor unit), and to auditors and admins.
 */

/** True when the person in row `u` (users) can see the list in row `rl` (reading_lists). */
const listVisibleToPerson = (rl = 'rl', u = 'u') => `(
  ${rl}.unit_id IS NULL OR EXISTS (
    SELECT 1 FROM units lu, units pu
     WHERE lu.id = ${rl}.unit_id AND pu.id = ${u}.unit_id
       AND (pu.path LIKE lu.path || '%' OR (${u}.role = 'organiser' AND lu.path LIKE pu.path || '%'))
  ) OR ${u}.role IN ('admin', 'auditor'))`;

/** True when list `rl` is visible given the caller's visible unit ids (null: the caller reads everything). */
const listVisibleToUnits = (visible: string[] | null, rl = 'rl'): Sql =>
  sql`(${raw(rl)}.unit_id IS NULL OR ${visible}::uuid[] IS NULL OR ${raw(rl)}.unit_id = ANY(${visible}::uuid[]))`;

const HEADER_COLUMNS = (rl = 'rl') =>
  raw(`${rl}.id, ${rl}.year, ${rl}.title, ${rl}.unit_id AS "unitId", ${rl}.created_by AS "createdBy", ${rl}.created_at AS "createdAt"`);
const ITEM_COLUMNS = raw(`ri.id, ri.position, ri.title, ri.category, ri.material_url AS "materialUrl", ri.required`);
const NO_UNIT = raw(`'00000000-0000-0000-0000-000000000000'::uuid`);

/** A list header with its item counts and one person's totals on it. */
export interface ListSummaryRow extends ReadingListHeader {
  itemCount: number;
  requiredCount: number;
  finishedRequired: number;
  discussed: number;
}

/** An item with one person's progress columns (null when they have none). */
export interface ItemWithProgressRow extends ReadingItemView {
  status: ReadingStatus | null;
  finishedAt: Date | null;
  discussedAt: Date | null;
  note: string | null;
}

export interface OwnProgressInput {
  userId: string;
  listId: string;
  itemId: string;
  /** The caller's visible unit ids; null when they read everything. */
  visible: string[] | null;
  status: ReadingStatus;
  note: string | null;
  /** false: keep the stored note. */
  replaceNote: boolean;
}

/** All SQL of reading_lists, reading_items and reading_progress. */
@Injectable()
export class ReadingRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Inserts a list and its items (positions 1…n in the order given) in two statements. Idempotent:
   * a list of the same year, scope and title is never duplicated — `created` is false and the
   * existing list's id is returned (its items are completed, never changed).
   */
  async insertList(em: EntityManager, list: NewReadingList, createdBy: string | null): Promise<{ id: string; created: boolean }> {
    const unitId = list.unitId ?? null;
    const inserted = await one<{ id: string }>(
      em,
      sql`INSERT INTO reading_lists (year, title, unit_id, created_by) VALUES (${list.year}, ${list.title}, ${unitId}, ${createdBy})
          ON CONFLICT (year, coalesce(unit_id, ${NO_UNIT}), title) DO NOTHING
          RETURNING id`,
    );
    if (!inserted) {
      const existing = await one<{ id: string }>(
        em,
        sql`SELECT id FROM reading_lists
             WHERE year = ${list.year} AND coalesce(unit_id, ${NO_UNIT}) = coalesce(${unitId}::uuid, ${NO_UNIT}) AND title = ${list.title}`,
      );
      return { id: existing!.id, created: false };
    }
    const items = list.items;
    await many(
      em,
      sql`INSERT INTO reading_items (list_id, position, title, category, material_url, required)
          SELECT ${inserted.id}::uuid, e.ord, e.title, e.category, e.material_url, e.required
            FROM unnest(${items.map((i) => i.title)}::text[], ${items.map((i) => i.category)}::text[], ${items.map((i) => i.materialUrl ?? null)}::text[],
                        ${items.map((i) => i.required ?? true)}::boolean[]) WITH ORDINALITY AS e(title, category, material_url, required, ord)
          ON CONFLICT (list_id, position) DO NOTHING`,
    );
    return { id: inserted.id, created: true };
  }

  /** A page of the lists visible to `visible`, newest year first, with `userId`'s totals on each. */
  async summaryPage(
    userId: string,
    visible: string[] | null,
    f: { year?: number; limit: number; offset: number },
  ): Promise<{ items: ListSummaryRow[]; total: number }> {
    const where = join([listVisibleToUnits(visible), ...(f.year !== undefined ? [sql`rl.year = ${f.year}`] : [])], ' AND ');
    const rows = await many<ListSummaryRow & { total: string }>(
      this.dataSource,
      sql`WITH page AS (
            SELECT rl.*, count(*) OVER () AS total FROM reading_lists rl WHERE ${where}
             ORDER BY rl.year DESC, rl.created_at DESC, rl.id ${page(f.limit, f.offset)}
          )
          SELECT ${HEADER_COLUMNS('p')}, p.total, c."itemCount", c."requiredCount", c."finishedRequired", c.discussed
            FROM page p
           CROSS JOIN LATERAL (
             SELECT count(*)::int AS "itemCount", count(*) FILTER (WHERE ri.required)::int AS "requiredCount",
                    count(*) FILTER (WHERE ri.required AND rp.status = 'finished')::int AS "finishedRequired",
                    count(rp.discussed_at)::int AS discussed
               FROM reading_items ri LEFT JOIN reading_progress rp ON rp.item_id = ri.id AND rp.user_id = ${userId}
              WHERE ri.list_id = p.id
           ) c
           ORDER BY p.year DESC, p."created_at" DESC, p.id`,
    );
    const total = rows.length
      ? Number(rows[0].total)
      : (await one<{ n: number }>(this.dataSource, sql`SELECT count(*)::int AS n FROM reading_lists rl WHERE ${where}`))!.n;
    return { items: rows.map(({ total: _total, ...row }) => row), total };
  }

  /** The list's items in order, with `userId`'s own progress on each. */
  async itemsWithProgress(listId: string, userId: string): Promise<ItemWithProgressRow[]> {
    return many<ItemWithProgressRow>(
      this.dataSource,
      sql`SELECT ${ITEM_COLUMNS}, rp.status, rp.finished_at AS "finishedAt", rp.discussed_at AS "discussedAt", rp.note
            FROM reading_items ri LEFT JOIN reading_progress rp ON rp.item_id = ri.id AND rp.user_id = ${userId}
           WHERE ri.list_id = ${listId} ORDER BY ri.position`,
    );
  }

  /** The list's header when it is visible to `visible`. */
  async findVisibleHeader(id: string, visible: string[] | null): Promise<ReadingListHeader | undefined> {
    return one<ReadingListHeader>(this.dataSource, sql`SELECT ${HEADER_COLUMNS()} FROM reading_lists rl WHERE rl.id = ${id} AND ${listVisibleToUnits(visible)}`);
  }

  async findHeader(id: string): Promise<ReadingListHeader | undefined> {
    return one<ReadingListHeader>(this.dataSource, sql`SELECT ${HEADER_COLUMNS()} FROM reading_lists rl WHERE rl.id = ${id}`);
  }

  async items(listId: string): Promise<ReadingItemView[]> {
    return many<ReadingItemView>(this.dataSource, sql`SELECT ${ITEM_COLUMNS} FROM reading_items ri WHERE ri.list_id = ${listId} ORDER BY ri.position`);
  }

  /**
   * One upsert of a person's own progress on an item of a visible list; undefined when the item is
   * unknown, of another list, or its list is not visible. `finished_at` is set when the status first
   * becomes `finished`, kept while it stays so, and cleared when it goes back to `reading`.
   */
  async upsertOwnProgress(p: OwnProgressInput): Promise<OwnProgressView | undefined> {
    return one<OwnProgressView>(
      this.dataSource,
      sql`INSERT INTO reading_progress (user_id, item_id, status, note, finished_at)
          SELECT ${p.userId}, ri.id, ${p.status}, ${p.note}, CASE WHEN ${p.status} = 'finished' THEN now() END
            FROM reading_items ri JOIN reading_lists rl ON rl.id = ri.list_id
           WHERE ri.id = ${p.itemId} AND ri.list_id = ${p.listId} AND ${listVisibleToUnits(p.visible)}
          ON CONFLICT (user_id, item_id) DO UPDATE SET
            status = excluded.status,
            note = CASE WHEN ${p.replaceNote} THEN excluded.note ELSE reading_progress.note END,
            finished_at = CASE WHEN excluded.status = 'finished' THEN coalesce(reading_progress.finished_at, excluded.finished_at) END,
            updated_at = now()
          RETURNING item_id AS "itemId", status, finished_at AS "finishedAt", discussed_at AS "discussedAt", note`,
    );
  }

  /**
   * Per-member totals on a list in one GROUP BY. Members: active members and organisers of every unit
   * in `withinUnitIds` (their subtrees); everyone active when it is empty.
   */
  async memberProgress(listId: string, withinUnitIds: string[]): Promise<{ members: MemberProgressView[]; required: number }> {
    const where = withinUnitIds.length
      ? join(withinUnitIds.map((u) => sql`p.id IN (${peopleOfUnitSql(u)})`), ' AND ')
      : sql`p.active AND p.role IN ('member', 'organiser')`;
    const rows = await many<MemberProgressView>(
      this.dataSource,
      sql`WITH items AS (SELECT id, required FROM reading_items WHERE list_id = ${listId}),
               totals AS (SELECT count(*) FILTER (WHERE required)::int AS required FROM items)
          SELECT p.id AS "userId", p.display_name AS "displayName", p.unit_id AS "unitId",
                 (count(*) FILTER (WHERE i.required AND rp.status = 'finished'))::int AS "finishedRequired",
                 t.required,
                 count(rp.discussed_at)::int AS discussed,
                 CASE WHEN t.required = 0 THEN 0
                      ELSE round((count(*) FILTER (WHERE i.required AND rp.status = 'finished'))::numeric / t.required, 4) END::float8 AS completion
            FROM users p
            CROSS JOIN totals t
            LEFT JOIN (reading_progress rp JOIN items i ON i.id = rp.item_id) ON rp.user_id = p.id
           WHERE ${where}
           GROUP BY p.id, t.required
           ORDER BY p.display_name, p.id`,
    );
    const required = rows.length
      ? rows[0].required
      : (await one<{ required: number }>(
          this.dataSource,
          sql`SELECT count(*) FILTER (WHERE required)::int AS required FROM reading_items WHERE list_id = ${listId}`,
        ))!.required;
    return { members: rows, required };
  }

  /**
   * Whether unit `unitId` lies within the list's unit or contains it (always, for an
   * organisation-wide list); undefined when there is no such unit.
   */
  async unitOverlapsList(unitId: string, listUnitId: string | null): Promise<boolean | undefined> {
    const row = await one<{ overlaps: boolean }>(
      this.dataSource,
      sql`SELECT ${listUnitId}::uuid IS NULL OR u.id IN (${unitSubtree(listUnitId)}) OR ${listUnitId}::uuid IN (${raw(subtreeUnitIds('u.id'))}) AS overlaps
            FROM units u WHERE u.id = ${unitId}`,
    );
    return row?.overlaps;
  }

  /**
   * Discussion credit, set-based and idempotent: one INSERT … SELECT … ON CONFLICT crediting the
   * completed session's present and late attendees (only `userIds` when given) who can see the item's
   * list; `discussed_at` keeps its first value. Returns how many progress rows changed.
   */
  async creditDiscussion(em: EntityManager, sessionId: string, userIds: string[] | null): Promise<number> {
    const row = await one<{ n: number }>(
      em,
      sql`WITH credited AS (
       INSERT INTO reading_progress AS rp (user_id, item_id, status, discussed_at, discussed_session_id)
       SELECT DISTINCT ON (ar.user_id, ri.id) ar.user_id, ri.id, 'reading', now(), ar.session_id
         FROM session_menu_items smi
         JOIN sessions s ON s.id = smi.session_id AND s.status = 'completed'
         JOIN reading_items ri ON ri.id = smi.reading_item_id
         JOIN reading_lists rl ON rl.id = ri.list_id
         JOIN attendance_records ar ON ar.session_id = smi.session_id AND ar.status IN ('present', 'late')
         JOIN users u ON u.id = ar.user_id
        WHERE smi.session_id = ${sessionId} AND smi.reading_item_id IS NOT NULL AND ${raw(listVisibleToPerson('rl', 'u'))}
          AND (${userIds}::uuid[] IS NULL OR ar.user_id = ANY(${userIds}::uuid[]))
       ON CONFLICT (user_id, item_id) DO UPDATE
         SET discussed_at = excluded.discussed_at, discussed_session_id = excluded.discussed_session_id, updated_at = now()
         WHERE rp.discussed_at IS NULL
       RETURNING 1)
       SELECT count(*)::int AS n FROM credited`,
    );
    return row!.n;
  }

  /** Of `itemIds`, those whose list the people of `unitId` relate to (organisation-wide, or the unit's lineage or subtree). */
  async itemIdsUsableInUnit(unitId: string, itemIds: string[], em?: EntityManager): Promise<string[]> {
    const rows = await many<{ id: string }>(
      em ?? this.dataSource.manager,
      sql`SELECT ri.id FROM reading_items ri JOIN reading_lists rl ON rl.id = ri.list_id
           WHERE ri.id = ANY(${itemIds}::uuid[])
             AND (rl.unit_id IS NULL OR EXISTS (
                   SELECT 1 FROM units lu, units su WHERE lu.id = rl.unit_id AND su.id = ${unitId}
                      AND (su.path LIKE lu.path || '%' OR lu.path LIKE su.path || '%')))`,
    );
    return rows.map((r) => r.id);
  }
}
