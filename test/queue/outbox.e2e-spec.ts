import { getQueueToken } from '@nestjs/bullmq';
import { JobName, OutboxService, QueueName } from '@qf/queue';
import type { Queue } from 'bullmq';
import Redis from 'ioredis';
import { createTestApp, TestApp } from '../support/test-app';
import { eventually } from '../support/wait-for-queues';

describe('outbox → relay → worker, and the reconciler (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ worker: true, privateRedis: true }); // stops and flushes Redis
  });
  afterAll(() => t.close());

  const pendingPrune = async () =>
    (await t.db.query(`SELECT count(*)::int AS n FROM outbox WHERE name = $1 AND done_at IS NULL`, [JobName.Prune]))[0].n;

  it('runs work recorded in the outbox and marks it done', async () => {
    await t.app.get(OutboxService).add(undefined, { name: JobName.Prune, payload: {} });
    expect(await pendingPrune()).toBe(1);
    await eventually(async () => (await pendingPrune()) === 0);
  });

  it('accepts work while Redis is down and runs it once Redis is back', async () => {
    await t.redis.stop();
    const started = Date.now();
    await t.app.get(OutboxService).add(undefined, { name: JobName.Prune, payload: {} });
    expect(Date.now() - started).toBeLessThan(1_000); // the write path never waits for Redis
    const health = await t.http().get('/api/v1/health');
    expect(health.status).toBe(503);
    expect(health.body.error?.redis?.status ?? health.body.details?.redis?.status).toBe('down');
    expect(await pendingPrune()).toBe(1);
    await t.redis.start();
    await eventually(async () => (await pendingPrune()) === 0, 30_000);
    await eventually(async () => (await t.http().get('/api/v1/health')).status === 200);
  });

  it('re-registers the schedules after FLUSHALL', async () => {
    const queue = t.worker!.get<Queue>(getQueueToken(QueueName.Maintenance), { strict: false });
    await eventually(async () => (await queue.getJobSchedulers()).length > 0);
    const redis = new Redis(t.redis.url);
    await redis.flushall();
    expect(await queue.getJobSchedulers()).toHaveLength(0);
    await eventually(async () => (await queue.getJobSchedulers()).some((s) => s.key === JobName.Prune || s.name === JobName.Prune), 15_000);
    redis.disconnect();
  });
});
