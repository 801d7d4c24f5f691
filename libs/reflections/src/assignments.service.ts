import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ATTENDANCE_STATUSES, AttendanceStatus } from '@qf/attendance';
import { AuthUser, BadInputError, ConflictError, ForbiddenError, NotFoundError, Page } from '@qf/common';
import { AccessPolicy } from '@qf/identity';
import { JobName, OutboxService } from '@qf/queue';
import { DataSource } from 'typeorm';
import { ReflectionAccess, TaskUnitScope } from './reflection-access';
import {
  ASSIGNMENT_COLUMNS,
  AssignmentCounts,
  AssignmentRow,
  AssignmentStatus,
  AssignmentView,
  countsSql,
  TASK_COLUMNS,
  TASK_FROM,
  TaskRow,
  TaskStatus,
  TaskView,
  toAssignmentView,
  toTaskView,
} from './reflection-views';
import { DEFAULT_THRESHOLDS, Warning, warningFilterSql, WarningThresholds } from './warning';

export const DEFAULT_AUDIENCE_STATUSES = ['present', 'late'];
export const DEFAULT_MIN_CHARS = 300;
export const MAX_CHARS = 20_000;

export interface NewAssignment {
  title: string;
  prompt?: string;
  minChars?: number;
  dueAt: Date;
  sessionId?: string;
  warningThresholds?: WarningThresholds;
  audience: { unitIds?: string[]; userIds?: string[]; sessionId?: string; attendanceStatuses?: string[] };
}

