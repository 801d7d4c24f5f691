import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthUser, ForbiddenError, NotFoundError } from '@qf/common';
import { DataSource } from 'typeorm';
import { ancestorOrSelfUnitIds, subtreeUnitIds } from './unit-sql';

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
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  readsEverything(user: AuthUser): boolean {
    return user.role === 'admin' || user.role === 'auditor';
  }

  /** Units the caller manages: 'all' for admins, their subtree for organisers, none otherwise. */
  async managedUnitIds(user: AuthUser): Promise<'all' | string[]> {
    if (user.role === 'admin') return 'all';
    if (user.role !== 'organiser') return [];
    const rows: { id: string }[] = await this.dataSource.query(subtreeUnitIds('$1'), [user.unitId]);
    return rows.map((r) => r.id);
  }

  /** Units whose sessions and lists the caller can see. */
  async visibleUnitIds(user: AuthUser): Promise<'all' | string[]> {
    if (this.readsEverything(user)) return 'all';
    const sql =
      user.role === 'organiser'
        ? `${ancestorOrSelfUnitIds('$1')} UNION ${subtreeUnitIds('$1')}`
        : ancestorOrSelfUnitIds('$1');
    const rows: { id: string }[] = await this.dataSource.query(sql, [user.unitId]);
    return rows.map((r) => r.id);
  }

  async manages(user: AuthUser, unitId: string): Promise<boolean> {
    if (user.role === 'admin') return true;
    if (user.role !== 'organiser') return false;
    const rows = await this.dataSource.query(
      `SELECT 1 FROM units u, units mine WHERE u.id = $1 AND mine.id = $2 AND u.path LIKE mine.path || '%'`,
      [unitId, user.unitId],
    );
    return rows.length > 0;
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
