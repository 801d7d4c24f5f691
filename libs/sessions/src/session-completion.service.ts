import { Injectable } from '@nestjs/common';
import { AttendanceRepository } from '@qf/attendance';
import { ReadingCreditService } from '@qf/reading';
import { EntityManager } from 'typeorm';
import { SessionRepository } from './session.repository';

/**
 * What completing did:
 * - completed: this call completed the session;
 * - already_completed: it was completed before (completing twice is harmless);
 * - not_published: draft or cancelled, so it cannot be completed (409 for the api, nothing for the worker);
 * - not_started: startsAt has not passed yet (409 for the api);
 * - stale: a finalize job scheduled for an endsAt that has since changed (the worker ignores it);
 * - not_found.
 */
export type CompletionOutcome = 'completed' | 'already_completed' | 'not_published' | 'not_started' | 'stale' | 'not_found';

/** What every completion step sees: the transaction, the locked session, and who completes (null: the system). */
export interface CompletionContext {
  em: EntityManager;
  sessionId: string;
  unitId: string;
  actorId: string | null;
}

/**
 * THE way a session becomes completed, used by `POST /sessions/:id/complete` and by the worker's
 * finalize job alike. One transaction: lock the session, check its state, then run the completion
 * steps in order. Add further steps (e.g. crediting discussed reading items) in `runSteps`.
 */
@Injectable()
export class SessionCompletionService {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly attendance: AttendanceRepository,
    private readonly reading: ReadingCreditService,
  ) {}

  complete(sessionId: string, opts: { actorId: string | null; version?: string }): Promise<CompletionOutcome> {
    return this.sessions.transaction((em) => this.completeIn(em, sessionId, opts));
  }

  /** Same as `complete`, inside the caller's transaction. */
  async completeIn(em: EntityManager, sessionId: string, opts: { actorId: string | null; version?: string }): Promise<CompletionOutcome> {
    const s = await this.sessions.lockForCompletion(em, sessionId);
    if (!s) return 'not_found';
    if (s.status === 'completed') return 'already_completed';
    if (s.status !== 'published') return 'not_published';
    if (opts.version !== undefined && opts.version !== s.version) return 'stale';
    if (!s.started) return 'not_started';
    await this.runSteps({ em, sessionId, unitId: s.unitId, actorId: opts.actorId });
    return 'completed';
  }

  /** The completion steps, in order, all in the caller's transaction. */
  private async runSteps(ctx: CompletionContext): Promise<void> {
    await this.markCompleted(ctx);
    await this.markExpectedAbsent(ctx);
    // 逐项学习研讨: present and late attendees get discussedAt on the menu's reading items.
    await this.reading.creditDiscussion(ctx.em, ctx.sessionId);
  }

  private async markCompleted({ em, sessionId }: CompletionContext): Promise<void> {
    await this.sessions.markCompleted(em, sessionId);
  }

  /** Everyone still `expected` becomes `absent` (attendance's one set-based statement). */
  private async markExpectedAbsent({ em, sessionId, actorId }: CompletionContext): Promise<void> {
    await this.attendance.markExpectedAbsent(em, sessionId, actorId);
  }
}
