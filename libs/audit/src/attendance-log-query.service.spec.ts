import { BadInputError } from '@qf/common';
import { auditMocks } from '../../../test/unit-support/audit-fakes';
import { newTestService, rejectionOf } from '@qf/testing';
import { AttendanceLogQueryService } from './attendance-log-query.service';

describe('AttendanceLogQueryService', () => {
  const build = () => newTestService((m) => new AttendanceLogQueryService(m.attendance, m.scopes), auditMocks());

  it('pages the log by session, person and local dates (half-open, in the organisation zone)', async () => {
    const { sut, mocks } = build();
    const page = { items: [], total: 12 };
    mocks.attendance.logPage.mockResolvedValue(page);
    await expect(sut.list({ sessionId: 's', userId: 'u', from: '2026-12-01', to: '2026-12-01', limit: 50, offset: 100 })).resolves.toBe(page);
    expect(mocks.attendance.logPage).toHaveBeenCalledWith({
      sessionId: 's',
      userId: 'u',
      start: new Date('2026-11-30T16:00:00Z'),
      end: new Date('2026-12-01T16:00:00Z'),
      limit: 50,
      offset: 100,
    });
  });

  it('leaves out the filters not given', async () => {
    const { sut, mocks } = build();
    mocks.attendance.logPage.mockResolvedValue({ items: [], total: 0 });
    await sut.list({ limit: 10, offset: 0 });
    expect(mocks.attendance.logPage).toHaveBeenCalledWith({ sessionId: undefined, userId: undefined, start: undefined, end: undefined, limit: 10, offset: 0 });
  });

  it('refuses `from` after `to` and dates that are not calendar dates, reading nothing', async () => {
    const { sut, mocks } = build();
    expect((await rejectionOf(sut.list({ from: '2026-12-02', to: '2026-12-01', limit: 10, offset: 0 }))).message).toBe('from must not be after to');
    const bad = await rejectionOf(sut.list({ from: 'tomorrow', limit: 10, offset: 0 }));
    expect(bad).toBeInstanceOf(BadInputError);
    expect(bad.message).toBe('from and to must be calendar dates (YYYY-MM-DD)');
    expect(mocks.attendance.logPage).not.toHaveBeenCalled();
  });
});
