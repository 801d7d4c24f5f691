import { errorOfKind } from '@qf/common';
import { PgErrorCode, pgErrorCode } from '@qf/database';

/** The change lost a race with the sealer (see the migration AttendanceCheckInAndSealing); retry (503). */
export class RetryLaterError extends errorOfKind('unavailable') {}

/** The log's commit-time guard raises serialization_failure for an entry behind the sealed end (as PostgreSQL does for serialization failures). */
export function isSealRace(err: unknown): boolean {
  return pgErrorCode(err) === PgErrorCode.serializationFailure;
}

/**
 * Runs a transaction that appends to the attendance log, retrying it (a few times, at once) when its
 * entry was refused at commit for landing behind the sealed end of the chain. Rare: the sealer
 * stays seconds behind the writers. After the last try → 503, and the client retries.
 */
export async function retryOnSealRace<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await work();
    } catch (err) {
      if (!isSealRace(err)) throw err;
      if (i >= attempts) throw new RetryLaterError('the attendance log is busy; please retry');
    }
  }
}
