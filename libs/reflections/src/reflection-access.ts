import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthUser } from '@qf/common';
import { AccessPolicy } from '@qf/identity';
import { DataSource } from 'typeorm';

/**
 * Who may see and act on which assignments and tasks (through the one AccessPolicy). Tasks are scoped
 * to their OWNER's unit, never to the assignment: auditors and admins read every task, admins act on
 * every task, an organiser reads, reviews and extends only the tasks of people of their units, and
 * everyone writes only their own. An organiser reads an assignment owned by or addressed to one of
 * their units, or holding a task of one of their people; its counts and task list then cover only
 * those people. Closing the whole assignment needs its creator, an organiser of every audience unit
 * and of every task owner's unit, or an admin.
 */
export interface AssignmentScope {
  /** SQL condition on `a` (reflection_assignments), with its bind parameters starting at `$first`. */
  sql: string;
  params: unknown[];
}

/** 'all', or the units whose people's tasks the caller may read. */
export type TaskUnitScope = 'all' | string[];

@Injectable()
export class ReflectionAccess {
  constructor(
    private readonly policy: AccessPolicy,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Units whose people's tasks the caller reads: all for auditors and admins, their units for organisers, none for members. */
  async taskUnitScope(user: AuthUser): Promise<TaskUnitScope> {
    if (this.policy.readsEverything(user)) return 'all';
    return this.policy.managedUnitIds(user);
  }

  /** Assignments the caller may read (organiser: theirs, see above; auditor, admin: all; member: none). */
  async readableScope(user: AuthUser, first: number): Promise<AssignmentScope> {
    const units = await this.taskUnitScope(user);
    if (units === 'all') return { sql: 'TRUE', params: [] };
    if (units.length === 0) return { sql: 'FALSE', params: [] };
    return { sql: readableSql(`$${first}`), params: [units] };
  }

  async readsAssignment(user: AuthUser, a: { id: string }): Promise<boolean> {
    const scope = await this.readableScope(user, 2);
    if (scope.sql === 'TRUE' || scope.sql === 'FALSE') return scope.sql === 'TRUE';
    const rows = await this.dataSource.query(`SELECT 1 FROM reflection_assignments a WHERE a.id = $1 AND ${scope.sql}`, [a.id, ...scope.params]);
    return rows.length > 0;
  }

  /**
   * Whether the caller may close the whole assignment: its creator, an admin, or an organiser who
   * manages every audience unit and the unit of every person holding a task in it.
   */
  async closesAssignment(user: AuthUser, a: { id: string; created_by: string; audience_unit_ids: string[] }): Promise<boolean> {
    if (user.role === 'admin' || a.created_by === user.id) return true;
    const managed = await this.policy.managedUnitIds(user);
    if (managed === 'all') return true;
    if (managed.length === 0) return false;
    const [{ ok }]: { ok: boolean }[] = await this.dataSource.query(
      `SELECT NOT EXISTS (
         (SELECT unnest($2::uuid[]) UNION SELECT u.unit_id FROM reflection_tasks t JOIN users u ON u.id = t.user_id WHERE t.assignment_id = $1)
         EXCEPT SELECT unnest($3::uuid[])) AS ok`,
      [a.id, a.audience_unit_ids, managed],
    );
    return ok;
  }

  /** Reads a task of a person of `ownerUnitId` (someone else's): auditors, admins, organisers of that unit. */
  async readsTaskOf(user: AuthUser, ownerUnitId: string): Promise<boolean> {
    return this.policy.readsEverything(user) || this.policy.manages(user, ownerUnitId);
  }

  /** Acts (reviews, extends) on a task of a person of `ownerUnitId`: admins, organisers of that unit. */
  managesTaskOf(user: AuthUser, ownerUnitId: string): Promise<boolean> {
    return this.policy.manages(user, ownerUnitId);
  }

  /** 403 unless the caller is an admin or acts on someone else's task (nobody approves themselves). */
  assertNotOwnTask(user: AuthUser, ownerId: string, action: 'review' | 'extend'): void {
    this.policy.assertNotSelf(user, ownerId, `${action} their own reflection`);
  }
}

/** Assignments owned by or addressed to units `$units`, or holding a task of a person of them. */
function readableSql(units: string): string {
  return `(a.owner_unit_id = ANY(${units}::uuid[]) OR a.audience_unit_ids && ${units}::uuid[]
    OR EXISTS (SELECT 1 FROM reflection_tasks rt JOIN users ru ON ru.id = rt.user_id
                WHERE rt.assignment_id = a.id AND ru.unit_id = ANY(${units}::uuid[])))`;
}
