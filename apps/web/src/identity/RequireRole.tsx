import { lazy, Suspense, type ReactNode } from 'react';
import { hasRole, type Role } from './roles';
import { useMe } from './identity.queries';

const ForbiddenPage = lazy(() => import('./ForbiddenPage').then((m) => ({ default: m.ForbiddenPage })));

/** Renders its children only for the given roles, else the 无权访问 page (never a crash). */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const me = useMe();
  if (!me.data) return null;
  return hasRole(me.data.role, roles) ? (
    <>{children}</>
  ) : (
    <Suspense fallback={null}>
      <ForbiddenPage />
    </Suspense>
  );
}
