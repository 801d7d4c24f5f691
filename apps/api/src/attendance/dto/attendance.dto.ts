import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ATTENDANCE_STATUSES, AttendanceStatus } from '@qf/attendance';
import { PageQueryDto } from '@qf/common';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class AttendanceRecordDto {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ example: '张伟' }) displayName: string;
  @ApiProperty({ enum: ATTENDANCE_STATUSES }) status: AttendanceStatus;
  @ApiProperty({ nullable: true, type: Date }) checkedInAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) madeUpAt: Date | null;
  @ApiProperty() updatedAt: Date;
}

export class AttendanceRecordPageDto {
  @ApiProperty({ type: [AttendanceRecordDto] }) items: AttendanceRecordDto[];
  @ApiProperty() total: number;
}

export class RosterQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ATTENDANCE_STATUSES })
  @IsOptional()
  @IsIn(ATTENDANCE_STATUSES)
  status?: AttendanceStatus;
}

export class CheckInCodeDto {
  /** Six digits to show in the room; rotates every 60 s (the previous code is still accepted). */
  @ApiProperty({ example: '042917' }) code: string;
  /** When this code stops being the current one. */
  @ApiProperty() expiresAt: Date;
}

export class CheckInDto {
  @ApiProperty({ example: '042917', description: 'the 6-digit code shown in the room' })
  @IsString()
  @MaxLength(32)
  code: string;
}

export class MarkAttendanceDto {
  @ApiProperty({ enum: ATTENDANCE_STATUSES })
  @IsIn(ATTENDANCE_STATUSES)
  status: AttendanceStatus;

  /** Required (at least 2 characters) once the session is completed. */
  @ApiPropertyOptional({ minLength: 2, maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class MakeUpDto {
  /** What was studied: at least 100 字 counted as API.md describes (CJK characters count 1 each). */
  @ApiProperty({ description: 'at least 100 字' })
  @IsString()
  @MaxLength(100_000)
  summary: string;
}

export class NonBlankReason {
  @ApiProperty({ maxLength: 1000, example: '出差' })
  @IsString()
  @Matches(/\S/, { message: 'reason must not be empty' })
  @MaxLength(1000)
  reason: string;
}
