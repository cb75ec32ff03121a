/**
 * A BM25F index over documents made of weighted fields (name, keywords, phrasings). Every posting stores its
 * final BM25 contribution, computed once at build time, so a query is only a sum over a few posting lists.
 * Postings live in flat typed arrays (CSR layout) to keep memory small and lookups cache friendly.
 */

import type { Tokens } from './lexicon.js';

const PAIR_BASE = 2 ** 24;

function pairHash(a: number, b: number): number {
  return Math.imul(Math.imul(a, 0x9e3779b1) ^ b, 0x85ebca6b) ^ (a >>> 7);
}

export interface IndexField {
  /** Per text of the field (a name, each phrasing...), its feature ids from the index's vocabulary. */
  texts: ArrayLike<number>[];
  weight: number;
}

export interface IndexOptions {
  k1?: number;
  b?: number;
  /** Features in more than this share of the documents carry no information; dropped when there are enough documents. */
  maxDocShare?: number;
}

/**
 * Feature strings interned to dense ids while the content is analysed, so the build never holds millions of
 * feature strings at once (that peak, not the index, is what drove the process's resident memory).
 */
export class Vocabulary {
  /** Syllables and accented syllables ("~ký") by string. */
  readonly ids = new Map<string, number>();
  /** Syllable bigrams by the ids of their two syllables: a bigram never exists as a string. */
  readonly pairs = new Map<number, number>();
  size = 0;

  intern(feature: string): number {
    let id = this.ids.get(feature);
    if (id === undefined) {
      id = this.size++;
      this.ids.set(feature, id);
    }
    return id;
  }

  pair(a: number, b: number): number {
    const key = a * PAIR_BASE + b;
    let id = this.pairs.get(key);
    if (id === undefined) {
      id = this.size++;
      this.pairs.set(key, id);
    }
    return id;
  }

  /** Index features of content syllables: folded unigrams, accented unigrams ("~" + form) and folded bigrams. */
  featureIds(content: Tokens, out: number[] = []): number[] {
    const { folded, accented } = content;
    let prev = -1;
    for (let i = 0; i < folded.length; i++) {
      const f = folded[i]!;
      const id = this.intern(f);
      out.push(id);
      const a = accented[i]!;
      if (a !== '' && a !== f) out.push(this.intern('~' + a));
      if (prev >= 0) out.push(this.pair(prev, id));
      prev = id;
    }
    return out;
  }
}

export class SearchIndex {
  readonly docCount: number;
  readonly featureCount: number;
  private readonly ids: Map<string, number>;
  /**
   * Bigram ids in an open-addressing table keyed by the two syllable ids (first id + 1, so 0 marks a free
   * slot): a Map keyed by a * 2^24 + b boxes most keys as heap numbers, which is slow to hash and heavy.
   */
  private readonly pairFirst: Int32Array;
  private readonly pairSecond: Int32Array;
  private readonly pairValue: Int32Array;
  private readonly pairMask: number;
  private readonly start: Int32Array;
  /** Document of each posting; 16 bits while the base has at most 65,536 documents: less memory to stream per query. */
  private readonly docs: Uint16Array | Int32Array;
  private readonly weights: Float32Array;
  /** Best contribution of each feature over all documents: what a perfect match would score. */
  readonly maxWeight: Float32Array;
  readonly docFreq: Int32Array;
  /**
   * What a syllable the index has never seen adds to a perfect match's score: as much as a rare known one.
   * It lowers the coverage of messages that are about something else.
   */
  readonly unknownPenalty: number;
  private readonly scores: Float64Array;
  private readonly touched: Int32Array;
  private touchedCount = 0;

