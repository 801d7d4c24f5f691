/**
 * Shared passages between two essays, for the review screen: every run of `n` characters (8 by
 * default, whitespace ignored) that occurs in both texts is marked, in each text, and neighbouring
 * or overlapping marks merge into one highlighted passage. Characters are code points (a CJK
 * character or an emoji is one), so it works for Chinese as for Latin text.
 */
export interface Segment {
  text: string;
  shared: boolean;
}

const SPACE = /\s/u;

/** The non-whitespace characters of `text` and where each sits in the array of code points. */
function significant(chars: readonly string[]): { sig: string[]; at: number[] } {
  const sig: string[] = [];
  const at: number[] = [];
  chars.forEach((c, i) => {
    if (!SPACE.test(c)) {
      sig.push(c);
      at.push(i);
    }
  });
  return { sig, at };
}

function grams(sig: readonly string[], n: number): Set<string> {
  const set = new Set<string>();
  for (let i = 0; i + n <= sig.length; i++) set.add(sig.slice(i, i + n).join(''));
  return set;
}

/** Marks, per code point of `text`, whether it lies in an n-gram that `other` also contains. */
function marks(chars: readonly string[], otherGrams: Set<string>, n: number): boolean[] {
  const { sig, at } = significant(chars);
  const marked = new Array<boolean>(chars.length).fill(false);
  for (let i = 0; i + n <= sig.length; i++) {
    if (!otherGrams.has(sig.slice(i, i + n).join(''))) continue;
    // Mark the characters of the gram and the whitespace between them.
    for (let k = at[i]; k <= at[i + n - 1]; k++) marked[k] = true;
  }
  return marked;
}

function segments(chars: readonly string[], marked: readonly boolean[]): Segment[] {
  const out: Segment[] = [];
  chars.forEach((c, i) => {
    const last = out[out.length - 1];
    if (last && last.shared === marked[i]) last.text += c;
    else out.push({ text: c, shared: marked[i] });
  });
  return out;
}

/** Both texts cut into shared and own segments. */
export function sharedPassages(a: string, b: string, n = 8): { a: Segment[]; b: Segment[]; sharedChars: { a: number; b: number } } {
  const ca = Array.from(a);
  const cb = Array.from(b);
  const ma = marks(ca, grams(significant(cb).sig, n), n);
  const mb = marks(cb, grams(significant(ca).sig, n), n);
  const count = (chars: string[], m: boolean[]) => chars.filter((c, i) => m[i] && !SPACE.test(c)).length;
  return { a: segments(ca, ma), b: segments(cb, mb), sharedChars: { a: count(ca, ma), b: count(cb, mb) } };
}
