import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Page } from '@qf/common';
import { anyOf, bound, empty, join, LeaveRequest, many, one, page, raw, Sql, sql, StudySession } from '@qf/database';
import { organisersOverUnit, peopleOfUnit, subtreeUnitIds } from '@qf/identity';
import { DataSource, EntityManager } from 'typeorm';
import type { AttendanceLogEntry, AttendanceStatus } from './attendance-status';
import { AttendanceRecordRow, AttendanceRecordView, recordView } from './attendance-record.view';
import { CHECK_IN_SQL } from './check-in.sql';
import { HashableLogEntry, hashedLogColumns } from './log-hash';

/** A session as attendance sees it (never its check-in secret). */
export interface AttendanceSession {
  id: string;
  unitId: string;
  title: string;
  status: 'draft' | 'published' | 'completed' | 'cancelled';
  startsAt: Date;
  endsAt: Date;
}

/** What a check-in reads: the session, the caller's record status and wrong-code count, the database clock. */
export interface CheckInState {
  status: AttendanceSession['status'];
  unitId: string;
  startsAt: Date;
  endsAt: Date;
  recordStatus: AttendanceStatus | null;
  failures: number;
  now: Date;
}

/** The one check-in statement's answer; `record` is set when it checked the caller in. */
export interface CheckInRow extends CheckInState {
  record: { sessionId: string; userId: string; displayName: string; status: AttendanceStatus; checkedInAt: string; madeUpAt: string | null; updatedAt: string } | null;
}

export interface MakeUpState {
  status: AttendanceStatus;
  madeUpAt: Date | null;
  summary: string | null;
}

export const LEAVE_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type LeaveStatus = (typeof LEAVE_STATUSES)[number];

export interface LeaveRequestView {
  id: string;
  sessionId: string;
  userId: string;
  displayName: string;
  reason: string;
  status: LeaveStatus;
  comment: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  createdAt: Date;
}

/** Who a leave request concerns, for the decider's checks. */
export interface LeaveHead {
  userId: string;
  /** The session's unit. */
  unitId: string;
  /** The requester's unit now. */
  personUnitId: string;
}

export interface LockedLeave {
  sessionId: string;
  userId: string;
  status: LeaveStatus;
}

export interface LeaveFilter {
  /** Undefined: every request; else the requests this reader may list. */
  reader?: { userId: string; organiserOfUnitId?: string };
  status?: LeaveStatus;
  sessionId?: string;
  limit: number;
  offset: number;
}

export interface RosterCounts {
  expected: number;
  present: number;
  late: number;
  excused: number;
  absent: number;
}

/** A row of `GET /me/attendance` before its view is built. */
export type MyAttendanceRow = AttendanceRecordRow & {
  session: { title: string; kind: string; status: AttendanceSession['status']; location: string | null };
  startsAt: Date;
  endsAt: Date;
};

export interface UnsealedEntry extends HashableLogEntry {
  seq: string;
  /** Older than the safety lag. */
  ripe: boolean;
}

/** SELECT list producing an AttendanceRecordRow from `r` (attendance_records) joined with `u` (users). */
const RECORD_COLUMNS = raw(`r.session_id AS "sessionId", r.user_id AS "userId", u.display_name AS "displayName", r.status,
       r.checked_in_at AS "checkedInAt", r.made_up_at AS "madeUpAt", r.made_up_summary AS "makeUpSummary", r.updated_at AS "updatedAt"`);

const SESSION_COLUMNS = raw(`id, unit_id AS "unitId", title, status, starts_at AS "startsAt", ends_at AS "endsAt"`);

const LEAVE_COLUMNS = raw(`l.id, l.session_id AS "sessionId", l.user_id AS "userId", u.display_name AS "displayName", l.reason, l.status,
       l.comment, l.decided_by AS "decidedBy", l.decided_at AS "decidedAt", l.created_at AS "createdAt"`);

/**
 * All SQL of attendance's tables: attendance_records (rosters, marks, check-ins, make-up study),
 * attendance_log and its seals, leave_requests and checkin_failures. Other features call these
 * methods (roster creation at publish, absences at completion, roster counts); they never write
 * these tables themselves. Set-based changes stay one statement, logged through a data-modifying CTE.
 */
