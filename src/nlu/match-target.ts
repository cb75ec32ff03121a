/**
 * What the matcher reads of each known procedure: the texts it indexes and how much evidence it asks for.
 * Curated procedures bring their names, keywords and sample phrasings; a catalogue-only procedure brings its
 * official name only, and weighs less, so that it is answered only on clear evidence and never outranks a
 * curated procedure on a tie. Procedures a citizen files with the province or commune rank before
 * ministry-only ones.
 */
import type { KnownProcedure } from '../knowledge/known-procedures.js';
import type { LocalizedText } from '../knowledge/schema.js';

export interface MatchTarget {
  id: string;
  nationalCode?: string;
  name: LocalizedText;
  keywords: readonly string[];
  phrasings: readonly string[];
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

export function matchTarget(p: KnownProcedure, priors: PriorOptions = DEFAULT_PRIORS): MatchTarget {
  const base = p.nationalCode ? { id: p.id, nationalCode: p.nationalCode } : { id: p.id };
  if (p.curated) return { ...base, name: p.curated.name, keywords: p.curated.keywords, phrasings: p.curated.phrasings, prior: 1 };
  const levels = p.official?.levels;
  const local = levels ? levels.province || levels.commune : false;
  return { ...base, name: p.name, keywords: NONE, phrasings: NONE, prior: local ? priors.official : priors.ministryOnly };
}
