import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { bound, many, one, sql, Unit } from '@qf/database';
import { DataSource, EntityManager } from 'typeorm';
import { ancestorOrSelfUnitIds, unitSubtree } from './unit-sql';

export interface UnitRow {
  id: string;
  name: string;
  parentId: string | null;
}

/** All SQL of `units` (the organisation tree, materialised `path`). */
@Injectable()
export class UnitRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The unit's materialised path, or undefined when there is no such unit. */
  async pathOf(em: EntityManager, id: string): Promise<string | undefined> {
    return (await em.findOne(Unit, { where: { id } }))?.path;
  }

  /** Inserts a unit under the parent at `parentPath` ('/' for a root); undefined when the name is taken under that parent. */
  async insert(em: EntityManager, name: string, parentId: string | null, parentPath: string): Promise<UnitRow | undefined> {
    return one<UnitRow>(
      em,
      sql`INSERT INTO units (id, name, parent_id, path)
          SELECT g.id, ${name}, ${parentId}, ${parentPath} || g.id || '/' FROM (SELECT gen_random_uuid() AS id) g
          ON CONFLICT DO NOTHING
          RETURNING id, name, parent_id AS "parentId"`,
    );
  }

  /** The unit of this name under this parent, inserted when there is none (reused, e.g. in a database that has its own tree). */
  async findOrInsert(em: EntityManager, name: string, parentId: string | null, parentPath: string): Promise<{ id: string; path: string }> {
    const row = await one<{ id: string; path: string }>(
      em,
      sql`WITH found AS (
            SELECT id, path FROM units WHERE name = ${name} AND parent_id IS NOT DISTINCT FROM ${parentId}::uuid
          ), made AS (
            INSERT INTO units (id, name, parent_id, path)
            SELECT g.id, ${name}, ${parentId}::uuid, ${parentPath} || g.id || '/' FROM (SELECT gen_random_uuid() AS id) g
            WHERE NOT EXISTS (SELECT 1 FROM found)
            RETURNING id, path
          )
          SELECT id, path FROM found UNION ALL SELECT id, path FROM made`,
    );
    return row!;
  }

  /** Every unit in tree order. */
  async listInTreeOrder(): Promise<UnitRow[]> {
    return many<UnitRow>(this.dataSource, sql`SELECT id, name, parent_id AS "parentId" FROM units ORDER BY path`);
  }

  /** Up to two units with this id (when `byId`) or exact name, in tree order. */
  async findByIdOrName(idOrName: string, byId: boolean): Promise<UnitRow[]> {
    const where = byId ? sql`id = ${idOrName}::uuid` : sql`name = ${idOrName}`;
    return many<UnitRow>(this.dataSource, sql`SELECT id, name, parent_id AS "parentId" FROM units WHERE ${where} ORDER BY path LIMIT 2`);
  }

  /** The unit's name, or undefined when there is no such unit. */
  async nameOf(id: string): Promise<string | undefined> {
    return (await one<{ name: string }>(this.dataSource, sql`SELECT name FROM units WHERE id = ${id}`))?.name;
  }

  async exists(id: string): Promise<boolean> {
    return !!(await one(this.dataSource, sql`SELECT 1 FROM units WHERE id = ${id}`));
  }

  /** Which of these ids name existing units. */
  async existingIds(ids: string[]): Promise<string[]> {
    return (await many<{ id: string }>(this.dataSource, sql`SELECT id FROM units WHERE id = ANY(${ids}::uuid[])`)).map((r) => r.id);
  }

  /** The first root unit created, if any. */
  async firstRootId(em: EntityManager): Promise<string | undefined> {
    return (await one<{ id: string }>(em, sql`SELECT id FROM units WHERE parent_id IS NULL ORDER BY created_at LIMIT 1`))?.id;
  }

  /** The unit and its descendants. */
  async subtreeIds(unitId: string): Promise<string[]> {
    return (await many<{ id: string }>(this.dataSource, unitSubtree(unitId))).map((r) => r.id);
  }

  /** The unit and its ancestors, plus its descendants when `withDescendants`. */
  async lineageIds(unitId: string, withDescendants: boolean): Promise<string[]> {
    const lineage = bound(ancestorOrSelfUnitIds, unitId);
    const q = withDescendants ? sql`${lineage} UNION ${unitSubtree(unitId)}` : lineage;
    return (await many<{ id: string }>(this.dataSource, q)).map((r) => r.id);
  }

  /** Whether `unitId` is `ancestorId` or lies below it. */
  async isWithin(unitId: string, ancestorId: string): Promise<boolean> {
    return !!(await one(this.dataSource, sql`SELECT 1 FROM units u, units mine WHERE u.id = ${unitId} AND mine.id = ${ancestorId} AND u.path LIKE mine.path || '%'`));
  }
}
