import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes behind the audit queries (libs/audit):
 * - summary, anomalies (absence/late) and export read every record of the completed sessions in a
 *   range: a covering index on the session lets them aggregate with an index-only scan;
 * - `changed_after_completion` looks for log entries of a session later than its completion:
 *   (session_id, at) turns that into one range scan per session.
 * The rest is served by existing indexes: sessions_completed_idx (unit_id, starts_at) for the
 * completed sessions of a unit subtree in a range, units_path_idx for the subtree, the log's
 * (session_id, seq), (user_id, seq) and (at) indexes for the log listing, and the primary keys of
 * attendance_log and attendance_log_seals for the verifier's keyset walk in seq order.
 */
export class AuditIndexes1764202000000 implements MigrationInterface {
  name = 'AuditIndexes1764202000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX attendance_records_audit_idx ON attendance_records (session_id) INCLUDE (user_id, status, made_up_at);
      CREATE INDEX attendance_log_session_at_idx ON attendance_log (session_id, at) INCLUDE (action);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX attendance_log_session_at_idx; DROP INDEX attendance_records_audit_idx;`);
  }
}
