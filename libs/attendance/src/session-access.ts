import { Injectable } from '@nestjs/common';
import { AuthUser, ConflictError, ForbiddenError, NotFoundError } from '@qf/common';
import { AccessPolicy } from '@qf/identity';
import { EntityManager } from 'typeorm';
import { AttendanceRepository, AttendanceSession } from './attendance.repository';

/** What the access rules need of a session. */
type SessionRef = { unitId: string; status: string };

/**
 * THE session lookup with its 404/403 rules, used by attendance and by the sessions feature alike:
 * a session the caller cannot see (a draft only by those who may manage it) is 404; one they see
 * but do not manage is 403.
 */
@Injectable()
export class SessionAccess {
  constructor(
    private readonly repo: AttendanceRepository,
    private readonly policy: AccessPolicy,
  ) {}

  find(id: string, em?: EntityManager, lock?: 'FOR SHARE'): Promise<AttendanceSession | undefined> {
    return this.repo.findSession(id, em, lock);
  }

  /** `session` if the caller may see it, else 404 (also when it is undefined). */
  async visible<S extends SessionRef>(user: AuthUser, session: S | undefined): Promise<S> {
    if (!session || !(await this.policy.canSeeSession(user, session))) throw new NotFoundError('session');
    return session;
  }

  /** `session` if the caller manages its unit: 404 when they cannot see it (or it is undefined), 403 when they only see it. */
  async managed<S extends SessionRef>(user: AuthUser, session: S | undefined): Promise<S> {
    if (!session) throw new NotFoundError('session');
    await this.policy.assertManagesSession(user, session);
    return session;
  }

  /** A session the caller may see (404 otherwise; a draft only for those who may manage it). */
  async findVisible(user: AuthUser, id: string): Promise<AttendanceSession> {
    return this.visible(user, await this.find(id));
  }

  /** A session whose unit the caller manages (404 when they cannot see it, 403 when they only see it). */
  async findManaged(user: AuthUser, id: string): Promise<AttendanceSession> {
    return this.managed(user, await this.find(id));
  }

  /** For the roster's readers: organisers of the unit, auditors and admins. */
  async findReadable(user: AuthUser, id: string): Promise<AttendanceSession> {
    if (this.policy.readsEverything(user)) {
      const session = await this.find(id);
      if (!session) throw new NotFoundError('session');
      return session;
    }
    return this.findManaged(user, id);
  }

  /**
   * The refusals every "act on my own record" endpoint (check-in, leave, make-up) gives before
   * looking at the record, in this order: a session the caller cannot see (a draft included) → 404;
   * a cancelled one → 409 (whether or not the caller is on its roster).
   */
  async assertOpenToCaller(user: AuthUser, session: SessionRef, onRoster: boolean): Promise<void> {
    // Someone on the roster sees a published session even after moving to another unit; a draft they do not.
    const mustSee = !onRoster || session.status === 'draft';
    if (mustSee && !(await this.policy.canSeeSession(user, session))) throw new NotFoundError('session');
    if (session.status === 'cancelled') throw new ConflictError('the session is cancelled');
  }

  /** The error for a caller who is not on the roster: 403 if they can see the session, else 404. */
  async notOnRoster(user: AuthUser, session: SessionRef): Promise<Error> {
    return (await this.policy.canSeeSession(user, session))
      ? new ForbiddenError('you are not on this session’s roster')
      : new NotFoundError('session');
  }
}
