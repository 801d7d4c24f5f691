import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ConfigService } from '@nestjs/config';
import { AuthUser, BadInputError, ConflictError, countChars, ForbiddenError, formatOrgTime, NotFoundError, Page, TooManyRequestsError } from '@qf/common';
import { Env } from '@qf/config';
import { NotificationsService } from '@qf/notifications';
import { JobName, OutboxService } from '@qf/queue';
import { DataSource, EntityManager } from 'typeorm';
import { MAX_CHARS } from './assignments.service';
import { ReflectionAccess } from './reflection-access';
import { TASK_COLUMNS, TASK_FROM, TaskRow, TaskStatus, TaskView, toTaskView } from './reflection-views';

const WRITABLE: TaskStatus[] = ['assigned', 'draft', 'returned'];
const SUBMITTABLE: TaskStatus[] = ['assigned', 'draft', 'submitted', 'returned'];
/**
 * Accepted submissions of one task per minute (fixed window, counted under the task's row lock, in
 * PostgreSQL so it holds with Redis down): the 6th within a minute is 429. Enough to fix a typo or
 * two, too few to keep editing an essay until its similarity score drops.
 */
export const SUBMISSIONS_PER_TASK_PER_MINUTE = 5;

interface LockedTask {
  id: string;
  user_id: string;
  status: TaskStatus;
  due_at: Date;
  submission_version: number;
  assignment_id: string;
  assignment_status: string;
  assignment_due_at: Date;
  min_chars: number;
  title: string;
  /** The unit of the task's owner (the person), which scopes every organiser's access. */
  person_unit_id: string;
  /** Accepted submissions in the current rate-limit window. */
  submits_in_window: number;
}

