import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../app/App';
import { prefetchHome } from '../home/HomePage';
import { authStore } from '../identity/auth-store';
import { api } from './client';

// The api client (baseUrl '', as in the browser) builds relative Requests, which Node's Request
// refuses; it reads `Request` when created, so this goes before the imports run.
vi.hoisted(() => {
  const NodeRequest = globalThis.Request;
  globalThis.Request = class extends NodeRequest {
    constructor(input: RequestInfo | URL, init?: RequestInit) {
      super(typeof input === 'string' ? new URL(input, window.location.href) : input, init);
    }
  };
});

/** Runs index.html's inline script (the one without a `src`), as the browser does. */
function runInlineScript(): void {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the script is index.html's own
  new Function(inlineScript())();
}

function inlineScript(): string {
  const html = readFileSync(join(__dirname, '../../index.html'), 'utf8');
  const found = /<script>([\s\S]*?)<\/script>/.exec(html);
  if (!found) throw new Error('index.html has no inline script');
  return found[1];
}

describe('early requests (index.html asks for the home page’s data before the scripts run)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    delete window.__qfEarly;
    document.querySelector('meta[name="qf-org-timezone"]')?.remove();
    authStore.clear();
  });

  it('asks for exactly what the home page asks for, and the api client takes each answer once', async () => {
    const meta = document.createElement('meta');
    meta.name = 'qf-org-timezone';
    meta.content = 'Asia/Shanghai';
    document.head.append(meta);
    authStore.set('token-of-test', 60);
    const requested: string[] = [];
    const fetchStub = vi.fn((input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(new URL(input instanceof Request ? input.url : String(input), window.location.href), init);
      requested.push(`${request.headers.get('Authorization')} ${new URL(request.url).pathname}${new URL(request.url).search}`);
      const body = new URL(request.url).pathname === '/api/v1/me' ? { id: 'me-1', username: 'u', displayName: '测试', role: 'member', unitId: 'u1', active: true } : { items: [], total: 0 };
      return Promise.resolve(new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } }));
    });
    vi.stubGlobal('fetch', fetchStub);

    runInlineScript();
    expect(requested).toHaveLength(6);
    expect(requested.every((r) => r.startsWith('Bearer token-of-test '))).toBe(true);

    const client = createQueryClient();
    prefetchHome(client, 'token-of-test');
    await waitFor(() => expect(client.isFetching()).toBe(0));
    // Every query of the page was answered from the early requests: none went to the network again.
    expect(client.getQueryCache().getAll().map((q) => q.state.status)).toEqual(Array(6).fill('success'));
    expect(requested).toHaveLength(6);

    // Once taken, an answer is gone: the same request again goes to the network.
    await api.GET('/api/v1/me');
    expect(requested).toHaveLength(7);
  });

  it('asks for nothing without a token', () => {
    const fetchStub = vi.fn();
    vi.stubGlobal('fetch', fetchStub);
    runInlineScript();
    expect(fetchStub).not.toHaveBeenCalled();
    expect(window.__qfEarly).toBeUndefined();
  });
});
