import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

export class DossierQueryDto {
  @ApiPropertyOptional({ minimum: 2000, maximum: 2100, description: 'default: this year (ORG_TIMEZONE)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ enum: ['json', 'xlsx'], default: 'json', description: 'xlsx: one sheet per section' })
  @IsOptional()
  @IsIn(['json', 'xlsx'])
  format?: 'json' | 'xlsx';
}

export class DossierPersonDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
  @ApiProperty() role: string;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() unitName: string;
}

export class DossierAttendanceRecordDto {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty() title: string;
  @ApiProperty() startsAt: string;
  @ApiProperty() status: string;
  @ApiProperty({ nullable: true, type: String }) madeUpAt: string | null;
}

export class DossierAttendanceDto {
  @ApiProperty() sessions: number;
  @ApiProperty() present: number;
  @ApiProperty() late: number;
  @ApiProperty() excused: number;
  @ApiProperty() absent: number;
  @ApiProperty({ description: 'records with make-up study (补学)' }) madeUp: number;
  @ApiProperty({ type: [DossierAttendanceRecordDto] }) records: DossierAttendanceRecordDto[];
}

export class DossierReadingDto {
  @ApiProperty() listTitle: string;
  @ApiProperty() itemTitle: string;
  @ApiProperty() status: string;
  @ApiProperty({ nullable: true, type: String }) finishedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) discussedAt: string | null;
}

export class DossierReflectionDto {
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty() title: string;
  @ApiProperty() status: string;
  @ApiProperty() dueAt: string;
  @ApiProperty({ nullable: true, type: String }) submittedAt: string | null;
  @ApiProperty() charCount: number;
  @ApiProperty() late: boolean;
}

export class DossierTalkDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() kind: string;
  @ApiProperty() talkerName: string;
  @ApiProperty() at: string;
  @ApiProperty({ nullable: true, type: String }) place: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'null for the person’s own view of a private talk' }) summary: string | null;
  @ApiProperty({ nullable: true, type: String }) response: string | null;
  @ApiProperty() private: boolean;
}

export class DossierItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() kind: string;
  @ApiProperty() title: string;
  @ApiProperty() status: string;
  @ApiProperty() assignedAt: string;
  @ApiProperty() dueAt: string;
  @ApiProperty({ nullable: true, type: String }) closedAt: string | null;
  @ApiProperty() late: boolean;
}

export class DossierReminderDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() sentAt: string;
  @ApiProperty({ nullable: true, type: String }) acknowledgedAt: string | null;
}

export class DossierRemindersDto {
  @ApiProperty() received: number;
  @ApiProperty() acknowledged: number;
  @ApiProperty({ type: [DossierReminderDto] }) list: DossierReminderDto[];
}

export class DossierDeclarationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() kind: string;
  @ApiProperty() eventDate: string;
  @ApiProperty() place: string;
  @ApiProperty({ nullable: true, type: Number }) guests: number | null;
  @ApiProperty({ nullable: true, type: Number }) tables: number | null;
  @ApiProperty({ nullable: true, type: String }) acknowledgedAt: string | null;
}

export class DossierDto {
  @ApiProperty({ type: DossierPersonDto }) person: DossierPersonDto;
  @ApiProperty() year: number;
  @ApiProperty({ type: DossierAttendanceDto }) attendance: DossierAttendanceDto;
  @ApiProperty({ type: [DossierReadingDto] }) reading: DossierReadingDto[];
  @ApiProperty({ type: [DossierReflectionDto] }) reflections: DossierReflectionDto[];
  @ApiProperty({ type: [DossierTalkDto], description: 'talks as talkee' }) talks: DossierTalkDto[];
  @ApiProperty({ type: [DossierItemDto], description: 'supervision, rectification and talk follow-up items owned' }) items: DossierItemDto[];
  @ApiProperty({ type: DossierRemindersDto }) reminders: DossierRemindersDto;
  @ApiProperty({ type: [DossierDeclarationDto] }) declarations: DossierDeclarationDto[];
}

export class DossierAccessDto {
  @ApiProperty({ format: 'uuid' }) viewerId: string;
  @ApiProperty() displayName: string;
  @ApiProperty() at: Date;
  @ApiProperty() year: number;
  @ApiProperty({ enum: ['json', 'xlsx'] }) format: string;
}
