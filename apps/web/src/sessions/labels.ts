import type { Schemas } from '../api/client';

type Session = Schemas['SessionDto'];

export const SESSION_KIND_LABELS: Record<Session['kind'], string> = {
  friday_study: '集中学习会',
  branch_meeting: '支部党员大会',
  group_study: '党小组学习会',
  theme_day: '主题党日',
  warning_education: '警示教育会',
};

export const SESSION_STATUS: Record<Session['status'], { label: string; color: string }> = {
  draft: { label: '草稿', color: 'default' },
  published: { label: '已发布', color: 'blue' },
  completed: { label: '已结束', color: 'green' },
  cancelled: { label: '已取消', color: 'red' },
};

export const CATALOG_KIND_LABELS: Record<Schemas['CatalogItemDto']['kind'], string> = {
  theory: '理论经典',
  history: '党史故事',
  song: '红色歌曲',
  integrity: '廉政文化',
  warning_film: '警示教育片',
  case_study: '以案说纪',
  regulation: '党纪法规',
  other: '其他',
};

export const COURSE_LABELS: Record<'main' | 'side', string> = { main: '主菜', side: '配菜' };
