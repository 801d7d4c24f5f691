import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthUser, ForbiddenError, NotFoundError } from '@qf/common';
import { AccessPolicy } from '@qf/identity';
import { DataSource, EntityManager } from 'typeorm';
import { AttendanceRecordView, RECORD_COLUMNS } from './attendance-record.view';

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

  /** A session the caller may see (404 otherwise). */
  async findVisible(user: AuthUser, id: string): Promise<AttendanceSession> {
    const session = await this.find(id);
    if (!session || !(await this.policy.canSeeUnit(user, session.unitId))) throw new NotFoundError('session');
    return session;
  }

  /** A session whose unit the caller manages (404 when they cannot see it, 403 when they only see it). */
  async findManaged(user: AuthUser, id: string): Promise<AttendanceSession> {
    const session = await this.find(id);
    if (!session) throw new NotFoundError('session');
    await this.policy.assertManages(user, session.unitId, 'session');
    return session;
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
  async notOnRoster(user: AuthUser, session: { unitId: string }): Promise<Error> {
    return (await this.policy.canSeeUnit(user, session.unitId))
      ? new ForbiddenError('you are not on this session’s roster')
      : new NotFoundError('session');
  }

  async record(sessionId: string, userId: string, em: EntityManager = this.dataSource.manager): Promise<AttendanceRecordView | null> {
    const [row] = await em.query(
      `SELECT ${RECORD_COLUMNS} FROM attendance_records r JOIN users u ON u.id = r.user_id WHERE r.session_id = $1 AND r.user_id = $2`,
      [sessionId, userId],
    );
    return row ?? null;
  }

}
