import { ApiProperty } from '@nestjs/swagger';
import { TALK_KINDS } from '@qf/integrity';
import type { TalkKind } from '@qf/integrity';
import { IsIn, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { DateRange } from '../../common/date-range';

export class CreateTalkPlanDto extends DateRange({
  from: 'first day of the period (local date)',
  to: 'last day of the period (local date)',
  examples: ['2026-01-01', '2026-12-31'],
  required: true,
}) {
  @ApiProperty({ example: '2026年度廉政谈话全覆盖' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiProperty({ enum: TALK_KINDS })
  @IsIn(TALK_KINDS)
  kind: TalkKind;

  @ApiProperty({ format: 'uuid', description: 'one of your units' })
  @IsUUID()
  unitId: string;
}

export class PersonRefDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
}

export class FollowUpCountsDto {
  @ApiProperty() open: number;
  @ApiProperty() closed: number;
  @ApiProperty() overdue: number;
}

export class CoverageDto {
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: TALK_KINDS }) kind: TalkKind;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty() required: number;
  @ApiProperty() done: number;
  @ApiProperty({ description: 'done / required, 0–1 (1 when nobody is required)' }) coverage: number;
  @ApiProperty({ type: [PersonRefDto] }) missing: PersonRefDto[];
  @ApiProperty({ type: FollowUpCountsDto }) followUps: FollowUpCountsDto;
}

export class TalkPlanRowDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: TALK_KINDS }) kind: TalkKind;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty() startsAt: Date;
  @ApiProperty() endsAt: Date;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty() createdAt: Date;
}

export class TalkPlanPageDto {
  @ApiProperty({ type: [TalkPlanRowDto] }) items: TalkPlanRowDto[];
  @ApiProperty() total: number;
}

export class TalkPlanDto extends TalkPlanRowDto {
  @ApiProperty({ type: CoverageDto }) coverage: CoverageDto;
}
