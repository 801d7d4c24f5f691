import { ApiProperty } from '@nestjs/swagger';
import { MAX_LIST_ENTRIES } from '@qf/supervision';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDate, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { ItemDto } from '../../supervision/dto/supervision-item.dto';
import { NotAfterYear9999 } from '../../common/instant';

export class CreateCampaignDto {
  @ApiProperty({ example: '2026年作风巡查问题整改' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiProperty({ type: [String], format: 'uuid', description: 'your units whose people must file a list' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  unitIds: string[];

  @ApiProperty({ description: 'filing deadline (in the future)' })
  @Type(() => Date)
  @IsDate()
  @NotAfterYear9999()
  listDueAt: Date;
}

export class ListEntryDto {
  @ApiProperty({ example: '学习不够深入' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  problem: string;

  @ApiProperty({ example: '每周精读一篇理论文章并写学习笔记' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  measure: string;

  @ApiProperty({ description: 'when the measure is carried out (in the future)' })
  @Type(() => Date)
  @IsDate()
  @NotAfterYear9999()
  dueAt: Date;
}

export class FileListDto {
  @ApiProperty({ type: [ListEntryDto], minItems: 1, maxItems: MAX_LIST_ENTRIES })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LIST_ENTRIES)
  @ValidateNested({ each: true })
  @Type(() => ListEntryDto)
  items: ListEntryDto[];
}

export class CampaignPersonDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
}

export class CampaignItemCountsDto {
  @ApiProperty() open: number;
  @ApiProperty() closed: number;
  @ApiProperty({ description: 'open and past their due time' }) overdue: number;
}

export class CampaignDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [String], format: 'uuid' }) unitIds: string[];
  @ApiProperty() listDueAt: Date;
  @ApiProperty({ format: 'uuid', description: 'the creator supervises every entry' }) createdBy: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ description: 'people who filed their list (an organiser who is not the creator sees only their units’ people)' }) filed: number;
  @ApiProperty({ type: [CampaignPersonDto] }) notFiled: CampaignPersonDto[];
  @ApiProperty({ type: CampaignItemCountsDto }) items: CampaignItemCountsDto;
}

export class FiledListDto {
  @ApiProperty({ format: 'uuid' }) campaignId: string;
  @ApiProperty({ type: [ItemDto], description: 'one rectification item per entry, owned by you (accepted), supervised by the campaign’s creator' })
  items: ItemDto[];
}

export class CampaignSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [String], format: 'uuid' }) unitIds: string[];
  @ApiProperty() listDueAt: Date;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ description: 'you are one of its people and file a list' }) mustFile: boolean;
  @ApiProperty({ nullable: true, type: Date, description: 'when you filed your list' }) filedAt: Date | null;
}

export class CampaignPageDto {
  @ApiProperty({ type: [CampaignSummaryDto] }) items: CampaignSummaryDto[];
  @ApiProperty() total: number;
}

export class MyListDto {
  @ApiProperty({ format: 'uuid' }) campaignId: string;
  @ApiProperty() title: string;
  @ApiProperty() listDueAt: Date;
  @ApiProperty({ nullable: true, type: Date, description: 'when you filed your list; null before' }) filedAt: Date | null;
  @ApiProperty({ type: [ItemDto], description: 'your entries: rectification items you own, by due time' }) items: ItemDto[];
}
