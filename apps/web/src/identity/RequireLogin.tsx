import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { PageState } from '../common/PageState';
import { useToken } from './auth-store';
import { useMe } from './identity.queries';

/** Sends a visitor without a valid token to the login page, which brings them back here afterwards. */
export function RequireLogin({ children }: { children: ReactNode }) {
  const token = useToken();
  const location = useLocation();
  const me = useMe();
  if (!token) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  return (
    <PageState loading={me.isPending} error={me.error}>
      {children}
    </PageState>
  );
}
