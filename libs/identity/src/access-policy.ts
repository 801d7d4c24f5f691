import { Injectable } from '@nestjs/common';
import { AuthUser, ForbiddenError, NotFoundError } from '@qf/common';
import { UnitRepository } from './unit.repository';

/**
 * The one authorisation policy. Roles:
 * - member: sees their unit and its ancestors; acts on their own records only;
 * - organiser: a member who also manages their unit and its descendants ("their units");
 * - auditor: reads everything, changes nothing but their password and notifications;
 * - admin: everything, everywhere.
 * Controllers check roles with @Roles; services call this for every object.
 */
@Injectable()
export class AccessPolicy {
  constructor(private readonly units: UnitRepository) {}

  readsEverything(user: AuthUser): boolean {
    return user.role === 'admin' || user.role === 'auditor';
  }

  /** Units the caller manages: 'all' for admins, their subtree for organisers, none otherwise. */
  async managedUnitIds(user: AuthUser): Promise<'all' | string[]> {
    if (user.role === 'admin') return 'all';
    if (user.role !== 'organiser') return [];
    return this.units.subtreeIds(user.unitId);
  }

  /** Units whose sessions and lists the caller can see. */
  async visibleUnitIds(user: AuthUser): Promise<'all' | string[]> {
    if (this.readsEverything(user)) return 'all';
    return this.units.lineageIds(user.unitId, user.role === 'organiser');
  }

  /** Whether the caller manages every one of `unitIds` (one query, whatever their number). */
  async managesAll(user: AuthUser, unitIds: string[]): Promise<boolean> {
    const managed = await this.managedUnitIds(user);
    if (managed === 'all') return true;
    const mine = new Set(managed);
    return unitIds.every((id) => mine.has(id));
  }

  async manages(user: AuthUser, unitId: string): Promise<boolean> {
    if (user.role === 'admin') return true;
    if (user.role !== 'organiser') return false;
    return this.units.isWithin(unitId, user.unitId);
  }

  /**
   * Nobody but an admin acts on their own record: marking one's own attendance, deciding one's own
   * leave, reviewing or extending one's own reflection, closing one's own supervision item — and every
   * future approve-style action. False when `ownerId` is the caller and the caller is not an admin.
   */
  mayActOnOwnRecord(user: AuthUser, ownerId: string): boolean {
    return ownerId !== user.id || user.role === 'admin';
  }

  /** Throws 403 when the caller (not an admin) would act on their own record; `action` reads like "decide their own leave request". */
  assertNotSelf(user: AuthUser, ownerId: string, action: string): void {
    if (!this.mayActOnOwnRecord(user, ownerId)) throw new ForbiddenError(`nobody but an admin may ${action}`);
  }

  /**
   * Organisers act only on their units' people, object by object: throws 403 unless the caller
   * manages `personUnitId`, the unit a person belongs to now — also when the container (a session,
   * an assignment) is theirs but the person has since moved to another unit. Call it after the
   * container check, so callers who cannot see the container still get 404.
   */
  async assertManagesPerson(user: AuthUser, personUnitId: string): Promise<void> {
    if (!(await this.manages(user, personUnitId))) throw new ForbiddenError('this person is not of your units');
  }

  async canSeeUnit(user: AuthUser, unitId: string): Promise<boolean> {
    const visible = await this.visibleUnitIds(user);
    return visible === 'all' || visible.includes(unitId);
  }

  /**
   * Whether the caller may see a session: a `draft` is its managers' own (organisers of its unit or
   * an ancestor unit), auditors' and admins'; any other session is seen by whoever sees its unit.
   */
  async canSeeSession(user: AuthUser, session: { unitId: string; status: string }): Promise<boolean> {
    if (session.status === 'draft') return this.readsEverything(user) || (await this.manages(user, session.unitId));
    return this.canSeeUnit(user, session.unitId);
  }

  /** Throws unless the caller manages the session: 404 when they cannot see it (a draft included), else 403. */
  async assertManagesSession(user: AuthUser, session: { unitId: string; status: string }): Promise<void> {
    if (await this.manages(user, session.unitId)) return;
    if (await this.canSeeSession(user, session)) throw new ForbiddenError('you do not manage this session');
    throw new NotFoundError('session');
  }

  /**
   * Throws unless the caller manages `unitId`: 404 when they cannot even see the unit's objects,
   * 403 when they can see but not manage them.
   */
  async assertManages(user: AuthUser, unitId: string, what = 'unit'): Promise<void> {
    if (await this.manages(user, unitId)) return;
    if (await this.canSeeUnit(user, unitId)) throw new ForbiddenError(`you do not manage this ${what}`);
    throw new NotFoundError(what);
  }
}
