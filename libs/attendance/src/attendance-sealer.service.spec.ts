import { FAKE_EM, fakeRepository, newTestService } from '@qf/testing';
import { AttendanceSealer, SEAL_LOCK_KEY } from './attendance-sealer.service';
import { AttendanceRepository, UnsealedEntry } from './attendance.repository';
import { entryHash, GENESIS_HASH } from './log-hash';

const entry = (seq: number, ripe = true): UnsealedEntry => ({
  seq: String(seq), sessionId: 's', userId: 'u', actorId: null, action: 'check_in', fromStatus: 'expected', toStatus: 'present', reason: null, at: new Date(1_800_000_000_000 + seq), ripe,
});

function setup() {
  return newTestService((m) => new AttendanceSealer(m.repo), { repo: fakeRepository<AttendanceRepository>() });
}

describe('AttendanceSealer', () => {
  it('chains ripe entries from the genesis hash under the exclusive lock', async () => {
    const { sut, mocks } = setup();
    mocks.repo.unsealedAfter.mockResolvedValueOnce([entry(1), entry(2)]).mockResolvedValue([]);
    expect(await sut.sealPending({ batchSize: 10 })).toBe(2);
    expect(mocks.repo.lockSealer).toHaveBeenCalledWith(FAKE_EM, SEAL_LOCK_KEY);
    const h1 = entryHash(GENESIS_HASH, entry(1));
    expect(mocks.repo.insertSeals).toHaveBeenCalledWith(FAKE_EM, { seqs: ['1', '2'], prevs: [GENESIS_HASH, h1], hashes: [h1, entryHash(h1, entry(2))] });
  });

  it('continues from the sealed end and stops at the first unripe entry', async () => {
    const { sut, mocks } = setup();
    mocks.repo.sealedEnd.mockResolvedValue({ seq: '7', hash: 'abc' });
    mocks.repo.unsealedAfter.mockResolvedValue([entry(8), entry(9, false), entry(10)]);
    expect(await sut.sealPending({ batchSize: 10, lagMs: 3000 })).toBe(1);
    expect(mocks.repo.unsealedAfter).toHaveBeenCalledWith(FAKE_EM, '7', 3000, 10);
    expect(mocks.repo.insertSeals).toHaveBeenCalledWith(FAKE_EM, { seqs: ['8'], prevs: ['abc'], hashes: [entryHash('abc', entry(8))] });
  });

  it('writes nothing when nothing is ripe', async () => {
    const { sut, mocks } = setup();
    mocks.repo.unsealedAfter.mockResolvedValue([entry(1, false)]);
    expect(await sut.sealPending()).toBe(0);
    expect(mocks.repo.insertSeals).not.toHaveBeenCalled();
  });

  it('runs full batches until one is short, at most maxBatches', async () => {
    const { sut, mocks } = setup();
    mocks.repo.unsealedAfter.mockResolvedValueOnce([entry(1), entry(2)]).mockResolvedValueOnce([entry(3), entry(4)]).mockResolvedValueOnce([entry(5)]);
    expect(await sut.sealPending({ batchSize: 2 })).toBe(5);
    const again = setup();
    again.mocks.repo.unsealedAfter.mockResolvedValue([entry(1), entry(2)]);
    expect(await again.sut.sealPending({ batchSize: 2, maxBatches: 3 })).toBe(6);
    expect(again.mocks.repo.transaction).toHaveBeenCalledTimes(3);
  });
});
