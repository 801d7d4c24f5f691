import { describe, expect, it } from 'vitest';
import { addDays, fromOrgLocal, orgDateOf } from './org-local';

describe('org-local: form input in ORG_TIMEZONE to instants', () => {
  it('reads a local date and time in the organisation’s zone', () => {
    expect(fromOrgLocal('2026-12-04', '15:00', 'Asia/Shanghai')).toBe('2026-12-04T07:00:00.000Z');
    expect(fromOrgLocal('2026-12-04', '00:30', 'Asia/Shanghai')).toBe('2026-12-03T16:30:00.000Z');
    expect(fromOrgLocal('2026-07-03', '15:00', 'America/New_York')).toBe('2026-07-03T19:00:00.000Z');
    expect(fromOrgLocal('2026-12-04', '15:00', 'America/New_York')).toBe('2026-12-04T20:00:00.000Z');
  });
  it('gives the local date of an instant and adds days across months', () => {
    expect(orgDateOf('2026-12-03T16:30:00.000Z', 'Asia/Shanghai')).toBe('2026-12-04');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
