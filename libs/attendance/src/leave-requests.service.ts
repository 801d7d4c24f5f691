import { Injectable } from '@nestjs/common';
import { AuthUser, ConflictError, NotFoundError, Page } from '@qf/common';
import { isUniqueViolation } from '@qf/database';
import { AccessPolicy } from '@qf/identity';
import { NotificationsService } from '@qf/notifications';
import { AttendanceRepository, LeaveRequestView, LeaveStatus } from './attendance.repository';
import { retryOnSealRace } from './seal-race';
import { SessionAccess } from './session-access';

/** Leave (请假): asked by a person on the roster before the start, decided by an organiser of the unit. */
@Injectable()
export class LeaveRequestsService {
  constructor(
    private readonly repo: AttendanceRepository,
    private readonly sessions: SessionAccess,
    private readonly policy: AccessPolicy,
    private readonly notifications: NotificationsService,
  ) {}

  async request(user: AuthUser, sessionId: string, reason: string): Promise<LeaveRequestView> {
    const session = await this.sessions.find(sessionId);
    if (!session) throw new NotFoundError('session');
    const record = await this.repo.findRecord(sessionId, user.id);
    await this.sessions.assertOpenToCaller(user, session, record !== undefined);
    if (!record) throw await this.sessions.notOnRoster(user, session);
    if (session.status !== 'published') throw new ConflictError(`leave can be asked for published sessions; this one is ${session.status}`);
    if ((await this.repo.now()) >= session.startsAt) throw new ConflictError('leave must be asked for before the session starts');
    if (record.status !== 'expected') throw new ConflictError(`your attendance is already ${record.status}`);
    try {
      return await this.repo.transaction(async (em) => {
        const id = await this.repo.insertLeave(em, sessionId, user.id, reason.trim());
        // Every organiser who may decide it (of the session's unit or an ancestor; not the requester).
        const deciders = this.repo.leaveDeciders(session.unitId, user.id);
        await this.notifications.notifyQuery(
          em,
          {
            eventKey: `leave_requested:${id}`,
            kind: 'leave_requested',
            title: `请假申请：${record.displayName}（${session.title}）`,
            body: reason.trim(),
            link: `/sessions/${sessionId}`,
          },
          deciders,
        );
        return (await this.repo.findLeave(id, em))!;
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError('you already have an open leave request for this session');
      throw err;
    }
  }

  /** Organisers: requests for sessions of their units, and their own; admins and auditors: all; members: their own. */
  list(user: AuthUser, q: { status?: LeaveStatus; sessionId?: string; limit: number; offset: number }): Promise<Page<LeaveRequestView>> {
    const reader = this.policy.readsEverything(user)
      ? undefined
      : { userId: user.id, organiserOfUnitId: user.role === 'organiser' ? user.unitId : undefined };
    return this.repo.leavePage({ ...q, reader });
  }

  /**
   * Approve or reject. Approval makes an `expected` or `absent` record `excused` (one log entry
   * `leave_approved`); someone who came after all keeps `present`/`late`. The requester is notified.
   * Deciding again the same way returns the request unchanged; the other way is 409.
   */
  async decide(user: AuthUser, id: string, approve: boolean, comment?: string): Promise<LeaveRequestView> {
    const head = await this.repo.leaveHead(id);
    if (!head || !(await this.policy.manages(user, head.unitId))) throw new NotFoundError('leave request');
    this.policy.assertNotSelf(user, head.userId, 'decide their own leave request');
    await this.policy.assertManagesPerson(user, head.personUnitId);
    const decided = approve ? 'approved' : 'rejected';
    return retryOnSealRace(() =>
      this.repo.transaction(async (em) => {
        const leave = (await this.repo.lockLeave(em, id))!;
        if (leave.status === decided) return (await this.repo.findLeave(id, em))!;
        if (leave.status !== 'pending') throw new ConflictError(`this leave request is already ${leave.status}`);
        const session = (await this.sessions.find(leave.sessionId, em, 'FOR SHARE'))!;
        if (session.status !== 'published' && session.status !== 'completed') {
          throw new ConflictError(`the session is ${session.status}`);
        }
        const note = comment?.trim() || null;
        await this.repo.decideLeave(em, id, decided, note, user.id);
        if (approve) await this.repo.excuse(em, leave.sessionId, leave.userId, user.id, note);
        await this.notifications.notifyUsers(
          em,
          {
            eventKey: `leave_decided:${id}`,
            kind: 'leave_decided',
            title: approve ? `请假已批准：${session.title}` : `请假未获批准：${session.title}`,
            body: note ?? '',
            link: `/sessions/${leave.sessionId}`,
          },
          [leave.userId],
        );
        return (await this.repo.findLeave(id, em))!;
      }),
    );
  }

  /**
   * The requester withdraws an undecided request: 200 with status `withdrawn`. Withdrawing twice
   * returns it unchanged; a decided request is 409; someone else's request is 404.
   */
  async withdraw(user: AuthUser, id: string): Promise<LeaveRequestView> {
    return this.repo.transaction(async (em) => {
      const leave = await this.repo.lockLeave(em, id);
      if (!leave || leave.userId !== user.id) throw new NotFoundError('leave request');
      if (leave.status === 'pending') {
        await this.repo.withdrawLeave(em, id);
      } else if (leave.status !== 'withdrawn') {
        throw new ConflictError(`this leave request is already ${leave.status}`);
      }
      return (await this.repo.findLeave(id, em))!;
    });
  }
}
