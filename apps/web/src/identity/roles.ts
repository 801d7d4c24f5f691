import type { Schemas } from '../api/client';

export type Role = Schemas['UserDto']['role'];

/** Who may open which part of the app; the api checks the same on every request. */
export const ROLES = {
  everyone: ['member', 'organiser', 'auditor', 'admin'],
  organisers: ['organiser', 'admin'],
  auditors: ['auditor', 'admin'],
  admins: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export const ROLE_LABELS: Record<Role, string> = {
  member: '党员',
  organiser: '组织员',
  auditor: '纪检监察',
  admin: '系统管理员',
};

export function hasRole(role: Role | undefined, allowed: readonly Role[]): boolean {
  return role !== undefined && allowed.includes(role);
}
