import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { anyOf, many, one, page as pageOf, pageWithTotal, raw, sql, Sql, updated } from '@qf/database';
import { deadlineSql } from '@qf/deadlines';
import { peopleOfUnitsSql } from '@qf/identity';
import { DataSource, EntityManager } from 'typeorm';

export interface CampaignRow {
  id: string;
  title: string;
  unitIds: string[];
  listDueAt: Date;
  createdBy: string;
  createdAt: Date;
  remindedAt: Date | null;
}

export interface CampaignPersonRow {
  userId: string;
  displayName: string;
  unitId: string;
}

/** The filing window of a campaign `c`, by the deadline engine: the reminder goes out at 30 % left (or later). */
const FILING_WINDOW = deadlineSql({ open: 'true', start: 'c.created_at', due: 'c.list_due_at', yellow: '0.3', orange: '0.15' });

const COLUMNS = `c.id, c.title, c.unit_ids AS "unitIds", c.list_due_at AS "listDueAt", c.created_by AS "createdBy", c.created_at AS "createdAt",
  c.reminded_at AS "remindedAt"`;

/** A campaign's people (identity's definition): active members and organisers of its units or their descendants. */
const people = (campaignId: string): Sql => sql`
  SELECT p.id AS "userId", p.display_name AS "displayName", p.unit_id AS "unitId"
    FROM (${peopleOfUnitsSql(sql`(SELECT c.unit_ids FROM rectification_campaigns c WHERE c.id = ${campaignId})::uuid[]`)}) p`;

export interface CampaignSummaryRow extends CampaignRow {
  /** The caller is one of its people, who must file a list. */
  mustFile: boolean;
  /** When the caller filed their list, if they did. */
  filedAt: Date | null;
}

