import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { empty, join, many, one, page, pageWithTotal, raw, Sql, sql, updated } from '@qf/database';
import { NotifyOnceTable, notifyOnceSql } from '@qf/deadlines';
import { peopleOfUnitSql } from '@qf/identity';
import { DataSource, EntityManager } from 'typeorm';
import {
  ASSIGNMENT_COLUMNS,
  AssignmentCounts,
  AssignmentRow,
  AssignmentStatus,
  TASK_COLUMNS,
  TASK_FROM,
  TaskRow,
  TaskStatus,
} from './reflection-views';
import { TASK_DEADLINE, Warning, warningFilterSql } from './warning';

/** 'all', or the units whose people's tasks the caller may read. */
export type TaskUnitScope = 'all' | string[];

/** An assignment's row as the fan-out reads it, with its cursor. */
export interface FanoutRow extends AssignmentRow {
  fanout_cursor: string | null;
}

/** A task locked for a write, with what the rules need of its assignment and owner. */
export interface LockedTask {
  id: string;
  userId: string;
  status: TaskStatus;
  dueAt: Date;
  submissionVersion: number;
  assignmentId: string;
  assignmentStatus: AssignmentStatus;
  assignmentDueAt: Date;
  minChars: number;
  title: string;
  /** The unit of the task's owner (the person), which scopes every organiser's access. */
  personUnitId: string;
  /** Accepted submissions in the current rate-limit window (one minute). */
  submitsInWindow: number;
}

/** A task locked for collection, with its assignment's creator and title and its owner's name. */
export interface CollectableTask {
  assignmentId: string;
  body: string;
  submissionVersion: number;
  collectedVersion: number;
  charCount: number;
  late: boolean;
  createdBy: string;
  title: string;
  displayName: string;
}

export interface NewAssignmentRow {
  title: string;
  prompt: string;
  sessionId: string | null;
  ownerUnitId: string;
  audienceUnitIds: string[];
  audienceUserIds: string[];
  audienceSessionId: string | null;
  audienceStatuses: string[];
  minChars: number;
  dueAt: Date;
  warnYellow: number;
  warnOrange: number;
  createdBy: string;
}

export interface TaskFilter {
  status?: TaskStatus;
  warning?: Warning;
  /** Only tasks of people of these units ('all': every task). */
  units: TaskUnitScope;
  limit: number;
  offset: number;
}

const ZERO_UUID = '00000000-0000-0000-0000-000000000000';

/** The notify-once sweep over open tasks of open assignments (the deadline engine's, see libs/deadlines). */
const TASK_WARNINGS: NotifyOnceTable = {
  table: 'reflection_tasks',
  alias: 't',
  join: { from: 'reflection_assignments a', on: 'a.id = t.assignment_id' },
  flags: { yellow: 'warned_yellow', red: 'warned_red' },
  open: `t.status IN ('assigned', 'draft', 'returned')`,
  where: `a.status = 'open'`,
  rule: TASK_DEADLINE,
  returning: 't.id, t.user_id, t.due_at, a.title',
  notify: {
    userId: 'user_id',
    title: 'title',
    // The key names the due time (the engine's due second), so an extension gets its own reminders.
    due: 'due_at',
    link: `'/reflection-tasks/' || id`,
    id: 'id',
  },
};

/** Assignments owned by or addressed to `units`, or holding a task of a person of them. */
const readableBy = (units: string[]): Sql =>
  sql`(a.owner_unit_id = ANY(${units}::uuid[]) OR a.audience_unit_ids && ${units}::uuid[]
    OR EXISTS (SELECT 1 FROM reflection_tasks rt JOIN users ru ON ru.id = rt.user_id
                WHERE rt.assignment_id = a.id AND ru.unit_id = ANY(${units}::uuid[])))`;

/** The condition on `a` of the assignments readable with task scope `units`. */
const readableWhere = (units: TaskUnitScope): Sql => (units === 'all' ? sql`TRUE` : units.length === 0 ? sql`FALSE` : readableBy(units));

/**
 * One chunk of an assignment's audience: the union of the audience units' people, the named active
 * users and the session's records with the given statuses, de-duplicated, in user id order after
 * `cursor`, at most `chunk` people.
 */
