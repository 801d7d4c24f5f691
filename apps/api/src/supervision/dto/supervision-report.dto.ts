import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { DateRange } from '../../common/date-range';
import { OptionalUuid } from '../../common/dto-properties';

export class SupervisionReportQueryDto extends DateRange({
  from: 'first local date of assignment, inclusive',
  to: 'last local date of assignment, inclusive',
  examples: ['2026-01-01', '2026-12-31'],
}) {
  @OptionalUuid('the unit and its descendants; default: your units (organisers), all units (auditors, admins)')
  unitId?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv', 'xlsx'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv', 'xlsx'])
  format?: 'json' | 'csv' | 'xlsx';
}

export class ReportCountsDto {
  @ApiProperty({ description: 'items assigned in the range' }) total: number;
  @ApiProperty({ description: 'closed (销号) by dueAt' }) closedOnTime: number;
  @ApiProperty({ description: 'closed after dueAt' }) closedLate: number;
  @ApiProperty({ description: 'not closed' }) open: number;
  @ApiProperty({ description: 'not closed and past dueAt now' }) overdue: number;
  @ApiProperty({ description: 'not accepted within one working day' }) unacknowledged: number;
  @ApiProperty({ description: 'closedOnTime / (closedOnTime + closedLate + overdue), 4 decimals; 0 when that is 0' }) onTimeRate: number;
}

export class ReportUnitDto extends ReportCountsDto {
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() unitName: string;
}

export class SupervisionReportDto {
  @ApiProperty({ nullable: true, type: String }) from: string | null;
  @ApiProperty({ nullable: true, type: String }) to: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) unitId: string | null;
  @ApiProperty({ type: [ReportUnitDto], description: 'every unit of the scope, items counted by the owner’s unit at assignment' }) units: ReportUnitDto[];
  @ApiProperty({ type: ReportCountsDto }) totals: ReportCountsDto;
}
