import { Injectable } from '@nestjs/common';
import { BadInputError } from '@qf/common';
import type { EntityManager } from 'typeorm';
import { ReadingRepository } from './reading.repository';

/**
 * For other features that refer to reading items (a session menu entry's `readingItemId`): checks
 * that the ids name existing items whose list the people of `unitId` can relate to — an
 * organisation-wide list, or one scoped to the unit, an ancestor or a descendant of it.
 */
@Injectable()
export class ReadingItemsLookup {
  constructor(private readonly repo: ReadingRepository) {}

  async assertUsableInUnit(unitId: string, itemIds: (string | null | undefined)[], em?: EntityManager): Promise<void> {
    const ids = [...new Set(itemIds.filter((id): id is string => !!id))];
    if (ids.length === 0) return;
    const found = new Set(await this.repo.itemIdsUsableInUnit(unitId, ids, em));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length)
      throw new BadInputError(`readingItemId must be an item of a reading list of the session's unit, an ancestor or a descendant; not: ${missing.join(', ')}`);
  }
}
