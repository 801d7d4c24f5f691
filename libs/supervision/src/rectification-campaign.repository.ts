import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { deadlineSql } from '@qf/deadlines';
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

/** A campaign's people: active members and organisers of its units or their descendants. */
const PEOPLE = (campaign: string) => `
  SELECT u.id AS "userId", u.display_name AS "displayName", u.unit_id AS "unitId"
    FROM users u JOIN units un ON un.id = u.unit_id
   WHERE u.active AND u.role IN ('member', 'organiser')
     AND EXISTS (SELECT 1 FROM units cu, rectification_campaigns c
                  WHERE c.id = ${campaign} AND cu.id = ANY(c.unit_ids) AND un.path LIKE cu.path || '%')`;

/** Whether user `$1` is one of the people of campaign `c` (an active member or organiser of its units' subtrees). */
const IS_PERSON = `EXISTS (SELECT 1 FROM users pu JOIN units pun ON pun.id = pu.unit_id, units pcu
   WHERE pu.id = $1 AND pu.active AND pu.role IN ('member', 'organiser') AND pcu.id = ANY(c.unit_ids) AND pun.path LIKE pcu.path || '%')`;

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

  async insert(em: EntityManager, c: { title: string; unitIds: string[]; listDueAt: Date; createdBy: string }): Promise<string> {
    const [row] = await em.query(`INSERT INTO rectification_campaigns (title, unit_ids, list_due_at, created_by) VALUES ($1, $2, $3, $4) RETURNING id`, [
      c.title,
      c.unitIds,
      c.listDueAt,
      c.createdBy,
    ]);
    return row.id;
  }

  async find(id: string, em?: EntityManager): Promise<CampaignRow | undefined> {
    const [row] = await (em ?? this.dataSource.manager).query(`SELECT ${COLUMNS} FROM rectification_campaigns c WHERE c.id = $1`, [id]);
    return row;
  }

  /**
   * The campaigns `userId` sees: all of them (`managed` = 'all'), else those they created, must file,
   * or that cover one of the `managed` units; latest filing deadline first.
   */
  async page(userId: string, managed: 'all' | string[], limit: number, offset: number): Promise<{ items: CampaignSummaryRow[]; total: number }> {
    const visible = `($2::uuid[] IS NULL OR c.created_by = $1 OR ${IS_PERSON}
      OR EXISTS (SELECT 1 FROM units mu, units mcu WHERE mu.id = ANY($2::uuid[]) AND mcu.id = ANY(c.unit_ids) AND mu.path LIKE mcu.path || '%'))`;
    const params = [userId, managed === 'all' ? null : managed];
    const [items, [{ total }]] = await Promise.all([
      this.dataSource.query<CampaignSummaryRow[]>(
        `SELECT ${COLUMNS}, ${IS_PERSON} AS "mustFile",
                (SELECT f.filed_at FROM rectification_filings f WHERE f.campaign_id = c.id AND f.user_id = $1) AS "filedAt"
           FROM rectification_campaigns c WHERE ${visible}
          ORDER BY c.list_due_at DESC, c.id LIMIT $3 OFFSET $4`,
        [...params, limit, offset],
      ),
      this.dataSource.query<{ total: number }[]>(`SELECT count(*)::int AS total FROM rectification_campaigns c WHERE ${visible}`, params),
    ]);
    return { items, total };
  }

  /** When `userId` filed their list in campaign `id`, or null. */
  async filedAt(id: string, userId: string): Promise<Date | null> {
    const [row] = await this.dataSource.query(`SELECT filed_at AS "filedAt" FROM rectification_filings WHERE campaign_id = $1 AND user_id = $2`, [id, userId]);
    return row?.filedAt ?? null;
  }

  /** How many of these units exist. */
  async countUnits(ids: string[]): Promise<number> {
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM units WHERE id = ANY($1::uuid[])`, [ids]);
    return n;
  }

  /** Those of `unitIds` that lie in the subtree of one of the campaign units `campaignUnitIds`. */
  async unitsWithin(unitIds: string[], campaignUnitIds: string[]): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT un.id FROM units un WHERE un.id = ANY($1::uuid[])
          AND EXISTS (SELECT 1 FROM units cu WHERE cu.id = ANY($2::uuid[]) AND un.path LIKE cu.path || '%')`,
      [unitIds, campaignUnitIds],
    );
    return rows.map((r) => r.id);
  }

  /** SQL (with `$1` the campaign id) selecting `user_id` of the campaign's people, for notifyQuery. */
  peopleSql(): string {
    return `SELECT p."userId" AS user_id FROM (${PEOPLE('$1')}) p`;
  }

  async isPerson(id: string, userId: string): Promise<boolean> {
    return (await this.dataSource.query(`SELECT 1 FROM (${PEOPLE('$1')}) p WHERE p."userId" = $2`, [id, userId])).length > 0;
  }

  /** The people who filed and who did not, optionally only those of some units. */
  async filing(id: string, unitIds: 'all' | string[]): Promise<{ filed: number; notFiled: CampaignPersonRow[] }> {
    const rows: (CampaignPersonRow & { filed: boolean })[] = await this.dataSource.query(
      `SELECT p.*, EXISTS (SELECT 1 FROM rectification_filings f WHERE f.campaign_id = $1 AND f.user_id = p."userId") AS filed
         FROM (${PEOPLE('$1')}) p
        WHERE $2::uuid[] IS NULL OR p."unitId" = ANY($2::uuid[])
        ORDER BY p."displayName", p."userId"`,
      [id, unitIds === 'all' ? null : unitIds],
    );
    return { filed: rows.filter((r) => r.filed).length, notFiled: rows.filter((r) => !r.filed).map(({ filed: _, ...p }) => p) };
  }

  /** Records a filing; false when the person has filed already. */
  async file(em: EntityManager, id: string, userId: string): Promise<boolean> {
    const rows = await em.query(`INSERT INTO rectification_filings (campaign_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1`, [id, userId]);
    return rows.length > 0;
  }

  /** Claims (locks and marks) the campaigns due a reminder: 30 % of the filing window left, or less; once each. */
  async claimDueReminders(em: EntityManager, limit: number): Promise<{ id: string; title: string; listDueAt: Date }[]> {
    // TypeORM answers an UPDATE with [rows, rowCount].
    const [rows]: [{ id: string; title: string; listDueAt: Date }[], number] = await em.query(
      `WITH due AS (
         SELECT c.id FROM rectification_campaigns c
          WHERE c.reminded_at IS NULL AND (${FILING_WINDOW.reached('yellow')} OR ${FILING_WINDOW.reached('red')})
          LIMIT ${limit} FOR UPDATE SKIP LOCKED)
       UPDATE rectification_campaigns c SET reminded_at = now() FROM due WHERE c.id = due.id
       RETURNING c.id, c.title, c.list_due_at AS "listDueAt"`,
    );
    return rows;
  }

  /** SQL (with `$1` the campaign id) selecting `user_id` of the people who have not filed, for notifyQuery. */
  notFiledSql(): string {
    return `SELECT p."userId" AS user_id FROM (${PEOPLE('$1')}) p
             WHERE NOT EXISTS (SELECT 1 FROM rectification_filings f WHERE f.campaign_id = $1 AND f.user_id = p."userId")`;
  }
}
