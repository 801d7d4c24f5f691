import { checkInCode, codeExpiresAt, codeStepAt, isAcceptedCode } from './check-in-code';

describe('check-in codes', () => {
  // RFC 6238 appendix B test vectors (SHA-1, 8 digits) reduced to 6 digits: the same truncation.
  const rfcSecret = Buffer.from('12345678901234567890');
  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1111111111, '050471'],
    [1234567890, '005924'],
    [2000000000, '279037'],
  ])('matches RFC 6238 at T=%i with a 30 s step', (t, code) => {
    expect(checkInCode(rfcSecret, Math.floor(t / 30))).toBe(code);
  });

  const secret = Buffer.alloc(32, 7);
  const at = new Date('2026-12-04T07:00:30.000Z');
  const step = codeStepAt(at);

  it('accepts the current and the previous step, nothing older or newer', () => {
    expect(isAcceptedCode(secret, checkInCode(secret, step), at)).toBe(true);
    expect(isAcceptedCode(secret, checkInCode(secret, step - 1), at)).toBe(true);
    const older = checkInCode(secret, step - 2);
    const newer = checkInCode(secret, step + 1);
    const current = [checkInCode(secret, step), checkInCode(secret, step - 1)];
    if (!current.includes(older)) expect(isAcceptedCode(secret, older, at)).toBe(false);
    if (!current.includes(newer)) expect(isAcceptedCode(secret, newer, at)).toBe(false);
  });

  it('rejects malformed codes', () => {
    for (const bad of ['', '12345', '1234567', 'abcdef', ' 12345']) expect(isAcceptedCode(secret, bad, at)).toBe(false);
  });

  it('expires at the end of the current minute', () => {
    expect(codeExpiresAt(at).toISOString()).toBe('2026-12-04T07:01:00.000Z');
  });
});
