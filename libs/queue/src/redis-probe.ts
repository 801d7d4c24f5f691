import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Env } from '@qf/config';
import Redis from 'ioredis';
import { redisOptions } from './redis-connection';

/** A small fail-fast Redis connection for health checks and the reconciler's watch; never blocks. */
@Injectable()
export class RedisProbe implements OnModuleDestroy {
  readonly client: Redis;
  private readonly probeKey: string;

  constructor(config: ConfigService<Env, true>) {
    this.client = new Redis({ ...redisOptions(config.get('REDIS_URL', { infer: true }), { failFast: true }), lazyConnect: true });
    this.client.on('error', () => undefined); // reported through /health; ioredis reconnects on its own
    this.client.connect().catch(() => undefined);
    this.probeKey = `${config.get('QUEUE_PREFIX', { infer: true })}:health:probe`;
  }

  /**
   * Redis answers AND accepts writes. A write, not PING: a Redis at maxmemory (noeviction) still
   * answers PING but refuses every job (OOM), and /health must say so.
   */
  async ping(timeoutMs: number): Promise<void> {
    await withTimeout(this.client.set(this.probeKey, '1', 'PX', 10_000), timeoutMs);
  }

  async runId(): Promise<string | undefined> {
    return /run_id:(\w+)/.exec(await this.client.info('server'))?.[1];
  }

  onModuleDestroy(): void {
    this.client.disconnect();
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms))),
  ]).finally(() => clearTimeout(timer));
}