export function audienceChunk(a: FanoutRow, cursor: string, chunk: number): Sql {
  const parts: Sql[] = [];
  for (const unitId of a.audience_unit_ids) {
    parts.push(sql`SELECT p.id AS user_id FROM (${peopleOfUnitSql(sql`${unitId}::uuid`)}) p WHERE p.id > ${cursor}::uuid ORDER BY p.id LIMIT ${chunk}`);
  }
  if (a.audience_user_ids.length) {
    parts.push(sql`SELECT u.id AS user_id FROM users u WHERE u.id = ANY(${a.audience_user_ids}::uuid[]) AND u.active AND u.id > ${cursor}::uuid`);
  }
  if (a.audience_session_id) {
    parts.push(
      sql`SELECT ar.user_id FROM attendance_records ar JOIN users u ON u.id = ar.user_id
           WHERE ar.session_id = ${a.audience_session_id}::uuid AND ar.status = ANY(${a.audience_statuses}::text[])
             AND u.active AND ar.user_id > ${cursor}::uuid ORDER BY ar.user_id LIMIT ${chunk}`,
    );
  }
  if (parts.length === 0) parts.push(sql`SELECT NULL::uuid AS user_id WHERE false`);
  return sql`SELECT user_id FROM (${join(parts.map((p) => sql`(${p})`), ' UNION ')}) x ORDER BY user_id LIMIT ${chunk}`;
}

