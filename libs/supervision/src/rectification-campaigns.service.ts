import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AuthUser, BadInputError, ConflictError, ForbiddenError, NotFoundError } from '@qf/common';
import { Env } from '@qf/config';
import { AccessPolicy, UnitsService } from '@qf/identity';
import { NotificationsService } from '@qf/notifications';
import { DateTime } from 'luxon';
import { CampaignPersonRow, CampaignRow, CampaignSummaryRow, RectificationCampaignRepository } from './rectification-campaign.repository';
import { SupervisionItemRepository } from './supervision-item.repository';
import { ItemView } from './supervision-kinds';
import { SupervisionService } from './supervision.service';

export const MAX_LIST_ENTRIES = 50;

export interface NewCampaign {
  title: string;
  unitIds: string[];
  listDueAt: Date;
}

export interface ListEntry {
  problem: string;
  measure: string;
  dueAt: Date;
}

export interface CampaignView extends Omit<CampaignRow, 'remindedAt'> {
  /** People (of the caller's scope) who filed their list. */
  filed: number;
  notFiled: { userId: string; displayName: string }[];
  /** The campaign's rectification items (of the caller's scope). */
  items: { open: number; closed: number; overdue: number };
}

/** A campaign in a list, with whether the caller must file and when they did. */
export type CampaignSummary = Omit<CampaignSummaryRow, 'remindedAt'>;

export interface MyList {
  campaignId: string;
  title: string;
  listDueAt: Date;
  filedAt: Date | null;
  /** The caller's entries (rectification items), by due time. */
  items: ItemView[];
}

/**
 * Rectification campaigns (作风巡查问题整改清单): an organiser opens one for units with a filing
 * deadline; each person of those units files their list once, and each entry (problem → measure →
 * due date) becomes a `rectification` item owned by the filer and supervised by the campaign's
 * creator. People who have not filed get one reminder at 30 % of the filing window left.
 */
@Injectable()
export class RectificationCampaignsService {
  constructor(
    private readonly campaigns: RectificationCampaignRepository,
    private readonly items: SupervisionItemRepository,
    private readonly supervision: SupervisionService,
    private readonly access: AccessPolicy,
    private readonly units: UnitsService,
    private readonly notifications: NotificationsService,
    private readonly config: ConfigService<Env, true>,
  ) {}

  async create(caller: AuthUser, input: NewCampaign): Promise<CampaignView> {
    const title = input.title.trim();
    if (!title) throw new BadInputError('title must not be empty');
    if (input.listDueAt.getTime() <= Date.now()) throw new BadInputError('listDueAt must be in the future');
    const unitIds = [...new Set(input.unitIds)];
    if ((await this.units.missingIds(unitIds)).length) throw new BadInputError('unitIds: every unit must exist');
    if (!(await this.access.managesAll(caller, unitIds))) throw new ForbiddenError('unitIds must all be your units');
    const id = await this.campaigns.transaction(async (em) => {
      const id = await this.campaigns.insert(em, { title, unitIds, listDueAt: input.listDueAt, createdBy: caller.id });
      await this.notifications.notifyQuery(
        em,
        {
          eventKey: `rectification_campaign:${id}`,
          kind: 'rectification_list_due',
          title: `请填报整改清单：${title}`,
          body: `填报截止：${this.localTime(input.listDueAt)}`,
          link: `/rectification/campaigns/${id}`,
        },
        this.campaigns.people(id),
      );
      return id;
    });
    return this.get(caller, id);
  }

  async get(caller: AuthUser, id: string): Promise<CampaignView> {
    const c = await this.campaigns.find(id);
    if (!c) throw new NotFoundError('campaign');
    const scope = await this.scopeOf(caller, c);
    if (!scope) throw new NotFoundError('campaign');
    const [filing, items] = await Promise.all([this.campaigns.filing(id, scope), this.items.campaignCounts(id, scope)]);
    return {
      id: c.id,
      title: c.title,
      unitIds: c.unitIds,
      listDueAt: c.listDueAt,
      createdBy: c.createdBy,
      createdAt: c.createdAt,
      filed: filing.filed,
      notFiled: filing.notFiled.map((p: CampaignPersonRow) => ({ userId: p.userId, displayName: p.displayName })),
      items,
    };
  }

