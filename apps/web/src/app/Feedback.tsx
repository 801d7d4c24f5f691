import { theme } from 'antd';
// antd's own context, so that `App.useApp()` in every page keeps working unchanged.
import AppContext, { type useAppProps } from 'antd/es/app/context';
import { lazy, Suspense, useCallback, useMemo, useRef, useState, type ReactNode } from 'react';

const FeedbackHolders = lazy(() => import('./FeedbackHolders'));

type Group = keyof useAppProps;

/**
 * Stands in for antd `<App>`: provides `App.useApp()`'s message, notification and modal, but loads
 * their code (antd message, notification and Modal, ~15 KiB gzipped) on the first call instead of on
 * the member's first page, which never calls them. Calls made before it has loaded are replayed in
 * order once it has (they return nothing meanwhile; no caller uses the return value). Also sets the
 * base text style antd App gives its children.
 */
export function Feedback({ children }: { children: ReactNode }) {
  const { token } = theme.useToken();
  const [wanted, setWanted] = useState(false);
  const api = useRef<useAppProps | null>(null);
  const pending = useRef<(((api: useAppProps) => unknown) & { group: Group })[]>([]);
  const value = useMemo(() => {
    const forward = (group: Group) =>
      new Proxy(
        {},
        {
          get: (_, method: string) =>
            (...args: unknown[]) => {
              const call = Object.assign((a: useAppProps) => (a[group] as unknown as Record<string, (...x: unknown[]) => unknown>)[method](...args), { group });
              if (api.current) return call(api.current);
              if (method === 'destroy') {
                // Nothing shown yet: drop what is still waiting to be shown rather than load the code.
                pending.current = pending.current.filter((p) => p.group !== group);
                return undefined;
              }
              pending.current.push(call);
              setWanted(true);
              return undefined;
            },
        },
      );
    return { message: forward('message'), notification: forward('notification'), modal: forward('modal') } as unknown as useAppProps;
  }, []);
  const ready = useCallback((loaded: useAppProps) => {
    api.current = loaded;
    for (const call of pending.current.splice(0)) call(loaded);
  }, []);
  return (
    <AppContext.Provider value={value}>
      <div style={{ color: token.colorText, fontSize: token.fontSize, lineHeight: token.lineHeight, fontFamily: token.fontFamily }}>{children}</div>
      {wanted && (
        <Suspense fallback={null}>
          <FeedbackHolders onReady={ready} />
        </Suspense>
      )}
    </AppContext.Provider>
  );
}
