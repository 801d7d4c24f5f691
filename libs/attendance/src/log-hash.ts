import { hash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/**
 * The select list of the fields the chain covers, named as HashableLogEntry names them (all but
 * `seq`, whose type each query picks), for the attendance_log aliased `alias`.
 */
export const hashedLogColumns = (alias: string) =>
  `${alias}.session_id AS "sessionId", ${alias}.user_id AS "userId", ${alias}.actor_id AS "actorId", ${alias}.action,
   ${alias}.from_status AS "fromStatus", ${alias}.to_status AS "toStatus", ${alias}.reason, ${alias}.at`;

export interface HashableLogEntry {
  seq: string | number;
  sessionId: string;
  userId: string;
  actorId: string | null;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  reason: string | null;
  /** The entry's `at`, as stored. */
  at: Date;
}

/**
 * The chain's canonical form, shared by the sealer and the verifier: SHA-256 hex of `prevHash`
 * followed by the entry's fields as a JSON array in a fixed order (null for absent values, `at`
 * as an ISO-8601 instant with milliseconds).
 */
export function entryHash(prevHash: string, e: HashableLogEntry): string {
  const canonical = JSON.stringify([
    String(e.seq),
    e.sessionId,
    e.userId,
    e.actorId ?? null,
    e.action,
    e.fromStatus ?? null,
    e.toStatus,
    e.reason ?? null,
    new Date(e.at).toISOString(),
  ]);
  // One-shot hashing: the verifier and the sealer call this once per log entry (millions).
  return hash('sha256', `${prevHash}\n${canonical}`, 'hex');
}
