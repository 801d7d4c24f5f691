import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { entryHash, GENESIS_HASH, HashableLogEntry, hashedLogColumns } from '@qf/attendance';
import { DataSource } from 'typeorm';

export interface ChainVerification {
  ok: boolean;
  /** Entries covered by the sealed chain (rows of attendance_log_seals). */
  entries: number;
  /** Log entries after the sealed end, not sealed yet (the sealer runs a few seconds behind). */
  unsealed: number;
  /** The first `seq` where the chain does not hold (only when ok is false). */
  brokenAt?: number;
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
 * Reads in one REPEATABLE READ, READ ONLY snapshot, in keyset batches by `seq` (primary keys of the
 * log and the seals), so memory stays flat however long the log is.
 */
@Injectable()
export class AttendanceChainVerifier {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async verify(): Promise<ChainVerification> {
    const qr = this.dataSource.createQueryRunner();
    await qr.connect();
    try {
      await qr.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const [head]: { last: string | null; entries: number }[] = await qr.query(
        `SELECT max(seq)::text AS last, count(*)::float8 AS entries FROM attendance_log_seals`,
      );
      const last = head.last ?? '0';
      const [tail]: { n: number }[] = await qr.query(`SELECT count(*)::float8 AS n FROM attendance_log WHERE seq > $1`, [last]);
      const result = { entries: head.entries, unsealed: tail.n };

      let prev = GENESIS_HASH;
      let after = '0';
      for (;;) {
        const rows: ChainRow[] = await qr.query(
          `SELECT l.seq::text AS seq, ${hashedLogColumns('l')}, s.prev_hash, s.hash
             FROM attendance_log l LEFT JOIN attendance_log_seals s ON s.seq = l.seq
            WHERE l.seq > $1 AND l.seq <= $2
            ORDER BY l.seq
            LIMIT ${BATCH}`,
          [after, last],
        );
        for (const r of rows) {
          const brokenAt = Number(r.seq);
          if (r.hash === null || r.prev_hash !== prev) return { ok: false, ...result, brokenAt };
          const recomputed = entryHash(prev, r);
          if (recomputed !== r.hash) return { ok: false, ...result, brokenAt };
          prev = r.hash;
        }
        if (rows.length < BATCH) break;
        after = rows[rows.length - 1].seq;
      }
      return { ok: true, ...result };
    } finally {
      await qr.query('ROLLBACK').catch(() => undefined);
      await qr.release();
    }
  }
}
