import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Env } from '@qf/config';
import { NotificationsService } from '@qf/notifications';
import { ReflectionRepository } from './reflection.repository';

const BATCH = 10_000;
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
    private readonly repo: ReflectionRepository,
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
      const n = await this.repo.warnBatch(colour, kind, title, this.config.get('ORG_TIMEZONE', { infer: true }), BATCH);
      total += n;
      if (n < BATCH) return total;
    }
  }

  /** Once per assignment past its due time: the organiser gets the list of red tasks. */
  private async digests(): Promise<number> {
    const due = await this.repo.digestsDue();
    let sent = 0;
    for (const a of due) {
      await this.repo.transaction(async (em) => {
        if (!(await this.repo.lockForDigest(em, a.id))) return;
        const red = await this.repo.redTaskOwners(em, a.id, DIGEST_NAMES);
        if (red.length === 0) return;
        const total = red[0].total;
        const names = red.map((r) => r.displayName).join('、') + (total > red.length ? ` 等 ${total} 人` : '');
        await this.notifications.notifyUsers(
          em,
          {
            eventKey: `reflection_red_digest:${a.id}`,
            kind: 'reflection_red_digest',
            title: `心得体会逾期未交 ${total} 人：${a.title}`,
            body: names,
            link: `/reflections/assignments/${a.id}/tasks?warning=red`,
          },
          [a.createdBy],
        );
        await this.repo.markDigestSent(em, a.id);
        sent++;
      });
    }
    return sent;
  }
}
