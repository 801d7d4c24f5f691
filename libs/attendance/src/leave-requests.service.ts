import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthUser, ConflictError, NotFoundError, Page } from '@qf/common';
import { AccessPolicy, organisersOverUnit, subtreeUnitIds } from '@qf/identity';
import { NotificationsService } from '@qf/notifications';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AttendanceLogService } from './attendance-log.service';
import { AttendanceSessions } from './attendance-sessions';
import { retryOnSealRace } from './seal-race';

export const LEAVE_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type LeaveStatus = (typeof LEAVE_STATUSES)[number];

export interface LeaveRequestView {
  id: string;
  sessionId: string;
  userId: string;
  displayName: string;
  reason: string;
  status: LeaveStatus;
  comment: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  createdAt: Date;
}

const LEAVE_COLUMNS = `l.id, l.session_id AS "sessionId", l.user_id AS "userId", u.display_name AS "displayName", l.reason, l.status,
       l.comment, l.decided_by AS "decidedBy", l.decided_at AS "decidedAt", l.created_at AS "createdAt"`;

/** Leave (请假): asked by a person on the roster before the start, decided by an organiser of the unit. */
@Injectable()
export class LeaveRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: AttendanceSessions,
    private readonly policy: AccessPolicy,
    private readonly log: AttendanceLogService,
    private readonly notifications: NotificationsService,
  ) {}

  async request(user: AuthUser, sessionId: string, reason: string): Promise<LeaveRequestView> {
    const session = await this.sessions.find(sessionId);
    if (!session) throw new NotFoundError('session');
    const record = await this.sessions.record(sessionId, user.id);
    await this.sessions.assertOpenToCaller(user, session, record !== null);
    if (!record) throw await this.sessions.notOnRoster(user, session);
    if (session.status !== 'published') throw new ConflictError(`leave can be asked for published sessions; this one is ${session.status}`);
    const [{ now }] = await this.dataSource.query(`SELECT clock_timestamp() AS now`);
    if (now >= session.startsAt) throw new ConflictError('leave must be asked for before the session starts');
    if (record.status !== 'expected') throw new ConflictError(`your attendance is already ${record.status}`);
    try {
      return await this.dataSource.transaction(async (em) => {
        const [{ id }] = await em.query(
          `INSERT INTO leave_requests (session_id, user_id, reason) VALUES ($1, $2, $3) RETURNING id`,
          [sessionId, user.id, reason.trim()],
        );
        // Every organiser who may decide it (of the session's unit or an ancestor; not the requester).
        await this.notifications.notifyQuery(
          em,
          {
            eventKey: `leave_requested:${id}`,
            kind: 'leave_requested',
            title: `请假申请：${record.displayName}（${session.title}）`,
            body: reason.trim(),
            link: `/sessions/${sessionId}`,
          },
          `SELECT o.id AS user_id FROM (${organisersOverUnit('$1::uuid')}) o WHERE o.id <> $2::uuid`,
          [session.unitId, user.id],
        );
        return (await this.find(id, em))!;
      });
    } catch (err) {
      if (err instanceof QueryFailedError && (err.driverError as { code?: string }).code === '23505') {
        throw new ConflictError('you already have an open leave request for this session');
      }
      throw err;
    }
  }

  /** Organisers: requests for sessions of their units, and their own; admins and auditors: all; members: their own. */
  async list(
    user: AuthUser,
    q: { status?: LeaveStatus; sessionId?: string; limit: number; offset: number },
  ): Promise<Page<LeaveRequestView>> {
    const params: unknown[] = [];
    const where: string[] = [];
    const p = (v: unknown) => `$${params.push(v)}`;
    if (!this.policy.readsEverything(user)) {
      const self = p(user.id);
      where.push(
        user.role === 'organiser'
          ? `(l.user_id = ${self} OR s.unit_id IN (${subtreeUnitIds(p(user.unitId))}))`
          : `l.user_id = ${self}`,
      );
    }
    if (q.status) where.push(`l.status = ${p(q.status)}`);
    if (q.sessionId) where.push(`l.session_id = ${p(q.sessionId)}`);
    const from = `FROM leave_requests l JOIN sessions s ON s.id = l.session_id JOIN users u ON u.id = l.user_id
                  ${where.length ? 'WHERE ' + where.join(' AND ') : ''}`;
    const n = params.length;
    const [items, [{ total }]] = await Promise.all([
      this.dataSource.query(`SELECT ${LEAVE_COLUMNS} ${from} ORDER BY l.created_at DESC, l.id LIMIT $${n + 1} OFFSET $${n + 2}`, [
        ...params,
        q.limit,
        q.offset,
      ]),
      this.dataSource.query(`SELECT count(*)::int AS total ${from}`, params),
    ]);
    return { items, total };
  }

  /**
   * Approve or reject. Approval makes an `expected` or `absent` record `excused` (one log entry
   * `leave_approved`); someone who came after all keeps `present`/`late`. The requester is notified.
   * Deciding again the same way returns the request unchanged; the other way is 409.
   */
  async decide(user: AuthUser, id: string, approve: boolean, comment?: string): Promise<LeaveRequestView> {
    const [head] = await this.dataSource.query(
      `SELECT l.user_id AS "userId", s.unit_id AS "unitId", u.unit_id AS "personUnitId"
         FROM leave_requests l JOIN sessions s ON s.id = l.session_id JOIN users u ON u.id = l.user_id WHERE l.id = $1`,
      [id],
    );
    if (!head || !(await this.policy.manages(user, head.unitId))) throw new NotFoundError('leave request');
    this.policy.assertNotSelf(user, head.userId, 'decide their own leave request');
    await this.policy.assertManagesPerson(user, head.personUnitId);
    const decided: LeaveStatus = approve ? 'approved' : 'rejected';
    return retryOnSealRace(() =>
      this.dataSource.transaction(async (em) => {
        const [l] = await em.query(`SELECT session_id AS "sessionId", user_id AS "userId", status FROM leave_requests WHERE id = $1 FOR UPDATE`, [id]);
        if (l.status === decided) return (await this.find(id, em))!;
        if (l.status !== 'pending') throw new ConflictError(`this leave request is already ${l.status}`);
        const session = (await this.sessions.find(l.sessionId, em, 'FOR SHARE'))!;
        if (session.status !== 'published' && session.status !== 'completed') {
          throw new ConflictError(`the session is ${session.status}`);
        }
        const note = comment?.trim() || null;
        await em.query(
          `UPDATE leave_requests SET status = $2, comment = $3, decided_by = $4, decided_at = clock_timestamp() WHERE id = $1`,
          [id, decided, note, user.id],
        );
        if (approve) await this.excuse(em, l.sessionId, l.userId, user.id, note);
        await this.notifications.notifyUsers(
          em,
          {
            eventKey: `leave_decided:${id}`,
            kind: 'leave_decided',
            title: approve ? `请假已批准：${session.title}` : `请假未获批准：${session.title}`,
            body: note ?? '',
            link: `/sessions/${l.sessionId}`,
          },
          [l.userId],
        );
        return (await this.find(id, em))!;
      }),
    );
  }

  /**
   * The requester withdraws an undecided request: 200 with status `withdrawn`. Withdrawing twice
   * returns it unchanged; a decided request is 409; someone else's request is 404.
   */
  async withdraw(user: AuthUser, id: string): Promise<LeaveRequestView> {
    return this.dataSource.transaction(async (em) => {
      const [l] = await em.query(`SELECT user_id AS "userId", status FROM leave_requests WHERE id = $1 FOR UPDATE`, [id]);
      if (!l || l.userId !== user.id) throw new NotFoundError('leave request');
      if (l.status === 'pending') {
        await em.query(`UPDATE leave_requests SET status = 'withdrawn' WHERE id = $1`, [id]);
      } else if (l.status !== 'withdrawn') {
        throw new ConflictError(`this leave request is already ${l.status}`);
      }
      return (await this.find(id, em))!;
    });
  }

  private async excuse(em: EntityManager, sessionId: string, userId: string, actorId: string, reason: string | null): Promise<void> {
    await em.query(
      `WITH prev AS (
         SELECT status FROM attendance_records WHERE session_id = $1 AND user_id = $2 AND status IN ('expected', 'absent') FOR UPDATE
       ),
       changed AS (
         UPDATE attendance_records r SET status = 'excused', updated_at = clock_timestamp()
           FROM prev WHERE r.session_id = $1 AND r.user_id = $2
         RETURNING prev.status AS from_status
       )
       INSERT INTO attendance_log (session_id, user_id, actor_id, action, from_status, to_status, reason)
       SELECT $1, $2, $3, 'leave_approved', from_status, 'excused', $4 FROM changed`,
      [sessionId, userId, actorId, reason],
    );
  }

  private async find(id: string, em: EntityManager = this.dataSource.manager): Promise<LeaveRequestView | null> {
    const [row] = await em.query(`SELECT ${LEAVE_COLUMNS} FROM leave_requests l JOIN users u ON u.id = l.user_id WHERE l.id = $1`, [id]);
    return row ?? null;
  }
}
