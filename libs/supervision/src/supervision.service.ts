import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { WorkingDayCalendar } from '@qf/calendar';
import { AuthUser, BadInputError, ConflictError, ForbiddenError, NotFoundError, Page } from '@qf/common';
import type { Warning } from '@qf/deadlines';
import { AccessPolicy } from '@qf/identity';
import { NotificationsService } from '@qf/notifications';
import { DataSource, EntityManager } from 'typeorm';
import { ItemState, NewItemRow, PersonRow, SupervisionItemRepository } from './supervision-item.repository';
import { DEFAULT_TIME_LIMIT, ItemKind, ItemStatus, ItemView, TIME_LIMITS } from './supervision-kinds';

export interface NewItem {
  title: string;
  detail: string;
  source?: string | null;
  ownerId: string;
  timeLimitDays?: number;
  /** Given: used as is (must be in the future); else assignment + timeLimitDays working days, 18:00 local. */
  dueAt?: Date;
}

export interface ItemQuery {
  status?: ItemStatus;
  warning?: Warning;
  unitId?: string;
  ownerId?: string;
  kind?: ItemKind;
  /** Only the entries of one rectification campaign. */
  campaignId?: string;
  unacknowledged?: boolean;
  limit: number;
  offset: number;
}

type Owner = PersonRow;

/**
 * Supervision items (督查督办, "13710"): assigned → accepted → reported → closed (销号); a return sends
 * a reported item back to accepted. The owner accepts, reports progress and asks for extensions; the
 * supervisor, organisers of the owner's units and admins close, return and decide — never the owner
 * (AccessPolicy.assertNotSelf). Due times are working days (WorkingDayCalendar), colours the deadline
 * engine's.
 */
