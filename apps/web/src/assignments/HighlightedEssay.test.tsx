import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { HighlightedEssay } from './HighlightedEssay';
import { sharedPassages } from './shared-passages';

describe('HighlightedEssay', () => {
  it('marks exactly the passages both essays share, and shows the whole text', () => {
    const copied = '严守政治纪律和政治规矩，永葆共产党人清正廉洁的政治本色。';
    const mine = `今天观看了警示教育片。\n${copied}我要从自身做起。`;
    const theirs = `支部组织大家学习，${copied}`;
    const { a } = sharedPassages(mine, theirs);
    render(<HighlightedEssay testId="essay" segments={a} />);
    const marks = screen.getAllByTestId('shared-passage');
    expect(marks.map((m) => m.tagName)).toEqual(['MARK']);
    expect(marks[0].textContent).toBe(copied);
    expect(screen.getByTestId('essay').textContent).toBe(mine);
  });
});
