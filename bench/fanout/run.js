#!/usr/bin/env node
/* eslint-disable @typescript-eslint/no-require-imports */
'use strict';
/**
 * Reflection fan-out benchmark (not part of `npm test`; run after `npm run build`):
 *
 *   node bench/fanout/run.js            # PEOPLE=100000 by default
 *
 * End to end: AssignmentsService.create() (assignment + outbox row in one transaction) → the worker's
 * outbox relay → BullMQ → the ReflectionFanout handler, which creates one task and one
 * `reflection_assigned` notification per person in chunks of REFLECTION_FANOUT_CHUNK (10,000) people
 * a transaction → status `open`. Timed from the call to create() until the assignment is open.
 * Baseline, in the same run and database: one transaction with a raw INSERT … SELECT of the same
 * task rows and the same notification rows for another assignment (run before and after the
 * end-to-end run; their mean is the baseline). Prints the ratio (goal ≤ 2) and writes
 * bench/.out/fanout.json.
 *
 * Its own embedded PostgreSQL (fsync off unless BENCH_PG_FSYNC=1) and private Redis.
 */
const { appEnv, connectedDatabase, dist, insertUser, msSince, round, runMain, startServices, writeResult } = require('../support');

const PEOPLE = Number(process.env.PEOPLE ?? 100_000);
const GOAL = 2;

const RAW_SQL = (unitPath) => `
  WITH people AS (
    SELECT u.id FROM users u JOIN units un ON un.id = u.unit_id
     WHERE u.active AND u.role IN ('member', 'organiser') AND un.path LIKE '${unitPath}' || '%')
  INSERT INTO reflection_tasks (assignment_id, user_id, due_at) SELECT $1, id, $2 FROM people`;
const RAW_NOTIFY_SQL = (unitPath) => `
  INSERT INTO notifications (user_id, kind, title, body, link, event_key)
  SELECT u.id, 'reflection_assigned', '请撰写心得体会：raw', '截止时间', '/me/reflection-tasks', 'reflection_assigned:' || $1
    FROM users u JOIN units un ON un.id = u.unit_id
   WHERE u.active AND u.role IN ('member', 'organiser') AND un.path LIKE '${unitPath}' || '%'
  ON CONFLICT (event_key, user_id) DO NOTHING`;

async function main() {
  const { pg, redis, stop } = await startServices('fanout');
  let worker;
  try {
    const { url, db } = await connectedDatabase(pg, 'bench');
    const [{ id: unitId, path: unitPath }] = (
      await db.query(`INSERT INTO units (id, name, parent_id, path) SELECT g.id, '机关党委', NULL, '/' || g.id || '/' FROM (SELECT gen_random_uuid() AS id) g RETURNING id, path`)
    ).rows;
    const adminId = await insertUser(db, { username: 'bench-admin', displayName: '管理员', role: 'admin', unitId });
    const seedStart = Date.now();
    await db.query(
      `INSERT INTO users (username, display_name, password_hash, role, unit_id)
       SELECT 'p' || g, '成员' || g, 'x', 'member', $1 FROM generate_series(1, $2) g`,
      [unitId, PEOPLE],
    );
    await db.query('VACUUM ANALYZE');
    console.log(`seeded ${PEOPLE} people in ${Date.now() - seedStart} ms`);

    const dueAt = new Date(Date.now() + 7 * 86_400_000);
    async function raw() {
      const started = process.hrtime.bigint();
      await db.query('BEGIN');
      const [{ id }] = (
        await db.query(
          `INSERT INTO reflection_assignments (title, owner_unit_id, audience_unit_ids, min_chars, due_at, status, created_by)
           VALUES ('raw', $1, ARRAY[$1::uuid], 300, $2, 'open', $3) RETURNING id`,
          [unitId, dueAt, adminId],
        )
      ).rows;
      const tasks = await db.query(RAW_SQL(unitPath), [id, dueAt]);
      const notes = await db.query(RAW_NOTIFY_SQL(unitPath), [id]);
      await db.query('COMMIT');
      const ms = msSince(started);
      if (tasks.rowCount !== PEOPLE || notes.rowCount !== PEOPLE) throw new Error(`raw inserted ${tasks.rowCount}/${notes.rowCount}`);
      console.log(`raw INSERT … SELECT: ${round(ms)} ms`);
      return ms;
    }

    Object.assign(process.env, appEnv(url, redis.url), { QUEUE_PREFIX: 'qfbench' });
    const { createWorker } = require(dist('apps/worker/src/worker.setup'));
    const { AssignmentsService } = require(dist('libs/reflections/src'));
    worker = await createWorker();
    await worker.init();
    const assignments = worker.get(AssignmentsService);

    async function endToEnd() {
      const started = process.hrtime.bigint();
      const { id } = await assignments.create(
        { id: adminId, username: 'bench-admin', displayName: '管理员', role: 'admin', unitId },
        { title: '观看警示教育片心得体会', prompt: '谈谈认识', dueAt, audience: { unitIds: [unitId] } },
      );
      for (;;) {
        const { rows } = await db.query(`SELECT status FROM reflection_assignments WHERE id = $1`, [id]);
        if (rows[0].status === 'open') break;
        await new Promise((r) => setTimeout(r, 10));
      }
      const ms = msSince(started);
      const { rows: [c] } = await db.query(
        `SELECT (SELECT count(*)::int FROM reflection_tasks WHERE assignment_id = $1) AS tasks,
                (SELECT count(*)::int FROM notifications WHERE event_key = 'reflection_assigned:' || $1) AS notes`,
        [id],
      );
      if (c.tasks !== PEOPLE || c.notes !== PEOPLE) throw new Error(`fan-out created ${c.tasks} tasks / ${c.notes} notifications`);
      console.log(`end to end (outbox → relay → BullMQ → chunked fan-out): ${round(ms)} ms`);
      return ms;
    }

    const raw1 = await raw();
    const e2e = await endToEnd();
    const raw2 = await raw();
    const baseline = (raw1 + raw2) / 2;
    const ratio = e2e / baseline;
    const result = {
      people: PEOPLE,
      chunk: Number(process.env.REFLECTION_FANOUT_CHUNK ?? 10_000),
      rowsPerRun: { tasks: PEOPLE, notifications: PEOPLE },
      rawMs: [round(raw1), round(raw2)],
      endToEndMs: round(e2e),
      ratio: round(ratio, 2),
      goal: `≤ ${GOAL}`,
      pass: ratio <= GOAL,
    };
    console.log(`fan-out to ${PEOPLE} people: end to end ${round(e2e)} ms vs raw ${round(baseline)} ms → ratio ${round(ratio, 2)} (goal ≤ ${GOAL})`);
    writeResult('fanout', result);
    await db.end();
  } finally {
    await worker?.close().catch(() => undefined);
    await stop();
  }
}

runMain(main);
