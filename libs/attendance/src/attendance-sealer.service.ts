import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { entryHash, GENESIS_HASH, HashableLogEntry, hashedLogColumns } from './log-hash';

/**
 * The advisory lock between the sealer (exclusive) and committing log writers (shared, taken by the
 * deferred trigger attendance_log_not_behind_sealed_end; see migration AttendanceCheckInAndSealing).
 */
export const SEAL_LOCK_KEY = 7263101;
/** Entries younger than this are left for a later run: a transaction that wrote one may still be open. */
export const SEAL_SAFETY_LAG_MS = 3_000;
export const SEAL_BATCH_SIZE = 5_000;

interface UnsealedEntry extends HashableLogEntry {
  seq: string;
  /** Older than the safety lag. */
  ripe: boolean;
}

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

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Seals every ripe entry (in batches); returns how many it sealed. */
  async sealPending(opts: { lagMs?: number; batchSize?: number; maxBatches?: number } = {}): Promise<number> {
    const { lagMs = SEAL_SAFETY_LAG_MS, batchSize = SEAL_BATCH_SIZE, maxBatches = 20 } = opts;
    let total = 0;
    for (let i = 0; i < maxBatches; i++) {
      const n = await this.dataSource.transaction((em) => this.sealBatch(em, lagMs, batchSize));
      total += n;
      if (n < batchSize) break;
    }
    if (total > 0) this.logger.debug(`sealed ${total} attendance log entries`);
    return total;
  }

  private async sealBatch(em: EntityManager, lagMs: number, batchSize: number): Promise<number> {
    await em.query(`SET LOCAL lock_timeout = '10s'`);
    await em.query(`SELECT pg_advisory_xact_lock($1)`, [SEAL_LOCK_KEY]);
    // A new statement, so a new snapshot: every writer that passed its commit check is visible now.
    const [end]: { seq: string; hash: string }[] = await em.query(
      `SELECT seq, hash FROM attendance_log_seals ORDER BY seq DESC LIMIT 1`,
    );
    const entries: UnsealedEntry[] = await em.query(
      `SELECT l.seq, ${hashedLogColumns('l')}, l.at < clock_timestamp() - make_interval(secs => $2) AS ripe
         FROM attendance_log l WHERE l.seq > $1 ORDER BY l.seq LIMIT $3`,
      [end?.seq ?? 0, lagMs / 1000, batchSize],
    );
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
    await em.query(
      `INSERT INTO attendance_log_seals (seq, prev_hash, hash) SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[])`,
      [seqs, prevs, hashes],
    );
    return seqs.length;
  }
}
