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
const http = require('node:http');
const { Pool } = require('pg');
const { dist, migratedDatabase, NODE24, percentile, pgFsync, request, round, runMain, startApi, startServices, stopProcess, token, writeResult } = require('../support');
const { checkInCode, codeStepAt } = require(dist('libs/attendance/src/check-in-code'));

const PEOPLE = Number(process.env.PEOPLE ?? 2000);
const POOL = Number(process.env.POOL ?? 20);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 256);
/** Alternating rounds (baseline, api, baseline, api…), each on fresh sessions; the best round of each counts (the machine is shared). */
const ROUNDS = Number(process.env.ROUNDS ?? 2);
const GOAL = 0.35;

/** The api's hot-path statement itself (libs/attendance/src/check-in.sql.ts): the baseline runs exactly it. */
const { CHECK_IN_SQL } = require(dist('libs/attendance/src/check-in.sql'));

/** A GET (no body) or JSON POST on a keep-alive agent; a connection error answers status 0 instead of throwing. */
function post(agent, port, path, auth, body) {
  return request(port, path, { auth, body, agent }).catch((err) => ({ status: 0, text: err.message }));
}

async function seed(pool, label) {
  const [{ id: unitId }] = (await pool.query(
    `INSERT INTO units (id, name, parent_id, path) SELECT g.id, $1, NULL, '/' || g.id || '/' FROM (SELECT gen_random_uuid() AS id) g RETURNING id`,
    [`压测支部-${label}`],
  )).rows;
  const people = (await pool.query(
    `INSERT INTO users (username, display_name, password_hash, role, unit_id)
     SELECT $1 || g, '成员' || g, 'not-a-hash', 'member', $2 FROM generate_series(1, $3) g RETURNING id`,
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
  const { pg, redis, stop } = await startServices('checkin');
  let api;
  try {
    const url = await migratedDatabase(pg, 'qf_bench');
    const pool = new Pool({ connectionString: url, max: 4 });
    const org = await seed(pool, 'a');
    const warmApi = await org.session(0);
    const secretOf = async (id) => (await pool.query(`SELECT checkin_secret FROM sessions WHERE id = $1`, [id])).rows[0].checkin_secret;

    let port;
    ({ api, port } = await startApi({
      url,
      redisUrl: redis.url,
      node: NODE24,
      nodeArgs: (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean),
      env: { LOG_LEVEL: process.env.BENCH_API_LOG_LEVEL ?? 'warn', DB_POOL_SIZE: String(POOL) },
    }));

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
      pgFsync: pgFsync(),
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
    console.log(`written ${writeResult('checkin', result)}`);
    process.exitCode = result.pass ? 0 : 1;
  } finally {
    await stopProcess(api);
    await stop();
  }
}

runMain(main);
