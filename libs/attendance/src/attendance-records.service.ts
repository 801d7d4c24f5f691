import { Injectable } from '@nestjs/common';
import { AuthUser, BadInputError, ConflictError, NotFoundError, Page } from '@qf/common';
import { AccessPolicy } from '@qf/identity';
import { ReadingCreditService } from '@qf/reading';
import { AttendanceRecordView } from './attendance-record.view';
import { AttendanceStatus } from './attendance-status';
import { AttendanceRepository } from './attendance.repository';
import { retryOnSealRace } from './seal-race';
import { SessionAccess } from './session-access';

export interface MarkAttendance {
  status: AttendanceStatus;
  reason?: string;
}

/** Rosters as organisers, auditors and admins read them, and manual marking by organisers. */
@Injectable()
export class AttendanceRecordsService {
  constructor(
    private readonly repo: AttendanceRepository,
    private readonly sessions: SessionAccess,
    private readonly reading: ReadingCreditService,
    private readonly policy: AccessPolicy,
  ) {}

  async roster(
    user: AuthUser,
    sessionId: string,
    q: { status?: AttendanceStatus; limit: number; offset: number },
  ): Promise<Page<AttendanceRecordView>> {
    await this.sessions.findReadable(user, sessionId);
    return this.repo.rosterPage(sessionId, q);
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
    const personUnitId = await this.repo.rosterPersonUnit(sessionId, userId);
    if (personUnitId) await this.policy.assertManagesPerson(user, personUnitId);
    const reason = dto.reason?.trim() || null;
    return retryOnSealRace(() =>
      this.repo.transaction(async (em) => {
        // FOR SHARE: a concurrent completion (an UPDATE of the session) waits for us, or we for it.
        const session = (await this.sessions.find(sessionId, em, 'FOR SHARE'))!;
        if (session.status !== 'published' && session.status !== 'completed') {
          throw new ConflictError(`attendance can be marked on published or completed sessions; this one is ${session.status}`);
        }
        if (session.status === 'completed') {
          if (!reason || reason.length < 2) throw new BadInputError('reason must be at least 2 characters once the session is completed');
          if (dto.status === 'expected') throw new BadInputError('status expected is not possible in a completed session');
        }
        const current = await this.repo.lockRecordStatus(em, sessionId, userId);
        if (!current) {
          if (!(await this.repo.isPersonOfUnit(em, session.unitId, userId))) throw new NotFoundError('person of this session’s unit');
          // Lost a race with another insert of the same person: leave it to a retry by the caller.
          if (!(await this.repo.insertRecord(em, sessionId, userId, dto.status)))
            throw new ConflictError('the record was just created by someone else; retry');
          await this.repo.appendLog(em, [{ sessionId, userId, actorId: user.id, action: 'mark', fromStatus: null, toStatus: dto.status, reason }]);
        } else if (current !== dto.status) {
          await this.repo.setStatus(em, sessionId, userId, dto.status);
          await this.repo.appendLog(em, [{ sessionId, userId, actorId: user.id, action: 'mark', fromStatus: current, toStatus: dto.status, reason }]);
        }
        // 逐项学习研讨: someone marked present or late after completion gets the discussion credit
        // completion gave the others, in this same transaction (idempotent: a credit stays as first given).
        if (session.status === 'completed' && (dto.status === 'present' || dto.status === 'late')) {
          await this.reading.creditDiscussion(em, sessionId, [userId]);
        }
        return (await this.repo.findRecord(sessionId, userId, em))!;
      }),
    );
  }
}
