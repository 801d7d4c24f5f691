import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AuthUser, BadInputError, ConflictError, countChars, ForbiddenError, formatOrgTime, NotFoundError, Page, TooManyRequestsError } from '@qf/common';
import { Env } from '@qf/config';
import { NotificationsService } from '@qf/notifications';
import { JobName, OutboxService } from '@qf/queue';
import type { EntityManager } from 'typeorm';
import { MAX_CHARS } from './assignments.service';
import { ReflectionAccess } from './reflection-access';
import { TaskStatus, TaskView, toTaskView } from './reflection-views';
import { LockedTask, ReflectionRepository } from './reflection.repository';

const WRITABLE: TaskStatus[] = ['assigned', 'draft', 'returned'];
const SUBMITTABLE: TaskStatus[] = ['assigned', 'draft', 'submitted', 'returned'];
/**
 * Accepted submissions of one task per minute (fixed window, counted under the task's row lock, in
 * PostgreSQL so it holds with Redis down): the 6th within a minute is 429. Enough to fix a typo or
 * two, too few to keep editing an essay until its similarity score drops.
 */
export const SUBMISSIONS_PER_TASK_PER_MINUTE = 5;

/** A member's reflection tasks: drafts, submission (committed before the response), review, extension. */
@Injectable()
export class TasksService {
  constructor(
    private readonly repo: ReflectionRepository,
    private readonly outbox: OutboxService,
    private readonly notifications: NotificationsService,
    private readonly access: ReflectionAccess,
    private readonly config: ConfigService<Env, true>,
  ) {}

  async mine(user: AuthUser, q: { status?: TaskStatus; limit: number; offset: number }): Promise<Page<TaskView>> {
    const { items, total } = await this.repo.ownTaskPage(user.id, q);
    return { items: items.map((r) => toTaskView(r, user.id)), total };
  }

  /**
   * The task for its owner (without similarity), an organiser of the owner's unit, an auditor or an
   * admin; else 404. The assignment does not matter: an organiser of another audience unit gets 404.
   */
  async get(user: AuthUser, id: string): Promise<TaskView> {
    const row = await this.repo.findTask(id);
    if (!row) throw new NotFoundError('reflection task');
    if (row.userId !== user.id && !(await this.access.readsTaskOf(user, row.personUnitId))) throw new NotFoundError('reflection task');
    const { personUnitId: _p, ...task } = row;
    return toTaskView(task, user.id);
  }

  async saveDraft(user: AuthUser, id: string, body: string): Promise<TaskView> {
    await this.repo.transaction(async (em) => {
      const t = await this.lockOwn(em, user, id);
      if (t.assignmentStatus !== 'open') throw new ConflictError(`the assignment is ${t.assignmentStatus}`);
      if (!WRITABLE.includes(t.status)) throw new ConflictError(`a ${t.status} task cannot take a draft`);
      const counted = countChars(body);
      if (counted > MAX_CHARS) throw new BadInputError(`body may have at most ${MAX_CHARS} 字, counted ${counted}`);
      await this.repo.saveDraft(em, id, body, counted);
    });
    return this.get(user, id);
  }

  /**
   * Stores the submission and its collection job (outbox) in one PostgreSQL transaction before
   * answering; Redis is not involved, so this works while Redis is down.
   */
  async submit(user: AuthUser, id: string, body: string): Promise<TaskView> {
    await this.repo.transaction(async (em) => {
      const t = await this.lockOwn(em, user, id);
      if (t.assignmentStatus !== 'open') throw new ConflictError(`the assignment is ${t.assignmentStatus}: no more submissions`);
      if (!SUBMITTABLE.includes(t.status)) throw new ConflictError(`an ${t.status} task cannot be resubmitted`);
      const counted = countChars(body);
      if (counted < t.minChars) throw new BadInputError(`body requires ${t.minChars} 字, counted ${counted}`);
      if (counted > MAX_CHARS) throw new BadInputError(`body may have at most ${MAX_CHARS} 字, counted ${counted}`);
      if (t.submitsInWindow >= SUBMISSIONS_PER_TASK_PER_MINUTE)
        throw new TooManyRequestsError(`at most ${SUBMISSIONS_PER_TASK_PER_MINUTE} submissions of a reflection per minute; try again shortly`);
      const version = await this.repo.recordSubmission(em, id, body, counted);
      await this.outbox.add(em, { name: JobName.ReflectionCollect, payload: { taskId: id, version } });
    });
    return this.get(user, id);
  }

