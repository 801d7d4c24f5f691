import { ApiPropertyOptional } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { IsOptional, validateSync } from 'class-validator';
import { IsCalendarDate, isCalendarDate } from './calendar-date';

class Probe {
  @ApiPropertyOptional({ example: '2026-10-01', description: 'a day' })
  @IsCalendarDate()
  day?: unknown;

  @IsOptional()
  @IsCalendarDate({ each: true })
  days?: unknown;
}

const errorsOf = (plain: object) => validateSync(plainToInstance(Probe, plain)).flatMap((e) => Object.values(e.constraints ?? {}));

describe('IsCalendarDate', () => {
  it.each(['2026-12-31', '2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31', '2026-01-01'])('accepts %s', (day) => {
    expect(isCalendarDate(day)).toBe(true);
    expect(errorsOf({ day })).toEqual([]);
  });

  it.each([
    ['no 29 February in a common year', '2026-02-29'],
    ['no 29 February in 1900 (not a leap year)', '1900-02-29'],
    ['30 February', '2026-02-30'],
    ['31 April', '2026-04-31'],
    ['month 13', '2026-13-01'],
    ['month 00', '2026-00-10'],
    ['day 00', '2026-01-00'],
    ['year 0000 (PostgreSQL has none)', '0000-01-01'],
    ['a five-digit year', '10000-01-01'],
    ['a signed year', '+2026-01-01'],
    ['no padding', '2026-1-1'],
    ['slashes', '2026/01/01'],
    ['a basic-format date', '20260101'],
    ['a date-time', '2026-01-01T00:00:00Z'],
    ['a trailing newline', '2026-01-01\n'],
    ['leading space', ' 2026-01-01'],
    ['a week date', '2026-W01-1'],
    ['an ordinal date', '2026-001'],
    ['full-width digits', '２０２６-０１-０１'],
    ['the empty string', ''],
  ])('refuses %s (%j)', (_, day) => {
    expect(isCalendarDate(day)).toBe(false);
    expect(errorsOf({ day })).toEqual(['day must be a calendar date YYYY-MM-DD']);
  });

  it.each([[20260101], [new Date('2026-01-01')], [null], [undefined], [true], [['2026-01-01']], [{ y: 2026 }]])('refuses the non-string %j', (day) => {
    expect(isCalendarDate(day)).toBe(false);
    expect(errorsOf({ day })).toEqual(['day must be a calendar date YYYY-MM-DD']);
  });

  it('with { each: true } checks every element of an array', () => {
    expect(errorsOf({ day: '2026-01-01', days: ['2024-02-29', '2027-01-01'] })).toEqual([]);
    expect(errorsOf({ day: '2026-01-01', days: ['2027-01-01', '2026-02-29'] })).toEqual(['each of days must be a calendar date YYYY-MM-DD']);
    expect(errorsOf({ day: '2026-01-01', days: ['2027-01-01', 5] })).toEqual(['each of days must be a calendar date YYYY-MM-DD']);
  });

  it('documents the property as an OpenAPI date; the @ApiProperty above it keeps its own example', () => {
    const docs = (key: string) => Reflect.getMetadata('swagger/apiModelProperties', Probe.prototype, key);
    expect(docs('day')).toMatchObject({ type: String, format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$', example: '2026-10-01', description: 'a day', required: false });
    expect(docs('days')).toMatchObject({ type: String, isArray: true, format: 'date', example: ['2026-12-31'] });
  });
});
