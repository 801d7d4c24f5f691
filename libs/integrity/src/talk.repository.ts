import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Page } from '@qf/common';
import { anyOf, join, many, one, page, pageWithTotal, sql, Sql } from '@qf/database';
import { unitSubtree } from '@qf/identity';
import { DataSource, EntityManager } from 'typeorm';
import { TalkKind, TalkView } from './integrity-kinds';

export interface NewTalkRow {
  kind: TalkKind;
  talkerId: string;
  talkeeId: string;
  at: Date;
  place: string | null;
  summary: string;
  response: string | null;
  private: boolean;
  createdBy: string;
}

/** Whose talks a caller sees: everything, or those they gave, received, or whose talkee is of `unitIds`. */
export type TalkScope = { viewerId: string; all: true } | { viewerId: string; all: false; unitIds: string[] };

export interface TalkFilter {
  from?: Date;
  to?: Date;
  unitId?: string;
  talkeeId?: string;
  kind?: TalkKind;
  limit: number;
  offset: number;
}

/** All SQL of talks and talk_followups. */
@Injectable()
export class TalkRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async insert(em: EntityManager, row: NewTalkRow): Promise<string> {
    const inserted = await one<{ id: string }>(
      em,
      sql`INSERT INTO talks (kind, talker_id, talkee_id, at, place, summary, response, private, created_by)
          VALUES (${row.kind}, ${row.talkerId}, ${row.talkeeId}, ${row.at}, ${row.place}, ${row.summary}, ${row.response}, ${row.private}, ${row.createdBy})
          RETURNING id`,
    );
    return inserted!.id;
  }

  async linkFollowUps(em: EntityManager, talkId: string, itemIds: string[]): Promise<void> {
    if (itemIds.length === 0) return;
    await many(em, sql`INSERT INTO talk_followups (talk_id, item_id) SELECT ${talkId}::uuid, unnest(${itemIds}::uuid[])`);
  }

  /** One talk as `scope` sees it, or undefined when it does not exist or is not visible. */
  findVisible(id: string, scope: TalkScope): Promise<TalkView | undefined> {
    return one<TalkView>(this.dataSource, sql`${this.select(scope.viewerId)} WHERE t.id = ${id} AND ${this.scope(scope)}`);
  }

  async page(scope: TalkScope, f: TalkFilter): Promise<Page<TalkView>> {
    const conds: Sql[] = [this.scope(scope)];
    if (f.from) conds.push(sql`t.at >= ${f.from}`);
    if (f.to) conds.push(sql`t.at < ${f.to}`);
    if (f.kind) conds.push(sql`t.kind = ${f.kind}`);
    if (f.talkeeId) conds.push(sql`t.talkee_id = ${f.talkeeId}`);
    if (f.unitId) conds.push(sql`ee.unit_id IN (${unitSubtree(f.unitId)})`);
    const where = join(conds, ' AND ');
    return pageWithTotal<TalkView>(
      this.dataSource,
      sql`${this.select(scope.viewerId)} WHERE ${where} ORDER BY t.at DESC, t.id ${page(f.limit, f.offset)}`,
      sql`SELECT count(*)::int AS total FROM talks t JOIN users ee ON ee.id = t.talkee_id WHERE ${where}`,
    );
  }

  private scope(scope: TalkScope): Sql {
    if (scope.all) return sql`true`;
    return sql`(t.talker_id = ${scope.viewerId} OR t.talkee_id = ${scope.viewerId} OR ee.unit_id ${anyOf(scope.unitIds)})`;
  }

  /** The talkee of a private talk (`viewerId`) reads no summary. */
  private select(viewerId: string): Sql {
    return sql`SELECT t.id, t.kind, t.talker_id AS "talkerId", er.display_name AS "talkerName", t.talkee_id AS "talkeeId",
                      ee.display_name AS "talkeeName", t.at, t.place,
                      CASE WHEN t.private AND t.talkee_id = ${viewerId}::uuid THEN NULL ELSE t.summary END AS summary,
                      t.response, t.private, t.created_at AS "createdAt",
                      coalesce((SELECT array_agg(f.item_id ORDER BY f.item_id) FROM talk_followups f WHERE f.talk_id = t.id), '{}') AS "followUps"
                 FROM talks t JOIN users ee ON ee.id = t.talkee_id JOIN users er ON er.id = t.talker_id`;
  }
}
