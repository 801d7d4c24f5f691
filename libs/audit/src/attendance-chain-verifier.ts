import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { entryHash, GENESIS_HASH, HashableLogEntry, hashedLogColumns } from '@qf/attendance';
import { DataSource, QueryRunner } from 'typeorm';
import { ATTENDANCE_REPLAY_SQL } from './attendance-replay.sql';

export interface RecordMismatch {
  sessionId: string;
  userId: string;
  /** null: the log has entries for a (session, person) without a record. */
  recordStatus: string | null;
  /** null: a record without any log entry. */
  logStatus: string | null;
}

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

interface ChainRow extends HashableLogEntry {
  seq: string;
  prev_hash: string | null;
  hash: string | null;
}

const BATCH = 5_000;

/**
 * Recomputes the attendance log's hash chain (see @qf/attendance log-hash.ts) from the genesis
 * hash in `seq` order and checks, for every log entry up to the highest sealed `seq`:
 * - it is sealed (sealed seqs are contiguous among log entries — nothing left out below the end);
 * - its seal's prev_hash is the previous entry's hash (GENESIS_HASH for the first);
 * - its seal's hash is the recomputation over the entry as stored now.
 * Then replays the whole log (sealed or not) into the status it implies per (session, person) and
 * compares it with attendance_records in one set-based statement (attendance-replay.sql.ts).
 * Reads in one REPEATABLE READ, READ ONLY snapshot, through a cursor over the log merged with its
 * seals in `seq` order (their primary keys), so memory stays flat however long the log is.
 */
@Injectable()
export class AttendanceChainVerifier {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async verify(): Promise<ChainVerification> {
    return this.inSnapshot(async (qr) => {
      // The replay runs on a second connection in the same snapshot (exported), while this one
      // walks the chain: the server aggregates as the client hashes.
      const [{ snapshot }]: { snapshot: string }[] = await qr.query('SELECT pg_export_snapshot() AS snapshot');
      const replaying = this.replayIn(snapshot);
      replaying.catch(() => undefined); // awaited below; never an unhandled rejection meanwhile
      const [head]: { last: string | null; entries: number }[] = await qr.query(
        `SELECT max(seq)::text AS last, count(*)::float8 AS entries FROM attendance_log_seals`,
      );
      const last = head.last ?? '0';
      const [tail]: { n: number }[] = await qr.query(`SELECT count(*)::float8 AS n FROM attendance_log WHERE seq > $1`, [last]);
      const chain = await this.walk(qr, last);
      const replay = await replaying;
      return {
        ok: chain.brokenAt === undefined && replay.mismatches === 0,
        entries: head.entries,
        unsealed: tail.n,
        ...(chain.brokenAt !== undefined ? { brokenAt: chain.brokenAt } : {}),
        checked: replay.checked,
        recordMismatches: replay.listed,
        recordMismatchCount: replay.mismatches,
      };
    });
  }

  /** ATTENDANCE_REPLAY_SQL in the exported `snapshot`, on its own connection. */
  private async replayIn(snapshot: string): Promise<{ checked: number; mismatches: number; listed: RecordMismatch[] }> {
    const qr = this.dataSource.createQueryRunner();
    await qr.connect();
    try {
      await qr.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await qr.query(`SET TRANSACTION SNAPSHOT '${snapshot.replace(/'/g, "''")}'`);
      const [replay] = await qr.query(ATTENDANCE_REPLAY_SQL);
      return replay;
    } finally {
      await qr.query('ROLLBACK').catch(() => undefined);
      await qr.release();
    }
  }

  /**
   * The chain up to `seq` as stored now: `brokenAt` when a seal does not hold, else the hash the
   * recomputation reaches at `seq` (null when `seq` is not a sealed entry any more).
   */
  async headAt(seq: number): Promise<{ brokenAt?: number; hash: string | null }> {
    return this.inSnapshot(async (qr) => {
      const chain = await this.walk(qr, String(seq));
      if (chain.brokenAt !== undefined) return { brokenAt: chain.brokenAt, hash: null };
      return { hash: chain.lastSeq === String(seq) || seq === 0 ? chain.head : null };
    });
  }

  /** The sealed end in the current state: `{seq: 0, hash: GENESIS_HASH}` for an empty chain. */
  async sealedEnd(): Promise<{ seq: number; hash: string }> {
    const [end]: { seq: string; hash: string }[] = await this.dataSource.query(`SELECT s.seq::text AS seq, s.hash FROM attendance_log_seals s ORDER BY s.seq DESC LIMIT 1`);
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
    await qr.query(
      `DECLARE chain_walk NO SCROLL CURSOR FOR
         SELECT l.seq::text AS seq, ${hashedLogColumns('l')}, s.prev_hash, s.hash
           FROM attendance_log l LEFT JOIN attendance_log_seals s ON s.seq = l.seq AND s.seq <= $1
          WHERE l.seq <= $1
          ORDER BY l.seq`,
      [last],
    );
    try {
      for (;;) {
        const rows: ChainRow[] = await qr.query(`FETCH ${BATCH} FROM chain_walk`);
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
      await qr.query('CLOSE chain_walk');
    }
    return { head: prev, lastSeq: after };
  }

  private async inSnapshot<T>(fn: (qr: QueryRunner) => Promise<T>): Promise<T> {
    const qr = this.dataSource.createQueryRunner();
    await qr.connect();
    try {
      await qr.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      return await fn(qr);
    } finally {
      await qr.query('ROLLBACK').catch(() => undefined);
      await qr.release();
    }
  }
}
