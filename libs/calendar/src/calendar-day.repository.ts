import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface CalendarOverrideRow {
  /** Local date YYYY-MM-DD. */
  date: string;
  workday: boolean;
  name: string | null;
  setBy: string | null;
  setAt: Date;
}

const COLUMNS = `to_char(day, 'YYYY-MM-DD') AS date, workday, name, set_by AS "setBy", set_at AS "setAt"`;

/** Owns calendar_overrides: admins' corrections of single days of the official calendar. */
@Injectable()
export class CalendarDayRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Overrides for local dates in [from, to], inclusive. */
  inRange(from: string, to: string): Promise<CalendarOverrideRow[]> {
    return this.dataSource.query(`SELECT ${COLUMNS} FROM calendar_overrides WHERE day BETWEEN $1::date AND $2::date ORDER BY day`, [from, to]);
  }

  async upsert(date: string, workday: boolean, name: string | null, setBy: string): Promise<CalendarOverrideRow> {
    const [row] = await this.dataSource.query(
      `INSERT INTO calendar_overrides (day, workday, name, set_by) VALUES ($1::date, $2, $3, $4)
       ON CONFLICT (day) DO UPDATE SET workday = EXCLUDED.workday, name = EXCLUDED.name, set_by = EXCLUDED.set_by, set_at = now()
       RETURNING ${COLUMNS}`,
      [date, workday, name, setBy],
    );
    return row;
  }
}
