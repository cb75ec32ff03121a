/**
 * The one list of procedures the bot knows: every curated procedure (with the official record of its national
 * code, when the catalogue has it) and every catalogue procedure no curated overlay covers. The matcher
 * indexes this list and the dialogue answers from it; it is derived once per knowledge base.
 */
import type { OfficialRecord } from './official.js';
import type { KnowledgeBase, LocalizedText, Procedure } from './schema.js';

interface KnownBase {
  /** The curated id, or `tthc-<code>` ("tthc-1-004227") for a catalogue-only procedure: stable across syncs. */
  id: string;
  name: LocalizedText;
}

/** A curated procedure, with the official record of its national code when the catalogue has it. */
export interface CuratedProcedure extends KnownBase {
  nationalCode?: string;
  /** The hand-written overlay: plain words, phrasings, local places, verified facts. */
  curated: Procedure;
  official?: OfficialRecord;
}

/** A catalogue procedure no curated page covers. */
export interface CatalogueProcedure extends KnownBase {
  nationalCode: string;
  curated?: undefined;
  official: OfficialRecord;
}

export type KnownProcedure = CuratedProcedure | CatalogueProcedure;

export interface KnownProcedures {
  list: readonly KnownProcedure[];
  byId: ReadonlyMap<string, KnownProcedure>;
  /** Every national code answered: curated codes, the codes they also cover, catalogue-only codes. */
  byCode: ReadonlyMap<string, KnownProcedure>;
}

/** The id of a catalogue-only procedure: derived from its code, so buttons and sessions survive a new sync. */
export function catalogueProcedureId(nationalCode: string): string {
  return `tthc-${nationalCode.replace('.', '-')}`;
}

function build(kb: KnowledgeBase): KnownProcedures {
  const records = new Map((kb.catalogue?.records ?? []).map((r) => [r.nationalCode, r]));
  const list: KnownProcedure[] = [];
  const byCode = new Map<string, KnownProcedure>();
  const covered = new Set<string>();
  for (const p of kb.procedures) {
    const known: CuratedProcedure = { id: p.id, name: p.name, curated: p };
    if (p.nationalCode) {
      known.nationalCode = p.nationalCode;
      const official = records.get(p.nationalCode);
      if (official) known.official = official;
    }
    list.push(known);
    for (const code of [p.nationalCode, ...(p.alsoCovers ?? [])]) {
      if (!code) continue;
      covered.add(code);
      if (!byCode.has(code)) byCode.set(code, known);
    }
  }
  for (const record of records.values()) {
    if (covered.has(record.nationalCode)) continue;
    const known: KnownProcedure = { id: catalogueProcedureId(record.nationalCode), nationalCode: record.nationalCode, name: { vi: record.name }, official: record };
    list.push(known);
    byCode.set(record.nationalCode, known);
  }
  return { list, byId: new Map(list.map((k) => [k.id, k])), byCode };
}

const cache = new WeakMap<KnowledgeBase, KnownProcedures>();

/** The merged list of a knowledge base (computed on first use, then kept as long as the base lives). */
export function knownProcedures(kb: KnowledgeBase): KnownProcedures {
  let known = cache.get(kb);
  if (!known) {
    known = build(kb);
    cache.set(kb, known);
  }
  return known;
}

export function findKnownProcedure(kb: KnowledgeBase, id: string | null | undefined): KnownProcedure | undefined {
  return id ? knownProcedures(kb).byId.get(id) : undefined;
}
