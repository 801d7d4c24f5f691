import { entryHash, GENESIS_HASH, hashedLogColumns } from '@qf/attendance';
import type { Caller, Seed } from '../support/seed';
import type { TestApp } from '../support/test-app';

type Status = 'expected' | 'present' | 'late' | 'excused' | 'absent';

/** Test data factories for audit specs: sessions, records and log entries written with SQL. */
export function auditFactories(t: TestApp, seed: Seed) {
  return {
    /** A session of `unit` starting at `startsAt` (an instant), two hours long; completed five minutes after its end unless told otherwise. */
    async session(unit: keyof Seed['units'], startsAt: string, title: string, status: 'completed' | 'published' = 'completed'): Promise<{ id: string; completedAt: Date | null }> {
      const [row] = await t.db.query(
        `INSERT INTO sessions (unit_id, title, kind, status, starts_at, ends_at, published_at, completed_at)
         VALUES ($1, $2, 'friday_study', $3, $4::timestamptz, $4::timestamptz + interval '2 hours', $4::timestamptz - interval '7 days',
                 CASE WHEN $3 = 'completed' THEN $4::timestamptz + interval '2 hours 5 minutes' END)
         RETURNING id, completed_at`,
        [seed.units[unit], title, status, startsAt],
      );
      return { id: row.id, completedAt: row.completed_at };
    },

    async record(sessionId: string, who: Caller, status: Status, extra: { checkedInAt?: string; madeUpAt?: string } = {}): Promise<void> {
      await t.db.query(
        `INSERT INTO attendance_records (session_id, user_id, status, checked_in_at, made_up_at, made_up_summary)
         VALUES ($1, $2, $3, $4, $5, CASE WHEN $5::timestamptz IS NOT NULL THEN '补学心得' END)`,
        [sessionId, seed.users[who].id, status, extra.checkedInAt ?? null, extra.madeUpAt ?? null],
      );
    },

    async log(
      sessionId: string,
      who: Caller,
      action: string,
      fromStatus: Status | null,
      toStatus: Status,
      at: string | Date,
      opts: { actor?: Caller | null; reason?: string } = {},
    ): Promise<number> {
      const [row] = await t.db.query(
        `INSERT INTO attendance_log (session_id, user_id, actor_id, action, from_status, to_status, reason, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING seq::int AS seq`,
        [sessionId, seed.users[who].id, opts.actor === null ? null : seed.users[opts.actor ?? who].id, action, fromStatus, toStatus, opts.reason ?? null, at],
      );
      return row.seq;
    },

    /** Seals log entries in seq order, continuing the chain, like the worker's sealer does; `only` restricts which seqs get sealed. */
    async seal(upToSeq: number, only?: (seq: number) => boolean): Promise<void> {
      const [head] = await t.db.query(`SELECT hash FROM attendance_log_seals ORDER BY seq DESC LIMIT 1`);
      let prev: string = head?.hash ?? GENESIS_HASH;
      const rows = await t.db.query(
        `SELECT l.seq::int AS seq, ${hashedLogColumns('l')}
           FROM attendance_log l WHERE l.seq > coalesce((SELECT max(seq) FROM attendance_log_seals), 0) AND l.seq <= $1 ORDER BY l.seq`,
        [upToSeq],
      );
      const sealed: { seq: number; prev: string; hash: string }[] = [];
      for (const r of rows) {
        if (only && !only(r.seq)) continue;
        const hash = entryHash(prev, r);
        sealed.push({ seq: r.seq, prev, hash });
        prev = hash;
      }
      await t.db.query(`INSERT INTO attendance_log_seals (seq, prev_hash, hash) SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[])`, [
        sealed.map((x) => x.seq),
        sealed.map((x) => x.prev),
        sealed.map((x) => x.hash),
      ]);
    },
  };
}
