import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '../../common/page-query';
import { ATTENDANCE_STATUSES } from '@qf/attendance';
import { MAX_CHARS, WARNINGS, TASK_STATUSES } from '@qf/reflections';
import type { AssignmentStatus, TaskStatus, Warning } from '@qf/reflections';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDate,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { NotAfterYear9999 } from '../../common/instant';
import { OptionalIn, OptionalUuid, UuidList } from '../../common/dto-properties';

export class WarningThresholdsDto {
  /** Share of the window left at which a task turns yellow (0 < orange < yellow < 1). */
  @ApiProperty({ example: 0.3 })
  @IsNumber()
  @Min(0)
  @Max(1)
  yellow: number;

  /** Share of the window left at which a task turns orange. */
  @ApiProperty({ example: 0.15 })
  @IsNumber()
  @Min(0)
  @Max(1)
  orange: number;
}

export class AudienceDto {
  /** Everyone who is a person of these units (members and organisers of the unit or a descendant). */
  @ApiPropertyOptional()
  @IsOptional()
  @UuidList(200)
  unitIds?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @UuidList(10_000)
  userIds?: string[];

  /** The people of this session's attendance with the given statuses. */
  @OptionalUuid()
  sessionId?: string;

  @ApiPropertyOptional({ enum: ATTENDANCE_STATUSES, isArray: true, default: ['present', 'late'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsIn(ATTENDANCE_STATUSES, { each: true })
  attendanceStatuses?: string[];
}

export class CreateAssignmentDto {
  @ApiProperty({ example: '观看《零容忍》警示教育片心得体会' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional({ example: '结合本职工作，谈谈观后的认识和打算。' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  prompt?: string;

  /** Least 字 a submission must have (default 300). */
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_CHARS, default: 300 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_CHARS)
  minChars?: number;

  /** In the future. */
  @ApiProperty({ example: '2026-12-11T10:00:00.000Z' })
  @Type(() => Date)
  @IsDate()
  @NotAfterYear9999()
  dueAt: Date;

  /** The session the reflection is about. */
  @OptionalUuid()
  sessionId?: string;

  @ApiPropertyOptional({ type: WarningThresholdsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => WarningThresholdsDto)
  warningThresholds?: WarningThresholdsDto;

  @ApiProperty({ type: AudienceDto })
  @ValidateNested()
  @Type(() => AudienceDto)
  audience: AudienceDto;
}

export class AssignmentCreatedDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['dispatching'] }) status: 'dispatching';
}

/**
 * Counts over the tasks the caller may read: every task for auditors and admins; for an organiser,
 * only the tasks of people of their units (an assignment addressed to several units never shows an
 * organiser the figures of another unit).
 */
export class AssignmentCountsDto {
  @ApiProperty() assigned: number;
  /** Submitted (awaiting review) or approved. */
  @ApiProperty() submitted: number;
  @ApiProperty() approved: number;
  @ApiProperty() returned: number;
  /** Still to be written and past due. */
  @ApiProperty() overdue: number;
}

/** The audience as it was asked for (the worker resolved it into tasks). */
export class AssignmentAudienceDto {
  @ApiProperty({ type: [String], format: 'uuid' }) unitIds: string[];
  @ApiProperty({ type: [String], format: 'uuid' }) userIds: string[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) sessionId: string | null;
  @ApiProperty({ enum: ATTENDANCE_STATUSES, isArray: true, example: ['present', 'late'] }) attendanceStatuses: string[];
}

export class AssignmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() prompt: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) sessionId: string | null;
  @ApiProperty() minChars: number;
  @ApiProperty() dueAt: Date;
  @ApiProperty({ enum: ['dispatching', 'open', 'closed'] }) status: AssignmentStatus;
  @ApiProperty({ type: WarningThresholdsDto }) warningThresholds: WarningThresholdsDto;
  @ApiProperty({ type: AssignmentAudienceDto }) audience: AssignmentAudienceDto;
  @ApiProperty({ format: 'uuid' }) ownerUnitId: string;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty() createdAt: Date;
  /** Over the tasks the caller may read: an organiser counts only their units' people. */
  @ApiProperty({ type: AssignmentCountsDto, description: 'over the tasks the caller may read: an organiser counts only their units’ people' })
  counts: AssignmentCountsDto;
}

export class AssignmentPageDto {
  @ApiProperty({ type: [AssignmentDto] }) items: AssignmentDto[];
  @ApiProperty() total: number;
}

export class ListAssignmentsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['dispatching', 'open', 'closed'] })
  @IsOptional()
  @IsIn(['dispatching', 'open', 'closed'])
  status?: AssignmentStatus;
}

export class ListTasksQueryDto extends PageQueryDto {
  @OptionalIn(TASK_STATUSES)
  status?: TaskStatus;

  /** 三色预警 colour, computed from the clock. */
  @OptionalIn(WARNINGS)
  warning?: Warning;
}

export class MyTasksQueryDto extends PageQueryDto {
  @OptionalIn(TASK_STATUSES)
  status?: TaskStatus;
}
