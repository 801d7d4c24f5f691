import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Check-in lock-out counter, millisecond-precise log times, and the guard that keeps the attendance
 * log's hash chain gap-free.
 *
 * Why a deferred constraint trigger: `seq` values are handed out at INSERT time but become visible
 * at COMMIT time, so they can commit out of order. The sealer (worker) chains entries a few seconds
 * behind the writers (`at` older than a safety lag), which makes a late commit rare, and this trigger
 * makes it impossible for an entry to land behind the sealed end: at COMMIT each new entry takes the
 * SHARED form of advisory lock 7263101 and refuses to commit when its `seq` is at or below the
 * highest sealed `seq`; the sealer takes the EXCLUSIVE form before it reads, so it never runs between
 * a writer's check and that writer's commit (advisory xact locks are released after the commit is
 * visible). A writer caught behind the sealed end fails with SQLSTATE 40001 and its whole
 * transaction rolls back; the caller retries it (it then gets a new `seq`).
 * The check reads the seals table with a fresh snapshot, which only READ COMMITTED gives, so the
 * trigger refuses inserts from REPEATABLE READ / SERIALIZABLE transactions outright.
 */
export class AttendanceCheckInAndSealing1764201900000 implements MigrationInterface {
  name = 'AttendanceCheckInAndSealing1764201900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- Wrong check-in codes per person and session (lock-out after 5), shared by every api process.
      CREATE TABLE checkin_failures (
        session_id uuid NOT NULL REFERENCES sessions(id),
        user_id uuid NOT NULL REFERENCES users(id),
        failures int NOT NULL DEFAULT 1,
        last_failed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (session_id, user_id)
      );

      -- The chain hashes \`at\` as an ISO instant with milliseconds: store exactly that precision.
      ALTER TABLE attendance_log ALTER COLUMN at SET DEFAULT date_trunc('milliseconds', clock_timestamp());
      CREATE FUNCTION attendance_log_truncate_at() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- The sealer waits until entries are older than its safety lag: a future \`at\` would stall the chain.
        IF NEW.at > clock_timestamp() + interval '1 second' THEN
          RAISE EXCEPTION 'attendance_log.at may not lie in the future (%)', NEW.at USING ERRCODE = 'check_violation';
        END IF;
        NEW.at := date_trunc('milliseconds', NEW.at);
        RETURN NEW;
      END $$;
      CREATE TRIGGER attendance_log_at_ms BEFORE INSERT ON attendance_log FOR EACH ROW EXECUTE FUNCTION attendance_log_truncate_at();

      CREATE FUNCTION attendance_log_refuse_behind_sealed_end() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('transaction_isolation') <> 'read committed' THEN
          RAISE EXCEPTION 'attendance_log may only be written in READ COMMITTED transactions' USING ERRCODE = 'feature_not_supported';
        END IF;
        PERFORM pg_advisory_xact_lock_shared(7263101);
        IF EXISTS (SELECT 1 FROM attendance_log_seals WHERE seq >= NEW.seq) THEN
          RAISE EXCEPTION 'attendance log entry % would land behind the sealed end of the chain; retry the transaction', NEW.seq
            USING ERRCODE = 'serialization_failure';
        END IF;
        RETURN NULL;
      END $$;
      CREATE CONSTRAINT TRIGGER attendance_log_not_behind_sealed_end AFTER INSERT ON attendance_log
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION attendance_log_refuse_behind_sealed_end();

      CREATE INDEX leave_requests_created_idx ON leave_requests (created_at DESC, id);
      CREATE INDEX leave_requests_status_idx ON leave_requests (status, created_at DESC);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX leave_requests_status_idx; DROP INDEX leave_requests_created_idx;
      DROP TRIGGER attendance_log_not_behind_sealed_end ON attendance_log; DROP FUNCTION attendance_log_refuse_behind_sealed_end();
      DROP TRIGGER attendance_log_at_ms ON attendance_log; DROP FUNCTION attendance_log_truncate_at();
      ALTER TABLE attendance_log ALTER COLUMN at SET DEFAULT clock_timestamp();
      DROP TABLE checkin_failures;
    `);
  }
}
