import type { Tokens } from './lexicon.js';

/**
 * Spellings that follow pronunciation: consonants that regional accents merge, so citizens type one for the
 * other ("tạm chú" for "tạm trú", "xổ đỏ" for "sổ đỏ", "dấy tờ" for "giấy tờ", "nàm nại" for "làm lại", "mai
 * tán" for "mai táng"). A syllable is swapped only when it forms no known pair of words with either neighbour
 * and its variant does: the content itself says which spelling was meant, so a word that is right in its place
 * is never touched.
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
  // Teen-code "j" for "gi" ("jấy tờ", "jờ"): no Vietnamese word starts with j.
  j: ['gi', 'd'],
  // "f" typed for "ph" ("fải", "fí"): no Vietnamese word starts with f.
  f: ['ph'],
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

const NO_VARIANTS: readonly string[] = [];
/** Variants of the syllables met so far (a few thousand at most: syllables are a closed set). */
const variantCache = new Map<string, readonly string[]>();
const VARIANT_CACHE_MAX = 20_000;

export function dialectVariants(word: string): readonly string[] {
  let v = variantCache.get(word);
  if (v === undefined) {
    v = computeVariants(word);
    if (variantCache.size >= VARIANT_CACHE_MAX) variantCache.clear();
    variantCache.set(word, v);
  }
  return v;
}

function computeVariants(word: string): readonly string[] {
  if (!/^[a-z]+$/.test(word)) return NO_VARIANTS;
  const split = splitInitial(word);
  // "gi" already holds the vowel i: "dì" is "gì", not "giì".
  const initials = split ? SWAPS[split[0]]!.map((swap) => (swap === 'gi' && split[1].startsWith('i') ? 'g' + split[1] : swap + split[1])) : [];
  const finals = finalVariants(word);
  return initials.length + finals.length === 0 ? NO_VARIANTS : [...initials, ...finals];
}

/** Whether the content writes `word` (accented) after `prev` or before `next` (see repairDialect). */
function pairWritten(pairs: ReadonlySet<string>, prev: string | undefined, word: string | undefined, next: string | undefined): boolean {
  if (!word) return false;
  return (!!prev && pairs.has(`${prev} ${word}`)) || (!!next && pairs.has(`${word} ${next}`));
}

/**
 * Final consonants the Southern accent merges: "-n"/"-ng" ("mai tán" for "mai táng"), "-t"/"-c" ("sác hạch" for
 * "sát hạch"). Only after a vowel, so "ng", "nh" and "ch" stay whole.
 */
function finalVariants(word: string): string[] {
  // Any letter but a consonant before the final: accented vowels too, so the same rule serves the typed form.
  if (/[^bcdfghklmnpqrstvx]ng$/.test(word)) return [word.slice(0, -1)];
  if (/[^bcdfghklmnpqrstvx]n$/.test(word)) return [word + 'g'];
  if (/[^bcdfghklmnpqrstvx]t$/.test(word)) return [word.slice(0, -1) + 'c'];
  // And "-c" typed for "-ch" ("lý lịc tư pháp"): the h of a final "ch" is easily dropped.
  if (/[^bcdfghklmnpqrstvx]c$/.test(word)) return [word.slice(0, -1) + 't', word + 'h'];
  return [];
}

/**
 * How often each pair of adjacent folded syllables occurs in the texts it learnt (the curated content: a few
 * tens of thousands of pairs), counted exactly. `strong(w)` lists the neighbours a syllable has at least
 * `minEvidence` times, so a word whose variants have no strong neighbour costs two map look-ups.
 */
export class PairCounts {
  private readonly after = new Map<string, Map<string, number>>();
  private readonly before = new Map<string, Map<string, number>>();

  /** Syllables that have some neighbour at least MIN_EVIDENCE times; rebuilt after learning more. */
  private strongWords: Set<string> | null = null;

  add(a: string, b: string): void {
    bump(this.after, a, b);
    bump(this.before, b, a);
    this.strongWords = null;
  }

  /** Whether `w` is ever seen often beside some word: only such a syllable can be what a misspelling meant. */
  isStrong(w: string): boolean {
    if (!this.strongWords) {
      this.strongWords = new Set();
      for (const [a, inner] of this.after) {
        for (const [b, c] of inner) {
          if (c < MIN_EVIDENCE) continue;
          this.strongWords.add(a);
          this.strongWords.add(b);
        }
      }
    }
    return this.strongWords.has(w);
  }

  count(a: string, b: string): number {
    return this.after.get(a)?.get(b) ?? 0;
  }

