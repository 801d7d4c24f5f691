import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AttendanceRepository, RosterCounts } from '@qf/attendance';
import { Page } from '@qf/common';
import { anyOf, bound, empty, join, many, one, page, raw, Sql, sql, StudySession } from '@qf/database';
import { peopleOfUnit } from '@qf/identity';
import { DataSource, EntityManager } from 'typeorm';
import { CatalogKind, Course, SessionKind, SessionStatus } from './session-kinds';

export interface SessionMenuEntryView {
  position: number;
  catalogItemId: string;
  title: string;
  kind: CatalogKind;
  course: Course;
  presenterId: string | null;
  readingItemId: string | null;
}

export type SessionCounts = RosterCounts;

export interface SessionView {
  id: string;
  unitId: string;
  title: string;
  kind: SessionKind;
  status: SessionStatus;
  startsAt: Date;
  endsAt: Date;
  location: string | null;
  seriesId: string | null;
  menuId: string | null;
  cancelReason: string | null;
  publishedAt: Date | null;
  completedAt: Date | null;
  menu: SessionMenuEntryView[];
  counts: SessionCounts;
}

type SessionRow = Omit<SessionView, 'menu' | 'counts'>;

export interface SessionFilter {
  /** 'all', or the units whose sessions may be listed. */
  unitIds: 'all' | string[];
  /** 'all', or the units whose drafts may be listed (drafts of other units are left out). */
  draftUnitIds: 'all' | string[];
  unitId?: string;
  start?: Date;
  end?: Date;
  status?: SessionStatus;
  kind?: SessionKind;
  limit: number;
  offset: number;
}

/** A session locked for a change, as the rules of update/publish/cancel read it. */
export interface LockedSession {
  id: string;
  unitId: string;
  kind: SessionKind;
  status: SessionStatus;
  title: string;
  startsAt: Date;
  endsAt: Date;
  location: string | null;
  menuId: string | null;
}

/** A session locked for completion. */
export interface CompletionState {
  unitId: string;
  status: SessionStatus;
  /** startsAt has passed (database clock). */
  started: boolean;
  /** Its finalize job's version (ENDS_VERSION). */
  version: string;
}

export interface NewSessionRow {
  unitId: string;
  title: string;
  kind: SessionKind;
  startsAt: Date;
  endsAt: Date;
  location: string | null;
  menuId: string | null;
  createdBy: string;
}

export interface SeriesRows {
  unitId: string;
  title: string;
  location: string | null;
  seriesId: string;
  menuId: string;
  createdBy: string;
  starts: Date[];
  ends: Date[];
}

/** A session's menu entry as written. */
export interface SessionMenuEntryRow {
  catalogItemId: string;
  course: Course;
  presenterId?: string | null;
  readingItemId?: string | null;
}

/** What a notification about a session says. */
export interface SessionNoticeFacts {
  title: string;
  startsAt: Date;
  endsAt: Date;
  location: string | null;
  cancelReason: string | null;
}

/**
 * The version of a session's finalize job: its ends_at in epoch microseconds, as text. Computed in SQL
 * everywhere so that it compares exactly (a JavaScript Date would drop the microseconds).
 */
const ENDS_VERSION = raw(`(extract(epoch FROM s.ends_at) * 1000000)::bigint::text`);

// Never the checkin_secret.
const COLUMNS = raw(`s.id, s.unit_id AS "unitId", s.title, s.kind, s.status, s.starts_at AS "startsAt", s.ends_at AS "endsAt",
  s.location, s.series_id AS "seriesId", s.menu_id AS "menuId", s.cancel_reason AS "cancelReason",
  s.published_at AS "publishedAt", s.completed_at AS "completedAt"`);

const NO_COUNTS: SessionCounts = { expected: 0, present: 0, late: 0, excused: 0, absent: 0 };

/**
 * All SQL of sessions and session_menu_items. Reads sessions as the API shows them: a page costs
 * three queries whatever its size (rows, menus, and the roster counts from attendance).
 */
