import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { OptionalUuid } from '../../common/dto-properties';

export class UnitDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '第一党支部' }) name: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parentId: string | null;
}

export class CreateUnitDto {
  @ApiProperty({ example: '第一党支部' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @OptionalUuid()
  parentId?: string;
}
