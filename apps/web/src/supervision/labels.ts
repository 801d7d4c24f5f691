import type { Schemas } from '../api/client';

type Item = Schemas['ItemDto'];

export const ITEM_STATUS: Record<Item['status'], { label: string; color: string }> = {
  assigned: { label: '待签收', color: 'default' },
  accepted: { label: '办理中', color: 'processing' },
  reported: { label: '已报结', color: 'blue' },
  closed: { label: '已销号', color: 'green' },
};

export const ITEM_KIND: Record<Item['kind'], string> = {
  supervision: '督办事项',
  rectification: '整改事项',
  talk_followup: '谈话跟踪',
};

/** "13710": 1, 3, 7 or 10 working days, 30 for major matters. */
export const TIME_LIMIT_LABEL: Record<number, string> = {
  1: '1 个工作日（急事急办）',
  3: '3 个工作日',
  7: '7 个工作日（一般事项）',
  10: '10 个工作日',
  30: '30 个工作日（重大事项）',
};

export const PROGRESS_KIND: Record<Schemas['ProgressDto']['kind'], { label: string; color: string }> = {
  progress: { label: '进展', color: 'blue' },
  report: { label: '办结报告', color: 'cyan' },
  return: { label: '退回', color: 'red' },
  close: { label: '销号', color: 'green' },
};

export const EXTENSION_STATUS: Record<Schemas['ExtensionDto']['status'], { label: string; color: string }> = {
  pending: { label: '待审批', color: 'gold' },
  approved: { label: '已同意', color: 'green' },
  rejected: { label: '未同意', color: 'red' },
};
