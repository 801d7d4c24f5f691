import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath, PartialType, PickType } from '@nestjs/swagger';
import { PageQueryDto } from '../../common/page-query';
import {
  CATALOG_KINDS,
  type CatalogKind,
  COURSES,
  type Course,
  MAX_MENU_ITEMS,
  MAX_SERIES_SESSIONS,
  SESSION_KINDS,
  SESSION_STATUSES,
  type SessionKind,
  type SessionStatus,
} from '@qf/sessions';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '../../common/calendar-date';
import { DateRange } from '../../common/date-range';
import { OptionalIn, OptionalUuid } from '../../common/dto-properties';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const instantMessage = (field: string) => `${field} must be an ISO-8601 instant with a zone, e.g. 2026-12-04T07:00:00.000Z`;

export class SessionMenuEntryInputDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  catalogItemId: string;

  @ApiProperty({ enum: COURSES })
  @IsIn(COURSES)
  course: Course;

  /** 领学人: a person of the session's unit. */
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  presenterId?: string | null;

  /** An item of a reading list studied in this session (credited as discussed on completion). */
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  readingItemId?: string | null;
}

export class CreateSessionDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  unitId: string;

  @ApiProperty({ example: '12月第一周集中学习' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiProperty({ enum: SESSION_KINDS })
  @IsIn(SESSION_KINDS)
  kind: SessionKind;

  @ApiProperty({ example: '2026-12-04T07:00:00.000Z' })
  @Matches(INSTANT, { message: instantMessage('startsAt') })
  @IsISO8601({ strict: true }, { message: instantMessage('startsAt') })
  startsAt: string;

  @ApiProperty({ example: '2026-12-04T08:30:00.000Z', description: 'after startsAt' })
  @Matches(INSTANT, { message: instantMessage('endsAt') })
  @IsISO8601({ strict: true }, { message: instantMessage('endsAt') })
  endsAt: string;

  @ApiPropertyOptional({ type: String, example: '三楼党员活动室', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  location?: string | null;

  /** Copy the menu (and its required kinds) from this menu (套餐) unless `menu` is given. */
  @OptionalUuid()
  menuId?: string;

  @ApiPropertyOptional({ type: [SessionMenuEntryInputDto], maxItems: MAX_MENU_ITEMS })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_MENU_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => SessionMenuEntryInputDto)
  menu?: SessionMenuEntryInputDto[];
}

export class UpdateSessionDto extends PartialType(PickType(CreateSessionDto, ['title', 'startsAt', 'endsAt', 'menu'] as const)) {
  /** null clears the location. */
  @ApiPropertyOptional({ type: String, nullable: true })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsString()
  @MaxLength(200)
  location?: string | null;
}

export class CreateSeriesDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  unitId: string;

  @ApiProperty({ example: '周五集中学习' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  menuId: string;

  @ApiProperty({ example: '2026-12-01', description: 'first local date (org time zone), inclusive' })
  @IsCalendarDate()
  from: string;

  @ApiProperty({ example: '2027-01-31', description: 'last local date (org time zone), inclusive' })
  @IsCalendarDate()
  until: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 7, default: 5, description: 'ISO weekday: 1 Monday … 7 Sunday' })
  @IsOptional()
  @IsInt({ message: 'weekday must be an integer from 1 (Monday) to 7 (Sunday)' })
  @Min(1, { message: 'weekday must be an integer from 1 (Monday) to 7 (Sunday)' })
  @Max(7, { message: 'weekday must be an integer from 1 (Monday) to 7 (Sunday)' })
  weekday?: number;

  @ApiProperty({ example: '15:00', description: 'local clock time HH:mm' })
  @IsString()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'startTime must be a clock time HH:mm (00:00–23:59)' })
  startTime: string;

  @ApiProperty({ minimum: 1, maximum: 1440, example: 90 })
  @IsInt()
  @Min(1)
  @Max(1440)
  durationMinutes: number;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  location?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['2027-01-01'], description: 'local dates to leave out' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(400)
  @IsCalendarDate({ each: true })
  skipDates?: string[];

  @ApiPropertyOptional({ default: false, description: 'keep dates that are not working days (official holidays, overrides); by default they are skipped with reason "holiday"' })
  @IsOptional()
  @IsBoolean()
  includeHolidays?: boolean;
}

export class CancelSessionDto {
  @ApiProperty({ example: '与上级党委会议冲突' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason: string;
}

export class ListSessionsQueryDto extends DateRange({ from: 'local date (org time zone), inclusive', to: 'local date (org time zone), inclusive' }, PageQueryDto) {
  /** Sessions of exactly this unit (still only visible ones). */
  @OptionalUuid()
  unitId?: string;

  @OptionalIn(SESSION_STATUSES)
  status?: SessionStatus;

  @OptionalIn(SESSION_KINDS)
  kind?: SessionKind;
}

export class SessionMenuEntryDto {
  @ApiProperty() position: number;
  @ApiProperty({ format: 'uuid' }) catalogItemId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: CATALOG_KINDS }) kind: CatalogKind;
  @ApiProperty({ enum: COURSES }) course: Course;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) presenterId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) readingItemId: string | null;
}

export class SessionCountsDto {
  @ApiProperty() expected: number;
  @ApiProperty() present: number;
  @ApiProperty() late: number;
  @ApiProperty() excused: number;
  @ApiProperty() absent: number;
}

export class SessionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: SESSION_KINDS }) kind: SessionKind;
  @ApiProperty({ enum: SESSION_STATUSES }) status: SessionStatus;
  @ApiProperty() startsAt: Date;
  @ApiProperty() endsAt: Date;
  @ApiProperty({ nullable: true, type: String }) location: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) seriesId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'the menu (套餐) the session was created from' }) menuId: string | null;
  @ApiProperty({ nullable: true, type: String }) cancelReason: string | null;
  @ApiProperty({ nullable: true, type: Date }) publishedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) completedAt: Date | null;
  @ApiProperty({ type: [SessionMenuEntryDto] }) menu: SessionMenuEntryDto[];
  @ApiProperty({ type: SessionCountsDto, description: 'current statuses of the roster' }) counts: SessionCountsDto;
}

export class SessionPageDto {
  @ApiProperty({ type: [SessionDto] }) items: SessionDto[];
  @ApiProperty() total: number;
}

/** A session that already existed for the unit at a series start. */
export class ExistingSkipDto extends SessionDto {
  @ApiProperty({ enum: ['exists'] }) reason: 'exists';
}

/** A series date that is not a working day (holiday, or a weekend in the calendar). */
export class HolidaySkipDto {
  @ApiProperty({ enum: ['holiday'] }) reason: 'holiday';
  @ApiProperty({ example: '2026-10-02', description: 'local date' }) date: string;
  @ApiProperty() startsAt: Date;
  @ApiPropertyOptional({ example: '国庆节' }) name?: string;
}

@ApiExtraModels(ExistingSkipDto, HolidaySkipDto)
export class SeriesResultDto {
  @ApiProperty({ type: [SessionDto], description: `new drafts (at most ${MAX_SERIES_SESSIONS})` }) created: SessionDto[];
  @ApiProperty({
    type: 'array',
    items: { oneOf: [{ $ref: getSchemaPath(ExistingSkipDto) }, { $ref: getSchemaPath(HolidaySkipDto) }] },
    description: 'sessions that already existed for the unit at those starts (reason "exists"), and dates that are not working days (reason "holiday")',
  })
  skipped: (ExistingSkipDto | HolidaySkipDto)[];
}
