/**
 * A BM25F index over documents made of weighted fields (name, keywords, phrasings). Every posting stores its
 * final BM25 contribution, computed once at build time, so a query is only a sum over a few posting lists.
 * Postings live in flat typed arrays (CSR layout) to keep memory small and lookups cache friendly.
 */

const PAIR_BASE = 2 ** 24;

export interface IndexField {
  /** Feature strings of the field, repeated as often as they occur. */
  features: string[];
  weight: number;
}

export interface IndexOptions {
  k1?: number;
  b?: number;
  /** Features in more than this share of the documents carry no information; dropped when there are enough documents. */
  maxDocShare?: number;
  /**
   * Feature ids shared with another index over the same texts (it is extended in place): one query vector
   * then searches both indexes without tokenising twice.
   */
  vocabulary?: Map<string, number>;
}

export class SearchIndex {
  readonly docCount: number;
  readonly featureCount: number;
  private readonly ids: Map<string, number>;
  private readonly pairs = new Map<number, number>();
  private readonly start: Int32Array;
  private readonly docs: Int32Array;
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

  constructor(fieldsPerDoc: IndexField[][], options: IndexOptions = {}) {
    const k1 = options.k1 ?? 1.2;
    const b = options.b ?? 0.6;
    const n = fieldsPerDoc.length;
    this.docCount = n;
    const shared = options.vocabulary !== undefined;
    const ids = options.vocabulary ?? new Map<string, number>();
    const tfPerDoc: Map<number, number>[] = [];
    const lengths = new Float64Array(n);
    for (let d = 0; d < n; d++) {
      const tf = new Map<number, number>();
      for (const field of fieldsPerDoc[d]!) {
        for (const f of field.features) {
          let id = ids.get(f);
          if (id === undefined) {
            id = ids.size;
            ids.set(f, id);
          }
          tf.set(id, (tf.get(id) ?? 0) + field.weight);
          lengths[d]! += field.weight;
        }
      }
      tfPerDoc.push(tf);
    }
    const featureCount = ids.size;
    this.featureCount = featureCount;
    const df = new Int32Array(featureCount);
    for (const tf of tfPerDoc) for (const id of tf.keys()) df[id]!++;
    const maxDf = n >= 20 ? Math.max(2, Math.floor(n * (options.maxDocShare ?? 0.4))) : n;
    let avgLen = 0;
    for (let d = 0; d < n; d++) avgLen += lengths[d]!;
    avgLen = n ? avgLen / n : 1;

    const start = new Int32Array(featureCount + 1);
    for (let f = 0; f < featureCount; f++) start[f + 1] = start[f]! + (df[f]! <= maxDf ? df[f]! : 0);
    const total = start[featureCount]!;
    const docs = new Int32Array(total);
    const weights = new Float32Array(total);
    const fill = start.slice(0, featureCount);
    const maxWeight = new Float32Array(featureCount);
    for (let d = 0; d < n; d++) {
      const norm = k1 * (1 - b + (b * lengths[d]!) / avgLen);
      for (const [f, tf] of tfPerDoc[d]!) {
        if (df[f]! > maxDf) continue;
        const idf = Math.log(1 + (n - df[f]! + 0.5) / (df[f]! + 0.5));
        const w = (idf * tf * (k1 + 1)) / (tf + norm);
        const at = fill[f]!++;
        docs[at] = d;
        weights[at] = w;
        if (w > maxWeight[f]!) maxWeight[f] = w;
      }
    }
    this.unknownPenalty = Math.log(1 + (n - 0.5) / 1.5);
    for (const [f, id] of shared ? [] : ids) {
      const space = f.indexOf(' ');
      if (space < 0 || f.startsWith('~')) continue;
      const a = ids.get(f.slice(0, space));
      const b = ids.get(f.slice(space + 1));
      if (a !== undefined && b !== undefined) this.pairs.set(a * PAIR_BASE + b, id);
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

  /** The feature ids, to share with an index built over the same texts. */
  vocabulary(): Map<string, number> {
    return this.ids;
  }

  featureId(feature: string): number | undefined {
    return this.ids.get(feature);
  }

  /** The bigram feature "a b" from the ids of "a" and "b", without building the string. */
  pairId(a: number, b: number): number | undefined {
    return this.pairs.get(a * PAIR_BASE + b);
  }

  /** True when the feature is known and informative (it has postings). */
  informative(id: number): boolean {
    return this.start[id + 1]! > this.start[id]!;
  }

  /** Every feature string (for building the speller). */
  features(): IterableIterator<string> {
    return this.ids.keys();
  }

  /**
   * Scores the documents for the given features. The result buffers are reused by the next call: read them
   * before querying again. Returns the number of touched documents; `touchedDoc(i)` and `score(doc)` read them.
   */
  search(featureIds: ArrayLike<number>, queryWeights: ArrayLike<number>, count: number): number {
    const scores = this.scores;
    for (let i = 0; i < this.touchedCount; i++) scores[this.touched[i]!] = 0;
    this.touchedCount = 0;
    for (let q = 0; q < count; q++) {
      const f = featureIds[q]!;
      const qw = queryWeights[q]!;
      const end = this.start[f + 1]!;
      for (let p = this.start[f]!; p < end; p++) {
        const d = this.docs[p]!;
        if (scores[d] === 0) this.touched[this.touchedCount++] = d;
        scores[d]! += qw * this.weights[p]!;
      }
    }
    return this.touchedCount;
  }

  touchedDoc(i: number): number {
    return this.touched[i]!;
  }

  score(doc: number): number {
    return this.scores[doc]!;
  }
}
