import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { vi } from 'vitest';
import { api, type Schemas } from '../api/client';
import { Providers } from '../app/App';
import { authStore } from '../identity/auth-store';
import type { Role } from '../identity/roles';

type Answer = { status: number; body?: unknown };
/** Answers by `METHOD path` (the path with its parameters filled in), as the api would. */
export type FakeApi = Record<string, Answer | (() => Answer)>;

/**
 * Renders `page` at `url` (matched by `route`) for a signed-in person of `role`, with the api client's
 * GET and POST answered from `answers`; returns the calls made.
 */
export function renderPage(page: ReactNode, { url, route, role, answers }: { url: string; route: string; role: Role; answers: FakeApi }) {
  authStore.set('token-of-test', 60);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const me: Schemas['UserDto'] = { id: 'me-1', username: 'u', displayName: '测试', role, unitId: 'unit-1', active: true };
  client.setQueryData(['me', 'token-of-test'], me);
  const calls: string[] = [];
  const answer = (method: string) => (path: string, init?: { params?: { path?: Record<string, string> } }) => {
    const filled = path.replace('/api/v1', '').replace(/\{(\w+)\}/g, (_, k: string) => init?.params?.path?.[k] ?? k);
    const key = `${method} ${filled}`;
    calls.push(key);
    const found = answers[key];
    const a = typeof found === 'function' ? found() : (found ?? { status: 404, body: { statusCode: 404, message: 'not found' } });
    const ok = a.status < 300;
    return Promise.resolve({ data: ok ? a.body : undefined, error: ok ? undefined : a.body, response: new Response(null, { status: a.status === 204 ? 204 : a.status }) });
  };
  vi.spyOn(api, 'GET').mockImplementation(answer('GET') as never);
  vi.spyOn(api, 'POST').mockImplementation(answer('POST') as never);
  render(
    <Providers client={client}>
      <MemoryRouter initialEntries={[url]}>
        <Routes>
          <Route path={route} element={page} />
        </Routes>
      </MemoryRouter>
    </Providers>,
  );
  return calls;
}
