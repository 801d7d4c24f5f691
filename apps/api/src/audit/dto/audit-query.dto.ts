import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '@qf/common';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsCalendarDate } from '../../common/calendar-date';

export class AuditRangeQueryDto {
  /** Unit whose subtree (the unit and its descendants) is audited; the whole organisation when absent. */
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  /** First local date (ORG_TIMEZONE), inclusive, of the sessions' start; unbounded when absent. */
  @ApiPropertyOptional({ example: '2026-12-01' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  /** Last local date (ORG_TIMEZONE), inclusive: a session at 23:30 that day counts, one at 00:30 the next does not. */
  @ApiPropertyOptional({ example: '2026-12-31' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

export class AuditExportQueryDto extends AuditRangeQueryDto {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'])
  format: 'csv' | 'xlsx' = 'csv';
}

export class AuditLogQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  sessionId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  /** First local date (ORG_TIMEZONE), inclusive, of the entry's `at`. */
  @ApiPropertyOptional({ example: '2026-12-01' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  /** Last local date (ORG_TIMEZONE), inclusive, of the entry's `at`. */
  @ApiPropertyOptional({ example: '2026-12-31' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}
