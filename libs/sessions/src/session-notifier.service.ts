import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Env } from '@qf/config';
import { NotificationContent, NotificationsService } from '@qf/notifications';
import { JobName, JobPayloads } from '@qf/queue';
import { DateTime } from 'luxon';
import { AttendanceRepository } from '@qf/attendance';
import { SessionRepository } from './session.repository';

export type SessionEvent = JobPayloads[JobName.SessionNotify]['event'];

/** Tells a session's roster about it: one INSERT … SELECT over the roster, idempotent per event and person. */
@Injectable()
export class SessionNotifier {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly attendance: AttendanceRepository,
    private readonly notifications: NotificationsService,
    private readonly config: ConfigService<Env, true>,
  ) {}

  async notifyRoster(payload: JobPayloads[JobName.SessionNotify]): Promise<number> {
    const s = await this.sessions.noticeFacts(payload.sessionId);
    if (!s) return 0;
    const zone = this.config.get('ORG_TIMEZONE', { infer: true });
    const start = DateTime.fromJSDate(s.startsAt, { zone });
    const end = DateTime.fromJSDate(s.endsAt, { zone });
    const when = `${start.toFormat('yyyy-MM-dd HH:mm')}–${end.hasSame(start, 'day') ? end.toFormat('HH:mm') : end.toFormat('yyyy-MM-dd HH:mm')}`;
    const where = s.location ? `，地点：${s.location}` : '';
    const content: Record<SessionEvent, Omit<NotificationContent, 'eventKey' | 'kind'>> = {
      session_published: { title: `学习活动通知：${s.title}`, body: `时间：${when}${where}` },
      session_changed: { title: `学习活动变更：${s.title}`, body: `新的时间：${when}${where}` },
      session_cancelled: { title: `学习活动取消：${s.title}`, body: `原定时间：${when}${s.cancelReason ? `。原因：${s.cancelReason}` : ''}` },
    };
    const roster = this.attendance.rosterRecipients(payload.sessionId);
    return this.notifications.notifyQuery(
      undefined,
      { ...content[payload.event], kind: payload.event, eventKey: payload.eventKey, link: `/sessions/${payload.sessionId}` },
      roster,
    );
  }
}
