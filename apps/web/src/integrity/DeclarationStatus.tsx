import { Tag } from 'antd';
import type { Schemas } from '../api/client';
import { formatDateTime } from '../common/org-time';

/** 待确认 / 已确认 (with when) of a declaration. */
export function DeclarationStatus({ declaration }: { declaration: Pick<Schemas['DeclarationDto'], 'acknowledgedAt'> }) {
  return declaration.acknowledgedAt ? (
    <Tag color="green" data-testid="declaration-status">
      已确认 {formatDateTime(declaration.acknowledgedAt)}
    </Tag>
  ) : (
    <Tag color="gold" data-testid="declaration-status">
      待确认
    </Tag>
  );
}

/** `40 人 / 4 桌` or `—`. */
export function scale(d: Pick<Schemas['DeclarationDto'], 'guests' | 'tables'>): string {
  const parts = [d.guests != null && `${d.guests} 人`, d.tables != null && `${d.tables} 桌`].filter(Boolean);
  return parts.length ? parts.join(' / ') : '—';
}
