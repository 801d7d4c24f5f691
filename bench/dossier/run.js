#!/usr/bin/env node
/* eslint-disable @typescript-eslint/no-require-imports */
'use strict';
/**
 * Integrity dossier benchmark (not part of `npm test`; run after `npm run build`):
 *
 *   node bench/dossier/run.js      # PEOPLE=20000 UNITS=200 SESSIONS_PER_YEAR=12 PLAN_PEOPLE=5000 RUNS=15 by default
 *
 * An organisation of PEOPLE people with 3 years of history (sessions with the whole organisation on
 * the roster, a talk and a supervision item per person per year, 4 reminders a year to everyone,
 * a few declarations), generated with set-based SQL in its own embedded PostgreSQL, against the real
 * api process with a private Redis.
 *
 * 1. GET /people/:id/dossier (admin, so every read is also logged), median of RUNS after a warm-up,
 *    a different person each time: goal ≤ 50 ms.
 * 2. GET /talk-plans/:id/coverage of a PLAN_PEOPLE-person plan (half of them covered) against the
 *    repository's coverageSql statement through a bare `pg` client, interleaved, medians: goal ratio ≤ 1.5.
 * Writes bench/.out/dossier.json.
 */
const { connectedDatabase, dist, insertUnitTree, insertUser, median, pgFsync, request, round, runMain, startApi, startServices, stopProcess, token, finish } = require('../support');

const PEOPLE = Number(process.env.PEOPLE ?? 20_000);
const UNITS = Number(process.env.UNITS ?? 200);
const SESSIONS_PER_YEAR = Number(process.env.SESSIONS_PER_YEAR ?? 12);
const PLAN_PEOPLE = Math.min(Number(process.env.PLAN_PEOPLE ?? 5_000), PEOPLE);
const RUNS = Number(process.env.RUNS ?? 15);
const DOSSIER_GOAL_MS = 50;
const COVERAGE_GOAL = 1.5;
const ZONE = 'Asia/Shanghai';

const { coverageSql } = require(dist('libs/integrity/src/talk-plan.repository'));

async function generate(db) {
  const t0 = performance.now();
  const q = (sql, params) => db.query(sql, params);
  // Unit 1 is the plan's unit: PLAN_PEOPLE people; the others share the rest.
  const deptId = await insertUnitTree(db, { children: UNITS, childName: `'压测支部' || lpad(g.n::text, 4, '0')` });
  await q(
    `WITH u AS (SELECT array_agg(id ORDER BY name) AS ids FROM units WHERE parent_id = $1)
     INSERT INTO users (username, display_name, password_hash, role, unit_id)
     SELECT 'bench-' || n, '党员' || n, 'not-a-hash', 'member',
            CASE WHEN n <= $3 THEN u.ids[1] ELSE u.ids[2 + (n % ($4 - 1))] END
       FROM u, generate_series(1, $2) n`,
    [deptId, PEOPLE, PLAN_PEOPLE, UNITS],
  );
  const one = async (sql, params) => (await q(sql, params)).rows[0].id;
  const organiserId = await insertUser(db, { username: 'bench-organiser', displayName: '书记', role: 'organiser', unitId: deptId });
  const adminId = await insertUser(db, { username: 'bench-admin', displayName: '管理员', role: 'admin', unitId: deptId });
  const sessions = SESSIONS_PER_YEAR * 3;
  await q(
    `INSERT INTO sessions (unit_id, title, kind, status, starts_at, ends_at, published_at)
     SELECT $1, '集中学习' || n, 'friday_study', 'completed', s, s + interval '2 hours', s FROM generate_series(1, $2) n
       CROSS JOIN LATERAL (SELECT now() - (n * (1095.0 / $2)) * interval '1 day' AS s) x`,
    [deptId, sessions],
  );
  await q(
    `INSERT INTO attendance_records (session_id, user_id, status, made_up_at)
     SELECT s.id, u.id, (ARRAY['present', 'present', 'present', 'late', 'excused', 'absent'])[1 + abs(hashtext(s.id::text || u.id::text)) % 6],
            CASE WHEN abs(hashtext(u.id::text || s.id::text)) % 20 = 0 THEN s.ends_at + interval '3 days' END
       FROM sessions s, users u WHERE u.role = 'member'`,
  );
  await q(
    `INSERT INTO talks (kind, talker_id, talkee_id, at, summary, created_by)
     SELECT 'secretary_member', $1, u.id, now() - (y * 365 + abs(hashtext(u.id::text)) % 300) * interval '1 day', '谈话内容', $1
       FROM users u, generate_series(0, 2) y WHERE u.role = 'member'`,
    [organiserId],
  );
  await q(
    `INSERT INTO supervision_items (kind, title, unit_id, owner_id, supervisor_id, time_limit_days, assigned_at, original_due_at, due_at, ack_due_at, status)
     SELECT 'supervision', '督办事项', u.unit_id, u.id, $1, 10, a, a + interval '14 days', a + interval '14 days', a + interval '1 day', 'accepted'
       FROM users u, generate_series(0, 2) y CROSS JOIN LATERAL (SELECT now() - (y * 365 + 20) * interval '1 day' AS a) x WHERE u.role = 'member'`,
    [organiserId],
  );
  await q(
    `INSERT INTO reminders (title, body, sender_id, unit_ids, send_at, sent_at)
     SELECT '节前提醒' || n, '廉洁过节', $1, ARRAY[$2::uuid], now() - n * interval '90 days', now() - n * interval '90 days' FROM generate_series(1, 12) n`,
    [organiserId, deptId],
  );
  await q(
    `INSERT INTO reminder_recipients (reminder_id, user_id, acknowledged_at)
     SELECT r.id, u.id, CASE WHEN abs(hashtext(r.id::text || u.id::text)) % 3 > 0 THEN r.sent_at + interval '1 hour' END
       FROM reminders r, users u WHERE u.role = 'member'`,
  );
  await q(
    `INSERT INTO declarations (user_id, kind, event_date, place)
     SELECT id, 'wedding', current_date - (abs(hashtext(id::text)) % 900), '家中' FROM users WHERE role = 'member' AND abs(hashtext(id::text)) % 100 = 0`,
  );
  // The plan: this year to date, in the plan unit; half its people had a talk in the period.
  const [{ id: planUnit }] = (await q(`SELECT id FROM units WHERE parent_id = $1 ORDER BY name LIMIT 1`, [deptId])).rows;
  const planId = await one(
    `INSERT INTO talk_plans (title, kind, unit_id, period_from, period_to, starts_at, ends_at, created_by)
     VALUES ('全覆盖', 'secretary_member', $1, current_date - 60, current_date + 30, now() - interval '60 days', now() + interval '30 days', $2) RETURNING id`,
    [planUnit, organiserId],
  );
  await q(
    `INSERT INTO talks (kind, talker_id, talkee_id, at, summary, created_by)
     SELECT 'secretary_member', $1, u.id, now() - interval '5 days', '计划内谈话', $1 FROM users u WHERE u.unit_id = $2 AND abs(hashtext(u.id::text)) % 2 = 0`,
    [organiserId, planUnit],
  );
  await q('VACUUM ANALYZE');
  const people = (await q(`SELECT id FROM users WHERE role = 'member' ORDER BY random() LIMIT $1`, [RUNS + 1])).rows.map((r) => r.id);
  const [{ n: records }] = (await q(`SELECT count(*)::int AS n FROM attendance_records`)).rows;
  return { adminId, planId, people, records, seconds: round((performance.now() - t0) / 1000) };
}

