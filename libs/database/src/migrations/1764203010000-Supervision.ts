import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Supervision items (督查督办, "13710"), their extensions and progress, the weekly digest ledger, and
 * rectification campaigns (整改清单) whose entries are supervision items of kind `rectification`.
 */
export class Supervision1764203010000 implements MigrationInterface {
  name = 'Supervision1764203010000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rectification_campaigns (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        unit_ids uuid[] NOT NULL CHECK (cardinality(unit_ids) > 0),
        list_due_at timestamptz NOT NULL,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        reminded_at timestamptz
      );
      CREATE INDEX rectification_campaigns_reminder_idx ON rectification_campaigns (list_due_at) WHERE reminded_at IS NULL;

      CREATE TABLE supervision_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL DEFAULT 'supervision' CHECK (kind IN ('supervision', 'rectification', 'talk_followup')),
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        detail text NOT NULL DEFAULT '',
        source text,
        -- The owner's unit when assigned: organisers managing it see and close the item.
        unit_id uuid NOT NULL REFERENCES units(id),
        owner_id uuid NOT NULL REFERENCES users(id),
        supervisor_id uuid NOT NULL REFERENCES users(id),
        campaign_id uuid REFERENCES rectification_campaigns(id),
        time_limit_days int NOT NULL CHECK (time_limit_days IN (1, 3, 7, 10, 30)),
        assigned_at timestamptz NOT NULL DEFAULT now(),
        -- Kept on record: extensions move due_at only.
        original_due_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        -- End of the first working day after assignment: accepted later (or not yet) is "unacknowledged".
        ack_due_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'assigned' CHECK (status IN ('assigned', 'accepted', 'reported', 'closed')),
        accepted_at timestamptz,
        reported_at timestamptz,
        closed_at timestamptz,
        closed_by uuid REFERENCES users(id),
        late boolean NOT NULL DEFAULT false,
        warned_yellow boolean NOT NULL DEFAULT false,
        warned_red boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (due_at > assigned_at AND original_due_at > assigned_at)
      );
      CREATE INDEX supervision_items_unit_idx ON supervision_items (unit_id, assigned_at);
      CREATE INDEX supervision_items_owner_idx ON supervision_items (owner_id, assigned_at DESC);
      CREATE INDEX supervision_items_supervisor_idx ON supervision_items (supervisor_id, status);
      CREATE INDEX supervision_items_campaign_idx ON supervision_items (campaign_id) WHERE campaign_id IS NOT NULL;
      CREATE INDEX supervision_items_warn_yellow_idx ON supervision_items (due_at) WHERE NOT warned_yellow AND status <> 'closed';
      CREATE INDEX supervision_items_warn_red_idx ON supervision_items (due_at) WHERE NOT warned_red AND status <> 'closed';

      CREATE TABLE supervision_extensions (
        item_id uuid NOT NULL REFERENCES supervision_items(id),
        n int NOT NULL CHECK (n >= 1),
        from_due_at timestamptz NOT NULL,
        to_due_at timestamptz NOT NULL CHECK (to_due_at > from_due_at),
        reason text NOT NULL CHECK (length(btrim(reason)) > 0),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
        requested_by uuid NOT NULL REFERENCES users(id),
        requested_at timestamptz NOT NULL DEFAULT now(),
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        PRIMARY KEY (item_id, n)
      );
      -- One open request per item.
      CREATE UNIQUE INDEX supervision_extensions_pending_idx ON supervision_extensions (item_id) WHERE status = 'pending';

      CREATE TABLE supervision_progress (
        id bigserial PRIMARY KEY,
        item_id uuid NOT NULL REFERENCES supervision_items(id),
        kind text NOT NULL CHECK (kind IN ('progress', 'report', 'return', 'close')),
        note text NOT NULL DEFAULT '',
        by_id uuid NOT NULL REFERENCES users(id),
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX supervision_progress_item_idx ON supervision_progress (item_id, id);

      -- One row per digest week (its local Monday): the digest of a week is sent once, whatever Redis remembers.
      CREATE TABLE supervision_digest_runs (
        week date PRIMARY KEY,
        ran_at timestamptz NOT NULL DEFAULT now(),
        recipients int NOT NULL DEFAULT 0
      );

      -- Who filed a list in a campaign (an empty list is a filing too).
      CREATE TABLE rectification_filings (
        campaign_id uuid NOT NULL REFERENCES rectification_campaigns(id),
        user_id uuid NOT NULL REFERENCES users(id),
        filed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (campaign_id, user_id)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP TABLE rectification_filings; DROP TABLE supervision_digest_runs; DROP TABLE supervision_progress;
       DROP TABLE supervision_extensions; DROP TABLE supervision_items; DROP TABLE rectification_campaigns;`,
    );
  }
}
