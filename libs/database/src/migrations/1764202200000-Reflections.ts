import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reflection assignments and tasks (观后感), and the similarity index: one MinHash signature per
 * collected submission and its LSH band buckets, so that finding a submission's look-alikes is an
 * index lookup, not a scan of every other body.
 */
export class Reflections1764202200000 implements MigrationInterface {
  name = 'Reflections1764202200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reflection_assignments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        prompt text NOT NULL DEFAULT '',
        session_id uuid REFERENCES sessions(id),
        -- The creator's unit: organisers managing it (or one of the audience units) manage the assignment.
        owner_unit_id uuid NOT NULL REFERENCES units(id),
        audience_unit_ids uuid[] NOT NULL DEFAULT '{}',
        audience_user_ids uuid[] NOT NULL DEFAULT '{}',
        audience_session_id uuid REFERENCES sessions(id),
        audience_statuses text[] NOT NULL DEFAULT ARRAY['present', 'late'],
        min_chars int NOT NULL CHECK (min_chars BETWEEN 1 AND 20000),
        due_at timestamptz NOT NULL,
        warn_yellow double precision NOT NULL DEFAULT 0.3,
        warn_orange double precision NOT NULL DEFAULT 0.15,
        status text NOT NULL DEFAULT 'dispatching' CHECK (status IN ('dispatching', 'open', 'closed')),
        -- Fan-out progress: the last user id (in uuid order) whose task is committed.
        fanout_cursor uuid,
        red_digest_sent_at timestamptz,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        opened_at timestamptz,
        closed_at timestamptz,
        CHECK (0 < warn_orange AND warn_orange < warn_yellow AND warn_yellow < 1)
      );
      CREATE INDEX reflection_assignments_dispatching_idx ON reflection_assignments (created_at) WHERE status = 'dispatching';
      CREATE INDEX reflection_assignments_owner_idx ON reflection_assignments (owner_unit_id, created_at DESC);
      CREATE INDEX reflection_assignments_audience_units_idx ON reflection_assignments USING gin (audience_unit_ids);
      CREATE INDEX reflection_assignments_digest_idx ON reflection_assignments (due_at) WHERE status = 'open' AND red_digest_sent_at IS NULL;

      CREATE TABLE reflection_tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        assignment_id uuid NOT NULL REFERENCES reflection_assignments(id),
        user_id uuid NOT NULL REFERENCES users(id),
        status text NOT NULL DEFAULT 'assigned' CHECK (status IN ('assigned', 'draft', 'submitted', 'returned', 'approved')),
        -- The task's due time: the assignment's, or a personal extension.
        due_at timestamptz NOT NULL,
        extended boolean NOT NULL DEFAULT false,
        body text NOT NULL DEFAULT '',
        char_count int NOT NULL DEFAULT 0,
        submitted_at timestamptz,
        late boolean NOT NULL DEFAULT false,
        -- Each submission bumps submission_version; the worker's collection brings collected_version up to it.
        submission_version int NOT NULL DEFAULT 0,
        collected_version int NOT NULL DEFAULT 0,
        similarity_score real,
        similar_task_id uuid,
        review_comment text,
        reviewed_by uuid REFERENCES users(id),
        reviewed_at timestamptz,
        warned_yellow boolean NOT NULL DEFAULT false,
        warned_red boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX reflection_tasks_assignment_user_idx ON reflection_tasks (assignment_id, user_id);
      CREATE INDEX reflection_tasks_assignment_status_idx ON reflection_tasks (assignment_id, status, due_at);
      CREATE INDEX reflection_tasks_user_idx ON reflection_tasks (user_id, created_at DESC);
      CREATE INDEX reflection_tasks_uncollected_idx ON reflection_tasks (id) WHERE collected_version < submission_version;
      CREATE INDEX reflection_tasks_warn_yellow_idx ON reflection_tasks (due_at)
        WHERE NOT warned_yellow AND status IN ('assigned', 'draft', 'returned');
      CREATE INDEX reflection_tasks_warn_red_idx ON reflection_tasks (due_at)
        WHERE NOT warned_red AND status IN ('assigned', 'draft', 'returned');

      -- MinHash signature of a task's last collected submission.
      CREATE TABLE reflection_signatures (
        task_id uuid PRIMARY KEY REFERENCES reflection_tasks(id),
        assignment_id uuid NOT NULL REFERENCES reflection_assignments(id),
        version int NOT NULL,
        signature int[] NOT NULL
      );

      -- LSH: a task is a candidate look-alike of another when they share a bucket in some band.
      CREATE TABLE reflection_lsh_buckets (
        assignment_id uuid NOT NULL,
        band smallint NOT NULL,
        bucket_hash int NOT NULL,
        task_id uuid NOT NULL REFERENCES reflection_tasks(id),
        PRIMARY KEY (assignment_id, band, bucket_hash, task_id)
      );
      CREATE INDEX reflection_lsh_buckets_task_idx ON reflection_lsh_buckets (task_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reflection_lsh_buckets; DROP TABLE reflection_signatures; DROP TABLE reflection_tasks; DROP TABLE reflection_assignments;`);
  }
}
