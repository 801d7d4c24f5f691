import { countChars } from '@qf/common';
import type { AttendanceStatus } from './attendance-status';

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

/** A record as AttendanceRepository reads it, before recordView turns the summary into `makeUp`. */
export type AttendanceRecordRow = Omit<AttendanceRecordView, 'makeUp'> & { makeUpSummary: string | null };

/** `makeUp` from the stored summary; its 字数 is counted with the one rule (countChars). */
export function makeUpOf(summary: string | null, at: Date | null): MakeUpView | null {
  return at && summary !== null ? { summary, charCount: countChars(summary), at } : null;
}

export function recordView({ makeUpSummary, ...row }: AttendanceRecordRow): AttendanceRecordView {
  return { ...row, makeUp: makeUpOf(makeUpSummary, row.madeUpAt) };
}
