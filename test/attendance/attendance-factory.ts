import { JwtService } from '@nestjs/jwt';
import { checkInCode, codeStepAt } from '@qf/attendance';
import type { TestApp } from '../support/test-app';

let startOffset = 0;

export interface SessionSpec {
  unitId: string;
  /** Seconds from the database's now (negative: in the past). */
  startsInSeconds: number;
  durationSeconds?: number;
  status?: 'draft' | 'published' | 'completed' | 'cancelled';
  title?: string;
}

/**
 * A session written with SQL, so these tests do not depend on the sessions feature. Start times get
 * a distinct millisecond each, as (unit, start) is unique among live sessions.
 */
export async function createSession(t: TestApp, spec: SessionSpec): Promise<string> {
  const [row] = await t.db.query(
    `INSERT INTO sessions (unit_id, title, kind, status, starts_at, ends_at, published_at)
     SELECT $1, $2, 'friday_study', $3, s, s + make_interval(secs => $5), now()
       FROM (SELECT now() + make_interval(secs => $4) AS s) x
     RETURNING id`,
    [spec.unitId, spec.title ?? '集中学习会', spec.status ?? 'published', spec.startsInSeconds + startOffset++ / 1000, spec.durationSeconds ?? 3600],
  );
  return row.id;
}

/** Puts people on the roster as `expected`, with their `roster` log entries (what publishing does). */
export async function addToRoster(t: TestApp, sessionId: string, userIds: string[]): Promise<void> {
  await t.db.query(
    `WITH added AS (
       INSERT INTO attendance_records (session_id, user_id, status)
       SELECT $1, unnest($2::uuid[]), 'expected' ON CONFLICT DO NOTHING RETURNING user_id
     )
     INSERT INTO attendance_log (session_id, user_id, action, from_status, to_status)
     SELECT $1, user_id, 'roster', NULL, 'expected' FROM added`,
    [sessionId, userIds],
  );
}

export async function secretOf(t: TestApp, sessionId: string): Promise<Buffer> {
  const [row] = await t.db.query(`SELECT checkin_secret FROM sessions WHERE id = $1`, [sessionId]);
  return row.checkin_secret;
}

/** The code `stepsAgo` steps before the current one. */
export async function codeFor(t: TestApp, sessionId: string, stepsAgo = 0): Promise<string> {
  return checkInCode(await secretOf(t, sessionId), codeStepAt(new Date()) - stepsAgo);
}

/** A 6-digit code that is not accepted now (nor in the neighbouring steps). */
export async function wrongCodeFor(t: TestApp, sessionId: string): Promise<string> {
  const secret = await secretOf(t, sessionId);
  const step = codeStepAt(new Date());
  const taken = new Set([-1, 0, 1, 2].map((d) => checkInCode(secret, step - d)));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, '0');
    if (!taken.has(code)) return code;
  }
}

/** Waits until the current 60-second code step has at least `marginMs` left, so a test's step is the server's. */
export async function awayFromStepEdge(marginMs = 3_000): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < marginMs) await new Promise((r) => setTimeout(r, left + 200));
}

/** `n` members of a unit, each with a bearer token (signed directly: logging in 200 people is slow). */
export async function createPeople(t: TestApp, unitId: string, n: number, prefix: string): Promise<{ id: string; auth: string }[]> {
  const rows: { id: string; ver: number }[] = await t.db.query(
    `INSERT INTO users (username, display_name, password_hash, role, unit_id)
     SELECT $1 || g, '成员' || g, 'x', 'member', $2 FROM generate_series(1, $3) g
     RETURNING id, token_version AS ver`,
    [prefix, unitId, n],
  );
  const jwt = t.app.get(JwtService);
  return Promise.all(rows.map(async (r) => ({ id: r.id, auth: `Bearer ${await jwt.signAsync({ sub: r.id, ver: 0 })}` })));
}

export async function logOf(t: TestApp, sessionId: string, userId?: string) {
  return t.db.query(
    `SELECT seq, user_id AS "userId", actor_id AS "actorId", action, from_status AS "fromStatus", to_status AS "toStatus", reason
       FROM attendance_log WHERE session_id = $1 AND ($2::uuid IS NULL OR user_id = $2) ORDER BY seq`,
    [sessionId, userId ?? null],
  );
}
