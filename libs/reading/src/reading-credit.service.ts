import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ReadingRepository } from './reading.repository';

/**
 * Discussion credit (逐项学习研讨): a session menu entry may name a reading item; when the session
 * completes, every `present` or `late` attendee gets `discussedAt` on that item. The only writer of
 * discussion credit: sessions and attendance call it, never the table.
 *
 * Called from the ONE session-completion code path, inside its transaction, after the roster is
 * final. Set-based and idempotent (ReadingRepository.creditDiscussion): `discussed_at` keeps its first
 * value (completing twice, or a second session on the same item, changes nothing). A person with no
 * progress on the item yet gets status `reading` (they have studied it in the session but not
 * declared it finished); an existing status is left as it is. Only attendees who can see the item's
 * list are credited (a list scoped to another unit stays invisible to them).
 */
@Injectable()
export class ReadingCreditService {
  constructor(private readonly repo: ReadingRepository) {}

  /**
   * Credits the completed session's present and late attendees (only `userIds` when given: a record
   * marked present or late after completion, from AttendanceRecordsService.mark in the mark's
   * transaction); returns how many progress rows changed. Does nothing for a session that is not completed.
   */
  async creditDiscussion(em: EntityManager, sessionId: string, userIds?: string[]): Promise<number> {
    return this.repo.creditDiscussion(em, sessionId, userIds ?? null);
  }
}
