import { Injectable } from '@nestjs/common';
import { NotFoundError, Page } from '@qf/common';
import { Sql } from '@qf/database';
import type { EntityManager } from 'typeorm';
import { NotificationRepository, NotificationRow } from './notification.repository';

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

/** A notification as its recipient reads it (the repository's row as is). */
export type NotificationView = NotificationRow;

/** The inbox (站内通知) every feature writes to; SQL in NotificationRepository. */
@Injectable()
export class NotificationsService {
  constructor(private readonly repo: NotificationRepository) {}

  /** Notifies the given people; idempotent per (eventKey, person). */
  async notifyUsers(em: EntityManager | undefined, content: NotificationContent, userIds: string[]): Promise<number> {
    if (userIds.length === 0) return 0;
    return this.notifyQuery(em, content, this.repo.named(userIds));
  }

  /**
   * Set-based "notify these people": one INSERT … SELECT over `recipients`, a query (built with the
   * `sql` tag) whose column `user_id` names the recipients. Idempotent.
   */
  async notifyQuery(em: EntityManager | undefined, content: NotificationContent, recipients: Sql): Promise<number> {
    return this.repo.insertForRecipients(
      em,
      { eventKey: content.eventKey, kind: content.kind, title: content.title, body: content.body ?? '', link: content.link ?? null },
      recipients,
    );
  }

  async inbox(userId: string, q: { unread?: boolean; limit: number; offset: number }): Promise<Page<NotificationView>> {
    return this.repo.inboxPage(userId, { unreadOnly: !!q.unread, limit: q.limit, offset: q.offset });
  }

  /** Marks one of the caller's notifications read; someone else's is 404. */
  async markRead(userId: string, id: string): Promise<void> {
    if (!(await this.repo.markRead(userId, id))) throw new NotFoundError('notification');
  }
}
