import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TooManyRequestsError } from '@qf/common';
import { Env } from '@qf/config';

/**
 * Caps the audit reads that hold a database connection for long — exports (streamed for as long as
 * the client takes to download) and chain verifications — per user (AUDIT_HEAVY_MAX_PER_USER) and in
 * total (AUDIT_HEAVY_MAX_TOTAL), per api process: past either, 429 at once instead of queueing for
 * connections that Friday check-ins need. Counted in memory because what it protects, the pool, is
 * per process too.
 */
@Injectable()
export class AuditHeavyReads {
  private total = 0;
  private readonly byUser = new Map<string, number>();

  constructor(private readonly config: ConfigService<Env, true>) {}

  /** Takes a slot or throws 429; the returned function gives it back (once, however often it is called). */
  acquire(userId: string): () => void {
    const mine = this.byUser.get(userId) ?? 0;
    if (mine >= this.config.get('AUDIT_HEAVY_MAX_PER_USER', { infer: true })) {
      throw new TooManyRequestsError('you already have as many exports or verifications running as allowed; wait for one to finish');
    }
    if (this.total >= this.config.get('AUDIT_HEAVY_MAX_TOTAL', { infer: true })) {
      throw new TooManyRequestsError('too many exports or verifications are running; try again shortly');
    }
    this.byUser.set(userId, mine + 1);
    this.total++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total--;
      const left = (this.byUser.get(userId) ?? 1) - 1;
      if (left > 0) this.byUser.set(userId, left);
      else this.byUser.delete(userId);
    };
  }

  /** Runs `work` in a slot. */
  async run<T>(userId: string, work: () => Promise<T>): Promise<T> {
    const release = this.acquire(userId);
    try {
      return await work();
    } finally {
      release();
    }
  }
}
