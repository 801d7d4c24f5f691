import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Page } from '@qf/common';
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

export interface SessionCounts {
  expected: number;
  present: number;
  late: number;
  excused: number;
  absent: number;
}

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

// Never the checkin_secret.
const COLUMNS = `s.id, s.unit_id AS "unitId", s.title, s.kind, s.status, s.starts_at AS "startsAt", s.ends_at AS "endsAt",
  s.location, s.series_id AS "seriesId", s.menu_id AS "menuId", s.cancel_reason AS "cancelReason",
  s.published_at AS "publishedAt", s.completed_at AS "completedAt"`;

const NO_COUNTS: SessionCounts = { expected: 0, present: 0, late: 0, excused: 0, absent: 0 };

/** Reads sessions as the API shows them; a page costs three queries whatever its size (rows, menus, counts). */
@Injectable()
export class SessionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The sessions with these ids, in the order given (missing ids are left out). */
  async views(ids: string[], em?: EntityManager): Promise<SessionView[]> {
    if (ids.length === 0) return [];
    const rows: SessionRow[] = await (em ?? this.dataSource.manager).query(`SELECT ${COLUMNS} FROM sessions s WHERE s.id = ANY($1::uuid[])`, [ids]);
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
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.unitIds !== 'all') where.push(`s.unit_id = ANY($${params.push(f.unitIds)}::uuid[])`);
    if (f.draftUnitIds !== 'all') where.push(`(s.status <> 'draft' OR s.unit_id = ANY($${params.push(f.draftUnitIds)}::uuid[]))`);
    if (f.unitId) where.push(`s.unit_id = $${params.push(f.unitId)}`);
    if (f.start) where.push(`s.starts_at >= $${params.push(f.start)}`);
    if (f.end) where.push(`s.starts_at < $${params.push(f.end)}`);
    if (f.status) where.push(`s.status = $${params.push(f.status)}`);
    if (f.kind) where.push(`s.kind = $${params.push(f.kind)}`);
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${COLUMNS} FROM sessions s ${filter} ORDER BY s.starts_at, s.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, f.limit, f.offset],
      ) as Promise<SessionRow[]>,
      this.dataSource.query(`SELECT count(*)::int AS total FROM sessions s ${filter}`, params),
    ]);
    return { items: await this.withDetails(rows), total };
  }

  /** Menus and roster counts for a whole page: one query each. */
  private async withDetails(rows: SessionRow[], em?: EntityManager): Promise<SessionView[]> {
    if (rows.length === 0) return [];
    const q = em ?? this.dataSource.manager;
    const ids = rows.map((r) => r.id);
    const [menus, counts] = await Promise.all([
      q.query(
        `SELECT smi.session_id AS "sessionId", smi.position, smi.catalog_item_id AS "catalogItemId", ci.title, ci.kind, smi.course,
                smi.presenter_id AS "presenterId", smi.reading_item_id AS "readingItemId"
           FROM session_menu_items smi JOIN catalog_items ci ON ci.id = smi.catalog_item_id
          WHERE smi.session_id = ANY($1::uuid[]) ORDER BY smi.session_id, smi.position`,
        [ids],
      ) as Promise<(SessionMenuEntryView & { sessionId: string })[]>,
      q.query(
        `SELECT session_id AS "sessionId",
                count(*) FILTER (WHERE status = 'expected')::int AS expected,
                count(*) FILTER (WHERE status = 'present')::int AS present,
                count(*) FILTER (WHERE status = 'late')::int AS late,
                count(*) FILTER (WHERE status = 'excused')::int AS excused,
                count(*) FILTER (WHERE status = 'absent')::int AS absent
           FROM attendance_records WHERE session_id = ANY($1::uuid[]) GROUP BY session_id`,
        [ids],
      ) as Promise<(SessionCounts & { sessionId: string })[]>,
    ]);
    const menuOf = new Map<string, SessionMenuEntryView[]>();
    for (const { sessionId, ...entry } of menus) menuOf.set(sessionId, [...(menuOf.get(sessionId) ?? []), entry]);
    const countsOf = new Map(counts.map(({ sessionId, ...c }) => [sessionId, c]));
    return rows.map((r) => ({ ...r, menu: menuOf.get(r.id) ?? [], counts: countsOf.get(r.id) ?? { ...NO_COUNTS } }));
  }
}
