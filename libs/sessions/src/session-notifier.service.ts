import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { Env } from '@qf/config';
import { NotificationContent, NotificationsService } from '@qf/notifications';
import { JobName, JobPayloads } from '@qf/queue';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';

export type SessionEvent = JobPayloads[JobName.SessionNotify]['event'];

/** Tells a session's roster about it: one INSERT … SELECT over the roster, idempotent per event and person. */
@Injectable()
export class SessionNotifier {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly config: ConfigService<Env, true>,
  ) {}

  async notifyRoster(payload: JobPayloads[JobName.SessionNotify]): Promise<number> {
    const [s]: { title: string; starts_at: Date; ends_at: Date; location: string | null; cancel_reason: string | null }[] =
      await this.dataSource.query(`SELECT title, starts_at, ends_at, location, cancel_reason FROM sessions WHERE id = $1`, [payload.sessionId]);
    if (!s) return 0;
    const zone = this.config.get('ORG_TIMEZONE', { infer: true });
    const start = DateTime.fromJSDate(s.starts_at, { zone });
    const end = DateTime.fromJSDate(s.ends_at, { zone });
    const when = `${start.toFormat('yyyy-MM-dd HH:mm')}–${end.hasSame(start, 'day') ? end.toFormat('HH:mm') : end.toFormat('yyyy-MM-dd HH:mm')}`;
    const where = s.location ? `，地点：${s.location}` : '';
    const content: Record<SessionEvent, Omit<NotificationContent, 'eventKey' | 'kind'>> = {
      session_published: { title: `学习活动通知：${s.title}`, body: `时间：${when}${where}` },
      session_changed: { title: `学习活动变更：${s.title}`, body: `新的时间：${when}${where}` },
      session_cancelled: { title: `学习活动取消：${s.title}`, body: `原定时间：${when}${s.cancel_reason ? `。原因：${s.cancel_reason}` : ''}` },
    };
    return this.notifications.notifyQuery(
      undefined,
      { ...content[payload.event], kind: payload.event, eventKey: payload.eventKey, link: `/sessions/${payload.sessionId}` },
      `SELECT user_id FROM attendance_records WHERE session_id = $1`,
      [payload.sessionId],
    );
  }
}
