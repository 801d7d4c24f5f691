import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Env } from '@qf/config';
import { RectificationCampaignsService } from './rectification-campaigns.service';
import { SupervisionItemRepository } from './supervision-item.repository';

const BATCH = 10_000;

/**
 * The scheduled half of the items' 三色预警 (colours are computed on read): each owner is notified
 * once as an item turns yellow (`supervision_due_soon`) and once as it turns red
 * (`supervision_overdue`), by the deadline engine's notify-once sweep. An approved extension clears
 * the flags: the new due time may warn again.
 */
@Injectable()
export class SupervisionWarningsService {
  constructor(
    private readonly items: SupervisionItemRepository,
    private readonly config: ConfigService<Env, true>,
    private readonly campaigns: RectificationCampaignsService,
  ) {}

  /** Items' yellow and red notifications, and the campaigns' filing reminders. */
  async run(): Promise<{ dueSoon: number; overdue: number; filingReminders: number }> {
    const overdue = await this.sweep('red');
    const dueSoon = await this.sweep('yellow');
    const filingReminders = await this.campaigns.remindNonFilers();
    return { dueSoon, overdue, filingReminders };
  }

  private async sweep(colour: 'yellow' | 'red'): Promise<number> {
    const kind = colour === 'red' ? 'supervision_overdue' : 'supervision_due_soon';
    const title = colour === 'red' ? '督办事项已逾期：' : '督办事项即将到期：';
    const zone = this.config.get('ORG_TIMEZONE', { infer: true });
    let total = 0;
    for (;;) {
      const n = await this.items.sweepWarnings(colour, kind, title, zone, BATCH);
      total += n;
      if (n < BATCH) return total;
    }
  }
}
