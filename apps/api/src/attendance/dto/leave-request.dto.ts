import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LEAVE_STATUSES, LeaveStatus } from '@qf/attendance';
import { PageQueryDto } from '../../common/page-query';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { NonBlankReason } from './attendance.dto';
import { OptionalIn, OptionalUuid } from '../../common/dto-properties';

export class CreateLeaveRequestDto extends NonBlankReason {}

export class LeaveRequestDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty() reason: string;
  @ApiProperty({ enum: LEAVE_STATUSES }) status: LeaveStatus;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
  /** Who approved or rejected it; null while pending and for a withdrawn request. */
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) decidedBy: string | null;
  @ApiProperty({ nullable: true, type: Date }) decidedAt: Date | null;
  @ApiProperty() createdAt: Date;
}

export class LeaveRequestPageDto {
  @ApiProperty({ type: [LeaveRequestDto] }) items: LeaveRequestDto[];
  @ApiProperty() total: number;
}

export class ListLeaveRequestsQueryDto extends PageQueryDto {
  @OptionalIn(LEAVE_STATUSES)
  status?: LeaveStatus;

  @OptionalUuid()
  sessionId?: string;
}

export class LeaveDecisionDto {
  @ApiProperty()
  @IsBoolean()
  approve: boolean;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  comment?: string;
}
