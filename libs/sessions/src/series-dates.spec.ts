import { BadInputError } from '@qf/common';
import { weeklyStarts } from './series-dates';

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe('weeklyStarts', () => {
  it('puts Fridays at 15:00 Shanghai time across a month and year boundary, minus skip dates', () => {
    expect(iso(weeklyStarts({ from: '2026-12-20', until: '2027-01-10', startTime: '15:00', skipDates: ['2027-01-01'] }, 'Asia/Shanghai'))).toEqual([
      '2026-12-25T07:00:00.000Z',
      '2027-01-08T07:00:00.000Z',
    ]);
  });

  it('includes both ends of the range and honours the ISO weekday', () => {
    expect(iso(weeklyStarts({ from: '2027-03-01', until: '2027-03-08', weekday: 1, startTime: '08:00' }, 'Asia/Shanghai'))).toEqual([
      '2027-03-01T00:00:00.000Z',
      '2027-03-08T00:00:00.000Z',
    ]);
  });

  it('keeps the local clock time over a daylight-saving change', () => {
    // Europe/Berlin leaves summer time on 31 October 2027.
    expect(iso(weeklyStarts({ from: '2027-10-25', until: '2027-11-05', startTime: '15:00' }, 'Europe/Berlin'))).toEqual([
      '2027-10-29T13:00:00.000Z',
      '2027-11-05T14:00:00.000Z',
    ]);
  });

  it.each([
    [{ weekday: 0 }, /weekday/],
    [{ weekday: 8 }, /weekday/],
    [{ startTime: '9:00' }, /startTime/],
    [{ startTime: '24:00' }, /startTime/],
    [{ from: '2027-02-30' }, /from/],
    [{ until: '2026-01-01' }, /until must not be before from/],
    [{ until: '2029-12-31' }, /at most 60/],
    [{ skipDates: ['tomorrow'] }, /skipDates\[0\]/],
  ])('refuses %j', (change, message) => {
    const rule = { from: '2027-01-01', until: '2027-03-01', startTime: '15:00', ...change };
    expect(() => weeklyStarts(rule, 'Asia/Shanghai')).toThrow(BadInputError);
    expect(() => weeklyStarts(rule, 'Asia/Shanghai')).toThrow(message);
  });

  it('allows exactly 60 dates', () => {
    expect(weeklyStarts({ from: '2027-01-01', until: '2028-02-18', startTime: '15:00' }, 'Asia/Shanghai')).toHaveLength(60);
  });
});
