import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDateTimeWeekday, orgInstant, orgToday } from './org-time';

describe('org-time: one formatter, in ORG_TIMEZONE', () => {
  it('shows instants as YYYY-MM-DD HH:mm in the organisation’s zone, whatever the browser’s', () => {
    expect(formatDateTime('2026-12-04T07:00:00.000Z', 'Asia/Shanghai')).toBe('2026-12-04 15:00');
    expect(formatDateTime('2026-12-04T17:30:00.000Z', 'Asia/Shanghai')).toBe('2026-12-05 01:30');
    expect(formatDateTimeWeekday('2026-12-04T07:00:00.000Z', 'Asia/Shanghai')).toBe('2026-12-04 15:00（周五）');
    expect(formatDateTime(null)).toBe('—');
  });

  it('reads the zone the api writes into index.html', () => {
    const meta = document.createElement('meta');
    meta.name = 'qf-org-timezone';
    meta.content = 'America/New_York';
    document.head.appendChild(meta);
    try {
      expect(formatDateTime('2026-12-04T07:00:00.000Z')).toBe('2026-12-04 02:00');
      expect(orgToday(new Date('2026-12-04T03:00:00.000Z'))).toBe('2026-12-03');
    } finally {
      meta.remove();
    }
  });

  it('turns a wall-clock time in the organisation’s zone into an instant (pickers), whatever the browser’s zone', () => {
    expect(orgInstant('2026-12-04', '15:00', 'Asia/Shanghai').toISOString()).toBe('2026-12-04T07:00:00.000Z');
    expect(orgInstant('2026-12-04', '00:30', 'Asia/Shanghai').toISOString()).toBe('2026-12-03T16:30:00.000Z');
    expect(orgInstant('2026-07-01', '09:00', 'America/New_York').toISOString()).toBe('2026-07-01T13:00:00.000Z');
    expect(orgInstant('2026-12-01', '09:00', 'America/New_York').toISOString()).toBe('2026-12-01T14:00:00.000Z');
  });
});
