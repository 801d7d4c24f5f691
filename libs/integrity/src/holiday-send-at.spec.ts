import type { CalendarDay } from '@qf/calendar';
import { DateTime } from 'luxon';
import { holidaySendAt } from './holiday-send-at';

const ZONE = 'Asia/Shanghai';
const local = (d: Date) => DateTime.fromJSDate(d, { zone: ZONE }).toFormat('yyyy-MM-dd HH:mm');

/** Days from `from`: `spec` maps a date to [workday, name?]; other days are weekdays-only working days. */
function days(from: string, n: number, spec: Record<string, [boolean, string?]>): CalendarDay[] {
  const out: CalendarDay[] = [];
  for (let d = DateTime.fromISO(from, { zone: 'UTC' }), i = 0; i < n; i++, d = d.plus({ days: 1 })) {
    const date = d.toISODate()!;
    const [workday, name] = spec[date] ?? [d.weekday < 6];
    out.push({ date, workday, ...(name ? { name } : {}), source: 'official' });
  }
  return out;
}

describe('holidaySendAt', () => {
  // A made-up week: Mon 5 Oct 2026 … ; a three-day holiday Thu 8 – Sat 10, worked Sunday 4 Oct (调休).
  const cal = days('2026-09-28', 30, {
    '2026-10-04': [true, '假日调休上班'],
    '2026-10-08': [false, '国庆节'],
    '2026-10-09': [false, '国庆节'],
    '2026-10-10': [false, '国庆节'],
  });
  const now = new Date('2026-09-28T00:00:00Z');

  it('counts working days back from the first day off, 09:00 local', () => {
    expect(local(holidaySendAt(cal, '国庆', 0, now, ZONE)!.sendAt)).toBe('2026-10-08 09:00');
    expect(local(holidaySendAt(cal, '国庆', 1, now, ZONE)!.sendAt)).toBe('2026-10-07 09:00');
    // Back over the weekend; the 调休 Sunday counts as a working day.
    expect(local(holidaySendAt(cal, '国庆', 3, now, ZONE)!.sendAt)).toBe('2026-10-05 09:00');
    expect(local(holidaySendAt(cal, '国庆', 4, now, ZONE)!.sendAt)).toBe('2026-10-04 09:00');
    expect(local(holidaySendAt(cal, '国庆', 5, now, ZONE)!.sendAt)).toBe('2026-10-02 09:00');
  });

  it('skips a holiday whose send time has passed, and finds nothing past the days given', () => {
    expect(holidaySendAt(cal, '国庆', 1, new Date('2026-10-07T02:00:00Z'), ZONE)).toBeUndefined();
    expect(holidaySendAt(cal, '春节', 1, now, ZONE)).toBeUndefined();
    // Not enough days before the holiday in the window: not found rather than guessed.
    expect(holidaySendAt(cal, '国庆', 20, now, ZONE)).toBeUndefined();
  });
});
