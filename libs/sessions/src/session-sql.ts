/**
 * The version of a session's finalize job: its ends_at in epoch microseconds, as text. Computed in SQL
 * everywhere so that it compares exactly (a JavaScript Date would drop the microseconds).
 */
export const ENDS_VERSION = (alias = 's') => `(extract(epoch FROM ${alias}.ends_at) * 1000000)::bigint::text`;

/** PostgreSQL unique_violation. */
export const isUniqueViolation = (err: unknown): boolean => (err as { driverError?: { code?: string } })?.driverError?.code === '23505';
