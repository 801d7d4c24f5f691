import type { CalendarDay } from '@qf/calendar';
import { DateTime } from 'luxon';

/**
 * When a holiday reminder goes out: 09:00 local on the working day `daysBefore` working days before
 * the first day off of the next holiday named `name` (清明 matches 清明节) whose send time is still
 * after `now`; `days` is a run of consecutive calendar days covering the search. 0 days before is the
 * first day off itself. Undefined when no such holiday is in `days`.
 */
export function holidaySendAt(days: CalendarDay[], name: string, daysBefore: number, now: Date, zone: string): { sendAt: Date; firstDayOff: string } | undefined {
  const isDayOff = (d: CalendarDay | undefined) => !!d && !d.workday && !!d.name && d.name.startsWith(name);
  for (let i = 0; i < days.length; i++) {
    if (!isDayOff(days[i]) || isDayOff(days[i - 1])) continue;
    let j = i;
    for (let left = daysBefore; left > 0 && j >= 0; ) if (--j >= 0 && days[j].workday) left--;
    if (j < 0) continue;
    const d = DateTime.fromISO(days[j].date, { zone });
    const sendAt = d.set({ hour: 9, minute: 0, second: 0, millisecond: 0 }).toJSDate();
    if (sendAt.getTime() > now.getTime()) return { sendAt, firstDayOff: days[i].date };
  }
  return undefined;
}
