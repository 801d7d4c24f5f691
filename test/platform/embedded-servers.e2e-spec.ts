import { EmbeddedPostgres, PrivateRedis } from '@qf/infra';
import Redis from 'ioredis';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/**
 * The servers `npm start` launches, run from a temporary directory outside the checkout (where a CI
 * clone may live anywhere, even under a root-only directory): start, use, stop, start again on the
 * same data.
 */
describe('embedded PostgreSQL and private Redis from a temp directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qf-launcher-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts PostgreSQL, creates a database, keeps data across a restart, and stops', async () => {
    const pg = new EmbeddedPostgres({ dataDir: join(dir, '.data', 'postgres'), fast: true });
    await pg.start();
    try {
      const url = await pg.createDatabase('qingfeng');
      const client = new Client({ connectionString: url });
      await client.connect();
      await client.query('CREATE TABLE kept (v text)');
      await client.query(`INSERT INTO kept VALUES ('清风')`);
      await client.end();
    } finally {
      await pg.stop();
    }
    await expect(new Client({ connectionString: pg.url('qingfeng'), connectionTimeoutMillis: 1000 }).connect()).rejects.toThrow();

    const again = new EmbeddedPostgres({ dataDir: join(dir, '.data', 'postgres'), fast: true });
    await again.start();
    try {
      const client = new Client({ connectionString: again.url('qingfeng') });
      await client.connect();
      const { rows } = await client.query('SELECT v FROM kept');
      await client.end();
      expect(rows).toEqual([{ v: '清风' }]);
    } finally {
      await again.stop();
    }
  }, 60_000);

  it('starts Redis with noeviction, stops it and starts it again on the same port', async () => {
    const redis = new PrivateRedis({ dir: join(dir, '.data', 'redis') });
    await redis.start();
    const port = redis.port;
    try {
      const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
      expect(await client.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
      expect(await client.set('k', 'v')).toBe('OK');
      client.disconnect();
      await redis.stop();
      await redis.start();
      expect(redis.port).toBe(port);
      const again = new Redis(redis.url, { maxRetriesPerRequest: 1 });
      expect(await again.ping()).toBe('PONG');
      again.disconnect();
    } finally {
      await redis.stop();
    }
  }, 30_000);
});
