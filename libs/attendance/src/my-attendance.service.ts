import { Injectable } from '@nestjs/common';
import { AuthUser, Page } from '@qf/common';
import { AttendanceRecordView, recordView } from './attendance-record.view';
import { AttendanceRepository, AttendanceSession } from './attendance.repository';

/** The session a record belongs to, as a phone page lists it. */
export type MyAttendanceSession = Pick<AttendanceSession, 'title' | 'status' | 'startsAt' | 'endsAt'> & { kind: string; location: string | null };

export interface MyAttendanceRecordView extends AttendanceRecordView {
  session: MyAttendanceSession;
}

/**
 * The caller's own attendance records (`GET /me/attendance`), newest session first, each with its
 * session's title, kind, status and times and with the make-up study (补学) read back. Drafts have no
 * roster, so they never appear.
 */
@Injectable()
export class MyAttendanceService {
  constructor(private readonly repo: AttendanceRepository) {}

  async list(user: AuthUser, q: { limit: number; offset: number }): Promise<Page<MyAttendanceRecordView>> {
    const { rows, total } = await this.repo.myRecordsPage(user.id, q);
    const items = rows.map(({ session, startsAt, endsAt, ...row }) => ({ ...recordView(row), session: { ...session, startsAt, endsAt } }));
    return { items, total };
  }
}
