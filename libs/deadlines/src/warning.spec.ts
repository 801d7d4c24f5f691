import { dueBodySql, dueSecond, dueSecondSql } from './notify-once';
import { DEFAULT_THRESHOLDS, warningOf } from './warning';
import { digestWeek, nextSlot, slotOfWeek } from './weekly-digest';

describe('deadline engine: warningOf (三色预警)', () => {
  const start = new Date('2026-12-01T00:00:00Z');
  const due = new Date('2026-12-11T00:00:00Z'); // a ten-day window
  const at = (days: number) => new Date(start.getTime() + days * 86_400_000);

  it.each([
    [0, 'none'],
    [6.9, 'none'],
    [7, 'yellow'],
    [8.4, 'yellow'],
    [8.5, 'orange'],
    [9.99, 'orange'],
    [10.01, 'red'],
  ])('day %f of 10 is %s', (day, expected) => {
    expect(warningOf(true, start, due, at(day), DEFAULT_THRESHOLDS)).toBe(expected);
  });

  it('has no colour once closed, and takes other thresholds', () => {
    expect(warningOf(false, start, due, at(11))).toBe('none');
    expect(warningOf(true, start, due, at(5), { yellow: 0.6, orange: 0.5 })).toBe('orange');
  });
});

describe('deadline engine: weekly digest slots', () => {
  const zone = 'Asia/Shanghai';
  it('is Monday 09:00 local, the next one strictly after', () => {
    // Wednesday 2026-12-02 10:00 Shanghai.
    const wed = new Date('2026-12-02T02:00:00Z');
    expect(slotOfWeek(wed, zone).toISOString()).toBe('2026-11-30T01:00:00.000Z');
    expect(nextSlot(wed, zone).toISOString()).toBe('2026-12-07T01:00:00.000Z');
    expect(nextSlot(new Date('2026-12-07T00:59:00Z'), zone).toISOString()).toBe('2026-12-07T01:00:00.000Z');
    expect(nextSlot(new Date('2026-12-07T01:00:00Z'), zone).toISOString()).toBe('2026-12-14T01:00:00.000Z');
    // Sunday 23:30 UTC is Monday 07:30 in Shanghai: that Monday's week.
    expect(digestWeek(new Date('2026-12-06T23:30:00Z'), zone)).toBe('2026-12-07');
  });
});

describe('deadline engine: the due second of warning keys', () => {
  it('floors the epoch, in SQL and in JS (an item due at …:59.6 is named by …:59, never rounded up)', () => {
    expect(dueSecond(new Date('2026-12-11T09:59:59.600Z'))).toBe(Date.parse('2026-12-11T09:59:59Z') / 1000);
    expect(dueSecond(new Date('2026-12-11T09:59:59.000Z'))).toBe(Date.parse('2026-12-11T09:59:59Z') / 1000);
    expect(dueSecondSql('t.due_at')).toBe('floor(extract(epoch FROM t.due_at))::bigint');
  });

  it('writes the body in org time with the shared format, the zone a bind parameter', () => {
    expect(dueBodySql('due_at', '$3')).toBe(`'截止时间：' || to_char(due_at AT TIME ZONE $3::text, 'YYYY-MM-DD HH24:MI')`);
  });
});
