import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { filingTag } from './CampaignsPage';

describe('filingTag: where the caller stands with a campaign’s list', () => {
  const now = new Date('2026-12-05T00:00:00Z');
  it.each([
    [{ mustFile: true, filedAt: '2026-12-01T02:00:00Z', listDueAt: '2026-12-03T10:00:00Z' }, '已填报'],
    [{ mustFile: true, filedAt: null, listDueAt: '2026-12-10T10:00:00Z' }, '待填报'],
    [{ mustFile: true, filedAt: null, listDueAt: '2026-12-03T10:00:00Z' }, '逾期未填报'],
  ])('%o → %s', (c, label) => {
    render(<>{filingTag(c, now)}</>);
    expect(screen.getByText(label)).toBeTruthy();
  });

  it('is nothing for someone who follows the campaign without filing', () => {
    expect(filingTag({ mustFile: false, filedAt: null, listDueAt: '2026-12-03T10:00:00Z' }, now)).toBeNull();
  });
});
