import createClient from 'openapi-fetch';
import { authStore } from '../identity/auth-store';
import { passwordRequired } from '../identity/password-required';
import { takeEarlyAnswer } from './early-requests';
import type { components, paths } from './schema';

/**
 * Every request goes through this client; its types come from openapi.json (npm run openapi:web).
 * A GET that index.html already made (the home page's, early-requests.ts) takes that answer.
 */
export const api = createClient<paths>({ baseUrl: '', fetch: (request) => takeEarlyAnswer(request) ?? globalThis.fetch(request) });

api.use({
  onRequest({ request }) {
    const token = authStore.token();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  async onResponse({ response }) {
    // An expired or revoked token: forget it; the routes send the person to the login page.
    if (response.status === 401 && authStore.token() && !response.url.endsWith('/auth/login')) authStore.clear();
    if (response.status === 403) {
      const body = (await response.clone().json().catch(() => null)) as { message?: unknown } | null;
      if (body?.message === 'password change required') passwordRequired.set(true);
    }
    return response;
  },
});

export type Schemas = components['schemas'];

/** An error answer of the api: its status and its message (NestJS body `{statusCode, message, error}`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function messageOf(error: unknown, status: number): string {
  const m = (error as { message?: unknown } | undefined)?.message;
  if (Array.isArray(m)) return m.join('；');
  if (typeof m === 'string') return m;
  return `请求失败（${status}）`;
}

/** Awaits an openapi-fetch call and returns its data, or throws an ApiError. */
export async function call<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await request;
  if (!response.ok) throw new ApiError(response.status, messageOf(error, response.status));
  return data as T;
}

/** A message for people: Chinese for the usual statuses, the api's own words otherwise. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 401) return '登录已失效，请重新登录';
    if (err.status === 403) return `无权执行此操作（${err.message}）`;
    if (err.status === 404) return '未找到，或您无权查看';
    if (err.status === 429) return '操作过于频繁，请稍后再试';
    if (err.status >= 500) return '服务器暂时不可用，请稍后再试';
    return err.message;
  }
  return err instanceof Error ? err.message : String(err);
}
