import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthUser, Page } from '@qf/common';
import { DataSource } from 'typeorm';
import { AttendanceRecordRow, AttendanceRecordView, RECORD_COLUMNS, recordView } from './attendance-record.view';
import { AttendanceSession } from './attendance-sessions';

/** The session a record belongs to, as a phone page lists it. */
export type MyAttendanceSession = Pick<AttendanceSession, 'title' | 'status' | 'startsAt' | 'endsAt'> & { kind: string; location: string | null };

export interface MyAttendanceRecordView extends AttendanceRecordView {
  session: MyAttendanceSession;
}

type MyRow = AttendanceRecordRow & { session: MyAttendanceSession };

/**
 * The caller's own attendance records (`GET /me/attendance`), newest session first, each with its
 * session's title, kind, status and times and with the make-up study (补学) read back. Drafts have no
 * roster, so they never appear.
 */
@Injectable()
export class MyAttendanceService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(user: AuthUser, q: { limit: number; offset: number }): Promise<Page<MyAttendanceRecordView>> {
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${RECORD_COLUMNS},
                json_build_object('title', s.title, 'kind', s.kind, 'status', s.status, 'location', s.location) AS session,
                s.starts_at AS "startsAt", s.ends_at AS "endsAt"
           FROM attendance_records r
           JOIN users u ON u.id = r.user_id
           JOIN sessions s ON s.id = r.session_id
          WHERE r.user_id = $1
          ORDER BY s.starts_at DESC, s.id LIMIT $2 OFFSET $3`,
        [user.id, q.limit, q.offset],
      ) as Promise<(MyRow & { startsAt: Date; endsAt: Date })[]>,
      this.dataSource.query(`SELECT count(*)::int AS total FROM attendance_records WHERE user_id = $1`, [user.id]),
    ]);
    const items = rows.map(({ session, startsAt, endsAt, ...row }) => ({ ...recordView(row), session: { ...session, startsAt, endsAt } }));
    return { items, total };
  }
}
