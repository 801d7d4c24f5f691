import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, type Schemas } from '../api/client';
import { createQueryClient, Providers } from '../app/App';
import { authStore } from '../identity/auth-store';
import { HomePage, prefetchHome } from './HomePage';

const me: Schemas['UserDto'] = { id: 'me-1', username: 'u', displayName: '测试', role: 'member', unitId: 'unit-1', active: true };
const emptyPage = { items: [], total: 0 };

// The first render of an antd page imports and lays out a lot; on a busy machine that takes seconds.
describe('HomePage', { timeout: 30_000 }, () => {
  afterEach(() => {
    vi.restoreAllMocks();
    authStore.clear();
  });

  it('prefetchHome asks for all of the first page at once, and the page then asks for nothing again', async () => {
    authStore.set('token-of-test', 60);
    const calls: string[] = [];
    vi.spyOn(api, 'GET').mockImplementation(((path: string, init?: { params?: { query?: unknown } }) => {
      calls.push(`${path} ${JSON.stringify(init?.params?.query ?? {})}`);
      return Promise.resolve({ data: path === '/api/v1/me' ? me : emptyPage, response: new Response(null, { status: 200 }) });
    }) as never);
    const client = createQueryClient(); // the app's own defaults (staleTime), as main.tsx uses them

    prefetchHome(client, 'token-of-test');
    // Before any render: /me, the bell's count and the four panels, together.
    expect(calls.map((c) => c.split(' ')[0]).sort()).toEqual(
      ['/api/v1/me', '/api/v1/me/notifications', '/api/v1/me/notifications', '/api/v1/me/reflection-tasks', '/api/v1/reading-lists', '/api/v1/sessions'].sort(),
    );

    render(
      <Providers client={client}>
        <MemoryRouter>
          <HomePage />
        </MemoryRouter>
      </Providers>,
    );
    expect(await screen.findByText('测试，您好')).toBeTruthy();
    expect(await screen.findByText('近期没有安排的活动')).toBeTruthy();
    expect(await screen.findByText('没有待完成的心得')).toBeTruthy();
    expect(await screen.findByText('今年暂无学习清单')).toBeTruthy();
    // The page's queries are the prefetched ones (same keys): no request twice.
    expect(calls).toHaveLength(6);
    expect(new Set(calls).size).toBe(6);
  });
});
