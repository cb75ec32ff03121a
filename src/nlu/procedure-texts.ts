import type { FeatureLists, IndexField, PerDoc } from './search-index.js';

/** Field weights of BM25F: a procedure's name says more than one of its sample phrasings. */
export const WEIGHT = { name: 3, nameEn: 2, keyword: 2, phrasing: 1, context: 0.4 } as const;

/**
 * Every procedure's names and keywords as index feature ids of their syllables, each with a title-IDF weight.
 * The re-ranking reads the titles of a few procedures per query, which are rarely in cache: each procedure's
 * titles are one contiguous record, so reading them is one stream the CPU prefetches instead of a miss per
 * array.
 */
export class TitleTable {
  /** Per procedure: where its record starts in `data`. */
  readonly docStart: Int32Array;
  /**
   * Per procedure: the number of its titles, then per title its syllable count, the sum of its weights and,
   * per syllable, the feature id (exact in a double) and the weight.
   */
  readonly data: Float64Array;

  constructor(perDoc: { ids: number[]; weights: number[] }[][]) {
    let size = 0;
    for (const list of perDoc) {
      size += 1;
      for (const t of list) size += 2 + 2 * t.ids.length;
    }
    this.docStart = new Int32Array(perDoc.length);
    this.data = new Float64Array(size);
    let at = 0;
    for (let d = 0; d < perDoc.length; d++) {
      this.docStart[d] = at;
      this.data[at++] = perDoc[d]!.length;
      for (const t of perDoc[d]!) {
        let total = 0;
        for (let i = 0; i < t.ids.length; i++) total += t.weights[i]!;
        this.data[at++] = t.ids.length;
        this.data[at++] = total;
        for (let i = 0; i < t.ids.length; i++) {
          this.data[at++] = t.ids[i]!;
          this.data[at++] = t.weights[i]!;
        }
      }
    }
  }
}

/** Per procedure: its first text in the build's FeatureLists, how many titles (names and keywords) and texts it has. */
export interface TextShape {
  first: number;
  titles: number;
  /** Titles and phrasings: the texts of the nearest-phrasing check. */
  texts: number;
  en: number;
  /** Context texts after the phrasings (see MatchTarget.context): indexed, never a phrasing. */
  context: number;
}

/**
 * The procedures' texts for the index and the phrasing table, as copies made on demand: made once for the
 * whole build, they would be objects enough to fragment the old generation. A class rather than closures:
 * a closure would hold the whole constructor scope (the build's temporary tables), and a closure that a
 * call site's feedback happens to keep would keep them all.
 */
export class ProcedureTexts {
  readonly count: number;

  constructor(
    private readonly lists: FeatureLists,
    private readonly shapes: TextShape[],
  ) {
    this.count = shapes.length;
  }

  textsOf(d: number): number[][] {
    const { first, texts } = this.shapes[d]!;
    return Array.from({ length: texts }, (_, i) => this.lists.get(first + i));
  }

  fieldsOf(d: number): IndexField[] {
    const { first, titles, texts, en, context } = this.shapes[d]!;
    const perText = this.textsOf(d);
    const fields: IndexField[] = [
      { texts: [perText[0]!], weight: WEIGHT.name },
      { texts: perText.slice(1 + en, titles), weight: WEIGHT.keyword },
      { texts: perText.slice(titles), weight: WEIGHT.phrasing },
    ];
    if (en) fields.push({ texts: [perText[1]!], weight: WEIGHT.nameEn });
    if (context) fields.push({ texts: Array.from({ length: context }, (_, i) => this.lists.get(first + texts + i)), weight: WEIGHT.context, context: true });
    return fields;
  }

  fields(): PerDoc<IndexField[]> {
    return new FieldSource(this);
  }

  texts(): PerDoc<number[][]> {
    return new TextSource(this);
  }
}

class FieldSource {
  constructor(private readonly of: ProcedureTexts) {}
  get length(): number {
    return this.of.count;
  }
  get(d: number): IndexField[] {
    return this.of.fieldsOf(d);
  }
}

class TextSource {
  constructor(private readonly of: ProcedureTexts) {}
  get length(): number {
    return this.of.count;
  }
  get(d: number): number[][] {
    return this.of.textsOf(d);
  }
}
