import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Env } from '@qf/config';
import { AnyJob, jobId, JobName, OutboxService } from '@qf/queue';
import { EntityManager } from 'typeorm';
import { SessionRepository } from './session.repository';

const SWEEP_BATCH = 1_000;

/**
 * Schedules the finalize job of a published session at endsAt + FINALIZE_DELAY_SECONDS. The job is
 * versioned by endsAt, so moving a session's end schedules a new job and the old one does nothing.
 */
@Injectable()
export class SessionFinalizeScheduler {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly outbox: OutboxService,
    private readonly config: ConfigService<Env, true>,
  ) {}

  private delaySeconds(): number {
    return this.config.get('FINALIZE_DELAY_SECONDS', { infer: true });
  }

  /** Records the finalize job of this session (read inside `em`, after its endsAt is final). */
  async schedule(em: EntityManager, sessionId: string): Promise<void> {
    const run = await this.sessions.finalizeRun(em, sessionId, this.delaySeconds());
    if (!run) return;
    await this.outbox.add(em, { name: JobName.SessionFinalize, payload: { sessionId, version: run.version } }, run.runAt);
  }

  /**
   * The reconciler's sweep: a finalize job for every published session past endsAt + delay (idempotent:
   * the job ids are deterministic). One batch per sweep; the next sweep takes the rest.
   */
  async enqueueDue(): Promise<number> {
    let total = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const due = await this.sessions.dueForFinalize(this.delaySeconds(), after, SWEEP_BATCH);
      if (due.length === 0) return total;
      const jobs: AnyJob[] = due.map((s) => ({ name: JobName.SessionFinalize, payload: { sessionId: s.id, version: s.version } }));
      // Jobs still pending in the outbox are the relay's and the reconciler's business: leave them be.
      const skip = await this.outbox.pendingJobIds(jobs.map(jobId));
      const missing = jobs.filter((j) => !skip.has(jobId(j)));
      await this.outbox.add(undefined, missing);
      total += missing.length;
      after = due[due.length - 1].id;
      if (due.length < SWEEP_BATCH) return total;
    }
  }
}
