import type { AttendanceRepository } from '@qf/attendance';
import { AuditScopeResolver } from '@qf/audit';
import type { UnitRepository } from '@qf/identity';
import { fake, fakeConfig, fakeRepository } from '@qf/testing';

/** Units the fake unit repository knows, by id. */
export const UNITS: Record<string, string> = { 'unit-1': '第一党支部' };

/**
 * The collaborators of the audit services: a fake attendance repository, and the real scope
 * resolver over a fake unit repository (UNITS) in Asia/Shanghai.
 */
export function auditMocks() {
  const attendance = fakeRepository<AttendanceRepository>();
  const units = fake<UnitRepository>({ nameOf: async (id: string) => UNITS[id] });
  const scopes = new AuditScopeResolver(units, fakeConfig({ ORG_TIMEZONE: 'Asia/Shanghai' }));
  return { attendance, units, scopes };
}
