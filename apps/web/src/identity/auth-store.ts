import { useSyncExternalStore } from 'react';

const KEY = 'qf_token';
const listeners = new Set<() => void>();

/** The access token, in localStorage (and a cookie scoped to Bull Board for admins). */
export const authStore = {
  token(): string | null {
    try {
      return localStorage.getItem(KEY);
    } catch {
      return null;
    }
  },
  set(token: string, expiresInSeconds: number): void {
    localStorage.setItem(KEY, token);
    document.cookie = `qf_token=${token}; path=/admin; max-age=${expiresInSeconds}; SameSite=Strict`;
    listeners.forEach((l) => l());
  },
  clear(): void {
    localStorage.removeItem(KEY);
    document.cookie = 'qf_token=; path=/admin; max-age=0; SameSite=Strict';
    listeners.forEach((l) => l());
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function useToken(): string | null {
  return useSyncExternalStore(authStore.subscribe, authStore.token);
}
