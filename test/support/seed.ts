import type { Role } from '@qf/database';
import { ARGON2_OPTIONS } from '@qf/identity';
import * as argon2 from 'argon2';
import type { TestApp } from './test-app';

export const SEED_PASSWORD = 'test-password-2026';
let hash: Promise<string> | undefined;
/** One argon2id hash shared by every seeded user: hashing is slow on purpose. */
export const seedPasswordHash = () => (hash ??= argon2.hash(SEED_PASSWORD, ARGON2_OPTIONS));

export interface SeedUnits {
  dept: string;
  branchA: string;
  groupA1: string;
  branchB: string;
}

export type Caller = 'admin' | 'auditor' | 'organiserA' | 'organiserB' | 'memberA' | 'memberA1' | 'memberB' | 'memberDept';

export interface SeededUser {
  id: string;
  username: string;
  role: Role;
  unitId: string;
  token: string;
}

export interface Seed {
  units: SeedUnits;
  users: Record<Caller, SeededUser>;
  /** `Authorization` header value for a seeded caller. */
  auth(caller: Caller): string;
}

/**
 * A unit tree and one logged-in user per kind of caller:
 *   机关党委 (dept, memberDept, admin, auditor)
 *   ├── 第一党支部 (branchA: organiserA, memberA)
 *   │   └── 第一党小组 (groupA1: memberA1)
 *   └── 第二党支部 (branchB: organiserB, memberB)
 */
export async function seedOrg(t: TestApp, prefix = ''): Promise<Seed> {
  const q = (sql: string, params: unknown[]) => t.db.query(sql, params);
  const unit = async (name: string, parent?: { id: string; path: string }) => {
    const [row] = await q(
      `INSERT INTO units (id, name, parent_id, path) SELECT g.id, $1, $2::uuid, $3 || g.id || '/' FROM (SELECT gen_random_uuid() AS id) g RETURNING id, path`,
      [prefix + name, parent?.id ?? null, parent?.path ?? '/'],
    );
    return row as { id: string; path: string };
  };
  const dept = await unit('机关党委');
  const branchA = await unit('第一党支部', dept);
  const groupA1 = await unit('第一党小组', branchA);
  const branchB = await unit('第二党支部', dept);
  const specs: [Caller, Role, string, string][] = [
    ['admin', 'admin', dept.id, '管理员'],
    ['auditor', 'auditor', dept.id, '纪检员'],
    ['organiserA', 'organiser', branchA.id, '支部书记甲'],
    ['organiserB', 'organiser', branchB.id, '支部书记乙'],
    ['memberA', 'member', branchA.id, '党员甲'],
    ['memberA1', 'member', groupA1.id, '党员甲一'],
    ['memberB', 'member', branchB.id, '党员乙'],
    ['memberDept', 'member', dept.id, '机关党员'],
  ];
  const passwordHash = await seedPasswordHash();
  const users = {} as Record<Caller, SeededUser>;
  for (const [caller, role, unitId, displayName] of specs) {
    const username = `${prefix}${caller}`.toLowerCase();
    const [row] = await q(
      `INSERT INTO users (username, display_name, password_hash, role, unit_id)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [username, displayName, passwordHash, role, unitId],
    );
    const res = await t.http().post('/api/v1/auth/login').send({ username, password: SEED_PASSWORD }).expect(200);
    users[caller] = { id: row.id, username, role, unitId, token: res.body.accessToken };
  }
  return {
    units: { dept: dept.id, branchA: branchA.id, groupA1: groupA1.id, branchB: branchB.id },
    users,
    auth: (caller) => `Bearer ${users[caller].token}`,
  };
}
