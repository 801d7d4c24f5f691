import { Injectable } from '@nestjs/common';
import { WorkingDayCalendar } from '@qf/calendar';
import { AuthUser, BadInputError, ForbiddenError, NotFoundError, Page } from '@qf/common';
import { AccessPolicy, UnitsService, UserRepository } from '@qf/identity';
import { NotificationsService } from '@qf/notifications';
import { JobName, OutboxService, PendingWork, PendingWorkSource } from '@qf/queue';
import { DateTime } from 'luxon';
import { EntityManager } from 'typeorm';
import { holidaySendAt } from './holiday-send-at';
import { HOLIDAY_NAMES, ReceivedReminder, ReminderReport, ReminderSummary, ReminderView } from './integrity-kinds';
import { ReminderRepository } from './reminder.repository';

export interface NewReminder {
  title: string;
  body: string;
  audience: { unitIds?: string[]; userIds?: string[] };
  sendAt?: Date;
  holiday?: { name: string; daysBefore: number };
}

/**
 * Holiday integrity reminders (节日廉政提醒). Created with a send time, or N working days before the
 * next named official holiday (WorkingDayCalendar); sent by the worker through the outbox. Exactly
 * once: the job reloads the reminder under a row lock and does nothing once `sent_at` is set, the
 * recipients and notifications are written in that same transaction (notifications unique per event
 * and person), and the outbox row — re-derived by the reconciler from unsent reminders as well —
 * survives a Redis flush.
 */
@Injectable()
@PendingWorkSource()
export class RemindersService implements PendingWork {
  constructor(
    private readonly reminders: ReminderRepository,
    private readonly people: UserRepository,
    private readonly units: UnitsService,
    private readonly access: AccessPolicy,
    private readonly calendar: WorkingDayCalendar,
    private readonly outbox: OutboxService,
    private readonly notifications: NotificationsService,
  ) {}

  async create(caller: AuthUser, input: NewReminder): Promise<ReminderView> {
    const title = input.title?.trim();
    if (!title) throw new BadInputError('title must not be empty');
    const unitIds = [...new Set(input.audience?.unitIds ?? [])];
    const userIds = [...new Set(input.audience?.userIds ?? [])];
    if (unitIds.length + userIds.length === 0) throw new BadInputError('audience must name at least one unit or person');
    if ((input.sendAt === undefined) === (input.holiday === undefined)) throw new BadInputError('give exactly one of sendAt and holiday');
    const [missing] = await this.units.missingIds(unitIds);
    if (missing) throw new BadInputError(`audience.unitIds: ${missing} names no unit`);
    if (!(await this.access.managesAll(caller, unitIds))) throw new ForbiddenError('audience.unitIds must be your units');
    const unitOf = new Map((await this.people.people(userIds)).map((p) => [p.id, p.unitId]));
    const notAPerson = userIds.find((id) => !unitOf.has(id));
    if (notAPerson) throw new BadInputError(`audience.userIds: ${notAPerson} is not an active member or organiser`);
    const personUnits = userIds.map((id) => unitOf.get(id)!);
    if (!(await this.access.managesAll(caller, personUnits))) throw new ForbiddenError('audience.userIds must be people of your units');
    let sendAt: Date;
    if (input.holiday) {
      sendAt = await this.holidaySendAt(input.holiday.name, input.holiday.daysBefore);
    } else {
      sendAt = input.sendAt!;
      if (sendAt.getTime() < Date.now() - 60_000) throw new BadInputError('sendAt must not be in the past');
    }
    const id = await this.reminders.transaction(async (em) => {
      const reminderId = await this.reminders.insert(em, { title, body: input.body ?? '', senderId: caller.id, unitIds, userIds, holiday: input.holiday ?? null, sendAt });
      await this.schedule(em, reminderId, sendAt);
      return reminderId;
    });
    return (await this.reminders.view(id))!;
  }

