import { changeEvery, ESSAY_A, ESSAY_B } from './essays.fixture';
import { estimatedJaccard, jaccard, lshBuckets, minHash, NUM_BANDS, shingleHashes, textSimilarity } from './similarity';

const bucketsOf = (text: string) => lshBuckets(minHash(shingleHashes(text)));
const shareBucket = (a: string, b: string) => {
  const x = bucketsOf(a);
  const y = bucketsOf(b);
  return x.some((h, band) => y[band] === h);
};

describe('similarity anchors (API.md)', () => {
  it('an identical body scores ≥ 0.95 and is found through the LSH buckets', () => {
    expect(textSimilarity(ESSAY_A, ESSAY_A)).toBeGreaterThanOrEqual(0.95);
    expect(shareBucket(ESSAY_A, ESSAY_A)).toBe(true);
  });

  it('ignores whitespace and punctuation changes', () => {
    const repunctuated = ESSAY_A.replace(/，/g, ',').replace(/。/g, '. ');
    expect(textSimilarity(ESSAY_A, repunctuated)).toBeGreaterThanOrEqual(0.95);
  });

  it('a copy with about a tenth of its characters changed scores ≥ 0.5 and is a candidate', () => {
    const copy = changeEvery(ESSAY_A, 10);
    const changed = Array.from(copy).filter((c, i) => c !== Array.from(ESSAY_A)[i]).length;
    expect(changed / Array.from(ESSAY_A).length).toBeGreaterThan(0.08);
    expect(textSimilarity(ESSAY_A, copy)).toBeGreaterThanOrEqual(0.5);
    expect(shareBucket(ESSAY_A, copy)).toBe(true);
  });

  it('copies with a tenth of their characters changed at random positions all score ≥ 0.5 and are candidates', () => {
    const chars = Array.from(ESSAY_A);
    for (let seed = 1; seed <= 50; seed++) {
      let x = seed;
      const rand = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 8) / 16_777_216;
      const copy = chars.map((c) => (rand() < 0.1 ? '国' : c)).join('');
      expect([seed, textSimilarity(ESSAY_A, copy) >= 0.5]).toEqual([seed, true]);
      expect([seed, shareBucket(ESSAY_A, copy)]).toEqual([seed, true]);
    }
  });

  it('unrelated texts on the same topic score below 0.3', () => {
    expect(textSimilarity(ESSAY_A, ESSAY_B)).toBeLessThan(0.3);
  });

  it('MinHash estimates Jaccard within a few hundredths', () => {
    const copy = changeEvery(ESSAY_A, 10);
    const est = estimatedJaccard(minHash(shingleHashes(ESSAY_A)), minHash(shingleHashes(copy)));
    expect(Math.abs(est - jaccard(shingleHashes(ESSAY_A), shingleHashes(copy)))).toBeLessThan(0.15);
    expect(bucketsOf(ESSAY_A)).toHaveLength(NUM_BANDS);
  });

  it('is deterministic (fixed seeds)', () => {
    expect(bucketsOf(ESSAY_B)).toEqual(bucketsOf(ESSAY_B));
  });
});
