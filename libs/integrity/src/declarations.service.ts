import { Injectable } from '@nestjs/common';
import { WorkingDayCalendar } from '@qf/calendar';
import { AuthUser, BadInputError, ConflictError, ForbiddenError, NotFoundError, Page } from '@qf/common';
import { AccessPolicy } from '@qf/identity';
import { NotificationsService } from '@qf/notifications';
import { DateTime } from 'luxon';
import { DeclarationRepository } from './declaration.repository';
import { DeclarationKind, DeclarationView } from './integrity-kinds';

export interface NewDeclaration {
  kind: DeclarationKind;
  eventDate: string;
  place: string;
  guests?: number | null;
  tables?: number | null;
  note?: string | null;
}

const KIND_NAMES: Record<DeclarationKind, string> = { wedding: '婚事', funeral: '丧事', other: '其他喜庆事宜' };

/**
 * Personal declarations (婚丧喜庆事宜报备): filed by the person before the event (eventDate after today,
 * local), acknowledged by an organiser of the person's units (never by the person, unless admin).
 * Filing notifies those organisers; acknowledging notifies the person.
 */
@Injectable()
export class DeclarationsService {
  constructor(
    private readonly declarations: DeclarationRepository,
    private readonly access: AccessPolicy,
    private readonly calendar: WorkingDayCalendar,
    private readonly notifications: NotificationsService,
  ) {}

  async file(caller: AuthUser, input: NewDeclaration): Promise<DeclarationView> {
    const eventDate = this.calendar.parseDate(input.eventDate, 'eventDate');
    const today = DateTime.now().setZone(this.calendar.zone).toISODate()!;
    if (eventDate.toISODate()! <= today) throw new BadInputError('eventDate must be in the future: declare before the event');
    const place = input.place?.trim();
    if (!place) throw new BadInputError('place must not be empty');
    const id = await this.declarations.transaction(async (em) => {
      const declId = await this.declarations.insert(em, {
        userId: caller.id,
        kind: input.kind,
        eventDate: eventDate.toISODate()!,
        place,
        guests: input.guests ?? null,
        tables: input.tables ?? null,
        note: input.note?.trim() || null,
      });
      await this.notifications.notifyQuery(
        em,
        { eventKey: `declaration_filed:${declId}`, kind: 'declaration_filed', title: `婚丧喜庆事宜报备：${caller.displayName ?? ''}（${KIND_NAMES[input.kind]}）`, body: `${eventDate.toISODate()} ${place}`, link: `/declarations/${declId}` },
        this.declarations.organisersToNotify(caller.unitId, caller.id),
      );
      return declId;
    });
    return this.strip((await this.declarations.view(id))!);
  }

  async acknowledge(caller: AuthUser, id: string, comment?: string | null): Promise<DeclarationView> {
    const d = await this.declarations.view(id);
    if (!d) throw new NotFoundError('declaration');
    const manages = await this.access.manages(caller, d.unitId);
    if (!manages) {
      if (d.userId === caller.id || this.access.readsEverything(caller)) throw new ForbiddenError('only an organiser of the person’s units acknowledges a declaration');
      throw new NotFoundError('declaration');
    }
    this.access.assertNotSelf(caller, d.userId, 'acknowledge their own declaration');
    await this.declarations.transaction(async (em) => {
      if (!(await this.declarations.acknowledge(em, id, caller.id, comment?.trim() || null))) throw new ConflictError('the declaration is already acknowledged');
      await this.notifications.notifyUsers(
        em,
        { eventKey: `declaration_acknowledged:${id}`, kind: 'declaration_acknowledged', title: `报备已确认：${KIND_NAMES[d.kind]} ${d.eventDate}`, body: comment?.trim() ?? '', link: `/declarations/${id}` },
        [d.userId],
      );
    });
    return this.strip((await this.declarations.view(id))!);
  }

  /** The caller's own declarations. */
  mine(caller: AuthUser, f: { pending?: boolean; limit: number; offset: number }): Promise<Page<DeclarationView>> {
    return this.declarations.page({ userId: caller.id }, f);
  }

  /** Declarations of the people of the caller's units, their own excepted (organisers); everyone's (auditors, admins). */
  async list(caller: AuthUser, f: { pending?: boolean; limit: number; offset: number }): Promise<Page<DeclarationView>> {
    if (this.access.readsEverything(caller)) return this.declarations.page({ unitIds: 'all' }, f);
    return this.declarations.page({ unitIds: await this.access.managedUnitIds(caller), exceptUserId: caller.id }, f);
  }

  /** One declaration: the person, organisers of their units, auditors, admins (else 404). */
  async get(caller: AuthUser, id: string): Promise<DeclarationView> {
    const d = await this.declarations.view(id);
    if (!d) throw new NotFoundError('declaration');
    if (d.userId !== caller.id && !this.access.readsEverything(caller) && !(await this.access.manages(caller, d.unitId))) throw new NotFoundError('declaration');
    return this.strip(d);
  }

  private strip({ unitId: _unitId, ...view }: DeclarationView & { unitId: string }): DeclarationView {
    return view;
  }
}