/** All SQL of reflection_assignments, reflection_tasks, reflection_signatures and reflection_lsh_buckets. */
@Injectable()
export class ReflectionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  // ---- assignments ----------------------------------------------------------------------------

  /** The unit of a session (an assignment's audience or subject); undefined when there is none. */
  async sessionUnitId(sessionId: string): Promise<string | undefined> {
    return (await one<{ unitId: string }>(this.dataSource, sql`SELECT unit_id AS "unitId" FROM sessions WHERE id = ${sessionId}`))?.unitId;
  }

  async insertAssignment(em: EntityManager, a: NewAssignmentRow): Promise<string> {
    const row = await one<{ id: string }>(
      em,
      sql`INSERT INTO reflection_assignments (title, prompt, session_id, owner_unit_id, audience_unit_ids, audience_user_ids,
            audience_session_id, audience_statuses, min_chars, due_at, warn_yellow, warn_orange, created_by)
          VALUES (${a.title}, ${a.prompt}, ${a.sessionId}, ${a.ownerUnitId}, ${a.audienceUnitIds}::uuid[], ${a.audienceUserIds}::uuid[],
            ${a.audienceSessionId}, ${a.audienceStatuses}::text[], ${a.minChars}, ${a.dueAt}, ${a.warnYellow}, ${a.warnOrange}, ${a.createdBy})
          RETURNING id`,
    );
    return row!.id;
  }

  async findAssignment(id: string): Promise<AssignmentRow | undefined> {
    return one<AssignmentRow>(this.dataSource, sql`SELECT ${raw(ASSIGNMENT_COLUMNS)} FROM reflection_assignments a WHERE a.id = ${id}`);
  }

  /** Whether the assignment is readable with task scope `units` (see ReflectionAccess). */
  async isReadable(id: string, units: TaskUnitScope): Promise<boolean> {
    if (units === 'all' || units.length === 0) return units === 'all';
    return !!(await one(this.dataSource, sql`SELECT 1 FROM reflection_assignments a WHERE a.id = ${id} AND ${readableBy(units)}`));
  }

  /** A page of the assignments readable with task scope `units`, newest first. */
  async assignmentPage(units: TaskUnitScope, f: { status?: AssignmentStatus; limit: number; offset: number }): Promise<{ items: AssignmentRow[]; total: number }> {
    const where = sql`${readableWhere(units)} AND (${f.status ?? null}::text IS NULL OR a.status = ${f.status ?? null})`;
    return pageWithTotal<AssignmentRow>(
      this.dataSource,
      sql`SELECT ${raw(ASSIGNMENT_COLUMNS)} FROM reflection_assignments a
           WHERE ${where} ORDER BY a.created_at DESC, a.id ${page(f.limit, f.offset)}`,
      sql`SELECT count(*)::int AS total FROM reflection_assignments a WHERE ${where}`,
    );
  }

  /**
   * Counts of many assignments in one GROUP BY (the unique (assignment_id, …) index serves it), over
   * the tasks of people of `units` only unless 'all'.
   */
  async countsOf(ids: string[], units: TaskUnitScope): Promise<Map<string, AssignmentCounts>> {
    if (ids.length === 0) return new Map();
    const scoped = units !== 'all';
    const rows = await many<AssignmentCounts & { assignmentId: string }>(
      this.dataSource,
      sql`SELECT t.assignment_id AS "assignmentId",
            count(*)::int AS assigned,
            count(*) FILTER (WHERE t.status IN ('submitted', 'approved'))::int AS submitted,
            count(*) FILTER (WHERE t.status = 'approved')::int AS approved,
            count(*) FILTER (WHERE t.status = 'returned')::int AS returned,
            count(*) FILTER (WHERE t.status IN ('assigned', 'draft', 'returned') AND t.due_at < now())::int AS overdue
          FROM reflection_tasks t${scoped ? raw(' JOIN users u ON u.id = t.user_id') : empty}
          WHERE t.assignment_id = ANY(${ids}::uuid[])${scoped ? sql` AND u.unit_id = ANY(${units}::uuid[])` : empty} GROUP BY t.assignment_id`,
    );
    return new Map(rows.map(({ assignmentId, ...c }) => [assignmentId, c]));
  }

  /** A page of an assignment's tasks (owner name order), narrowed to the people of `units`. */
  async taskPageOfAssignment(assignmentId: string, f: TaskFilter): Promise<{ items: TaskRow[]; total: number }> {
    const where = join(
      [
        sql`t.assignment_id = ${assignmentId} AND (${f.status ?? null}::text IS NULL OR t.status = ${f.status ?? null})`,
        ...(f.units === 'all' ? [] : [sql`u.unit_id = ANY(${f.units}::uuid[])`]),
        ...(f.warning ? [raw(warningFilterSql(f.warning))] : []),
      ],
      ' AND ',
    );
    return pageWithTotal<TaskRow>(
      this.dataSource,
      sql`SELECT ${raw(TASK_COLUMNS)} FROM ${raw(TASK_FROM)} WHERE ${where} ORDER BY u.display_name, t.user_id ${page(f.limit, f.offset)}`,
      sql`SELECT count(*)::int AS total FROM ${raw(TASK_FROM)} WHERE ${where}`,
    );
  }

  /** Closes an open assignment (a closed one stays as it is). */
  async closeAssignment(id: string): Promise<void> {
    await updated(this.dataSource, sql`UPDATE reflection_assignments SET status = 'closed', closed_at = now() WHERE id = ${id} AND status = 'open'`);
  }

  /** Whether every audience unit and every task owner's unit of the assignment is among `managed`. */
  async coveredBy(assignmentId: string, audienceUnitIds: string[], managed: string[]): Promise<boolean> {
    const row = await one<{ covered: boolean }>(
      this.dataSource,
      sql`SELECT NOT EXISTS (
            (SELECT unnest(${audienceUnitIds}::uuid[]) UNION SELECT u.unit_id FROM reflection_tasks t JOIN users u ON u.id = t.user_id WHERE t.assignment_id = ${assignmentId})
            EXCEPT SELECT unnest(${managed}::uuid[])) AS covered`,
    );
    return row!.covered;
  }

  // ---- tasks ----------------------------------------------------------------------------------

  async ownTaskPage(userId: string, f: { status?: TaskStatus; limit: number; offset: number }): Promise<{ items: TaskRow[]; total: number }> {
    const where = sql`t.user_id = ${userId} AND (${f.status ?? null}::text IS NULL OR t.status = ${f.status ?? null})`;
    return pageWithTotal<TaskRow>(
      this.dataSource,
      sql`SELECT ${raw(TASK_COLUMNS)} FROM ${raw(TASK_FROM)} WHERE ${where} ORDER BY t.due_at, t.id ${page(f.limit, f.offset)}`,
      sql`SELECT count(*)::int AS total FROM reflection_tasks t WHERE ${where}`,
    );
  }

  /** The task with its owner's unit. */
  async findTask(id: string): Promise<(TaskRow & { personUnitId: string }) | undefined> {
    return one(this.dataSource, sql`SELECT ${raw(TASK_COLUMNS)}, u.unit_id AS "personUnitId" FROM ${raw(TASK_FROM)} WHERE t.id = ${id}`);
  }

  /** The task, locked (FOR UPDATE) in `em`'s transaction. */
  async lockTask(em: EntityManager, id: string): Promise<LockedTask | undefined> {
    return one<LockedTask>(
      em,
      sql`SELECT t.id, t.user_id AS "userId", t.status, t.due_at AS "dueAt", t.submission_version AS "submissionVersion",
                 t.assignment_id AS "assignmentId", a.status AS "assignmentStatus", a.due_at AS "assignmentDueAt",
                 a.min_chars AS "minChars", a.title, u.unit_id AS "personUnitId",
                 CASE WHEN t.submit_window_at > now() - interval '1 minute' THEN t.submit_window_count ELSE 0 END AS "submitsInWindow"
            FROM reflection_tasks t JOIN reflection_assignments a ON a.id = t.assignment_id JOIN users u ON u.id = t.user_id
           WHERE t.id = ${id} FOR UPDATE OF t`,
    );
  }

  async saveDraft(em: EntityManager, id: string, body: string, charCount: number): Promise<void> {
    await updated(em, sql`UPDATE reflection_tasks SET body = ${body}, char_count = ${charCount}, status = 'draft', updated_at = now() WHERE id = ${id}`);
  }

  /** Records a submission (a new version, counted in the one-minute window); returns the version. */
  async recordSubmission(em: EntityManager, id: string, body: string, charCount: number): Promise<number> {
    const row = await one<{ submission_version: number }>(
      em,
      sql`WITH submitted AS (
            UPDATE reflection_tasks SET body = ${body}, char_count = ${charCount}, status = 'submitted', submitted_at = now(), late = now() > due_at,
                   submission_version = submission_version + 1, similarity_score = NULL, similar_task_id = NULL,
                   review_comment = NULL, updated_at = now(),
                   submit_window_count = CASE WHEN submit_window_at > now() - interval '1 minute' THEN submit_window_count + 1 ELSE 1 END,
                   submit_window_at = CASE WHEN submit_window_at > now() - interval '1 minute' THEN submit_window_at ELSE now() END
             WHERE id = ${id} RETURNING submission_version)
          SELECT submission_version FROM submitted`,
    );
    return row!.submission_version;
  }

  async recordReview(em: EntityManager, id: string, status: 'approved' | 'returned', comment: string | null, reviewerId: string): Promise<void> {
    await updated(
      em,
      sql`UPDATE reflection_tasks SET status = ${status}, review_comment = ${comment}, reviewed_by = ${reviewerId}, reviewed_at = now(), updated_at = now() WHERE id = ${id}`,
    );
  }

  /** A personal due time; the warned flags are reset so the new due time gets its own reminders. */
  async extendDue(em: EntityManager, id: string, dueAt: Date): Promise<void> {
    await updated(
      em,
      sql`UPDATE reflection_tasks SET due_at = ${dueAt}, extended = true, warned_yellow = false, warned_red = false, updated_at = now() WHERE id = ${id}`,
    );
  }

  // ---- fan-out --------------------------------------------------------------------------------

  /** The assignment, locked (serialises concurrent fan-out workers). */
  async lockForFanout(em: EntityManager, id: string): Promise<FanoutRow | undefined> {
    return one<FanoutRow>(
      em,
      sql`SELECT id, title, prompt, due_at, status, audience_unit_ids, audience_user_ids, audience_session_id, audience_statuses, fanout_cursor
            FROM reflection_assignments WHERE id = ${id} FOR UPDATE`,
    );
  }

  /** Creates the tasks of the next audience chunk after `cursor`; returns its size and last user id. */
  async createTaskChunk(em: EntityManager, a: FanoutRow, cursor: string, chunk: number): Promise<{ n: number; last: string | null }> {
    const row = await one<{ n: number; last: string | null }>(
      em,
      sql`WITH chunk AS (${audienceChunk(a, cursor, chunk)}),
               created AS (
                 INSERT INTO reflection_tasks (assignment_id, user_id, due_at)
                 SELECT ${a.id}::uuid, user_id, ${a.due_at}::timestamptz FROM chunk
                 ON CONFLICT (assignment_id, user_id) DO NOTHING)
          SELECT (SELECT count(*)::int FROM chunk) AS n, (SELECT user_id FROM chunk ORDER BY user_id DESC LIMIT 1) AS last`,
    );
    return row!;
  }

  /** The owners of the assignment's tasks with user ids in (after, upTo]: a chunk's recipients. */
  taskOwnersBetween(assignmentId: string, after: string, upTo: string): Sql {
    return sql`SELECT user_id FROM reflection_tasks WHERE assignment_id = ${assignmentId} AND user_id > ${after}::uuid AND user_id <= ${upTo}::uuid`;
  }

  async setFanoutCursor(em: EntityManager, id: string, cursor: string): Promise<void> {
    await updated(em, sql`UPDATE reflection_assignments SET fanout_cursor = ${cursor} WHERE id = ${id}`);
  }

  async openAssignment(em: EntityManager, id: string): Promise<void> {
    await updated(em, sql`UPDATE reflection_assignments SET status = 'open', opened_at = now() WHERE id = ${id}`);
  }

  // ---- collection -----------------------------------------------------------------------------

  async lockForCollection(em: EntityManager, taskId: string): Promise<CollectableTask | undefined> {
    return one<CollectableTask>(
      em,
      sql`SELECT t.assignment_id AS "assignmentId", t.body, t.submission_version AS "submissionVersion",
                 t.collected_version AS "collectedVersion", t.char_count AS "charCount", t.late,
                 a.created_by AS "createdBy", a.title, u.display_name AS "displayName"
            FROM reflection_tasks t JOIN reflection_assignments a ON a.id = t.assignment_id JOIN users u ON u.id = t.user_id
           WHERE t.id = ${taskId} FOR UPDATE OF t`,
    );
  }

  /** One collection at a time per assignment (transaction-scoped advisory lock). */
  async lockAssignmentCollection(em: EntityManager, assignmentId: string): Promise<void> {
    await many(em, sql`SELECT pg_advisory_xact_lock(hashtext('reflection-collect:' || ${assignmentId}))`);
  }

  /** Other tasks of the assignment sharing LSH buckets with these, most shared first, with their bodies. */
  async lookAlikeCandidates(
    em: EntityManager,
    assignmentId: string,
    taskId: string,
    bands: number[],
    buckets: number[],
    max: number,
  ): Promise<{ taskId: string; body: string }[]> {
    return many(
      em,
      sql`SELECT c.task_id AS "taskId", t.body FROM (
            SELECT b.task_id, count(*) AS hits FROM reflection_lsh_buckets b
              JOIN unnest(${bands}::smallint[], ${buckets}::int[]) AS q(band, bucket_hash) ON b.band = q.band AND b.bucket_hash = q.bucket_hash
             WHERE b.assignment_id = ${assignmentId} AND b.task_id <> ${taskId}
             GROUP BY b.task_id ORDER BY hits DESC, b.task_id LIMIT ${raw(String(max))}) c
          JOIN reflection_tasks t ON t.id = c.task_id`,
    );
  }

  /** Replaces the task's buckets and signature, and stores its score as collected at `version`. */
  async storeCollected(
    em: EntityManager,
    c: { taskId: string; assignmentId: string; version: number; signature: number[]; bands: number[]; buckets: number[]; score: number; similarTaskId: string | null },
  ): Promise<void> {
    await many(em, sql`DELETE FROM reflection_lsh_buckets WHERE task_id = ${c.taskId}`);
    await many(
      em,
      sql`INSERT INTO reflection_lsh_buckets (assignment_id, band, bucket_hash, task_id)
          SELECT ${c.assignmentId}::uuid, q.band, q.bucket_hash, ${c.taskId}::uuid FROM unnest(${c.bands}::smallint[], ${c.buckets}::int[]) AS q(band, bucket_hash)
          ON CONFLICT DO NOTHING`,
    );
    await many(
      em,
      sql`INSERT INTO reflection_signatures (task_id, assignment_id, version, signature) VALUES (${c.taskId}, ${c.assignmentId}, ${c.version}, ${c.signature}::int[])
          ON CONFLICT (task_id) DO UPDATE SET version = EXCLUDED.version, signature = EXCLUDED.signature`,
    );
    await updated(
      em,
      sql`UPDATE reflection_tasks SET similarity_score = ${c.score}, similar_task_id = ${c.similarTaskId}, collected_version = ${c.version} WHERE id = ${c.taskId}`,
    );
  }

  /** The earlier, collected essay learns of a closer look-alike (similarity is mutual). */
  async raiseSimilarity(em: EntityManager, taskId: string, score: number, similarTaskId: string): Promise<void> {
    await updated(
      em,
      sql`UPDATE reflection_tasks SET similarity_score = ${score}, similar_task_id = ${similarTaskId}
           WHERE id = ${taskId} AND collected_version > 0 AND (similarity_score IS NULL OR similarity_score < ${score})`,
    );
  }

  // ---- warnings -------------------------------------------------------------------------------

  /** Flags and notifies up to `batch` open tasks that reached `colour`; returns how many. */
  async warnBatch(colour: 'yellow' | 'red', kind: string, title: string, timeZone: string, batch: number): Promise<number> {
    const row = await one<{ n: number }>(this.dataSource, notifyOnceSql(TASK_WARNINGS, colour, batch, { kind, title, zone: timeZone }));
    return row!.n;
  }

  /** Open assignments past their due time whose red digest was not sent. */
  async digestsDue(): Promise<{ id: string; title: string; createdBy: string }[]> {
    return many(
      this.dataSource,
      sql`SELECT id, title, created_by AS "createdBy" FROM reflection_assignments WHERE status = 'open' AND red_digest_sent_at IS NULL AND due_at < now()`,
    );
  }

  /** Locks the assignment for its digest; false when another worker has it or it was sent. */
  async lockForDigest(em: EntityManager, id: string): Promise<boolean> {
    return !!(await one(em, sql`SELECT 1 FROM reflection_assignments WHERE id = ${id} AND red_digest_sent_at IS NULL FOR UPDATE SKIP LOCKED`));
  }

  /** Names of the owners of red tasks (name order, at most `limit`) and how many there are. */
  async redTaskOwners(em: EntityManager, id: string, limit: number): Promise<{ displayName: string; total: number }[]> {
    return many(
      em,
      sql`SELECT u.display_name AS "displayName", count(*) OVER ()::int AS total
            FROM reflection_tasks t JOIN users u ON u.id = t.user_id
           WHERE t.assignment_id = ${id} AND t.status IN ('assigned', 'draft', 'returned') AND t.due_at < now()
           ORDER BY u.display_name LIMIT ${raw(String(limit))}`,
    );
  }

  async markDigestSent(em: EntityManager, id: string): Promise<void> {
    await updated(em, sql`UPDATE reflection_assignments SET red_digest_sent_at = now() WHERE id = ${id}`);
  }

  // ---- reconciliation -------------------------------------------------------------------------

  async dispatchingIds(): Promise<string[]> {
    return (await many<{ id: string }>(this.dataSource, sql`SELECT id FROM reflection_assignments WHERE status = 'dispatching'`)).map((r) => r.id);
  }

  /** Up to `batch` submissions not yet collected, with task ids after `after`, in id order. */
  async uncollectedAfter(after: string, batch: number): Promise<{ id: string; version: number }[]> {
    return many(
      this.dataSource,
      sql`SELECT id, submission_version AS version FROM reflection_tasks
           WHERE collected_version < submission_version AND id > ${after} ORDER BY id LIMIT ${raw(String(batch))}`,
    );
  }
}

export { ZERO_UUID };
