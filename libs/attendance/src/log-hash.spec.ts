import { entryHash, GENESIS_HASH, type HashableLogEntry } from './log-hash';

// Stored seals depend on the canonical form byte for byte: these vectors were computed by the first
// implementation, so any change to the form (or to how it is hashed) that alters a hash fails here.
describe('entryHash', () => {
  const entry: HashableLogEntry = {
    seq: '42',
    sessionId: '6f1c2d3e-0000-4000-8000-000000000001',
    userId: '6f1c2d3e-0000-4000-8000-000000000002',
    actorId: null,
    action: 'check_in',
    fromStatus: 'expected',
    toStatus: 'present',
    reason: null,
    at: new Date('2026-11-27T07:03:05.123Z'),
  };
  const first = '3cfd4587e850a89cb523f3e3f6b893042c0e8b45db8f57bcee7d176eb05d4c45';

  it('hashes the previous hash and the entry’s fields in their fixed order', () => {
    expect(entryHash(GENESIS_HASH, entry)).toBe(first);
  });

  it('chains, and covers numbers as text, non-ASCII reasons and newlines', () => {
    const next = { ...entry, seq: 43, actorId: entry.userId, action: 'mark', fromStatus: 'present', toStatus: 'late', reason: '迟到 “引号”\n换行' };
    expect(entryHash(first, next)).toBe('e7ea34741a2480feaa05a6b2a6e0932d56bc095d1736fd702771c42b13712799');
  });

  it('changes when any covered field changes', () => {
    expect(entryHash(GENESIS_HASH, { ...entry, reason: '' })).not.toBe(first);
    expect(entryHash(GENESIS_HASH, { ...entry, at: new Date('2026-11-27T07:03:05.124Z') })).not.toBe(first);
    expect(entryHash(first, entry)).not.toBe(first);
  });
});
