import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { HashableLogEntry, hashedLogColumns } from '@qf/attendance';
import { BadInputError, localDateRange, Page } from '@qf/common';
import { DataSource } from 'typeorm';
import { AuditScopeResolver } from './audit-scope';

export interface AuditLogQuery {
  sessionId?: string;
  userId?: string;
  /** Local calendar date (ORG_TIMEZONE), inclusive, on the entry's `at`. */
  from?: string;
  /** Local calendar date (ORG_TIMEZONE), inclusive, on the entry's `at`. */
  to?: string;
  limit: number;
  offset: number;
}

/** A log entry with its seal (see HashableLogEntry for the fields the chain covers). */
export interface AuditLogEntry extends Omit<HashableLogEntry, 'seq'> {
  seq: number;
  /** null until the sealer has chained the entry. */
  prevHash: string | null;
  hash: string | null;
}

/**
 * The attendance log in `seq` order with its seals (LEFT JOIN: null until sealed). Filters use the
 * log's (session_id, seq), (user_id, seq) and (at) indexes.
 */
@Injectable()
export class AttendanceLogQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scopes: AuditScopeResolver,
  ) {}

  async list(q: AuditLogQuery): Promise<Page<AuditLogEntry>> {
    if (q.from && q.to && q.from > q.to) throw new BadInputError('from must not be after to');
    let range: { start?: Date; end?: Date };
    try {
      range = localDateRange(q.from, q.to, this.scopes.zone);
    } catch {
      throw new BadInputError('from and to must be calendar dates (YYYY-MM-DD)');
    }
    const params: unknown[] = [];
    const conditions: string[] = [];
    const where = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      conditions.push(sql(`$${params.length}`));
    };
    if (q.sessionId) where((p) => `l.session_id = ${p}`, q.sessionId);
    if (q.userId) where((p) => `l.user_id = ${p}`, q.userId);
    if (range.start) where((p) => `l.at >= ${p}`, range.start);
    if (range.end) where((p) => `l.at < ${p}`, range.end);
    const whereSql = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const n = params.length;
    const [items, count] = await Promise.all([
      this.dataSource.query<AuditLogEntry[]>(
        `SELECT l.seq::float8 AS seq, ${hashedLogColumns('l')}, s.prev_hash AS "prevHash", s.hash
           FROM attendance_log l LEFT JOIN attendance_log_seals s ON s.seq = l.seq
           ${whereSql}
          ORDER BY l.seq
          LIMIT $${n + 1} OFFSET $${n + 2}`,
        [...params, q.limit, q.offset],
      ),
      this.dataSource.query<{ n: number }[]>(`SELECT count(*)::float8 AS n FROM attendance_log l ${whereSql}`, params),
    ]);
    return { items, total: count[0].n };
  }
}
