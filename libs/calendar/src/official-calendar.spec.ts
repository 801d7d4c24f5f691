import { officialDay, officialYearKnown } from './official-calendar';

describe('official calendar (chinese-days)', () => {
  it('has the 2026 notice: holidays and 调休 make-up days', () => {
    expect(officialDay('2026-10-01')).toEqual({ workday: false, name: '国庆节', known: true });
    expect(officialDay('2026-10-10')).toEqual({ workday: true, name: '国庆节调休上班', known: true });
    expect(officialDay('2026-02-23')).toEqual({ workday: false, name: '春节', known: true });
    expect(officialDay('2026-02-28')).toEqual({ workday: true, name: '春节调休上班', known: true });
    expect(officialDay('2026-12-02')).toEqual({ workday: true, known: true });
    expect(officialDay('2026-12-05')).toEqual({ workday: false, known: true });
  });

  it('falls back to weekends only for a year without a notice', () => {
    expect(officialYearKnown(2026)).toBe(true);
    expect(officialYearKnown(2027)).toBe(false);
    expect(officialDay('2027-10-01')).toEqual({ workday: true, known: false });
    expect(officialDay('2027-10-02')).toEqual({ workday: false, known: false });
  });
});
