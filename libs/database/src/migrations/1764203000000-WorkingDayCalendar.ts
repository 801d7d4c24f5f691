import { MigrationInterface, QueryRunner } from 'typeorm';

/** Admins' overrides of single days of the official working-day calendar (工作日). */
export class WorkingDayCalendar1764203000000 implements MigrationInterface {
  name = 'WorkingDayCalendar1764203000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE calendar_overrides (
        day date PRIMARY KEY,
        workday boolean NOT NULL,
        name text CHECK (name IS NULL OR length(name) BETWEEN 1 AND 100),
        set_by uuid REFERENCES users(id),
        set_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE calendar_overrides`);
  }
}