@Injectable()
export class SupervisionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly items: SupervisionItemRepository,
    private readonly access: AccessPolicy,
    private readonly calendar: WorkingDayCalendar,
    private readonly notifications: NotificationsService,
  ) {}

  async create(caller: AuthUser, input: NewItem): Promise<ItemView> {
    const owner = await this.personOrThrow(input.ownerId);
    if (!(await this.access.manages(caller, owner.unitId))) throw new ForbiddenError('ownerId must be a person of one of your units');
    if (owner.id === caller.id) throw new BadInputError('ownerId must not be yourself: nobody supervises their own item');
    const [id] = await this.createItems(undefined, caller.id, 'supervision', [{ ...input, owner }]);
    return (await this.items.view(id))!;
  }

  /**
   * Creates items of one kind supervised by `supervisorId` (also used by rectification campaigns and
   * talks), each owner notified, inside `em` when given. Owners must already be checked.
   */
  async createItems(
    em: EntityManager | undefined,
    supervisorId: string,
    kind: ItemKind,
    inputs: (Omit<NewItem, 'ownerId'> & { owner: Owner; campaignId?: string })[],
    opts: { selfFiled?: boolean } = {},
  ): Promise<string[]> {
    const now = new Date();
    const ackDueAt = await this.calendar.addWorkingDays(now, 1);
    const rows: NewItemRow[] = [];
    for (const input of inputs) {
      const limit = input.timeLimitDays ?? DEFAULT_TIME_LIMIT;
      if (!(TIME_LIMITS as readonly number[]).includes(limit)) throw new BadInputError(`timeLimitDays must be one of ${TIME_LIMITS.join(', ')}`);
      if (input.dueAt && input.dueAt.getTime() <= now.getTime()) throw new BadInputError('dueAt must be in the future');
      rows.push({
        kind,
        title: input.title.trim(),
        detail: input.detail ?? '',
        source: input.source?.trim() || null,
        unitId: input.owner.unitId,
        ownerId: input.owner.id,
        supervisorId,
        campaignId: input.campaignId ?? null,
        timeLimitDays: limit,
        assignedAt: now,
        dueAt: input.dueAt ?? (await this.calendar.addWorkingDays(now, limit)),
        ackDueAt,
      });
    }
    if (rows.some((r) => !r.title)) throw new BadInputError('title must not be empty');
    const run = async (tx: EntityManager) => {
      const ids = await this.items.insert(tx, rows);
      // A list the owner filed themselves (整改清单) is accepted as filed; nobody needs telling.
      if (opts.selfFiled) {
        await this.items.acceptAll(tx, ids);
        return ids;
      }
      for (const [i, id] of ids.entries()) {
        await this.notifications.notifyUsers(
          tx,
          { eventKey: `supervision_assigned:${id}`, kind: 'supervision_assigned', title: `督办事项：${rows[i].title}`, body: rows[i].detail.slice(0, 200), link: `/supervision/items/${id}` },
          [rows[i].ownerId],
        );
      }
      return ids;
    };
    return em ? run(em) : this.dataSource.transaction(run);
  }

  async list(caller: AuthUser, q: ItemQuery): Promise<Page<ItemView>> {
    const managed = await this.access.managedUnitIds(caller);
    const scope = this.access.readsEverything(caller) || managed === 'all' ? 'all' : { userId: caller.id, unitIds: managed };
    return this.items.page({ ...q, scope });
  }

  async get(caller: AuthUser, id: string): Promise<ItemView> {
    const state = await this.items.state(id);
    if (!state || !(await this.canSee(caller, state))) throw new NotFoundError('supervision item');
    return (await this.items.view(id))!;
  }

  accept(caller: AuthUser, id: string): Promise<ItemView> {
    return this.asOwner(caller, id, async (em, item) => {
      if (item.status !== 'assigned') throw new ConflictError(`the item is ${item.status}, not assigned`);
      await this.items.accept(em, id);
    });
  }

  progress(caller: AuthUser, id: string, note: string): Promise<ItemView> {
    return this.asOwner(caller, id, async (em, item) => {
      if (item.status === 'assigned') throw new ConflictError('accept the item first');
      if (item.status === 'closed') throw new ConflictError('the item is closed');
      await this.items.addProgress(em, id, 'progress', requireText(note, 'note'), caller.id);
    });
  }

  report(caller: AuthUser, id: string, note: string): Promise<ItemView> {
    return this.asOwner(caller, id, async (em, item) => {
      if (item.status !== 'accepted') throw new ConflictError(item.status === 'assigned' ? 'accept the item first' : `the item is ${item.status}`);
      const entry = await this.items.addProgress(em, id, 'report', requireText(note, 'note'), caller.id);
      await this.items.report(em, id);
      // Keyed by the report's progress entry: a report after a return notifies the supervisor again.
      await this.notify(em, item, item.supervisorId, 'supervision_reported', `督办事项已报告办结：${item.title}`, `${item.id}:${entry}`);
    });
  }

  close(caller: AuthUser, id: string, comment?: string): Promise<ItemView> {
    return this.asSupervisor(caller, id, 'close their own supervision item', async (em, item) => {
      if (item.status !== 'reported') throw new ConflictError(`only a reported item can be closed; it is ${item.status}`);
      await this.items.addProgress(em, id, 'close', comment?.trim() ?? '', caller.id);
      await this.items.close(em, id, caller.id);
      await this.notify(em, item, item.ownerId, 'supervision_closed', `督办事项已销号：${item.title}`, item.id);
    });
  }

  return(caller: AuthUser, id: string, comment: string): Promise<ItemView> {
    return this.asSupervisor(caller, id, 'return their own supervision item', async (em, item) => {
      if (item.status !== 'reported') throw new ConflictError(`only a reported item can be returned; it is ${item.status}`);
      const entry = await this.items.addProgress(em, id, 'return', requireText(comment, 'comment'), caller.id);
      await this.items.reopen(em, id);
      await this.notify(em, item, item.ownerId, 'supervision_returned', `督办事项被退回：${item.title}`, `${item.id}:${entry}`, comment.trim());
    });
  }

  requestExtension(caller: AuthUser, id: string, to: Date, reason: string): Promise<ItemView> {
    return this.asOwner(caller, id, async (em, item) => {
      if (item.status === 'closed') throw new ConflictError('the item is closed');
      if (to.getTime() <= item.dueAt.getTime()) throw new BadInputError('to must be later than the current dueAt');
      const n = await this.items.requestExtension(em, id, to, requireText(reason, 'reason'), caller.id);
      if (n === undefined) throw new ConflictError('an extension request is already pending');
      await this.notify(em, item, item.supervisorId, 'supervision_extension_requested', `督办事项申请延期：${item.title}`, `${item.id}:${n}`, reason.trim());
    });
  }

  decideExtension(caller: AuthUser, id: string, n: number, approve: boolean): Promise<ItemView> {
    return this.asSupervisor(caller, id, 'decide their own extension', async (em, item) => {
      const ext = await this.items.lockExtension(em, id, n);
      if (!ext) throw new NotFoundError('extension');
      if (ext.status !== 'pending') throw new ConflictError(`the extension was already ${ext.status}`);
      if (item.status === 'closed') throw new ConflictError('the item is closed');
      await this.items.decideExtension(em, id, n, approve, caller.id);
      await this.notify(em, item, item.ownerId, 'supervision_extension_decided', `延期申请${approve ? '已批准' : '未批准'}：${item.title}`, `${item.id}:${n}`);
    });
  }

  /** Owner, supervisor, organisers of the owner's units (at assignment), auditors, admins. */
  async canSee(caller: AuthUser, item: Pick<ItemState, 'ownerId' | 'supervisorId' | 'unitId'>): Promise<boolean> {
    if (this.access.readsEverything(caller) || item.ownerId === caller.id || item.supervisorId === caller.id) return true;
    return this.access.manages(caller, item.unitId);
  }

  /** An active member or organiser (a person); 400 otherwise. */
  async personOrThrow(id: string): Promise<Owner> {
    const row = await this.items.person(id);
    if (!row) throw new BadInputError('ownerId must be an active member or organiser');
    return row;
  }

  private async asOwner(caller: AuthUser, id: string, act: (em: EntityManager, item: ItemState) => Promise<void>): Promise<ItemView> {
    return this.transition(id, async (em, item) => {
      if (item.ownerId !== caller.id) {
        if (await this.canSee(caller, item)) throw new ForbiddenError('only the owner may do this');
        throw new NotFoundError('supervision item');
      }
      await act(em, item);
    });
  }

  private async asSupervisor(caller: AuthUser, id: string, selfAction: string, act: (em: EntityManager, item: ItemState) => Promise<void>): Promise<ItemView> {
    return this.transition(id, async (em, item) => {
      const may = caller.role === 'admin' || item.supervisorId === caller.id || (await this.access.manages(caller, item.unitId));
      if (!may) {
        if (await this.canSee(caller, item)) throw new ForbiddenError('only the supervisor, an organiser of the owner’s units or an admin may do this');
        throw new NotFoundError('supervision item');
      }
      this.access.assertNotSelf(caller, item.ownerId, selfAction);
      await act(em, item);
    });
  }

  private async transition(id: string, act: (em: EntityManager, item: ItemState) => Promise<void>): Promise<ItemView> {
    await this.dataSource.transaction(async (em) => {
      const item = await this.items.lock(em, id);
      if (!item) throw new NotFoundError('supervision item');
      await act(em, item);
    });
    return (await this.items.view(id))!;
  }

  private notify(em: EntityManager, item: ItemState, to: string, kind: Parameters<NotificationsService['notifyUsers']>[1]['kind'], title: string, key: string, body = ''): Promise<number> {
    return this.notifications.notifyUsers(em, { eventKey: `${kind}:${key}`, kind, title, body, link: `/supervision/items/${item.id}` }, [to]);
  }
}

function requireText(value: string | undefined, field: string): string {
  const text = value?.trim() ?? '';
  if (!text) throw new BadInputError(`${field} must not be empty`);
  return text;
}
