import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Page } from '@qf/common';
import { anyOf, many, one, page, raw, sql, Sql, updated } from '@qf/database';
import { peopleOfUnitsSql } from '@qf/identity';
import { DataSource, EntityManager } from 'typeorm';
import { PersonRef, ReceivedReminder, ReminderSummary, ReminderView } from './integrity-kinds';

export interface NewReminderRow {
  title: string;
  body: string;
  senderId: string;
  unitIds: string[];
  userIds: string[];
  holiday: { name: string; daysBefore: number } | null;
  sendAt: Date;
}

const VIEW = `SELECT r.id, r.title, r.body, r.sender_id AS "senderId",
                     json_build_object('unitIds', r.unit_ids, 'userIds', r.user_ids) AS audience,
                     CASE WHEN r.holiday_name IS NULL THEN NULL ELSE json_build_object('name', r.holiday_name, 'daysBefore', r.days_before) END AS holiday,
                     r.send_at AS "sendAt", r.sent_at AS "sentAt"
                FROM reminders r`;

/** All SQL of reminders and reminder_recipients. */
@Injectable()
export class ReminderRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** A reminder's recipients, for NotificationsService.notifyQuery. */
  recipients(id: string): Sql {
    return sql`SELECT user_id FROM reminder_recipients WHERE reminder_id = ${id}`;
  }

  async insert(em: EntityManager, row: NewReminderRow): Promise<string> {
    const inserted = await one<{ id: string }>(
      em,
      sql`INSERT INTO reminders (title, body, sender_id, unit_ids, user_ids, holiday_name, days_before, send_at)
          VALUES (${row.title}, ${row.body}, ${row.senderId}, ${row.unitIds}::uuid[], ${row.userIds}::uuid[], ${row.holiday?.name ?? null},
                  ${row.holiday?.daysBefore ?? null}, ${row.sendAt}) RETURNING id`,
    );
    return inserted!.id;
  }

  view(id: string): Promise<ReminderView | undefined> {
    return one<ReminderView>(this.dataSource, sql`${raw(VIEW)} WHERE r.id = ${id}`);
  }

  /**
   * Reminders with their acknowledgement counts, newest send time first: `'all'`, or those `senderId`
   * sent or whose audience units (named, and of the named people) are all within `unitIds`, as GET /reminders/:id allows.
   */
  async page(scope: 'all' | { senderId: string; unitIds: string[] }, limit: number, offset: number): Promise<Page<ReminderSummary>> {
    const where: Sql =
      scope === 'all'
        ? sql`true`
        : sql`(r.sender_id = ${scope.senderId} OR (r.unit_ids <@ ${scope.unitIds}::uuid[]
                 AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = ANY(r.user_ids) AND NOT u.unit_id ${anyOf(scope.unitIds)})))`;
    const counted = await one<{ total: number }>(this.dataSource, sql`SELECT count(*)::int AS total FROM reminders r WHERE ${where}`);
    const items = await many<ReminderSummary>(
      this.dataSource,
      sql`SELECT v.*, coalesce(c.recipients, 0) AS recipients, coalesce(c.acknowledged, 0) AS acknowledged
            FROM (${raw(VIEW)} WHERE ${where}) v
            LEFT JOIN LATERAL (SELECT count(*)::int AS recipients, count(acknowledged_at)::int AS acknowledged
                                 FROM reminder_recipients rr WHERE rr.reminder_id = v.id) c ON true
           ORDER BY v."sendAt" DESC, v.id ${page(limit, offset)}`,
    );
    return { items, total: counted!.total };
  }

  /** A sent reminder as its recipient `userId` reads it; undefined when they are not a recipient. */
  received(id: string, userId: string): Promise<ReceivedReminder | undefined> {
    return one<ReceivedReminder>(
      this.dataSource,
      sql`SELECT r.id, r.title, r.body, r.sent_at AS "sentAt", s.display_name AS "senderName", rr.acknowledged_at AS "acknowledgedAt"
            FROM reminder_recipients rr JOIN reminders r ON r.id = rr.reminder_id JOIN users s ON s.id = r.sender_id
           WHERE rr.reminder_id = ${id} AND rr.user_id = ${userId}`,
    );
  }

  /** The units of the audience: the named units and the units of the named people. */
  async audienceUnitIds(id: string): Promise<string[]> {
    const row = await one<{ ids: string[] }>(
      this.dataSource,
      sql`SELECT coalesce(array_agg(DISTINCT x), '{}') AS ids FROM (
            SELECT unnest(unit_ids) AS x FROM reminders WHERE id = ${id}
            UNION SELECT u.unit_id FROM reminders r JOIN users u ON u.id = ANY(r.user_ids) WHERE r.id = ${id}) s`,
    );
    return row!.ids;
  }

  /** Locks an unsent reminder for sending; undefined when it does not exist or was sent. */
  lockUnsent(em: EntityManager, id: string): Promise<{ sendAt: Date; title: string; body: string } | undefined> {
    return one(em, sql`SELECT send_at AS "sendAt", title, body FROM reminders WHERE id = ${id} AND sent_at IS NULL FOR UPDATE`);
  }

  /** Fixes the recipients (people of the units, subtrees included, and the named people) and marks the reminder sent. */
  async markSent(em: EntityManager, id: string): Promise<number> {
    const people = peopleOfUnitsSql(sql`r.unit_ids`, sql`r.user_ids`);
    const added = await one<{ n: number }>(
      em,
      sql`WITH added AS (
            INSERT INTO reminder_recipients (reminder_id, user_id)
            SELECT r.id, p.id FROM reminders r CROSS JOIN LATERAL (${people}) p WHERE r.id = ${id}
            ON CONFLICT DO NOTHING RETURNING 1)
          SELECT count(*)::int AS n FROM added`,
    );
    await updated(em, sql`UPDATE reminders SET sent_at = now() WHERE id = ${id}`);
    return added!.n;
  }

  /** Unsent reminders (for the reconciler). */
  async unsent(): Promise<{ id: string; sendAt: Date }[]> {
    return many(this.dataSource, sql`SELECT id, send_at AS "sendAt" FROM reminders WHERE sent_at IS NULL`);
  }

  /** Marks the caller's acknowledgement (已阅知晓); false when they are not a recipient. Idempotent. */
  async acknowledge(id: string, userId: string): Promise<boolean> {
    const rows = await updated(
      this.dataSource,
      sql`UPDATE reminder_recipients SET acknowledged_at = coalesce(acknowledged_at, now()) WHERE reminder_id = ${id} AND user_id = ${userId} RETURNING user_id`,
    );
    return rows.length > 0;
  }

  async ackReport(id: string): Promise<{ recipients: number; acknowledged: number; notAcknowledged: PersonRef[] }> {
    const row = await one<{ recipients: number; acknowledged: number; notAcknowledged: PersonRef[] }>(
      this.dataSource,
      sql`SELECT count(*)::int AS recipients, count(rr.acknowledged_at)::int AS acknowledged,
                 coalesce(json_agg(json_build_object('userId', u.id, 'displayName', u.display_name) ORDER BY u.display_name, u.id)
                          FILTER (WHERE rr.acknowledged_at IS NULL), '[]'::json) AS "notAcknowledged"
            FROM reminder_recipients rr JOIN users u ON u.id = rr.user_id WHERE rr.reminder_id = ${id}`,
    );
    return row!;
  }
}
