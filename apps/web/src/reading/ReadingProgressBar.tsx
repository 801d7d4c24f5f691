import { theme } from 'antd';
import type { Schemas } from '../api/client';

/**
 * The caller's own progress on a list: required items finished. A plain bar styled like antd's small
 * Progress (which would add ~5 KiB to the member's first page, where this bar is shown).
 */
export function ReadingProgressBar({ own }: { own: Schemas['OwnTotalsDto'] }) {
  const { token } = theme.useToken();
  const percent = Math.min(100, Math.max(0, Math.round(own.completion * 100)));
  const done = percent >= 100;
  return (
    <div
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      style={{ display: 'flex', alignItems: 'center', gap: 8, fontSize: token.fontSizeSM }}
    >
      <div style={{ flex: 1, height: 6, borderRadius: 3, background: token.colorFillSecondary, overflow: 'hidden' }}>
        <div style={{ width: `${percent}%`, height: '100%', borderRadius: 3, background: done ? token.colorSuccess : token.colorInfo }} />
      </div>
      <span style={{ color: token.colorText, whiteSpace: 'nowrap' }}>
        {own.finishedRequired}/{own.required}
      </span>
    </div>
  );
}
