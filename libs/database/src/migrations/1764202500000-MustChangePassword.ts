import { MigrationInterface, QueryRunner } from 'typeorm';

/** An admin's password reset (POST /users/:id/password) makes the user choose a new password first. */
export class MustChangePassword1764202500000 implements MigrationInterface {
  name = 'MustChangePassword1764202500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN must_change_password`);
  }
}
