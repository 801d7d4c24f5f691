import chineseDays from 'chinese-days';
import { DateTime } from 'luxon';

/**
 * The official working-day calendar of the PRC (放假安排 and 调休 make-up working days), from the
 * `chinese-days` package, which transcribes each year's State Council notice (2004 onwards).
 *
 * Chosen over `date-holidays` (CN): date-holidays derives holidays from fixed rules (three days of
 * 春节, no 调休 Saturdays or Sundays, no 2026 extra days), so it calls 2026-02-14 and 2026-02-28 days
 * off and 2026-02-23 a working day; chinese-days has the 2026 notice exactly. Neither knows a year
 * before its notice is published (usually November): such years are "weekends only" (`known: false`).
 */
export interface OfficialDay {
  workday: boolean;
  /** The holiday's Chinese name (春节), or "春节调休上班" on a make-up working day; none on ordinary days. */
  name?: string;
  /** False when the library has no notice for the year: weekends only. */
  known: boolean;
}

const knownYears = new Map<number, boolean>();

/** Whether the library has the State Council notice for `year` (its 元旦 is always a named day off). */
export function officialYearKnown(year: number): boolean {
  let known = knownYears.get(year);
  if (known === undefined) {
    known = year >= 1900 && year <= 2100 && chineseDays.getDayDetail(`${year}-01-01`).name.includes('元旦');
    knownYears.set(year, known);
  }
  return known;
}

/** The official status of a local calendar date `YYYY-MM-DD`. */
export function officialDay(date: string): OfficialDay {
  const d = DateTime.fromISO(date, { zone: 'UTC' });
  const weekend = d.weekday >= 6;
  if (!officialYearKnown(d.year)) return { workday: !weekend, known: false };
  const detail = chineseDays.getDayDetail(date);
  // Named days carry "English,中文,n"; ordinary days carry the weekday's English name.
  const parts = detail.name.split(',');
  const holidayName = parts.length >= 2 ? parts[1] : undefined;
  if (!holidayName) return { workday: detail.work, known: true };
  return { workday: detail.work, name: detail.work ? `${holidayName}调休上班` : holidayName, known: true };
}
