import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NotificationsService } from '@qf/notifications';
import { DataSource } from 'typeorm';
import { dice, lshBuckets, minHash, shingleHashes } from './similarity';

/** Candidates scored exactly per submission, best LSH matches first. */
const MAX_CANDIDATES = 20;

/**
 * Collects one submission (the worker's half of a submit): finds look-alikes among the assignment's
 * other collected submissions through the LSH buckets in PostgreSQL (an index lookup, independent of
 * how many submissions there are), scores the candidates exactly, stores the signature and buckets,
 * and notifies the assignment's organiser. Idempotent per (task, version): a stale or repeated job
 * does nothing.
 */
@Injectable()
export class ReflectionCollectionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
  ) {}

  async collect(taskId: string, version: number): Promise<'collected' | 'stale'> {
    return this.dataSource.transaction(async (em) => {
      const [t]: {
        assignment_id: string;
        body: string;
        submission_version: number;
        collected_version: number;
        created_by: string;
        title: string;
        display_name: string;
        char_count: number;
        late: boolean;
      }[] = await em.query(
        `SELECT t.assignment_id, t.body, t.submission_version, t.collected_version, t.char_count, t.late,
                a.created_by, a.title, u.display_name
           FROM reflection_tasks t JOIN reflection_assignments a ON a.id = t.assignment_id JOIN users u ON u.id = t.user_id
          WHERE t.id = $1 FOR UPDATE OF t`,
        [taskId],
      );
      if (!t || t.submission_version !== version || t.collected_version >= version) return 'stale';
      // One collection at a time per assignment, so two look-alikes submitted together still find each other.
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('reflection-collect:' || $1))`, [t.assignment_id]);

      const shingles = shingleHashes(t.body);
      const signature = minHash(shingles);
      const buckets = lshBuckets(signature);
      const bands = buckets.map((_, i) => i);
      const candidates: { task_id: string; body: string }[] = await em.query(
        `SELECT c.task_id, t.body FROM (
           SELECT b.task_id, count(*) AS hits FROM reflection_lsh_buckets b
             JOIN unnest($2::smallint[], $3::int[]) AS q(band, bucket_hash) ON b.band = q.band AND b.bucket_hash = q.bucket_hash
            WHERE b.assignment_id = $1 AND b.task_id <> $4
            GROUP BY b.task_id ORDER BY hits DESC, b.task_id LIMIT ${MAX_CANDIDATES}) c
         JOIN reflection_tasks t ON t.id = c.task_id`,
        [t.assignment_id, bands, buckets, taskId],
      );
      let best: { id: string | null; score: number } = { id: null, score: 0 };
      for (const c of candidates) {
        const score = dice(shingles, shingleHashes(c.body));
        if (score > best.score || (score === best.score && best.id !== null && c.task_id < best.id)) best = { id: c.task_id, score };
      }
      const score = Math.round(best.score * 10_000) / 10_000;

      await em.query(`DELETE FROM reflection_lsh_buckets WHERE task_id = $1`, [taskId]);
      await em.query(
        `INSERT INTO reflection_lsh_buckets (assignment_id, band, bucket_hash, task_id)
         SELECT $1, q.band, q.bucket_hash, $4 FROM unnest($2::smallint[], $3::int[]) AS q(band, bucket_hash)
         ON CONFLICT DO NOTHING`,
        [t.assignment_id, bands, buckets, taskId],
      );
      await em.query(
        `INSERT INTO reflection_signatures (task_id, assignment_id, version, signature) VALUES ($1, $2, $3, $4::int[])
         ON CONFLICT (task_id) DO UPDATE SET version = EXCLUDED.version, signature = EXCLUDED.signature`,
        [taskId, t.assignment_id, version, signature],
      );
      await em.query(
        `UPDATE reflection_tasks SET similarity_score = $2, similar_task_id = $3, collected_version = $4 WHERE id = $1`,
        [taskId, score, best.id, version],
      );
      if (best.id) {
        // Similarity is mutual: the earlier essay learns of its closer look-alike too.
        await em.query(
          `UPDATE reflection_tasks SET similarity_score = $2, similar_task_id = $3
            WHERE id = $1 AND collected_version > 0 AND (similarity_score IS NULL OR similarity_score < $2)`,
          [best.id, score, taskId],
        );
      }
      await this.notifications.notifyUsers(
        em,
        {
          eventKey: `reflection_submitted:${taskId}:${version}`,
          kind: 'reflection_submitted',
          title: `${t.display_name} 提交了心得体会：${t.title}`,
          body: `${t.char_count} 字${t.late ? '，逾期提交' : ''}${best.id && score >= 0.5 ? `，与另一篇相似度 ${Math.round(score * 100)}%` : ''}`,
          link: `/reflection-tasks/${taskId}`,
        },
        [t.created_by],
      );
      return 'collected';
    });
  }
}

