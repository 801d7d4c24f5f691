import { describe, expect, it } from 'vitest';
import { monthlyPoints, monthRanges, percent, unitPoints } from './attendance-aggregate';

const counts = (expected: number, present: number, late: number) => ({ expected, present, late, excused: 0, absent: expected - present - late });

describe('attendance by month, for the chart', () => {
  it('splits a date range into calendar months clipped to the range, across a year end', () => {
    expect(monthRanges('2026-11-15', '2027-02-03')).toEqual([
      { month: '2026-11', from: '2026-11-15', to: '2026-11-30' },
      { month: '2026-12', from: '2026-12-01', to: '2026-12-31' },
      { month: '2027-01', from: '2027-01-01', to: '2027-01-31' },
      { month: '2027-02', from: '2027-02-01', to: '2027-02-03' },
    ]);
    expect(monthRanges('2028-02-01', '2028-02-29')).toEqual([{ month: '2028-02', from: '2028-02-01', to: '2028-02-29' }]);
    expect(monthRanges('2026-12-01', '2026-11-01')).toEqual([]);
  });

  it('gives each month its rate from that month’s totals; a month without sessions is a gap, not 0 %', () => {
    const months = monthRanges('2026-10-01', '2026-12-31');
    const points = monthlyPoints(months, [counts(10, 7, 1), counts(0, 0, 0), undefined]);
    expect(points).toEqual([
      { label: '2026-10', expected: 10, attended: 8, rate: 0.8 },
      { label: '2026-11', expected: 0, attended: 0, rate: null },
      { label: '2026-12', expected: 0, attended: 0, rate: null },
    ]);
    expect(points.map((p) => percent(p.rate))).toEqual(['80.0%', '—', '—']);
  });

  it('rolls members up to the child units of the chosen unit (the rate is of sums, not an average of rates)', () => {
    const units = [
      { id: 'dept', name: '机关党委', parentId: null },
      { id: 'a', name: '第一党支部', parentId: 'dept' },
      { id: 'a1', name: '第一党小组', parentId: 'a' },
      { id: 'b', name: '第二党支部', parentId: 'dept' },
    ];
    const member = (unitId: string, expected: number, present: number, late = 0) => ({
      userId: unitId + expected,
      displayName: 'x',
      unitId,
      ...counts(expected, present, late),
      madeUp: 0,
      attendanceRate: 0,
    });
    const members = [member('a', 4, 4), member('a1', 6, 1, 1), member('b', 3, 0), member('dept', 2, 2)];
    expect(unitPoints(members, units, 'dept')).toEqual([
      { label: '第二党支部', expected: 3, attended: 0, rate: 0 },
      { label: '第一党支部', expected: 10, attended: 6, rate: 0.6 },
      { label: '机关党委', expected: 2, attended: 2, rate: 1 },
    ]);
    expect(unitPoints(members.slice(0, 2), units, 'a').map((p) => [p.label, p.rate])).toEqual([
      ['第一党小组', 0.3333],
      ['第一党支部', 1],
    ]);
  });
});