  /** 09:00 local, `daysBefore` working days before the first day off of the next holiday of that name. */
  async holidaySendAt(name: string, daysBefore: number, now = new Date()): Promise<Date> {
    if (!(HOLIDAY_NAMES as readonly string[]).includes(name)) throw new BadInputError(`holiday.name must be one of ${HOLIDAY_NAMES.join(', ')}`);
    if (!Number.isInteger(daysBefore) || daysBefore < 0 || daysBefore > 30) throw new BadInputError('holiday.daysBefore must be a whole number of working days, 0–30');
    const today = DateTime.fromJSDate(now, { zone: this.calendar.zone });
    const from = today.minus({ days: 60 });
    const days = [
      ...(await this.calendar.days(from.toISODate()!, from.plus({ days: 365 }).toISODate()!)),
      ...(await this.calendar.days(from.plus({ days: 366 }).toISODate()!, from.plus({ days: 500 }).toISODate()!)),
    ];
    const found = holidaySendAt(days, name, daysBefore, now, this.calendar.zone);
    if (!found) throw new BadInputError(`no upcoming ${name} in the working-day calendar`);
    return found.sendAt;
  }

  /** Sends a reminder unless it was sent; the worker's handler. */
  async send(id: string): Promise<{ recipients: number; already: boolean }> {
    return this.reminders.transaction(async (em) => {
      const r = await this.reminders.lockUnsent(em, id);
      if (!r) return { recipients: 0, already: true };
      if (r.sendAt.getTime() > Date.now() + 1_000) {
        // Early (clock skew between Redis and this worker). Throw, so that BullMQ retries with backoff and
        // the outbox row stays pending: returning would mark the job, and with it the reminder, done.
        throw new Error(`reminder ${id} is due at ${r.sendAt.toISOString()}; the job ran early and will be retried`);
      }
      const recipients = await this.reminders.markSent(em, id);
      await this.notifications.notifyQuery(
        em,
        { eventKey: `integrity_reminder:${id}`, kind: 'integrity_reminder', title: r.title, body: r.body.slice(0, 500), link: `/reminders/${id}` },
        this.reminders.recipients(id),
      );
      return { recipients, already: false };
    });
  }

  async enqueuePendingWork(): Promise<void> {
    for (const r of await this.reminders.unsent()) await this.schedule(undefined, r.id, r.sendAt);
  }

  async acknowledge(caller: AuthUser, id: string): Promise<void> {
    if (!(await this.reminders.acknowledge(id, caller.id))) throw new NotFoundError('reminder');
  }

  /** Reminders the caller may follow: everything for auditors and admins; for organisers those they sent or whose audience is all theirs. */
  async list(caller: AuthUser, limit: number, offset: number): Promise<Page<ReminderSummary>> {
    if (this.access.readsEverything(caller)) return this.reminders.page('all', limit, offset);
    const managed = await this.access.managedUnitIds(caller);
    return this.reminders.page(managed === 'all' ? 'all' : { senderId: caller.id, unitIds: managed }, limit, offset);
  }

  /** A reminder the caller received (404 to anyone else, and before it is sent). */
  async received(caller: AuthUser, id: string): Promise<ReceivedReminder> {
    const r = await this.reminders.received(id, caller.id);
    if (!r) throw new NotFoundError('reminder');
    return r;
  }

  async report(caller: AuthUser, id: string): Promise<ReminderReport> {
    const view = await this.reminders.view(id);
    if (!view) throw new NotFoundError('reminder');
    if (view.senderId !== caller.id && !this.access.readsEverything(caller)) {
      const units = await this.reminders.audienceUnitIds(id);
      for (const unitId of units) {
        if (!(await this.access.manages(caller, unitId))) throw new NotFoundError('reminder');
      }
    }
    return { ...view, ...(await this.reminders.ackReport(id)) };
  }

  private schedule(em: EntityManager | undefined, reminderId: string, sendAt: Date): Promise<void> {
    return this.outbox.add(em, { name: JobName.ReminderSend, payload: { reminderId } }, sendAt);
  }
}
