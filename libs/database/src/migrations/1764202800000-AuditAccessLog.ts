import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reads of audit data are themselves audited: one row per audit summary, log, export, anomalies,
 * verify and checkpoint call (who, what, the query parameters). Append-only like the attendance
 * log: the same refuse_change() triggers refuse UPDATE, DELETE and TRUNCATE, and the app role may
 * only SELECT and INSERT it (see AppRole1764202810000).
 */
export class AuditAccessLog1764202800000 implements MigrationInterface {
  name = 'AuditAccessLog1764202800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_access_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        -- No foreign key: the row must outlive anything done to the user; username and role are kept as they were.
        user_id uuid NOT NULL,
        username text NOT NULL,
        role text NOT NULL,
        action text NOT NULL,
        params jsonb NOT NULL DEFAULT '{}'::jsonb
      );
      CREATE INDEX audit_access_log_user_idx ON audit_access_log (user_id, id);
      CREATE INDEX audit_access_log_action_idx ON audit_access_log (action, id);
      CREATE TRIGGER audit_access_log_no_update BEFORE UPDATE OR DELETE ON audit_access_log FOR EACH ROW EXECUTE FUNCTION refuse_change();
      CREATE TRIGGER audit_access_log_no_truncate BEFORE TRUNCATE ON audit_access_log FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_access_log`);
  }
}
