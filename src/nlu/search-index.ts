/**
 * A BM25F index over documents made of weighted fields (name, keywords, phrasings). Every posting stores its
 * final BM25 contribution, computed once at build time, so a query is only a sum over a few posting lists.
 * Postings live in flat typed arrays (CSR layout) to keep memory small and lookups cache friendly.
 */

import type { Tokens } from './lexicon.js';
import type { PostingLayout } from './phrasings.js';

const PAIR_BASE = 2 ** 24;

function pairHash(a: number, b: number): number {
  return Math.imul(Math.imul(a, 0x9e3779b1) ^ b, 0x85ebca6b) ^ (a >>> 7);
}

/**
 * Per-document inputs of a build: an array, or a source that makes each document's input when asked, so a
 * large base's inputs are short-lived objects instead of millions that outlive the whole build.
 */
export type PerDoc<T> = readonly T[] | { readonly length: number; get(d: number): T };

export function docInput<T>(inputs: PerDoc<T>, d: number): T {
  return 'get' in inputs ? inputs.get(d) : inputs[d]!;
}

export interface IndexField {
  /** Per text of the field (a name, each phrasing...), its feature ids from the index's vocabulary. */
  texts: ArrayLike<number>[];
  weight: number;
  /**
   * What a document is about rather than what it is called (a catalogue record's field, results, documents):
   * scored, but a feature found only here does not count in its document frequency. "giấy khai sinh" among the
   * documents of a hundred records does not make it a common name word, less telling of the procedures named so.
   */
  context?: boolean;
}

export interface IndexOptions {
  k1?: number;
  b?: number;
  /** Features in more than this share of the documents carry no information; dropped when there are enough documents. */
  maxDocShare?: number;
  /**
   * Per document, a factor on its scores (default 1). A perfect match's score (`maxWeight`) ignores it, so a
   * document with a prior below 1 reaches a lower coverage: it needs more evidence to be answered.
   */
  docPriors?: ArrayLike<number>;
  /**
   * Count the priors in `maxWeight` too: a word only documents with a low prior know is then measured against
   * what they score, so thousands of lightly weighed documents do not lower the coverage every message reaches.
   */
  priorInMaxWeight?: boolean;
  /**
   * Per document, 1 when its texts are written in citizens' words (a curated procedure with sample phrasings),
   * else 0. A feature in more than maxDocShare of these is dropped as well: words every citizen question has
   * ("nộp", "hồ sơ") stay uninformative however many official names are added beside them.
   */
  wordedDocs?: ArrayLike<number>;
}

/**
 * Feature strings interned to dense ids while the content is analysed, so the build never holds millions of
 * feature strings at once (that peak, not the index, is what drove the process's resident memory).
 */
export class Vocabulary {
  /** Folded syllables by string. */
  readonly ids = new Map<string, number>();
  /**
   * Accented syllables ("ký") by string, a feature of their own beside the folded one: a table apart, so a
   * query looks its accented syllables up as they are, without building a marked string per syllable.
   */
  readonly accented = new Map<string, number>();
  /** Syllable bigrams by the ids of their two syllables: a bigram never exists as a string. */
  readonly pairs = new Map<number, number>();
  size = 0;

  intern(feature: string): number {
    return this.idIn(this.ids, feature);
  }

  pair(a: number, b: number): number {
    return this.idIn(this.pairs, a * PAIR_BASE + b);
  }

  internAccented(form: string): number {
    return this.idIn(this.accented, form);
  }

  /** The feature id of `key` in one of the three tables, a new one (shared numbering) when it is not there yet. */
  private idIn<K>(table: Map<K, number>, key: K): number {
    let id = table.get(key);
    if (id === undefined) {
      id = this.size++;
      table.set(key, id);
    }
    return id;
  }

  /** Index features of content syllables: folded unigrams, accented unigrams and folded bigrams. */
  featureIds(content: Tokens, out: number[] = []): number[] {
    const { folded, accented } = content;
    let prev = -1;
    for (let i = 0; i < folded.length; i++) {
      const f = folded[i]!;
      const id = this.intern(f);
      out.push(id);
      const a = accented[i]!;
      if (a !== '' && a !== f) out.push(this.internAccented(a));
      if (prev >= 0) out.push(this.pair(prev, id));
      prev = id;
    }
    return out;
  }
}

