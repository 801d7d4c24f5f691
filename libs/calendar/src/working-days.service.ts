import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { BadInputError } from '@qf/common';
import { Env } from '@qf/config';
import { DateTime } from 'luxon';
import { CalendarDayRepository } from './calendar-day.repository';
import { officialDay, officialYearKnown } from './official-calendar';

export type CalendarDaySource = 'official' | 'override' | 'weekends_only';

export interface CalendarDay {
  date: string;
  workday: boolean;
  name?: string;
  /** Where the answer comes from: the official calendar, an admin's override, or weekends only (year unknown). */
  source: CalendarDaySource;
  /** Set when the year is not in the official calendar: the day is a guess from the weekday. */
  warning?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const MAX_CALENDAR_RANGE_DAYS = 366;
/** How far the working-day arithmetic looks ahead before giving up (a year of days off cannot happen). */
const MAX_SCAN_DAYS = 400;

export const unknownYearWarning = (year: number) =>
  `no official holiday calendar for ${year}: weekends only (admins may override single days)`;

/**
 * Working days (工作日) in ORG_TIMEZONE: the official calendar (holidays and 调休 make-up days, see
 * official-calendar.ts), overridden day by day by admins. One rule for everything with a deadline
 * in working days and for weekly series.
 */
@Injectable()
export class WorkingDayCalendar {
  private readonly logger = new Logger(WorkingDayCalendar.name);
  private readonly warnedYears = new Set<number>();

  constructor(
    private readonly overrides: CalendarDayRepository,
    private readonly config: ConfigService<Env, true>,
  ) {}

  get zone(): string {
    return this.config.get('ORG_TIMEZONE', { infer: true });
  }

  /** Parses a local date; 400 naming `field` when it is not a real YYYY-MM-DD date. */
  parseDate(value: string, field = 'date'): DateTime {
    const d = typeof value === 'string' && DATE.test(value) ? DateTime.fromISO(value, { zone: 'UTC' }) : undefined;
    if (!d?.isValid) throw new BadInputError(`${field} must be a calendar date YYYY-MM-DD`);
    return d;
  }

  /** Every day in [from, to] (inclusive local dates, at most 366). */
  async days(from: string, to: string): Promise<CalendarDay[]> {
    const start = this.parseDate(from, 'from');
    const end = this.parseDate(to, 'to');
    if (end < start) throw new BadInputError('to must not be before from');
    if (end.diff(start, 'days').days >= MAX_CALENDAR_RANGE_DAYS) throw new BadInputError(`from–to may span at most ${MAX_CALENDAR_RANGE_DAYS} days`);
    return this.resolve(start, end);
  }

  async day(date: string): Promise<CalendarDay> {
    const d = this.parseDate(date);
    return (await this.resolve(d, d))[0];
  }

  async setOverride(date: string, input: { workday: boolean; name?: string | null }, byUserId: string): Promise<CalendarDay> {
    const d = this.parseDate(date);
    const name = input.name?.trim() || null;
    await this.overrides.upsert(d.toISODate()!, input.workday, name, byUserId);
    return (await this.resolve(d, d))[0];
  }

  /** Which of these local dates are working days (one query for the overrides). */
  async workdaySet(dates: string[]): Promise<Map<string, CalendarDay>> {
    if (dates.length === 0) return new Map();
    const sorted = [...dates].sort();
    const days = await this.resolve(this.parseDate(sorted[0]), this.parseDate(sorted[sorted.length - 1]));
    return new Map(days.map((d) => [d.date, d]));
  }

  /**
   * The instant `days` working days after `from`: count working days after `from`'s local date and
   * take `clock` (default 18:00, end of the working day) on the last one. 1 day from a Friday before
   * National Day week is the Thursday after it (or the 调休 Saturday, if that comes first).
   */
  async addWorkingDays(from: Date, days: number, clock = { hour: 18, minute: 0 }): Promise<Date> {
    const zone = this.zone;
    const startLocal = DateTime.fromJSDate(from, { zone });
    let cursor = DateTime.fromISO(startLocal.toISODate()!, { zone: 'UTC' });
    const window = await this.resolve(cursor.plus({ days: 1 }), cursor.plus({ days: Math.min(MAX_SCAN_DAYS, days * 3 + 40) }));
    let i = 0;
    let left = days;
    for (;;) {
      const day = window[i++] ?? (await this.resolve(cursor.plus({ days: 1 }), cursor.plus({ days: 1 })))[0];
      cursor = DateTime.fromISO(day.date, { zone: 'UTC' });
      if (day.workday && --left <= 0) break;
      if (i > MAX_SCAN_DAYS * 2) throw new BadInputError('no working day found within a year');
    }
    return DateTime.fromObject({ year: cursor.year, month: cursor.month, day: cursor.day, hour: clock.hour, minute: clock.minute }, { zone }).toJSDate();
  }

  private async resolve(start: DateTime, end: DateTime): Promise<CalendarDay[]> {
    const overrides = new Map((await this.overrides.inRange(start.toISODate()!, end.toISODate()!)).map((o) => [o.date, o]));
    const out: CalendarDay[] = [];
    for (let d = start; d <= end; d = d.plus({ days: 1 })) {
      const date = d.toISODate()!;
      const o = overrides.get(date);
      if (o) {
        out.push({ date, workday: o.workday, ...(o.name ? { name: o.name } : {}), source: 'override' });
        continue;
      }
      const official = officialDay(date);
      if (official.known) {
        out.push({ date, workday: official.workday, ...(official.name ? { name: official.name } : {}), source: 'official' });
      } else {
        this.warnUnknownYear(d.year);
        out.push({ date, workday: official.workday, source: 'weekends_only', warning: unknownYearWarning(d.year) });
      }
    }
    return out;
  }

  private warnUnknownYear(year: number): void {
    if (this.warnedYears.has(year) || officialYearKnown(year)) return;
    this.warnedYears.add(year);
    this.logger.warn(unknownYearWarning(year));
  }
}
