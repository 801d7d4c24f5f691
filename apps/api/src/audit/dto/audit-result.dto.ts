import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ANOMALY_KINDS, AnomalyKind } from '@qf/audit';

export class AttendanceCountsDto {
  @ApiProperty({ description: 'Roster records in the completed sessions of the range, whatever their status (present + late + excused + absent)' })
  expected: number;
  @ApiProperty() present: number;
  @ApiProperty() late: number;
  @ApiProperty() excused: number;
  @ApiProperty() absent: number;
  @ApiProperty({ description: 'Records with a make-up (补学) on file; the status itself is unchanged' }) madeUp: number;
  @ApiProperty({ description: '(present + late) / expected, 4 decimals; 0 when expected is 0', example: 0.8333 }) attendanceRate: number;
}

export class MemberAttendanceDto extends AttendanceCountsDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ format: 'uuid', description: "The member's current unit" }) unitId: string;
}

export class AttendanceSummaryDto {
  @ApiProperty({ nullable: true, type: String, example: '2026-12-01' }) from: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2026-12-31' }) to: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) unitId: string | null;
  @ApiProperty({ description: 'Completed sessions of the unit subtree starting in the range' }) sessions: number;
  @ApiProperty({ type: [MemberAttendanceDto] }) members: MemberAttendanceDto[];
  @ApiProperty({ type: AttendanceCountsDto }) totals: AttendanceCountsDto;
}

export class AuditLogEntryDto {
  @ApiProperty() seq: number;
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'null: the system' }) actorId: string | null;
  @ApiProperty({ example: 'check_in' }) action: string;
  @ApiProperty({ nullable: true, type: String }) fromStatus: string | null;
  @ApiProperty() toStatus: string;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty() at: Date;
  @ApiProperty({ nullable: true, type: String, description: 'null until sealed' }) prevHash: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'null until sealed' }) hash: string | null;
}

export class AuditLogPageDto {
  @ApiProperty({ type: [AuditLogEntryDto] }) items: AuditLogEntryDto[];
  @ApiProperty() total: number;
}

export class RecordMismatchDto {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ nullable: true, type: String, description: 'The attendance record’s status; null when the log has entries but there is no record' }) recordStatus: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The status the log implies (its last entry’s to_status); null for a record without log entries' }) logStatus: string | null;
}

export class ChainVerificationDto {
  @ApiProperty({ description: 'The chain holds and every attendance record is what the log implies' }) ok: boolean;
  @ApiProperty({ description: 'Entries covered by the sealed chain' }) entries: number;
  @ApiProperty({ description: 'Entries after the sealed end, not sealed yet' }) unsealed: number;
  @ApiPropertyOptional({ description: 'First seq where the chain does not hold' }) brokenAt?: number;
  @ApiProperty({ description: '(session, person) pairs compared between the replayed log and attendance_records' }) checked: number;
  @ApiProperty({ type: [RecordMismatchDto], description: 'Pairs whose record differs from the replayed log (the first 1,000)' }) recordMismatches: RecordMismatchDto[];
  @ApiProperty({ description: 'How many pairs differ in all' }) recordMismatchCount: number;
}

export class AttendanceAnomalyDto {
  @ApiProperty({ enum: ANOMALY_KINDS }) kind: AnomalyKind;
  @ApiPropertyOptional({ format: 'uuid' }) userId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) sessionId?: string;
  @ApiProperty({ example: '缺席 3 次（其中已补学 1 次）' }) detail: string;
  @ApiProperty({ description: 'repeated_*: records; changed_after_completion: log entries after completion; undecided_leave: 1' }) count: number;
  @ApiPropertyOptional({ description: 'repeated_absence: absences made up later (still counted)' }) madeUp?: number;
  @ApiPropertyOptional({ description: 'changed_after_completion: last change' }) lastChangedAt?: Date;
  @ApiPropertyOptional({ format: 'uuid', description: 'undecided_leave: the request still pending' }) leaveRequestId?: string;
}

export class AttendanceAnomaliesDto {
  @ApiProperty({ type: [AttendanceAnomalyDto] }) items: AttendanceAnomalyDto[];
}
