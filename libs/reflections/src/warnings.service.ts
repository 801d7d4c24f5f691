import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { ORG_TIME_SQL_FORMAT } from '@qf/common';
import { Env } from '@qf/config';
import { NotifyOnceTable, notifyOnceSql } from '@qf/deadlines';
import { NotificationsService } from '@qf/notifications';
import { DataSource } from 'typeorm';
import { TASK_DEADLINE } from './warning';

const BATCH = 10_000;

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
    // $3: ORG_TIMEZONE; the key names the due time, so an extension gets its own reminders.
    body: `'截止时间：' || to_char(due_at AT TIME ZONE $3, '${ORG_TIME_SQL_FORMAT}')`,
    link: `'/reflection-tasks/' || id`,
    id: `id || ':' || floor(extract(epoch FROM due_at))::bigint`,
  },
};
const DIGEST_NAMES = 50;

/**
 * The scheduled half of 三色预警 (the colours themselves are computed on read): notifies each owner
 * once as their task turns yellow (`reflection_due_soon`) and once as it turns red
 * (`reflection_overdue`), and each assignment's organiser once with the list of red tasks. "Once"
 * holds across retries and several workers through the notifications' unique (event_key, user)
 * key, which names the due time (`reflection_due_soon:<task>:<due epoch s>`): an extension resets
 * the warned_* flags (which only keep the sweep small) and the new due time gets its own reminders.
 * Due times are printed as people read them: `YYYY-MM-DD HH:mm` in ORG_TIMEZONE.
 */
@Injectable()
export class ReflectionWarningsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly config: ConfigService<Env, true>,
  ) {}

  async run(): Promise<{ dueSoon: number; overdue: number; digests: number }> {
    const overdue = await this.sweep('red');
    const dueSoon = await this.sweep('yellow');
    const digests = await this.digests();
    return { dueSoon, overdue, digests };
  }

  /** Flags and notifies, in batches, the open tasks that reached the colour and were not yet told. */
  private async sweep(colour: 'yellow' | 'red'): Promise<number> {
    const kind = colour === 'red' ? 'reflection_overdue' : 'reflection_due_soon';
    const title = colour === 'red' ? `心得体会已逾期：` : `心得体会即将到期：`;
    let total = 0;
    for (;;) {
      const [{ n }]: { n: number }[] = await this.dataSource.query(notifyOnceSql(TASK_WARNINGS, colour, BATCH), [
        kind,
        title,
        this.config.get('ORG_TIMEZONE', { infer: true }),
      ]);
      total += n;
      if (n < BATCH) return total;
    }
  }

  /** Once per assignment past its due time: the organiser gets the list of red tasks. */
  private async digests(): Promise<number> {
    const due: { id: string; title: string; created_by: string }[] = await this.dataSource.query(
      `SELECT id, title, created_by FROM reflection_assignments WHERE status = 'open' AND red_digest_sent_at IS NULL AND due_at < now()`,
    );
    let sent = 0;
    for (const a of due) {
      await this.dataSource.transaction(async (em) => {
        const [locked] = await em.query(
          `SELECT 1 FROM reflection_assignments WHERE id = $1 AND red_digest_sent_at IS NULL FOR UPDATE SKIP LOCKED`,
          [a.id],
        );
        if (!locked) return;
        const red: { display_name: string; total: number }[] = await em.query(
          `SELECT u.display_name, count(*) OVER ()::int AS total
             FROM reflection_tasks t JOIN users u ON u.id = t.user_id
            WHERE t.assignment_id = $1 AND t.status IN ('assigned', 'draft', 'returned') AND t.due_at < now()
            ORDER BY u.display_name LIMIT ${DIGEST_NAMES}`,
          [a.id],
        );
        if (red.length === 0) return;
        const total = red[0].total;
        const names = red.map((r) => r.display_name).join('、') + (total > red.length ? ` 等 ${total} 人` : '');
        await this.notifications.notifyUsers(
          em,
          {
            eventKey: `reflection_red_digest:${a.id}`,
            kind: 'reflection_red_digest',
            title: `心得体会逾期未交 ${total} 人：${a.title}`,
            body: names,
            link: `/reflections/assignments/${a.id}/tasks?warning=red`,
          },
          [a.created_by],
        );
        await em.query(`UPDATE reflection_assignments SET red_digest_sent_at = now() WHERE id = $1`, [a.id]);
        sent++;
      });
    }
    return sent;
  }
}