/** A member's reflection tasks: drafts, submission (committed before the response), review, extension. */
@Injectable()
export class TasksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly notifications: NotificationsService,
    private readonly access: ReflectionAccess,
    private readonly config: ConfigService<Env, true>,
  ) {}

  async mine(user: AuthUser, q: { status?: TaskStatus; limit: number; offset: number }): Promise<Page<TaskView>> {
    const where = `t.user_id = $1 AND ($2::text IS NULL OR t.status = $2)`;
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(`SELECT ${TASK_COLUMNS} FROM ${TASK_FROM} WHERE ${where} ORDER BY t.due_at, t.id LIMIT $3 OFFSET $4`, [
        user.id,
        q.status ?? null,
        q.limit,
        q.offset,
      ]),
      this.dataSource.query(`SELECT count(*)::int AS total FROM reflection_tasks t WHERE ${where}`, [user.id, q.status ?? null]),
    ]);
    return { items: rows.map((r: TaskRow) => toTaskView(r, user.id)), total };
  }

  /**
   * The task for its owner (without similarity), an organiser of the owner's unit, an auditor or an
   * admin; else 404. The assignment does not matter: an organiser of another audience unit gets 404.
   */
  async get(user: AuthUser, id: string): Promise<TaskView> {
    const [row]: (TaskRow & { personUnitId: string })[] = await this.dataSource.query(
      `SELECT ${TASK_COLUMNS}, u.unit_id AS "personUnitId" FROM ${TASK_FROM} WHERE t.id = $1`,
      [id],
    );
    if (!row) throw new NotFoundError('reflection task');
    if (row.userId !== user.id && !(await this.access.readsTaskOf(user, row.personUnitId))) throw new NotFoundError('reflection task');
    const { personUnitId: _p, ...task } = row;
    return toTaskView(task, user.id);
  }

  async saveDraft(user: AuthUser, id: string, body: string): Promise<TaskView> {
    await this.dataSource.transaction(async (em) => {
      const t = await this.lockOwn(em, user, id);
      if (t.assignment_status !== 'open') throw new ConflictError(`the assignment is ${t.assignment_status}`);
      if (!WRITABLE.includes(t.status)) throw new ConflictError(`a ${t.status} task cannot take a draft`);
      const counted = countChars(body);
      if (counted > MAX_CHARS) throw new BadInputError(`body may have at most ${MAX_CHARS} 字, counted ${counted}`);
      await em.query(`UPDATE reflection_tasks SET body = $2, char_count = $3, status = 'draft', updated_at = now() WHERE id = $1`, [id, body, counted]);
    });
    return this.get(user, id);
  }

  /**
   * Stores the submission and its collection job (outbox) in one PostgreSQL transaction before
   * answering; Redis is not involved, so this works while Redis is down.
   */
  async submit(user: AuthUser, id: string, body: string): Promise<TaskView> {
    await this.dataSource.transaction(async (em) => {
      const t = await this.lockOwn(em, user, id);
      if (t.assignment_status !== 'open') throw new ConflictError(`the assignment is ${t.assignment_status}: no more submissions`);
      if (!SUBMITTABLE.includes(t.status)) throw new ConflictError(`an ${t.status} task cannot be resubmitted`);
      const counted = countChars(body);
      if (counted < t.min_chars) throw new BadInputError(`body requires ${t.min_chars} 字, counted ${counted}`);
      if (counted > MAX_CHARS) throw new BadInputError(`body may have at most ${MAX_CHARS} 字, counted ${counted}`);
      if (t.submits_in_window >= SUBMISSIONS_PER_TASK_PER_MINUTE)
        throw new TooManyRequestsError(`at most ${SUBMISSIONS_PER_TASK_PER_MINUTE} submissions of a reflection per minute; try again shortly`);
      const [row]: { submission_version: number }[] = await em.query(
        `WITH submitted AS (
           UPDATE reflection_tasks SET body = $2, char_count = $3, status = 'submitted', submitted_at = now(), late = now() > due_at,
                  submission_version = submission_version + 1, similarity_score = NULL, similar_task_id = NULL,
                  review_comment = NULL, updated_at = now(),
                  submit_window_count = CASE WHEN submit_window_at > now() - interval '1 minute' THEN submit_window_count + 1 ELSE 1 END,
                  submit_window_at = CASE WHEN submit_window_at > now() - interval '1 minute' THEN submit_window_at ELSE now() END
            WHERE id = $1 RETURNING submission_version)
         SELECT submission_version FROM submitted`,
        [id, body, counted],
      );
      await this.outbox.add(em, { name: JobName.ReflectionCollect, payload: { taskId: id, version: row.submission_version } });
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
    await this.dataSource.transaction(async (em) => {
      const t = await this.lockManaged(em, user, id, 'review');
      if (t.status !== 'submitted') throw new ConflictError(`only a submitted reflection can be reviewed; this one is ${t.status}`);
      const status = decision === 'approve' ? 'approved' : 'returned';
      await em.query(
        `UPDATE reflection_tasks SET status = $2, review_comment = $3, reviewed_by = $4, reviewed_at = now(), updated_at = now() WHERE id = $1`,
        [id, status, note || null, user.id],
      );
      await this.notifications.notifyUsers(
        em,
        {
          eventKey: `reflection_reviewed:${id}:${t.submission_version}`,
          kind: 'reflection_reviewed',
          title: decision === 'approve' ? `心得体会已通过：${t.title}` : `心得体会被退回修改：${t.title}`,
          body: note,
          link: `/reflection-tasks/${id}`,
        },
        [t.user_id],
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
    await this.dataSource.transaction(async (em) => {
      const t = await this.lockManaged(em, user, id, 'extend');
      if (!(dueAt.getTime() > new Date(t.assignment_due_at).getTime()))
        throw new BadInputError(
          `dueAt must be later than the assignment's due time ${formatOrgTime(t.assignment_due_at, this.config.get('ORG_TIMEZONE', { infer: true }))}`,
        );
      if (t.status === 'approved') throw new ConflictError('an approved reflection needs no extension');
      await em.query(
        `UPDATE reflection_tasks SET due_at = $2, extended = true, warned_yellow = false, warned_red = false, updated_at = now() WHERE id = $1`,
        [id, dueAt],
      );
    });
    return this.get(user, id);
  }

  private async lock(em: EntityManager, id: string): Promise<LockedTask | undefined> {
    const [t]: LockedTask[] = await em.query(
      `SELECT t.id, t.user_id, t.status, t.due_at, t.submission_version, t.assignment_id, a.status AS assignment_status,
              a.due_at AS assignment_due_at, a.min_chars, a.title, u.unit_id AS person_unit_id,
              CASE WHEN t.submit_window_at > now() - interval '1 minute' THEN t.submit_window_count ELSE 0 END AS submits_in_window
         FROM reflection_tasks t JOIN reflection_assignments a ON a.id = t.assignment_id JOIN users u ON u.id = t.user_id
        WHERE t.id = $1 FOR UPDATE OF t`,
      [id],
    );
    return t;
  }

  /** The caller's own task, locked: 404 if they cannot see it, 403 if they may read but not write it. */
  private async lockOwn(em: EntityManager, user: AuthUser, id: string): Promise<LockedTask> {
    const t = await this.lock(em, id);
    if (t && t.user_id === user.id) return t;
    if (t && (await this.access.readsTaskOf(user, t.person_unit_id))) throw new ForbiddenError('only the owner writes a reflection');
    throw new NotFoundError('reflection task');
  }

  /**
   * A task of a person of the caller's units (admins: any), locked: 404 if they cannot see it, 403 if
   * they only read it (auditor) or it is their own (nobody but an admin approves themselves).
   */
  private async lockManaged(em: EntityManager, user: AuthUser, id: string, action: 'review' | 'extend'): Promise<LockedTask> {
    const t = await this.lock(em, id);
    if (!t || (t.user_id !== user.id && !(await this.access.readsTaskOf(user, t.person_unit_id)))) throw new NotFoundError('reflection task');
    if (!(await this.access.managesTaskOf(user, t.person_unit_id))) throw new ForbiddenError('you do not manage this person’s reflection');
    this.access.assertNotOwnTask(user, t.user_id, action);
    return t;
  }
}
