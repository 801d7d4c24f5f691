import { DEFAULT_THRESHOLDS, warningOf } from './warning';

describe('warningOf (三色预警)', () => {
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
    expect(warningOf('assigned', start, due, at(day as number), DEFAULT_THRESHOLDS)).toBe(expected);
  });

  it('has no colour once submitted or approved', () => {
    expect(warningOf('submitted', start, due, at(11), DEFAULT_THRESHOLDS)).toBe('none');
    expect(warningOf('approved', start, due, at(11), DEFAULT_THRESHOLDS)).toBe('none');
    expect(warningOf('returned', start, due, at(11), DEFAULT_THRESHOLDS)).toBe('red');
  });

  it('uses the assignment’s thresholds', () => {
    expect(warningOf('draft', start, due, at(5), { yellow: 0.6, orange: 0.5 })).toBe('orange');
  });
});
