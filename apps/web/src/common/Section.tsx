import { Empty, theme } from 'antd';
import type { ReactNode } from 'react';
import { Text } from './Text';

/**
 * A titled panel for the member's first page. antd's Card pulls in Tabs and List pulls in
 * Pagination and Select; these two keep the home page's JavaScript small.
 */
export function Section({ title, extra, children, testId }: { title: ReactNode; extra?: ReactNode; children: ReactNode; testId?: string }) {
  const { token } = theme.useToken();
  return (
    <section
      data-testid={testId}
      style={{ background: token.colorBgContainer, borderRadius: token.borderRadiusLG, border: `1px solid ${token.colorBorderSecondary}` }}
    >
      <header style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', padding: '10px 16px', borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
        <Text strong>{title}</Text>
        {extra}
      </header>
      <div style={{ padding: '4px 16px 8px' }}>{children}</div>
    </section>
  );
}

/** Items one under the other; with `empty`, that sentence (small) when there are none. */
export function SimpleList<T>({ items, render, keyOf, empty }: { items: T[]; render: (item: T) => ReactNode; keyOf: (item: T) => string; empty?: string }) {
  const { token } = theme.useToken();
  if (empty !== undefined && items.length === 0) return <Empty description={empty} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {items.map((item, i) => (
        <li key={keyOf(item)} style={{ padding: '12px 0', borderTop: i ? `1px solid ${token.colorSplit}` : undefined }}>
          {render(item)}
        </li>
      ))}
    </ul>
  );
}
