import { Injectable } from '@nestjs/common';
import { AuthUser } from '@qf/common';
import { AccessPolicy } from '@qf/identity';

/**
 * Who may see and manage which assignments (through the one AccessPolicy): auditors and admins read
 * all, admins manage all; an organiser manages ("their") assignments whose owning unit (the creator's
 * unit) or one of whose audience units is one of their units; members only their own tasks.
 */
export interface AssignmentScope {
  /** SQL condition on `a` (reflection_assignments), with its bind parameters starting at `$first`. */
  sql: string;
  params: unknown[];
}

@Injectable()
export class ReflectionAccess {
  constructor(private readonly policy: AccessPolicy) {}

  /** Assignments the caller may read (organiser: their own; auditor, admin: all; member: none). */
  async readableScope(user: AuthUser, first: number): Promise<AssignmentScope> {
    if (this.policy.readsEverything(user)) return { sql: 'TRUE', params: [] };
    const managed = await this.policy.managedUnitIds(user);
    if (managed === 'all') return { sql: 'TRUE', params: [] };
    if (managed.length === 0) return { sql: 'FALSE', params: [] };
    return { sql: `(a.owner_unit_id = ANY($${first}::uuid[]) OR a.audience_unit_ids && $${first}::uuid[])`, params: [managed] };
  }

  /** Whether the caller manages an assignment with this owner unit and these audience units. */
  async managesAssignment(user: AuthUser, a: { owner_unit_id: string; audience_unit_ids: string[] }): Promise<boolean> {
    const managed = await this.policy.managedUnitIds(user);
    if (managed === 'all') return true;
    return managed.includes(a.owner_unit_id) || a.audience_unit_ids.some((u) => managed.includes(u));
  }

  async readsAssignment(user: AuthUser, a: { owner_unit_id: string; audience_unit_ids: string[] }): Promise<boolean> {
    return this.policy.readsEverything(user) || this.managesAssignment(user, a);
  }
}