  constructor(vocabulary: Vocabulary, fieldsPerDoc: IndexField[][], options: IndexOptions = {}) {
    const k1 = options.k1 ?? 1.2;
    const b = options.b ?? 0.6;
    const n = fieldsPerDoc.length;
    this.docCount = n;
    const ids = vocabulary.ids;
    const featureCount = vocabulary.size;
    this.featureCount = featureCount;
    // Term frequencies of one document in a dense scratch array, cleared through the features it touched.
    const tf = new Float64Array(featureCount);
    const docFeatures = new Int32Array(featureCount);
    const df = new Int32Array(featureCount);
    const lengths = new Float64Array(n);
    const eachDoc = (d: number, visit: (f: number, tf: number) => void): void => {
      let count = 0;
      for (const field of fieldsPerDoc[d]!) {
        for (const ids of field.texts) {
          for (let i = 0; i < ids.length; i++) {
            const f = ids[i]!;
            if (tf[f] === 0) docFeatures[count++] = f;
            tf[f]! += field.weight;
          }
        }
      }
      for (let i = 0; i < count; i++) {
        const f = docFeatures[i]!;
        visit(f, tf[f]!);
        tf[f] = 0;
      }
    };
    for (let d = 0; d < n; d++) {
      eachDoc(d, (f, t) => {
        df[f]!++;
        lengths[d]! += t;
      });
    }
    const maxDf = n >= 20 ? Math.max(2, Math.floor(n * (options.maxDocShare ?? 0.4))) : n;
    let avgLen = 0;
    for (let d = 0; d < n; d++) avgLen += lengths[d]!;
    avgLen = n ? avgLen / n : 1;

    const start = new Int32Array(featureCount + 1);
    for (let f = 0; f < featureCount; f++) start[f + 1] = start[f]! + (df[f]! <= maxDf ? df[f]! : 0);
    const total = start[featureCount]!;
    const docs = n <= 0x10000 ? new Uint16Array(total) : new Int32Array(total);
    const weights = new Float32Array(total);
    const fill = start.slice(0, featureCount);
    const maxWeight = new Float32Array(featureCount);
    for (let d = 0; d < n; d++) {
      const norm = k1 * (1 - b + (b * lengths[d]!) / avgLen);
      eachDoc(d, (f, t) => {
        if (df[f]! > maxDf) return;
        const idf = Math.log(1 + (n - df[f]! + 0.5) / (df[f]! + 0.5));
        const w = (idf * t * (k1 + 1)) / (t + norm);
        const at = fill[f]!++;
        docs[at] = d;
        weights[at] = w;
        if (w > maxWeight[f]!) maxWeight[f] = w;
      });
    }
    this.unknownPenalty = Math.log(1 + (n - 0.5) / 1.5);
    let capacity = 16;
    while (capacity < vocabulary.pairs.size * 2) capacity *= 2;
    this.pairFirst = new Int32Array(capacity);
    this.pairSecond = new Int32Array(capacity);
    this.pairValue = new Int32Array(capacity);
    this.pairMask = capacity - 1;
    for (const [key, id] of vocabulary.pairs) {
      const b = key % PAIR_BASE;
      const a = (key - b) / PAIR_BASE;
      let h = pairHash(a, b) & this.pairMask;
      while (this.pairFirst[h] !== 0) h = (h + 1) & this.pairMask;
      this.pairFirst[h] = a + 1;
      this.pairSecond[h] = b;
      this.pairValue[h] = id;
    }
    this.ids = ids;
    this.start = start;
    this.docs = docs;
    this.weights = weights;
    this.maxWeight = maxWeight;
    this.docFreq = df;
    this.scores = new Float64Array(n);
    this.touched = new Int32Array(n);
  }

  featureId(feature: string): number | undefined {
    return this.ids.get(feature);
  }

  /** The bigram feature "a b" from the ids of "a" and "b", without building the string. */
  pairId(a: number, b: number): number | undefined {
    const first = a + 1;
    let h = pairHash(a, b) & this.pairMask;
    for (let f = this.pairFirst[h]!; f !== 0; f = this.pairFirst[h]!) {
      if (f === first && this.pairSecond[h] === b) return this.pairValue[h];
      h = (h + 1) & this.pairMask;
    }
    return undefined;
  }

  /** True when the feature is known and informative (it has postings). */
  informative(id: number): boolean {
    return this.start[id + 1]! > this.start[id]!;
  }

  /**
   * Scores the documents for the given features. The result buffers are reused by the next call: read them
   * before querying again. Returns the number of touched documents; `touchedDoc(i)` and `score(doc)` read them.
   */
  search(featureIds: ArrayLike<number>, queryWeights: ArrayLike<number>, count: number): number {
    // Arrays and the counter in locals: stores into typed arrays would otherwise force V8 to reload the
    // fields on every posting.
    const { scores, touched, start, docs, weights } = this;
    let touchedCount = this.touchedCount;
    for (let i = 0; i < touchedCount; i++) scores[touched[i]!] = 0;
    touchedCount = 0;
    for (let q = 0; q < count; q++) {
      const f = featureIds[q]!;
      const qw = queryWeights[q]!;
      const end = start[f + 1]!;
      for (let p = start[f]!; p < end; p++) {
        const d = docs[p]!;
        if (scores[d] === 0) touched[touchedCount++] = d;
        scores[d]! += qw * weights[p]!;
      }
    }
    this.touchedCount = touchedCount;
    return touchedCount;
  }

  touchedDoc(i: number): number {
    return this.touched[i]!;
  }

  score(doc: number): number {
    return this.scores[doc]!;
  }
}
