#!/usr/bin/env node
/* eslint-disable @typescript-eslint/no-require-imports */
'use strict';
/**
 * Supervision benchmark (not part of `npm test`; run after `npm run build`):
 *
 *   node bench/supervision/run.js      # ITEMS=50000 UNITS=500 RUNS=7 by default
 *
 * ITEMS open supervision items across UNITS units (one member each), generated with set-based SQL in
 * its own embedded PostgreSQL, against the real api process with a private Redis.
 *
 * 1. GET /supervision/report for the whole tree (admin) against the raw GROUP BY that computes the same
 *    numbers (the repository's countsByUnit statement, through a bare `pg` client), interleaved, median
 *    of RUNS after a warm-up: goal ratio ≤ 1.5.
 * 2. The worker's warning sweep (the deadline engine's notify-once statement, as
 *    SupervisionWarningsService runs it: red, then yellow, in batches of 10,000) over all items: goal
 *    ≤ 2 s; a second sweep flags nothing, and no item has more than one notification per colour.
 * Writes bench/.out/supervision.json.
 */
const { connectedDatabase, dist, insertUnitTree, insertUser, median, pgFsync, request, round, runMain, startApi, startServices, stopProcess, token, finish } = require('../support');

const ITEMS = Number(process.env.ITEMS ?? 50_000);
const UNITS = Number(process.env.UNITS ?? 500);
const RUNS = Number(process.env.RUNS ?? 7);
const REPORT_GOAL = 1.5;
const SWEEP_GOAL_MS = 2_000;
const BATCH = 10_000;
const ZONE = 'Asia/Shanghai';

const { notifyOnceSql } = require(dist('libs/deadlines/src'));
const { ITEM_WARNINGS, countsByUnitSql } = require(dist('libs/supervision/src/supervision-item.repository'));

/** SupervisionItemRepository.countsByUnit('all', …): the repository's own statement, run bare. */
const RAW_GROUP_BY = countsByUnitSql('all', null, null);

