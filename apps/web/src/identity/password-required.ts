import { useSyncExternalStore } from 'react';

let required = false;
const listeners = new Set<() => void>();

/**
 * Set when the api answers 403 `password change required` (an admin reset the password): until the
 * person changes it, the app shows only the change-password page.
 */
export const passwordRequired = {
  get: () => required,
  set(value: boolean): void {
    if (required === value) return;
    required = value;
    listeners.forEach((l) => l());
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function usePasswordRequired(): boolean {
  return useSyncExternalStore(passwordRequired.subscribe, passwordRequired.get);
}
