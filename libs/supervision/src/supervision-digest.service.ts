import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { Env } from '@qf/config';
import { digestWeek, nextSlot, slotOfWeek } from '@qf/deadlines';
import { JobName, OutboxService, PendingWork, PendingWorkSource } from '@qf/queue';
import { DataSource, EntityManager } from 'typeorm';
import { SupervisionItemRepository } from './supervision-item.repository';

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
    private readonly items: SupervisionItemRepository,
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
      if (!(await this.items.digestRan(digestWeek(thisWeek, this.zone)))) await this.schedule(undefined, thisWeek);
    }
  }

  private schedule(em: EntityManager | undefined, slot: Date): Promise<void> {
    return this.outbox.add(em, { name: JobName.SupervisionDigest, payload: { week: digestWeek(slot, this.zone) } }, slot);
  }

  /** Sends the digest of `week` (its local Monday) unless it was sent; returns how many supervisors got one. */
  async send(week: string): Promise<{ sent: number; already: boolean }> {
    return this.dataSource.transaction(async (em) => {
      const sent = await this.items.sendDigest(em, week);
      if (sent === undefined) return { sent: 0, already: true };
      // The following week's run, in the same transaction.
      await this.schedule(em, nextSlot(slotOfWeek(new Date(`${week}T12:00:00Z`), this.zone), this.zone));
      return { sent, already: false };
    });
  }
}
