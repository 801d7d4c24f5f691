import { BadInputError } from '@qf/common';
import { DateTime } from 'luxon';
import { MAX_SERIES_SESSIONS } from './session-kinds';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

export interface WeeklyRule {
  /** Local dates in `zone`, inclusive. */
  from: string;
  until: string;
  /** ISO weekday, 1 = Monday … 7 = Sunday; default 5 (Friday). */
  weekday?: number;
  /** Local clock time HH:mm. */
  startTime: string;
  skipDates?: string[];
}

/**
 * The start instants of a weekly series: `startTime` on every `weekday` from `from` to `until` in the
 * time zone `zone` (luxon, never the server's zone), minus `skipDates`; at most MAX_SERIES_SESSIONS.
 */
export function weeklyStarts(rule: WeeklyRule, zone: string): Date[] {
  const localDate = (value: string, field: string) => {
    const d = typeof value === 'string' && DATE.test(value) ? DateTime.fromISO(value, { zone }) : undefined;
    if (!d?.isValid) throw new BadInputError(`${field} must be a calendar date YYYY-MM-DD`);
    return d;
  };
  const from = localDate(rule.from, 'from');
  const until = localDate(rule.until, 'until');
  if (until < from) throw new BadInputError('until must not be before from');
  const weekday = rule.weekday ?? 5;
  if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) throw new BadInputError('weekday must be an integer from 1 (Monday) to 7 (Sunday)');
  const clock = CLOCK.exec(rule.startTime ?? '');
  if (!clock) throw new BadInputError('startTime must be a clock time HH:mm (00:00–23:59)');
  const skip = new Set((rule.skipDates ?? []).map((d, i) => localDate(d, `skipDates[${i}]`).toISODate()));

  const starts: Date[] = [];
  for (let day = from.plus({ days: (weekday - from.weekday + 7) % 7 }); day <= until; day = day.plus({ weeks: 1 })) {
    if (skip.has(day.toISODate())) continue;
    const start = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour: Number(clock[1]), minute: Number(clock[2]) }, { zone });
    starts.push(start.toJSDate());
    if (starts.length > MAX_SERIES_SESSIONS)
      throw new BadInputError(`a series may create at most ${MAX_SERIES_SESSIONS} sessions; shorten from–until or skip dates`);
  }
  return starts;
}
