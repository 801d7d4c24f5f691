import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ATTENDANCE_STATUSES, AttendanceStatus } from '@qf/attendance';
import { PageQueryDto } from '../../common/page-query';
import { SESSION_KINDS, SESSION_STATUSES } from '@qf/sessions';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { OptionalIn } from '../../common/dto-properties';

/** A make-up study (补学) read back. */
export class MakeUpStudyDto {
  @ApiProperty({ description: 'the summary as sent' }) summary: string;
  @ApiProperty({ description: '字数 of the summary, counted like Word (the rule make-up and reflections share)', example: 312 }) charCount: number;
  @ApiProperty({ description: 'when it was sent' }) at: Date;
}

export class AttendanceRecordDto {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ example: '张伟' }) displayName: string;
  @ApiProperty({ enum: ATTENDANCE_STATUSES }) status: AttendanceStatus;
  @ApiProperty({ nullable: true, type: Date }) checkedInAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) madeUpAt: Date | null;
  @ApiProperty({ nullable: true, type: MakeUpStudyDto, description: 'the make-up study; null until one is sent' }) makeUp: MakeUpStudyDto | null;
  @ApiProperty() updatedAt: Date;
}

export class AttendanceRecordPageDto {
  @ApiProperty({ type: [AttendanceRecordDto] }) items: AttendanceRecordDto[];
  @ApiProperty() total: number;
}

/** The session of one of the caller's records. */
export class MyAttendanceSessionDto {
  @ApiProperty({ example: '12月集中学习会' }) title: string;
  @ApiProperty({ enum: SESSION_KINDS }) kind: string;
  @ApiProperty({ enum: SESSION_STATUSES }) status: string;
  @ApiProperty() startsAt: Date;
  @ApiProperty() endsAt: Date;
  @ApiProperty({ nullable: true, type: String }) location: string | null;
}

export class MyAttendanceRecordDto extends AttendanceRecordDto {
  @ApiProperty({ type: MyAttendanceSessionDto }) session: MyAttendanceSessionDto;
}

export class MyAttendancePageDto {
  @ApiProperty({ type: [MyAttendanceRecordDto] }) items: MyAttendanceRecordDto[];
  @ApiProperty() total: number;
}

export class RosterQueryDto extends PageQueryDto {
  @OptionalIn(ATTENDANCE_STATUSES)
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
