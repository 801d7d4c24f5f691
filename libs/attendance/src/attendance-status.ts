export const ATTENDANCE_STATUSES = ['expected', 'present', 'late', 'excused', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export type AttendanceAction = 'roster' | 'check_in' | 'mark' | 'leave_approved' | 'completion' | 'make_up';

/**
 * An entry of the attendance log, appended inside the transaction of the change it records
 * (AttendanceRepository.appendLog). Bulk changes append with one INSERT … SELECT over the rows they
 * changed (a data-modifying CTE) rather than per person. Entries are sealed into the hash chain
 * later by the worker's sealer; see DESIGN.md rule 4.
 */
export interface AttendanceLogEntry {
  sessionId: string;
  userId: string;
  /** null: the system (e.g. completion by the worker). */
  actorId: string | null;
  action: AttendanceAction;
  fromStatus: AttendanceStatus | null;
  toStatus: AttendanceStatus;
  reason?: string | null;
}
