import type { RedisOptions } from 'ioredis';

/**
 * ioredis options from REDIS_URL. `failFast` (api, relay) turns off the offline queue so that a
 * producer never blocks on a Redis that is down: the call fails at once and the outbox keeps the work.
 */
export function redisOptions(url: string, opts: { failFast: boolean }): RedisOptions {
  const u = new URL(url);
  return {
    host: u.hostname || '127.0.0.1',
    port: Number(u.port || 6379),
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname && u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    enableOfflineQueue: !opts.failFast,
    maxRetriesPerRequest: opts.failFast ? 1 : null,
    connectTimeout: 2_000,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
    lazyConnect: false,
  };
}
