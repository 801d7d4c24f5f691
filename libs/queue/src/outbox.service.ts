import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { jobId } from './job-options';
import { AnyJob, JOB_QUEUE } from './jobs';
import { OutboxRepository } from './outbox.repository';

/**
 * Records work in PostgreSQL, normally inside the transaction of the change that causes it
 * (pass that transaction's EntityManager). The worker's relay moves it into BullMQ; nothing here
 * touches Redis, so writes succeed while Redis is down.
 */
@Injectable()
export class OutboxService {
  constructor(private readonly outbox: OutboxRepository) {}

  async add(em: EntityManager | undefined, jobs: AnyJob | AnyJob[], runAt?: Date): Promise<void> {
    const list = Array.isArray(jobs) ? jobs : [jobs];
    if (list.length === 0) return;
    await this.outbox.insert(
      em,
      list.map((j) => ({ jobId: jobId(j), queue: JOB_QUEUE[j.name], name: j.name, payload: j.payload })),
      runAt ?? null,
    );
  }

  /** Of these job ids, those still pending in the outbox (not done). */
  async pendingJobIds(jobIds: string[]): Promise<Set<string>> {
    return new Set(await this.outbox.pendingJobIds(jobIds));
  }
}
