import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { BadInputError } from '@qf/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * For other features that refer to reading items (a session menu entry's `readingItemId`): checks
 * that the ids name existing items whose list the people of `unitId` can relate to — an
 * organisation-wide list, or one scoped to the unit, an ancestor or a descendant of it.
 */
@Injectable()
export class ReadingItemsLookup {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async assertUsableInUnit(unitId: string, itemIds: (string | null | undefined)[], em?: EntityManager): Promise<void> {
    const ids = [...new Set(itemIds.filter((id): id is string => !!id))];
    if (ids.length === 0) return;
    const rows: { id: string }[] = await (em ?? this.dataSource.manager).query(
      `SELECT ri.id FROM reading_items ri JOIN reading_lists rl ON rl.id = ri.list_id
        WHERE ri.id = ANY($2::uuid[])
          AND (rl.unit_id IS NULL OR EXISTS (
                SELECT 1 FROM units lu, units su WHERE lu.id = rl.unit_id AND su.id = $1
                   AND (su.path LIKE lu.path || '%' OR lu.path LIKE su.path || '%')))`,
      [unitId, ids],
    );
    const found = new Set(rows.map((r) => r.id));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length)
      throw new BadInputError(`readingItemId must be an item of a reading list of the session's unit, an ancestor or a descendant; not: ${missing.join(', ')}`);
  }
}
