import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { many, Queryable, raw, sql, updated } from '@qf/database';
import { DataSource } from 'typeorm';
import { QueueName } from './jobs';

/** A row to record: the job's deterministic id, its queue and name, and its payload. */
export interface OutboxEntry {
  jobId: string;
  queue: QueueName;
  name: string;
  payload: unknown;
}

/** A row handed to the relay, with the delay left until its run_at. */
export interface OutboxRow {
  id: string;
  job_id: string;
  queue: QueueName;
  name: string;
  payload: unknown;
  delay_ms: number;
}

const RELAY_COLUMNS = sql`id, job_id, queue, name, payload, greatest(0, extract(epoch FROM run_at - now()) * 1000)::bigint AS delay_ms`;

/** All SQL of `outbox`: recorded by OutboxService, relayed by OutboxRelay, marked done by JobHandlerRegistry. */
@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One INSERT … SELECT over the entries (inside the caller's transaction when `db` is its EntityManager).
   * A pending row with the same job id is moved to the new run_at, and relayed again if that changed.
   */
  async insert(db: Queryable | undefined, entries: OutboxEntry[], runAt: Date | null): Promise<void> {
    await many(
      db ?? this.dataSource.manager,
      sql`INSERT INTO outbox (job_id, queue, name, payload, run_at)
          SELECT j.job_id, j.queue, j.name, j.payload, coalesce(${runAt}::timestamptz, now())
            FROM unnest(${entries.map((e) => e.jobId)}::text[], ${entries.map((e) => e.queue)}::text[], ${entries.map((e) => e.name)}::text[],
                        ${entries.map((e) => JSON.stringify(e.payload))}::jsonb[]) AS j(job_id, queue, name, payload)
          ON CONFLICT (job_id) WHERE done_at IS NULL
          DO UPDATE SET run_at = EXCLUDED.run_at, relayed_at = CASE WHEN outbox.run_at = EXCLUDED.run_at THEN outbox.relayed_at END`,
    );
  }

  /** Of these job ids, those still pending (not done). */
  async pendingJobIds(jobIds: string[]): Promise<string[]> {
    const rows = await many<{ job_id: string }>(this.dataSource, sql`SELECT job_id FROM outbox WHERE job_id = ANY(${jobIds}::text[]) AND done_at IS NULL`);
    return rows.map((r) => r.job_id);
  }

  /**
   * In one transaction: claims up to `limit` rows not yet relayed (FOR UPDATE SKIP LOCKED, so that
   * several relays never take the same row), hands them to `relay`, then marks them relayed.
   * Returns how many it claimed.
   */
  relayNext(limit: number, relay: (rows: OutboxRow[]) => Promise<void>): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const rows = await many<OutboxRow>(
        em,
        sql`SELECT ${RELAY_COLUMNS} FROM outbox WHERE relayed_at IS NULL AND done_at IS NULL ORDER BY id LIMIT ${raw(String(limit))} FOR UPDATE SKIP LOCKED`,
      );
      if (rows.length === 0) return 0;
      await relay(rows);
      await updated(em, sql`UPDATE outbox SET relayed_at = now() WHERE id = ANY(${rows.map((r) => r.id)}::bigint[])`);
      return rows.length;
    });
  }

  /** Rows not yet done, relayed or not, after `afterId` in id order (the reconciler pages through them). */
  pendingAfter(afterId: string, limit: number): Promise<OutboxRow[]> {
    return many<OutboxRow>(
      this.dataSource,
      sql`SELECT ${RELAY_COLUMNS} FROM outbox WHERE done_at IS NULL AND id > ${afterId} ORDER BY id LIMIT ${raw(String(limit))}`,
    );
  }

  /** Marks a job's pending row done. */
  async markDone(jobId: string): Promise<void> {
    await updated(this.dataSource, sql`UPDATE outbox SET done_at = now() WHERE job_id = ${jobId} AND done_at IS NULL`);
  }

  /** Forgets rows done more than seven days ago. */
  async pruneDone(): Promise<void> {
    await many(this.dataSource, sql`DELETE FROM outbox WHERE done_at < now() - interval '7 days'`);
  }
}
