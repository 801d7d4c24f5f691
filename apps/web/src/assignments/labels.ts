import type { Schemas } from '../api/client';

export const ASSIGNMENT_STATUS: Record<Schemas['AssignmentDto']['status'], { label: string; color: string }> = {
  dispatching: { label: '分发中', color: 'processing' },
  open: { label: '进行中', color: 'blue' },
  closed: { label: '已截止', color: 'default' },
};

/** Card colours of the task board, by 三色预警. */
export const WARNING_BORDER: Record<Schemas['TaskDto']['warning'], string> = {
  none: '#d9d9d9',
  yellow: '#fadb14',
  orange: '#fa8c16',
  red: '#f5222d',
};
