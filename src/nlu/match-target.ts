/**
 * What the matcher reads of each known procedure: the texts it indexes and how much evidence it asks for.
 * Curated procedures bring their names, keywords and sample phrasings. A catalogue-only procedure brings its
 * official name, the everyday names and questions written for it (intents/catalogue/words), and as context
 * the rest of its record that citizens' words meet (field, result, documents) with the everyday words of its
 * field; it weighs less, so that it is answered only on clear evidence and never outranks a curated procedure
 * on a tie. Procedures a citizen files with the province or commune rank before ministry-only ones.
 */
import type { CatalogueWords } from '../knowledge/catalogue-words.js';
import type { KnownProcedure } from '../knowledge/known-procedures.js';
import type { OfficialRecord } from '../knowledge/official.js';
import type { LocalizedText } from '../knowledge/schema.js';

export interface MatchTarget {
  id: string;
  nationalCode?: string;
  name: LocalizedText;
  keywords: readonly string[];
  phrasings: readonly string[];
  /**
   * Texts that say what the procedure is about without naming it (a record's field, result and documents,
   * the field's everyday words): indexed with the least weight, never a name or a phrasing of their own.
   */
  context: readonly string[];
  /** Multiplies the procedure's scores (1 for curated procedures). */
  prior: number;
}

export interface PriorOptions {
  /** Prior of a catalogue-only procedure done at province or commune level. */
  official: number;
  /** Prior of a catalogue-only procedure done only at ministry level (or by another agency). */
  ministryOnly: number;
}

export const DEFAULT_PRIORS: PriorOptions = { official: 0.7, ministryOnly: 0.5 };

const NONE: readonly string[] = [];

/** At most this many syllables of one record text: the head of a document's name says what it is. */
const CONTEXT_WORDS = 16;
/** At most this many documents of a record: the first ones are the forms that name the request. */
const CONTEXT_DOCUMENTS = 8;

function clip(text: string): string {
  const words = text
    .replace(/^[\s\-–•*+(\d).]+/, '')
    .split(/\s+/)
    .filter((w) => w !== '');
  return words.slice(0, CONTEXT_WORDS).join(' ');
}

/** The parts of a record that citizens' words meet: its field, its results and the names of its first documents. */
export function recordContext(record: OfficialRecord): string[] {
  const texts: string[] = [];
  if (record.field) texts.push(record.field);
  for (const r of record.results) texts.push(clip(r));
  let documents = 0;
  for (const group of record.documents) {
    for (const d of group.documents) {
      if (documents++ >= CONTEXT_DOCUMENTS) break;
      texts.push(clip(d.name));
    }
  }
  return texts.filter((t) => t.length > 1);
}

export function matchTarget(p: KnownProcedure, priors: PriorOptions = DEFAULT_PRIORS, words?: CatalogueWords): MatchTarget {
  const base = p.nationalCode ? { id: p.id, nationalCode: p.nationalCode } : { id: p.id };
  if (p.curated) return { ...base, name: p.curated.name, keywords: p.curated.keywords, phrasings: p.curated.phrasings, context: NONE, prior: 1 };
  const record = p.official;
  const levels = record.levels;
  const local = levels.province || levels.commune;
  const own = words?.procedures[p.nationalCode];
  const fieldWords = record.field ? (words?.fields[record.field] ?? NONE) : NONE;
  return {
    ...base,
    name: p.name,
    keywords: own?.keywords ?? NONE,
    phrasings: own?.phrasings ?? NONE,
    context: [...recordContext(record), ...fieldWords],
    prior: local ? priors.official : priors.ministryOnly,
  };
}
