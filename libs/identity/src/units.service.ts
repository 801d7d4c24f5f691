import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { BadInputError, ConflictError } from '@qf/common';
import { Unit } from '@qf/database';
import { DataSource } from 'typeorm';

export interface UnitView {
  id: string;
  name: string;
  parentId: string | null;
}

@Injectable()
export class UnitsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(input: { name: string; parentId?: string | null }): Promise<UnitView> {
    const name = input.name.trim();
    if (!name) throw new BadInputError('name must not be empty');
    return this.dataSource.transaction(async (em) => {
      let parentPath = '/';
      if (input.parentId) {
        const parent = await em.findOne(Unit, { where: { id: input.parentId } });
        if (!parent) throw new BadInputError('parentId must be the id of an existing unit');
        parentPath = parent.path;
      }
      const rows: Unit[] = await em.query(
        `INSERT INTO units (id, name, parent_id, path)
         SELECT g.id, $1, $2, $3 || g.id || '/' FROM (SELECT gen_random_uuid() AS id) g
         ON CONFLICT DO NOTHING
         RETURNING id, name, parent_id AS "parentId"`,
        [name, input.parentId ?? null, parentPath],
      );
      if (rows.length === 0) throw new ConflictError(`a unit named "${name}" already exists under this parent`);
      return rows[0];
    });
  }

  async list(): Promise<UnitView[]> {
    return this.dataSource.query(`SELECT id, name, parent_id AS "parentId" FROM units ORDER BY path`);
  }

  async findByIdOrName(idOrName: string): Promise<UnitView | null> {
    const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrName);
    const rows: UnitView[] = await this.dataSource.query(
      `SELECT id, name, parent_id AS "parentId" FROM units WHERE ${isUuid ? 'id = $1::uuid' : 'name = $1'} ORDER BY path LIMIT 2`,
      [idOrName],
    );
    return rows.length === 1 ? rows[0] : null;
  }

  async exists(id: string): Promise<boolean> {
    return (await this.dataSource.query(`SELECT 1 FROM units WHERE id = $1`, [id])).length > 0;
  }
}
