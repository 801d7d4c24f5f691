import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { formatOrgTime } from '@qf/common';
import { Env } from '@qf/config';
import { peopleOfUnit } from '@qf/identity';
import { NotificationsService } from '@qf/notifications';
import { DataSource, EntityManager } from 'typeorm';
import { AssignmentRow } from './reflection-views';

const ZERO_UUID = '00000000-0000-0000-0000-000000000000';

interface FanoutRow extends AssignmentRow {
  fanout_cursor: string | null;
}

/**
 * The SQL of one chunk of an assignment's audience: the union of the audience units' people, the
 * named active users and the session's records with the given statuses, de-duplicated, in user id
 * order after `$2` (the cursor), at most `$3` people. `$1` is the assignment id.
 */
export function audienceChunkSql(a: FanoutRow, cursor: string, chunk: number): { sql: string; params: unknown[] } {
  const params: unknown[] = [a.id, cursor, chunk];
  const bind = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const parts: string[] = [];
  for (const unitId of a.audience_unit_ids) {
    parts.push(`SELECT p.id AS user_id FROM (${peopleOfUnit(`${bind(unitId)}::uuid`)}) p WHERE p.id > $2::uuid ORDER BY p.id LIMIT $3`);
  }
  if (a.audience_user_ids.length) {
    parts.push(`SELECT u.id AS user_id FROM users u WHERE u.id = ANY(${bind(a.audience_user_ids)}::uuid[]) AND u.active AND u.id > $2::uuid`);
  }
  if (a.audience_session_id) {
    parts.push(
      `SELECT ar.user_id FROM attendance_records ar JOIN users u ON u.id = ar.user_id
        WHERE ar.session_id = ${bind(a.audience_session_id)}::uuid AND ar.status = ANY(${bind(a.audience_statuses)}::text[])
          AND u.active AND ar.user_id > $2::uuid ORDER BY ar.user_id LIMIT $3`,
    );
  }
  if (parts.length === 0) parts.push(`SELECT NULL::uuid AS user_id WHERE false`);
  return { sql: `SELECT user_id FROM (${parts.map((p) => `(${p})`).join(' UNION ')}) x ORDER BY user_id LIMIT $3`, params };
}

/**
 * Creates an assignment's tasks and `reflection_assigned` notifications, set-based, about
 * REFLECTION_FANOUT_CHUNK people per transaction, walking the audience in user id order. The
 * cursor is committed with each chunk, so a crash resumes where it stopped; unique keys make a
 * repeated chunk (two workers, a retry) harmless. Opens the assignment when done.
 */
@Injectable()
export class ReflectionFanoutService implements OnModuleDestroy {
  private readonly logger = new Logger(ReflectionFanoutService.name);
  private stopping = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly config: ConfigService<Env, true>,
  ) {}

  onModuleDestroy(): void {
    // Shutting down: stop between chunks; the job fails and is retried (or re-derived) later.
    this.stopping = true;
  }

  async fanOut(assignmentId: string, chunk = this.config.get('REFLECTION_FANOUT_CHUNK', { infer: true })): Promise<{ people: number }> {
    const pauseMs = this.config.get('REFLECTION_FANOUT_PAUSE_MS', { infer: true });
    let people = 0;
    for (;;) {
      if (this.stopping) throw new Error(`fan-out of ${assignmentId} interrupted by shutdown; it resumes from its cursor`);
      const step = await this.dataSource.transaction((em) => this.fanOutChunk(em, assignmentId, chunk));
      people += step.people;
      if (step.done) return { people };
      if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
    }
  }

  /** One chunk in the caller's transaction; the assignment row lock serialises concurrent workers. */
  async fanOutChunk(em: EntityManager, assignmentId: string, chunk: number): Promise<{ people: number; done: boolean }> {
    const [a]: FanoutRow[] = await em.query(
      `SELECT id, title, prompt, due_at, status, audience_unit_ids, audience_user_ids, audience_session_id, audience_statuses, fanout_cursor
         FROM reflection_assignments WHERE id = $1 FOR UPDATE`,
      [assignmentId],
    );
    if (!a || a.status !== 'dispatching') return { people: 0, done: true };
    const cursor = a.fanout_cursor ?? ZERO_UUID;
    const audience = audienceChunkSql(a, cursor, chunk);
    const dueParam = audience.params.length + 1;
    const [step]: { n: number; last: string | null }[] = await em.query(
      `WITH chunk AS (${audience.sql}),
            created AS (
              INSERT INTO reflection_tasks (assignment_id, user_id, due_at)
              SELECT $1, user_id, $${dueParam}::timestamptz FROM chunk
              ON CONFLICT (assignment_id, user_id) DO NOTHING)
       SELECT (SELECT count(*)::int FROM chunk) AS n, (SELECT user_id FROM chunk ORDER BY user_id DESC LIMIT 1) AS last`,
      [...audience.params, a.due_at],
    );
    if (step.n > 0) {
      await this.notifications.notifyQuery(
        em,
        {
          eventKey: `reflection_assigned:${a.id}`,
          kind: 'reflection_assigned',
          title: `请撰写心得体会：${a.title}`,
          body: `${a.prompt ? `${a.prompt.slice(0, 200)}\n` : ''}截止时间：${formatOrgTime(a.due_at, this.config.get('ORG_TIMEZONE', { infer: true }))}`,
          link: `/me/reflection-tasks`,
        },
        `SELECT user_id FROM reflection_tasks WHERE assignment_id = $1 AND user_id > $2::uuid AND user_id <= $3::uuid`,
        [a.id, cursor, step.last],
      );
      await em.query(`UPDATE reflection_assignments SET fanout_cursor = $2 WHERE id = $1`, [a.id, step.last]);
    }
    if (step.n < chunk) {
      await em.query(`UPDATE reflection_assignments SET status = 'open', opened_at = now() WHERE id = $1`, [a.id]);
      this.logger.log(`assignment ${a.id} is open`);
      return { people: step.n, done: true };
    }
    return { people: step.n, done: false };
  }
}
