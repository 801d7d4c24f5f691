import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Redis from 'ioredis';
import { addPeople, addUnit } from '../reflections/reflection-fixtures';
import type { Caller, Seed } from '../support/seed';
import type { TestApp } from '../support/test-app';
import { eventually } from '../support/wait-for-queues';

/** What the fault drills check after each fault: exact counts, nothing lost, nothing doubled. */

export const ROOT = resolve(__dirname, '../..');
export const WORKER_MAIN = join(ROOT, 'dist/apps/worker/src/main.js');

export async function count(t: TestApp, sql: string, params: unknown[] = []): Promise<number> {
  return (await t.db.query(sql, params))[0].n as number;
}

/** A sub-unit of `parentId` with `n` members; returns its id. */
export async function unitWithPeople(t: TestApp, parentId: string, n: number, prefix: string): Promise<string> {
  const unit = await addUnit(t, parentId, `${prefix}支部`);
  await addPeople(t, unit, n, prefix);
  return unit;
}

export async function flushRedis(t: TestApp): Promise<void> {
  const redis = new Redis(t.redis.url);
  try {
    await redis.flushall();
  } finally {
    redis.disconnect();
  }
}

/** Waits until the fan-out has committed at least one chunk and is not finished: a fault now hits it mid-way. */
export async function midFanout(t: TestApp, assignmentId: string, timeoutMs = 30_000): Promise<void> {
  await eventually(async () => {
    const [a] = await t.db.query(`SELECT status, fanout_cursor FROM reflection_assignments WHERE id = $1`, [assignmentId]);
    if (a.status !== 'dispatching') throw new Error(`fan-out of ${assignmentId} finished before the fault could hit it`);
    return a.fanout_cursor !== null;
  }, timeoutMs);
}

/** The assignment is open with exactly one task and one `reflection_assigned` notification per person of its audience. */
export async function expectFanoutExact(t: TestApp, assignmentId: string, people: number): Promise<void> {
  const [a] = await t.db.query(`SELECT status FROM reflection_assignments WHERE id = $1`, [assignmentId]);
  expect(a.status).toBe('open');
  expect(await count(t, `SELECT count(*)::int AS n FROM reflection_tasks WHERE assignment_id = $1`, [assignmentId])).toBe(people);
  expect(await count(t, `SELECT count(DISTINCT user_id)::int AS n FROM reflection_tasks WHERE assignment_id = $1`, [assignmentId])).toBe(people);
  const key = `reflection_assigned:${assignmentId}`;
  expect(await count(t, `SELECT count(*)::int AS n FROM notifications WHERE event_key = $1`, [key])).toBe(people);
  expect(await count(t, `SELECT count(DISTINCT user_id)::int AS n FROM notifications WHERE event_key = $1`, [key])).toBe(people);
  // No task without its notification, no notification without its task.
  const orphans = await count(
    t,
    `SELECT (SELECT count(*) FROM reflection_tasks rt WHERE rt.assignment_id = $1
               AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.event_key = $2 AND n.user_id = rt.user_id))
          + (SELECT count(*) FROM notifications n WHERE n.event_key = $2
               AND NOT EXISTS (SELECT 1 FROM reflection_tasks rt WHERE rt.assignment_id = $1 AND rt.user_id = n.user_id)) AS n`,
    [assignmentId, key],
  );
  expect(Number(orphans)).toBe(0);
}

