import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '../../common/page-query';
import { WARNINGS } from '@qf/deadlines';
import type { Warning } from '@qf/deadlines';
import { EXTENSION_STATUSES, ITEM_KINDS, ITEM_STATUSES, PROGRESS_KINDS, TIME_LIMITS } from '@qf/supervision';
import type { ExtensionStatus, ItemKind, ItemStatus, ProgressKind } from '@qf/supervision';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDate, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { NotAfterYear9999 } from '../../common/instant';
import { OptionalIn, OptionalUuid } from '../../common/dto-properties';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class CreateItemDto {
  @ApiProperty({ example: '落实巡察反馈问题整改' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiProperty({ example: '对照巡察反馈意见逐条整改，形成整改台账。' })
  @IsString()
  @MaxLength(5000)
  detail: string;

  @ApiPropertyOptional({ example: '党委会决定事项', nullable: true, type: String, description: 'where the matter comes from (会议决定、领导批示…)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  source?: string | null;

  @ApiProperty({ format: 'uuid', description: 'an active member or organiser of one of your units (not yourself)' })
  @IsUUID()
  ownerId: string;

  @ApiPropertyOptional({ enum: TIME_LIMITS, default: 7, description: '"13710": working days (30 for major matters)' })
  @IsOptional()
  @IsIn(TIME_LIMITS, { message: `timeLimitDays must be one of ${TIME_LIMITS.join(', ')}` })
  timeLimitDays?: number;

  @ApiPropertyOptional({ description: 'an explicit due time (in the future); default: assignment + timeLimitDays working days, 18:00 local' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @NotAfterYear9999()
  dueAt?: Date;
}

export class ListItemsQueryDto extends PageQueryDto {
  @OptionalIn(ITEM_STATUSES)
  status?: ItemStatus;

  @OptionalIn(WARNINGS)
  warning?: Warning;

  @OptionalUuid('the owner’s unit at assignment')
  unitId?: string;

  @OptionalUuid()
  ownerId?: string;

  @OptionalIn(ITEM_KINDS)
  kind?: ItemKind;

  @ApiPropertyOptional({ format: 'uuid', description: 'only the entries of this rectification campaign' })
  @IsOptional()
  @IsUUID()
  campaignId?: string;

  @ApiPropertyOptional({ description: 'only items (not) accepted within one working day' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  unacknowledged?: boolean;
}

export class NoteDto {
  @ApiProperty({ example: '已完成整改台账，正在逐项落实。' })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  note: string;
}

export class CloseItemDto {
  @ApiPropertyOptional({ example: '整改到位，同意销号。' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class ReturnItemDto {
  @ApiProperty({ example: '整改材料不完整，请补充。' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  comment: string;
}

export class RequestExtensionDto {
  @ApiProperty({ description: 'the asked-for due time, later than the current one' })
  @Type(() => Date)
  @IsDate()
  @NotAfterYear9999()
  to: Date;

  @ApiProperty({ example: '需等待上级批复' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

export class DecideExtensionDto {
  @ApiProperty()
  @IsBoolean()
  approve: boolean;
}

export class ExtensionDto {
  @ApiProperty({ description: '1 for the first request of the item' }) n: number;
  @ApiProperty({ description: 'the due time it extends (the original one, for the first)' }) from: Date;
  @ApiProperty() to: Date;
  @ApiProperty() reason: string;
  @ApiProperty({ enum: EXTENSION_STATUSES }) status: ExtensionStatus;
  @ApiProperty() requestedAt: Date;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) decidedBy: string | null;
  @ApiProperty({ nullable: true, type: Date }) decidedAt: Date | null;
}

export class ProgressDto {
  @ApiProperty() at: Date;
  @ApiProperty({ format: 'uuid' }) byId: string;
  @ApiProperty({ enum: PROGRESS_KINDS, description: 'progress note, the report, a return or the closing comment' }) kind: ProgressKind;
  @ApiProperty() note: string;
}

export class ItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ITEM_KINDS }) kind: ItemKind;
  @ApiProperty() title: string;
  @ApiProperty() detail: string;
  @ApiProperty({ nullable: true, type: String }) source: string | null;
  @ApiProperty({ format: 'uuid', description: 'the owner’s unit at assignment' }) unitId: string;
  @ApiProperty({ format: 'uuid' }) ownerId: string;
  @ApiProperty() ownerName: string;
  @ApiProperty({ format: 'uuid' }) supervisorId: string;
  @ApiProperty() supervisorName: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'the rectification campaign of a rectification item' }) campaignId: string | null;
  @ApiProperty({ enum: TIME_LIMITS }) timeLimitDays: number;
  @ApiProperty() assignedAt: Date;
  @ApiProperty({ description: 'the due time at assignment, kept when extensions move dueAt' }) originalDueAt: Date;
  @ApiProperty() dueAt: Date;
  @ApiProperty({ description: 'end of the first working day after assignment: accepting later makes the item unacknowledged' }) ackDueAt: Date;
  @ApiProperty({ nullable: true, type: Date }) acceptedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) reportedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) closedAt: Date | null;
  @ApiProperty({ enum: ITEM_STATUSES }) status: ItemStatus;
  @ApiProperty({ enum: WARNINGS, description: 'computed on read: window from assignedAt to dueAt; closed items have none' }) warning: Warning;
  @ApiProperty({ description: 'not accepted within one working day (accepted late, or still not accepted)' }) unacknowledged: boolean;
  @ApiProperty({ description: 'closed after dueAt' }) late: boolean;
  @ApiProperty({ type: [ExtensionDto] }) extensions: ExtensionDto[];
  @ApiProperty({ type: [ProgressDto] }) progress: ProgressDto[];
}

export class ItemPageDto {
  @ApiProperty({ type: [ItemDto] }) items: ItemDto[];
  @ApiProperty() total: number;
}
