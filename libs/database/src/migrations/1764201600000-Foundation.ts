import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1764201600000 implements MigrationInterface {
  name = 'Foundation1764201600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE units (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(btrim(name)) > 0),
        parent_id uuid REFERENCES units(id),
        path text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX units_path_idx ON units (path text_pattern_ops);
      CREATE INDEX units_parent_idx ON units (parent_id);
      CREATE UNIQUE INDEX units_name_per_parent_idx ON units (coalesce(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), name);

      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL,
        display_name text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('member', 'organiser', 'auditor', 'admin')),
        unit_id uuid NOT NULL REFERENCES units(id),
        active boolean NOT NULL DEFAULT true,
        tokens_valid_after timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX users_username_idx ON users (lower(username));
      CREATE INDEX users_unit_idx ON users (unit_id) WHERE active;
      CREATE INDEX users_display_name_idx ON users (display_name);

      CREATE TABLE login_failures (
        id bigserial PRIMARY KEY,
        username text NOT NULL,
        address text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX login_failures_username_idx ON login_failures (lower(username), at);
      CREATE INDEX login_failures_address_idx ON login_failures (address, at);

      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        kind text NOT NULL,
        title text NOT NULL,
        body text NOT NULL DEFAULT '',
        link text,
        event_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz
      );
      CREATE UNIQUE INDEX notifications_event_user_idx ON notifications (event_key, user_id);
      CREATE INDEX notifications_inbox_idx ON notifications (user_id, created_at DESC);
      CREATE INDEX notifications_unread_idx ON notifications (user_id, created_at DESC) WHERE read_at IS NULL;

      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        job_id text NOT NULL,
        queue text NOT NULL,
        name text NOT NULL,
        payload jsonb NOT NULL,
        run_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        relayed_at timestamptz,
        done_at timestamptz
      );
      CREATE UNIQUE INDEX outbox_pending_job_idx ON outbox (job_id) WHERE done_at IS NULL;
      CREATE INDEX outbox_unrelayed_idx ON outbox (id) WHERE relayed_at IS NULL AND done_at IS NULL;

      -- Wakes the relay at once instead of at its next poll.
      CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('outbox', ''); RETURN NULL; END $$;
      CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();

      CREATE TABLE app_meta (
        key text PRIMARY KEY,
        value jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE app_meta; DROP TRIGGER outbox_notify ON outbox; DROP FUNCTION outbox_notify();
      DROP TABLE outbox; DROP TABLE notifications; DROP TABLE login_failures; DROP TABLE users; DROP TABLE units;
    `);
  }
}
