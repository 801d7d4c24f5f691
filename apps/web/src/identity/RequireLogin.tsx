import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Alert } from '../common/Alert';
import { PageState } from '../common/PageState';
import { useToken } from './auth-store';
import { useMe } from './identity.queries';
import { usePasswordRequired } from './password-required';

const ChangePasswordPage = lazy(() => import('./ChangePasswordPage').then((m) => ({ default: m.ChangePasswordPage })));

/** Sends a visitor without a valid token to the login page, which brings them back here afterwards. */
export function RequireLogin({ children }: { children: ReactNode }) {
  const token = useToken();
  const location = useLocation();
  const me = useMe();
  const mustChange = usePasswordRequired();
  if (!token) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  if (mustChange) {
    return (
      <div style={{ maxWidth: 520, margin: '0 auto', padding: 16 }}>
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} message="管理员已重置您的密码，请先设置新密码后再继续使用。" />
        <Suspense fallback={null}>
          <ChangePasswordPage />
        </Suspense>
      </div>
    );
  }
  return (
    <PageState loading={me.isPending} error={me.error}>
      {children}
    </PageState>
  );
}
