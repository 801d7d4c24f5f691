import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditScope, completedSessionsFilter } from './audit-scope';

/** Column headers of the attendance export, in order. */
export const EXPORT_HEADERS = ['日期', '学习会', '单位', '用户名', '姓名', '状态', '签到时间', '补学时间', '本人所在单位'] as const;

export const STATUS_LABELS: Record<string, string> = {
  expected: '应到',
  present: '出席',
  late: '迟到',
  excused: '请假',
  absent: '缺席',
};

/** One export row, in EXPORT_HEADERS order; absent times are empty strings. */
export type ExportRow = [date: string, session: string, unit: string, username: string, name: string, status: string, checkedIn: string, madeUp: string, personUnit: string];

const FETCH_SIZE = 2_000;

/**
 * Reads the records of the scope's completed sessions for the export through a server-side cursor
 * (one snapshot, FETCH in batches of 2,000), so a million rows never sit in memory; rows come out
 * ordered by session start, session, username. Dates and times are formatted in ORG_TIMEZONE by
 * PostgreSQL. Closing the iterator early (client gone) closes the cursor and frees the connection.
 * `单位` is the session's unit; `本人所在单位` (an extra column) is the person's own unit.
 */
@Injectable()
export class AttendanceExportRows {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async *read(scope: AuditScope): AsyncGenerator<ExportRow> {
    const filter = completedSessionsFilter(scope, 2);
    const qr = this.dataSource.createQueryRunner();
    await qr.connect();
    try {
      await qr.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await qr.query(
        `DECLARE audit_export NO SCROLL CURSOR FOR
         SELECT to_char(s.starts_at AT TIME ZONE $1, 'YYYY-MM-DD') AS date, s.title, su.name AS unit, u.username,
                u.display_name AS name, r.status,
                coalesce(to_char(r.checked_in_at AT TIME ZONE $1, 'YYYY-MM-DD HH24:MI:SS'), '') AS checked_in,
                coalesce(to_char(r.made_up_at AT TIME ZONE $1, 'YYYY-MM-DD HH24:MI:SS'), '') AS made_up,
                uu.name AS person_unit
           FROM sessions s
           JOIN units su ON su.id = s.unit_id
           JOIN attendance_records r ON r.session_id = s.id
           JOIN users u ON u.id = r.user_id
           JOIN units uu ON uu.id = u.unit_id
          WHERE ${filter.sql}
          ORDER BY s.starts_at, s.id, u.username, u.id`,
        [scope.zone, ...filter.params],
      );
      for (;;) {
        const rows: Record<string, string>[] = await qr.query(`FETCH ${FETCH_SIZE} FROM audit_export`);
        for (const r of rows) {
          yield [r.date, r.title, r.unit, r.username, r.name, STATUS_LABELS[r.status] ?? r.status, r.checked_in, r.made_up, r.person_unit];
        }
        if (rows.length < FETCH_SIZE) break;
      }
    } finally {
      await qr.query('ROLLBACK').catch(() => undefined);
      await qr.release();
    }
  }
}
