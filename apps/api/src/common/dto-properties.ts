import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsUUID } from 'class-validator';

/**
 * Property decorators for the fields many DTOs share: each validates and documents the field in one
 * line, so the OpenAPI document says what the validation checks. A JSDoc comment on the property still
 * becomes its description (swagger plugin); `description` here is for fields without one.
 */

/** An optional UUID (a filter or a reference): `format: uuid`, 400 unless a UUID. */
export const OptionalUuid = (description?: string) => applyDecorators(ApiPropertyOptional({ format: 'uuid', description }), IsOptional(), IsUUID());

/** An optional value of `values` (documented as their enum), 400 for anything else. */
export const OptionalIn = (values: readonly (string | number)[], description?: string) =>
  applyDecorators(ApiPropertyOptional({ enum: values, description }), IsOptional(), IsIn(values));

/** An array of at most `max` UUIDs. Put `@ApiProperty…` (description, required) above it. */
export const UuidList = (max: number) =>
  applyDecorators(ApiProperty({ type: [String], format: 'uuid', maxItems: max }), IsArray(), ArrayMaxSize(max), IsUUID('all', { each: true }));
