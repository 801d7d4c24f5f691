import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '../../common/page-query';
import { IsIn, IsOptional } from 'class-validator';
import { DateRange } from '../../common/date-range';
import { OptionalUuid } from '../../common/dto-properties';

export class AuditRangeQueryDto extends DateRange({
  from: "First local date (ORG_TIMEZONE), inclusive, of the sessions' start; unbounded when absent.",
  to: 'Last local date (ORG_TIMEZONE), inclusive: a session at 23:30 that day counts, one at 00:30 the next does not.',
}) {
  /** Unit whose subtree (the unit and its descendants) is audited; the whole organisation when absent. */
  @OptionalUuid()
  unitId?: string;
}

export class AuditExportQueryDto extends AuditRangeQueryDto {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'])
  format: 'csv' | 'xlsx' = 'csv';
}

export class AuditLogQueryDto extends DateRange(
  { from: "First local date (ORG_TIMEZONE), inclusive, of the entry's `at`.", to: "Last local date (ORG_TIMEZONE), inclusive, of the entry's `at`." },
  PageQueryDto,
) {
  @OptionalUuid()
  sessionId?: string;

  @OptionalUuid()
  userId?: string;
}
