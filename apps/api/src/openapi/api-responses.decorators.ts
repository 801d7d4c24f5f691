import { ApiResponse } from '@nestjs/swagger';

/**
 * One decorator per error kind that only some operations answer. Their body is always the shared
 * ErrorBodyDto: the document post-processor (openapi-document.ts) fills it in, together with the errors
 * every operation may answer (400, 401/403 unless public, 404 with a path parameter, 413, 415, 429, 500, 503).
 */
export const ApiNotFound = (description = 'Missing, or not visible to the caller') => ApiResponse({ status: 404, description });
export const ApiConflict = (description: string) => ApiResponse({ status: 409, description });
export const ApiServiceUnavailable = (description: string) => ApiResponse({ status: 503, description });

export const CSV = 'text/csv';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A 200 that is a file download in one of these content types (a binary body, not JSON). */
export const ApiFileResponse = (description: string, ...contentTypes: string[]) =>
  ApiResponse({ status: 200, description, content: Object.fromEntries(contentTypes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])) });
