import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client, Pool } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { PrivateRedis } from '@qf/infra';
import { contractChecked, OpenApiContract } from './openapi-contract';

export interface TestEnvInfo {
  serverUrl: string;
  template: string;
  runDir: string;
  /** The login (member of qingfeng_app) the api and worker use. */
  appLogin: { user: string; password: string };
  /** The Ed25519 key (PEM file) that signs audit checkpoints. */
  signingKeyFile: string;
}

export function testEnvInfo(): TestEnvInfo {
  return JSON.parse(readFileSync(process.env.QF_TEST_ENV_FILE!, 'utf8'));
}

/** A fresh database copied from the migrated template; returns its URL (as the server's superuser, the tables' owner). */
export async function freshDatabase(): Promise<string> {
  const { serverUrl, template } = testEnvInfo();
  const name = `${template}_${randomBytes(5).toString('hex')}`;
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await client.end();
  }
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export interface TestApp {
  app: NestFastifyApplication;
  /**
   * supertest against the api, e.g. `t.http().get('/api/v1/me')`. Every response is checked against the
   * api's OpenAPI document (test/support/openapi-contract.ts): an undocumented one fails the test.
   */
  http: () => ReturnType<typeof request>;
  /** The api's DataSource: connected as the app role (DML only, owns nothing). */
  db: DataSource;
  redis: PrivateRedis;
  /** The URL the api and worker use: the app role. */
  databaseUrl: string;
  /** The same database as the tables' owner (MIGRATION_DATABASE_URL): for tests that play an attacker with the owner's password. */
  ownerUrl: string;
  /** Queries as the owner (a small pool, closed by close()). */
  owner: Pool;
  worker?: INestApplicationContext;
  startWorker(): Promise<INestApplicationContext>;
  stopWorker(): Promise<void>;
  /** Closes the api and builds a new one on the same database and Redis (fault drills); updates `app` and `db`. */
  restartApi(): Promise<void>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Start the worker in this process too (default false). */
  worker?: boolean;
  /** Extra environment for this file's processes. */
  env?: Record<string, string>;
  /** Redis maxmemory (e.g. '2mb') for fault drills. */
  redisMaxmemory?: string;
  /** A private Redis even when TEST_REDIS_URL names a shared one (fault drills stop, flush and fill it). */
  privateRedis?: boolean;
}

/**
 * The real api (and optionally the worker) on a fresh database and a private Redis, configured as
 * production runs them. Call once per test file in beforeAll; `close()` in afterAll.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const ownerUrl = await freshDatabase();
  const { appLogin, signingKeyFile } = testEnvInfo();
  const appUrl = new URL(ownerUrl);
  appUrl.username = appLogin.user;
  appUrl.password = appLogin.password;
  const databaseUrl = appUrl.toString();
  const owner = new Pool({ connectionString: ownerUrl, max: 2 });
  owner.on('error', () => undefined);
  const redisUrl = options.privateRedis ? undefined : process.env.TEST_REDIS_URL;
  const redis = new PrivateRedis({ dir: join(testEnvInfo().runDir, `redis-${randomBytes(4).toString('hex')}`), maxmemory: options.redisMaxmemory });
  if (!redisUrl) await redis.start();
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    MIGRATION_DATABASE_URL: ownerUrl,
    AUDIT_SIGNING_KEY_FILE: signingKeyFile,
    REDIS_URL: redisUrl ?? redis.url,
    QUEUE_PREFIX: `qf${randomBytes(4).toString('hex')}`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    RATE_LIMIT_PER_MINUTE: '100000',
    RECONCILE_INTERVAL_SECONDS: '2',
    DB_POOL_SIZE: '10',
    ...options.env,
  });
  // Imported late so that nothing reads the environment before it is set.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createApiApp } = require('../../apps/api/src/app.setup') as typeof import('../../apps/api/src/app.setup');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createWorker } = require('../../apps/worker/src/worker.setup') as typeof import('../../apps/worker/src/worker.setup');
  const app = await createApiApp().catch(async (err) => {
    await redis.stop();
    await owner.end();
    throw err;
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const db = app.get(DataSource);
  // Every response a test receives through http() is checked against the api's own document.
  const docs = await app.inject({ method: 'GET', url: '/api/docs-json' });
  const contract = new OpenApiContract(docs.json());
  const t: TestApp = {
    app,
    db,
    redis,
    databaseUrl,
    ownerUrl,
    owner,
    http: () => contractChecked(request(t.app.getHttpServer()), () => contract),
    async startWorker() {
      const worker = await createWorker();
      await worker.init();
      t.worker = worker;
      return worker;
    },
    async stopWorker() {
      await t.worker?.close();
      t.worker = undefined;
    },
    async restartApi() {
      await t.app.close();
      t.app = await createApiApp();
      await t.app.init();
      await t.app.getHttpAdapter().getInstance().ready();
      t.db = t.app.get(DataSource);
    },
    async close() {
      await t.stopWorker();
      await t.app.close();
      await redis.stop();
      await owner.end();
    },
  };
  if (options.worker) {
    await t.startWorker().catch(async (err) => {
      await t.close();
      throw err;
    });
  }
  return t;
}
