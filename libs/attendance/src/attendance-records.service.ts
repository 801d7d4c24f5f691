import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthUser, BadInputError, ConflictError, NotFoundError, Page } from '@qf/common';
import { AccessPolicy, peopleOfUnit } from '@qf/identity';
import { ReadingCreditService } from '@qf/reading';
import { DataSource } from 'typeorm';
import { AttendanceLogService, AttendanceStatus } from './attendance-log.service';
import { AttendanceRecordRow, AttendanceRecordView, RECORD_COLUMNS, recordView } from './attendance-record.view';
import { AttendanceSessions } from './attendance-sessions';
import { retryOnSealRace } from './seal-race';

export interface MarkAttendance {
  status: AttendanceStatus;
  reason?: string;
}

/** Rosters as organisers, auditors and admins read them, and manual marking by organisers. */
@Injectable()
export class AttendanceRecordsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: AttendanceSessions,
    private readonly log: AttendanceLogService,
    private readonly reading: ReadingCreditService,
    private readonly policy: AccessPolicy,
  ) {}

  async roster(
    user: AuthUser,
    sessionId: string,
    q: { status?: AttendanceStatus; limit: number; offset: number },
  ): Promise<Page<AttendanceRecordView>> {
    await this.sessions.findReadable(user, sessionId);
    const filter = q.status ? 'AND r.status = $2' : '';
    const params: unknown[] = q.status ? [sessionId, q.status] : [sessionId];
    const n = params.length;
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${RECORD_COLUMNS} FROM attendance_records r JOIN users u ON u.id = r.user_id
          WHERE r.session_id = $1 ${filter}
          ORDER BY u.display_name, r.user_id LIMIT $${n + 1} OFFSET $${n + 2}`,
        [...params, q.limit, q.offset],
      ) as Promise<AttendanceRecordRow[]>,
      this.dataSource.query(`SELECT count(*)::int AS total FROM attendance_records r WHERE r.session_id = $1 ${filter}`, params),
    ]);
    return { items: rows.map(recordView), total };
  }

  /**
   * An organiser's manual mark. After completion a reason (≥ 2 characters) is required. A person of
   * the session's unit who is not on the roster yet is added. One log entry per change; marking the
   * status a record already has changes nothing and logs nothing. Marked present or late after
   * completion, the person gets discussedAt on the session's reading items like the attendees did.
   * Nobody but an admin marks their own record (any status), and an organiser marks only people of
   * their units (someone who moved away: 403).
   */
  async mark(user: AuthUser, sessionId: string, userId: string, dto: MarkAttendance): Promise<AttendanceRecordView> {
    await this.sessions.findManaged(user, sessionId);
    this.policy.assertNotSelf(user, userId, 'mark their own attendance');
    // Someone on the roster who has since moved to a unit the caller does not manage: not theirs to mark
    // (403). Someone not on the roster must be a person of the session's unit (else 404, below).
    const [onRoster]: { unit_id: string }[] = await this.dataSource.query(
      `SELECT u.unit_id FROM attendance_records r JOIN users u ON u.id = r.user_id WHERE r.session_id = $1 AND r.user_id = $2`,
      [sessionId, userId],
    );
    if (onRoster) await this.policy.assertManagesPerson(user, onRoster.unit_id);
    const reason = dto.reason?.trim() || null;
    return retryOnSealRace(() =>
      this.dataSource.transaction(async (em) => {
        // FOR SHARE: a concurrent completion (an UPDATE of the session) waits for us, or we for it.
        const session = (await this.sessions.find(sessionId, em, 'FOR SHARE'))!;
        if (session.status !== 'published' && session.status !== 'completed') {
          throw new ConflictError(`attendance can be marked on published or completed sessions; this one is ${session.status}`);
        }
        if (session.status === 'completed') {
          if (!reason || reason.length < 2) throw new BadInputError('reason must be at least 2 characters once the session is completed');
          if (dto.status === 'expected') throw new BadInputError('status expected is not possible in a completed session');
        }
        const [current] = await em.query(
          `SELECT status FROM attendance_records WHERE session_id = $1 AND user_id = $2 FOR UPDATE`,
          [sessionId, userId],
        );
        if (!current) {
          const [person] = await em.query(`SELECT 1 FROM (${peopleOfUnit('$1')}) p WHERE p.id = $2`, [session.unitId, userId]);
          if (!person) throw new NotFoundError('person of this session’s unit');
          const inserted = await em.query(
            `INSERT INTO attendance_records (session_id, user_id, status) VALUES ($1, $2, $3)
             ON CONFLICT (session_id, user_id) DO NOTHING RETURNING status`,
            [sessionId, userId, dto.status],
          );
          // Lost a race with another insert of the same person: leave it to a retry by the caller.
          if (inserted.length === 0) throw new ConflictError('the record was just created by someone else; retry');
          await this.log.append(em, [{ sessionId, userId, actorId: user.id, action: 'mark', fromStatus: null, toStatus: dto.status, reason }]);
        } else if (current.status !== dto.status) {
          await em.query(
            `UPDATE attendance_records SET status = $3, updated_at = clock_timestamp() WHERE session_id = $1 AND user_id = $2`,
            [sessionId, userId, dto.status],
          );
          await this.log.append(em, [
            { sessionId, userId, actorId: user.id, action: 'mark', fromStatus: current.status, toStatus: dto.status, reason },
          ]);
        }
        // 逐项学习研讨: someone marked present or late after completion gets the discussion credit
        // completion gave the others, in this same transaction (idempotent: a credit stays as first given).
        if (session.status === 'completed' && (dto.status === 'present' || dto.status === 'late')) {
          await this.reading.creditDiscussion(em, sessionId, [userId]);
        }
        return (await this.sessions.record(sessionId, userId, em))!;
      }),
    );
  }
}
