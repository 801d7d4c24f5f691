import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthUser, ConflictError, ForbiddenError, NotFoundError, TooManyRequestsError } from '@qf/common';
import { Env } from '@qf/config';
import { DataSource } from 'typeorm';
import { AttendanceRecordView } from './attendance-record.view';
import { AttendanceSessions } from './attendance-sessions';
import { checkInCode, codeExpiresAt, codeStepAt, isAcceptedCode } from './check-in-code';
import { retryOnSealRace } from './seal-race';

/** Wrong codes one person may try for one session before further attempts get 429. */
export const MAX_WRONG_CODES = 5;
/** Check-in opens this long before the session starts. */
export const CHECKIN_OPENS_BEFORE_MS = 30 * 60_000;

interface CheckInState {
  status: string;
  unitId: string;
  startsAt: Date;
  endsAt: Date;
  secret: Buffer;
  recordStatus: string | null;
  failures: number;
  now: Date;
}

/**
 * Check-in with rotating codes: the hot path of a Friday afternoon. One read (session, own record,
 * wrong-code count and the database clock in one query), then one statement that is its own short
 * transaction: a conditional UPDATE of the caller's record and the log entry in a data-modifying CTE.
 * No lock beyond the caller's own row, so check-ins of different people never wait for one another.
 * All times come from the database clock, so several api hosts agree on windows and code steps.
 */
@Injectable()
export class CheckInService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: AttendanceSessions,
    private readonly config: ConfigService<Env, true>,
  ) {}

  /** The code to show in the room now; the secret itself never leaves the server. */
  async currentCode(user: AuthUser, sessionId: string): Promise<{ code: string; expiresAt: Date }> {
    await this.sessions.findManaged(user, sessionId);
    const [row] = await this.dataSource.query(
      `SELECT checkin_secret AS secret, clock_timestamp() AS now FROM sessions WHERE id = $1`,
      [sessionId],
    );
    return { code: checkInCode(row.secret, codeStepAt(row.now)), expiresAt: codeExpiresAt(row.now) };
  }

  async checkIn(user: AuthUser, sessionId: string, code: string): Promise<AttendanceRecordView> {
    const [state]: CheckInState[] = await this.dataSource.query(
      `SELECT s.status, s.unit_id AS "unitId", s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.checkin_secret AS secret,
              r.status AS "recordStatus", coalesce(f.failures, 0) AS failures, clock_timestamp() AS now
         FROM sessions s
         LEFT JOIN attendance_records r ON r.session_id = s.id AND r.user_id = $2
         LEFT JOIN checkin_failures f ON f.session_id = s.id AND f.user_id = $2
        WHERE s.id = $1`,
      [sessionId, user.id],
    );
    if (!state) throw new NotFoundError('session');
    if (!state.recordStatus) throw await this.sessions.notOnRoster(user, state);
    if (state.status !== 'published') throw new ConflictError(`check-in needs a published session; this one is ${state.status}`);
    const opensAt = new Date(state.startsAt.getTime() - CHECKIN_OPENS_BEFORE_MS);
    if (state.now < opensAt) throw new ConflictError(`check-in opens at ${opensAt.toISOString()}`);
    if (state.now > state.endsAt) throw new ConflictError(`check-in closed at ${state.endsAt.toISOString()}`);
    if (state.failures >= MAX_WRONG_CODES) throw new TooManyRequestsError('too many wrong check-in codes for this session');
    if (!isAcceptedCode(state.secret, code, state.now)) {
      await this.countWrongCode(sessionId, user.id);
      throw new ForbiddenError('wrong or expired check-in code');
    }
    const graceMs = this.config.get('CHECKIN_GRACE_MINUTES', { infer: true }) * 60_000;
    const presentUntil = new Date(state.startsAt.getTime() + graceMs);
    const changed = await retryOnSealRace(() => this.markCheckedIn(sessionId, user.id, presentUntil));
    return changed ?? (await this.sessions.record(sessionId, user.id))!;
  }

  /**
   * Counts a wrong code (upsert increment, atomic across processes). Attempts racing in parallel may
   * each read a count under the limit; the per-user request rate limit bounds how many.
   */
  private async countWrongCode(sessionId: string, userId: string): Promise<void> {
    const [row] = await this.dataSource.query(
      `INSERT INTO checkin_failures (session_id, user_id) VALUES ($1, $2)
       ON CONFLICT (session_id, user_id) DO UPDATE SET failures = checkin_failures.failures + 1, last_failed_at = now()
       RETURNING failures`,
      [sessionId, userId],
    );
    if (row.failures > MAX_WRONG_CODES) throw new TooManyRequestsError('too many wrong check-in codes for this session');
  }

  /** expected → present/late plus its log entry, in one statement; null when the record was not `expected`. */
  private async markCheckedIn(sessionId: string, userId: string, presentUntil: Date): Promise<AttendanceRecordView | null> {
    const rows: AttendanceRecordView[] = await this.dataSource.query(
      `WITH t AS (SELECT date_trunc('milliseconds', clock_timestamp()) AS now),
       changed AS (
         UPDATE attendance_records r
            SET status = CASE WHEN t.now <= $3::timestamptz THEN 'present' ELSE 'late' END, checked_in_at = t.now, updated_at = t.now
           FROM t
          WHERE r.session_id = $1 AND r.user_id = $2 AND r.status = 'expected'
         RETURNING r.session_id, r.user_id, r.status, r.checked_in_at, r.made_up_at, r.updated_at
       ),
       logged AS (
         INSERT INTO attendance_log (session_id, user_id, actor_id, action, from_status, to_status, at)
         SELECT session_id, user_id, user_id, 'check_in', 'expected', status, checked_in_at FROM changed
       )
       SELECT c.session_id AS "sessionId", c.user_id AS "userId", u.display_name AS "displayName", c.status,
              c.checked_in_at AS "checkedInAt", c.made_up_at AS "madeUpAt", c.updated_at AS "updatedAt"
         FROM changed c JOIN users u ON u.id = c.user_id`,
      [sessionId, userId, presentUntil],
    );
    return rows[0] ?? null;
  }
}