/** A department with UNITS units, one member each, an organiser supervising, and ITEMS open items in every colour. */
async function generate(db) {
  const t0 = performance.now();
  const deptId = await insertUnitTree(db, { children: UNITS - 1, childName: `'压测科室' || lpad(g.n::text, 4, '0')` });
  await db.query(
    `INSERT INTO users (username, display_name, password_hash, role, unit_id)
     SELECT 'bench-' || un.id, '干部', 'not-a-hash', 'member', un.id FROM units un`,
  );
  const supervisorId = await insertUser(db, { username: 'bench-organiser', displayName: '督办员', role: 'organiser', unitId: deptId });
  const adminId = await insertUser(db, { username: 'bench-admin', displayName: '管理员', role: 'admin', unitId: deptId });
  // Windows of 10 days; g decides how much is left: 40 % none, 30 % yellow/orange, 30 % red.
  await db.query(
    `WITH m AS (SELECT array_agg(id ORDER BY id) AS ids, array_agg(unit_id ORDER BY id) AS units, count(*)::int AS n FROM users WHERE role = 'member')
     INSERT INTO supervision_items (title, detail, unit_id, owner_id, supervisor_id, time_limit_days, assigned_at, original_due_at, due_at, ack_due_at, status, accepted_at)
     SELECT '督办事项' || g, '', m.units[1 + g % m.n], m.ids[1 + g % m.n], $2, 10, t.assigned_at, t.due_at, t.due_at, t.assigned_at + interval '1 day',
            CASE WHEN g % 5 = 0 THEN 'assigned' ELSE 'accepted' END,
            CASE WHEN g % 5 = 0 THEN NULL ELSE t.assigned_at + interval '2 hours' END
       FROM m, generate_series(1, $1) g
       CROSS JOIN LATERAL (SELECT now() - ((g % 10) + 0.5) * interval '1 day' AS assigned_at) a
       CROSS JOIN LATERAL (SELECT a.assigned_at, a.assigned_at + interval '10 days' - CASE WHEN g % 10 >= 7 THEN interval '2 days' ELSE interval '0' END AS due_at) t`,
    [ITEMS, supervisorId],
  );
  await db.query('VACUUM ANALYZE');
  const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM supervision_items`)).rows;
  return { deptId, adminId, items: n, seconds: round((performance.now() - t0) / 1000) };
}

async function sweep(db) {
  const t0 = performance.now();
  let flagged = 0;
  for (const [colour, kind, title] of [
    ['red', 'supervision_overdue', '督办事项已逾期：'],
    ['yellow', 'supervision_due_soon', '督办事项即将到期：'],
  ]) {
    for (;;) {
      const q = notifyOnceSql(ITEM_WARNINGS, colour, BATCH, { kind, title, zone: ZONE });
      const [{ n }] = (await db.query(q.text, q.values)).rows;
      flagged += n;
      if (n < BATCH) break;
    }
  }
  return { ms: round(performance.now() - t0), flagged };
}

async function main() {
  const { pg, redis, stop } = await startServices('supervision');
  let api;
  try {
    const { url, db } = await connectedDatabase(pg);
    console.log(`supervision benchmark: generating ${ITEMS} items across ${UNITS} units…`);
    const data = await generate(db);
    console.log(`generated ${data.items} items in ${data.seconds} s`);

    let port;
    ({ api, port } = await startApi({ url, redisUrl: redis.url, env: { ORG_TIMEZONE: ZONE } }));
    const auth = `Bearer ${token(data.adminId, 0)}`;
    const rawOnce = async () => {
      const t0 = performance.now();
      const res = await db.query(RAW_GROUP_BY.text, RAW_GROUP_BY.values);
      return { ms: performance.now() - t0, rows: res.rows };
    };
    const apiOnce = async () => {
      const res = await request(port, '/api/v1/supervision/report', { auth });
      if (res.status !== 200) throw new Error(`report answered ${res.status}: ${res.body}`);
      return { ms: res.ms, body: JSON.parse(res.body.toString('utf8')) };
    };
    const raw = await rawOnce();
    const warm = await apiOnce();
    if (warm.body.units.length !== raw.rows.length || warm.body.totals.total !== data.items) throw new Error('the report and the raw GROUP BY disagree');
    const rawTimes = [];
    const apiTimes = [];
    for (let i = 0; i < RUNS; i++) {
      rawTimes.push((await rawOnce()).ms);
      apiTimes.push((await apiOnce()).ms);
    }
    const report = {
      units: warm.body.units.length,
      totals: warm.body.totals,
      rawGroupByMedianMs: round(median(rawTimes)),
      apiMedianMs: round(median(apiTimes)),
    };
    report.ratio = round(report.apiMedianMs / report.rawGroupByMedianMs, 3);
    report.bestOfRatio = round(Math.min(...apiTimes) / Math.min(...rawTimes), 3);
    report.goal = REPORT_GOAL;
    console.log(`report    raw GROUP BY ${report.rawGroupByMedianMs} ms   api ${report.apiMedianMs} ms   ratio ${report.ratio} (goal ≤ ${REPORT_GOAL}; best-of-${RUNS} ${report.bestOfRatio})`);

    if (process.env.BENCH_EXPLAIN === '1') {
      await db.query('BEGIN');
      const q = notifyOnceSql(ITEM_WARNINGS, 'red', BATCH, { kind: 'supervision_overdue', title: 'x', zone: ZONE });
      const plan = (await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.text}`, q.values)).rows;
      console.log(plan.map((r) => r['QUERY PLAN']).join('\n'));
      await db.query('ROLLBACK');
    }
    const first = await sweep(db);
    const second = await sweep(db);
    const [{ worst, notified }] = (await db.query(
      `SELECT coalesce(max(c), 0)::int AS worst, coalesce(sum(c), 0)::int AS notified
         FROM (SELECT count(*) AS c FROM notifications WHERE kind IN ('supervision_due_soon', 'supervision_overdue') GROUP BY event_key) x`,
    )).rows;
    const sweepResult = { firstMs: first.ms, flagged: first.flagged, secondMs: second.ms, secondFlagged: second.flagged, notifications: notified, maxPerItemAndColour: worst, goalMs: SWEEP_GOAL_MS };
    console.log(`sweep     ${first.flagged} flagged in ${first.ms} ms (goal ≤ ${SWEEP_GOAL_MS}); second sweep ${second.flagged} in ${second.ms} ms; ${notified} notifications, at most ${worst} per item and colour`);
    await db.end();

    const result = {
      at: new Date().toISOString(),
      items: ITEMS,
      units: UNITS,
      generateSeconds: data.seconds,
      pgFsync: pgFsync(),
      report,
      reportRatio: report.ratio,
      reportRatioGoal: REPORT_GOAL,
      sweep: sweepResult,
      pass: report.ratio <= REPORT_GOAL && first.ms <= SWEEP_GOAL_MS && second.flagged === 0 && worst <= 1,
    };
    finish('supervision', result);
  } finally {
    await stopProcess(api);
    await stop();
  }
}

if (require.main === module) runMain(main);
module.exports = { generate, RAW_GROUP_BY };
