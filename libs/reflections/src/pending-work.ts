import { Injectable } from '@nestjs/common';
import { AnyJob, JobName, OutboxService, PendingWork, PendingWorkSource } from '@qf/queue';
import { ReflectionRepository, ZERO_UUID } from './reflection.repository';

const BATCH = 1_000;

/**
 * Re-derives reflection work from PostgreSQL for the reconciler: fan-outs of assignments still
 * `dispatching`, and collections of submissions not yet collected (collected_version behind
 * submission_version). Deterministic job ids make re-adding harmless.
 */
@Injectable()
@PendingWorkSource()
export class ReflectionsPendingWork implements PendingWork {
  constructor(
    private readonly repo: ReflectionRepository,
    private readonly outbox: OutboxService,
  ) {}

  async enqueuePendingWork(): Promise<void> {
    const dispatching = await this.repo.dispatchingIds();
    await this.outbox.add(
      undefined,
      dispatching.map((assignmentId): AnyJob => ({ name: JobName.ReflectionFanout, payload: { assignmentId } })),
    );
    let after = ZERO_UUID;
    for (;;) {
      const rows = await this.repo.uncollectedAfter(after, BATCH);
      if (rows.length === 0) return;
      await this.outbox.add(
        undefined,
        rows.map((r): AnyJob => ({ name: JobName.ReflectionCollect, payload: { taskId: r.id, version: r.version } })),
      );
      after = rows[rows.length - 1].id;
    }
  }
}
