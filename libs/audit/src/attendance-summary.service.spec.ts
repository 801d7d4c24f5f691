import type { MemberAttendanceRow } from '@qf/attendance';
import { NotFoundError } from '@qf/common';
import { auditMocks } from '../../../test/unit-support/audit-fakes';
import { newTestService, rejectionOf } from '@qf/testing';
import { AttendanceSummaryService, attendanceRate } from './attendance-summary.service';

const member = (userId: string, c: Partial<MemberAttendanceRow> = {}): MemberAttendanceRow => ({
  userId,
  displayName: `党员${userId}`,
  unitId: 'unit-1',
  expected: 0,
  present: 0,
  late: 0,
  excused: 0,
  absent: 0,
  madeUp: 0,
  ...c,
});

describe('AttendanceSummaryService', () => {
  const build = () => newTestService((m) => new AttendanceSummaryService(m.attendance, m.scopes), auditMocks());

  it('reads the per-member counts and the session count of the resolved scope, and sums the totals in the api', async () => {
    const { sut, mocks } = build();
    mocks.attendance.attendanceByMember.mockResolvedValue([
      member('a', { expected: 3, present: 2, late: 0, excused: 1, absent: 0, madeUp: 1 }),
      member('b', { expected: 3, present: 0, late: 1, excused: 0, absent: 2, madeUp: 1 }),
    ]);
    mocks.attendance.countCompletedSessions.mockResolvedValue(3);
    const summary = await sut.summarise({ unitId: 'unit-1', from: '2026-12-01', to: '2026-12-31' });
    const range = { start: new Date('2026-11-30T16:00:00Z'), end: new Date('2026-12-31T16:00:00Z') };
    expect(mocks.attendance.attendanceByMember).toHaveBeenCalledWith(expect.objectContaining({ unitId: 'unit-1', ...range }));
    expect(mocks.attendance.countCompletedSessions).toHaveBeenCalledWith(expect.objectContaining({ unitId: 'unit-1', ...range }));
    expect(summary).toEqual({
      from: '2026-12-01',
      to: '2026-12-31',
      unitId: 'unit-1',
      sessions: 3,
      members: [
        { ...member('a', { expected: 3, present: 2, excused: 1, madeUp: 1 }), attendanceRate: 0.6667 },
        { ...member('b', { expected: 3, late: 1, absent: 2, madeUp: 1 }), attendanceRate: 0.3333 },
      ],
      totals: { expected: 6, present: 2, late: 1, excused: 1, absent: 2, madeUp: 2, attendanceRate: 0.5 },
    });
  });

  it('answers an empty range with zero totals and a zero rate (no division by zero)', async () => {
    const { sut, mocks } = build();
    mocks.attendance.attendanceByMember.mockResolvedValue([]);
    mocks.attendance.countCompletedSessions.mockResolvedValue(0);
    const summary = await sut.summarise({});
    expect(summary).toEqual({
      from: null,
      to: null,
      unitId: null,
      sessions: 0,
      members: [],
      totals: { expected: 0, present: 0, late: 0, excused: 0, absent: 0, madeUp: 0, attendanceRate: 0 },
    });
    expect(JSON.parse(await sut.summariseJson({}))).toEqual(summary);
  });

  it('reads nothing for an unknown unit', async () => {
    const { sut, mocks } = build();
    expect(await rejectionOf(sut.summarise({ unitId: 'nope' }))).toBeInstanceOf(NotFoundError);
    expect(mocks.attendance.attendanceByMember).not.toHaveBeenCalled();
  });

  it('rounds the rate half-up to 4 decimals', () => {
    expect(attendanceRate({ present: 1, late: 0, expected: 8 })).toBe(0.125);
    expect(attendanceRate({ present: 2, late: 0, expected: 3 })).toBe(0.6667);
    expect(attendanceRate({ present: 1, late: 1, expected: 40000 })).toBe(0.0001);
    expect(attendanceRate({ present: 0, late: 0, expected: 0 })).toBe(0);
  });
});
