import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Page } from '@qf/common';
import { anyOf, bound, empty, join, LeaveRequest, many, one, page, raw, Sql, sql, StudySession } from '@qf/database';
import { organisersOverUnit, peopleOfUnit, subtreeUnitIds, unitSubtree } from '@qf/identity';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { AttendanceLogEntry, AttendanceStatus } from './attendance-status';
import { AttendanceRecordRow, AttendanceRecordView, recordView } from './attendance-record.view';
import { ATTENDANCE_REPLAY_SQL } from './attendance-replay.sql';
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

/**
 * What an audit read covers: the COMPLETED sessions of a unit's subtree (null: every unit) that
 * START in the half-open instant range [start, end) (null: unbounded).
 */
export interface CompletedSessionsRange {
  unitId: string | null;
  start: Date | null;
  end: Date | null;
}

/** A member's counts over a range: every roster record (`expected`), by final status, and how many were made up (补学). */
export interface MemberAttendanceRow {
  userId: string;
  displayName: string;
  /** The member's current unit. */
  unitId: string;
  /**
   * Roster records: every record the member has in the completed sessions of the range, whatever
   * its status (someone excused by an approved leave was expected and excused, so once completed
   * `expected = present + late + excused + absent`).
   */
  expected: number;
  present: number;
  late: number;
  excused: number;
  absent: number;
  /** Records with a make-up (补学) on file — absent or excused records; the status itself never changes. */
  madeUp: number;
}

export interface RepeatedAbsenceRow {
  userId: string;
  absent: number;
  /** Of those absences, how many were made up later. */
  absentMadeUp: number;
  late: number;
}

export interface ChangedAfterCompletionRow {
  sessionId: string;
  userId: string;
  /** Log entries after completion (neither `completion` nor `make_up`). */
  changes: number;
  lastChangedAt: Date;
}

export interface UndecidedLeaveRow {
  id: string;
  sessionId: string;
  userId: string;
}

export interface LogFilter {
  sessionId?: string;
  userId?: string;
  /** Half-open range [start, end) on the entry's `at`. */
  start?: Date;
  end?: Date;
  limit: number;
  offset: number;
}

/** A log entry with its seal (see HashableLogEntry for the fields the chain covers). */
export interface SealedLogEntry extends Omit<HashableLogEntry, 'seq'> {
  seq: number;
  /** null until the sealer has chained the entry. */
  prevHash: string | null;
  hash: string | null;
}

/** An entry of the log up to the sealed end, with its seal (null columns: not sealed). */
export interface ChainEntry extends HashableLogEntry {
  seq: string;
  prev_hash: string | null;
  hash: string | null;
}

/** A (session, person) pair whose record differs from the status the log implies. */
export interface RecordMismatch {
  sessionId: string;
  userId: string;
  /** null: the log has entries for a (session, person) without a record. */
  recordStatus: string | null;
  /** null: a record without any log entry. */
  logStatus: string | null;
}

