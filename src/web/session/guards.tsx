import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { isGovRole, type Role } from '../../shared/permissions';
import { useSession } from './context';
import { loginUrlFor } from './paths';

/**
 * Renders its children only for a signed-in user whose role passes `allow`; anyone else goes to
 * /login?next=<this page> (the login page explains when a signed-in user lacks the role).
 */
export function RequireRole({ allow, children }: { allow: (role: Role) => boolean; children: ReactNode }) {
  const { user } = useSession();
  const location = useLocation();
  if (!user || !allow(user.role)) {
    return <Navigate to={loginUrlFor(location.pathname + location.search)} replace />;
  }
  return children;
}

export const isEnterprise = (role: Role) => role === 'enterprise';
export const isGovernment = (role: Role) => isGovRole(role);
