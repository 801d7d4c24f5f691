import { Injectable } from '@nestjs/common';
import { NotificationsService } from '@qf/notifications';
import { ReflectionRepository } from './reflection.repository';
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
    private readonly repo: ReflectionRepository,
    private readonly notifications: NotificationsService,
  ) {}

  async collect(taskId: string, version: number): Promise<'collected' | 'stale'> {
    return this.repo.transaction(async (em) => {
      const t = await this.repo.lockForCollection(em, taskId);
      if (!t || t.submissionVersion !== version || t.collectedVersion >= version) return 'stale';
      // One collection at a time per assignment, so two look-alikes submitted together still find each other.
      await this.repo.lockAssignmentCollection(em, t.assignmentId);

      const shingles = shingleHashes(t.body);
      const signature = minHash(shingles);
      const buckets = lshBuckets(signature);
      const bands = buckets.map((_, i) => i);
      const candidates = await this.repo.lookAlikeCandidates(em, t.assignmentId, taskId, bands, buckets, MAX_CANDIDATES);
      let best: { id: string | null; score: number } = { id: null, score: 0 };
      for (const c of candidates) {
        const score = dice(shingles, shingleHashes(c.body));
        if (score > best.score || (score === best.score && best.id !== null && c.taskId < best.id)) best = { id: c.taskId, score };
      }
      const score = Math.round(best.score * 10_000) / 10_000;

      await this.repo.storeCollected(em, { taskId, assignmentId: t.assignmentId, version, signature, bands, buckets, score, similarTaskId: best.id });
      // Similarity is mutual: the earlier essay learns of its closer look-alike too.
      if (best.id) await this.repo.raiseSimilarity(em, best.id, score, taskId);
      await this.notifications.notifyUsers(
        em,
        {
          eventKey: `reflection_submitted:${taskId}:${version}`,
          kind: 'reflection_submitted',
          title: `${t.displayName} 提交了心得体会：${t.title}`,
          body: `${t.charCount} 字${t.late ? '，逾期提交' : ''}${best.id && score >= 0.5 ? `，与另一篇相似度 ${Math.round(score * 100)}%` : ''}`,
          link: `/reflection-tasks/${taskId}`,
        },
        [t.createdBy],
      );
      return 'collected';
    });
  }
}

