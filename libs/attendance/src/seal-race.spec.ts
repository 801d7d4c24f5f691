import { QueryFailedError } from 'typeorm';
import { isSealRace, retryOnSealRace, RetryLaterError } from './seal-race';

const sealRace = () => new QueryFailedError('COMMIT', [], Object.assign(new Error('behind the sealed end'), { code: '40001' }));

describe('retryOnSealRace', () => {
  it('retries a transaction refused for landing behind the sealed end', async () => {
    let calls = 0;
    const result = await retryOnSealRace(async () => {
      if (++calls < 3) throw sealRace();
      return 'done';
    });
    expect(result).toBe('done');
    expect(calls).toBe(3);
  });

  it('gives up with a 503 after the last attempt', async () => {
    const err = await retryOnSealRace(() => Promise.reject(sealRace()), 2).catch((e) => e);
    expect(err).toBeInstanceOf(RetryLaterError);
    expect(err.kind).toBe('unavailable');
  });

  it('passes other errors through at once', async () => {
    let calls = 0;
    const other = new Error('boom');
    await expect(
      retryOnSealRace(async () => {
        calls++;
        throw other;
      }),
    ).rejects.toBe(other);
    expect(calls).toBe(1);
    expect(isSealRace(other)).toBe(false);
    expect(isSealRace({ code: '40001' })).toBe(true);
  });
});
