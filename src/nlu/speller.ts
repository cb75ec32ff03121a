/**
 * Typo repair for syllables the index has never seen: one edit away (insert, delete, substitute, swap)
 * via precomputed deletions, or two known syllables glued together ("khaisinh"). Only unknown syllables are
 * touched, so a correctly spelt word is never "corrected" into another one.
 */

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Optimal string alignment distance, stopping early above 1. */
function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

export class Speller {
  private readonly known: Map<string, number>;
  private readonly byDeletion = new Map<string, string[]>();
  /** The longest known syllable: a longer word cannot be one edit from it, nor two of them glued together. */
  private readonly maxLength: number;

  /** `words` maps each known syllable to its frequency (document frequency is fine). */
  constructor(words: Map<string, number>, private readonly minLength = 4) {
    this.known = words;
    let maxLength = 0;
    for (const w of words.keys()) {
      maxLength = Math.max(maxLength, w.length);
      if (w.length < minLength) continue;
      for (const d of [w, ...deletions(w)]) {
        const list = this.byDeletion.get(d);
        if (list) {
          if (!list.includes(w)) list.push(w);
        } else this.byDeletion.set(d, [w]);
      }
    }
    this.maxLength = maxLength;
  }

  has(word: string): boolean {
    return this.known.has(word);
  }

  /** The most frequent known syllable one edit away, or null. */
  correct(word: string): string | null {
    // Both bounds keep the work per word small: every deletion of a long word is a copy of it (quadratic).
    if (word.length < this.minLength || word.length > this.maxLength + 1) return null;
    this.best = null;
    this.bestFreq = 0;
    this.consider(word, this.byDeletion.get(word));
    for (let i = 0; i < word.length; i++) this.consider(word, this.byDeletion.get(word.slice(0, i) + word.slice(i + 1)));
    const best = this.best;
    return best;
  }

  private best: string | null = null;
  private bestFreq = 0;

  private consider(word: string, candidates: string[] | undefined): void {
    if (!candidates) return;
    for (const c of candidates) {
      const f = this.known.get(c) ?? 0;
      if (f > this.bestFreq && withinOneEdit(word, c)) {
        this.best = c;
        this.bestFreq = f;
      }
    }
  }

  /** Two known syllables written without the space between them. */
  split(word: string): [string, string] | null {
    if (word.length > 2 * this.maxLength) return null;
    let best: [string, string] | null = null;
    let bestFreq = 0;
    for (let i = 2; i <= word.length - 2; i++) {
      const a = word.slice(0, i);
      const b = word.slice(i);
      const fa = this.known.get(a);
      const fb = this.known.get(b);
      if (fa !== undefined && fb !== undefined && Math.min(fa, fb) > bestFreq) {
        best = [a, b];
        bestFreq = Math.min(fa, fb);
      }
    }
    return best;
  }
}
