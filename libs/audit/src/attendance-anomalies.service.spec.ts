import { auditMocks } from '../../../test/unit-support/audit-fakes';
import { newTestService } from '@qf/testing';
import { AttendanceAnomaliesService, REPEAT_THRESHOLD } from './attendance-anomalies.service';

describe('AttendanceAnomaliesService', () => {
  const build = () => {
    const built = newTestService((m) => new AttendanceAnomaliesService(m.attendance, m.scopes), auditMocks());
    built.mocks.attendance.repeatedAbsenceOrLate.mockResolvedValue([]);
    built.mocks.attendance.changedAfterCompletion.mockResolvedValue([]);
    built.mocks.attendance.undecidedLeaves.mockResolvedValue([]);
    return built;
  };

  it('asks for repeats at the threshold over the resolved scope', async () => {
    const { sut, mocks } = build();
    await expect(sut.find({ unitId: 'unit-1', from: '2026-12-01' })).resolves.toEqual({ items: [] });
    const scope = expect.objectContaining({ unitId: 'unit-1', start: new Date('2026-11-30T16:00:00Z'), end: null });
    expect(mocks.attendance.repeatedAbsenceOrLate).toHaveBeenCalledWith(scope, REPEAT_THRESHOLD);
    expect(mocks.attendance.changedAfterCompletion).toHaveBeenCalledWith(scope);
    expect(mocks.attendance.undecidedLeaves).toHaveBeenCalledWith(scope);
  });

  it('lists repeated absences (made-up ones still count) and lateness only at or above the threshold, then changes, then undecided leave', async () => {
    const { sut, mocks } = build();
    const at = new Date('2026-12-05T10:00:00Z');
    mocks.attendance.repeatedAbsenceOrLate.mockResolvedValue([
      { userId: 'a', absent: 3, absentMadeUp: 2, late: 2 },
      { userId: 'b', absent: 1, absentMadeUp: 0, late: 4 },
      { userId: 'c', absent: 5, absentMadeUp: 0, late: 3 },
    ]);
    mocks.attendance.changedAfterCompletion.mockResolvedValue([{ sessionId: 's1', userId: 'a', changes: 2, lastChangedAt: at }]);
    mocks.attendance.undecidedLeaves.mockResolvedValue([{ id: 'l1', sessionId: 's2', userId: 'b' }]);
    const { items } = await sut.find({});
    expect(items).toEqual([
      { kind: 'repeated_absence', userId: 'a', count: 3, madeUp: 2, detail: '缺席 3 次（其中已补学 2 次）' },
      { kind: 'repeated_late', userId: 'b', count: 4, detail: '迟到 4 次' },
      { kind: 'repeated_absence', userId: 'c', count: 5, madeUp: 0, detail: '缺席 5 次（其中已补学 0 次）' },
      { kind: 'repeated_late', userId: 'c', count: 3, detail: '迟到 3 次' },
      { kind: 'changed_after_completion', userId: 'a', sessionId: 's1', count: 2, lastChangedAt: at, detail: '学习会结束后考勤记录被修改 2 次' },
      { kind: 'undecided_leave', userId: 'b', sessionId: 's2', leaveRequestId: 'l1', count: 1, detail: '请假申请在学习会结束时仍未审批' },
    ]);
  });
});
