import { applyDecorators, type Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsCalendarDate } from './calendar-date';

export interface DateRangeDocs<R extends boolean> {
  /** Description of `from` and of `to` in the OpenAPI document. */
  from: string;
  to: string;
  /** Examples of `from` and `to`; default 2026-12-01 … 2026-12-31. */
  examples?: [string, string];
  /** Both ends required (400 when missing); default: both optional. */
  required?: R;
}

type Range<R extends boolean> = R extends true ? { from: string; to: string } : { from?: string; to?: string };

const dateField = (required: boolean, description: string, example: string) =>
  // IsCalendarDate first: the documentation given here then wins over its defaults.
  applyDecorators(IsCalendarDate(), ApiProperty({ required, description, example }), ...(required ? [] : [IsOptional()]));

/**
 * `from` and `to`, two local calendar dates (YYYY-MM-DD, see IsCalendarDate), added to `Base` (a query
 * or body DTO such as PageQueryDto). Whether `to` may precede `from`, and how long the range may be, is
 * the service's rule.
 */
export function DateRange<R extends boolean = false, B extends Type<object> = Type<object>>(docs: DateRangeDocs<R>, Base: B = class {} as B) {
  const [fromExample, toExample] = docs.examples ?? ['2026-12-01', '2026-12-31'];
  const required = docs.required ?? false;
  class DateRangeDto extends Base {
    @dateField(required, docs.from, fromExample)
    from?: string;

    @dateField(required, docs.to, toExample)
    to?: string;
  }
  return DateRangeDto as unknown as Type<InstanceType<B> & Range<R>>;
}
