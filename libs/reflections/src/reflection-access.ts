import { Injectable } from '@nestjs/common';
import { AuthUser } from '@qf/common';
import { AccessPolicy } from '@qf/identity';
import { ReflectionRepository, TaskUnitScope } from './reflection.repository';

export type { TaskUnitScope };

/**
 * Who may see and act on which assignments and tasks (through the one AccessPolicy). Tasks are scoped
 * to their OWNER's unit, never to the assignment: auditors and admins read every task, admins act on
 * every task, an organiser reads, reviews and extends only the tasks of people of their units, and
 * everyone writes only their own. An organiser reads an assignment owned by or addressed to one of
 * their units, or holding a task of one of their people; its counts and task list then cover only
 * those people. Closing the whole assignment needs its creator, an organiser of every audience unit
 * and of every task owner's unit, or an admin.
 */
@Injectable()
export class ReflectionAccess {
  constructor(
    private readonly policy: AccessPolicy,
    private readonly repo: ReflectionRepository,
  ) {}

  /** Units whose people's tasks the caller reads: all for auditors and admins, their units for organisers, none for members. */
  async taskUnitScope(user: AuthUser): Promise<TaskUnitScope> {
    if (this.policy.readsEverything(user)) return 'all';
    return this.policy.managedUnitIds(user);
  }

  /** Assignments the caller may read: an organiser's (see above); auditor, admin: all; member: none. */
  async readsAssignment(user: AuthUser, a: { id: string }): Promise<boolean> {
    return this.repo.isReadable(a.id, await this.taskUnitScope(user));
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
    return this.repo.coveredBy(a.id, a.audience_unit_ids, managed);
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
