/**
 * Every name, keyword and sample phrasing of every procedure as its own small BM25 document, stored as a
 * forward table (phrasing → feature ids and weights). The matcher asks only about the few procedures it
 * already ranks first, so scoring walks their phrasings instead of an inverted index: cheap in time and in
 * memory even with thousands of procedures.
 */

export interface PhrasingQuery {
  /** The query's weight of a feature id, 0 when the query does not have it. */
  weightOf(id: number): number;
}

export class PhrasingTable {
  /** Per procedure: range of its phrasings in phraseStart. */
  private readonly procStart: Int32Array;
  /** Per phrasing: range of its features in feats/weights. */
  private readonly phraseStart: Int32Array;
  private readonly feats: Int32Array;
  private readonly weights: Float32Array;

  /** `phrasings[p]` lists the feature-id lists of procedure p's phrasings (ids < 0 are unknown, skipped). */
  constructor(phrasings: ArrayLike<number>[][], featureCount: number, k1 = 1.2, b = 0.75) {
    const df = new Int32Array(featureCount);
    let nPhrases = 0;
    let nFeats = 0;
    for (const list of phrasings) {
      for (const ids of list) {
        nPhrases++;
        const uniq = new Set<number>();
        for (let i = 0; i < ids.length; i++) if (ids[i]! >= 0) uniq.add(ids[i]!);
        for (const id of uniq) df[id]!++;
        nFeats += uniq.size;
      }
    }
    this.procStart = new Int32Array(phrasings.length + 1);
    this.phraseStart = new Int32Array(nPhrases + 1);
    this.feats = new Int32Array(nFeats);
    this.weights = new Float32Array(nFeats);
    let avgLen = 0;
    for (const list of phrasings) for (const ids of list) avgLen += ids.length;
    avgLen = nPhrases ? avgLen / nPhrases : 1;
    let ph = 0;
    let at = 0;
    const tf = new Map<number, number>();
    for (let p = 0; p < phrasings.length; p++) {
      this.procStart[p] = ph;
      for (const ids of phrasings[p]!) {
        this.phraseStart[ph++] = at;
        tf.clear();
        for (let i = 0; i < ids.length; i++) {
          const id = ids[i]!;
          if (id >= 0) tf.set(id, (tf.get(id) ?? 0) + 1);
        }
        const norm = k1 * (1 - b + (b * ids.length) / Math.max(1, avgLen));
        for (const [id, n] of tf) {
          const idf = Math.log(1 + (nPhrases - df[id]! + 0.5) / (df[id]! + 0.5));
          this.feats[at] = id;
          this.weights[at] = (idf * n * (k1 + 1)) / (n + norm);
          at++;
        }
      }
    }
    this.procStart[phrasings.length] = ph;
    this.phraseStart[ph] = at;
  }

  /** The best score of one of the procedure's phrasings against the query. */
  best(procedure: number, query: PhrasingQuery): number {
    let best = 0;
    const end = this.procStart[procedure + 1]!;
    for (let ph = this.procStart[procedure]!; ph < end; ph++) {
      let s = 0;
      const fEnd = this.phraseStart[ph + 1]!;
      for (let k = this.phraseStart[ph]!; k < fEnd; k++) {
        const w = query.weightOf(this.feats[k]!);
        if (w !== 0) s += w * this.weights[k]!;
      }
      if (s > best) best = s;
    }
    return best;
  }
}
