import { Injectable } from '@nestjs/common';
import { AttendanceRepository } from '@qf/attendance';
import { AuditRangeInput, AuditScopeResolver } from './audit-scope';

export const ANOMALY_KINDS = ['repeated_absence', 'repeated_late', 'changed_after_completion', 'undecided_leave'] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

export interface AttendanceAnomaly {
  kind: AnomalyKind;
  userId?: string;
  sessionId?: string;
  /** Human-readable explanation (Chinese). */
  detail: string;
  /** repeated_*: how many records; changed_after_completion: how many log entries. */
  count: number;
  /** repeated_absence: how many of those absences were made up (补学) later. */
  madeUp?: number;
  /** changed_after_completion: when the record was last changed. */
  lastChangedAt?: Date;
  /** undecided_leave: the request still pending although its session is completed. */
  leaveRequestId?: string;
}

/** Threshold for repeated_absence and repeated_late, in records within the range. */
export const REPEAT_THRESHOLD = 3;

/**
 * Attendance anomalies over the completed sessions of a unit subtree in a local date range:
 * - `repeated_absence`: a person with ≥ 3 `absent` records. `absent` already means unexcused
 *   (an approved leave is `excused`). Absences made up later still count: a make-up (补学) is a
 *   remedy after the fact and never changes the status; how many were made up is in the item.
 * - `repeated_late`: a person with ≥ 3 `late` records.
 * - `changed_after_completion`: a record with log entries written after its session was completed,
 *   other than the completion entries themselves (`completion`) and make-ups (`make_up`: the one
 *   change the rules expect after completion, and it leaves the status as it was). One item per
 *   record, with the number of such entries.
 * - `undecided_leave`: a leave request still `pending` although its session is completed (nobody
 *   decided it; completion does not decide it either, so the record stays as completion left it).
 *   One item per request (count 1).
 * Three set-based queries of AttendanceRepository (two GROUP BY), no per-person or per-session queries.
 */
@Injectable()
export class AttendanceAnomaliesService {
  constructor(
    private readonly attendance: AttendanceRepository,
    private readonly scopes: AuditScopeResolver,
  ) {}

  async find(input: AuditRangeInput): Promise<{ items: AttendanceAnomaly[] }> {
    const scope = await this.scopes.resolve(input);
    const [repeated, changed, undecided] = await Promise.all([
      this.attendance.repeatedAbsenceOrLate(scope, REPEAT_THRESHOLD),
      this.attendance.changedAfterCompletion(scope),
      this.attendance.undecidedLeaves(scope),
    ]);
    const items: AttendanceAnomaly[] = [];
    for (const r of repeated) {
      if (r.absent >= REPEAT_THRESHOLD) {
        items.push({
          kind: 'repeated_absence',
          userId: r.userId,
          count: r.absent,
          madeUp: r.absentMadeUp,
          detail: `缺席 ${r.absent} 次（其中已补学 ${r.absentMadeUp} 次）`,
        });
      }
      if (r.late >= REPEAT_THRESHOLD) {
        items.push({ kind: 'repeated_late', userId: r.userId, count: r.late, detail: `迟到 ${r.late} 次` });
      }
    }
    for (const c of changed) {
      items.push({
        kind: 'changed_after_completion',
        userId: c.userId,
        sessionId: c.sessionId,
        count: c.changes,
        lastChangedAt: c.lastChangedAt,
        detail: `学习会结束后考勤记录被修改 ${c.changes} 次`,
      });
    }
    for (const u of undecided) {
      items.push({
        kind: 'undecided_leave',
        userId: u.userId,
        sessionId: u.sessionId,
        leaveRequestId: u.id,
        count: 1,
        detail: '请假申请在学习会结束时仍未审批',
      });
    }
    return { items };
  }
}
