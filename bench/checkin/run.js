#!/usr/bin/env node
/* eslint-disable @typescript-eslint/no-require-imports */
'use strict';
/**
 * Check-in benchmark (not part of `npm test`; run after `npm run build`):
 *
 *   node bench/checkin/run.js            # PEOPLE=2000 POOL=20 CONNECTIONS=256 by default
 *
 * 2,000 people of one unit check in to one session at once over HTTP, each with their own token,
 * against the real api process (`node dist/apps/api/src/main.js`). The baseline, in the same run and
 * against the same PostgreSQL: a bare `pg` pool of the same size executing the same statement the
 * api's hot path executes (conditional UPDATE of the record + the log entry, one CTE) for another
 * session's 2,000 records, all at once (same pool size as the api's DB_POOL_SIZE). Latencies are measured from the moment everything is fired.
 * Prints the throughput ratio (goal ≥ 0.35), both p99s, and lost and duplicated records (must be
 * 0 and 0), and writes bench/.out/checkin.json.
 *
 * Its own embedded PostgreSQL (fsync off by default, as the tests run it: the api's own overhead
 * is then what the ratio shows; BENCH_PG_FSYNC=1 for durable commits) and private Redis.
 */
const { spawn } = require('node:child_process');
const { createHmac } = require('node:crypto');
const http = require('node:http');
const { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const { Pool } = require('pg');

const root = resolve(__dirname, '../..');
const dist = (p) => join(root, 'dist', p);
const { EmbeddedPostgres, PrivateRedis, freePort } = require(dist('libs/infra/src'));
const { runMigrations } = require(dist('libs/database/src/data-source-options'));
const { checkInCode, codeStepAt } = require(dist('libs/attendance/src/check-in-code'));

const PEOPLE = Number(process.env.PEOPLE ?? 2000);
const POOL = Number(process.env.POOL ?? 20);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 256);
/** Alternating rounds (baseline, api, baseline, api…), each on fresh sessions; the best round of each counts (the machine is shared). */
const ROUNDS = Number(process.env.ROUNDS ?? 2);
const JWT_SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';
const GOAL = 0.35;
/** NestJS 12 needs Node ≥ 24 (see STACK.md): the api runs on the Node pinned in devDependencies when installed. */
const NODE24 = [join(root, 'node_modules', 'node', 'bin', 'node')].find((p) => existsSync(p)) ?? process.execPath;

/** The api's hot-path statement itself (libs/attendance/src/check-in.sql.ts): the baseline runs exactly it. */
const { CHECK_IN_SQL } = require(dist('libs/attendance/src/check-in.sql'));

