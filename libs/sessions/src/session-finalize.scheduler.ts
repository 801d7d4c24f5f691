import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { Env } from '@qf/config';
import { AnyJob, jobId, JobName, OutboxService } from '@qf/queue';
import { DataSource, EntityManager } from 'typeorm';
import { ENDS_VERSION } from './session-sql';

const SWEEP_BATCH = 1_000;

/**
 * Schedules the finalize job of a published session at endsAt + FINALIZE_DELAY_SECONDS. The job is
 * versioned by endsAt, so moving a session's end schedules a new job and the old one does nothing.
 */
@Injectable()
export class SessionFinalizeScheduler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly config: ConfigService<Env, true>,
  ) {}

  private delaySeconds(): number {
    return this.config.get('FINALIZE_DELAY_SECONDS', { infer: true });
  }

  /** Records the finalize job of this session (read inside `em`, after its endsAt is final). */
  async schedule(em: EntityManager, sessionId: string): Promise<void> {
    const [s]: { version: string; run_at: Date }[] = await em.query(
      `SELECT ${ENDS_VERSION('s')} AS version, s.ends_at + make_interval(secs => $2) AS run_at FROM sessions s WHERE s.id = $1`,
      [sessionId, this.delaySeconds()],
    );
    if (!s) return;
    await this.outbox.add(em, { name: JobName.SessionFinalize, payload: { sessionId, version: s.version } }, s.run_at);
  }

  /**
   * The reconciler's sweep: a finalize job for every published session past endsAt + delay (idempotent:
   * the job ids are deterministic). One batch per sweep; the next sweep takes the rest.
   */
  async enqueueDue(): Promise<number> {
    let total = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const due: { id: string; version: string }[] = await this.dataSource.query(
        `SELECT s.id, ${ENDS_VERSION('s')} AS version FROM sessions s
          WHERE s.status = 'published' AND s.ends_at <= now() - make_interval(secs => $1) AND s.id > $2
          ORDER BY s.id LIMIT ${SWEEP_BATCH}`,
        [this.delaySeconds(), after],
      );
      if (due.length === 0) return total;
      const jobs: AnyJob[] = due.map((s) => ({ name: JobName.SessionFinalize, payload: { sessionId: s.id, version: s.version } }));
      // Jobs still pending in the outbox are the relay's and the reconciler's business: leave them be.
      const pending: { job_id: string }[] = await this.dataSource.query(
        `SELECT job_id FROM outbox WHERE job_id = ANY($1::text[]) AND done_at IS NULL`,
        [jobs.map(jobId)],
      );
      const skip = new Set(pending.map((p) => p.job_id));
      const missing = jobs.filter((j) => !skip.has(jobId(j)));
      await this.outbox.add(undefined, missing);
      total += missing.length;
      after = due[due.length - 1].id;
      if (due.length < SWEEP_BATCH) return total;
    }
  }
}