  /** The campaigns the caller sees (see the repository's `page`), with whether they must file and when they did. */
  async list(caller: AuthUser, page: { limit: number; offset: number }): Promise<{ items: CampaignSummary[]; total: number }> {
    const managed = this.access.readsEverything(caller) ? 'all' : await this.access.managedUnitIds(caller);
    const { items, total } = await this.campaigns.page(caller.id, managed, page.limit, page.offset);
    return { items: items.map(({ remindedAt: _, ...c }) => c), total };
  }

  /** The caller's own list in a campaign they must file in (404 to anyone else). */
  async myList(caller: AuthUser, id: string): Promise<MyList> {
    const c = await this.campaigns.find(id);
    if (!c || !(await this.campaigns.isPerson(id, caller.id))) throw new NotFoundError('campaign');
    const [filedAt, items] = await Promise.all([
      this.campaigns.filedAt(id, caller.id),
      this.items.page({ scope: 'all', campaignId: id, ownerId: caller.id, limit: MAX_LIST_ENTRIES, offset: 0 }),
    ]);
    return { campaignId: id, title: c.title, listDueAt: c.listDueAt, filedAt, items: items.items };
  }

  /** Files the caller's list, once: one rectification item per entry, owned by the caller. */
  async fileMyList(caller: AuthUser, id: string, entries: ListEntry[]): Promise<{ campaignId: string; items: ItemView[] }> {
    const c = await this.campaigns.find(id);
    if (!c) throw new NotFoundError('campaign');
    if (!(await this.campaigns.isPerson(id, caller.id))) {
      if (await this.scopeOf(caller, c)) throw new ForbiddenError('only people of the campaign’s units file a list');
      throw new NotFoundError('campaign');
    }
    if (entries.length === 0 || entries.length > MAX_LIST_ENTRIES) throw new BadInputError(`items must hold 1 to ${MAX_LIST_ENTRIES} entries`);
    const owner = await this.supervision.personOrThrow(caller.id);
    const ids = await this.campaigns.transaction(async (em) => {
      if (!(await this.campaigns.file(em, id, caller.id))) throw new ConflictError('you have already filed your list for this campaign');
      return this.supervision.createItems(
        em,
        c.createdBy,
        'rectification',
        entries.map((e) => ({ title: e.problem, detail: e.measure, dueAt: e.dueAt, timeLimitDays: 30, owner, campaignId: id })),
        { selfFiled: true },
      );
    });
    return { campaignId: id, items: await this.items.views(ids) };
  }

  /** Worker: one reminder per campaign to the people who have not filed, at 30 % of the filing window left. */
  async remindNonFilers(): Promise<number> {
    let reminded = 0;
    for (;;) {
      const n = await this.campaigns.transaction(async (em) => {
        const due = await this.campaigns.claimDueReminders(em, 100);
        for (const c of due) {
          await this.notifications.notifyQuery(
            em,
            {
              eventKey: `rectification_list_reminder:${c.id}`,
              kind: 'rectification_list_due',
              title: `整改清单尚未填报：${c.title}`,
              body: `填报截止：${this.localTime(c.listDueAt)}`,
              link: `/rectification/campaigns/${c.id}`,
            },
            this.campaigns.notFiled(c.id),
          );
        }
        return due.length;
      });
      reminded += n;
      if (n < 100) return reminded;
    }
  }

  /**
   * What of a campaign the caller sees: 'all' (creator, auditors, admins), the units they manage
   * among the campaign's subtrees (organisers), or nothing (undefined).
   */
  private async scopeOf(caller: AuthUser, c: { createdBy: string; unitIds: string[] }): Promise<'all' | string[] | undefined> {
    if (this.access.readsEverything(caller) || c.createdBy === caller.id) return 'all';
    const managed = await this.access.managedUnitIds(caller);
    if (managed === 'all') return 'all';
    if (managed.length === 0) return undefined;
    const inCampaign = await this.campaigns.unitsWithin(managed, c.unitIds);
    return inCampaign.length ? inCampaign : undefined;
  }

  private localTime(d: Date): string {
    return DateTime.fromJSDate(d, { zone: this.config.get('ORG_TIMEZONE', { infer: true }) }).toFormat('yyyy-MM-dd HH:mm');
  }
}
