import type { AttendanceStatus } from './attendance-log.service';

export const ATTENDANCE_STATUSES: readonly AttendanceStatus[] = ['expected', 'present', 'late', 'excused', 'absent'];

/** A roster record as the API shows it. */
export interface AttendanceRecordView {
  sessionId: string;
  userId: string;
  displayName: string;
  status: AttendanceStatus;
  checkedInAt: Date | null;
  madeUpAt: Date | null;
  updatedAt: Date;
}

/** SELECT list producing an AttendanceRecordView from `r` (attendance_records) joined with `u` (users). */
export const RECORD_COLUMNS = `r.session_id AS "sessionId", r.user_id AS "userId", u.display_name AS "displayName", r.status,
       r.checked_in_at AS "checkedInAt", r.made_up_at AS "madeUpAt", r.updated_at AS "updatedAt"`;
