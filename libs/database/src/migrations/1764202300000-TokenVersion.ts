import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tokens carry the user's token version; changing the password or deactivating the user bumps it,
 * so every older token stops working at once — also one issued in the same second (JWT `iat` has
 * whole seconds only, which a time comparison could not tell apart).
 */
export class TokenVersion1764202300000 implements MigrationInterface {
  name = 'TokenVersion1764202300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN token_version int NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN token_version`);
  }
}
