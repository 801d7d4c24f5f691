import { QueryClient } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import type { Schemas } from '../api/client';
import { Providers } from '../app/App';
import { authStore } from '../identity/auth-store';
import type { Role } from '../identity/roles';
import { itemOf } from '../test/supervision-fixture';
import { ItemView } from './SupervisionItemPage';

function renderAs(id: string, role: Role, item: Schemas['ItemDto']) {
  authStore.set('token-of-test', 60);
  const client = new QueryClient();
  client.setQueryData(['me', 'token-of-test'], { id, username: 'u', displayName: '测试', role, unitId: 'unit-1', active: true });
  return render(
    <Providers client={client}>
      <MemoryRouter>
        <ItemView item={item} />
      </MemoryRouter>
    </Providers>,
  );
}

// The first antd render in a fresh jsdom takes seconds on a loaded machine.
describe('the supervision item page', { timeout: 30_000 }, () => {
  afterEach(() => authStore.clear());

  it('shows the owner 签收 on an assigned item, and no review panel', () => {
    renderAs('owner-1', 'member', itemOf());
    expect(within(screen.getByTestId('owner-panel')).getByRole('button', { name: '签收' })).toBeTruthy();
    expect(screen.queryByTestId('supervisor-panel')).toBeNull();
    expect(screen.getByText('未签收（应于 2026-12-02 18:00 前）')).toBeTruthy();
  });

  it('shows the supervisor 销号 and 退回 on a reported item, and the original due time after an extension', () => {
    renderAs('org-1', 'organiser', itemOf({ status: 'reported', acceptedAt: '2026-12-01T03:00:00.000Z', dueAt: '2026-12-17T10:00:00.000Z' }));
    const panel = screen.getByTestId('supervisor-panel');
    expect(within(panel).getByRole('button', { name: '销号' })).toBeTruthy();
    expect(within(panel).getByRole('button', { name: '退回' })).toBeTruthy();
    expect(screen.queryByTestId('owner-panel')).toBeNull();
    expect(screen.getByText('（原定 2026-12-10 18:00）')).toBeTruthy();
  });

  it('refuses a return without a comment before asking the api', () => {
    renderAs('org-1', 'organiser', itemOf({ status: 'reported' }));
    within(screen.getByTestId('supervisor-panel')).getByRole('button', { name: '退回' }).click();
    return screen.findByText('退回须填写审核意见');
  });

  it('shows an organiser who owns the item their own panel, never the review one', () => {
    renderAs('owner-1', 'organiser', itemOf({ status: 'reported' }));
    expect(screen.getByTestId('owner-panel')).toBeTruthy();
    expect(screen.queryByTestId('supervisor-panel')).toBeNull();
  });
});
