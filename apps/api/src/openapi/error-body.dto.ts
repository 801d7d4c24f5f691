import { ApiProperty } from '@nestjs/swagger';

/**
 * The one error body of the api (NestJS's own shape, kept by AllExceptionsFilter). Every error response
 * in the OpenAPI document points at this schema; the document post-processor adds it (openapi-document.ts).
 */
export class ErrorBodyDto {
  @ApiProperty({ example: 404 }) statusCode: number;

  /** What went wrong; for validation, one string per broken rule naming the field. */
  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    example: ['title must be shorter than or equal to 200 characters'],
  })
  message: string | string[];

  /** The HTTP reason phrase. */
  @ApiProperty({ example: 'Not Found' }) error: string;

  /** On a 500 only: the id under which the error was logged. */
  @ApiProperty({ required: false, format: 'uuid' }) errorId?: string;
}
