import { DateTime } from 'luxon';

/** Calendar helpers in the organisation's time zone (never the server's). */
export function startOfLocalDate(date: string, zone: string): Date {
  const dt = DateTime.fromISO(date, { zone });
  if (!dt.isValid) throw new RangeError(`invalid date ${date}`);
  return dt.startOf('day').toJSDate();
}

/** Half-open instant range [start of `from`, start of the day after `to`) for inclusive local dates. */
export function localDateRange(from: string | undefined, to: string | undefined, zone: string): { start?: Date; end?: Date } {
  return {
    start: from ? startOfLocalDate(from, zone) : undefined,
    end: to ? DateTime.fromISO(to, { zone }).startOf('day').plus({ days: 1 }).toJSDate() : undefined,
  };
}

export function localDateOf(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISODate()!;
}

/** An instant as people read it: `YYYY-MM-DD HH:mm` in the organisation's zone (notification text, messages). */
export function formatOrgTime(instant: Date | string, zone: string): string {
  return DateTime.fromJSDate(new Date(instant), { zone }).toFormat('yyyy-MM-dd HH:mm');
}

/** The same format in PostgreSQL: `to_char(<timestamptz> AT TIME ZONE <zone>, ORG_TIME_SQL_FORMAT)`. */
export const ORG_TIME_SQL_FORMAT = 'YYYY-MM-DD HH24:MI';
