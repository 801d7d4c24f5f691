import { orgToday } from './org-time';

/** Calendar dates in ORG_TIMEZONE (org-time.ts has the formatter and orgInstant for form input). */

/** The local calendar date (`2026-12-04`) of an instant in the organisation's time zone. */
export function orgDateOf(instant: string | Date, zone?: string): string {
  return orgToday(new Date(instant), zone);
}

/** Adds days to a calendar date: `2026-12-31` + 1 → `2027-01-01`. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
