import { Tag } from 'antd';
import type { Schemas } from '../api/client';
import { timeLeft } from '../common/org-time';

type Warning = Schemas['TaskDto']['warning'];

/** 三色预警: yellow at ≤ 30 % of the window left, orange at ≤ 15 %, red once overdue (computed by the api). */
export const WARNING_STYLE: Record<Warning, { label: string; color: string }> = {
  none: { label: '正常', color: 'green' },
  yellow: { label: '黄色预警', color: 'gold' },
  orange: { label: '橙色预警', color: 'orange' },
  red: { label: '红色预警', color: 'red' },
};

export function WarningTag({ warning, dueAt, now }: { warning: Warning; dueAt?: string; now?: Date }) {
  const style = WARNING_STYLE[warning];
  return (
    <Tag color={style.color} data-testid="warning-tag" data-warning={warning}>
      {style.label}
      {dueAt && ` · ${timeLeft(dueAt, now)}`}
    </Tag>
  );
}
