import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AuthUser, ConflictError, ForbiddenError, NotFoundError, TooManyRequestsError } from '@qf/common';
import { Env } from '@qf/config';
import { AttendanceRecordView } from './attendance-record.view';
import { AttendanceRepository, CheckInState } from './attendance.repository';
import { acceptedCodes, codeExpiresAt, codeStepAt, matchesCode } from './check-in-code';
import { retryOnSealRace } from './seal-race';
import { SessionAccess } from './session-access';

/** Wrong codes one person may try for one session before further attempts get 429. */
export const MAX_WRONG_CODES = 5;
/** Check-in opens this long before the session starts. */
export const CHECKIN_OPENS_BEFORE_MS = 30 * 60_000;

interface CheckInOutcome extends CheckInState {
  record: AttendanceRecordView | null;
}

/**
 * Per-process cache of session secrets and of the codes accepted in the current step: a secret never
 * changes, so the hot path needs no extra read, and the HMACs are computed once a minute per session
 * rather than on every request.
 */
const SECRET_CACHE_LIMIT = 10_000;

interface SessionCodes {
  secret: Buffer;
  step: number;
  accepted: [string, string];
}

/**
 * Check-in with rotating codes: the hot path of a Friday afternoon. With a right code it is ONE
 * statement, its own short transaction: it reads the session, the caller's record and wrong-code
 * count, and — only if the session is published, the window open and the caller not locked out —
 * turns the caller's `expected` (or `excused`: on leave, but came after all) record into present/late and appends the log entry (a data-modifying
 * CTE). No lock beyond the caller's own row, so check-ins of different people never wait for one
 * another. What it read explains a refusal (404/403/409/429) or an earlier check-in (same record back).
 * Windows and present/late use the database clock; codes use this host's clock (a code stays valid
 * for two steps, so hosts a few seconds apart agree).
 */
@Injectable()
export class CheckInService {
  private readonly codes = new Map<string, SessionCodes>();

  constructor(
    private readonly repo: AttendanceRepository,
    private readonly sessions: SessionAccess,
    private readonly config: ConfigService<Env, true>,
  ) {}

  /** The code to show in the room now; the secret itself never leaves the server. */
  async currentCode(user: AuthUser, sessionId: string): Promise<{ code: string; expiresAt: Date }> {
    await this.sessions.findManaged(user, sessionId);
    const now = new Date();
    const codes = (await this.codesOf(sessionId, codeStepAt(now)))!;
    return { code: codes.accepted[0], expiresAt: codeExpiresAt(now) };
  }

  async checkIn(user: AuthUser, sessionId: string, code: string): Promise<AttendanceRecordView> {
    const codes = await this.codesOf(sessionId, codeStepAt(new Date()));
    if (!codes) throw new NotFoundError('session');
    if (!matchesCode(codes.accepted, code)) {
      await this.assertMayCheckIn(user, await this.repo.checkInState(sessionId, user.id));
      await this.countWrongCode(sessionId, user.id);
      throw new ForbiddenError('wrong or expired check-in code');
    }
    const outcome = await retryOnSealRace(() => this.tryCheckIn(sessionId, user.id));
    if (outcome?.record) return outcome.record;
    await this.assertMayCheckIn(user, outcome);
    // Checked in (or marked) before: the same record, unchanged.
    return (await this.repo.findRecord(sessionId, user.id))!;
  }

  /** The refusals, in the order a caller should hear them. */
  private async assertMayCheckIn(user: AuthUser, state: CheckInState | undefined): Promise<void> {
    if (!state) throw new NotFoundError('session');
    await this.sessions.assertOpenToCaller(user, state, state.recordStatus !== null);
    if (!state.recordStatus) throw await this.sessions.notOnRoster(user, state);
    if (state.status !== 'published') throw new ConflictError(`check-in needs a published session; this one is ${state.status}`);
    const opensAt = new Date(state.startsAt.getTime() - CHECKIN_OPENS_BEFORE_MS);
    if (state.now < opensAt) throw new ConflictError(`check-in opens at ${opensAt.toISOString()}`);
    if (state.now > state.endsAt) throw new ConflictError(`check-in closed at ${state.endsAt.toISOString()}`);
    if (state.failures >= MAX_WRONG_CODES) throw new TooManyRequestsError('too many wrong check-in codes for this session');
  }

  private async codesOf(sessionId: string, step: number): Promise<SessionCodes | undefined> {
    let codes = this.codes.get(sessionId);
    if (!codes) {
      const secret = await this.repo.checkInSecret(sessionId);
      if (!secret) return undefined;
      if (this.codes.size >= SECRET_CACHE_LIMIT) this.codes.clear();
      codes = { secret, step, accepted: acceptedCodes(secret, step) };
      this.codes.set(sessionId, codes);
    } else if (codes.step !== step) {
      codes = { secret: codes.secret, step, accepted: acceptedCodes(codes.secret, step) };
      this.codes.set(sessionId, codes);
    }
    return codes;
  }

  /**
   * Counts a wrong code (upsert increment, atomic across processes). Attempts racing in parallel may
   * each read a count under the limit; the per-user request rate limit bounds how many.
   */
  private async countWrongCode(sessionId: string, userId: string): Promise<void> {
    if ((await this.repo.countWrongCode(sessionId, userId)) > MAX_WRONG_CODES) throw new TooManyRequestsError('too many wrong check-in codes for this session');
  }

  /** The one statement of a check-in with a right code; `record` is set when this call checked the caller in. */
  private async tryCheckIn(sessionId: string, userId: string): Promise<CheckInOutcome | undefined> {
    const graceMinutes = this.config.get('CHECKIN_GRACE_MINUTES', { infer: true });
    const row = await this.repo.checkIn(sessionId, userId, {
      graceMinutes,
      opensBeforeMinutes: CHECKIN_OPENS_BEFORE_MS / 60_000,
      maxWrongCodes: MAX_WRONG_CODES,
    });
    if (!row) return undefined;
    const { record, ...state } = row;
    const toDate = (v: string | null) => (v === null ? null : new Date(v));
    const toInstant = (v: string) => new Date(v);
    return {
      ...state,
      // A record checked in just now belongs to a published session: no make-up study yet.
      record: record && { ...record, checkedInAt: toDate(record.checkedInAt), madeUpAt: toDate(record.madeUpAt), makeUp: null, updatedAt: toInstant(record.updatedAt) },
    };
  }
}
