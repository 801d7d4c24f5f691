import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AnyJob, JobName, OutboxService, PendingWork, PendingWorkSource } from '@qf/queue';
import { DataSource } from 'typeorm';

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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  async enqueuePendingWork(): Promise<void> {
    const dispatching: { id: string }[] = await this.dataSource.query(`SELECT id FROM reflection_assignments WHERE status = 'dispatching'`);
    await this.outbox.add(
      undefined,
      dispatching.map((a): AnyJob => ({ name: JobName.ReflectionFanout, payload: { assignmentId: a.id } })),
    );
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: { id: string; version: number }[] = await this.dataSource.query(
        `SELECT id, submission_version AS version FROM reflection_tasks
          WHERE collected_version < submission_version AND id > $1 ORDER BY id LIMIT ${BATCH}`,
        [after],
      );
      if (rows.length === 0) return;
      await this.outbox.add(
        undefined,
        rows.map((r): AnyJob => ({ name: JobName.ReflectionCollect, payload: { taskId: r.id, version: r.version } })),
      );
      after = rows[rows.length - 1].id;
    }
  }
}