/**
 * The feature-id lists of many texts, while a base is being indexed. A JS array per text lives through the
 * whole build, so it ends up in the old generation between the strings the vocabulary keeps, and the pages it
 * leaves behind stay resident. Here the ids go to a few large arrays, filled in turn: their storage is big
 * enough for V8 to keep it in pages of its own, unmapped whole once the build drops it (freed typed arrays
 * would go back to the C allocator, which keeps them). A text's ids come out as a short-lived copy.
 */
export class FeatureLists {
  private static readonly CHUNK = 1 << 20;
  private readonly chunks: number[][] = [];
  /** Per text: its chunk, and where it starts and ends in it (three numbers, so no object per text). */
  private readonly where: number[] = [];

  get count(): number {
    return this.where.length / 3;
  }

  /** Appends one text's ids; returns its index. */
  add(ids: ArrayLike<number>): number {
    let chunk = this.chunks[this.chunks.length - 1];
    if (!chunk || chunk.length + ids.length > FeatureLists.CHUNK) {
      chunk = [];
      this.chunks.push(chunk);
    }
    const start = chunk.length;
    for (let i = 0; i < ids.length; i++) chunk.push(ids[i]!);
    this.where.push(this.chunks.length - 1, start, chunk.length);
    return this.where.length / 3 - 1;
  }

  /** Lets the lists go (a build's scope may outlive the build a little). */
  clear(): void {
    this.chunks.length = 0;
    this.where.length = 0;
  }

  /** A copy of the ids of text i. */
  get(i: number): number[] {
    const w = this.where;
    return this.chunks[w[3 * i]!]!.slice(w[3 * i + 1]!, w[3 * i + 2]!);
  }
}

/**
 * Puts document d with score s among the k leaders (best first), after the leaders with an equal score so that
 * ties keep their arrival order; the last leader drops out.
 */
export function insertLeader(docsOut: Int32Array, scoresOut: Float64Array, k: number, d: number, s: number): void {
  let j = k - 1;
  while (j > 0 && scoresOut[j - 1]! < s) {
    scoresOut[j] = scoresOut[j - 1]!;
    docsOut[j] = docsOut[j - 1]!;
    j--;
  }
  scoresOut[j] = s;
  docsOut[j] = d;
}

export class SearchIndex implements PostingLayout {
  readonly docCount: number;
  readonly featureCount: number;
  private readonly ids: Map<string, number>;
  private readonly accentedIds: Map<string, number>;
  /**
   * Bigram ids in an open-addressing table keyed by the two syllable ids (first id + 1, so 0 marks a free
   * slot): a Map keyed by a * 2^24 + b boxes most keys as heap numbers, which is slow to hash and heavy.
   */
  private readonly pairFirst: Int32Array;
  private readonly pairSecond: Int32Array;
  private readonly pairValue: Int32Array;
  private readonly pairMask: number;
  /** Postings of feature f: start[f] .. start[f + 1]. */
  readonly start: Int32Array;
  /**
   * Document of each posting, ascending within a feature; 16 bits while the base has at most 65,536
   * documents: less memory to stream per query.
   */
  readonly docs: Uint16Array | Int32Array;
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
  /** 1 for the documents in `touched`: lets the posting loop record first touches without a branch. */
  private readonly seen: Uint8Array;
  /** Scores of `top` when it sums densely (kept apart from `scores`, which `search` clears by its touched list). */
  private readonly dense: Float64Array;
  /** Per document, 1 + its place among the documents `locate` was asked about, else 0. */
  private readonly slot: Uint8Array;
  private touchedCount = 0;