/** Reflection assignments: creation (fan-out recorded in the outbox), reads with counts, closing. */
@Injectable()
export class AssignmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly policy: AccessPolicy,
    private readonly access: ReflectionAccess,
  ) {}

  /**
   * Stores the assignment as `dispatching` and its fan-out job in one transaction; the worker
   * creates the tasks. Nothing here touches Redis.
   */
  async create(user: AuthUser, input: NewAssignment): Promise<{ id: string; status: AssignmentStatus }> {
    const dueAt = new Date(input.dueAt);
    if (!(dueAt.getTime() > Date.now())) throw new BadInputError('dueAt must be in the future');
    const minChars = input.minChars ?? DEFAULT_MIN_CHARS;
    if (!Number.isInteger(minChars) || minChars < 1 || minChars > MAX_CHARS) throw new BadInputError(`minChars must be an integer from 1 to ${MAX_CHARS}`);
    const t = input.warningThresholds ?? DEFAULT_THRESHOLDS;
    if (!(0 < t.orange && t.orange < t.yellow && t.yellow < 1))
      throw new BadInputError('warningThresholds must satisfy 0 < orange < yellow < 1');
    const unitIds = [...new Set(input.audience?.unitIds ?? [])];
    const userIds = [...new Set(input.audience?.userIds ?? [])];
    const audienceSessionId = input.audience?.sessionId ?? null;
    if (input.audience?.attendanceStatuses && !audienceSessionId)
      throw new BadInputError('audience.attendanceStatuses needs audience.sessionId');
    const statuses = [...new Set(input.audience?.attendanceStatuses ?? DEFAULT_AUDIENCE_STATUSES)];
    if (statuses.length === 0 || statuses.some((s) => !ATTENDANCE_STATUSES.includes(s as AttendanceStatus)))
      throw new BadInputError(`audience.attendanceStatuses must be some of ${ATTENDANCE_STATUSES.join(', ')}`);
    if (unitIds.length === 0 && userIds.length === 0 && !audienceSessionId)
      throw new BadInputError('audience must name at least one unit, user or session');

    const managed = await this.policy.managedUnitIds(user);
    const mustManage = (unitId: string, what: string) => {
      if (managed !== 'all' && !managed.includes(unitId)) throw new ForbiddenError(`you do not manage ${what}`);
    };
    if (unitIds.length) {
      const found: { id: string }[] = await this.dataSource.query(`SELECT id FROM units WHERE id = ANY($1::uuid[])`, [unitIds]);
      const missing = unitIds.filter((id) => !found.some((f) => f.id === id));
      if (missing.length) throw new BadInputError(`audience.unitIds: unknown unit(s) ${missing.join(', ')}`);
      for (const id of unitIds) mustManage(id, `unit ${id}`);
    }
    if (userIds.length) {
      const found: { id: string; unit_id: string }[] = await this.dataSource.query(
        `SELECT id, unit_id FROM users WHERE id = ANY($1::uuid[]) AND active`,
        [userIds],
      );
      const missing = userIds.filter((id) => !found.some((f) => f.id === id));
      if (missing.length) throw new BadInputError(`audience.userIds: unknown or inactive user(s) ${missing.join(', ')}`);
      for (const u of found) mustManage(u.unit_id, `the unit of user ${u.id}`);
    }
    for (const [field, sessionId] of [
      ['audience.sessionId', audienceSessionId],
      ['sessionId', input.sessionId ?? null],
    ] as const) {
      if (!sessionId) continue;
      const [s]: { unit_id: string }[] = await this.dataSource.query(`SELECT unit_id FROM sessions WHERE id = $1`, [sessionId]);
      if (!s) throw new BadInputError(`${field}: unknown session ${sessionId}`);
      mustManage(s.unit_id, `the unit of session ${sessionId}`);
    }

    return this.dataSource.transaction(async (em) => {
      const [row]: { id: string }[] = await em.query(
        `INSERT INTO reflection_assignments (title, prompt, session_id, owner_unit_id, audience_unit_ids, audience_user_ids,
           audience_session_id, audience_statuses, min_chars, due_at, warn_yellow, warn_orange, created_by)
         VALUES ($1, $2, $3, $4, $5::uuid[], $6::uuid[], $7, $8::text[], $9, $10, $11, $12, $13) RETURNING id`,
        [
          input.title.trim(),
          input.prompt ?? '',
          input.sessionId ?? audienceSessionId,
          user.unitId,
          unitIds,
          userIds,
          audienceSessionId,
          statuses,
          minChars,
          dueAt,
          t.yellow,
          t.orange,
          user.id,
        ],
      );
      await this.outbox.add(em, { name: JobName.ReflectionFanout, payload: { assignmentId: row.id } });
      return { id: row.id, status: 'dispatching' as const };
    });
  }

  async list(user: AuthUser, q: { status?: AssignmentStatus; limit: number; offset: number }): Promise<Page<AssignmentView>> {
    const scope = await this.access.readableScope(user, 2);
    const where = `${scope.sql} AND ($1::text IS NULL OR a.status = $1)`;
    const params = [q.status ?? null, ...scope.params];
    const n = params.length;
    const [rows, [{ total }]]: [AssignmentRow[], { total: number }[]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${ASSIGNMENT_COLUMNS} FROM reflection_assignments a
          WHERE ${where} ORDER BY a.created_at DESC, a.id LIMIT $${n + 1} OFFSET $${n + 2}`,
        [...params, q.limit, q.offset],
      ),
      this.dataSource.query(`SELECT count(*)::int AS total FROM reflection_assignments a WHERE ${where}`, params),
    ]);
    const counts = await this.countsOf(rows.map((r) => r.id), await this.access.taskUnitScope(user));
    return { items: rows.map((r) => toAssignmentView(r, counts.get(r.id))), total };
  }

  /** One assignment; its counts cover the tasks the caller may read (an organiser: their units' people). */
  async get(user: AuthUser, id: string): Promise<AssignmentView> {
    const row = await this.readable(user, id);
    return toAssignmentView(row, (await this.countsOf([id], await this.access.taskUnitScope(user))).get(id));
  }

  async tasks(
    user: AuthUser,
    id: string,
    q: { status?: TaskStatus; warning?: Warning; limit: number; offset: number },
  ): Promise<Page<TaskView>> {
    await this.readable(user, id);
    // Only the tasks of people the caller may read: an organiser sees their units' people, nobody else's.
    const units = await this.access.taskUnitScope(user);
    const params: unknown[] = [id, q.status ?? null];
    const mine = units === 'all' ? '' : ` AND u.unit_id = ANY($${params.push(units)}::uuid[])`;
    const where = `t.assignment_id = $1 AND ($2::text IS NULL OR t.status = $2)${mine}${q.warning ? ` AND ${warningFilterSql(q.warning)}` : ''}`;
    const n = params.length;
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${TASK_COLUMNS} FROM ${TASK_FROM} WHERE ${where} ORDER BY u.display_name, t.user_id LIMIT $${n + 1} OFFSET $${n + 2}`,
        [...params, q.limit, q.offset],
      ),
      this.dataSource.query(`SELECT count(*)::int AS total FROM ${TASK_FROM} WHERE ${where}`, params),
    ]);
    return { items: rows.map((r: TaskRow) => toTaskView(r, user.id)), total };
  }

  /**
   * No more submissions or drafts. Closing a closed assignment is a no-op; one still dispatching is 409.
   * Needs the creator, an organiser of every audience unit (and every task owner's unit) or an admin:
   * 404 when the caller cannot read the assignment, 403 when they read it but may not close it.
   */
  async close(user: AuthUser, id: string): Promise<AssignmentView> {
    const row = await this.readable(user, id);
    if (!(await this.access.closesAssignment(user, row)))
      throw new ForbiddenError('closing needs the creator, an organiser of every audience unit, or an admin');
    if (row.status === 'dispatching') throw new ConflictError('the assignment is still being dispatched; close it once it is open');
    await this.dataSource.query(`UPDATE reflection_assignments SET status = 'closed', closed_at = now() WHERE id = $1 AND status = 'open'`, [id]);
    return this.get(user, id);
  }

  /** The assignment if the caller may read it, else 404. */
  async readable(user: AuthUser, id: string): Promise<AssignmentRow> {
    const [row]: AssignmentRow[] = await this.dataSource.query(`SELECT ${ASSIGNMENT_COLUMNS} FROM reflection_assignments a WHERE a.id = $1`, [id]);
    if (!row || !(await this.access.readsAssignment(user, row))) throw new NotFoundError('assignment');
    return row;
  }

  private async countsOf(ids: string[], units: TaskUnitScope): Promise<Map<string, AssignmentCounts>> {
    if (ids.length === 0) return new Map();
    const rows: (AssignmentCounts & { assignment_id: string })[] =
      units === 'all' ? await this.dataSource.query(countsSql(false), [ids]) : await this.dataSource.query(countsSql(true), [ids, units]);
    return new Map(rows.map(({ assignment_id, ...c }) => [assignment_id, c]));
  }
}
