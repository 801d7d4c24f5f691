import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { Env } from '@qf/config';
import { digestWeek, nextSlot, slotOfWeek } from '@qf/deadlines';
import { JobName, OutboxService, PendingWork, PendingWorkSource } from '@qf/queue';
import { DataSource, EntityManager } from 'typeorm';
import { UNACKNOWLEDGED_SQL } from './supervision-item.repository';

/** A digest missed by less than this (worker down at 09:00) still goes out that week. */
const CATCH_UP_MS = 24 * 3_600_000;

/**
 * The weekly digest (`supervision_digest`, Monday 09:00 in ORG_TIMEZONE): each supervisor gets one
 * notification counting their open items that are overdue or unacknowledged. Scheduled through the
 * outbox (job id per week) and re-derived by the reconciler, so it survives a Redis flush; sent once
 * per week because the week's row in supervision_digest_runs is claimed in the same transaction as
 * the notifications (and notifications are unique per event and person).
 */
@Injectable()
@PendingWorkSource()
export class SupervisionDigestService implements PendingWork {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly config: ConfigService<Env, true>,
  ) {}

  private get zone(): string {
    return this.config.get('ORG_TIMEZONE', { infer: true });
  }

  /** The next Monday's digest; this week's too if its slot passed less than a day ago and it has not run. */
  async enqueuePendingWork(now = new Date()): Promise<void> {
    const next = nextSlot(now, this.zone);
    await this.schedule(undefined, next);
    const thisWeek = slotOfWeek(now, this.zone);
    if (thisWeek <= now && now.getTime() - thisWeek.getTime() < CATCH_UP_MS) {
      const week = digestWeek(thisWeek, this.zone);
      const [ran] = await this.dataSource.query(`SELECT 1 FROM supervision_digest_runs WHERE week = $1::date`, [week]);
      if (!ran) await this.schedule(undefined, thisWeek);
    }
  }

  private schedule(em: EntityManager | undefined, slot: Date): Promise<void> {
    return this.outbox.add(em, { name: JobName.SupervisionDigest, payload: { week: digestWeek(slot, this.zone) } }, slot);
  }

  /** Sends the digest of `week` (its local Monday) unless it was sent; returns how many supervisors got one. */
  async send(week: string): Promise<{ sent: number; already: boolean }> {
    return this.dataSource.transaction(async (em) => {
      const claimed = await em.query(`INSERT INTO supervision_digest_runs (week) VALUES ($1::date) ON CONFLICT DO NOTHING RETURNING week`, [week]);
      if (claimed.length === 0) return { sent: 0, already: true };
      const rows: { n: number }[] = await em.query(
        `WITH per AS (
           SELECT i.supervisor_id,
                  count(*) FILTER (WHERE i.due_at < now())::int AS overdue,
                  count(*) FILTER (WHERE ${UNACKNOWLEDGED_SQL} AND i.status = 'assigned')::int AS unack
             FROM supervision_items i
            WHERE i.status <> 'closed' AND (i.due_at < now() OR (${UNACKNOWLEDGED_SQL} AND i.status = 'assigned'))
            GROUP BY i.supervisor_id),
         sent AS (
           INSERT INTO notifications (user_id, kind, title, body, link, event_key)
           SELECT supervisor_id, 'supervision_digest', '督办周报（' || $1 || '）：逾期 ' || overdue || ' 项，未签收 ' || unack || ' 项',
                  '逾期未办结 ' || overdue || ' 项；超过一个工作日未签收 ' || unack || ' 项。',
                  '/supervision/items?warning=red', 'supervision_digest:' || $1
             FROM per
           ON CONFLICT (event_key, user_id) DO NOTHING
           RETURNING 1)
         SELECT count(*)::int AS n FROM sent`,
        [week],
      );
      const sent = rows[0].n;
      await em.query(`UPDATE supervision_digest_runs SET recipients = $2 WHERE week = $1::date`, [week, sent]);
      // The following week's run, in the same transaction.
      await this.schedule(em, nextSlot(slotOfWeek(new Date(`${week}T12:00:00Z`), this.zone), this.zone));
      return { sent, already: false };
    });
  }
}