  constructor(vocabulary: Vocabulary, fieldsPerDoc: PerDoc<IndexField[]>, options: IndexOptions = {}) {
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
    // Per feature of the current document, 1 when a field other than context holds it.
    const named = new Uint8Array(featureCount);
    const namedDf = new Int32Array(featureCount);
    const eachDoc = (d: number, visit: (f: number, tf: number, named: boolean) => void): void => {
      let count = 0;
      for (const field of docInput(fieldsPerDoc, d)) {
        const mark = field.context === true ? 0 : 1;
        for (const ids of field.texts) {
          for (let i = 0; i < ids.length; i++) {
            const f = ids[i]!;
            if (tf[f] === 0) docFeatures[count++] = f;
            tf[f]! += field.weight;
            named[f]! |= mark;
          }
        }
      }
      for (let i = 0; i < count; i++) {
        const f = docFeatures[i]!;
        visit(f, tf[f]!, named[f] === 1);
        tf[f] = 0;
        named[f] = 0;
      }
    };
    const worded = options.wordedDocs;
    const wordedDf = worded ? new Int32Array(featureCount) : null;
    let wordedCount = 0;
    for (let d = 0; d < n; d++) {
      const isWorded = worded ? worded[d] === 1 : false;
      if (isWorded) wordedCount++;
      eachDoc(d, (f, t, isNamed) => {
        df[f]!++;
        if (isNamed) namedDf[f]!++;
        if (isWorded) wordedDf![f]!++;
        lengths[d]! += t;
      });
    }
    const share = options.maxDocShare ?? 0.4;
    const maxDf = n >= 20 ? Math.max(2, Math.floor(n * share)) : n;
    const maxWorded = wordedDf && wordedCount >= 20 && wordedCount < n ? Math.max(2, Math.floor(wordedCount * share)) : Infinity;
    /** Features with postings: not in too many documents, nor in too many of the worded ones. */
    const kept = new Uint8Array(featureCount);
    for (let f = 0; f < featureCount; f++) kept[f] = df[f]! <= maxDf && (wordedDf === null || wordedDf[f]! <= maxWorded) ? 1 : 0;
    let avgLen = 0;
    for (let d = 0; d < n; d++) avgLen += lengths[d]!;
    avgLen = n ? avgLen / n : 1;

    const start = new Int32Array(featureCount + 1);
    for (let f = 0; f < featureCount; f++) start[f + 1] = start[f]! + (kept[f] ? df[f]! : 0);
    const total = start[featureCount]!;
    const docs = n <= 0x10000 ? new Uint16Array(total) : new Int32Array(total);
    const weights = new Float32Array(total);
    const fill = start.slice(0, featureCount);
    const maxWeight = new Float32Array(featureCount);
    const priors = options.docPriors;
    const priorInMax = options.priorInMaxWeight ?? false;
    for (let d = 0; d < n; d++) {
      const norm = k1 * (1 - b + (b * lengths[d]!) / avgLen);
      const prior = priors ? priors[d]! : 1;
      eachDoc(d, (f, t) => {
        if (!kept[f]) return;
        // A feature only context fields hold keeps its whole document frequency (it names nothing).
        const dfOf = namedDf[f]! > 0 ? namedDf[f]! : df[f]!;
        const idf = Math.log(1 + (n - dfOf + 0.5) / (dfOf + 0.5));
        const w = (idf * t * (k1 + 1)) / (t + norm);
        const at = fill[f]!++;
        docs[at] = d;
        weights[at] = w * prior;
        const scored = priorInMax ? w * prior : w;
        if (scored > maxWeight[f]!) maxWeight[f] = scored;
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
    this.accentedIds = vocabulary.accented;
    this.start = start;
    this.docs = docs;
    this.weights = weights;
    this.maxWeight = maxWeight;
    this.docFreq = df;
    this.scores = new Float64Array(n);
    // One spare slot: the posting loop writes a document before it knows whether it is new.
    this.touched = new Int32Array(n + 1);
    this.seen = new Uint8Array(n);
    this.slot = new Uint8Array(n);
    this.dense = new Float64Array(n);
  }

  /** The folded syllable's feature. */
  featureId(feature: string): number | undefined {
    return this.ids.get(feature);
  }

  /** The accented syllable's feature (its form as typed, with its marks). */
  accentedId(form: string): number | undefined {
    return this.accentedIds.get(form);
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
    const { scores, touched, seen, start, docs, weights } = this;
    let touchedCount = this.touchedCount;
    for (let i = 0; i < touchedCount; i++) {
      const d = touched[i]!;
      scores[d] = 0;
      seen[d] = 0;
    }
    touchedCount = 0;
    for (let q = 0; q < count; q++) {
      const f = featureIds[q]!;
      const qw = queryWeights[q]!;
      const end = start[f + 1]!;
      for (let p = start[f]!; p < end; p++) {
        const d = docs[p]!;
        // Branch-free first touch: whether a document is new is a coin flip the CPU cannot predict, so the
        // document is always written and the count only moves when it was not seen yet (same order as before).
        touched[touchedCount] = d;
        touchedCount += 1 - seen[d]!;
        seen[d] = 1;
        scores[d]! += qw * weights[p]!;
      }
    }
    this.touchedCount = touchedCount;
    return touchedCount;
  }

  /**
   * The `k` best documents for the features into docsOut/scoresOut, best first; returns how many there are
   * (documents that score at all). Equal scores keep the order in which `search` first touches the documents
   * (feature by feature in query order, by document within a feature): the result is the first k of the
   * touched documents stably sorted by score, whichever way it is computed.
   */
  top(featureIds: ArrayLike<number>, queryWeights: ArrayLike<number>, count: number, k: number, docsOut: Int32Array, scoresOut: Float64Array): number {
    const { start } = this;
    let postings = 0;
    for (let q = 0; q < count; q++) postings += start[featureIds[q]! + 1]! - start[featureIds[q]!]!;
    // Summing into a dense array and scanning every document costs the document count; tracking touched
    // documents costs more per posting. Dense pays when a query reads many postings, as with a large base.
    if (postings * 4 >= this.docCount) {
      const got = this.denseTop(featureIds, queryWeights, count, k, docsOut, scoresOut);
      if (got >= 0) return got;
    }
    const touched = this.search(featureIds, queryWeights, count);
    scoresOut.fill(0, 0, k);
    let got = 0;
    // The score a document must beat to enter the leaders, kept in a local: most of the touched documents
    // stop at this one comparison.
    let entry = 0;
    for (let i = 0; i < touched; i++) {
      const d = this.touched[i]!;
      const s = this.scores[d]!;
      if (s <= entry) continue;
      insertLeader(docsOut, scoresOut, k, d, s);
      entry = scoresOut[k - 1]!;
      got = Math.min(k, got + 1);
    }
    return got;
  }

  /**
   * `top` over a dense score array scanned in document order, or -1 when two documents that matter score
   * exactly the same: their order would then be the document order, not the touch order, and the caller
   * takes the touched path instead.
   */
  private denseTop(featureIds: ArrayLike<number>, queryWeights: ArrayLike<number>, count: number, k: number, docsOut: Int32Array, scoresOut: Float64Array): number {
    const { dense, start, docs, weights } = this;
    const n = this.docCount;
    dense.fill(0);
    // Same additions in the same order as `search`, so every score is the same number to the last bit.
    for (let q = 0; q < count; q++) {
      const f = featureIds[q]!;
      const qw = queryWeights[q]!;
      const end = start[f + 1]!;
      let p = start[f]!;
      // Four postings per turn: a feature's postings are distinct documents, so each score still receives its
      // additions in query order; the loop's own bookkeeping is a good part of the cost of one posting.
      for (; p + 3 < end; p += 4) {
        dense[docs[p]!]! += qw * weights[p]!;
        dense[docs[p + 1]!]! += qw * weights[p + 1]!;
        dense[docs[p + 2]!]! += qw * weights[p + 2]!;
        dense[docs[p + 3]!]! += qw * weights[p + 3]!;
      }
      for (; p < end; p++) dense[docs[p]!]! += qw * weights[p]!;
    }
    scoresOut.fill(0, 0, k);
    let got = 0;
    let entry = 0;
    let tie = false;
    for (let d = 0; d < n; d++) {
      const s = dense[d]!;
      if (s <= entry) {
        if (s === entry && s > 0) tie = true;
        continue;
      }
      const evicted = scoresOut[k - 1]!;
      insertLeader(docsOut, scoresOut, k, d, s);
      entry = scoresOut[k - 1]!;
      if (evicted > 0 && evicted === entry) tie = true;
      got = Math.min(k, got + 1);
    }
    for (let j = 1; j < got; j++) if (scoresOut[j] === scoresOut[j - 1]) tie = true;
    return tie ? -1 : got;
  }

  /**
   * For each of `docCount` documents (distinct, at most 255) and each of the `count` features, the posting
   * holding the pair or -1, into out[j * count + q] for document j and feature q. One pass over the features'
   * posting lists, which a search for the same features has just brought into cache.
   */
  locate(docIds: ArrayLike<number>, docCount: number, featureIds: ArrayLike<number>, count: number, out: Int32Array): void {
    const { slot, start, docs } = this;
    out.fill(-1, 0, docCount * count);
    for (let j = 0; j < docCount; j++) slot[docIds[j]!] = j + 1;
    for (let q = 0; q < count; q++) {
      const f = featureIds[q]!;
      const end = start[f + 1]!;
      for (let p = start[f]!; p < end; p++) {
        const s = slot[docs[p]!]!;
        if (s !== 0) out[(s - 1) * count + q] = p;
      }
    }
    for (let j = 0; j < docCount; j++) slot[docIds[j]!] = 0;
  }

  touchedDoc(i: number): number {
    return this.touched[i]!;
  }

  score(doc: number): number {
    return this.scores[doc]!;
  }
}
