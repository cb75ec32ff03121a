import type { Tokens } from './lexicon.js';

/**
 * Spellings that follow pronunciation: initial consonants that regional accents merge, so citizens type one
 * for the other ("tạm chú" for "tạm trú", "xổ đỏ" for "sổ đỏ", "dấy tờ" for "giấy tờ", "nàm nại" for "làm
 * lại"). A syllable is swapped only when it forms no known pair of words with either neighbour and its
 * variant does: the content itself says which spelling was meant, so a word that is right in its place is
 * never touched.
 */
const SWAPS: Record<string, readonly string[]> = {
  n: ['l'],
  l: ['n'],
  s: ['x'],
  x: ['s'],
  tr: ['ch'],
  ch: ['tr'],
  d: ['gi', 'r', 'v'],
  gi: ['d', 'r'],
  r: ['d', 'gi'],
  v: ['d'],
};

const VOWEL = /[aeiouy]/;

/**
 * The word as its initial consonant (one SWAPS knows) and the rest, or null ("ng", "nh" and "gh" are their
 * own consonants). "gi" before a consonant is "g" plus the vowel i: "gìn" is gi + n, "gì" is gi + i.
 */
function splitInitial(word: string): [string, string] | null {
  const two = word.slice(0, 2);
  if (two === 'tr' || two === 'ch') return [two, word.slice(2)];
  if (two === 'gi') return VOWEL.test(word[2] ?? '') && word[2] !== 'i' ? ['gi', word.slice(2)] : ['gi', word.slice(1)];
  if (two === 'ng' || two === 'nh' || two === 'gh') return null;
  const one = word[0]!;
  return one in SWAPS ? [one, word.slice(1)] : null;
}

export function dialectVariants(word: string): string[] {
  if (!/^[a-z]+$/.test(word)) return [];
  const split = splitInitial(word);
  if (!split) return [];
  const [initial, rest] = split;
  // "gi" already holds the vowel i: "dì" is "gì", not "giì".
  return SWAPS[initial]!.map((swap) => (swap === 'gi' && rest.startsWith('i') ? 'g' + rest : swap + rest));
}

/**
 * How often each pair of adjacent folded syllables occurs in the content, as a count-min sketch: two rows of
 * saturating one-byte counters, a fixed 2 MB whatever the size of the base. A collision can only raise a
 * count, which at worst costs a missed repair.
 */
export class PairCounts {
  private static readonly SIZE = 1 << 20;
  private readonly rows = [new Uint8Array(PairCounts.SIZE), new Uint8Array(PairCounts.SIZE)] as const;

  add(a: string, b: string): void {
    const [h1, h2] = hashes(a, b);
    if (this.rows[0][h1]! < 255) this.rows[0][h1]!++;
    if (this.rows[1][h2]! < 255) this.rows[1][h2]!++;
  }

  count(a: string, b: string): number {
    const [h1, h2] = hashes(a, b);
    return Math.min(this.rows[0][h1]!, this.rows[1][h2]!);
  }

  /** Every adjacent pair of a text's syllables. */
  learn(folded: readonly string[]): void {
    for (let i = 1; i < folded.length; i++) this.add(folded[i - 1]!, folded[i]!);
  }
}

const PAIR_HASHES: [number, number] = [0, 0];

/** Two FNV-1a style hashes of "a b", without building the string. */
function hashes(a: string, b: string): [number, number] {
  let h1 = 0x811c9dc5;
  let h2 = 0x2545f491;
  const step = (c: number): void => {
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  };
  for (let i = 0; i < a.length; i++) step(a.charCodeAt(i));
  step(32);
  for (let i = 0; i < b.length; i++) step(b.charCodeAt(i));
  PAIR_HASHES[0] = (h1 >>> 0) & ((1 << 20) - 1);
  PAIR_HASHES[1] = (h2 >>> 0) & ((1 << 20) - 1);
  return PAIR_HASHES;
}

/**
 * A variant wins when the pairs it forms with its neighbours are this many times more frequent than the
 * typed word's: content written with the typo itself (a phrasing "tạm chú" kept as a sample) does not make
 * the typo right.
 */
const MORE_LIKELY = 4;
/**
 * And the variant's pair must be a common one in the content ("giấy tờ", "tạm trú", "làm lại" occur dozens of
 * times): a pair seen a few times ("vào giấy", "hồ sơ gì") is no evidence against a word typed right ("vào
 * đây", "hồ sơ đi Úc").
 */
const MIN_EVIDENCE = 8;

/**
 * Swaps the merged initials back where the neighbours say so. Returns the tokens unchanged (the same object)
 * when nothing was swapped; `repaired` receives the syllables that were. Words `keep` accepts (function words
 * such as "chứ", "thì") are left as typed.
 */
export function repairDialect(tokens: Tokens, pairs: PairCounts, repaired: Set<string>, keep: (folded: string, accented: string) => boolean = () => false): Tokens {
  const n = tokens.folded.length;
  if (n < 2) return tokens;
  let folded: string[] | null = null;
  let accented: string[] | null = null;
  const at = (i: number): string => (folded ?? tokens.folded)[i]!;
  /** How well `word` fits at i: its more frequent pair with the word before or after. */
  const fit = (i: number, word: string, next: string | undefined): number =>
    Math.max(i > 0 ? pairs.count(at(i - 1), word) : 0, next !== undefined ? pairs.count(word, next) : 0);
  for (let i = 0; i < n; i++) {
    const word = at(i);
    const next = i + 1 < n ? at(i + 1) : undefined;
    if (keep(word, tokens.accented[i]!)) continue;
    const typed = fit(i, word, next);
    let best = Math.max(typed * MORE_LIKELY, MIN_EVIDENCE - 1);
    let swap: string | null = null;
    let nextSwap: string | null = null;
    for (const v of dialectVariants(word)) {
      const f = fit(i, v, next);
      if (f > best) {
        best = f;
        swap = v;
      }
    }
    // Two merged syllables in a row ("nàm nại"): neither fits alone, the pair of variants does.
    if (!swap && typed === 0 && next !== undefined && fit(i + 1, next, at(i + 2)) === 0) {
      for (const v of dialectVariants(word)) {
        for (const w of dialectVariants(next)) {
          const f = pairs.count(v, w);
          if (f > best) {
            best = f;
            swap = v;
            nextSwap = w;
          }
        }
      }
    }
    if (!swap) continue;
    folded ??= tokens.folded.slice();
    accented ??= tokens.accented.slice();
    folded[i] = swap;
    accented[i] = '';
    repaired.add(swap);
    if (nextSwap) {
      folded[i + 1] = nextSwap;
      accented[i + 1] = '';
      repaired.add(nextSwap);
    }
  }
  return folded && accented ? { folded, accented } : tokens;
}
