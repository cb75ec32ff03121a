/**
 * Every name, keyword and sample phrasing of every procedure as its own small BM25 document, for the
 * nearest-phrasing check. The matcher asks only about the few procedures it already ranks first.
 *
 * The table hangs off the posting lists of an index over the procedures (feature → procedures, in procedure
 * order): each posting (feature f, procedure p) owns a block with the phrasings of p that contain f and the
 * feature's BM25 weight in each. The matcher's own search index is reused as that layout, so a query that
 * has just searched it finds the postings of its leaders in lists that are still in cache, and the table
 * costs one block offset per posting instead of a second copy of the features of every procedure.
 */

import { docInput, type PerDoc } from './search-index.js';

/** Posting lists in CSR form: the postings of feature f are start[f] .. start[f + 1], by ascending document. */
export interface PostingLayout {
  readonly featureCount: number;
  readonly start: Int32Array;
  readonly docs: ArrayLike<number>;
}

/** A layout over exactly the features of the phrasings, for a table used without a search index. */
function ownLayout(phrasings: PerDoc<ArrayLike<number>[]>, featureCount: number): PostingLayout {
  const last = new Int32Array(featureCount);
  /** Each feature of each phrasing once, phrasing by phrasing. */
  const eachDistinct = (visit: (id: number, p: number) => void): void => {
    last.fill(-1);
    for (let p = 0; p < phrasings.length; p++) {
      for (const ids of docInput(phrasings, p)) {
        for (let i = 0; i < ids.length; i++) {
          const id = ids[i]!;
          if (id >= 0 && last[id] !== p) {
            last[id] = p;
            visit(id, p);
          }
        }
      }
    }
  };
  const start = new Int32Array(featureCount + 1);
  eachDistinct((id) => start[id + 1]!++);
  for (let f = 0; f < featureCount; f++) start[f + 1]! += start[f]!;
  const docs = new Int32Array(start[featureCount]!);
  const fill = start.slice(0, featureCount);
  eachDistinct((id, p) => (docs[fill[id]!++] = p));
  return { featureCount, start, docs };
}

/** The posting of (feature, doc) in the layout, or -1. */
function postingOf(layout: PostingLayout, feature: number, doc: number): number {
  if (feature < 0 || feature >= layout.featureCount) return -1;
  let lo = layout.start[feature]!;
  let hi = layout.start[feature + 1]!;
  const docs = layout.docs;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (docs[mid]! < doc) lo = mid + 1;
    else hi = mid;
  }
  return lo < layout.start[feature + 1]! && docs[lo] === doc ? lo : -1;
}

export class PhrasingTable {
  private readonly layout: PostingLayout;
  /** Per procedure: how many phrasings it has. */
  private readonly phraseCount: Int32Array;
  /** Per posting of the layout: where its block starts in phrase/weight (the next posting's start ends it). */
  private readonly blockStart: Int32Array;
  /**
   * Block entry k: [2k] the phrasing's index within its procedure (in `phrase`), [2k + 1] the feature's BM25
   * weight in that phrasing (in `weight`): two views of one buffer, so an entry's two halves share a cache
   * line (the blocks a query reads are mostly not in cache).
   */
  private readonly phrase: Int32Array;
  private readonly weight: Float32Array;
  private readonly scratch: Float64Array;

