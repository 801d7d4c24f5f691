import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { jobId } from './job-options';
import { AnyJob, JOB_QUEUE } from './jobs';

/**
 * Records work in PostgreSQL, normally inside the transaction of the change that causes it
 * (pass that transaction's EntityManager). The worker's relay moves it into BullMQ; nothing here
 * touches Redis, so writes succeed while Redis is down.
 */
@Injectable()
export class OutboxService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async add(em: EntityManager | undefined, jobs: AnyJob | AnyJob[], runAt?: Date): Promise<void> {
    const list = Array.isArray(jobs) ? jobs : [jobs];
    if (list.length === 0) return;
    await (em ?? this.dataSource.manager).query(
      `INSERT INTO outbox (job_id, queue, name, payload, run_at)
       SELECT j.job_id, j.queue, j.name, j.payload, coalesce($5::timestamptz, now())
         FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[]) AS j(job_id, queue, name, payload)
       ON CONFLICT (job_id) WHERE done_at IS NULL
       DO UPDATE SET run_at = EXCLUDED.run_at, relayed_at = CASE WHEN outbox.run_at = EXCLUDED.run_at THEN outbox.relayed_at END`,
      [
        list.map(jobId),
        list.map((j) => JOB_QUEUE[j.name]),
        list.map((j) => j.name),
        list.map((j) => JSON.stringify(j.payload)),
        runAt ?? null,
      ],
    );
  }

  /** Of these job ids, those still pending in the outbox (not done). */
  async pendingJobIds(jobIds: string[]): Promise<Set<string>> {
    const rows: { job_id: string }[] = await this.dataSource.query(`SELECT job_id FROM outbox WHERE job_id = ANY($1::text[]) AND done_at IS NULL`, [jobIds]);
    return new Set(rows.map((r) => r.job_id));
  }
}
