import { DateTime } from 'luxon';

/**
 * Digests go out at a fixed local weekday and time (Monday 09:00 in ORG_TIMEZONE by default).
 * `digestWeek` names the week a run belongs to (its Monday, a local date): the key that makes a
 * digest "once per week" in PostgreSQL, whatever Redis remembers.
 */
export interface WeeklySlot {
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  hour: number;
  minute: number;
}

export const MONDAY_0900: WeeklySlot = { weekday: 1, hour: 9, minute: 0 };

/** The slot's instant in the week of `at` (local), which may be before or after `at`. */
export function slotOfWeek(at: Date, zone: string, slot: WeeklySlot = MONDAY_0900): Date {
  const local = DateTime.fromJSDate(at, { zone }).startOf('week');
  return local.plus({ days: slot.weekday - 1 }).set({ hour: slot.hour, minute: slot.minute, second: 0, millisecond: 0 }).toJSDate();
}

/** The first slot strictly after `at`. */
export function nextSlot(at: Date, zone: string, slot: WeeklySlot = MONDAY_0900): Date {
  const thisWeek = slotOfWeek(at, zone, slot);
  return thisWeek.getTime() > at.getTime() ? thisWeek : DateTime.fromJSDate(thisWeek, { zone }).plus({ weeks: 1 }).toJSDate();
}

/** The local Monday (YYYY-MM-DD) of the week of `at`. */
export function digestWeek(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).startOf('week').toISODate()!;
}
