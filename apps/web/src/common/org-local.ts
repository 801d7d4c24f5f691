import { orgTimeZone, orgToday } from './org-time';

/**
 * The inverse of the org-time formatter: organisation-local calendar dates and clock times (what
 * people type into a form) to instants, and instants to their local calendar date. Always in
 * ORG_TIMEZONE, never the browser's zone.
 */

/** The local calendar date (`2026-12-04`) of an instant in the organisation's time zone. */
export function orgDateOf(instant: string | Date, zone?: string): string {
  return orgToday(new Date(instant), zone);
}

function offsetMs(utcMs: number, zone: string): number {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(utcMs))
      .map((x) => [x.type, Number(x.value)]),
  );
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(utcMs / 1000) * 1000;
}

/** `2026-12-04` + `15:00` in the organisation's zone → `2026-12-04T07:00:00.000Z`. */
export function fromOrgLocal(date: string, time: string, zone = orgTimeZone()): string {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  let utc = wall - offsetMs(wall, zone);
  utc = wall - offsetMs(utc, zone); // once more, across a DST change
  return new Date(utc).toISOString();
}

/** Adds days to a calendar date: `2026-12-31` + 1 → `2027-01-01`. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
