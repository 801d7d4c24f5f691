import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Page } from '@qf/common';
import { join, many, one, page, pageWithTotal, raw, sql, Sql, updated } from '@qf/database';
import { deadlineSql, DEFAULT_THRESHOLDS, NotifyOnceTable, notifyOnceSql } from '@qf/deadlines';
import { DataSource, EntityManager } from 'typeorm';
import { ExtensionView, ItemCounts, ItemQuery, ItemStatus, ItemView, ProgressKind, ProgressView } from './supervision-kinds';

/** 三色预警 of an item `i` (the deadline engine's rule): window from assignment to due time, closed items have none. */
export const ITEM_DEADLINE = deadlineSql({
  open: `i.status <> 'closed'`,
  start: 'i.assigned_at',
  due: 'i.due_at',
  yellow: String(DEFAULT_THRESHOLDS.yellow),
  orange: String(DEFAULT_THRESHOLDS.orange),
});

/** Not accepted by the end of the first working day after assignment (accepted late counts too). */
export const UNACKNOWLEDGED_SQL = `(coalesce(i.accepted_at, now()) > i.ack_due_at)`;

/** The notify-once sweep over open items (yellow: supervision_due_soon, red: supervision_overdue). */
export const ITEM_WARNINGS: NotifyOnceTable = {
  table: 'supervision_items',
  alias: 'i',
  flags: { yellow: 'warned_yellow', red: 'warned_red' },
  open: `i.status <> 'closed'`,
  rule: ITEM_DEADLINE,
  returning: 'i.id, i.owner_id, i.due_at, i.title',
  notify: {
    userId: 'owner_id',
    title: 'title',
    // One notification per colour and due time (the engine's due second): an approved extension may warn again.
    due: 'due_at',
    link: `'/supervision/items/' || id`,
    id: 'id',
  },
};

type ItemRow = Omit<ItemView, 'extensions' | 'progress'>;

const COLUMNS = `i.id, i.kind, i.title, i.detail, i.source, i.unit_id AS "unitId", i.owner_id AS "ownerId", o.display_name AS "ownerName",
  i.supervisor_id AS "supervisorId", s.display_name AS "supervisorName", i.campaign_id AS "campaignId",
  i.time_limit_days AS "timeLimitDays", i.assigned_at AS "assignedAt", i.original_due_at AS "originalDueAt", i.due_at AS "dueAt",
  i.ack_due_at AS "ackDueAt", i.accepted_at AS "acceptedAt", i.reported_at AS "reportedAt", i.closed_at AS "closedAt", i.status,
  ${ITEM_DEADLINE.warning} AS warning, ${UNACKNOWLEDGED_SQL} AS unacknowledged, i.late`;
const FROM = `supervision_items i JOIN users o ON o.id = i.owner_id JOIN users s ON s.id = i.supervisor_id`;

export type NewItemRow = Pick<ItemView, 'kind' | 'title' | 'detail' | 'source' | 'unitId' | 'ownerId' | 'supervisorId' | 'campaignId' | 'assignedAt' | 'dueAt' | 'ackDueAt'> & {
  timeLimitDays: number;
};

/** Who may be listed: everything, or the caller's own, supervised and managed units' items. */
export type ItemScope = 'all' | { userId: string; unitIds: string[] };

export type ItemFilter = ItemQuery & { scope: ItemScope };

/** The locked state of an item, for a transition. */
export interface ItemState {
  id: string;
  status: ItemStatus;
  ownerId: string;
  supervisorId: string;
  unitId: string;
  title: string;
  dueAt: Date;
  closedLate: boolean;
}

/** Per-unit counts of the report (科室目标考核), before the rate. */
export interface UnitCountsRow extends ItemCounts {
  unitId: string;
  unitName: string;
}

/** The units a report covers: all, or the subtree of one unit. */
export type ReportUnits = 'all' | { subtreeOf: string };

/** An item's state for a transition or a visibility check (ItemState). */
const ITEM_STATE = raw(`id, status, owner_id AS "ownerId", supervisor_id AS "supervisorId", unit_id AS "unitId", title, due_at AS "dueAt",
       (now() > due_at) AS "closedLate"`);

/**
 * The report's one GROUP BY: every unit of the scope with the counts of the items assigned in
 * [start, end) (either open-ended) whose owner belonged to it at assignment. Exported for
 * bench/supervision, which times this very statement against the api.
 */
