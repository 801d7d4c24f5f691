import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthUser, BadInputError, ConflictError, countChars, NotFoundError } from '@qf/common';
import { DataSource } from 'typeorm';
import { AttendanceLogService } from './attendance-log.service';
import { AttendanceRecordView } from './attendance-record.view';
import { AttendanceSessions } from './attendance-sessions';
import { retryOnSealRace } from './seal-race';

/** Least and most 字 of a make-up study summary (counted with countChars, API.md's rule). */
export const MAKE_UP_MIN_CHARS = 100;
export const MAKE_UP_MAX_CHARS = 20_000;

/**
 * Make-up study (补学) after a missed session: the person's own record, `absent` or `excused`, in a
 * completed session. Sets madeUpAt and the summary; the status never changes. One log entry
 * `make_up` (from = to = the status). Sending the same summary again returns the record unchanged.
 */
@Injectable()
export class MakeUpService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: AttendanceSessions,
    private readonly log: AttendanceLogService,
  ) {}

  async makeUp(user: AuthUser, sessionId: string, summary: string): Promise<AttendanceRecordView> {
    const session = await this.sessions.find(sessionId);
    if (!session) throw new NotFoundError('session');
    if (session.status !== 'completed') {
      await this.sessions.assertOpenToCaller(user, session, (await this.sessions.record(sessionId, user.id)) !== null);
    }
    const chars = countChars(summary);
    if (chars < MAKE_UP_MIN_CHARS) throw new BadInputError(`summary must be at least ${MAKE_UP_MIN_CHARS} 字 (counted ${chars})`);
    if (chars > MAKE_UP_MAX_CHARS) throw new BadInputError(`summary must be at most ${MAKE_UP_MAX_CHARS} 字 (counted ${chars})`);
    return retryOnSealRace(() =>
      this.dataSource.transaction(async (em) => {
        const [record] = await em.query(
          `SELECT status, made_up_at AS "madeUpAt", made_up_summary AS summary FROM attendance_records
            WHERE session_id = $1 AND user_id = $2 FOR UPDATE`,
          [sessionId, user.id],
        );
        if (!record) throw await this.sessions.notOnRoster(user, session);
        if (session.status !== 'completed') throw new ConflictError('make-up study is for completed sessions');
        if (record.status !== 'absent' && record.status !== 'excused') {
          throw new ConflictError(`make-up study is for absent or excused records; yours is ${record.status}`);
        }
        if (record.madeUpAt) {
          if (record.summary === summary) return (await this.sessions.record(sessionId, user.id, em))!;
          throw new ConflictError('you have already made up this session');
        }
        await em.query(
          `UPDATE attendance_records SET made_up_at = date_trunc('milliseconds', clock_timestamp()), made_up_summary = $3, updated_at = clock_timestamp()
            WHERE session_id = $1 AND user_id = $2`,
          [sessionId, user.id, summary],
        );
        await this.log.append(em, [
          { sessionId, userId: user.id, actorId: user.id, action: 'make_up', fromStatus: record.status, toStatus: record.status },
        ]);
        return (await this.sessions.record(sessionId, user.id, em))!;
      }),
    );
  }
}
