import { Injectable } from '@nestjs/common';
import { ATTENDANCE_STATUSES, AttendanceStatus } from '@qf/attendance';
import { AuthUser, BadInputError, ConflictError, ForbiddenError, NotFoundError, Page } from '@qf/common';
import { AccessPolicy, UnitRepository, UserRepository } from '@qf/identity';
import { JobName, OutboxService } from '@qf/queue';
import { ReflectionAccess } from './reflection-access';
import { AssignmentRow, AssignmentStatus, AssignmentView, TaskStatus, TaskView, toAssignmentView, toTaskView } from './reflection-views';
import { ReflectionRepository } from './reflection.repository';
import { DEFAULT_THRESHOLDS, Warning, WarningThresholds } from './warning';

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
    private readonly repo: ReflectionRepository,
    private readonly units: UnitRepository,
    private readonly users: UserRepository,
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
      const found = new Set(await this.units.existingIds(unitIds));
      const missing = unitIds.filter((id) => !found.has(id));
      if (missing.length) throw new BadInputError(`audience.unitIds: unknown unit(s) ${missing.join(', ')}`);
      for (const id of unitIds) mustManage(id, `unit ${id}`);
    }
    if (userIds.length) {
      const found = await this.users.activeUnitsOf(userIds);
      const missing = userIds.filter((id) => !found.some((f) => f.id === id));
      if (missing.length) throw new BadInputError(`audience.userIds: unknown or inactive user(s) ${missing.join(', ')}`);
      for (const u of found) mustManage(u.unitId, `the unit of user ${u.id}`);
    }
    for (const [field, sessionId] of [
      ['audience.sessionId', audienceSessionId],
      ['sessionId', input.sessionId ?? null],
    ] as const) {
      if (!sessionId) continue;
      const unitId = await this.repo.sessionUnitId(sessionId);
      if (!unitId) throw new BadInputError(`${field}: unknown session ${sessionId}`);
      mustManage(unitId, `the unit of session ${sessionId}`);
    }

    return this.repo.transaction(async (em) => {
      const id = await this.repo.insertAssignment(em, {
        title: input.title.trim(),
        prompt: input.prompt ?? '',
        sessionId: input.sessionId ?? audienceSessionId,
        ownerUnitId: user.unitId,
        audienceUnitIds: unitIds,
        audienceUserIds: userIds,
        audienceSessionId,
        audienceStatuses: statuses,
        minChars,
        dueAt,
        warnYellow: t.yellow,
        warnOrange: t.orange,
        createdBy: user.id,
      });
      await this.outbox.add(em, { name: JobName.ReflectionFanout, payload: { assignmentId: id } });
      return { id, status: 'dispatching' as const };
    });
  }
  async list(user: AuthUser, q: { status?: AssignmentStatus; limit: number; offset: number }): Promise<Page<AssignmentView>> {
    const units = await this.access.taskUnitScope(user);
    const { items, total } = await this.repo.assignmentPage(units, q);
    const counts = await this.repo.countsOf(items.map((r) => r.id), units);
    return { items: items.map((r) => toAssignmentView(r, counts.get(r.id))), total };
  }

  /** One assignment; its counts cover the tasks the caller may read (an organiser: their units' people). */
  async get(user: AuthUser, id: string): Promise<AssignmentView> {
    const row = await this.readable(user, id);
    return toAssignmentView(row, (await this.repo.countsOf([id], await this.access.taskUnitScope(user))).get(id));
  }

  async tasks(
    user: AuthUser,
    id: string,
    q: { status?: TaskStatus; warning?: Warning; limit: number; offset: number },
  ): Promise<Page<TaskView>> {
    await this.readable(user, id);
    // Only the tasks of people the caller may read: an organiser sees their units' people, nobody else's.
    const units = await this.access.taskUnitScope(user);
    const { items, total } = await this.repo.taskPageOfAssignment(id, { ...q, units });
    return { items: items.map((r) => toTaskView(r, user.id)), total };
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
    await this.repo.closeAssignment(id);
    return this.get(user, id);
  }

  /** The assignment if the caller may read it, else 404. */
  async readable(user: AuthUser, id: string): Promise<AssignmentRow> {
    const row = await this.repo.findAssignment(id);
    if (!row || !(await this.access.readsAssignment(user, row))) throw new NotFoundError('assignment');
    return row;
  }
}
