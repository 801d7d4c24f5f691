import { QueryClient } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import type { Schemas } from '../api/client';
import { Providers } from '../app/App';
import { authStore } from './auth-store';
import { RequireRole } from './RequireRole';
import { ROLES, type Role } from './roles';

function renderAs(role: Role) {
  authStore.set('token-of-test', 60);
  const client = new QueryClient();
  const me: Schemas['UserDto'] = { id: 'u1', username: 'u', displayName: '测试', role, unitId: 'x', active: true };
  client.setQueryData(['me', 'token-of-test'], me);
  return render(
    <Providers client={client}>
      <MemoryRouter>
        <RequireRole roles={ROLES.organisers}>
          <div>投屏签到内容</div>
        </RequireRole>
      </MemoryRouter>
    </Providers>,
  );
}

describe('RequireRole', () => {
  afterEach(() => authStore.clear());

  it('shows a member the 无权访问 page instead of an organiser page', async () => {
    renderAs('member');
    expect(await screen.findByText('无权访问')).toBeTruthy();
    expect(screen.queryByText('投屏签到内容')).toBeNull();
  });

  it.each(['organiser', 'admin'] as const)('lets an %s in', (role) => {
    renderAs(role);
    expect(screen.getByText('投屏签到内容')).toBeTruthy();
    expect(screen.queryByText('无权访问')).toBeNull();
  });
});
