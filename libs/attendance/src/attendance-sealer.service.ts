import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AttendanceRepository } from './attendance.repository';
import { entryHash, GENESIS_HASH } from './log-hash';

/**
 * The advisory lock between the sealer (exclusive) and committing log writers (shared, taken by the
 * deferred trigger attendance_log_not_behind_sealed_end; see migration AttendanceCheckInAndSealing).
 */
export const SEAL_LOCK_KEY = 7263101;
/** Entries younger than this are left for a later run: a transaction that wrote one may still be open. */
export const SEAL_SAFETY_LAG_MS = 3_000;
export const SEAL_BATCH_SIZE = 5_000;

/**
 * Chains attendance log entries into attendance_log_seals in `seq` order, a few seconds behind the
 * writers so that check-ins never wait for one another.
 *
 * Sequence values commit out of order, so an entry with a lower `seq` may still be in an open
 * transaction when a higher one is visible. Two things together keep the chain gap-free:
 * (a) only entries older than a safety lag are sealed, and only the unbroken prefix of them in `seq`
 *     order, which makes a writer still open behind the sealed end rare;
 * (b) the sealer holds the EXCLUSIVE advisory lock SEAL_LOCK_KEY from before it reads until its seals
 *     commit, and each log insert, at commit, takes the SHARED lock and refuses itself (SQLSTATE
 *     40001, the whole transaction rolls back, callers retry) if its `seq` is at or below the sealed
 *     end. Advisory xact locks are released after a commit becomes visible, so once the sealer has
 *     the lock, every writer that passed the check is visible to it, and every writer that has not
 *     yet passed it will see the new seals. An entry can therefore never land behind the sealed end.
 * Two workers running this at once serialise on the lock; the second continues from the first's end.
 */
@Injectable()
export class AttendanceSealer {
  private readonly logger = new Logger(AttendanceSealer.name);

  constructor(private readonly repo: AttendanceRepository) {}

  /** Seals every ripe entry (in batches); returns how many it sealed. */
  async sealPending(opts: { lagMs?: number; batchSize?: number; maxBatches?: number } = {}): Promise<number> {
    const { lagMs = SEAL_SAFETY_LAG_MS, batchSize = SEAL_BATCH_SIZE, maxBatches = 20 } = opts;
    let total = 0;
    for (let i = 0; i < maxBatches; i++) {
      const n = await this.repo.transaction((em) => this.sealBatch(em, lagMs, batchSize));
      total += n;
      if (n < batchSize) break;
    }
    if (total > 0) this.logger.debug(`sealed ${total} attendance log entries`);
    return total;
  }

  private async sealBatch(em: EntityManager, lagMs: number, batchSize: number): Promise<number> {
    await this.repo.lockSealer(em, SEAL_LOCK_KEY);
    // A new statement, so a new snapshot: every writer that passed its commit check is visible now.
    const end = await this.repo.sealedEnd(em);
    const entries = await this.repo.unsealedAfter(em, end?.seq ?? 0, lagMs, batchSize);
    const seqs: string[] = [];
    const prevs: string[] = [];
    const hashes: string[] = [];
    let prev = end?.hash ?? GENESIS_HASH;
    for (const e of entries) {
      if (!e.ripe) break;
      const hash = entryHash(prev, e);
      seqs.push(e.seq);
      prevs.push(prev);
      hashes.push(hash);
      prev = hash;
    }
    if (seqs.length === 0) return 0;
    await this.repo.insertSeals(em, { seqs, prevs, hashes });
    return seqs.length;
  }
}
