import type { Schemas } from '../api/client';

export const ATTENDANCE_STATUS: Record<Schemas['AttendanceRecordDto']['status'], { label: string; color: string }> = {
  expected: { label: '待签到', color: 'default' },
  present: { label: '已签到', color: 'green' },
  late: { label: '迟到', color: 'orange' },
  excused: { label: '请假', color: 'blue' },
  absent: { label: '缺席', color: 'red' },
};

export const LEAVE_STATUS: Record<string, { label: string; color: string }> = {
  pending: { label: '待审批', color: 'gold' },
  approved: { label: '已批准', color: 'green' },
  rejected: { label: '未批准', color: 'red' },
  withdrawn: { label: '已撤回', color: 'default' },
};
