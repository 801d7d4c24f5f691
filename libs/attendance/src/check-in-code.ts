import { createHmac, timingSafeEqual } from 'node:crypto';

/** Seconds per code: a code shown in the room rotates every minute. */
export const CHECKIN_CODE_STEP_SECONDS = 60;

/** The time step (RFC 6238 counter) of an instant. */
export function codeStepAt(at: Date): number {
  return Math.floor(at.getTime() / 1000 / CHECKIN_CODE_STEP_SECONDS);
}

/**
 * The 6-digit code of one time step: HMAC-SHA1 of the 8-byte big-endian step under the session's
 * secret, with RFC 4226 dynamic truncation (as TOTP, RFC 6238, with a 60-second step).
 */
export function checkInCode(secret: Buffer, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', secret).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 1_000_000).padStart(6, '0');
}

/** The codes accepted during `step`: its own and the previous step's. */
export function acceptedCodes(secret: Buffer, step: number): [string, string] {
  return [checkInCode(secret, step), checkInCode(secret, step - 1)];
}

/** True when `code` is one of `accepted` (constant-time compare of each). */
export function matchesCode(accepted: readonly string[], code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  const given = Buffer.from(code);
  let ok = false;
  for (const a of accepted) ok = timingSafeEqual(Buffer.from(a), given) || ok;
  return ok;
}

/** True when `code` is the code of the step of `at` or of the step before. */
export function isAcceptedCode(secret: Buffer, code: string, at: Date): boolean {
  return matchesCode(acceptedCodes(secret, codeStepAt(at)), code);
}

/** When the code of `at`'s step stops being the current one (it is still accepted one step longer). */
export function codeExpiresAt(at: Date): Date {
  return new Date((codeStepAt(at) + 1) * CHECKIN_CODE_STEP_SECONDS * 1000);
}
