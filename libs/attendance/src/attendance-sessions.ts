import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthUser, ConflictError, ForbiddenError, NotFoundError } from '@qf/common';
import { AccessPolicy } from '@qf/identity';
import { DataSource, EntityManager } from 'typeorm';
import { AttendanceRecordRow, AttendanceRecordView, RECORD_COLUMNS, recordView } from './attendance-record.view';

export interface AttendanceSession {
  id: string;
  unitId: string;
  title: string;
  status: 'draft' | 'published' | 'completed' | 'cancelled';
  startsAt: Date;
  endsAt: Date;
}

const SESSION_COLUMNS = `id, unit_id AS "unitId", title, status, starts_at AS "startsAt", ends_at AS "endsAt"`;

/** Sessions and records as attendance sees them, with the object checks every endpoint needs. */
@Injectable()
export class AttendanceSessions {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
  ) {}

  async find(id: string, em: EntityManager = this.dataSource.manager, lock = ''): Promise<AttendanceSession | null> {
    const [row] = await em.query(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE id = $1 ${lock}`, [id]);
    return row ?? null;
  }

  /** A session the caller may see (404 otherwise; a draft only for those who may manage it). */
  async findVisible(user: AuthUser, id: string): Promise<AttendanceSession> {
    const session = await this.find(id);
    if (!session || !(await this.policy.canSeeSession(user, session))) throw new NotFoundError('session');
    return session;
  }

  /** A session whose unit the caller manages (404 when they cannot see it, 403 when they only see it). */
  async findManaged(user: AuthUser, id: string): Promise<AttendanceSession> {
    const session = await this.find(id);
    if (!session) throw new NotFoundError('session');
    await this.policy.assertManagesSession(user, session);
    return session;
  }

  /**
   * The refusals every "act on my own record" endpoint (check-in, leave, make-up) gives before
   * looking at the record, in this order: a session the caller cannot see (a draft included) → 404;
   * a cancelled one → 409 (whether or not the caller is on its roster).
   */
  async assertOpenToCaller(user: AuthUser, session: { unitId: string; status: string }, onRoster: boolean): Promise<void> {
    // Someone on the roster sees a published session even after moving to another unit; a draft they do not.
    const mustSee = !onRoster || session.status === 'draft';
    if (mustSee && !(await this.policy.canSeeSession(user, session))) throw new NotFoundError('session');
    if (session.status === 'cancelled') throw new ConflictError('the session is cancelled');
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

  /** The error for a caller who is not on the roster: 403 if they can see the session, else 404. */
  async notOnRoster(user: AuthUser, session: { unitId: string; status: string }): Promise<Error> {
    return (await this.policy.canSeeSession(user, session))
      ? new ForbiddenError('you are not on this session’s roster')
      : new NotFoundError('session');
  }

  async record(sessionId: string, userId: string, em: EntityManager = this.dataSource.manager): Promise<AttendanceRecordView | null> {
    const [row]: AttendanceRecordRow[] = await em.query(
      `SELECT ${RECORD_COLUMNS} FROM attendance_records r JOIN users u ON u.id = r.user_id WHERE r.session_id = $1 AND r.user_id = $2`,
      [sessionId, userId],
    );
    return row ? recordView(row) : null;
  }

}
