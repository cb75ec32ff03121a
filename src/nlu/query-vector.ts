import type { Tokens } from './lexicon.js';
import type { SearchIndex } from './search-index.js';

/** Query-side weights: accents confirm a syllable but are not a syllable of their own. */
const QUERY_WEIGHT = { unigram: 1, bigram: 1, accented: 0.5, repaired: 0.8 } as const;
const NUMBER = /^\d+$/;

/** Reusable query vector for one index: feature ids, weights, and a mark per feature to skip duplicates. */
export class QueryVector {
  ids = new Int32Array(256);
  weights = new Float64Array(256);
  count = 0;
  /** Score of a perfect match: the coverage denominator. */
  self = 0;
  /**
   * One byte per feature of the index (a vocabulary of 100k features is 100 kB, so membership tests for the
   * title coverage stay in cache), set for the query's features and cleared through `pushed` on reset.
   * The extra last byte stays 0: it stands for syllables the index does not know.
   */
  readonly marks: Uint8Array;
  private pushed = new Int32Array(256);
  private pushedCount = 0;

  constructor(private readonly index: SearchIndex) {
    this.marks = new Uint8Array(index.featureCount + 1);
  }

  reset(): void {
    for (let i = 0; i < this.pushedCount; i++) this.marks[this.pushed[i]!] = 0;
    this.pushedCount = 0;
    this.count = 0;
    this.self = 0;
  }

  pushId(id: number | undefined, weight: number): void {
    if (id === undefined || this.marks[id] === 1) return;
    this.marks[id] = 1;
    if (this.pushedCount === this.pushed.length) {
      const pushed = new Int32Array(this.pushedCount * 2);
      pushed.set(this.pushed);
      this.pushed = pushed;
    }
    this.pushed[this.pushedCount++] = id;
    if (!this.index.informative(id)) return;
    if (this.count === this.ids.length) {
      const ids = new Int32Array(this.count * 2);
      ids.set(this.ids);
      this.ids = ids;
      const ws = new Float64Array(this.count * 2);
      ws.set(this.weights);
      this.weights = ws;
    }
    this.ids[this.count] = id;
    this.weights[this.count] = weight;
    this.self += weight * this.index.maxWeight[id]!;
    this.count++;
  }

  /**
   * Adds the features of content syllables; unknown syllables add a penalty to the denominator (times
   * `unknownShare`: an English message says more in words no procedure text has).
   */
  add(tokens: Tokens, repaired: Set<string>, known: (s: string) => boolean, unknownShare = 1): void {
    const { folded, accented } = tokens;
    let prev: number | undefined;
    for (let i = 0; i < folded.length; i++) {
      const f = folded[i]!;
      const id = this.index.featureId(f);
      if (id === undefined && !known(f) && !NUMBER.test(f)) this.self += this.index.unknownPenalty * unknownShare;
      this.pushId(id, repaired.size && repaired.has(f) ? QUERY_WEIGHT.repaired : QUERY_WEIGHT.unigram);
      const acc = accented[i]!;
      if (acc !== '' && acc !== f) this.pushId(this.index.accentedId(acc), QUERY_WEIGHT.accented);
      if (prev !== undefined && id !== undefined) this.pushId(this.index.pairId(prev, id), QUERY_WEIGHT.bigram);
      prev = id;
    }
  }

  search(): number {
    return this.index.search(this.ids, this.weights, this.count);
  }
}
