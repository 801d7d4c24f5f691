import { Injectable } from '@nestjs/common';
import { AuthUser, BadInputError, ConflictError, countChars, NotFoundError } from '@qf/common';
import { AttendanceRecordView } from './attendance-record.view';
import { AttendanceRepository } from './attendance.repository';
import { retryOnSealRace } from './seal-race';
import { SessionAccess } from './session-access';

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
    private readonly repo: AttendanceRepository,
    private readonly sessions: SessionAccess,
  ) {}

  async makeUp(user: AuthUser, sessionId: string, summary: string): Promise<AttendanceRecordView> {
    const session = await this.sessions.find(sessionId);
    if (!session) throw new NotFoundError('session');
    if (session.status !== 'completed') {
      await this.sessions.assertOpenToCaller(user, session, (await this.repo.findRecord(sessionId, user.id)) !== undefined);
    }
    const chars = countChars(summary);
    if (chars < MAKE_UP_MIN_CHARS) throw new BadInputError(`summary must be at least ${MAKE_UP_MIN_CHARS} 字 (counted ${chars})`);
    if (chars > MAKE_UP_MAX_CHARS) throw new BadInputError(`summary must be at most ${MAKE_UP_MAX_CHARS} 字 (counted ${chars})`);
    return retryOnSealRace(() =>
      this.repo.transaction(async (em) => {
        const record = await this.repo.lockMakeUpState(em, sessionId, user.id);
        if (!record) throw await this.sessions.notOnRoster(user, session);
        if (session.status !== 'completed') throw new ConflictError('make-up study is for completed sessions');
        if (record.status !== 'absent' && record.status !== 'excused') {
          throw new ConflictError(`make-up study is for absent or excused records; yours is ${record.status}`);
        }
        if (record.madeUpAt) {
          if (record.summary === summary) return (await this.repo.findRecord(sessionId, user.id, em))!;
          throw new ConflictError('you have already made up this session');
        }
        await this.repo.setMadeUp(em, sessionId, user.id, summary);
        await this.repo.appendLog(em, [
          { sessionId, userId: user.id, actorId: user.id, action: 'make_up', fromStatus: record.status, toStatus: record.status },
        ]);
        return (await this.repo.findRecord(sessionId, user.id, em))!;
      }),
    );
  }
}
