import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { many, one, raw, sql } from '@qf/database';
import { DataSource } from 'typeorm';

export interface CalendarOverrideRow {
  /** Local date YYYY-MM-DD. */
  date: string;
  workday: boolean;
  name: string | null;
  setBy: string | null;
  setAt: Date;
}

const COLUMNS = raw(`to_char(day, 'YYYY-MM-DD') AS date, workday, name, set_by AS "setBy", set_at AS "setAt"`);

/** Owns calendar_overrides: admins' corrections of single days of the official calendar. */
@Injectable()
export class CalendarDayRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Overrides for local dates in [from, to], inclusive. */
  inRange(from: string, to: string): Promise<CalendarOverrideRow[]> {
    return many(this.dataSource, sql`SELECT ${COLUMNS} FROM calendar_overrides WHERE day BETWEEN ${from}::date AND ${to}::date ORDER BY day`);
  }

  async upsert(date: string, workday: boolean, name: string | null, setBy: string): Promise<CalendarOverrideRow> {
    const row = await one<CalendarOverrideRow>(
      this.dataSource,
      sql`INSERT INTO calendar_overrides (day, workday, name, set_by) VALUES (${date}::date, ${workday}, ${name}, ${setBy})
          ON CONFLICT (day) DO UPDATE SET workday = EXCLUDED.workday, name = EXCLUDED.name, set_by = EXCLUDED.set_by, set_at = now()
          RETURNING ${COLUMNS}`,
    );
    return row!;
  }
}
