/* eslint-disable @typescript-eslint/no-require-imports */
'use strict';
/**
 * What the benchmarks in bench/<name>/run.js share: their own embedded PostgreSQL and private Redis
 * (from dist/libs/infra/src, so `npm run build` first), a migrated database, the api process started
 * from dist, access tokens as AuthService signs them, an HTTP helper, statistics, and the result file
 * bench/.out/<name>.json that bench/run.js collects.
 */
const { spawn } = require('node:child_process');
const { createHmac, generateKeyPairSync } = require('node:crypto');
const http = require('node:http');
const { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const { Client } = require('pg');

/** The repository's root. */
const root = resolve(__dirname, '..');
/** A path inside the build output (dist/). */
const dist = (p) => join(root, 'dist', p);
const { EmbeddedPostgres, PrivateRedis, freePort } = require(dist('libs/infra/src'));
const { runMigrations } = require(dist('libs/database/src/data-source-options'));

/** The JWT secret every benchmark gives the api or worker (and signs its tokens with). */
const JWT_SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';
/** Production requires a checkpoint signing key (AUDIT_SIGNING_KEY): one per benchmark process. */
const AUDIT_SIGNING_KEY = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
/** NestJS 12 needs Node ≥ 24 (see STACK.md): the Node pinned in devDependencies when installed. */
const NODE24 = [join(root, 'node_modules', 'node', 'bin', 'node')].find((p) => existsSync(p)) ?? process.execPath;

/** Whether PostgreSQL runs with fsync on (BENCH_PG_FSYNC=1); off by default, as the tests run it. */
const pgFsync = () => process.env.BENCH_PG_FSYNC === '1';

/**
 * Starts an embedded PostgreSQL (and, unless `redis: false`, a private Redis) in a fresh temporary
 * directory; `stop()` stops both and removes the directory.
 */
async function startServices(name, { redis: withRedis = true } = {}) {
  const workDir = mkdtempSync(join(tmpdir(), `qf-bench-${name}-`));
  const pg = new EmbeddedPostgres({ dataDir: join(workDir, 'pg'), fast: !pgFsync() });
  const redis = withRedis ? new PrivateRedis({ dir: join(workDir, 'redis') }) : undefined;
  const stop = async () => {
    await redis?.stop().catch(() => undefined);
    await pg.stop().catch(() => undefined);
    rmSync(workDir, { recursive: true, force: true });
  };
  try {
    await pg.start();
    await redis?.start();
  } catch (err) {
    await stop();
    throw err;
  }
  return { pg, redis, stop };
}

/** Creates a database on the embedded server, runs the migrations on it and returns its URL. */
async function migratedDatabase(pg, name) {
  const url = await pg.createDatabase(name);
  await runMigrations(url);
  return url;
}

/**
 * A migrated database (see migratedDatabase) and a `pg` client connected to it, which ignores
 * connection errors (the server stops under it at the end of a run).
 */
async function connectedDatabase(pg, name = 'qf_bench') {
  const url = await migratedDatabase(pg, name);
  const db = new Client({ connectionString: url });
  db.on('error', () => undefined);
  await db.connect();
  return { url, db };
}

/**
 * A root unit `name` and `children` units under it, named by the SQL expression `childName` over
 * their number `g.n` (1…children), e.g. `'压测支部' || lpad(g.n::text, 4, '0')`; the root's id.
 */
async function insertUnitTree(db, { name = '压测机关党委', children, childName }) {
  const [{ id }] = (await db.query(
    `INSERT INTO units (id, name, parent_id, path) SELECT g.id, $1, NULL, '/' || g.id || '/' FROM (SELECT gen_random_uuid() AS id) g RETURNING id`,
    [name],
  )).rows;
  await db.query(
    `INSERT INTO units (id, name, parent_id, path)
     SELECT g.id, ${childName}, $1, (SELECT path FROM units WHERE id = $1) || g.id || '/'
       FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(1, $2) n) g`,
    [id, children],
  );
  return id;
}

/** One user of `role` in `unitId` (no usable password); its id. */
async function insertUser(db, { username, displayName, role, unitId }) {
  const [{ id }] = (await db.query(
    `INSERT INTO users (username, display_name, password_hash, role, unit_id) VALUES ($1, $2, 'not-a-hash', $3, $4) RETURNING id`,
    [username, displayName, role, unitId],
  )).rows;
  return id;
}

/** The environment the api and the worker need: production mode, the database, Redis, secrets, quiet logs. */
function appEnv(url, redisUrl) {
  return {
    NODE_ENV: 'production',
    DATABASE_URL: url,
    REDIS_URL: redisUrl,
    JWT_SECRET,
    AUDIT_SIGNING_KEY,
    ADMIN_PASSWORD: 'bench-admin-password',
    LOG_LEVEL: 'warn',
  };
}

/**
 * Spawns the api (dist/apps/api/src/main.js) on a free port on 127.0.0.1 with `appEnv` plus `env`
 * (rate limit out of the way) and waits until it is healthy. `node` and `nodeArgs` choose how it runs.
 */
async function startApi({ url, redisUrl, env = {}, node = process.execPath, nodeArgs = [] }) {
  const port = await freePort();
  const api = spawn(node, [...nodeArgs, dist('apps/api/src/main.js')], {
    cwd: root,
    env: { ...process.env, ...appEnv(url, redisUrl), PORT: String(port), HOST: '127.0.0.1', RATE_LIMIT_PER_MINUTE: '100000', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    await waitForHealth(port, api);
  } catch (err) {
    await stopProcess(api);
    throw err;
  }
  return { api, port };
}

/**
 * Polls GET /api/v1/health until it answers 200 (BENCH_START_TIMEOUT_SECONDS, 60 by default: a
 * loaded shared machine may need more; fails at once if the process exits).
 */
async function waitForHealth(port, api) {
  const seconds = Number(process.env.BENCH_START_TIMEOUT_SECONDS ?? 60);
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (api.exitCode !== null) throw new Error('the api exited during start-up');
    const ok = await new Promise((done) => {
      http
        .get({ host: '127.0.0.1', port, path: '/api/v1/health' }, (res) => {
          let b = '';
          res.on('data', (c) => (b += c));
          res.on('end', () => {
            if (res.statusCode !== 200 && process.env.BENCH_DEBUG) console.error(res.statusCode, b);
            done(res.statusCode === 200);
          });
        })
        .on('error', () => done(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the api did not become healthy within ${seconds} s`);
}

/** SIGTERM to a child process still running, then waits for it to exit (5 s at most). */
async function stopProcess(child) {
  if (!child || child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => {
    child.once('exit', r);
    setTimeout(r, 5000);
  });
}

const b64url = (v) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
/** An access token as AuthService signs it (HS256; sub, ver = the user's token_version, 0 for new users; 1 h). */
function token(sub, ver = 0) {
  const now = Math.floor(Date.now() / 1000);
  const body = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub, ver, iat: now, exp: now + 3600 })}`;
  return `${body}.${createHmac('sha256', JWT_SECRET).update(body).digest('base64url')}`;
}

/**
 * An HTTP request to 127.0.0.1 (GET, or POST of `body` as JSON) that consumes the answer: status,
 * time to the last byte, bytes, headers and the body as a Buffer (unless `keep: false`; `onChunk`
 * sees every chunk). Rejects on a connection error.
 */
function request(port, path, { auth, body, agent, keep = true, onChunk } = {}) {
  return new Promise((done, fail) => {
    const start = performance.now();
    const data = body === undefined ? '' : JSON.stringify(body);
    const headers = auth === undefined ? {} : { authorization: auth };
    if (body !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) });
    const req = http.request({ host: '127.0.0.1', port, path, method: body === undefined ? 'GET' : 'POST', agent, headers }, (res) => {
      let bytes = 0;
      const chunks = [];
      res.on('data', (c) => {
        bytes += c.length;
        if (keep) chunks.push(c);
        onChunk?.(c);
      });
      res.on('end', () => done({ status: res.statusCode, ms: performance.now() - start, bytes, body: keep ? Buffer.concat(chunks) : null, headers: res.headers }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(data);
  });
}

/** n rounded to d decimals (1 by default). */
const round = (n, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
/** The middle value (the upper one of an even count). */
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** The nearest-rank p-th percentile of an ascending array (0 for an empty one). */
function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0;
}
/** Milliseconds since a process.hrtime.bigint() reading. */
const msSince = (started) => Number(process.hrtime.bigint() - started) / 1e6;

/** Writes bench/.out/<name>.json (what bench/run.js collects) and returns its path relative to the root. */
function writeResult(name, result) {
  const outDir = join(root, 'bench', '.out');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, `${name}.json`), JSON.stringify(result, null, 2) + '\n');
  return join('bench', '.out', `${name}.json`);
}

/** Runs a benchmark's main(): exits with process.exitCode (0 unless main set it), or 1 after printing an error. */
/** Prints PASS/FAIL, writes bench/.out/<name>.json and sets the exit code from `result.pass`. */
function finish(name, result) {
  console.log(`→ ${result.pass ? 'PASS' : 'FAIL'}`);
  console.log(`written ${writeResult(name, result)}`);
  process.exitCode = result.pass ? 0 : 1;
}

function runMain(main) {
  main().then(
    () => process.exit(process.exitCode ?? 0),
    (err) => {
      console.error(err?.stack ?? err);
      process.exit(1);
    },
  );
}

module.exports = {
  finish,
  root,
  dist,
  JWT_SECRET,
  NODE24,
  pgFsync,
  startServices,
  migratedDatabase,
  connectedDatabase,
  insertUnitTree,
  insertUser,
  appEnv,
  startApi,
  waitForHealth,
  stopProcess,
  token,
  request,
  round,
  median,
  percentile,
  msSince,
  writeResult,
  runMain,
};
