import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-task rate limit of reflection submissions (issue 11): a fixed one-minute window counted on the
 * task row, under the row lock the submission already takes — so it holds with Redis down.
 */
export class ReflectionSubmitWindow1764202600000 implements MigrationInterface {
  name = 'ReflectionSubmitWindow1764202600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE reflection_tasks ADD COLUMN submit_window_at timestamptz, ADD COLUMN submit_window_count int NOT NULL DEFAULT 0`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reflection_tasks DROP COLUMN submit_window_at, DROP COLUMN submit_window_count`);
  }
}
