import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { listVisibleToPerson } from './reading-sql';

/**
 * Discussion credit (逐项学习研讨): a session menu entry may name a reading item; when the session
 * completes, every `present` or `late` attendee gets `discussedAt` on that item.
 *
 * Called from the ONE session-completion code path, inside its transaction, after the roster is
 * final. One INSERT … SELECT … ON CONFLICT: set-based and idempotent — `discussed_at` keeps its first
 * value (completing twice, or a second session on the same item, changes nothing). A person with no
 * progress on the item yet gets status `reading` (they have studied it in the session but not
 * declared it finished); an existing status is left as it is. Only attendees who can see the item's
 * list are credited (a list scoped to another unit stays invisible to them).
 */
@Injectable()
export class ReadingCreditService {
  /**
   * Credits the completed session's present and late attendees (only `userIds` when given: a record
   * marked present or late after completion, from AttendanceRecordsService.mark in the mark's
   * transaction); returns how many progress rows changed. Does nothing for a session that is not completed.
   */
  async creditDiscussion(em: EntityManager, sessionId: string, userIds?: string[]): Promise<number> {
    const [{ n }] = await em.query(
      `WITH credited AS (
       INSERT INTO reading_progress AS rp (user_id, item_id, status, discussed_at, discussed_session_id)
       SELECT DISTINCT ON (ar.user_id, ri.id) ar.user_id, ri.id, 'reading', now(), ar.session_id
         FROM session_menu_items smi
         JOIN sessions s ON s.id = smi.session_id AND s.status = 'completed'
         JOIN reading_items ri ON ri.id = smi.reading_item_id
         JOIN reading_lists rl ON rl.id = ri.list_id
         JOIN attendance_records ar ON ar.session_id = smi.session_id AND ar.status IN ('present', 'late')
         JOIN users u ON u.id = ar.user_id
        WHERE smi.session_id = $1 AND smi.reading_item_id IS NOT NULL AND ${listVisibleToPerson('rl', 'u')}
          AND ($2::uuid[] IS NULL OR ar.user_id = ANY($2::uuid[]))
       ON CONFLICT (user_id, item_id) DO UPDATE
         SET discussed_at = excluded.discussed_at, discussed_session_id = excluded.discussed_session_id, updated_at = now()
         WHERE rp.discussed_at IS NULL
       RETURNING 1)
       SELECT count(*)::int AS n FROM credited`,
      [sessionId, userIds ?? null],
    );
    return n;
  }
}
