/**
 * Every name, keyword and sample phrasing of every procedure as its own small BM25 document, for the
 * nearest-phrasing check. The matcher asks only about the few procedures it already ranks first, so each
 * procedure carries its own little inverted index (its distinct features, sorted, each with the phrasings
 * that contain it): a query looks up its dozen features by binary search instead of walking every phrasing.
 */

export class PhrasingTable {
  /** Per procedure: range of its distinct features in feats. */
  private readonly procStart: Int32Array;
  /** Per procedure: how many phrasings it has. */
  private readonly phraseCount: Int32Array;
  /**
   * Per entry k (distinct feature ids of each procedure, sorted ascending within the procedure's range):
   * [2k] the feature id, [2k + 1] where its postings start (they end where entry k + 1's start; one
   * sentinel entry closes the last range). Side by side, because a query reads a few cold procedures: the
   * entry found and its posting range then share a cache line.
   */
  private readonly entries: Int32Array;
  /**
   * Postings, interleaved for the same reason: [2k] the phrasing's index within its procedure (exact in a
   * float), [2k + 1] the feature's BM25 weight in it.
   */
  private readonly postings: Float32Array;
  private readonly scratch: Float64Array;

  /** `phrasings[p]` lists the feature-id lists of procedure p's phrasings (ids < 0 are unknown, skipped). */
  constructor(phrasings: ArrayLike<number>[][], featureCount: number, k1 = 1.2, b = 0.75) {
    const df = new Int32Array(featureCount);
    const stamp = new Int32Array(featureCount).fill(-1);
    let nPhrases = 0;
    let totalLen = 0;
    let maxPhrases = 1;
    for (const list of phrasings) {
      maxPhrases = Math.max(maxPhrases, list.length);
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

    const procStart: number[] = [0];
    const feats: number[] = [];
    const postStart: number[] = [0];
    const postPhrase: number[] = [];
    const postWeight: number[] = [];
    const phraseCount = new Int32Array(phrasings.length);
    for (let p = 0; p < phrasings.length; p++) {
      const list = phrasings[p]!;
      phraseCount[p] = list.length;
      // feature → [phrasing, weight] pairs of this procedure
      const byFeature = new Map<number, number[]>();
      for (let ph = 0; ph < list.length; ph++) {
        const ids = list[ph]!;
        const tf = new Map<number, number>();
        for (let i = 0; i < ids.length; i++) if (ids[i]! >= 0) tf.set(ids[i]!, (tf.get(ids[i]!) ?? 0) + 1);
        const norm = k1 * (1 - b + (b * ids.length) / Math.max(1, avgLen));
        for (const [id, n] of tf) {
          const entry = byFeature.get(id) ?? [];
          entry.push(ph, (idf(id) * n * (k1 + 1)) / (n + norm));
          byFeature.set(id, entry);
        }
      }
      for (const id of [...byFeature.keys()].sort((x, y) => x - y)) {
        feats.push(id);
        const entry = byFeature.get(id)!;
        for (let i = 0; i < entry.length; i += 2) {
          postPhrase.push(entry[i]!);
          postWeight.push(entry[i + 1]!);
        }
        postStart.push(postPhrase.length);
      }
      procStart.push(feats.length);
    }
    this.procStart = Int32Array.from(procStart);
    this.phraseCount = phraseCount;
    this.entries = new Int32Array(2 * feats.length + 2);
    for (let k = 0; k < feats.length; k++) {
      this.entries[2 * k] = feats[k]!;
      this.entries[2 * k + 1] = postStart[k]!;
    }
    this.entries[2 * feats.length] = -1;
    this.entries[2 * feats.length + 1] = postStart[feats.length]!;
    this.postings = new Float32Array(2 * postPhrase.length);
    for (let k = 0; k < postPhrase.length; k++) {
      this.postings[2 * k] = postPhrase[k]!;
      this.postings[2 * k + 1] = postWeight[k]!;
    }
    this.scratch = new Float64Array(maxPhrases);
  }

  /** The best score of one of the procedure's phrasings against the query's features and weights. */
  best(procedure: number, ids: Int32Array, weights: Float64Array, count: number): number {
    const scores = this.scratch;
    const n = this.phraseCount[procedure]!;
    const lo0 = this.procStart[procedure]!;
    const hi0 = this.procStart[procedure + 1]!;
    const { entries, postings } = this;
    for (let q = 0; q < count; q++) {
      const f = ids[q]!;
      let lo = lo0;
      let hi = hi0;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (entries[2 * mid]! < f) lo = mid + 1;
        else hi = mid;
      }
      if (lo === hi0 || entries[2 * lo] !== f) continue;
      const w = weights[q]!;
      const end = 2 * entries[2 * lo + 3]!;
      for (let k = 2 * entries[2 * lo + 1]!; k < end; k += 2) scores[postings[k]!]! += w * postings[k + 1]!;
    }
    let best = 0;
    for (let ph = 0; ph < n; ph++) {
      if (scores[ph]! > best) best = scores[ph]!;
      scores[ph] = 0;
    }
    return best;
  }
}