  /**
   * Approve or return a submitted task; the owner is notified (once per decision and submission).
   * Organisers of the owner's unit and admins; nobody but an admin reviews their own (403).
   */
  async review(user: AuthUser, id: string, decision: 'approve' | 'return', comment?: string): Promise<TaskView> {
    const note = comment?.trim() ?? '';
    if (decision === 'return' && !note) throw new BadInputError('comment is required to return a reflection');
    await this.repo.transaction(async (em) => {
      const t = await this.lockManaged(em, user, id, 'review');
      if (t.status !== 'submitted') throw new ConflictError(`only a submitted reflection can be reviewed; this one is ${t.status}`);
      const status = decision === 'approve' ? 'approved' : 'returned';
      await this.repo.recordReview(em, id, status, note || null, user.id);
      await this.notifications.notifyUsers(
        em,
        {
          eventKey: `reflection_reviewed:${id}:${t.submissionVersion}`,
          kind: 'reflection_reviewed',
          title: decision === 'approve' ? `心得体会已通过：${t.title}` : `心得体会被退回修改：${t.title}`,
          body: note,
          link: `/reflection-tasks/${id}`,
        },
        [t.userId],
      );
    });
    return this.get(user, id);
  }

  /**
   * A personal due time, later than the assignment's. The task's "already warned" flags are reset, so
   * the new due time gets its own yellow and red reminders. Organisers of the owner's unit and admins;
   * nobody but an admin extends their own (403).
   */
  async extend(user: AuthUser, id: string, dueAt: Date): Promise<TaskView> {
    await this.repo.transaction(async (em) => {
      const t = await this.lockManaged(em, user, id, 'extend');
      if (!(dueAt.getTime() > new Date(t.assignmentDueAt).getTime()))
        throw new BadInputError(
          `dueAt must be later than the assignment's due time ${formatOrgTime(t.assignmentDueAt, this.config.get('ORG_TIMEZONE', { infer: true }))}`,
        );
      if (t.status === 'approved') throw new ConflictError('an approved reflection needs no extension');
      await this.repo.extendDue(em, id, dueAt);
    });
    return this.get(user, id);
  }

  /** The caller's own task, locked: 404 if they cannot see it, 403 if they may read but not write it. */
  private async lockOwn(em: EntityManager, user: AuthUser, id: string): Promise<LockedTask> {
    const t = await this.repo.lockTask(em, id);
    if (t && t.userId === user.id) return t;
    if (t && (await this.access.readsTaskOf(user, t.personUnitId))) throw new ForbiddenError('only the owner writes a reflection');
    throw new NotFoundError('reflection task');
  }

  /**
   * A task of a person of the caller's units (admins: any), locked: 404 if they cannot see it, 403 if
   * they only read it (auditor) or it is their own (nobody but an admin approves themselves).
   */
  private async lockManaged(em: EntityManager, user: AuthUser, id: string, action: 'review' | 'extend'): Promise<LockedTask> {
    const t = await this.repo.lockTask(em, id);
    if (!t || (t.userId !== user.id && !(await this.access.readsTaskOf(user, t.personUnitId)))) throw new NotFoundError('reflection task');
    if (!(await this.access.managesTaskOf(user, t.personUnitId))) throw new ForbiddenError('you do not manage this person’s reflection');
    this.access.assertNotOwnTask(user, t.userId, action);
    return t;
  }
}
