import { Injectable } from '@nestjs/common';
import { AttendanceRepository, ChainEntry, entryHash, GENESIS_HASH, RecordMismatch } from '@qf/attendance';
import { closeCursor, declareCursor, fetchFrom, many } from '@qf/database';
import type { QueryRunner } from 'typeorm';

export interface ChainVerification {
  /** The chain holds and every record is what the log implies. */
  ok: boolean;
  /** Entries covered by the sealed chain (rows of attendance_log_seals). */
  entries: number;
  /** Log entries after the sealed end, not sealed yet (the sealer runs a few seconds behind). */
  unsealed: number;
  /** The first `seq` where the chain does not hold (only when the chain is broken). */
  brokenAt?: number;
  /** (session, person) pairs compared between the log's replay and attendance_records. */
  checked: number;
  /** Pairs whose record differs from the log's replay (the first REPLAY_MAX_LISTED). */
  recordMismatches: RecordMismatch[];
  /** How many pairs differ in all (may exceed the listed ones). */
  recordMismatchCount: number;
}

const BATCH = 5_000;
const CURSOR = 'chain_walk';

/**
 * Recomputes the attendance log's hash chain (see @qf/attendance log-hash.ts) from the genesis
 * hash in `seq` order and checks, for every log entry up to the highest sealed `seq`:
 * - it is sealed (sealed seqs are contiguous among log entries — nothing left out below the end);
 * - its seal's prev_hash is the previous entry's hash (GENESIS_HASH for the first);
 * - its seal's hash is the recomputation over the entry as stored now.
 * Then replays the whole log (sealed or not) into the status it implies per (session, person) and
 * compares it with attendance_records in one set-based statement (@qf/attendance attendance-replay.sql.ts).
 * Reads in one REPEATABLE READ, READ ONLY snapshot, through a cursor over the log merged with its
 * seals in `seq` order (their primary keys), so memory stays flat however long the log is.
 */
@Injectable()
export class AttendanceChainVerifier {
  constructor(private readonly attendance: AttendanceRepository) {}

  async verify(): Promise<ChainVerification> {
    return this.attendance.inReadOnlySnapshot(async (qr) => {
      // The replay runs on a second connection in the same snapshot (exported), while this one
      // walks the chain: the server aggregates as the client hashes.
      const snapshot = await this.attendance.exportSnapshot(qr);
      const replaying = this.attendance.inReadOnlySnapshot((other) => this.attendance.replay(other), snapshot);
      replaying.catch(() => undefined); // awaited below; never an unhandled rejection meanwhile
      const head = await this.attendance.sealedHead(qr);
      const last = head.last ?? '0';
      const unsealed = await this.attendance.countLogAfter(qr, last);
      const chain = await this.walk(qr, last);
      const replay = await replaying;
      return {
        ok: chain.brokenAt === undefined && replay.mismatches === 0,
        entries: head.entries,
        unsealed,
        ...(chain.brokenAt !== undefined ? { brokenAt: chain.brokenAt } : {}),
        checked: replay.checked,
        recordMismatches: replay.listed,
        recordMismatchCount: replay.mismatches,
      };
    });
  }

  /**
   * The chain up to `seq` as stored now: `brokenAt` when a seal does not hold, else the hash the
   * recomputation reaches at `seq` (null when `seq` is not a sealed entry any more).
   */
  async headAt(seq: number): Promise<{ brokenAt?: number; hash: string | null }> {
    return this.attendance.inReadOnlySnapshot(async (qr) => {
      const chain = await this.walk(qr, String(seq));
      if (chain.brokenAt !== undefined) return { brokenAt: chain.brokenAt, hash: null };
      return { hash: chain.lastSeq === String(seq) || seq === 0 ? chain.head : null };
    });
  }

  /** The sealed end in the current state: `{seq: 0, hash: GENESIS_HASH}` for an empty chain. */
  async sealedEnd(): Promise<{ seq: number; hash: string }> {
    const end = await this.attendance.sealedEnd();
    return end ? { seq: Number(end.seq), hash: end.hash } : { seq: 0, hash: GENESIS_HASH };
  }

  /**
   * One ordered pass over the log merged with its seals through a cursor (both primary keys read
   * once, in order), fetched BATCH rows at a time so memory stays flat. Keyset pages would restart
   * the seals' index scan at the beginning for every page (a merge join has no bound on the seals).
   */
  private async walk(qr: QueryRunner, last: string): Promise<{ brokenAt?: number; head: string; lastSeq: string }> {
    let prev = GENESIS_HASH;
    let after = '0';
    await many(qr, declareCursor(CURSOR, this.attendance.chainQuery(last)));
    try {
      for (;;) {
        const rows = await many<ChainEntry>(qr, fetchFrom(CURSOR, BATCH));
        for (const r of rows) {
          const brokenAt = Number(r.seq);
          if (r.hash === null || r.prev_hash !== prev) return { brokenAt, head: prev, lastSeq: after };
          const recomputed = entryHash(prev, r);
          if (recomputed !== r.hash) return { brokenAt, head: prev, lastSeq: after };
          prev = r.hash;
          after = r.seq;
        }
        if (rows.length < BATCH) break;
      }
    } finally {
      await many(qr, closeCursor(CURSOR));
    }
    return { head: prev, lastSeq: after };
  }
}
