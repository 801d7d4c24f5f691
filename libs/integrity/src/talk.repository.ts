import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Page } from '@qf/common';
import { DataSource, EntityManager } from 'typeorm';
import { TalkKind, TalkView } from './integrity-kinds';
import { SqlParams } from './sql-params';

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

  async insert(em: EntityManager, row: NewTalkRow): Promise<string> {
    const [{ id }] = await em.query(
      `INSERT INTO talks (kind, talker_id, talkee_id, at, place, summary, response, private, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [row.kind, row.talkerId, row.talkeeId, row.at, row.place, row.summary, row.response, row.private, row.createdBy],
    );
    return id;
  }

  async linkFollowUps(em: EntityManager, talkId: string, itemIds: string[]): Promise<void> {
    if (itemIds.length === 0) return;
    await em.query(`INSERT INTO talk_followups (talk_id, item_id) SELECT $1, unnest($2::uuid[])`, [talkId, itemIds]);
  }

  /** One talk as `scope` sees it, or undefined when it does not exist or is not visible. */
  async findVisible(id: string, scope: TalkScope): Promise<TalkView | undefined> {
    const p = new SqlParams();
    const where = `t.id = ${p.add(id)} AND ${this.scopeSql(scope, p)}`;
    const [row] = await this.dataSource.query(`${this.selectSql(p.add(scope.viewerId))} WHERE ${where}`, p.values);
    return row;
  }

  async page(scope: TalkScope, f: TalkFilter): Promise<Page<TalkView>> {
    const p = new SqlParams();
    const conds = [this.scopeSql(scope, p)];
    if (f.from) conds.push(`t.at >= ${p.add(f.from)}`);
    if (f.to) conds.push(`t.at < ${p.add(f.to)}`);
    if (f.kind) conds.push(`t.kind = ${p.add(f.kind)}`);
    if (f.talkeeId) conds.push(`t.talkee_id = ${p.add(f.talkeeId)}`);
    if (f.unitId) conds.push(`ee.unit_id IN (SELECT id FROM units WHERE path LIKE (SELECT path FROM units WHERE id = ${p.add(f.unitId)}) || '%')`);
    const where = conds.join(' AND ');
    const viewer = p.add(scope.viewerId);
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM talks t JOIN users ee ON ee.id = t.talkee_id WHERE ${where}`,
      p.values.slice(0, -1),
    );
    const items = await this.dataSource.query(
      `${this.selectSql(viewer)} WHERE ${where} ORDER BY t.at DESC, t.id LIMIT ${p.add(f.limit)} OFFSET ${p.add(f.offset)}`,
      p.values,
    );
    return { items, total };
  }

  private scopeSql(scope: TalkScope, p: SqlParams): string {
    if (scope.all) return 'true';
    const me = p.add(scope.viewerId);
    return `(t.talker_id = ${me} OR t.talkee_id = ${me} OR ee.unit_id = ANY(${p.add(scope.unitIds)}::uuid[]))`;
  }

  /** `viewer`: the parameter naming the caller (the talkee of a private talk reads no summary). */
  private selectSql(viewer: string): string {
    return `SELECT t.id, t.kind, t.talker_id AS "talkerId", er.display_name AS "talkerName", t.talkee_id AS "talkeeId",
                   ee.display_name AS "talkeeName", t.at, t.place,
                   CASE WHEN t.private AND t.talkee_id = ${viewer}::uuid THEN NULL ELSE t.summary END AS summary,
                   t.response, t.private, t.created_at AS "createdAt",
                   coalesce((SELECT array_agg(f.item_id ORDER BY f.item_id) FROM talk_followups f WHERE f.talk_id = t.id), '{}') AS "followUps"
              FROM talks t JOIN users ee ON ee.id = t.talkee_id JOIN users er ON er.id = t.talker_id`;
  }
}
