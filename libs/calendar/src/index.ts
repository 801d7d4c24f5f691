export * from './official-calendar';
export * from './calendar-day.repository';
export * from './working-days.service';
export * from './calendar.module';
