import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '../../common/page-query';
import { TALK_KINDS } from '@qf/integrity';
import type { TalkKind } from '@qf/integrity';
import { TIME_LIMITS } from '@qf/supervision';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDate, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { OptionalIn, OptionalUuid } from '../../common/dto-properties';

export class TalkFollowUpDto {
  @ApiProperty({ example: '整改公车私用问题' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional({ example: '一周内提交书面说明' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  detail?: string;

  @ApiPropertyOptional({ enum: TIME_LIMITS, default: 7, description: '"13710": working days' })
  @IsOptional()
  @IsIn(TIME_LIMITS, { message: `timeLimitDays must be one of ${TIME_LIMITS.join(', ')}` })
  timeLimitDays?: number;
}

export class CreateTalkDto {
  @ApiProperty({ enum: TALK_KINDS })
  @IsIn(TALK_KINDS)
  kind: TalkKind;

  @ApiProperty({ format: 'uuid', description: 'a person of one of your units' })
  @IsUUID()
  talkeeId: string;

  @OptionalUuid('admins only: the talker, when not the caller')
  talkerId?: string;

  @ApiProperty({ description: 'when the talk took place (not in the future)' })
  @Type(() => Date)
  @IsDate()
  at: Date;

  @ApiPropertyOptional({ example: '党支部办公室', nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  place?: string | null;

  @ApiProperty({ example: '围绕廉洁自律、八小时以外生活圈进行提醒谈话。' })
  @IsString()
  @MinLength(1)
  @MaxLength(10_000)
  summary: string;

  @ApiPropertyOptional({ example: '表示接受提醒，认真整改。', nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  response?: string | null;

  @ApiPropertyOptional({ default: false, description: 'private: the talkee reads the talk without its summary' })
  @IsOptional()
  @IsBoolean()
  private?: boolean;

  @ApiPropertyOptional({ type: [TalkFollowUpDto], description: 'each becomes a talk_followup supervision item owned by the talkee' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => TalkFollowUpDto)
  followUps?: TalkFollowUpDto[];
}

export class ListTalksQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'talks at or after' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  @ApiPropertyOptional({ description: 'talks before' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date;

  @OptionalUuid('talkees of this unit or below')
  unitId?: string;

  @OptionalUuid()
  talkeeId?: string;

  @OptionalIn(TALK_KINDS)
  kind?: TalkKind;
}

export class TalkDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: TALK_KINDS }) kind: TalkKind;
  @ApiProperty({ format: 'uuid' }) talkerId: string;
  @ApiProperty() talkerName: string;
  @ApiProperty({ format: 'uuid' }) talkeeId: string;
  @ApiProperty() talkeeName: string;
  @ApiProperty() at: Date;
  @ApiProperty({ nullable: true, type: String }) place: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'null for the talkee of a private talk' }) summary: string | null;
  @ApiProperty({ nullable: true, type: String }) response: string | null;
  @ApiProperty() private: boolean;
  @ApiProperty({ type: [String], description: 'ids of the talk_followup supervision items' }) followUps: string[];
  @ApiProperty() createdAt: Date;
}

export class TalkPageDto {
  @ApiProperty({ type: [TalkDto] }) items: TalkDto[];
  @ApiProperty() total: number;
}
