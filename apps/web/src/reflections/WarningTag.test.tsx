import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { WarningTag } from './WarningTag';

describe('WarningTag (三色预警)', () => {
  it.each([
    ['none', '正常', 'green'],
    ['yellow', '黄色预警', 'gold'],
    ['orange', '橙色预警', 'orange'],
    ['red', '红色预警', 'red'],
  ] as const)('%s is %s in %s', (warning, label, colour) => {
    render(<WarningTag warning={warning} />);
    const tag = screen.getByTestId('warning-tag');
    expect(tag.textContent).toBe(label);
    expect(tag.className).toContain(`ant-tag-${colour}`);
  });

  it('shows the time left, or how long overdue', () => {
    const now = new Date('2026-12-04T07:00:00Z');
    const { rerender } = render(<WarningTag warning="yellow" dueAt="2026-12-06T10:30:00Z" now={now} />);
    expect(screen.getByTestId('warning-tag').textContent).toBe('黄色预警 · 剩余 2 天 3 小时');
    rerender(<WarningTag warning="red" dueAt="2026-12-04T02:00:00Z" now={now} />);
    expect(screen.getByTestId('warning-tag').textContent).toBe('红色预警 · 已逾期 5 小时 0 分');
  });
});
