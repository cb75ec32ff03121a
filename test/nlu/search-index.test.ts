import { describe, expect, it } from 'vitest';
import { SearchIndex, Vocabulary, type IndexField } from '../../src/nlu/search-index.js';

/** The reference ranking: every touched document in touch order, stably sorted by score, first k. */
function referenceTop(index: SearchIndex, features: number[], k: number): { docs: number[]; scores: number[] } {
  const weights = features.map(() => 1);
  const n = index.search(features, weights, features.length);
  const touched = Array.from({ length: n }, (_, i) => index.touchedDoc(i));
  const scored = touched.map((d) => ({ d, s: index.score(d) }));
  scored.sort((x, y) => y.s - x.s);
  const first = scored.slice(0, k);
  return { docs: first.map((x) => x.d), scores: first.map((x) => x.s) };
}

function fastTop(index: SearchIndex, features: number[], k: number): { docs: number[]; scores: number[] } {
  const docs = new Int32Array(k);
  const scores = new Float64Array(k);
  const n = index.top(features, features.map(() => 1), features.length, k, docs, scores);
  return { docs: Array.from(docs.subarray(0, n)), scores: Array.from(scores.subarray(0, n)) };
}

/** A base where many documents tie: each holds two of `wordCount` words in a fixed pattern; one word is in none. */
function tiedBase(docCount: number, wordCount: number) {
  const vocab = new Vocabulary();
  const words = Array.from({ length: wordCount }, (_, i) => vocab.intern(`w${i}`));
  const unused = vocab.intern('unused');
  const fields: IndexField[][] = Array.from({ length: docCount }, (_, d) => [
    { texts: [[words[d % wordCount]!], [words[(d * 7 + 1) % wordCount]!]], weight: 1 + (d % 3 === 0 ? 1 : 0) },
  ]);
  return { index: new SearchIndex(vocab, fields, { maxDocShare: 1 }), words, unused };
}

describe('SearchIndex.top', () => {
  // top() sums densely when postings × 4 ≥ documents, else over the touched list: one case for each.
  it.each([
    ['few postings (touched-list path)', 600, 60, 2],
    ['many postings (dense path)', 40, 6, 4],
  ])('ranks exactly as search + a stable sort, ties kept in touch order: %s', (_label, docCount, wordCount, queryWords) => {
    const { index, words } = tiedBase(docCount, wordCount);
    for (let start = 0; start < 6; start++) {
      const features = Array.from({ length: queryWords }, (_, i) => words[(start + i) % words.length]!);
      for (const k of [1, 3, 8]) {
        const want = referenceTop(index, features, k);
        const got = fastTop(index, features, k);
        expect(got.docs, `query ${features.join(',')} k=${k}`).toEqual(want.docs);
        expect(got.scores).toEqual(want.scores);
        // The case this guards: equal scores among the k (otherwise order alone would decide nothing).
        if (k === 8) expect(new Set(want.scores).size).toBeLessThan(want.scores.length);
      }
    }
  });

  it('returns nothing for a feature no document has, or for no features', () => {
    const { index, unused } = tiedBase(10, 6);
    expect(fastTop(index, [unused], 3).docs).toEqual([]);
    expect(fastTop(index, [], 3).docs).toEqual([]);
  });
});
