import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HOLIDAY_NAMES } from '@qf/integrity';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { NotAfterYear9999 } from '../../common/instant';
import { PersonRefDto } from './talk-plan.dto';
import { UuidList } from '../../common/dto-properties';

export class ReminderAudienceDto {
  @ApiPropertyOptional({ description: 'everyone of these units (and below) when sent' })
  @IsOptional()
  @UuidList(200)
  unitIds?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @UuidList(1000)
  userIds?: string[];
}

export class ReminderHolidayDto {
  @ApiProperty({ enum: HOLIDAY_NAMES })
  @IsIn(HOLIDAY_NAMES)
  name: string;

  @ApiProperty({ minimum: 0, maximum: 30, description: 'working days before the first day off' })
  @IsInt()
  @Min(0)
  @Max(30)
  daysBefore: number;
}

export class CreateReminderDto {
  @ApiProperty({ example: '中秋国庆节前廉政提醒' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiProperty({ example: '严禁公款送节礼、违规发放津贴补贴……' })
  @IsString()
  @MaxLength(10_000)
  body: string;

  @ApiProperty({ type: ReminderAudienceDto })
  @ValidateNested()
  @Type(() => ReminderAudienceDto)
  audience: ReminderAudienceDto;

  @ApiPropertyOptional({ description: 'when to send (give this or holiday)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @NotAfterYear9999()
  sendAt?: Date;

  @ApiPropertyOptional({ type: ReminderHolidayDto, description: 'send daysBefore working days before the next holiday of that name, 09:00 local' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReminderHolidayDto)
  holiday?: ReminderHolidayDto;
}

export class ReminderAudienceViewDto {
  @ApiProperty({ type: [String] }) unitIds: string[];
  @ApiProperty({ type: [String] }) userIds: string[];
}

export class ReminderDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() body: string;
  @ApiProperty({ format: 'uuid' }) senderId: string;
  @ApiProperty({ type: ReminderAudienceViewDto }) audience: ReminderAudienceViewDto;
  @ApiProperty({ type: ReminderHolidayDto, nullable: true }) holiday: ReminderHolidayDto | null;
  @ApiProperty() sendAt: Date;
  @ApiProperty({ nullable: true, type: Date }) sentAt: Date | null;
}

export class ReminderReportDto extends ReminderDto {
  @ApiProperty() recipients: number;
  @ApiProperty() acknowledged: number;
  @ApiProperty({ type: [PersonRefDto] }) notAcknowledged: PersonRefDto[];
}

export class ReminderSummaryDto extends ReminderDto {
  @ApiProperty({ description: 'people it was sent to (0 before it is sent)' }) recipients: number;
  @ApiProperty() acknowledged: number;
}

export class ReminderPageDto {
  @ApiProperty({ type: [ReminderSummaryDto] }) items: ReminderSummaryDto[];
  @ApiProperty() total: number;
}

export class ReceivedReminderDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() body: string;
  @ApiProperty() sentAt: Date;
  @ApiProperty() senderName: string;
  @ApiProperty({ nullable: true, type: Date, description: 'when the caller acknowledged it (已阅知晓)' }) acknowledgedAt: Date | null;
}
