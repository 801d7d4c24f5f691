import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An admin's override of one day of the official working-day calendar. */
@Entity('calendar_overrides')
export class CalendarOverride {
  /** Local date (ORG_TIMEZONE). */
  @PrimaryColumn('date')
  day: string;

  @Column('boolean')
  workday: boolean;

  @Column('text', { nullable: true })
  name: string | null;

  @Column('uuid', { name: 'set_by', nullable: true })
  setBy: string | null;

  @Column('timestamptz', { name: 'set_at' })
  setAt: Date;
}
