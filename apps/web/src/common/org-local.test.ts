import { describe, expect, it } from 'vitest';
import { addDays, orgDateOf } from './org-local';

describe('org-local: calendar dates in ORG_TIMEZONE', () => {
  it('gives the local date of an instant and adds days across months', () => {
    expect(orgDateOf('2026-12-03T16:30:00.000Z', 'Asia/Shanghai')).toBe('2026-12-04');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