  /** Whether `w` follows `prev`, or precedes `next`, at least `min` times. */
  supports(prev: string | undefined, w: string, next: string | undefined, min: number): boolean {
    return (prev !== undefined && (this.before.get(w)?.get(prev) ?? 0) >= min) || (next !== undefined && (this.after.get(w)?.get(next) ?? 0) >= min);
  }

  /** Every adjacent pair of a text's syllables. */
  learn(folded: readonly string[]): void {
    for (let i = 1; i < folded.length; i++) this.add(folded[i - 1]!, folded[i]!);
  }
}

function bump(map: Map<string, Map<string, number>>, a: string, b: string): void {
  let inner = map.get(a);
  if (!inner) map.set(a, (inner = new Map()));
  inner.set(b, (inner.get(b) ?? 0) + 1);
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
 * Swaps the merged consonants back where the neighbours say so. Returns the tokens unchanged (the same object)
 * when nothing was swapped; `repaired` receives the syllables that were. Words `keep` accepts (function words
 * such as "chứ", "thì") are left as typed; `accentedPairs` holds the content's adjacent syllables as written with
 * their marks, which a final consonant typed with marks must match to change.
 */
export function repairDialect(
  tokens: Tokens,
  pairs: PairCounts,
  repaired: Set<string>,
  keep: (folded: string, accented: string) => boolean = () => false,
  accentedPairs: ReadonlySet<string> = new Set(),
): Tokens {
  const n = tokens.folded.length;
  if (n < 2) return tokens;
  let words = tokens.folded;
  let accented: string[] | null = null;
  for (let i = 0; i < n; i++) {
    const word = words[i]!;
    let variants = dialectVariants(word);
    if (variants.length === 0) continue;
    // A word typed with its marks changes its final consonant only into a pair the content writes with those marks
    // ("mai tán" → "mai táng"): folded, "hết hàng" would pass for "hết hạn" and "tiền Việt" for "tiếng Việt".
    const typedAs = tokens.accented[i]!;
    if (typedAs !== '' && typedAs !== word) {
      const finals = finalVariants(word);
      if (finals.length && !pairWritten(accentedPairs, tokens.accented[i - 1], finalVariants(typedAs)[0], tokens.accented[i + 1])) {
        variants = variants.filter((v) => !finals.includes(v));
        if (variants.length === 0) continue;
      }
    }
    let anyStrong = false;
    for (let k = 0; k < variants.length && !anyStrong; k++) anyStrong = pairs.isStrong(variants[k]!);
    if (!anyStrong) continue;
    const prev = i > 0 ? words[i - 1] : undefined;
    const next = i + 1 < n ? words[i + 1] : undefined;
    // Cheap gates first: a variant common beside a neighbour, or an unknown pair of two variant-bearing words.
    let supported = false;
    for (let k = 0; k < variants.length && !supported; k++) supported = pairs.supports(prev, variants[k]!, next, MIN_EVIDENCE);
    const pairUnknown = !supported && next !== undefined && pairs.count(word, next) === 0 && dialectVariants(next).length > 0;
    if ((!supported && !pairUnknown) || keep(word, tokens.accented[i]!)) continue;
    const typed = fitAt(pairs, prev, word, next);
    let best = Math.max(typed * MORE_LIKELY, MIN_EVIDENCE - 1);
    let swap: string | null = null;
    let nextSwap: string | null = null;
    if (supported) {
      for (const v of variants) {
        const f = fitAt(pairs, prev, v, next);
        if (f > best) {
          best = f;
          swap = v;
        }
      }
    } else if (typed === 0 && fitAt(pairs, word, next!, i + 2 < n ? words[i + 2] : undefined) === 0) {
      // Two merged syllables in a row ("nàm nại"): neither fits alone, the pair of variants does.
      for (const v of variants) {
        for (const w of dialectVariants(next!)) {
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
    if (!accented) {
      words = tokens.folded.slice();
      accented = tokens.accented.slice();
    }
    words[i] = swap;
    accented[i] = '';
    repaired.add(swap);
    if (nextSwap) {
      words[i + 1] = nextSwap;
      accented[i + 1] = '';
      repaired.add(nextSwap);
    }
  }
  return accented ? { folded: words, accented } : tokens;
}

/** How well `word` fits between `prev` and `next`: its more frequent pair with either. */
function fitAt(pairs: PairCounts, prev: string | undefined, word: string, next: string | undefined): number {
  return Math.max(prev !== undefined ? pairs.count(prev, word) : 0, next !== undefined ? pairs.count(word, next) : 0);
}
