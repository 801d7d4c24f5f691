import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthUser, BadInputError, ForbiddenError, NotFoundError } from '@qf/common';
import { AccessPolicy, peopleOfUnit, subtreeUnitIds } from '@qf/identity';
import { DataSource } from 'typeorm';
import type { ReadingStatus } from './reading-categories';
import type { MemberProgressView, OwnProgressView, ProgressReportView } from './reading-list.views';
import { ReadingListsService } from './reading-lists.service';
import { listVisibleToUnits } from './reading-sql';

/**
 * Progress on reading items: each person writes only their own (there is no way to write someone
 * else's), and organisers (their units), auditors and admins read a per-member report.
 */
@Injectable()
export class ReadingProgressService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
    private readonly lists: ReadingListsService,
  ) {}

  /**
   * Sets the caller's own progress on an item of a list they can see (one upsert). `finishedAt` is
   * set when the status first becomes `finished`, kept while it stays so, and cleared when it goes
   * back to `reading`. `note` undefined keeps the stored note; null or blank clears it.
   * An unknown item, an item of another list or a list the caller cannot see: NotFoundError.
   */
  async putOwn(
    caller: AuthUser,
    listId: string,
    itemId: string,
    input: { status: ReadingStatus; note?: string | null },
  ): Promise<OwnProgressView> {
    const noteGiven = input.note !== undefined;
    const note = input.note?.trim() ? input.note : null;
    const rows: OwnProgressView[] = await this.dataSource.query(
      `INSERT INTO reading_progress (user_id, item_id, status, note, finished_at)
       SELECT $1, ri.id, $4, $5, CASE WHEN $4 = 'finished' THEN now() END
         FROM reading_items ri JOIN reading_lists rl ON rl.id = ri.list_id
        WHERE ri.id = $3 AND ri.list_id = $2 AND ${listVisibleToUnits('$6')}
       ON CONFLICT (user_id, item_id) DO UPDATE SET
         status = excluded.status,
         note = CASE WHEN $7 THEN excluded.note ELSE reading_progress.note END,
         finished_at = CASE WHEN excluded.status = 'finished' THEN coalesce(reading_progress.finished_at, excluded.finished_at) END,
         updated_at = now()
       RETURNING item_id AS "itemId", status, finished_at AS "finishedAt", discussed_at AS "discussedAt", note`,
      [caller.id, listId, itemId, input.status, note, await this.lists.visibleParam(caller), noteGiven],
    );
    if (rows.length === 0) throw new NotFoundError('reading item');
    return rows[0];
  }

  /**
   * Per-member totals on a list, in one query. The members are the people (active members and
   * organisers) who can see the list — the people of its unit's subtree, everyone for an
   * organisation-wide list — narrowed to the subtree of `unitId`. Without `unitId`: the list's unit
   * for auditors, admins and organisers who manage it; an organiser's own unit otherwise (an
   * organiser reading an ancestor's or an organisation-wide list sees their own units' people).
   */
  async report(caller: AuthUser, listId: string, unitId?: string): Promise<ProgressReportView> {
    const list = await this.lists.findVisibleHeader(caller, listId);
    const scope = await this.reportScope(caller, list.unitId, unitId);
    const params: unknown[] = [listId];
    const where: string[] = [];
    for (const u of [scope, list.unitId]) {
      if (!u) continue;
      params.push(u);
      where.push(`p.id IN (${peopleOfUnit(`$${params.length}`)})`);
    }
    if (where.length === 0) where.push(`p.active AND p.role IN ('member', 'organiser')`);
    const rows: (MemberProgressView & { required: number })[] = await this.dataSource.query(
      `WITH items AS (SELECT id, required FROM reading_items WHERE list_id = $1),
            totals AS (SELECT count(*) FILTER (WHERE required)::int AS required FROM items)
       SELECT p.id AS "userId", p.display_name AS "displayName", p.unit_id AS "unitId",
              (count(*) FILTER (WHERE i.required AND rp.status = 'finished'))::int AS "finishedRequired",
              t.required,
              count(rp.discussed_at)::int AS discussed,
              CASE WHEN t.required = 0 THEN 0
                   ELSE round((count(*) FILTER (WHERE i.required AND rp.status = 'finished'))::numeric / t.required, 4) END::float8 AS completion
         FROM users p
         CROSS JOIN totals t
         LEFT JOIN (reading_progress rp JOIN items i ON i.id = rp.item_id) ON rp.user_id = p.id
        WHERE ${where.join(' AND ')}
        GROUP BY p.id, t.required
        ORDER BY p.display_name, p.id`,
      params,
    );
    const [{ required }] = rows.length
      ? [{ required: rows[0].required }]
      : await this.dataSource.query(`SELECT count(*) FILTER (WHERE required)::int AS required FROM reading_items WHERE list_id = $1`, [listId]);
    return { listId, unitId: scope, required, members: rows };
  }

  private async reportScope(caller: AuthUser, listUnitId: string | null, unitId?: string): Promise<string | null> {
    if (unitId) {
      const rows: { overlaps: boolean }[] = await this.dataSource.query(
        `SELECT $2::uuid IS NULL OR u.id IN (${subtreeUnitIds('$2')}) OR $2::uuid IN (${subtreeUnitIds('u.id')}) AS overlaps
           FROM units u WHERE u.id = $1`,
        [unitId, listUnitId],
      );
      if (rows.length === 0) throw new BadInputError('unitId must be the id of an existing unit');
      if (!this.policy.readsEverything(caller) && !(await this.policy.manages(caller, unitId)))
        throw new ForbiddenError('you may report only on your units');
      if (!rows[0].overlaps) throw new BadInputError("unitId must be within the list's unit or contain it");
      return unitId;
    }
    if (this.policy.readsEverything(caller)) return listUnitId;
    if (listUnitId && (await this.policy.manages(caller, listUnitId))) return listUnitId;
    return caller.unitId;
  }
}