const b64url = (v) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
/** An access token as AuthService signs it (sub, ver = the user's token_version, 0 for new users). */
function token(sub, ver = 0) {
  const body = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub, ver, iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 3600 })}`;
  return `${body}.${createHmac('sha256', JWT_SECRET).update(body).digest('base64url')}`;
}

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0;
}
const round = (n, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

function post(agent, port, path, auth, body) {
  return new Promise((done) => {
    const data = body === undefined ? '' : JSON.stringify(body);
    const headers = body === undefined ? { authorization: auth } : { authorization: auth, 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) };
    const req = http.request(
      { host: '127.0.0.1', port, path, method: body === undefined ? 'GET' : 'POST', agent, headers },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => done({ status: res.statusCode, text }));
      },
    );
    req.on('error', (err) => done({ status: 0, text: err.message }));
    req.end(data);
  });
}

async function waitForHealth(port, api) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (api.exitCode !== null) throw new Error('the api exited during start-up');
    const ok = await new Promise((done) => {
      http.get({ host: '127.0.0.1', port, path: '/api/v1/health' }, (res) => { let b = ''; res.on('data', (c) => (b += c)); res.on('end', () => { if (res.statusCode !== 200 && process.env.BENCH_DEBUG) console.error(res.statusCode, b); done(res.statusCode === 200); }); }).on('error', () => done(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the api did not become healthy within 60 s');
}

async function seed(pool, label) {
  const [{ id: unitId }] = (await pool.query(
    `INSERT INTO units (id, name, parent_id, path) SELECT g.id, $1, NULL, '/' || g.id || '/' FROM (SELECT gen_random_uuid() AS id) g RETURNING id`,
    [`压测支部-${label}`],
  )).rows;
  const people = (await pool.query(
    `INSERT INTO users (username, display_name, password_hash, role, unit_id, tokens_valid_after)
     SELECT $1 || g, '成员' || g, 'not-a-hash', 'member', $2, now() - interval '1 minute' FROM generate_series(1, $3) g RETURNING id`,
    [`bench-${label}-`, unitId, PEOPLE],
  )).rows.map((r) => r.id);
  const session = async (offsetMs) => {
    const [{ id, startsAt }] = (await pool.query(
      `INSERT INTO sessions (unit_id, title, kind, status, starts_at, ends_at, published_at)
       VALUES ($1, '周五集中学习', 'friday_study', 'published', now() + interval '10 minutes' + make_interval(secs => $2), now() + interval '2 hours', now())
       RETURNING id, starts_at AS "startsAt"`,
      [unitId, offsetMs / 1000],
    )).rows;
    await pool.query(
      `WITH added AS (INSERT INTO attendance_records (session_id, user_id, status) SELECT $1, unnest($2::uuid[]), 'expected' RETURNING user_id)
       INSERT INTO attendance_log (session_id, user_id, action, from_status, to_status) SELECT $1, user_id, 'roster', NULL, 'expected' FROM added`,
      [id, people],
    );
    return { id, startsAt };
  };
  return { unitId, people, session };
}

async function outcome(pool, sessionId) {
  const [r] = (await pool.query(
    `SELECT (SELECT count(*)::int FROM attendance_records WHERE session_id = $1 AND status IN ('present', 'late')) AS checked_in,
            (SELECT count(*)::int FROM attendance_records WHERE session_id = $1) AS records,
            (SELECT count(*)::int FROM attendance_log WHERE session_id = $1 AND action = 'check_in') AS entries,
            (SELECT count(DISTINCT user_id)::int FROM attendance_log WHERE session_id = $1 AND action = 'check_in') AS people`,
    [sessionId],
  )).rows;
  return { lost: PEOPLE - r.checked_in, duplicated: r.entries - r.people + Math.max(0, r.records - PEOPLE) };
}

function summary(label, latencies, wallMs, failures) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    label,
    requests: latencies.length,
    failures,
    wallMs: round(wallMs),
    throughputPerSec: round((latencies.length / wallMs) * 1000),
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted[sorted.length - 1] ?? 0),
  };
}

async function runBaseline(url, sessionId, people) {
  const pool = new Pool({ connectionString: url, max: POOL });
  await Promise.all(Array.from({ length: POOL }, () => pool.query('SELECT 1')));
  const start = performance.now();
  const latencies = [];
  let failures = 0;
  await Promise.all(
    people.map(async (userId) => {
      try {
        const res = await pool.query(CHECK_IN_SQL, [sessionId, userId, 5, 30, 5]);
        if (!res.rows[0]?.record) failures++;
      } catch {
        failures++;
      }
      latencies.push(performance.now() - start);
    }),
  );
  const wall = performance.now() - start;
  await pool.end();
  return summary('baseline: bare pg pool, same statement', latencies, wall, failures);
}

/** Same load on GET /me (authentication and the framework, no check-in): the floor the api's own stack sets. */
async function runMe(port, people) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const start = performance.now();
  const latencies = [];
  let failures = 0;
  await Promise.all(
    people.map(async (id) => {
      const res = await post(agent, port, '/api/v1/me', `Bearer ${token(id)}`, undefined);
      if (res.status !== 200) failures++;
      latencies.push(performance.now() - start);
    }),
  );
  const wall = performance.now() - start;
  agent.destroy();
  return summary('api: GET /me (reference, not the goal)', latencies, wall, failures);
}

async function runHttp(port, sessionId, people, code, label = 'api: POST /sessions/:id/check-in') {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const auths = people.map((id) => `Bearer ${token(id)}`);
  const start = performance.now();
  const latencies = [];
  const statuses = {};
  await Promise.all(
    auths.map(async (auth) => {
      const res = await post(agent, port, `/api/v1/sessions/${sessionId}/check-in`, auth, { code });
      latencies.push(performance.now() - start);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    }),
  );
  const wall = performance.now() - start;
  agent.destroy();
  const result = summary(label, latencies, wall, latencies.length - (statuses[200] ?? 0));
  result.statuses = statuses;
  return result;
}

async function main() {
  const workDir = mkdtempSync(join(tmpdir(), 'qf-bench-checkin-'));
  const pg = new EmbeddedPostgres({ dataDir: join(workDir, 'pg'), fast: process.env.BENCH_PG_FSYNC !== '1' });
  const redis = new PrivateRedis({ dir: join(workDir, 'redis') });
  let api;
  const stopAll = async () => {
    if (api && api.exitCode === null) {
      api.kill('SIGTERM');
      await new Promise((r) => { api.once('exit', r); setTimeout(r, 5000); });
    }
    await redis.stop().catch(() => undefined);
    await pg.stop().catch(() => undefined);
    rmSync(workDir, { recursive: true, force: true });
  };
  try {
    await pg.start();
    await redis.start();
    const url = await pg.createDatabase('qf_bench');
    await runMigrations(url);
    const pool = new Pool({ connectionString: url, max: 4 });
    const org = await seed(pool, 'a');
    const warmApi = await org.session(0);
    const secretOf = async (id) => (await pool.query(`SELECT checkin_secret FROM sessions WHERE id = $1`, [id])).rows[0].checkin_secret;

    const port = await freePort();
    api = spawn(NODE24, [...(process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean), dist('apps/api/src/main.js')], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL: url,
        REDIS_URL: redis.url,
        PORT: String(port),
        HOST: '127.0.0.1',
        JWT_SECRET,
        ADMIN_PASSWORD: 'bench-admin-password',
        LOG_LEVEL: process.env.BENCH_API_LOG_LEVEL ?? 'warn',
        DB_POOL_SIZE: String(POOL),
        RATE_LIMIT_PER_MINUTE: '100000',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    await waitForHealth(port, api);

    // Codes are computed here from the secret (what the organiser's screen shows); stay clear of a step edge.
    const left = 60_000 - (Date.now() % 60_000);
    if (left < 20_000) await new Promise((r) => setTimeout(r, left + 200));
    const codeOf = async (id) => checkInCode(await secretOf(id), codeStepAt(new Date()));

    console.log(`check-in benchmark: ${PEOPLE} people, pool ${POOL}, ${CONNECTIONS} HTTP connections`);
    // Warm-up (JIT, connection pools): a smaller run on its own session, not measured.
    const warm = await runHttp(port, warmApi.id, org.people.slice(0, Math.min(400, PEOPLE)), await codeOf(warmApi.id), 'warm-up');
    if (warm.failures) throw new Error(`warm-up failed: ${JSON.stringify(warm.statuses)}`);

    const rounds = [];
    for (let r = 0; r < ROUNDS; r++) {
      const baseSession = await org.session(10 + 2 * r);
      const httpSession = await org.session(11 + 2 * r);
      const baseline = { ...(await runBaseline(url, baseSession.id, org.people)), ...(await outcome(pool, baseSession.id)) };
      const viaHttp = { ...(await runHttp(port, httpSession.id, org.people, await codeOf(httpSession.id))), ...(await outcome(pool, httpSession.id)) };
      console.log(`round ${r + 1}: baseline ${baseline.throughputPerSec}/s p99 ${baseline.p99Ms} ms; api ${viaHttp.throughputPerSec}/s p99 ${viaHttp.p99Ms} ms`);
      const me = await runMe(port, org.people);
      console.log(`         reference GET /me ${me.throughputPerSec}/s p99 ${me.p99Ms} ms`);
      rounds.push({ baseline, api: viaHttp, me });
    }
    await pool.end();
    const best = (key) => rounds.map((r) => r[key]).reduce((a, b) => (b.throughputPerSec > a.throughputPerSec ? b : a));
    const baseline = best('baseline');
    const viaHttp = best('api');
    // Every round must be exact: nothing lost, nothing duplicated, every request answered 200.
    const httpOutcome = {
      lost: rounds.reduce((n, r) => n + r.api.lost, 0),
      duplicated: rounds.reduce((n, r) => n + r.api.duplicated, 0),
      failures: rounds.reduce((n, r) => n + r.api.failures, 0),
    };
    const baseOutcome = { lost: rounds.reduce((n, r) => n + r.baseline.lost, 0), duplicated: rounds.reduce((n, r) => n + r.baseline.duplicated, 0) };
    const ratio = round(viaHttp.throughputPerSec / baseline.throughputPerSec, 3);
    const result = {
      at: new Date().toISOString(),
      people: PEOPLE,
      pool: POOL,
      connections: CONNECTIONS,
      pgFsync: process.env.BENCH_PG_FSYNC === '1',
      rounds: ROUNDS,
      baseline,
      api: viaHttp,
      referenceGetMe: best('me'),
      allRounds: rounds,
      lost: httpOutcome.lost,
      duplicated: httpOutcome.duplicated,
      throughputRatio: ratio,
      goal: GOAL,
      pass: ratio >= GOAL && httpOutcome.lost === 0 && httpOutcome.duplicated === 0 && httpOutcome.failures === 0,
    };
    console.log(`baseline  ${baseline.throughputPerSec}/s  p99 ${baseline.p99Ms} ms  (lost ${baseOutcome.lost}, duplicated ${baseOutcome.duplicated})`);
    console.log(`api       ${viaHttp.throughputPerSec}/s  p99 ${viaHttp.p99Ms} ms  statuses ${JSON.stringify(viaHttp.statuses)}`);
    console.log(`ratio     ${ratio} (goal ≥ ${GOAL})   lost ${httpOutcome.lost}   duplicated ${httpOutcome.duplicated}   → ${result.pass ? 'PASS' : 'FAIL'}`);
    const outDir = join(root, 'bench', '.out');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'checkin.json'), JSON.stringify(result, null, 2) + '\n');
    console.log(`written ${join('bench', '.out', 'checkin.json')}`);
    process.exitCode = result.pass ? 0 : 1;
  } finally {
    await stopAll();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