let slotMinutes = 0;
/** A draft `branch_meeting` session of `unitId` (a distinct start per call), created through the api. */
export async function createDraftSession(t: TestApp, seed: Seed, unitId: string, as: Caller = 'organiserA'): Promise<string> {
  const start = new Date(Math.floor((Date.now() + 48 * 3_600_000) / 60_000) * 60_000 + ++slotMinutes * 3_600_000);
  const res = await t
    .http()
    .post('/api/v1/sessions')
    .set('Authorization', seed.auth(as))
    .send({ unitId, title: '支部党员大会', kind: 'branch_meeting', startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString() });
  if (res.status !== 201) throw new Error(`create session: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export function publishSession(t: TestApp, seed: Seed, sessionId: string, as: Caller = 'organiserA') {
  return t.http().post(`/api/v1/sessions/${sessionId}/publish`).set('Authorization', seed.auth(as));
}

/** A published session: its roster has one `roster` log entry per person and exactly one `session_published` notification each. */
export async function expectPublishedExact(t: TestApp, sessionId: string, people: number): Promise<void> {
  expect(await count(t, `SELECT count(*)::int AS n FROM attendance_records WHERE session_id = $1`, [sessionId])).toBe(people);
  expect(await count(t, `SELECT count(*)::int AS n FROM attendance_log WHERE session_id = $1 AND action = 'roster'`, [sessionId])).toBe(people);
  const key = `session_published.${sessionId}`;
  expect(await count(t, `SELECT count(*)::int AS n FROM notifications WHERE event_key = $1`, [key])).toBe(people);
  expect(
    await count(
      t,
      `SELECT count(*)::int AS n FROM attendance_records ar
        WHERE ar.session_id = $1 AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.event_key = $2 AND n.user_id = ar.user_id)`,
      [sessionId, key],
    ),
  ).toBe(0);
}

/** The status of GET /health and how long it took to answer. */
export async function health(t: TestApp): Promise<{ status: number; ms: number }> {
  const started = Date.now();
  const res = await t.http().get('/api/v1/health');
  return { status: res.status, ms: Date.now() - started };
}

/** Polls /health until it answers `status`; returns how long that took from `since`. Fails past `withinMs`. */
export async function healthBecomes(t: TestApp, status: number, since: number, withinMs: number): Promise<number> {
  for (;;) {
    const h = await health(t);
    const elapsed = Date.now() - since;
    if (h.status === status) return elapsed;
    if (elapsed > withinMs) throw new Error(`/health still ${h.status} after ${elapsed} ms (wanted ${status} within ${withinMs} ms)`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the worker (`nest build worker`) when dist is missing or older than the sources. CI builds before testing. */
export function ensureWorkerBuilt(): void {
  const built = existsSync(WORKER_MAIN) ? statSync(WORKER_MAIN).mtimeMs : 0;
  const sources = Math.max(newestMtime(join(ROOT, 'apps/worker/src')), newestMtime(join(ROOT, 'libs')));
  if (built >= sources) return;
  try {
    execFileSync(process.execPath, [join(ROOT, 'node_modules/@nestjs/cli/bin/nest.js'), 'build', 'worker'], { cwd: ROOT, stdio: 'pipe', timeout: 240_000 });
  } catch (err) {
    if (!existsSync(WORKER_MAIN)) throw new Error(`nest build worker failed: ${(err as { stdout?: Buffer }).stdout?.toString() ?? err}`, { cause: err });
  }
}

/**
 * The worker as a real child process (`node dist/apps/worker/src/main.js`) with this test file's
 * environment. `lockMs` shortens BullMQ's job lock and stalled-check interval
 * (WORKER_LOCK_DURATION_MS / WORKER_STALLED_INTERVAL_MS) so a killed worker's job is taken over in seconds.
 */
export function spawnWorker(opts: { lockMs?: number; env?: Record<string, string> } = {}): ChildProcess {
  const lock = opts.lockMs ? { WORKER_LOCK_DURATION_MS: String(opts.lockMs), WORKER_STALLED_INTERVAL_MS: String(opts.lockMs) } : {};
  const child = spawn(process.execPath, [WORKER_MAIN], {
    cwd: ROOT,
    env: { ...process.env, ...opts.env, ...lock },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4_000)));
  child.on('exit', (code, signal) => {
    if (code && code !== 0 && signal === null) console.error(`worker child exited ${code}: ${stderr}`);
  });
  return child;
}

export function killed(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill(signal);
  });
}
