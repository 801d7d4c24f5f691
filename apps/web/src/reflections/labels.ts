import type { Schemas } from '../api/client';

export const TASK_STATUS: Record<Schemas['TaskDto']['status'], { label: string; color: string }> = {
  assigned: { label: '待撰写', color: 'default' },
  draft: { label: '草稿', color: 'processing' },
  submitted: { label: '已提交', color: 'blue' },
  returned: { label: '已退回', color: 'red' },
  approved: { label: '已通过', color: 'green' },
};

/** A task the owner may still write and submit. */
export function isOpenTask(t: Schemas['TaskDto']): boolean {
  return t.status === 'assigned' || t.status === 'draft' || t.status === 'returned';
}
