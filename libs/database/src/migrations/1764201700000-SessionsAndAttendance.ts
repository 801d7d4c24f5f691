import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Catalog, menus, sessions, rosters and the attendance log. The log is append-only: the database
 * refuses UPDATE, DELETE and TRUNCATE on it; its hash chain lives in attendance_log_seals, written
 * by the sealer (also append-only), so no log row is ever rewritten.
 */
export class SessionsAndAttendance1764201700000 implements MigrationInterface {
  name = 'SessionsAndAttendance1764201700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE catalog_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        kind text NOT NULL CHECK (kind IN ('theory', 'history', 'song', 'integrity', 'warning_film', 'case_study', 'regulation', 'other')),
        summary text,
        material_url text,
        duration_minutes int CHECK (duration_minutes > 0),
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX catalog_items_kind_idx ON catalog_items (kind);

      CREATE TABLE menus (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(btrim(name)) > 0),
        required_kinds text[] NOT NULL DEFAULT ARRAY['theory', 'history', 'song'],
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE menu_items (
        menu_id uuid NOT NULL REFERENCES menus(id) ON DELETE CASCADE,
        position int NOT NULL,
        catalog_item_id uuid NOT NULL REFERENCES catalog_items(id),
        course text NOT NULL CHECK (course IN ('main', 'side')),
        PRIMARY KEY (menu_id, position)
      );

      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        unit_id uuid NOT NULL REFERENCES units(id),
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        kind text NOT NULL CHECK (kind IN ('friday_study', 'branch_meeting', 'group_study', 'theme_day', 'warning_education')),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'completed', 'cancelled')),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        location text,
        series_id uuid,
        menu_id uuid REFERENCES menus(id),
        cancel_reason text,
        -- 32 bytes from gen_random_uuid()'s strong random source; the check-in code secret, never sent out.
        checkin_secret bytea NOT NULL DEFAULT decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'),
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        completed_at timestamptz,
        cancelled_at timestamptz,
        CHECK (ends_at > starts_at)
      );
      -- One live session per unit and start: series requests are idempotent through this, not a read-then-write.
      CREATE UNIQUE INDEX sessions_unit_start_idx ON sessions (unit_id, starts_at) WHERE status <> 'cancelled';
      CREATE INDEX sessions_starts_idx ON sessions (starts_at);
      CREATE INDEX sessions_published_end_idx ON sessions (ends_at) WHERE status = 'published';
      CREATE INDEX sessions_completed_idx ON sessions (unit_id, starts_at) WHERE status = 'completed';
      CREATE INDEX sessions_series_idx ON sessions (series_id) WHERE series_id IS NOT NULL;

      CREATE TABLE session_menu_items (
        session_id uuid NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        position int NOT NULL,
        catalog_item_id uuid NOT NULL REFERENCES catalog_items(id),
        course text NOT NULL CHECK (course IN ('main', 'side')),
        presenter_id uuid REFERENCES users(id),
        reading_item_id uuid,
        PRIMARY KEY (session_id, position)
      );

      CREATE TABLE attendance_records (
        session_id uuid NOT NULL REFERENCES sessions(id),
        user_id uuid NOT NULL REFERENCES users(id),
        status text NOT NULL CHECK (status IN ('expected', 'present', 'late', 'excused', 'absent')),
        checked_in_at timestamptz,
        made_up_at timestamptz,
        made_up_summary text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (session_id, user_id)
      );
      CREATE INDEX attendance_records_user_idx ON attendance_records (user_id, session_id);

      CREATE TABLE attendance_log (
        seq bigserial PRIMARY KEY,
        session_id uuid NOT NULL,
        user_id uuid NOT NULL,
        actor_id uuid,              -- null: the system (worker completion)
        action text NOT NULL,       -- roster, check_in, mark, leave_approved, completion, make_up
        from_status text,
        to_status text NOT NULL,
        reason text,
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      );
      CREATE INDEX attendance_log_session_idx ON attendance_log (session_id, seq);
      CREATE INDEX attendance_log_user_idx ON attendance_log (user_id, seq);
      CREATE INDEX attendance_log_at_idx ON attendance_log (at);

      CREATE TABLE attendance_log_seals (
        seq bigint PRIMARY KEY REFERENCES attendance_log(seq),
        prev_hash text NOT NULL,
        hash text NOT NULL,
        sealed_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege'; END $$;
      CREATE TRIGGER attendance_log_no_update BEFORE UPDATE OR DELETE ON attendance_log FOR EACH ROW EXECUTE FUNCTION refuse_change();
      CREATE TRIGGER attendance_log_no_truncate BEFORE TRUNCATE ON attendance_log FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
      CREATE TRIGGER attendance_log_seals_no_update BEFORE UPDATE OR DELETE ON attendance_log_seals FOR EACH ROW EXECUTE FUNCTION refuse_change();
      CREATE TRIGGER attendance_log_seals_no_truncate BEFORE TRUNCATE ON attendance_log_seals FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

      CREATE TABLE leave_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES sessions(id),
        user_id uuid NOT NULL REFERENCES users(id),
        reason text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
        comment text,
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX leave_requests_open_idx ON leave_requests (session_id, user_id) WHERE status = 'pending';
      CREATE INDEX leave_requests_user_idx ON leave_requests (user_id, created_at DESC);
      CREATE INDEX leave_requests_session_idx ON leave_requests (session_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE leave_requests; DROP TABLE attendance_log_seals; DROP TABLE attendance_log; DROP FUNCTION refuse_change() CASCADE;
      DROP TABLE attendance_records; DROP TABLE session_menu_items; DROP TABLE sessions; DROP TABLE menu_items; DROP TABLE menus; DROP TABLE catalog_items;
    `);
  }
}