/** The replay's answer: pairs compared, how many differ, and the first REPLAY_MAX_LISTED of them. */
export interface ReplayComparison {
  checked: number;
  mismatches: number;
  listed: RecordMismatch[];
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
    await many(
      em,
      sql`WITH prev AS (
         SELECT status FROM attendance_records WHERE session_id = ${sessionId} AND user_id = ${userId} AND status IN ('expected', 'absent') FOR UPDATE
       ),
       changed AS (
         UPDATE attendance_records r SET status = 'excused', updated_at = clock_timestamp()
           FROM prev WHERE r.session_id = ${sessionId} AND r.user_id = ${userId}
         RETURNING prev.status AS from_status
       )
       INSERT INTO attendance_log (session_id, user_id, actor_id, action, from_status, to_status, reason)
       SELECT ${sessionId}::uuid, ${userId}::uuid, ${actorId}::uuid, 'leave_approved', from_status, 'excused', ${reason}::text FROM changed`,
    );
  }

  // --- rosters for sessions --------------------------------------------------------------------

  /**
   * The roster of a session being published: the unit's people at this moment, `expected`, logged
   * as `roster` in the same statement (one INSERT … SELECT).
   */
  async insertRosterFor(em: EntityManager, sessionId: string, unitId: string, actorId: string): Promise<void> {
    await many(
      em,
      sql`WITH roster AS (
         INSERT INTO attendance_records (session_id, user_id, status)
         SELECT ${sessionId}::uuid, p.id, 'expected' FROM (${bound(peopleOfUnit, unitId)}) p
         ON CONFLICT (session_id, user_id) DO NOTHING
         RETURNING user_id
       )
       INSERT INTO attendance_log (session_id, user_id, actor_id, action, from_status, to_status)
       SELECT ${sessionId}::uuid, user_id, ${actorId}::uuid, 'roster', NULL, 'expected' FROM roster ORDER BY user_id`,
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
    await many(
      em,
      sql`WITH changed AS (
         UPDATE attendance_records SET status = 'absent', updated_at = now()
          WHERE session_id = ${sessionId} AND status = 'expected'
         RETURNING user_id
       )
       INSERT INTO attendance_log (session_id, user_id, actor_id, action, from_status, to_status)
       SELECT ${sessionId}::uuid, user_id, ${actorId}::uuid, 'completion', 'expected', 'absent' FROM changed ORDER BY user_id`,
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
    await many(
      em,
      sql`INSERT INTO attendance_log (session_id, user_id, actor_id, action, from_status, to_status, reason)
          SELECT * FROM unnest(${entries.map((e) => e.sessionId)}::uuid[], ${entries.map((e) => e.userId)}::uuid[], ${entries.map((e) => e.actorId)}::uuid[],
                               ${entries.map((e) => e.action)}::text[], ${entries.map((e) => e.fromStatus)}::text[], ${entries.map((e) => e.toStatus)}::text[],
                               ${entries.map((e) => e.reason ?? null)}::text[])`,
    );
  }

  /** Takes the sealer's exclusive advisory lock for this transaction. */
  async lockSealer(em: EntityManager, key: number): Promise<void> {
    await em.query(`SET LOCAL lock_timeout = '10s'`);
    await em.query(...args(sql`SELECT pg_advisory_xact_lock(${key})`));
  }

  /** The highest seal (undefined: nothing sealed yet). */
  sealedEnd(em?: EntityManager): Promise<{ seq: string; hash: string } | undefined> {
    return one(this.db(em), sql`SELECT seq, hash FROM attendance_log_seals ORDER BY seq DESC LIMIT 1`);
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

  // --- audit reads (libs/audit) ----------------------------------------------------------------

  /** Per member, one GROUP BY over the records of the range's completed sessions (index-only on attendance_records_audit_idx), joined to users once per member. */
  attendanceByMember(range: CompletedSessionsRange): Promise<MemberAttendanceRow[]> {
    return many<MemberAttendanceRow>(
      this.dataSource,
      sql`SELECT a.user_id AS "userId", u.display_name AS "displayName", u.unit_id AS "unitId",
                 a.expected, a.present, a.late, a.excused, a.absent, a.made_up AS "madeUp"
            FROM (SELECT r.user_id,
                         count(*)::int AS expected,
                         count(*) FILTER (WHERE r.status = 'present')::int AS present,
                         count(*) FILTER (WHERE r.status = 'late')::int AS late,
                         count(*) FILTER (WHERE r.status = 'excused')::int AS excused,
                         count(*) FILTER (WHERE r.status = 'absent')::int AS absent,
                         count(r.made_up_at)::int AS made_up
                    FROM attendance_records r
                   WHERE r.session_id IN (SELECT s.id FROM sessions s WHERE ${completedSessions(range)})
                   GROUP BY r.user_id) a
            JOIN users u ON u.id = a.user_id
           ORDER BY u.username, u.id`,
    );
  }

  /** How many completed sessions the range covers. */
  async countCompletedSessions(range: CompletedSessionsRange): Promise<number> {
    return (await one<{ sessions: number }>(this.dataSource, sql`SELECT count(*)::int AS sessions FROM sessions s WHERE ${completedSessions(range)}`))!.sessions;
  }

  /** People with at least `threshold` absent or late records in the range (one GROUP BY), by user id. */
  repeatedAbsenceOrLate(range: CompletedSessionsRange, threshold: number): Promise<RepeatedAbsenceRow[]> {
    return many<RepeatedAbsenceRow>(
      this.dataSource,
      sql`SELECT r.user_id AS "userId",
                 count(*) FILTER (WHERE r.status = 'absent')::int AS absent,
                 count(r.made_up_at) FILTER (WHERE r.status = 'absent')::int AS "absentMadeUp",
                 count(*) FILTER (WHERE r.status = 'late')::int AS late
            FROM attendance_records r
           WHERE r.session_id IN (SELECT s.id FROM sessions s WHERE ${completedSessions(range)})
             AND r.status IN ('absent', 'late')
           GROUP BY r.user_id
          HAVING count(*) FILTER (WHERE r.status = 'absent') >= ${threshold}
              OR count(*) FILTER (WHERE r.status = 'late') >= ${threshold}
           ORDER BY r.user_id`,
    );
  }

  /** Records with log entries written after their session was completed, other than `completion` and `make_up` (one GROUP BY), in log order. */
  changedAfterCompletion(range: CompletedSessionsRange): Promise<ChangedAfterCompletionRow[]> {
    return many<ChangedAfterCompletionRow>(
      this.dataSource,
      sql`SELECT l.session_id AS "sessionId", l.user_id AS "userId", count(*)::int AS changes, max(l.at) AS "lastChangedAt"
            FROM sessions s
            JOIN attendance_log l ON l.session_id = s.id AND l.at > s.completed_at
           WHERE ${completedSessions(range)} AND l.action NOT IN ('completion', 'make_up')
           GROUP BY l.session_id, l.user_id
           ORDER BY min(l.seq)`,
    );
  }

  /** Leave requests still pending although their session is completed, by session start. */
  undecidedLeaves(range: CompletedSessionsRange): Promise<UndecidedLeaveRow[]> {
    return many<UndecidedLeaveRow>(
      this.dataSource,
      sql`SELECT l.id, l.session_id AS "sessionId", l.user_id AS "userId"
            FROM sessions s JOIN leave_requests l ON l.session_id = s.id AND l.status = 'pending'
           WHERE ${completedSessions(range)}
           ORDER BY s.starts_at, l.created_at, l.id`,
    );
  }

  /** A page of the log in `seq` order with its seals (LEFT JOIN: null until sealed), on the (session_id, seq), (user_id, seq) and (at) indexes. */
  async logPage(f: LogFilter): Promise<Page<SealedLogEntry>> {
    const where: Sql[] = [];
    if (f.sessionId) where.push(sql`l.session_id = ${f.sessionId}`);
    if (f.userId) where.push(sql`l.user_id = ${f.userId}`);
    if (f.start) where.push(sql`l.at >= ${f.start}`);
    if (f.end) where.push(sql`l.at < ${f.end}`);
    const whereSql = where.length ? sql`WHERE ${join(where, ' AND ')}` : empty;
    const [items, count] = await Promise.all([
      many<SealedLogEntry>(
        this.dataSource,
        sql`SELECT l.seq::float8 AS seq, ${raw(hashedLogColumns('l'))}, s.prev_hash AS "prevHash", s.hash
              FROM attendance_log l LEFT JOIN attendance_log_seals s ON s.seq = l.seq
              ${whereSql}
             ORDER BY l.seq
             ${page(f.limit, f.offset)}`,
      ),
      one<{ n: number }>(this.dataSource, sql`SELECT count(*)::float8 AS n FROM attendance_log l ${whereSql}`),
    ]);
    return { items, total: count!.n };
  }

  /**
   * The records of the range's completed sessions for the audit export, as arrays in ExportColumns
   * order, ordered by session start, session, username: dates and times in `zone`, status labels
   * from `labels` (constants of the caller, written into the statement). For a cursor.
   */
  exportRecordsQuery(range: CompletedSessionsRange, zone: string, labels: Readonly<Record<string, string>>): Sql {
    const cases = raw(
      Object.entries(labels)
        .map(([status, label]) => `WHEN ${literal(status)} THEN ${literal(label)}`)
        .join(' '),
    );
    return sql`SELECT to_char(s.starts_at AT TIME ZONE ${zone}, 'YYYY-MM-DD'), s.title, su.name, u.username, u.display_name,
                      CASE r.status ${cases} ELSE r.status END,
                      coalesce(to_char(r.checked_in_at AT TIME ZONE ${zone}, 'YYYY-MM-DD HH24:MI:SS'), ''),
                      coalesce(to_char(r.made_up_at AT TIME ZONE ${zone}, 'YYYY-MM-DD HH24:MI:SS'), ''),
                      uu.name, r.made_up_summary
                 FROM sessions s
                 JOIN units su ON su.id = s.unit_id
                 JOIN attendance_records r ON r.session_id = s.id
                 JOIN users u ON u.id = r.user_id
                 JOIN units uu ON uu.id = u.unit_id
                WHERE ${completedSessions(range)}
                ORDER BY s.starts_at, s.id, u.username, u.id`;
  }

  // --- the chain verifier's reads (libs/audit) -------------------------------------------------

  /**
   * Runs `work` on a connection of its own in a REPEATABLE READ, READ ONLY transaction (in the
   * exported `snapshot` when given, so two connections read the same state), rolled back after.
   */
  async inReadOnlySnapshot<T>(work: (qr: QueryRunner) => Promise<T>, snapshot?: string): Promise<T> {
    const qr = this.dataSource.createQueryRunner();
    await qr.connect();
    try {
      await qr.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      if (snapshot !== undefined) await qr.query(`SET TRANSACTION SNAPSHOT ${literal(snapshot)}`);
      return await work(qr);
    } finally {
      await qr.query('ROLLBACK').catch(() => undefined);
      await qr.release();
    }
  }

  /** The snapshot of `qr`'s transaction, for another connection to read the same state. */
  async exportSnapshot(qr: QueryRunner): Promise<string> {
    return (await one<{ snapshot: string }>(qr, sql`SELECT pg_export_snapshot() AS snapshot`))!.snapshot;
  }

  /** The highest sealed seq (null when nothing is sealed) and how many seals there are. */
  async sealedHead(qr: QueryRunner): Promise<{ last: string | null; entries: number }> {
    return (await one<{ last: string | null; entries: number }>(
      qr,
      sql`SELECT max(seq)::text AS last, count(*)::float8 AS entries FROM attendance_log_seals`,
    ))!;
  }

  /** How many log entries lie after `seq`. */
  async countLogAfter(qr: QueryRunner, seq: string): Promise<number> {
    return (await one<{ n: number }>(qr, sql`SELECT count(*)::float8 AS n FROM attendance_log WHERE seq > ${seq}`))!.n;
  }

  /**
   * The log up to `last` merged with its seals in `seq` order (both primary keys read once, in
   * order), as ChainEntry rows, for a cursor.
   */
  chainQuery(last: string): Sql {
    return sql`SELECT l.seq::text AS seq, ${raw(hashedLogColumns('l'))}, s.prev_hash, s.hash
                 FROM attendance_log l LEFT JOIN attendance_log_seals s ON s.seq = l.seq AND s.seq <= ${last}
                WHERE l.seq <= ${last}
                ORDER BY l.seq`;
  }

  /** The log replayed against attendance_records in one set-based statement (ATTENDANCE_REPLAY_SQL). */
  async replay(qr: QueryRunner): Promise<ReplayComparison> {
    return (await one<ReplayComparison>(qr, raw(ATTENDANCE_REPLAY_SQL)))!;
  }
}

/** `[text, values]` of a statement, for `em.query(...)` when no rows are read back. */
function args(q: Sql): [string, unknown[]] {
  return [q.text, q.values];
}

/**
 * The condition on sessions `s` selecting a range's completed sessions (CompletedSessionsRange),
 * backed by sessions_completed_idx (unit_id, starts_at) and units_path_idx.
 */
function completedSessions(range: CompletedSessionsRange): Sql {
  const conditions = [sql`s.status = 'completed'`];
  if (range.unitId) conditions.push(sql`s.unit_id IN (${unitSubtree(range.unitId)})`);
  if (range.start) conditions.push(sql`s.starts_at >= ${range.start}`);
  if (range.end) conditions.push(sql`s.starts_at < ${range.end}`);
  return join(conditions, ' AND ');
}

/** A string constant of the code as an SQL literal. */
function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
