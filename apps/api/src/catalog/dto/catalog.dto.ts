import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '../../common/page-query';
import { CATALOG_KINDS, type CatalogKind } from '@qf/sessions';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Max, MaxLength, Min, MinLength } from 'class-validator';
import { OptionalIn } from '../../common/dto-properties';

export class CatalogItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '《习近平谈治国理政》第四卷选读' }) title: string;
  @ApiProperty({ enum: CATALOG_KINDS }) kind: CatalogKind;
  @ApiProperty({ nullable: true, type: String }) summary: string | null;
  @ApiProperty({ nullable: true, type: String }) materialUrl: string | null;
  @ApiProperty({ nullable: true, type: Number }) durationMinutes: number | null;
  @ApiProperty() createdAt: Date;
}

export class CreateCatalogItemDto {
  @ApiProperty({ example: '没有共产党就没有新中国', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiProperty({ enum: CATALOG_KINDS, description: 'theory 理论经典, history 党史故事, song 红色歌曲, integrity 廉政文化, warning_film 警示教育片, case_study 以案说纪, regulation 党纪法规, other' })
  @IsIn(CATALOG_KINDS)
  kind: CatalogKind;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  summary?: string;

  @ApiPropertyOptional({ example: 'https://example.org/material.pdf' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'materialUrl must be an http(s) URL' })
  @MaxLength(2000)
  materialUrl?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1440 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1440)
  durationMinutes?: number;
}

export class ListCatalogQueryDto extends PageQueryDto {
  @OptionalIn(CATALOG_KINDS)
  kind?: CatalogKind;

  /** Matches title or summary. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class CatalogPageDto {
  @ApiProperty({ type: [CatalogItemDto] }) items: CatalogItemDto[];
  @ApiProperty() total: number;
}
