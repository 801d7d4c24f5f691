import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { DateRange } from '../../common/date-range';

export class CalendarRangeQueryDto extends DateRange({
  from: 'first local date (org time zone), inclusive',
  to: 'last local date, inclusive; at most 366 days after from',
  examples: ['2026-10-01', '2026-10-31'],
  required: true,
}) {}

export class CalendarDayDto {
  @ApiProperty({ example: '2026-10-01' }) date: string;
  @ApiProperty() workday: boolean;
  @ApiPropertyOptional({ example: '国庆节', description: 'holiday name, "…调休上班" on a make-up working day, or the override’s name' })
  name?: string;
  @ApiProperty({
    enum: ['official', 'override', 'weekends_only'],
    description: 'official calendar, an admin override, or weekends only because the year has no official calendar yet',
  })
  source: string;
  @ApiPropertyOptional({ description: 'present when source is weekends_only: the year is not in the official calendar, so the day is a guess' })
  warning?: string;
}

export class SetCalendarDayDto {
  @ApiProperty({ description: 'true: a working day; false: a day off' })
  @IsBoolean()
  workday: boolean;

  @ApiPropertyOptional({ example: '单位调休', maxLength: 100, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  name?: string | null;
}
