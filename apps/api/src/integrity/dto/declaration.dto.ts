import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '../../common/page-query';
import { Transform } from 'class-transformer';
import { DECLARATION_KINDS } from '@qf/integrity';
import type { DeclarationKind } from '@qf/integrity';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsCalendarDate } from '../../common/calendar-date';

export class CreateDeclarationDto {
  @ApiProperty({ enum: DECLARATION_KINDS })
  @IsIn(DECLARATION_KINDS)
  kind: DeclarationKind;

  @ApiProperty({ example: '2026-12-20', description: 'the event’s local date; must be after today (declare before the event)' })
  @IsCalendarDate()
  eventDate: string;

  @ApiProperty({ example: '家中' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  place: string;

  @ApiPropertyOptional({ nullable: true, type: Number, minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  guests?: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number, minimum: 0, description: '桌数' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  tables?: number | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

export class AcknowledgeDeclarationDto {
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string | null;
}

export class DeclarationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: DECLARATION_KINDS }) kind: DeclarationKind;
  @ApiProperty() eventDate: string;
  @ApiProperty() place: string;
  @ApiProperty({ nullable: true, type: Number }) guests: number | null;
  @ApiProperty({ nullable: true, type: Number }) tables: number | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) acknowledgedBy: string | null;
  @ApiProperty({ nullable: true, type: Date }) acknowledgedAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
}

export class ListDeclarationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ type: Boolean, description: 'true: only unacknowledged; false: only acknowledged' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  pending?: boolean;
}

export class DeclarationPageDto {
  @ApiProperty({ type: [DeclarationDto] }) items: DeclarationDto[];
  @ApiProperty() total: number;
}
