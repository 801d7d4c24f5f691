import { type AttendanceRepository, type ChainEntry, entryHash, GENESIS_HASH, type ReplayComparison } from '@qf/attendance';
import { sql } from '@qf/database';
import type { QueryRunner } from 'typeorm';
import { fakeRepository, newTestService } from '@qf/testing';
import { AttendanceChainVerifier } from './attendance-chain-verifier';

/** `n` log entries sealed in order from the genesis hash. */
function sealedChain(n: number): ChainEntry[] {
  let prev = GENESIS_HASH;
  const rows: ChainEntry[] = [];
  for (let i = 1; i <= n; i++) {
    const entry = { seq: String(i), sessionId: 's', userId: `u${i}`, actorId: null, action: 'roster', fromStatus: null, toStatus: 'expected', reason: null, at: new Date(Date.UTC(2026, 11, 1, 0, 0, i)) };
    const hash = entryHash(prev, entry);
    rows.push({ ...entry, prev_hash: prev, hash });
    prev = hash;
  }
  return rows;
}

/** A query runner whose cursor yields `rows` (FETCH takes the batch size from the statement); other statements answer []. */
function cursorOver(rows: ChainEntry[]) {
  let at = 0;
  const statements: string[] = [];
  const qr = {
    query: jest.fn(async (text: string, values?: unknown[]) => {
      statements.push(values?.length ? `${text} ${JSON.stringify(values)}` : text);
      const fetch = /^FETCH (\d+) FROM chain_walk$/.exec(text);
      if (!fetch) return [];
      const batch = rows.slice(at, at + Number(fetch[1]));
      at += batch.length;
      return batch;
    }),
  };
  return { qr: qr as unknown as QueryRunner, statements };
}

const consistent: ReplayComparison = { checked: 3, mismatches: 0, listed: [] };

function build(rows: ChainEntry[], replay: ReplayComparison = consistent) {
  const { qr, statements } = cursorOver(rows);
  const other = { other: 'connection' } as unknown as QueryRunner;
  const built = newTestService((m) => new AttendanceChainVerifier(m.attendance), { attendance: fakeRepository<AttendanceRepository>() });
  const { attendance } = built.mocks;
  attendance.inReadOnlySnapshot.mockImplementation(async (work, snapshot) => work(snapshot === undefined ? qr : other));
  attendance.exportSnapshot.mockResolvedValue('00000003-1');
  attendance.replay.mockResolvedValue(replay);
  const last = rows.at(-1);
  attendance.sealedHead.mockResolvedValue({ last: last?.seq ?? null, entries: rows.length });
  attendance.countLogAfter.mockResolvedValue(2);
  attendance.chainQuery.mockImplementation((upTo) => sql`SELECT chain WHERE seq <= ${upTo}`);
  return { ...built, statements, other };
}

describe('AttendanceChainVerifier', () => {
  it('walks an intact chain through a cursor, replays in the exported snapshot on another connection, and reports ok', async () => {
    const rows = sealedChain(3);
    const { sut, mocks, statements, other } = build(rows);
    await expect(sut.verify()).resolves.toEqual({ ok: true, entries: 3, unsealed: 2, checked: 3, recordMismatches: [], recordMismatchCount: 0 });
    expect(mocks.attendance.inReadOnlySnapshot).toHaveBeenCalledWith(expect.any(Function), '00000003-1');
    expect(mocks.attendance.replay).toHaveBeenCalledWith(other);
    expect(mocks.attendance.countLogAfter).toHaveBeenCalledWith(expect.anything(), '3');
    expect(mocks.attendance.chainQuery).toHaveBeenCalledWith('3');
    expect(statements).toEqual(['DECLARE chain_walk NO SCROLL CURSOR FOR SELECT chain WHERE seq <= $1 ["3"]', 'FETCH 5000 FROM chain_walk', 'CLOSE chain_walk']);
  });

  it('reports the first seq whose seal does not hold: a changed entry, a missing seal, a prev_hash out of line', async () => {
    const changed = sealedChain(4);
    changed[2] = { ...changed[2], toStatus: 'present' };
    expect(await build(changed).sut.verify()).toMatchObject({ ok: false, brokenAt: 3 });

    const unsealed = sealedChain(4);
    unsealed[1] = { ...unsealed[1], hash: null, prev_hash: null };
    expect(await build(unsealed).sut.verify()).toMatchObject({ ok: false, brokenAt: 2 });

    const relinked = sealedChain(4);
    relinked[3] = { ...relinked[3], prev_hash: relinked[1].hash };
    const { sut, statements } = build(relinked);
    expect(await sut.verify()).toMatchObject({ ok: false, brokenAt: 4 });
    expect(statements.at(-1)).toBe('CLOSE chain_walk');
  });

  it('is not ok when records differ from the log’s replay, listing them', async () => {
    const listed = [{ sessionId: 's', userId: 'u1', recordStatus: 'present', logStatus: 'absent' }];
    const { sut } = build(sealedChain(2), { checked: 2, mismatches: 1, listed });
    await expect(sut.verify()).resolves.toEqual({ ok: false, entries: 2, unsealed: 2, checked: 2, recordMismatches: listed, recordMismatchCount: 1 });
  });

  it('gives the head hash at a sealed seq, null past the chain, and brokenAt when the chain up to it does not hold', async () => {
    const rows = sealedChain(3);
    await expect(build(rows.slice(0, 2)).sut.headAt(2)).resolves.toEqual({ hash: rows[1].hash });
    await expect(build(rows).sut.headAt(5)).resolves.toEqual({ hash: null });
    await expect(build([]).sut.headAt(0)).resolves.toEqual({ hash: GENESIS_HASH });
    const broken = sealedChain(3);
    broken[0] = { ...broken[0], userId: 'someone else' };
    await expect(build(broken).sut.headAt(3)).resolves.toEqual({ brokenAt: 1, hash: null });
  });

  it('gives the sealed end, or seq 0 at the genesis hash for an empty chain', async () => {
    const { sut, mocks } = build([]);
    mocks.attendance.sealedEnd.mockResolvedValueOnce({ seq: '42', hash: 'abc' }).mockResolvedValueOnce(undefined);
    await expect(sut.sealedEnd()).resolves.toEqual({ seq: 42, hash: 'abc' });
    await expect(sut.sealedEnd()).resolves.toEqual({ seq: 0, hash: GENESIS_HASH });
  });
});
