/**
 * JSON schema of the summary's 200 response, given to Fastify so that it serialises the (large)
 * member list with its compiled serializer (fast-json-stringify) rather than JSON.stringify.
 * Keep in step with AttendanceSummaryDto.
 */
const int = { type: 'integer' } as const;
const counts = {
  expected: int,
  present: int,
  late: int,
  excused: int,
  absent: int,
  madeUp: int,
  attendanceRate: { type: 'number' },
} as const;
const nullableString = { type: ['string', 'null'] } as const;

export const SUMMARY_RESPONSE_SCHEMA = {
  type: 'object',
  required: ['from', 'to', 'unitId', 'sessions', 'members', 'totals'],
  properties: {
    from: nullableString,
    to: nullableString,
    unitId: nullableString,
    sessions: int,
    members: {
      type: 'array',
      items: {
        type: 'object',
        required: ['userId', 'displayName', 'unitId', ...Object.keys(counts)],
        properties: { userId: { type: 'string' }, displayName: { type: 'string' }, unitId: { type: 'string' }, ...counts },
      },
    },
    totals: { type: 'object', required: Object.keys(counts), properties: counts },
  },
};
