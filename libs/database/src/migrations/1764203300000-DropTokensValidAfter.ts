import { MigrationInterface, QueryRunner } from 'typeorm';

/** users.tokens_valid_after was written but never read: token_version revokes tokens (TokenVersion). */
export class DropTokensValidAfter1764203300000 implements MigrationInterface {
  name = 'DropTokensValidAfter1764203300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN tokens_valid_after`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN tokens_valid_after timestamptz NOT NULL DEFAULT now()`);
  }
}
