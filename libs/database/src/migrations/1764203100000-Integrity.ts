import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Integrity work (廉政): talks and their follow-up links (the follow-ups themselves are supervision
 * items of kind `talk_followup`), talk plans (coverage), holiday reminders and their recipients,
 * personal declarations (婚丧喜庆事宜报备) and the dossier access log (append-only, like attendance_log).
 */
export class Integrity1764203100000 implements MigrationInterface {
  name = 'Integrity1764203100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE talks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('leader_staff', 'secretary_member', 'reminder', 'pre_appointment')),
        talker_id uuid NOT NULL REFERENCES users(id),
        talkee_id uuid NOT NULL REFERENCES users(id),
        at timestamptz NOT NULL,
        place text,
        summary text NOT NULL CHECK (length(btrim(summary)) > 0),
        response text,
        private boolean NOT NULL DEFAULT false,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (talker_id <> talkee_id)
      );
      CREATE INDEX talks_talkee_idx ON talks (talkee_id, kind, at);
      CREATE INDEX talks_talker_idx ON talks (talker_id, at);
      CREATE INDEX talks_at_idx ON talks (at);

      CREATE TABLE talk_followups (
        talk_id uuid NOT NULL REFERENCES talks(id),
        item_id uuid NOT NULL UNIQUE REFERENCES supervision_items(id),
        PRIMARY KEY (talk_id, item_id)
      );

      CREATE TABLE talk_plans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        kind text NOT NULL CHECK (kind IN ('leader_staff', 'secretary_member', 'reminder', 'pre_appointment')),
        unit_id uuid NOT NULL REFERENCES units(id),
        period_from date NOT NULL,
        period_to date NOT NULL,
        -- The period as instants in ORG_TIMEZONE: [from 00:00, to + 1 day 00:00).
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        warned_yellow boolean NOT NULL DEFAULT false,
        warned_red boolean NOT NULL DEFAULT false,
        CHECK (period_to >= period_from AND ends_at > starts_at)
      );
      CREATE INDEX talk_plans_unit_idx ON talk_plans (unit_id);
      CREATE INDEX talk_plans_warn_idx ON talk_plans (ends_at) WHERE NOT warned_yellow;

      CREATE TABLE reminders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        body text NOT NULL,
        sender_id uuid NOT NULL REFERENCES users(id),
        unit_ids uuid[] NOT NULL DEFAULT '{}',
        user_ids uuid[] NOT NULL DEFAULT '{}',
        holiday_name text,
        days_before int,
        send_at timestamptz NOT NULL,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (cardinality(unit_ids) + cardinality(user_ids) > 0)
      );
      CREATE INDEX reminders_pending_idx ON reminders (send_at) WHERE sent_at IS NULL;

      CREATE TABLE reminder_recipients (
        reminder_id uuid NOT NULL REFERENCES reminders(id),
        user_id uuid NOT NULL REFERENCES users(id),
        acknowledged_at timestamptz,
        PRIMARY KEY (reminder_id, user_id)
      );
      CREATE INDEX reminder_recipients_user_idx ON reminder_recipients (user_id);

      CREATE TABLE declarations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        kind text NOT NULL CHECK (kind IN ('wedding', 'funeral', 'other')),
        event_date date NOT NULL,
        place text NOT NULL CHECK (length(btrim(place)) > 0),
        guests int CHECK (guests >= 0),
        tables int CHECK (tables >= 0),
        note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        acknowledged_by uuid REFERENCES users(id),
        acknowledged_at timestamptz,
        ack_comment text
      );
      CREATE INDEX declarations_user_idx ON declarations (user_id, event_date);

      -- Who read whose dossier: append-only (refuse_change() is the attendance log's).
      CREATE TABLE dossier_access_log (
        id bigserial PRIMARY KEY,
        person_id uuid NOT NULL REFERENCES users(id),
        viewer_id uuid NOT NULL REFERENCES users(id),
        year int NOT NULL,
        format text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX dossier_access_log_person_idx ON dossier_access_log (person_id, at DESC);
      CREATE TRIGGER dossier_access_log_no_update BEFORE UPDATE OR DELETE ON dossier_access_log FOR EACH ROW EXECUTE FUNCTION refuse_change();
      CREATE TRIGGER dossier_access_log_no_truncate BEFORE TRUNCATE ON dossier_access_log FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
      -- The app role (AppRole1764202810000) got SELECT/INSERT/UPDATE by default privileges: append-only means no UPDATE.
      REVOKE UPDATE ON dossier_access_log FROM qingfeng_app;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE dossier_access_log, declarations, reminder_recipients, reminders, talk_plans, talk_followups, talks`);
  }
}