async function main() {
  const { pg, redis, stop } = await startServices('dossier');
  let api;
  try {
    const { url, db } = await connectedDatabase(pg);
    console.log(`dossier benchmark: generating ${PEOPLE} people, 3 years of history…`);
    const data = await generate(db);
    console.log(`generated in ${data.seconds} s (${data.records} attendance records)`);

    let port;
    ({ api, port } = await startApi({ url, redisUrl: redis.url, env: { ORG_TIMEZONE: ZONE } }));
    const auth = `Bearer ${token(data.adminId, 0)}`;
    const get = async (path) => {
      const res = await request(port, path, { auth });
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${res.body}`);
      return { ms: res.ms, body: JSON.parse(res.body.toString('utf8')) };
    };

    const warm = await get(`/api/v1/people/${data.people[0]}/dossier`);
    if (!warm.body.attendance || warm.body.attendance.sessions === 0) throw new Error('the dossier has no attendance: generation failed');
    const dossierTimes = [];
    for (let i = 1; i <= RUNS; i++) dossierTimes.push((await get(`/api/v1/people/${data.people[i]}/dossier`)).ms);
    const dossier = { medianMs: round(median(dossierTimes)), bestMs: round(Math.min(...dossierTimes)), goalMs: DOSSIER_GOAL_MS };
    console.log(`dossier   median ${dossier.medianMs} ms (goal ≤ ${DOSSIER_GOAL_MS}; best ${dossier.bestMs} ms)`);

    const rawOnce = async () => {
      const t0 = performance.now();
      const q = coverageSql(data.planId);
      const res = await db.query(q.text, q.values);
      return { ms: performance.now() - t0, row: res.rows[0] };
    };
    const raw = await rawOnce();
    const apiWarm = await get(`/api/v1/talk-plans/${data.planId}/coverage`);
    if (apiWarm.body.required !== raw.row.required || apiWarm.body.done !== raw.row.done) throw new Error('the api and the raw statement disagree');
    const rawTimes = [];
    const apiTimes = [];
    for (let i = 0; i < RUNS; i++) {
      rawTimes.push((await rawOnce()).ms);
      apiTimes.push((await get(`/api/v1/talk-plans/${data.planId}/coverage`)).ms);
    }
    const coverage = {
      required: raw.row.required,
      done: raw.row.done,
      rawMedianMs: round(median(rawTimes)),
      apiMedianMs: round(median(apiTimes)),
    };
    coverage.ratio = round(coverage.apiMedianMs / coverage.rawMedianMs, 3);
    coverage.goal = COVERAGE_GOAL;
    console.log(`coverage  ${coverage.done}/${coverage.required}   raw ${coverage.rawMedianMs} ms   api ${coverage.apiMedianMs} ms   ratio ${coverage.ratio} (goal ≤ ${COVERAGE_GOAL})`);
    await db.end();

    const result = {
      at: new Date().toISOString(),
      people: PEOPLE,
      units: UNITS,
      sessionsPerYear: SESSIONS_PER_YEAR,
      planPeople: PLAN_PEOPLE,
      generateSeconds: data.seconds,
      pgFsync: pgFsync(),
      dossier,
      coverage,
      pass: dossier.medianMs <= DOSSIER_GOAL_MS && coverage.ratio <= COVERAGE_GOAL,
    };
    finish('dossier', result);
  } finally {
    await stopProcess(api);
    await stop();
  }
}

if (require.main === module) runMain(main);
module.exports = { generate };
