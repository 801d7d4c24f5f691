import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ValidateBy, type ValidationOptions } from 'class-validator';
import { DateTime } from 'luxon';

const SHAPE = /^\d{4}-\d{2}-\d{2}$/;
const EXAMPLE = '2026-12-31';

/**
 * A real calendar date written YYYY-MM-DD: 2026-02-29 and 2026-13-01 are refused. Years 0001–9999, the
 * four-digit years (the same bound as NotAfterYear9999 for instants); PostgreSQL has no year 0000.
 */
export function isCalendarDate(value: unknown): value is string {
  return typeof value === 'string' && SHAPE.test(value) && !value.startsWith('0000') && DateTime.fromISO(value, { zone: 'UTC' }).isValid;
}

/**
 * Validates a calendar date (see isCalendarDate; `{ each: true }` for an array of them), 400 with
 * "<field> must be a calendar date YYYY-MM-DD", and documents it in the OpenAPI spec as a string of
 * format `date`. Put it under `@ApiProperty`/`@ApiPropertyOptional`: what those say (example,
 * description, required) wins over the defaults here.
 */
export function IsCalendarDate(options: ValidationOptions = {}): PropertyDecorator {
  const each = options.each === true;
  return applyDecorators(
    ValidateBy(
      {
        name: 'isCalendarDate',
        validator: {
          validate: isCalendarDate,
          defaultMessage: (args) => `${each ? 'each of ' : ''}${args?.property} must be a calendar date YYYY-MM-DD`,
        },
      },
      options,
    ),
    ApiProperty(
      each
        ? { type: [String], format: 'date', pattern: SHAPE.source, example: [EXAMPLE] }
        : { type: String, format: 'date', pattern: SHAPE.source, example: EXAMPLE },
    ),
  );
}
