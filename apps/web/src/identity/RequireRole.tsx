import type { ReactNode } from 'react';
import { ForbiddenPage } from './ForbiddenPage';
import { hasRole, type Role } from './roles';
import { useMe } from './identity.queries';

/** Renders its children only for the given roles, else the 无权访问 page (never a crash). */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const me = useMe();
  if (!me.data) return null;
  return hasRole(me.data.role, roles) ? <>{children}</> : <ForbiddenPage />;
}