@Injectable()
export class SessionRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly attendance: AttendanceRepository,
  ) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  private db(em?: EntityManager): EntityManager {
    return em ?? this.dataSource.manager;
  }

  /** The sessions with these ids, in the order given (missing ids are left out). */
  async views(ids: string[], em?: EntityManager): Promise<SessionView[]> {
    if (ids.length === 0) return [];
    const rows = await many<SessionRow>(this.db(em), sql`SELECT ${COLUMNS} FROM sessions s WHERE s.id ${anyOf(ids)}`);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return this.withDetails(
      ids.map((id) => byId.get(id)).filter((r): r is SessionRow => !!r),
      em,
    );
  }

  async view(id: string, em?: EntityManager): Promise<SessionView | undefined> {
    return (await this.views([id], em))[0];
  }

  async page(f: SessionFilter): Promise<Page<SessionView>> {
    const where: Sql[] = [];
    if (f.unitIds !== 'all') where.push(sql`s.unit_id ${anyOf(f.unitIds)}`);
    if (f.draftUnitIds !== 'all') where.push(sql`(s.status <> 'draft' OR s.unit_id ${anyOf(f.draftUnitIds)})`);
    if (f.unitId) where.push(sql`s.unit_id = ${f.unitId}`);
    if (f.start) where.push(sql`s.starts_at >= ${f.start}`);
    if (f.end) where.push(sql`s.starts_at < ${f.end}`);
    if (f.status) where.push(sql`s.status = ${f.status}`);
    if (f.kind) where.push(sql`s.kind = ${f.kind}`);
    const filter = where.length ? sql`WHERE ${join(where, ' AND ')}` : empty;
    const [rows, count] = await Promise.all([
      many<SessionRow>(this.dataSource, sql`SELECT ${COLUMNS} FROM sessions s ${filter} ORDER BY s.starts_at, s.id ${page(f.limit, f.offset)}`),
      one<{ total: number }>(this.dataSource, sql`SELECT count(*)::int AS total FROM sessions s ${filter}`),
    ]);
    return { items: await this.withDetails(rows), total: count!.total };
  }

  /** Menus and roster counts for a whole page: one query each. */
  private async withDetails(rows: SessionRow[], em?: EntityManager): Promise<SessionView[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [menus, countsOf] = await Promise.all([
      many<SessionMenuEntryView & { sessionId: string }>(
        this.db(em),
        sql`SELECT smi.session_id AS "sessionId", smi.position, smi.catalog_item_id AS "catalogItemId", ci.title, ci.kind, smi.course,
                   smi.presenter_id AS "presenterId", smi.reading_item_id AS "readingItemId"
              FROM session_menu_items smi JOIN catalog_items ci ON ci.id = smi.catalog_item_id
             WHERE smi.session_id ${anyOf(ids)} ORDER BY smi.session_id, smi.position`,
      ),
      this.attendance.countsBySession(ids, em),
    ]);
    const menuOf = new Map<string, SessionMenuEntryView[]>();
    for (const { sessionId, ...entry } of menus) menuOf.set(sessionId, [...(menuOf.get(sessionId) ?? []), entry]);
    return rows.map((r) => ({ ...r, menu: menuOf.get(r.id) ?? [], counts: countsOf.get(r.id) ?? { ...NO_COUNTS } }));
  }

  // --- changes ---------------------------------------------------------------------------------

  async insert(em: EntityManager, s: NewSessionRow): Promise<string> {
    const { identifiers } = await em.getRepository(StudySession).insert(s);
    return identifiers[0].id as string;
  }

  async lockForChange(em: EntityManager, id: string): Promise<LockedSession | undefined> {
    const s = await em.getRepository(StudySession).findOne({
      select: { id: true, unitId: true, kind: true, status: true, title: true, startsAt: true, endsAt: true, location: true, menuId: true },
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    return s ? { ...s, kind: s.kind as SessionKind, status: s.status as SessionStatus } : undefined;
  }

  async update(em: EntityManager, id: string, c: { title: string; startsAt: Date; endsAt: Date; location: string | null }): Promise<void> {
    await em.getRepository(StudySession).update({ id }, { ...c, updatedAt: () => 'now()' });
  }

  async markPublished(em: EntityManager, id: string): Promise<void> {
    await em.getRepository(StudySession).update({ id }, { status: 'published', publishedAt: () => 'now()', updatedAt: () => 'now()' });
  }

  async markCancelled(em: EntityManager, id: string, reason: string): Promise<void> {
    await em.getRepository(StudySession).update({ id }, { status: 'cancelled', cancelReason: reason, cancelledAt: () => 'now()', updatedAt: () => 'now()' });
  }

  lockForCompletion(em: EntityManager, id: string): Promise<CompletionState | undefined> {
    return one<CompletionState>(
      em,
      sql`SELECT s.unit_id AS "unitId", s.status, s.starts_at <= now() AS started, ${ENDS_VERSION} AS version
            FROM sessions s WHERE s.id = ${id} FOR UPDATE`,
    );
  }

  async markCompleted(em: EntityManager, id: string): Promise<void> {
    await em.getRepository(StudySession).update({ id }, { status: 'completed', completedAt: () => 'now()', updatedAt: () => 'now()' });
  }

  /** Replaces the session's menu with `entries` (positions 1…n in the order given). */
  async writeMenu(em: EntityManager, sessionId: string, entries: SessionMenuEntryRow[], replace = false): Promise<void> {
    if (replace) await many(em, sql`DELETE FROM session_menu_items WHERE session_id = ${sessionId}`);
    if (entries.length === 0) return;
    await many(
      em,
      sql`INSERT INTO session_menu_items (session_id, position, catalog_item_id, course, presenter_id, reading_item_id)
          SELECT ${sessionId}, e.ord, e.catalog_item_id, e.course, e.presenter_id, e.reading_item_id
            FROM unnest(${entries.map((e) => e.catalogItemId)}::uuid[], ${entries.map((e) => e.course)}::text[],
                        ${entries.map((e) => e.presenterId ?? null)}::uuid[], ${entries.map((e) => e.readingItemId ?? null)}::uuid[])
                 WITH ORDINALITY AS e(catalog_item_id, course, presenter_id, reading_item_id, ord)`,
    );
  }

  /** Of `userIds`, those who are people of the unit (active members and organisers of it or below). */
  async peopleOfUnitAmong(unitId: string, userIds: string[]): Promise<Set<string>> {
    const rows = await many<{ id: string }>(this.dataSource, sql`SELECT p.id FROM (${bound(peopleOfUnit, unitId)}) p WHERE p.id ${anyOf(userIds)}`);
    return new Set(rows.map((r) => r.id));
  }

  /**
   * A friday_study session already published (three days before its start) or completed (at its end),
   * with its menu's items and the first one's presenter; the session already at that unit and start
   * when there is one. Its id.
   */
  async insertSettled(
    em: EntityManager,
    s: { unitId: string; title: string; status: 'published' | 'completed'; startsAt: Date; endsAt: Date; location: string; menuId: string; createdBy: string; presenterId: string },
  ): Promise<string> {
    const row = await one<{ id: string }>(
      em,
      sql`INSERT INTO sessions (unit_id, title, kind, status, starts_at, ends_at, location, menu_id, created_by, published_at, completed_at)
          VALUES (${s.unitId}, ${s.title}, 'friday_study', ${s.status}, ${s.startsAt}, ${s.endsAt}, ${s.location}, ${s.menuId}, ${s.createdBy},
                  ${s.startsAt}::timestamptz - interval '3 days', CASE WHEN ${s.status} = 'completed' THEN ${s.endsAt}::timestamptz END)
          ON CONFLICT DO NOTHING RETURNING id`,
    );
    const id =
      row?.id ?? (await one<{ id: string }>(em, sql`SELECT id FROM sessions WHERE unit_id = ${s.unitId} AND starts_at = ${s.startsAt} AND status <> 'cancelled'`))!.id;
    await many(
      em,
      sql`INSERT INTO session_menu_items (session_id, position, catalog_item_id, course, presenter_id)
          SELECT ${id}, position, catalog_item_id, course, CASE WHEN position = 1 THEN ${s.presenterId}::uuid END FROM menu_items WHERE menu_id = ${s.menuId}
          ON CONFLICT DO NOTHING`,
    );
    return id;
  }

  // --- series ----------------------------------------------------------------------------------

  /**
   * Drafts of a weekly series, one INSERT … SELECT; idempotent on (unit, start) through the unique
   * index sessions_unit_start_idx. The ids of the sessions this call created.
   */
  async insertSeries(em: EntityManager, s: SeriesRows): Promise<string[]> {
    const rows = await many<{ id: string }>(
      em,
      sql`INSERT INTO sessions (unit_id, title, kind, starts_at, ends_at, location, series_id, menu_id, created_by)
          SELECT ${s.unitId}, ${s.title}, 'friday_study', t.starts_at, t.ends_at, ${s.location}, ${s.seriesId}, ${s.menuId}, ${s.createdBy}
            FROM unnest(${s.starts}::timestamptz[], ${s.ends}::timestamptz[]) AS t(starts_at, ends_at)
          ON CONFLICT (unit_id, starts_at) WHERE status <> 'cancelled' DO NOTHING
          RETURNING id`,
    );
    return rows.map((r) => r.id);
  }

  /** Copies a menu's (套餐) items into each of the sessions (one INSERT … SELECT). */
  async copyMenuItems(em: EntityManager, sessionIds: string[], menuId: string): Promise<void> {
    if (sessionIds.length === 0) return;
    await many(
      em,
      sql`INSERT INTO session_menu_items (session_id, position, catalog_item_id, course)
          SELECT c.id, mi.position, mi.catalog_item_id, mi.course
            FROM unnest(${sessionIds}::uuid[]) AS c(id) CROSS JOIN menu_items mi WHERE mi.menu_id = ${menuId}`,
    );
  }

  /** Sessions of the unit (not cancelled) at these starts, other than `exceptIds`, by start. */
  async idsAtStarts(unitId: string, starts: Date[], exceptIds: string[]): Promise<string[]> {
    const rows = await many<{ id: string }>(
      this.dataSource,
      sql`SELECT id FROM sessions WHERE unit_id = ${unitId} AND starts_at = ANY(${starts}::timestamptz[]) AND status <> 'cancelled'
             AND NOT (id ${anyOf(exceptIds)}) ORDER BY starts_at`,
    );
    return rows.map((r) => r.id);
  }

  // --- finalize and notifications --------------------------------------------------------------

  /** The finalize job's version and when it should run (endsAt + delay), read inside `em`. */
  finalizeRun(em: EntityManager, id: string, delaySeconds: number): Promise<{ version: string; runAt: Date } | undefined> {
    return one(em, sql`SELECT ${ENDS_VERSION} AS version, s.ends_at + make_interval(secs => ${delaySeconds}) AS "runAt" FROM sessions s WHERE s.id = ${id}`);
  }

  /** Published sessions past endsAt + delay, by id after `afterId` (keyset paging). */
  dueForFinalize(delaySeconds: number, afterId: string, limit: number): Promise<{ id: string; version: string }[]> {
    return many(
      this.dataSource,
      sql`SELECT s.id, ${ENDS_VERSION} AS version FROM sessions s
           WHERE s.status = 'published' AND s.ends_at <= now() - make_interval(secs => ${delaySeconds}) AND s.id > ${afterId}
           ORDER BY s.id LIMIT ${limit}`,
    );
  }

  noticeFacts(id: string): Promise<SessionNoticeFacts | undefined> {
    return one(
      this.dataSource,
      sql`SELECT title, starts_at AS "startsAt", ends_at AS "endsAt", location, cancel_reason AS "cancelReason" FROM sessions WHERE id = ${id}`,
    );
  }
}