/** Owns rectification_campaigns and rectification_filings (the entries are supervision items). */
@Injectable()
export class RectificationCampaignRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async insert(em: EntityManager, c: { title: string; unitIds: string[]; listDueAt: Date; createdBy: string }): Promise<string> {
    const row = await one<{ id: string }>(
      em,
      sql`INSERT INTO rectification_campaigns (title, unit_ids, list_due_at, created_by) VALUES (${c.title}, ${c.unitIds}, ${c.listDueAt}, ${c.createdBy}) RETURNING id`,
    );
    return row!.id;
  }

  async find(id: string, em?: EntityManager): Promise<CampaignRow | undefined> {
    return one<CampaignRow>(em ?? this.dataSource, sql`SELECT ${raw(COLUMNS)} FROM rectification_campaigns c WHERE c.id = ${id}`);
  }

  /**
   * The campaigns `userId` sees: all of them (`managed` = 'all'), else those they created, must file,
   * or that cover one of the `managed` units; latest filing deadline first.
   */
  page(userId: string, managed: 'all' | string[], limit: number, offset: number): Promise<{ items: CampaignSummaryRow[]; total: number }> {
    const mustFile = sql`EXISTS (SELECT 1 FROM (${peopleOfUnitsSql(sql`c.unit_ids`)}) p WHERE p.id = ${userId})`;
    const visible =
      managed === 'all'
        ? sql`true`
        : sql`(c.created_by = ${userId} OR ${mustFile}
               OR EXISTS (SELECT 1 FROM units mu, units mcu WHERE mu.id ${anyOf(managed)} AND mcu.id = ANY(c.unit_ids) AND mu.path LIKE mcu.path || '%'))`;
    return pageWithTotal<CampaignSummaryRow>(
      this.dataSource,
      sql`SELECT ${raw(COLUMNS)}, ${mustFile} AS "mustFile",
                 (SELECT f.filed_at FROM rectification_filings f WHERE f.campaign_id = c.id AND f.user_id = ${userId}) AS "filedAt"
            FROM rectification_campaigns c WHERE ${visible}
           ORDER BY c.list_due_at DESC, c.id ${pageOf(limit, offset)}`,
      sql`SELECT count(*)::int AS total FROM rectification_campaigns c WHERE ${visible}`,
    );
  }

  /** When `userId` filed their list in campaign `id`, or null. */
  async filedAt(id: string, userId: string): Promise<Date | null> {
    const row = await one<{ filedAt: Date }>(
      this.dataSource,
      sql`SELECT filed_at AS "filedAt" FROM rectification_filings WHERE campaign_id = ${id} AND user_id = ${userId}`,
    );
    return row?.filedAt ?? null;
  }

  /** Those of `unitIds` that lie in the subtree of one of the campaign units `campaignUnitIds`. */
  async unitsWithin(unitIds: string[], campaignUnitIds: string[]): Promise<string[]> {
    const rows = await many<{ id: string }>(
      this.dataSource,
      sql`SELECT un.id FROM units un WHERE un.id = ANY(${unitIds}::uuid[])
             AND EXISTS (SELECT 1 FROM units cu WHERE cu.id = ANY(${campaignUnitIds}::uuid[]) AND un.path LIKE cu.path || '%')`,
    );
    return rows.map((r) => r.id);
  }

  /** The campaign's people as `user_id`, for notifyQuery. */
  people(id: string): Sql {
    return sql`SELECT p."userId" AS user_id FROM (${people(id)}) p`;
  }

  async isPerson(id: string, userId: string): Promise<boolean> {
    return !!(await one(this.dataSource, sql`SELECT 1 FROM (${people(id)}) p WHERE p."userId" = ${userId}::uuid`));
  }

  /** The people who filed and who did not, optionally only those of some units. */
  async filing(id: string, unitIds: 'all' | string[]): Promise<{ filed: number; notFiled: CampaignPersonRow[] }> {
    const rows = await many<CampaignPersonRow & { filed: boolean }>(
      this.dataSource,
      sql`SELECT p.*, EXISTS (SELECT 1 FROM rectification_filings f WHERE f.campaign_id = ${id} AND f.user_id = p."userId") AS filed
            FROM (${people(id)}) p
           WHERE ${unitIds === 'all' ? sql`TRUE` : sql`p."unitId" = ANY(${unitIds}::uuid[])`}
           ORDER BY p."displayName", p."userId"`,
    );
    return { filed: rows.filter((r) => r.filed).length, notFiled: rows.filter((r) => !r.filed).map(({ filed: _, ...p }) => p) };
  }

  /** Records a filing; false when the person has filed already. */
  async file(em: EntityManager, id: string, userId: string): Promise<boolean> {
    const rows = await many(em, sql`INSERT INTO rectification_filings (campaign_id, user_id) VALUES (${id}, ${userId}) ON CONFLICT DO NOTHING RETURNING 1`);
    return rows.length > 0;
  }

  /** Claims (locks and marks) the campaigns due a reminder: 30 % of the filing window left, or less; once each. */
  async claimDueReminders(em: EntityManager, limit: number): Promise<{ id: string; title: string; listDueAt: Date }[]> {
    return updated<{ id: string; title: string; listDueAt: Date }>(
      em,
      sql`WITH due AS (
         SELECT c.id FROM rectification_campaigns c
          WHERE c.reminded_at IS NULL AND (${raw(FILING_WINDOW.reached('yellow'))} OR ${raw(FILING_WINDOW.reached('red'))})
          LIMIT ${raw(String(limit))} FOR UPDATE SKIP LOCKED)
       UPDATE rectification_campaigns c SET reminded_at = now() FROM due WHERE c.id = due.id
       RETURNING c.id, c.title, c.list_due_at AS "listDueAt"`,
    );
  }

  /** The campaign's people who have not filed, as `user_id`, for notifyQuery. */
  notFiled(id: string): Sql {
    return sql`SELECT p."userId" AS user_id FROM (${people(id)}) p
                WHERE NOT EXISTS (SELECT 1 FROM rectification_filings f WHERE f.campaign_id = ${id} AND f.user_id = p."userId")`;
  }
}
