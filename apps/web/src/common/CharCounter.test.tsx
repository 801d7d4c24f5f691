import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { countChars } from '@libs/common/char-count';
import { CharCounter } from './CharCounter';

describe('CharCounter', () => {
  it('shows the server’s own count (libs/common countChars) and the minimum', () => {
    const text = '观看警示教育片后，我深受触动。Deng Xiaoping 说过：ABC123 東京2024オリンピック　コーヒー';
    render(<CharCounter text={text} min={300} />);
    const el = screen.getByTestId('char-count');
    expect(Number(el.dataset.count)).toBe(countChars(text));
    expect(el.textContent).toContain(`字数 ${countChars(text)} / 最少 300`);
    expect(el.textContent).toContain(`还差 ${300 - countChars(text)} 字`);
  });

  it('counts like Word: runs of Latin letters are one word each, spaces and half-width punctuation nothing', () => {
    render(<CharCounter text="Deng Xiaoping, 你好！" />);
    expect(screen.getByTestId('char-count').dataset.count).toBe('5');
  });

  it('is not marked short once the minimum is reached', () => {
    render(<CharCounter text="一二三" min={3} />);
    expect(screen.getByTestId('char-count').textContent).not.toContain('还差');
  });
});