  /**
   * `phrasings[p]` lists the feature-id lists of procedure p's phrasings (ids < 0 are unknown, skipped).
   * `features` is the feature count (the table then builds its own posting layout) or the search index over
   * the same procedures whose posting lists the table reuses; features that have no posting there (dropped
   * as uninformative) are never asked for and are left out.
   */
  constructor(phrasings: PerDoc<ArrayLike<number>[]>, features: number | PostingLayout, k1 = 1.2, b = 0.75) {
    const featureCount = typeof features === 'number' ? features : features.featureCount;
    const layout = typeof features === 'number' ? ownLayout(phrasings, features) : features;
    const df = new Int32Array(featureCount);
    const stamp = new Int32Array(featureCount).fill(-1);
    let nPhrases = 0;
    let totalLen = 0;
    for (let p = 0; p < phrasings.length; p++) {
      const list = docInput(phrasings, p);
      for (const ids of list) {
        for (let i = 0; i < ids.length; i++) {
          const id = ids[i]!;
          if (id >= 0 && stamp[id] !== nPhrases) {
            stamp[id] = nPhrases;
            df[id]!++;
          }
        }
        totalLen += ids.length;
        nPhrases++;
      }
    }
    const avgLen = nPhrases ? totalLen / nPhrases : 1;
    const idf = (id: number): number => Math.log(1 + (nPhrases - df[id]! + 0.5) / (df[id]! + 0.5));

    // Blocks are laid out in posting order; a posting's entries are its procedure's phrasings in order. Two
    // passes (count, then fill) over dense scratch arrays: a million small entry objects would be the
    // build's memory peak.
    const postings = layout.start[featureCount]!;
    // One spare slot: counting shifts by two (see below).
    const blockStart = new Int32Array(postings + 2);
    const phraseCount = new Int32Array(phrasings.length);
    const tf = new Int32Array(featureCount);
    const seen = new Int32Array(featureCount);
    const postingAt = new Int32Array(featureCount);
    stamp.fill(-1);
    /** Calls visit(posting, phrasing, weight) for every feature of every phrasing of procedure p that has a posting. */
    const eachEntry = (p: number, visit: (posting: number, phrase: number, weight: number) => void): void => {
      const list = docInput(phrasings, p);
      for (let ph = 0; ph < list.length; ph++) {
        const ids = list[ph]!;
        let count = 0;
        for (let i = 0; i < ids.length; i++) {
          const id = ids[i]!;
          if (id < 0) continue;
          if (tf[id] === 0) seen[count++] = id;
          tf[id]!++;
        }
        const norm = k1 * (1 - b + (b * ids.length) / Math.max(1, avgLen));
        for (let i = 0; i < count; i++) {
          const id = seen[i]!;
          const n = tf[id]!;
          tf[id] = 0;
          if (stamp[id] !== p) {
            stamp[id] = p;
            postingAt[id] = postingOf(layout, id, p);
          }
          const posting = postingAt[id]!;
          if (posting >= 0) visit(posting, ph, (idf(id) * n * (k1 + 1)) / (n + norm));
        }
      }
    };
    let entries = 0;
    let maxPhrases = 1;
    for (let p = 0; p < phrasings.length; p++) {
      const count = docInput(phrasings, p).length;
      phraseCount[p] = count;
      maxPhrases = Math.max(maxPhrases, count);
      eachEntry(p, (posting) => {
        blockStart[posting + 2]!++;
        entries++;
      });
    }
    // blockStart[p + 2] counts posting p's entries; summed up, blockStart[p + 1] is where block p starts and
    // serves as its fill cursor (a copy of the starts would be a large temporary); once filled, it is where
    // block p ends, that is, where block p + 1 starts.
    for (let i = 1; i < postings + 2; i++) blockStart[i]! += blockStart[i - 1]!;
    const buffer = new ArrayBuffer(8 * entries);
    const phrase = new Int32Array(buffer);
    const weight = new Float32Array(buffer);
    stamp.fill(-1);
    // Phrasings are visited in order, so each block fills in phrasing order.
    for (let p = 0; p < phrasings.length; p++) {
      eachEntry(p, (posting, ph, w) => {
        const at = 2 * blockStart[posting + 1]!++;
        phrase[at] = ph;
        weight[at + 1] = w;
      });
    }
    this.layout = layout;
    this.phraseCount = phraseCount;
    this.blockStart = blockStart;
    this.phrase = phrase;
    this.weight = weight;
    this.scratch = new Float64Array(maxPhrases);
  }

  /** The best score of one of the procedure's phrasings against the query's features and weights. */
  best(procedure: number, ids: Int32Array, weights: Float64Array, count: number): number {
    for (let q = 0; q < count; q++) this.add(postingOf(this.layout, ids[q]!, procedure), weights[q]!);
    return this.take(procedure);
  }

  /**
   * The same, from the layout's postings of the procedure for each query feature (-1 where it has none),
   * read from postings[offset .. offset + count): no search at all when the caller already located them.
   */
  bestAt(procedure: number, postings: Int32Array, offset: number, weights: Float64Array, count: number): number {
    for (let q = 0; q < count; q++) this.add(postings[offset + q]!, weights[q]!);
    return this.take(procedure);
  }

  /**
   * Reads the first entry of the block of every posting in postings[0 .. count) and returns a value that
   * depends on them. The blocks of a query's leaders are spread over megabytes that are not in cache; read
   * one after the other, each miss waits for the previous one, while these independent reads overlap.
   * Scoring the leaders afterwards then finds most of its data in cache.
   */
  warm(postings: Int32Array, count: number): number {
    const { blockStart, phrase, weight } = this;
    let sink = 0;
    for (let i = 0; i < count; i++) {
      const p = postings[i]!;
      if (p < 0) continue;
      const k = 2 * blockStart[p]!;
      sink += phrase[k]! + weight[k + 1]!;
    }
    return sink;
  }

  private add(posting: number, w: number): void {
    if (posting < 0) return;
    const { scratch, phrase, weight } = this;
    const end = 2 * this.blockStart[posting + 1]!;
    for (let k = 2 * this.blockStart[posting]!; k < end; k += 2) scratch[phrase[k]!]! += w * weight[k + 1]!;
  }

  /** The best phrasing score accumulated for the procedure; clears the scratch scores. */
  private take(procedure: number): number {
    const scores = this.scratch;
    const n = this.phraseCount[procedure]!;
    let best = 0;
    for (let ph = 0; ph < n; ph++) {
      if (scores[ph]! > best) best = scores[ph]!;
      scores[ph] = 0;
    }
    return best;
  }
}
