import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Page } from '@qf/common';
import { anyOf, bound, empty, join, many, one, page, raw, sql, Sql, updated } from '@qf/database';
import { organisersOverUnit } from '@qf/identity';
import { DataSource, EntityManager } from 'typeorm';
import { DeclarationView } from './integrity-kinds';

export type NewDeclarationRow = Pick<DeclarationView, 'userId' | 'kind' | 'eventDate' | 'place' | 'guests' | 'tables' | 'note'>;

const VIEW = `SELECT d.id, d.user_id AS "userId", u.display_name AS "displayName", d.kind, to_char(d.event_date, 'YYYY-MM-DD') AS "eventDate",
                     d.place, d.guests, d.tables, d.note, d.created_at AS "createdAt", d.acknowledged_by AS "acknowledgedBy",
                     d.acknowledged_at AS "acknowledgedAt", d.ack_comment AS comment
                FROM declarations d JOIN users u ON u.id = d.user_id`;

/** All SQL of declarations. */
@Injectable()
export class DeclarationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Recipients of a filed declaration, for notifyQuery: the organisers over the person's unit, not the person. */
  organisersToNotify(unitId: string, personId: string): Sql {
    return sql`SELECT o.id AS user_id FROM (${bound(organisersOverUnit, unitId)}) o WHERE o.id <> ${personId}::uuid`;
  }

  async insert(em: EntityManager, row: NewDeclarationRow): Promise<string> {
    const inserted = await one<{ id: string }>(
      em,
      sql`INSERT INTO declarations (user_id, kind, event_date, place, guests, tables, note)
          VALUES (${row.userId}, ${row.kind}, ${row.eventDate}, ${row.place}, ${row.guests}, ${row.tables}, ${row.note}) RETURNING id`,
    );
    return inserted!.id;
  }

  view(id: string): Promise<(DeclarationView & { unitId: string }) | undefined> {
    return one(this.dataSource, sql`${raw(VIEW.replace('SELECT d.id,', 'SELECT d.id, u.unit_id AS "unitId",'))} WHERE d.id = ${id}`);
  }

  /**
   * Declarations of one person, or of the people of `unitIds` (`'all'`: everyone's) but not `exceptUserId`;
   * unacknowledged first when `pending` is not given, then by event date.
   */
  async page(scope: { userId: string } | { unitIds: 'all' | string[]; exceptUserId?: string }, f: { pending?: boolean; limit: number; offset: number }): Promise<Page<DeclarationView>> {
    const conds: Sql[] = [];
    if ('userId' in scope) conds.push(sql`d.user_id = ${scope.userId}`);
    else {
      if (scope.unitIds !== 'all') conds.push(sql`u.unit_id ${anyOf(scope.unitIds)}`);
      if (scope.exceptUserId) conds.push(sql`d.user_id <> ${scope.exceptUserId}`);
    }
    if (f.pending !== undefined) conds.push(f.pending ? sql`d.acknowledged_at IS NULL` : sql`d.acknowledged_at IS NOT NULL`);
    const where = conds.length ? sql`WHERE ${join(conds, ' AND ')}` : empty;
    const counted = await one<{ total: number }>(this.dataSource, sql`SELECT count(*)::int AS total FROM declarations d JOIN users u ON u.id = d.user_id ${where}`);
    const items = await many<DeclarationView>(
      this.dataSource,
      sql`${raw(VIEW)} ${where} ORDER BY d.acknowledged_at IS NOT NULL, d.event_date DESC, d.id ${page(f.limit, f.offset)}`,
    );
    return { items, total: counted!.total };
  }

  /** Acknowledges an unacknowledged declaration; false when it already was. */
  async acknowledge(em: EntityManager, id: string, byId: string, comment: string | null): Promise<boolean> {
    const rows = await updated(
      em,
      sql`UPDATE declarations SET acknowledged_by = ${byId}, acknowledged_at = now(), ack_comment = ${comment} WHERE id = ${id} AND acknowledged_at IS NULL RETURNING id`,
    );
    return rows.length > 0;
  }
}
