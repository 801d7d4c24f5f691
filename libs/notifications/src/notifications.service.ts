import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NotFoundError, Page } from '@qf/common';
import { DataSource, EntityManager } from 'typeorm';

export type NotificationKind =
  | 'session_published'
  | 'session_changed'
  | 'session_cancelled'
  | 'leave_requested'
  | 'leave_decided'
  | 'reflection_assigned'
  | 'reflection_due_soon'
  | 'reflection_overdue'
  | 'reflection_submitted'
  | 'reflection_reviewed'
  | 'reflection_red_digest'
  | 'supervision_assigned'
  | 'supervision_returned'
  | 'supervision_reported'
  | 'supervision_closed'
  | 'supervision_extension_requested'
  | 'supervision_extension_decided'
  | 'supervision_due_soon'
  | 'supervision_overdue'
  | 'supervision_digest'
  | 'rectification_list_due'
  | 'talk_plan_behind'
  | 'integrity_reminder'
  | 'declaration_filed'
  | 'declaration_acknowledged';

export interface NotificationContent {
  /** Identifies the event: (eventKey, person) is unique, so notifying twice is harmless. */
  eventKey: string;
  kind: NotificationKind;
  title: string;
  body?: string;
  link?: string | null;
}

export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: Date;
  readAt: Date | null;
}

/** The inbox (站内通知) every feature writes to. */
@Injectable()
export class NotificationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Notifies the given people; idempotent per (eventKey, person). */
  async notifyUsers(em: EntityManager | undefined, content: NotificationContent, userIds: string[]): Promise<number> {
    if (userIds.length === 0) return 0;
    return this.notifyQuery(em, content, `SELECT unnest($1::uuid[]) AS user_id`, [userIds]);
  }

  /**
   * Set-based "notify these people": one INSERT … SELECT over `recipientsSql`, a query whose column
   * `user_id` names the recipients and whose bind parameters are `params` ($1…$n). Idempotent.
   */
  async notifyQuery(
    em: EntityManager | undefined,
    content: NotificationContent,
    recipientsSql: string,
    params: unknown[] = [],
  ): Promise<number> {
    const n = params.length;
    const result = await (em ?? this.dataSource.manager).query(
      `INSERT INTO notifications (user_id, kind, title, body, link, event_key)
       SELECT DISTINCT r.user_id, $${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}
         FROM (${recipientsSql}) r
       ON CONFLICT (event_key, user_id) DO NOTHING`,
      [...params, content.kind, content.title, content.body ?? '', content.link ?? null, content.eventKey],
    );
    return Array.isArray(result) ? Number(result[1] ?? 0) : 0;
  }

  async inbox(userId: string, q: { unread?: boolean; limit: number; offset: number }): Promise<Page<NotificationView>> {
    const unread = q.unread ? 'AND read_at IS NULL' : '';
    const [items, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT id, kind, title, body, link, created_at AS "createdAt", read_at AS "readAt"
           FROM notifications WHERE user_id = $1 ${unread}
          ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3`,
        [userId, q.limit, q.offset],
      ),
      this.dataSource.query(`SELECT count(*)::int AS total FROM notifications WHERE user_id = $1 ${unread}`, [userId]),
    ]);
    return { items, total };
  }

  /** Marks one of the caller's notifications read; someone else's is 404. */
  async markRead(userId: string, id: string): Promise<void> {
    const [, affected] = await this.dataSource.query(
      `UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2`,
      [id, userId],
    );
    if (!affected) throw new NotFoundError('notification');
  }
}