@Injectable()
export class AttendanceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  private db(em?: EntityManager): EntityManager {
    return em ?? this.dataSource.manager;
  }

  /** The database clock (the one every window is measured against). */
  async now(): Promise<Date> {
    return (await one<{ now: Date }>(this.dataSource, sql`SELECT clock_timestamp() AS now`))!.now;
  }

  // --- sessions as attendance reads them -------------------------------------------------------

  /** `lock`: 'FOR SHARE' inside a change, so a concurrent completion waits for it (or it for the completion). */
  findSession(id: string, em?: EntityManager, lock?: 'FOR SHARE'): Promise<AttendanceSession | undefined> {
    return one<AttendanceSession>(this.db(em), sql`SELECT ${SESSION_COLUMNS} FROM sessions WHERE id = ${id} ${lock ? raw(lock) : empty}`);
  }

  // --- records ---------------------------------------------------------------------------------

  async findRecord(sessionId: string, userId: string, em?: EntityManager): Promise<AttendanceRecordView | undefined> {
    const row = await one<AttendanceRecordRow>(
      this.db(em),
      sql`SELECT ${RECORD_COLUMNS} FROM attendance_records r JOIN users u ON u.id = r.user_id WHERE r.session_id = ${sessionId} AND r.user_id = ${userId}`,
    );
    return row && recordView(row);
  }

  async rosterPage(sessionId: string, q: { status?: AttendanceStatus; limit: number; offset: number }): Promise<Page<AttendanceRecordView>> {
    const filter = q.status ? sql`AND r.status = ${q.status}` : empty;
    const [rows, count] = await Promise.all([
      many<AttendanceRecordRow>(
        this.dataSource,
        sql`SELECT ${RECORD_COLUMNS} FROM attendance_records r JOIN users u ON u.id = r.user_id
             WHERE r.session_id = ${sessionId} ${filter}
             ORDER BY u.display_name, r.user_id ${page(q.limit, q.offset)}`,
      ),
      one<{ total: number }>(this.dataSource, sql`SELECT count(*)::int AS total FROM attendance_records r WHERE r.session_id = ${sessionId} ${filter}`),
    ]);
    return { items: rows.map(recordView), total: count!.total };
  }

  /** The caller's own records, newest session first, with their session's facts. */
  async myRecordsPage(userId: string, q: { limit: number; offset: number }): Promise<{ rows: MyAttendanceRow[]; total: number }> {
    const [rows, count] = await Promise.all([
      many<MyAttendanceRow>(
        this.dataSource,
        sql`SELECT ${RECORD_COLUMNS},
                   json_build_object('title', s.title, 'kind', s.kind, 'status', s.status, 'location', s.location) AS session,
                   s.starts_at AS "startsAt", s.ends_at AS "endsAt"
              FROM attendance_records r
              JOIN users u ON u.id = r.user_id
              JOIN sessions s ON s.id = r.session_id
             WHERE r.user_id = ${userId}
             ORDER BY s.starts_at DESC, s.id ${page(q.limit, q.offset)}`,
      ),
      one<{ total: number }>(this.dataSource, sql`SELECT count(*)::int AS total FROM attendance_records WHERE user_id = ${userId}`),
    ]);
    return { rows, total: count!.total };
  }

  /** The unit of someone on the session's roster (where they are now), or undefined when not on it. */
  async rosterPersonUnit(sessionId: string, userId: string): Promise<string | undefined> {
    const row = await one<{ unitId: string }>(
      this.dataSource,
      sql`SELECT u.unit_id AS "unitId" FROM attendance_records r JOIN users u ON u.id = r.user_id WHERE r.session_id = ${sessionId} AND r.user_id = ${userId}`,
    );
    return row?.unitId;
  }

  /** The record's status, locked for a change (undefined: not on the roster). */
  async lockRecordStatus(em: EntityManager, sessionId: string, userId: string): Promise<AttendanceStatus | undefined> {
    const row = await one<{ status: AttendanceStatus }>(
      em,
      sql`SELECT status FROM attendance_records WHERE session_id = ${sessionId} AND user_id = ${userId} FOR UPDATE`,
    );
    return row?.status;
  }

  /** True when `userId` is one of the unit's people (active member or organiser of the unit or below). */
  async isPersonOfUnit(em: EntityManager, unitId: string, userId: string): Promise<boolean> {
    return (await many(em, sql`SELECT 1 FROM (${bound(peopleOfUnit, unitId)}) p WHERE p.id = ${userId}`)).length > 0;
  }

  /** Adds a record; false when someone else inserted it first. */
  async insertRecord(em: EntityManager, sessionId: string, userId: string, status: AttendanceStatus): Promise<boolean> {
    const rows = await many(
      em,
      sql`INSERT INTO attendance_records (session_id, user_id, status) VALUES (${sessionId}, ${userId}, ${status})
          ON CONFLICT (session_id, user_id) DO NOTHING RETURNING status`,
    );
    return rows.length > 0;
  }

  async setStatus(em: EntityManager, sessionId: string, userId: string, status: AttendanceStatus): Promise<void> {
    await em.query(
      ...args(sql`UPDATE attendance_records SET status = ${status}, updated_at = clock_timestamp() WHERE session_id = ${sessionId} AND user_id = ${userId}`),
    );
  }

  async lockMakeUpState(em: EntityManager, sessionId: string, userId: string): Promise<MakeUpState | undefined> {
    return one<MakeUpState>(
      em,
      sql`SELECT status, made_up_at AS "madeUpAt", made_up_summary AS summary FROM attendance_records
           WHERE session_id = ${sessionId} AND user_id = ${userId} FOR UPDATE`,
    );
  }

  async setMadeUp(em: EntityManager, sessionId: string, userId: string, summary: string): Promise<void> {
    await em.query(
      ...args(sql`UPDATE attendance_records SET made_up_at = date_trunc('milliseconds', clock_timestamp()), made_up_summary = ${summary}, updated_at = clock_timestamp()
                   WHERE session_id = ${sessionId} AND user_id = ${userId}`),
    );
  }

  /** An `expected` or `absent` record becomes `excused`, logged as `leave_approved` in the same statement. */
  async excuse(em: EntityManager, sessionId: string, userId: string, actorId: string, reason: string | null): Promise<void> {
    await em.query(
      `WITH prev AS (
         SELECT status FROM attendance_records WHERE session_id = $1 AND user_id = $2 AND status IN ('expected', 'absent') FOR UPDATE
       ),
       changed AS (
         UPDATE attendance_records r SET status = 'excused', updated_at = clock_timestamp()
           FROM prev WHERE r.session_id = $1 AND r.user_id = $2
         RETURNING prev.status AS from_status
       )
       INSERT INTO attendance_log (session_id, user_id, actor_id, action, from_status, to_status, reason)
       SELECT $1, $2, $3, 'leave_approved', from_status, 'excused', $4 FROM changed`,
      [sessionId, userId, actorId, reason],
    );
  }

  // --- rosters for sessions --------------------------------------------------------------------

  /**
   * The roster of a session being published: the unit's people at this moment, `expected`, logged
   * as `roster` in the same statement (one INSERT … SELECT).
   */
  async insertRosterFor(em: EntityManager, sessionId: string, unitId: string, actorId: string): Promise<void> {
    await em.query(
      `WITH roster AS (
         INSERT INTO attendance_records (session_id, user_id, status)
         SELECT $1, p.id, 'expected' FROM (${peopleOfUnit('$2')}) p
         ON CONFLICT (session_id, user_id) DO NOTHING
         RETURNING user_id
       )
       INSERT INTO attendance_log (session_id, user_id, actor_id, action, from_status, to_status)
       SELECT $1, user_id, $3::uuid, 'roster', NULL, 'expected' FROM roster ORDER BY user_id`,
      [sessionId, unitId, actorId],
    );
  }

  /** Records with their outcome already known (one INSERT … SELECT unnest); records already there are kept. */
  async insertRecords(em: EntityManager, sessionId: string, records: { userId: string; status: AttendanceStatus; checkedInAt: Date | null }[]): Promise<void> {
    await many(
      em,
      sql`INSERT INTO attendance_records (session_id, user_id, status, checked_in_at)
          SELECT ${sessionId}, user_id, status, checked_in_at
            FROM unnest(${records.map((r) => r.userId)}::uuid[], ${records.map((r) => r.status)}::text[], ${records.map((r) => r.checkedInAt)}::timestamptz[])
                 AS t(user_id, status, checked_in_at)
          ON CONFLICT DO NOTHING`,
    );
  }

  /** At completion, everyone still `expected` becomes `absent`: one statement, logged through a data-modifying CTE. */
  async markExpectedAbsent(em: EntityManager, sessionId: string, actorId: string | null): Promise<void> {
    await em.query(
      `WITH changed AS (
         UPDATE attendance_records SET status = 'absent', updated_at = now()
          WHERE session_id = $1 AND status = 'expected'
         RETURNING user_id
       )
       INSERT INTO attendance_log (session_id, user_id, actor_id, action, from_status, to_status)
       SELECT $1, user_id, $2::uuid, 'completion', 'expected', 'absent' FROM changed ORDER BY user_id`,
      [sessionId, actorId],
    );
  }

  /** Roster counts per status of each session that has a roster (one GROUP BY). */
  async countsBySession(sessionIds: string[], em?: EntityManager): Promise<Map<string, RosterCounts>> {
    if (sessionIds.length === 0) return new Map();
    const rows = await many<RosterCounts & { sessionId: string }>(
      this.db(em),
      sql`SELECT session_id AS "sessionId",
                 count(*) FILTER (WHERE status = 'expected')::int AS expected,
                 count(*) FILTER (WHERE status = 'present')::int AS present,
                 count(*) FILTER (WHERE status = 'late')::int AS late,
                 count(*) FILTER (WHERE status = 'excused')::int AS excused,
                 count(*) FILTER (WHERE status = 'absent')::int AS absent
            FROM attendance_records WHERE session_id ${anyOf(sessionIds)} GROUP BY session_id`,
    );
    return new Map(rows.map(({ sessionId, ...c }) => [sessionId, c]));
  }

  /** A query (column `user_id`) of the session's roster, for a set-based notification. */
  rosterRecipients(sessionId: string): Sql {
    return sql`SELECT user_id FROM attendance_records WHERE session_id = ${sessionId}`;
  }

  // --- check-in --------------------------------------------------------------------------------

  /** The session's check-in secret (undefined: no such session). */
  async checkInSecret(sessionId: string): Promise<Buffer | undefined> {
    const session = await this.dataSource.getRepository(StudySession).findOne({ select: { id: true, checkinSecret: true }, where: { id: sessionId } });
    return session?.checkinSecret;
  }

  checkInState(sessionId: string, userId: string): Promise<CheckInState | undefined> {
    return one<CheckInState>(
      this.dataSource,
      sql`SELECT s.status, s.unit_id AS "unitId", s.starts_at AS "startsAt", s.ends_at AS "endsAt",
                 r.status AS "recordStatus", coalesce(f.failures, 0) AS failures, clock_timestamp() AS now
            FROM sessions s
            LEFT JOIN attendance_records r ON r.session_id = s.id AND r.user_id = ${userId}
            LEFT JOIN checkin_failures f ON f.session_id = s.id AND f.user_id = ${userId}
           WHERE s.id = ${sessionId}`,
    );
  }

  /** Counts a wrong code (upsert increment, atomic across processes); the count after it. */
  async countWrongCode(sessionId: string, userId: string): Promise<number> {
    const row = await one<{ failures: number }>(
      this.dataSource,
      sql`INSERT INTO checkin_failures (session_id, user_id) VALUES (${sessionId}, ${userId})
          ON CONFLICT (session_id, user_id) DO UPDATE SET failures = checkin_failures.failures + 1, last_failed_at = now()
          RETURNING failures`,
    );
    return row!.failures;
  }

  /** The one statement of a check-in with a right code (see CHECK_IN_SQL). */
  checkIn(sessionId: string, userId: string, o: { graceMinutes: number; opensBeforeMinutes: number; maxWrongCodes: number }): Promise<CheckInRow | undefined> {
    return this.dataSource
      .query(CHECK_IN_SQL, [sessionId, userId, o.graceMinutes, o.opensBeforeMinutes, o.maxWrongCodes])
      .then((rows: CheckInRow[]) => rows[0]);
  }

  // --- the log and its seals -------------------------------------------------------------------

  /** Appends entries inside the transaction of the change they record (one INSERT … SELECT unnest). */
  async appendLog(em: EntityManager, entries: AttendanceLogEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await em.query(
      `INSERT INTO attendance_log (session_id, user_id, actor_id, action, from_status, to_status, reason)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[])`,
      [
        entries.map((e) => e.sessionId),
        entries.map((e) => e.userId),
        entries.map((e) => e.actorId),
        entries.map((e) => e.action),
        entries.map((e) => e.fromStatus),
        entries.map((e) => e.toStatus),
        entries.map((e) => e.reason ?? null),
      ],
    );
  }

  /** Takes the sealer's exclusive advisory lock for this transaction. */
  async lockSealer(em: EntityManager, key: number): Promise<void> {
    await em.query(`SET LOCAL lock_timeout = '10s'`);
    await em.query(...args(sql`SELECT pg_advisory_xact_lock(${key})`));
  }

  sealedEnd(em: EntityManager): Promise<{ seq: string; hash: string } | undefined> {
    return one(em, sql`SELECT seq, hash FROM attendance_log_seals ORDER BY seq DESC LIMIT 1`);
  }

  unsealedAfter(em: EntityManager, seq: string | number, lagMs: number, limit: number): Promise<UnsealedEntry[]> {
    return many<UnsealedEntry>(
      em,
      sql`SELECT l.seq, ${raw(hashedLogColumns('l'))}, l.at < clock_timestamp() - make_interval(secs => ${lagMs / 1000}) AS ripe
            FROM attendance_log l WHERE l.seq > ${seq} ORDER BY l.seq LIMIT ${limit}`,
    );
  }

  async insertSeals(em: EntityManager, seals: { seqs: string[]; prevs: string[]; hashes: string[] }): Promise<void> {
    await em.query(
      ...args(sql`INSERT INTO attendance_log_seals (seq, prev_hash, hash)
                  SELECT * FROM unnest(${seals.seqs}::bigint[], ${seals.prevs}::text[], ${seals.hashes}::text[])`),
    );
  }

  // --- leave requests --------------------------------------------------------------------------

  async insertLeave(em: EntityManager, sessionId: string, userId: string, reason: string): Promise<string> {
    const { identifiers } = await em.getRepository(LeaveRequest).insert({ sessionId, userId, reason });
    return identifiers[0].id as string;
  }

  /** A request already decided, with the times it was made and decided. */
  async insertDecidedLeave(
    em: EntityManager,
    l: { sessionId: string; userId: string; reason: string; status: 'approved' | 'rejected'; comment: string | null; decidedBy: string; decidedAt: Date; createdAt: Date },
  ): Promise<void> {
    await many(
      em,
      sql`INSERT INTO leave_requests (session_id, user_id, reason, status, comment, decided_by, decided_at, created_at)
          VALUES (${l.sessionId}, ${l.userId}, ${l.reason}, ${l.status}, ${l.comment}, ${l.decidedBy}, ${l.decidedAt}, ${l.createdAt})`,
    );
  }

  /** Every organiser who may decide a request of the unit's people (of the unit or an ancestor), but the requester. */
  leaveDeciders(unitId: string, requesterId: string): Sql {
    return sql`SELECT o.id AS user_id FROM (${bound(organisersOverUnit, unitId)}) o WHERE o.id <> ${requesterId}::uuid`;
  }

  findLeave(id: string, em?: EntityManager): Promise<LeaveRequestView | undefined> {
    return one<LeaveRequestView>(this.db(em), sql`SELECT ${LEAVE_COLUMNS} FROM leave_requests l JOIN users u ON u.id = l.user_id WHERE l.id = ${id}`);
  }

  leaveHead(id: string): Promise<LeaveHead | undefined> {
    return one<LeaveHead>(
      this.dataSource,
      sql`SELECT l.user_id AS "userId", s.unit_id AS "unitId", u.unit_id AS "personUnitId"
            FROM leave_requests l JOIN sessions s ON s.id = l.session_id JOIN users u ON u.id = l.user_id WHERE l.id = ${id}`,
    );
  }

  async lockLeave(em: EntityManager, id: string): Promise<LockedLeave | undefined> {
    const leave = await em.getRepository(LeaveRequest).findOne({
      select: { id: true, sessionId: true, userId: true, status: true },
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    return leave ? { sessionId: leave.sessionId, userId: leave.userId, status: leave.status as LeaveStatus } : undefined;
  }

  async decideLeave(em: EntityManager, id: string, status: 'approved' | 'rejected', comment: string | null, deciderId: string): Promise<void> {
    await em.getRepository(LeaveRequest).update({ id }, { status, comment, decidedBy: deciderId, decidedAt: () => 'clock_timestamp()' });
  }

  async withdrawLeave(em: EntityManager, id: string): Promise<void> {
    await em.getRepository(LeaveRequest).update({ id }, { status: 'withdrawn' });
  }

  async leavePage(f: LeaveFilter): Promise<Page<LeaveRequestView>> {
    const where: Sql[] = [];
    if (f.reader) {
      where.push(
        f.reader.organiserOfUnitId
          ? sql`(l.user_id = ${f.reader.userId} OR s.unit_id IN (${bound(subtreeUnitIds, f.reader.organiserOfUnitId)}))`
          : sql`l.user_id = ${f.reader.userId}`,
      );
    }
    if (f.status) where.push(sql`l.status = ${f.status}`);
    if (f.sessionId) where.push(sql`l.session_id = ${f.sessionId}`);
    const from = sql`FROM leave_requests l JOIN sessions s ON s.id = l.session_id JOIN users u ON u.id = l.user_id
                     ${where.length ? sql`WHERE ${join(where, ' AND ')}` : empty}`;
    const [items, count] = await Promise.all([
      many<LeaveRequestView>(this.dataSource, sql`SELECT ${LEAVE_COLUMNS} ${from} ORDER BY l.created_at DESC, l.id ${page(f.limit, f.offset)}`),
      one<{ total: number }>(this.dataSource, sql`SELECT count(*)::int AS total ${from}`),
    ]);
    return { items, total: count!.total };
  }
}

/** `[text, values]` of a statement, for `em.query(...)` when no rows are read back. */
function args(q: Sql): [string, unknown[]] {
  return [q.text, q.values];
}
