import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_READING_NOTE, READING_STATUSES, type ReadingStatus } from '@qf/reading';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { OptionalUuid } from '../../common/dto-properties';

export class PutProgressDto {
  /** `finished` sets finishedAt (kept on repeats); back to `reading` clears it. */
  @ApiProperty({ enum: READING_STATUSES })
  @IsIn(READING_STATUSES)
  status: ReadingStatus;

  /** Own reading note. Omitted: the stored note is kept; null or empty: cleared. */
  @ApiPropertyOptional({ nullable: true, type: String, maxLength: MAX_READING_NOTE })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_READING_NOTE)
  note?: string | null;
}

export class ProgressReportQueryDto {
  /**
   * Report on the people of this unit's subtree (within the list's unit). Organisers: one of their
   * units. Default: the list's unit (an organiser's own unit for a list they do not manage).
   */
  @OptionalUuid()
  unitId?: string;
}

export class MemberProgressDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ example: '张伟' }) displayName: string;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  /** Required items the member marked finished. */
  @ApiProperty() finishedRequired: number;
  /** Required items on the list. */
  @ApiProperty() required: number;
  /** Items (required or not) discussed in a completed session the member attended. */
  @ApiProperty() discussed: number;
  /** finishedRequired / required, 4 decimals; 0 when nothing is required. */
  @ApiProperty({ example: 0.4545 }) completion: number;
}

export class ProgressReportDto {
  @ApiProperty({ format: 'uuid' }) listId: string;
  /** The unit whose people are reported; null: everyone (an organisation-wide list, no unitId). */
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) unitId: string | null;
  @ApiProperty() required: number;
  @ApiProperty({ type: [MemberProgressDto] }) members: MemberProgressDto[];
}
