import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The annual disciplinary-education reading list (年度党风党纪教育清单): lists per year, optionally
 * scoped to a unit subtree; ordered items; each person's own progress per item. A session menu
 * entry may name a reading item (session_menu_items.reading_item_id, now a real foreign key); when
 * the session completes, present and late attendees get `discussed_at` on it.
 */
export class ReadingLists1764202100000 implements MigrationInterface {
  name = 'ReadingLists1764202100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reading_lists (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        unit_id uuid REFERENCES units(id),          -- null: organisation-wide
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      -- One list of a title per year and scope: a repeated POST (or demo load) never duplicates it.
      CREATE UNIQUE INDEX reading_lists_scope_title_idx
        ON reading_lists (year, coalesce(unit_id, '00000000-0000-0000-0000-000000000000'::uuid), title);
      CREATE INDEX reading_lists_unit_year_idx ON reading_lists (unit_id, year DESC);
      CREATE INDEX reading_lists_year_idx ON reading_lists (year DESC, created_at DESC);

      CREATE TABLE reading_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        list_id uuid NOT NULL REFERENCES reading_lists(id) ON DELETE CASCADE,
        position int NOT NULL CHECK (position > 0),
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        category text NOT NULL CHECK (category IN ('regulation', 'confession', 'case_handbook', 'theory', 'other')),
        material_url text,
        required boolean NOT NULL DEFAULT true,
        UNIQUE (list_id, position)
      );

      CREATE TABLE reading_progress (
        user_id uuid NOT NULL REFERENCES users(id),
        item_id uuid NOT NULL REFERENCES reading_items(id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('reading', 'finished')),
        note text,
        finished_at timestamptz,
        discussed_at timestamptz,
        discussed_session_id uuid REFERENCES sessions(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, item_id),
        CHECK ((status = 'finished') = (finished_at IS NOT NULL))
      );
      -- The progress report reads every person's rows for one list's items.
      CREATE INDEX reading_progress_item_idx ON reading_progress (item_id, user_id);

      ALTER TABLE session_menu_items
        ADD CONSTRAINT session_menu_items_reading_item_fk FOREIGN KEY (reading_item_id) REFERENCES reading_items(id);
      CREATE INDEX session_menu_items_reading_item_idx ON session_menu_items (reading_item_id) WHERE reading_item_id IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX session_menu_items_reading_item_idx;
      ALTER TABLE session_menu_items DROP CONSTRAINT session_menu_items_reading_item_fk;
      DROP TABLE reading_progress; DROP TABLE reading_items; DROP TABLE reading_lists;
    `);
  }
}
