import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export type AttendanceStatus = 'expected' | 'present' | 'late' | 'excused' | 'absent';
export type AttendanceAction = 'roster' | 'check_in' | 'mark' | 'leave_approved' | 'completion' | 'make_up';

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

/**
 * Appends to the attendance log, always inside the transaction of the change it records (pass
 * that transaction's EntityManager). Bulk changes should append with one INSERT … SELECT over the
 * rows they changed (a data-modifying CTE: `WITH changed AS (UPDATE … RETURNING user_id, …)
 * INSERT INTO attendance_log … SELECT … FROM changed`) rather than calling this per person.
 * Entries are sealed into the hash chain later by the worker's sealer; see DESIGN.md rule 4.
 */
@Injectable()
export class AttendanceLogService {
  async append(em: EntityManager, entries: AttendanceLogEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await em.query(
      `INSERT INTO attendance_log (session_id, user_id, actor_id, action, from_status, to_status, reason)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[])`,
      [
        entries.map((e) => e.sessionId),
        entries.map((e) => e.userId),
        entries.map((e) => e.actorId),
        entries.map((e) => e.action),
        entries.map((e) => e.fromStatus),
        entries.map((e) => e.toStatus),
        entries.map((e) => e.reason ?? null),
      ],
    );
  }
}
