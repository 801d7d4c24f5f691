import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { countChars } from '@qf/common';
import { QueryRunner } from 'typeorm';
import { AttendanceRepository } from '@qf/attendance';
import { declareCursor, fetchFrom, Sql } from '@qf/database';
import { AuditScope } from './audit-scope';
import { ExportPool } from './export-pool';

/** Column headers of the attendance export, in order. */
export const EXPORT_HEADERS = ['日期', '学习会', '单位', '用户名', '姓名', '状态', '签到时间', '补学时间', '本人所在单位', '补学字数', '补学心得'] as const;

export const STATUS_LABELS: Record<string, string> = {
  expected: '应到',
  present: '出席',
  late: '迟到',
  excused: '请假',
  absent: '缺席',
};

/** The columns PostgreSQL produces as they are shown. */
type RecordColumns = [date: string, session: string, unit: string, username: string, name: string, status: string, checkedIn: string, madeUp: string, personUnit: string];

/** One export row, in EXPORT_HEADERS order; absent times, and the make-up columns of a record without one, are empty strings. */
export type ExportRow = [...RecordColumns, makeUpChars: number | '', makeUpSummary: string];

/** A row as PostgreSQL gives it: the make-up summary last (null without one), its 字数 not counted yet. */
type DbRow = [...RecordColumns, summary: string | null];

/** 字数 is counted with the one rule (countChars), in the api rather than in SQL. */
function exportRow(row: DbRow): ExportRow {
  const summary = row[9];
  return [...(row.slice(0, 9) as RecordColumns), summary === null ? '' : countChars(summary), summary ?? ''];
}

const FETCH_SIZE = 2_000;
const CURSOR = 'audit_export';

/** The pg client under a TypeORM query runner: rows as arrays, no per-row objects. */
interface PgClient {
  query(config: { text: string; values?: unknown[]; rowMode: 'array' }): Promise<{ rows: DbRow[] }>;
}

/**
 * Reads the records of the scope's completed sessions for the export through a server-side cursor
 * (one snapshot, FETCH 2,000 rows when the consumer wants more), so a million rows never sit in
 * memory; rows come out ordered by session start, session, username (AttendanceRepository.exportRecordsQuery).
 * Dates, times and status labels are produced by PostgreSQL (times in ORG_TIMEZONE). Destroying the stream early (client gone)
 * closes the cursor and frees the connection.
 * `单位` is the session's unit; `本人所在单位` (an extra column) is the person's own unit; `补学字数` and
 * `补学心得` read the make-up study (补学) back.
 */
@Injectable()
export class AttendanceExportRows {
  constructor(
    private readonly pool: ExportPool,
    private readonly attendance: AttendanceRepository,
  ) {}

  /** An object-mode stream of ExportRow arrays, read through the exports' own pool. */
  open(scope: AuditScope): Readable {
    const query = this.attendance.exportRecordsQuery(scope, scope.zone, STATUS_LABELS);
    return new CursorStream(this.pool, declareCursor(CURSOR, query));
  }
}

class CursorStream extends Readable {
  private runner?: QueryRunner;
  private client?: PgClient;
  /** The FETCH in flight, if any: the connection is given back only once it has settled. */
  private pending?: Promise<void>;

  constructor(
    private readonly pool: ExportPool,
    private readonly declare: Sql,
  ) {
    super({ objectMode: true, highWaterMark: FETCH_SIZE });
  }

  override _read(): void {
    if (this.pending) return;
    this.pending = this.fetchBatch().then(
      () => (this.pending = undefined),
      (err) => {
        this.pending = undefined;
        this.destroy(err);
      },
    );
  }

  private async fetchBatch(): Promise<void> {
    if (!this.client) {
      this.runner = (await this.pool.dataSource()).createQueryRunner();
      this.client = (await this.runner.connect()) as PgClient;
      await this.runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      // Every row will be read: plan for the whole result, not for the first rows (the cursor default).
      await this.runner.query('SET LOCAL cursor_tuple_fraction = 1.0');
      await this.runner.query(this.declare.text, this.declare.values);
    }
    const { rows } = await this.client.query({ text: fetchFrom(CURSOR, FETCH_SIZE).text, rowMode: 'array' });
    if (this.destroyed) return;
    for (const row of rows) this.push(exportRow(row));
    if (rows.length < FETCH_SIZE) {
      await this.release();
      this.push(null);
    }
  }

  override _destroy(err: Error | null, callback: (err?: Error | null) => void): void {
    Promise.resolve(this.pending)
      .catch(() => undefined)
      .then(() => this.release())
      .then(
        () => callback(err),
        () => callback(err),
      );
  }

  private async release(): Promise<void> {
    const runner = this.runner;
    this.runner = undefined;
    if (!runner) return;
    await runner.query('ROLLBACK').catch(() => undefined);
    await runner.release();
  }
}
