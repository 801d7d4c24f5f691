import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CATALOG_KINDS, type CatalogKind, COURSES, type Course, MAX_MENU_ITEMS } from '@qf/sessions';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, IsUUID, MaxLength, MinLength, ValidateNested, IsOptional } from 'class-validator';

export class MenuItemInputDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  catalogItemId: string;

  @ApiProperty({ enum: COURSES, description: 'main 主菜 (必点) or side 配菜' })
  @IsIn(COURSES)
  course: Course;
}

export class CreateMenuDto {
  @ApiProperty({ example: '周五学习标准套餐' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({
    enum: CATALOG_KINDS,
    isArray: true,
    default: ['theory', 'history', 'song'],
    description: 'Kinds that must each be covered by at least one main item (必点主菜)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CATALOG_KINDS.length)
  @IsIn(CATALOG_KINDS, { each: true })
  requiredKinds?: CatalogKind[];

  @ApiProperty({ type: [MenuItemInputDto], minItems: 1, maxItems: MAX_MENU_ITEMS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_MENU_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => MenuItemInputDto)
  items: MenuItemInputDto[];
}

export class MenuItemDto {
  @ApiProperty() position: number;
  @ApiProperty({ format: 'uuid' }) catalogItemId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: CATALOG_KINDS }) kind: CatalogKind;
  @ApiProperty({ enum: COURSES }) course: Course;
}

export class MenuDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: CATALOG_KINDS, isArray: true }) requiredKinds: CatalogKind[];
  @ApiProperty({ type: [MenuItemDto] }) items: MenuItemDto[];
  @ApiProperty() createdAt: Date;
}

export class MenuPageDto {
  @ApiProperty({ type: [MenuDto] }) items: MenuDto[];
  @ApiProperty() total: number;
}
