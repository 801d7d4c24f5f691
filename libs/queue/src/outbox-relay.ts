import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { DEFAULT_JOB_OPTIONS } from './job-options';
import { QueueName } from './jobs';
import { OutboxRepository, OutboxRow } from './outbox.repository';

const BATCH = 1_000; // addBulk is one script call per job: keep batches at about a thousand

/**
 * Moves outbox rows into BullMQ with their deterministic job ids. Woken by NOTIFY on insert and by a
 * poll; several workers may relay at once (rows are claimed with SKIP LOCKED, and ids dedupe jobs).
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private listener?: Client;
  private timer?: NodeJS.Timeout;
  private running = false;
  private again = false;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
    private readonly moduleRef: ModuleRef,
  ) {}

  queue(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.timer = setInterval(() => void this.kick(), 1_000);
    await this.listen();
    void this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.listener?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    const opts = this.dataSource.options as { url?: string };
    const client = new Client({ connectionString: opts.url });
    client.on('error', () => {
      this.listener = undefined;
      if (!this.stopped) setTimeout(() => void this.listen(), 2_000);
    });
    client.on('notification', () => void this.kick());
    try {
      await client.connect();
      await client.query('LISTEN outbox');
      this.listener = client;
    } catch (err) {
      this.logger.warn(`LISTEN outbox failed, polling only: ${err.message}`);
      if (!this.stopped) setTimeout(() => void this.listen(), 5_000);
    }
  }

  /** Relays until nothing is left; concurrent kicks coalesce. */
  async kick(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        while ((await this.relayBatch()) === BATCH) {
          /* keep going */
        }
      } while (this.again && !this.stopped);
    } catch (err) {
      this.logger.warn(`relay paused: ${err.message}`);
    } finally {
      this.running = false;
    }
  }

  /** Relays one batch of rows not yet relayed; returns how many. */
  async relayBatch(): Promise<number> {
    return this.outbox.relayNext(BATCH, (rows) => this.addToQueues(rows));
  }

  /** Re-adds every row not yet done; BullMQ ignores ids it still holds. Used by the reconciler. */
  async readdAllPending(): Promise<number> {
    let lastId = '0';
    let total = 0;
    for (;;) {
      const rows = await this.outbox.pendingAfter(lastId, BATCH);
      if (rows.length === 0) return total;
      await this.addToQueues(rows);
      total += rows.length;
      lastId = rows[rows.length - 1].id;
    }
  }

  /**
   * Retries jobs that BullMQ has given up on while their outbox row is still not done: attempts spent,
   * or stalled more than maxStalledCount times (a worker killed twice in the same job). BullMQ keeps a
   * failed id for removeOnFail's age (7 days), and re-adding a held id is a no-op, so without this the
   * work would wait a week. Each sweep gives such a job one more attempt. Used by the reconciler.
   */
  async retryFailedPending(): Promise<number> {
    let retried = 0;
    for (const name of Object.values(QueueName)) {
      const queue = this.queue(name);
      const failedIds = await queue.getRanges(['failed'], 0, -1);
      for (let i = 0; i < failedIds.length; i += BATCH * 10) {
        const ids = failedIds.slice(i, i + BATCH * 10);
        const pending = await this.outbox.pendingJobIds(ids);
        for (const id of pending) {
          const job = await queue.getJob(id);
          if (!job || (await job.getState()) !== 'failed') continue;
          // Another worker's reconciler may retry it first: then this one is not failed any more.
          if (await job.retry('failed').then(() => true, () => false)) retried++;
        }
      }
    }
    return retried;
  }

  private async addToQueues(rows: OutboxRow[]): Promise<void> {
    const byQueue = new Map<QueueName, OutboxRow[]>();
    for (const r of rows) byQueue.set(r.queue, [...(byQueue.get(r.queue) ?? []), r]);
    for (const [name, list] of byQueue) {
      await this.queue(name).addBulk(
        list.map((r) => ({
          name: r.name,
          data: r.payload,
          opts: { ...DEFAULT_JOB_OPTIONS, jobId: r.job_id, delay: Number(r.delay_ms) },
        })),
      );
    }
  }
}
