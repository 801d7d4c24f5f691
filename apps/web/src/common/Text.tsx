import { theme } from 'antd';
import type { CSSProperties, ReactNode } from 'react';

/**
 * Light stand-ins for antd Typography on the member's first page (login, layout, home): Typography
 * brings Tooltip, the copy/edit/ellipsis machinery and their icons (~8 KiB gzipped), none of which
 * these pages use. Other pages keep Typography.
 */
export function Text({ type, strong, style, children }: { type?: 'secondary' | 'danger'; strong?: boolean; style?: CSSProperties; children: ReactNode }) {
  const { token } = theme.useToken();
  const color = type === 'secondary' ? token.colorTextSecondary : type === 'danger' ? token.colorError : undefined;
  return <span style={{ color, fontWeight: strong ? token.fontWeightStrong : undefined, ...style }}>{children}</span>;
}

/** A heading styled like Typography.Title at `level` (3 or 4). */
export function Title({ level, style, children }: { level: 3 | 4; style?: CSSProperties; children: ReactNode }) {
  const { token } = theme.useToken();
  const H = level === 3 ? 'h3' : 'h4';
  return (
    <H
      style={{
        margin: '0 0 0.5em',
        color: token.colorTextHeading,
        fontWeight: token.fontWeightStrong,
        fontSize: level === 3 ? token.fontSizeHeading3 : token.fontSizeHeading4,
        lineHeight: level === 3 ? token.lineHeightHeading3 : token.lineHeightHeading4,
        ...style,
      }}
    >
      {children}
    </H>
  );
}
