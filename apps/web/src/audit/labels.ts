import type { Schemas } from '../api/client';

export const ANOMALY_LABELS: Record<Schemas['AttendanceAnomalyDto']['kind'], { label: string; color: string }> = {
  repeated_absence: { label: '多次缺席', color: 'red' },
  repeated_late: { label: '多次迟到', color: 'orange' },
  changed_after_completion: { label: '结束后改动', color: 'purple' },
  undecided_leave: { label: '请假未审批', color: 'gold' },
};
