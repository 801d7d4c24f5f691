import { countChars } from '@qf/common';
import type { AttendanceStatus } from './attendance-log.service';

export const ATTENDANCE_STATUSES: readonly AttendanceStatus[] = ['expected', 'present', 'late', 'excused', 'absent'];

/** A make-up study (补学) as people read it back: the summary, its 字数, when it was sent. */
export interface MakeUpView {
  summary: string;
  charCount: number;
  at: Date;
}

/** A roster record as the API shows it. */
export interface AttendanceRecordView {
  sessionId: string;
  userId: string;
  displayName: string;
  status: AttendanceStatus;
  checkedInAt: Date | null;
  madeUpAt: Date | null;
  /** The make-up study, null until one is sent. */
  makeUp: MakeUpView | null;
  updatedAt: Date;
}

/** A row read with RECORD_COLUMNS, before recordView turns the summary into `makeUp`. */
export type AttendanceRecordRow = Omit<AttendanceRecordView, 'makeUp'> & { makeUpSummary: string | null };

/** SELECT list producing an AttendanceRecordRow from `r` (attendance_records) joined with `u` (users). */
export const RECORD_COLUMNS = `r.session_id AS "sessionId", r.user_id AS "userId", u.display_name AS "displayName", r.status,
       r.checked_in_at AS "checkedInAt", r.made_up_at AS "madeUpAt", r.made_up_summary AS "makeUpSummary", r.updated_at AS "updatedAt"`;

/** `makeUp` from the stored summary; its 字数 is counted with the one rule (countChars). */
export function makeUpOf(summary: string | null, at: Date | null): MakeUpView | null {
  return at && summary !== null ? { summary, charCount: countChars(summary), at } : null;
}

export function recordView({ makeUpSummary, ...row }: AttendanceRecordRow): AttendanceRecordView {
  return { ...row, makeUp: makeUpOf(makeUpSummary, row.madeUpAt) };
}
