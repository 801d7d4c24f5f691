/**
 * Near-duplicate detection for reflection essays: character 3-gram shingles of the text with
 * whitespace and punctuation removed, a MinHash signature (128 fixed-seed hash functions) and LSH
 * banding (42 bands of 3 rows). Two essays whose shingle sets have Jaccard similarity J share at
 * least one band bucket with probability 1 - (1 - J^3)^42: > 0.999 at J = 0.55 (a tenth of the
 * characters changed), ≈ 0.13 at J = 0.15 and ≈ 0.04 at J = 0.1 (unrelated essays on one topic).
 * Candidates found through the buckets are then scored exactly with the Sørensen–Dice coefficient
 * of the shingle sets, 2|A∩B| / (|A| + |B|) = 2J / (1 + J): 1 for identical texts; a copy with a
 * tenth of its characters changed at random keeps J ≈ 0.45–0.6, i.e. a score ≈ 0.62–0.75 (plain
 * Jaccard would straddle the 0.5 anchor); unrelated essays on one topic share almost no 3-grams
 * (J < 0.05, score < 0.1).
 */
export const SHINGLE_SIZE = 3;
export const NUM_HASHES = 128;
export const BAND_ROWS = 3;
export const NUM_BANDS = Math.floor(NUM_HASHES / BAND_ROWS);

/** Letters, digits and CJK only, lower-cased: what the writer wrote, not how it was punctuated. */
export function normalizeForSimilarity(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Math.imul as a module binding: the hashing loops below call it ~10⁵ times per text, and inside a vm
 * context (Jest's test environment) every lookup of the global `Math` is ~50× slower than a local one.
 */
const { imul } = Math;

/** 32-bit FNV-1a of a string. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3's 32-bit finaliser: a good bijective mix. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The fixed seeds of the hash family (never change them: stored signatures depend on them). */
const SEEDS: number[] = Array.from({ length: NUM_HASHES }, (_, i) => fmix32(0x9e3779b9 + imul(i + 1, 0x7feb352d)));

/** Hashes of the text's distinct character n-grams (a text shorter than n is one shingle). */
export function shingleHashes(text: string): Set<number> {
  const chars = Array.from(normalizeForSimilarity(text));
  const out = new Set<number>();
  if (chars.length === 0) return out;
  if (chars.length < SHINGLE_SIZE) {
    out.add(fnv1a(chars.join('')));
    return out;
  }
  for (let i = 0; i + SHINGLE_SIZE <= chars.length; i++) out.add(fnv1a(chars.slice(i, i + SHINGLE_SIZE).join('')));
  return out;
}

/** MinHash signature: for each of the hash functions, the least hash over the shingles (as int32). */
export function minHash(shingles: Set<number>): number[] {
  const sig = new Array<number>(NUM_HASHES).fill(0xffffffff);
  for (const s of shingles) {
    for (let i = 0; i < NUM_HASHES; i++) {
      const h = fmix32(s ^ SEEDS[i]);
      if (h < sig[i]) sig[i] = h;
    }
  }
  return sig.map((v) => v | 0); // stored in int4[]
}

/** One bucket hash per band (int32), from the band's rows of the signature. */
export function lshBuckets(signature: number[]): number[] {
  const out: number[] = [];
  for (let b = 0; b < NUM_BANDS; b++) {
    let h = fmix32(b + 1);
    for (let r = 0; r < BAND_ROWS; r++) h = fmix32(h ^ signature[b * BAND_ROWS + r]) + r;
    out.push(fmix32(h) | 0);
  }
  return out;
}

/** Exact Jaccard similarity of two shingle sets (0 when both are empty). */
export function jaccard(a: Set<number>, b: Set<number>): number {
  if (a.size === 0 && b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const x of small) if (large.has(x)) common++;
  return common / (a.size + b.size - common);
}

/** Sørensen–Dice coefficient of two shingle sets: 2J / (1 + J). */
export function dice(a: Set<number>, b: Set<number>): number {
  const j = jaccard(a, b);
  return (2 * j) / (1 + j);
}

/** Share of equal MinHash positions: an estimate of the Jaccard similarity. */
export function estimatedJaccard(a: number[], b: number[]): number {
  let same = 0;
  for (let i = 0; i < NUM_HASHES; i++) if (a[i] === b[i]) same++;
  return same / NUM_HASHES;
}

/** Similarity of two texts as the product reports it (Dice coefficient of their 3-gram shingles). */
export function textSimilarity(a: string, b: string): number {
  return dice(shingleHashes(a), shingleHashes(b));
}