export function countsByUnitSql(units: ReportUnits, start: Date | null, end: Date | null): Sql {
  const scope = units === 'all' ? sql`TRUE` : sql`un.path LIKE (SELECT path FROM units WHERE id = ${units.subtreeOf}) || '%'`;
  return sql`SELECT un.id AS "unitId", un.name AS "unitName",
                    count(i.id)::int AS total,
                    count(*) FILTER (WHERE i.status = 'closed' AND NOT i.late)::int AS "closedOnTime",
                    count(*) FILTER (WHERE i.status = 'closed' AND i.late)::int AS "closedLate",
                    count(*) FILTER (WHERE i.status <> 'closed')::int AS open,
                    count(*) FILTER (WHERE i.status <> 'closed' AND i.due_at < now())::int AS overdue,
                    count(*) FILTER (WHERE ${raw(UNACKNOWLEDGED_SQL)})::int AS unacknowledged
               FROM units un
               LEFT JOIN supervision_items i ON i.unit_id = un.id
                    AND (${start}::timestamptz IS NULL OR i.assigned_at >= ${start}) AND (${end}::timestamptz IS NULL OR i.assigned_at < ${end})
              WHERE ${scope}
              GROUP BY un.id, un.name
              ORDER BY un.name, un.id`;
}

/** Owns supervision_items, supervision_extensions, supervision_progress and supervision_digest_runs. */
@Injectable()
export class SupervisionItemRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private q(em?: EntityManager) {
    return em ?? this.dataSource.manager;
  }

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The notify-once sweep (deadline engine) of one batch; returns how many items were flagged. */
  async sweepWarnings(colour: 'yellow' | 'red', kind: string, titlePrefix: string, zone: string, batch: number): Promise<number> {
    const row = await one<{ n: number }>(this.dataSource, notifyOnceSql(ITEM_WARNINGS, colour, batch, { kind, title: titlePrefix, zone }));
    return row!.n;
  }

  /**
   * The report in one GROUP BY: every unit of the scope with the counts of the items assigned in
   * [start, end) (either open-ended) whose owner belonged to it at assignment.
   */
  countsByUnit(units: ReportUnits, start: Date | null, end: Date | null): Promise<UnitCountsRow[]> {
    return many<UnitCountsRow>(this.dataSource, countsByUnitSql(units, start, end));
  }

  async digestRan(week: string): Promise<boolean> {
    return (await many(this.dataSource, sql`SELECT 1 FROM supervision_digest_runs WHERE week = ${week}::date`)).length > 0;
  }

  /**
   * Claims the digest of `week` and notifies each supervisor of their open items that are overdue or
   * unacknowledged (still not accepted), in one statement; undefined when the week was claimed before.
   */
  async sendDigest(em: EntityManager, week: string): Promise<number | undefined> {
    const claimed = await many(em, sql`INSERT INTO supervision_digest_runs (week) VALUES (${week}::date) ON CONFLICT DO NOTHING RETURNING week`);
    if (claimed.length === 0) return undefined;
    const digest = await one<{ n: number }>(
      em,
      sql`WITH per AS (
         SELECT i.supervisor_id,
                count(*) FILTER (WHERE i.due_at < now())::int AS overdue,
                count(*) FILTER (WHERE ${raw(UNACKNOWLEDGED_SQL)} AND i.status = 'assigned')::int AS unack
           FROM supervision_items i
          WHERE i.status <> 'closed' AND (i.due_at < now() OR (${raw(UNACKNOWLEDGED_SQL)} AND i.status = 'assigned'))
          GROUP BY i.supervisor_id),
       sent AS (
         INSERT INTO notifications (user_id, kind, title, body, link, event_key)
         SELECT supervisor_id, 'supervision_digest', '督办周报（' || ${week} || '）：逾期 ' || overdue || ' 项，未签收 ' || unack || ' 项',
                '逾期未办结 ' || overdue || ' 项；超过一个工作日未签收 ' || unack || ' 项。',
                '/supervision/items?warning=red', 'supervision_digest:' || ${week}
           FROM per
         ON CONFLICT (event_key, user_id) DO NOTHING
         RETURNING 1)
       SELECT count(*)::int AS n FROM sent`,
    );
    const n = digest!.n;
    await updated(em, sql`UPDATE supervision_digest_runs SET recipients = ${n} WHERE week = ${week}::date`);
    return n;
  }

  /** Inserts items in one statement; returns their ids in input order. */
  async insert(em: EntityManager, rows: NewItemRow[]): Promise<string[]> {
    if (rows.length === 0) return [];
    const col = <K extends keyof NewItemRow>(k: K) => rows.map((r) => r[k]);
    const inserted = await many<{ id: string }>(
      em,
      sql`INSERT INTO supervision_items (kind, title, detail, source, unit_id, owner_id, supervisor_id, campaign_id, time_limit_days,
                                         assigned_at, original_due_at, due_at, ack_due_at)
          SELECT r.kind, r.title, r.detail, r.source, r.unit_id, r.owner_id, r.supervisor_id, r.campaign_id, r.time_limit_days,
                 r.assigned_at, r.due_at, r.due_at, r.ack_due_at
            FROM unnest(${col('kind')}::text[], ${col('title')}::text[], ${col('detail')}::text[], ${col('source')}::text[], ${col('unitId')}::uuid[],
                        ${col('ownerId')}::uuid[], ${col('supervisorId')}::uuid[], ${col('campaignId')}::uuid[], ${col('timeLimitDays')}::int[],
                        ${col('assignedAt')}::timestamptz[], ${col('dueAt')}::timestamptz[], ${col('ackDueAt')}::timestamptz[])
                 WITH ORDINALITY AS r(kind, title, detail, source, unit_id, owner_id, supervisor_id, campaign_id, time_limit_days,
                                      assigned_at, due_at, ack_due_at, ord)
           ORDER BY r.ord
          RETURNING id`,
    );
    return inserted.map((r) => r.id);
  }

  async views(ids: string[], em?: EntityManager): Promise<ItemView[]> {
    if (ids.length === 0) return [];
    const rows = await many<ItemRow>(this.q(em), sql`SELECT ${raw(COLUMNS)} FROM ${raw(FROM)} WHERE i.id = ANY(${ids}::uuid[])`);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return this.withDetails(
      ids.map((id) => byId.get(id)).filter((r): r is ItemRow => !!r),
      em,
    );
  }

  async view(id: string, em?: EntityManager): Promise<ItemView | undefined> {
    return (await this.views([id], em))[0];
  }

  async page(f: ItemFilter): Promise<Page<ItemView>> {
    const where: Sql[] = [sql`TRUE`];
    if (f.scope !== 'all') {
      where.push(sql`(i.owner_id = ${f.scope.userId} OR i.supervisor_id = ${f.scope.userId} OR i.unit_id = ANY(${f.scope.unitIds}::uuid[]))`);
    }
    if (f.status) where.push(sql`i.status = ${f.status}`);
    if (f.warning) where.push(raw(ITEM_DEADLINE.filter(f.warning)));
    if (f.unitId) where.push(sql`i.unit_id = ${f.unitId}`);
    if (f.ownerId) where.push(sql`i.owner_id = ${f.ownerId}`);
    if (f.kind) where.push(sql`i.kind = ${f.kind}`);
    if (f.campaignId) where.push(sql`i.campaign_id = ${f.campaignId}`);
    if (f.unacknowledged !== undefined) where.push(raw(f.unacknowledged ? UNACKNOWLEDGED_SQL : `NOT ${UNACKNOWLEDGED_SQL}`));
    const filter = join(where, ' AND ');
    const { items, total } = await pageWithTotal<ItemRow>(
      this.dataSource,
      sql`SELECT ${raw(COLUMNS)} FROM ${raw(FROM)} WHERE ${filter} ORDER BY i.due_at, i.id ${page(f.limit, f.offset)}`,
      sql`SELECT count(*)::int AS total FROM supervision_items i WHERE ${filter}`,
    );
    return { items: await this.withDetails(items), total };
  }

  /** Locks an item for a transition; undefined when it does not exist. */
  async lock(em: EntityManager, id: string): Promise<ItemState | undefined> {
    return one<ItemState>(em, sql`SELECT ${ITEM_STATE} FROM supervision_items WHERE id = ${id} FOR UPDATE`);
  }

  /** The state of an item without a lock (for visibility checks). */
  async state(id: string): Promise<ItemState | undefined> {
    return one<ItemState>(this.dataSource, sql`SELECT ${ITEM_STATE} FROM supervision_items WHERE id = ${id}`);
  }

  async accept(em: EntityManager, id: string): Promise<void> {
    await updated(em, sql`UPDATE supervision_items SET status = 'accepted', accepted_at = now(), updated_at = now() WHERE id = ${id}`);
  }

  /** Accepted at assignment (self-filed items). */
  async acceptAll(em: EntityManager, ids: string[]): Promise<void> {
    await updated(em, sql`UPDATE supervision_items SET status = 'accepted', accepted_at = assigned_at WHERE id = ANY(${ids}::uuid[])`);
  }

  /** Open, closed and overdue items of a campaign, optionally only those of some owners' units. */
  async campaignCounts(campaignId: string, unitIds: 'all' | string[]): Promise<{ open: number; closed: number; overdue: number }> {
    const units = unitIds === 'all' ? null : unitIds;
    const row = await one<{ open: number; closed: number; overdue: number }>(
      this.dataSource,
      sql`SELECT count(*) FILTER (WHERE status <> 'closed')::int AS open, count(*) FILTER (WHERE status = 'closed')::int AS closed,
                 count(*) FILTER (WHERE status <> 'closed' AND due_at < now())::int AS overdue
            FROM supervision_items WHERE campaign_id = ${campaignId} AND (${units}::uuid[] IS NULL OR unit_id = ANY(${units}::uuid[]))`,
    );
    return row!;
  }

  async report(em: EntityManager, id: string): Promise<void> {
    await updated(em, sql`UPDATE supervision_items SET status = 'reported', reported_at = now(), updated_at = now() WHERE id = ${id}`);
  }

  /** Back to accepted, for more work. */
  async reopen(em: EntityManager, id: string): Promise<void> {
    await updated(em, sql`UPDATE supervision_items SET status = 'accepted', reported_at = NULL, updated_at = now() WHERE id = ${id}`);
  }

  async close(em: EntityManager, id: string, byId: string): Promise<void> {
    await updated(
      em,
      sql`UPDATE supervision_items SET status = 'closed', closed_at = now(), closed_by = ${byId}, late = now() > due_at, updated_at = now() WHERE id = ${id}`,
    );
  }

  /** Appends a progress entry; returns its id. */
  async addProgress(em: EntityManager, id: string, kind: ProgressKind, note: string, byId: string): Promise<string> {
    const row = await one<{ id: string }>(em, sql`INSERT INTO supervision_progress (item_id, kind, note, by_id) VALUES (${id}, ${kind}, ${note}, ${byId}) RETURNING id`);
    return String(row!.id);
  }

  /** A new pending extension request; false when one is already pending. */
  async requestExtension(em: EntityManager, id: string, to: Date, reason: string, byId: string): Promise<number | undefined> {
    const rows = await many<{ n: number }>(
      em,
      sql`INSERT INTO supervision_extensions (item_id, n, from_due_at, to_due_at, reason, requested_by)
          SELECT ${id}::uuid, coalesce((SELECT max(n) FROM supervision_extensions WHERE item_id = ${id}), 0) + 1, i.due_at,
                 ${to}::timestamptz, ${reason}::text, ${byId}::uuid
            FROM supervision_items i WHERE i.id = ${id}
          ON CONFLICT (item_id) WHERE status = 'pending' DO NOTHING
          RETURNING n`,
    );
    return rows[0]?.n;
  }

  /** Locks one extension request. */
  async lockExtension(em: EntityManager, id: string, n: number): Promise<{ status: string; to: Date; requestedBy: string } | undefined> {
    return one(em, sql`SELECT status, to_due_at AS "to", requested_by AS "requestedBy" FROM supervision_extensions WHERE item_id = ${id} AND n = ${n} FOR UPDATE`);
  }

  /** Records the decision; an approval moves the due time and clears the warning flags (a new window). */
  async decideExtension(em: EntityManager, id: string, n: number, approve: boolean, byId: string): Promise<void> {
    await updated(
      em,
      sql`UPDATE supervision_extensions SET status = ${approve ? 'approved' : 'rejected'}, decided_by = ${byId}, decided_at = now() WHERE item_id = ${id} AND n = ${n}`,
    );
    if (approve) {
      await updated(
        em,
        sql`UPDATE supervision_items i SET due_at = e.to_due_at, warned_yellow = false, warned_red = false, updated_at = now()
              FROM supervision_extensions e WHERE e.item_id = ${id} AND e.n = ${n} AND i.id = ${id}`,
      );
    }
  }

  private async withDetails(rows: ItemRow[], em?: EntityManager): Promise<ItemView[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [extensions, progress] = await Promise.all([
      many<ExtensionView & { itemId: string }>(
        this.q(em),
        sql`SELECT item_id AS "itemId", n, from_due_at AS "from", to_due_at AS "to", reason, status, requested_at AS "requestedAt",
                   decided_by AS "decidedBy", decided_at AS "decidedAt"
              FROM supervision_extensions WHERE item_id = ANY(${ids}::uuid[]) ORDER BY item_id, n`,
      ),
      many<ProgressView & { itemId: string }>(
        this.q(em),
        sql`SELECT item_id AS "itemId", at, by_id AS "byId", kind, note FROM supervision_progress WHERE item_id = ANY(${ids}::uuid[]) ORDER BY item_id, id`,
      ),
    ]);
    const group = <T extends { itemId: string }>(list: T[]) => {
      const m = new Map<string, Omit<T, 'itemId'>[]>();
      for (const { itemId, ...rest } of list) m.set(itemId, [...(m.get(itemId) ?? []), rest]);
      return m;
    };
    const ext = group(extensions);
    const prog = group(progress);
    return rows.map((r) => ({ ...r, extensions: (ext.get(r.id) ?? []), progress: (prog.get(r.id) ?? []) }));
  }
}
