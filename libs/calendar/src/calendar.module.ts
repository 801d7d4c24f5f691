import { Module } from '@nestjs/common';
import { CalendarDayRepository } from './calendar-day.repository';
import { WorkingDayCalendar } from './working-days.service';

/** The working-day calendar (工作日): official holidays and 调休, admin overrides. */
@Module({ providers: [CalendarDayRepository, WorkingDayCalendar], exports: [WorkingDayCalendar] })
export class CalendarModule {}
