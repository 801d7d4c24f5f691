import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DiscoveryService } from '@nestjs/core';
import { Env } from '@qf/config';
import { DEFAULT_JOB_OPTIONS } from './job-options';
import { PendingWork, PendingWorkSource } from './job-handler.decorator';
import { JOB_QUEUE, SCHEDULES } from './jobs';
import { OutboxRelay } from './outbox-relay';
import { RedisProbe } from './redis-probe';

/**
 * Makes Redis agree with PostgreSQL again. Runs at start-up, every RECONCILE_INTERVAL_SECONDS, and
 * as soon as Redis is seen empty or restarted (a new run id, or our marker key gone after FLUSHALL):
 * 1. each @PendingWorkSource re-derives due work from state (sessions past their end, assignments
 *    still dispatching…) into the outbox;
 * 2. every outbox row not done is re-added to its queue (deterministic ids make this harmless);
 * 3. the job schedulers are upserted.
 */
@Injectable()
export class Reconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Reconciler.name);
  private sweepTimer?: NodeJS.Timeout;
  private watchTimer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly relay: OutboxRelay,
    private readonly discovery: DiscoveryService,
    private readonly config: ConfigService<Env, true>,
    private readonly redis: RedisProbe,
  ) {}

  onApplicationBootstrap(): void {
    const everyMs = this.config.get('RECONCILE_INTERVAL_SECONDS', { infer: true }) * 1000;
    this.sweepTimer = setInterval(() => void this.reconcile('interval'), everyMs);
    this.watchTimer = setInterval(() => void this.watchRedis(), 2_000);
    void this.reconcile('start-up');
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.sweepTimer);
    clearInterval(this.watchTimer);
    await this.running;
  }

  private markerKey(): string {
    return `${this.config.get('QUEUE_PREFIX', { infer: true })}:reconciler:run-id`;
  }

  /** Detects a Redis that restarted or was flushed since we last looked. */
  private async watchRedis(): Promise<void> {
    try {
      const runId = await this.redis.runId();
      const marker = await this.redis.client.get(this.markerKey());
      if (runId && marker !== runId) await this.reconcile(marker ? 'redis restarted' : 'redis empty or flushed');
    } catch {
      /* Redis down: nothing to do until it is back */
    }
  }

  /** One sweep; concurrent calls share the sweep in progress. */
  reconcile(reason: string): Promise<void> {
    this.running ??= this.sweep(reason).finally(() => (this.running = undefined));
    return this.running;
  }

  private async sweep(reason: string): Promise<void> {
    try {
      for (const wrapper of this.discovery.getProviders({ metadataKey: PendingWorkSource.KEY })) {
        await (wrapper.instance as PendingWork).enqueuePendingWork();
      }
      const runId = await this.redis.runId();
      await this.relay.kick();
      const readded = await this.relay.readdAllPending();
      const retried = await this.relay.retryFailedPending();
      if (retried > 0) this.logger.warn(`reconcile (${reason}): ${retried} failed job(s) with work still pending retried`);
      for (const s of SCHEDULES) {
        await this.relay
          .queue(JOB_QUEUE[s.name])
          .upsertJobScheduler(s.name, 'pattern' in s ? { pattern: s.pattern, tz: this.config.get('ORG_TIMEZONE', { infer: true }) } : { every: s.everyMs }, { name: s.name, data: {}, opts: { ...DEFAULT_JOB_OPTIONS, attempts: 1 } });
      }
      if (runId) await this.redis.client.set(this.markerKey(), runId);
      if (reason !== 'interval' || readded > 0) this.logger.log(`reconciled (${reason}): ${readded} pending job(s) re-added`);
    } catch (err) {
      this.logger.warn(`reconcile (${reason}) failed, will retry: ${err.message}`);
    }
  }
}
