import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '../../common/page-query';
import {
  MAX_READING_ITEMS,
  MAX_READING_TITLE,
  MAX_READING_YEAR,
  MIN_READING_YEAR,
  READING_CATEGORIES,
  READING_STATUSES,
  type ReadingCategory,
  type ReadingStatus,
} from '@qf/reading';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { OptionalUuid } from '../../common/dto-properties';

export class CreateReadingItemDto {
  @ApiProperty({ example: '《中国共产党纪律处分条例》', maxLength: MAX_READING_TITLE })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_READING_TITLE)
  title: string;

  /** regulation 党纪法规 · confession 忏悔录 · case_handbook 以案释法 · theory · other */
  @ApiProperty({ enum: READING_CATEGORIES })
  @IsIn(READING_CATEGORIES)
  category: ReadingCategory;

  @ApiPropertyOptional({ example: 'https://www.ccdi.gov.cn/', nullable: true, type: String })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(2000)
  materialUrl?: string | null;

  /** Counts towards completion (default true); optional items are for further reading. */
  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  required?: boolean;
}

export class CreateReadingListDto {
  @ApiProperty({ example: 2026, minimum: MIN_READING_YEAR, maximum: MAX_READING_YEAR })
  @IsInt()
  @Min(MIN_READING_YEAR)
  @Max(MAX_READING_YEAR)
  year: number;

  @ApiProperty({ example: '2026年度党风党纪教育清单', maxLength: MAX_READING_TITLE })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_READING_TITLE)
  title: string;

  /**
   * Scope: the list is visible to the people of this unit's subtree. Omitted: an organiser's own
   * unit; for an admin, the whole organisation (only admins create organisation-wide lists).
   */
  @OptionalUuid()
  unitId?: string;

  /** In reading order (positions 1…n); 1–200 items with distinct titles. */
  @ApiProperty({ type: [CreateReadingItemDto], minItems: 1, maxItems: MAX_READING_ITEMS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_READING_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => CreateReadingItemDto)
  items: CreateReadingItemDto[];
}

export class ListReadingListsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(MIN_READING_YEAR)
  @Max(MAX_READING_YEAR)
  year?: number;
}

export class ReadingItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 1 }) position: number;
  @ApiProperty() title: string;
  @ApiProperty({ enum: READING_CATEGORIES }) category: ReadingCategory;
  @ApiProperty({ nullable: true, type: String }) materialUrl: string | null;
  @ApiProperty() required: boolean;
}

export class OwnProgressDto {
  @ApiProperty({ format: 'uuid' }) itemId: string;
  @ApiProperty({ enum: READING_STATUSES }) status: ReadingStatus;
  /** When the item was first marked finished (kept while it stays finished). */
  @ApiProperty({ nullable: true, type: Date }) finishedAt: Date | null;
  /** When a completed session the caller attended (present or late) discussed the item. */
  @ApiProperty({ nullable: true, type: Date }) discussedAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
}

class ReadingListHeaderDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 2026 }) year: number;
  @ApiProperty() title: string;
  /** null: organisation-wide. */
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) unitId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) createdBy: string | null;
  @ApiProperty() createdAt: Date;
}

export class ReadingListDto extends ReadingListHeaderDto {
  @ApiProperty({ type: [ReadingItemDto] }) items: ReadingItemDto[];
}

export class ReadingItemWithProgressDto extends ReadingItemDto {
  /** The caller's own progress; null when they have none yet. */
  @ApiProperty({ type: OwnProgressDto, nullable: true }) progress: OwnProgressDto | null;
}

export class ReadingListDetailDto extends ReadingListHeaderDto {
  @ApiProperty({ type: [ReadingItemWithProgressDto] }) items: ReadingItemWithProgressDto[];
}

export class OwnTotalsDto {
  @ApiProperty() finishedRequired: number;
  @ApiProperty() required: number;
  @ApiProperty() discussed: number;
  /** finishedRequired / required, 4 decimals; 0 when nothing is required. */
  @ApiProperty({ example: 0.4545 }) completion: number;
}

export class ReadingListSummaryDto extends ReadingListHeaderDto {
  @ApiProperty() itemCount: number;
  @ApiProperty() requiredCount: number;
  /** The caller's own totals on this list. */
  @ApiProperty({ type: OwnTotalsDto }) own: OwnTotalsDto;
}

export class ReadingListPageDto {
  @ApiProperty({ type: [ReadingListSummaryDto] }) items: ReadingListSummaryDto[];
  @ApiProperty() total: number;
}
