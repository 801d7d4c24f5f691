import type { Schemas } from '../api/client';

export const READING_CATEGORY_LABELS: Record<Schemas['ReadingItemDto']['category'], string> = {
  regulation: '党纪法规',
  confession: '忏悔录',
  case_handbook: '以案释法',
  theory: '理论学习',
  other: '其他',
};
