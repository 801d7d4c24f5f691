import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Notification, page, pageWithTotal, Sql, sql } from '@qf/database';
import { DataSource, EntityManager } from 'typeorm';

/** What one notification says; the same for every recipient of an event. */
export interface NotificationText {
  eventKey: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
}

export interface NotificationRow {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: Date;
  readAt: Date | null;
}

/** All SQL of `notifications` (the inbox). */
@Injectable()
export class NotificationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Set-based: one INSERT … SELECT over `recipients`, a query whose column `user_id` names the
   * recipients. Idempotent per (event_key, user_id). Returns how many rows were inserted.
   */
  async insertForRecipients(em: EntityManager | undefined, text: NotificationText, recipients: Sql): Promise<number> {
    const q = sql`INSERT INTO notifications (user_id, kind, title, body, link, event_key)
       SELECT DISTINCT r.user_id, ${text.kind}, ${text.title}, ${text.body}, ${text.link}, ${text.eventKey}
         FROM (${recipients}) r
       ON CONFLICT (event_key, user_id) DO NOTHING`;
    const result = await (em ?? this.dataSource.manager).query(q.text, q.values);
    return Array.isArray(result) ? Number(result[1] ?? 0) : 0;
  }

  /** The recipients query of named people, for insertForRecipients. */
  named(userIds: string[]): Sql {
    return sql`SELECT unnest(${userIds}::uuid[]) AS user_id`;
  }

  /** A page of one person's inbox, newest first, and its total. */
  async inboxPage(userId: string, f: { unreadOnly: boolean; limit: number; offset: number }): Promise<{ items: NotificationRow[]; total: number }> {
    const unread = f.unreadOnly ? sql`AND read_at IS NULL` : sql``;
    return pageWithTotal<NotificationRow>(
      this.dataSource,
      sql`SELECT id, kind, title, body, link, created_at AS "createdAt", read_at AS "readAt"
            FROM notifications WHERE user_id = ${userId} ${unread}
           ORDER BY created_at DESC, id DESC ${page(f.limit, f.offset)}`,
      sql`SELECT count(*)::int AS total FROM notifications WHERE user_id = ${userId} ${unread}`,
    );
  }

  /** Marks the person's notification read (its first read time stays); false when they have no such notification. */
  async markRead(userId: string, id: string): Promise<boolean> {
    const owned = this.dataSource.getRepository(Notification);
    const result = await owned
      .createQueryBuilder()
      .update()
      .set({ readAt: () => 'coalesce(read_at, now())' })
      .where({ id, userId })
      .execute();
    return (result.affected ?? 0) > 0;
  }
}

