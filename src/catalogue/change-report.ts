/**
 * What a new reading of the catalogue would change against the live one: procedures added, removed, and
 * changed fact by fact (old → new). Data, not a side effect: a sync stores it for an admin to review.
 */
import type { OfficialCatalogue, OfficialRecord } from '../knowledge/official.js';
import type { Procedure } from '../knowledge/schema.js';
import { FACTS, recordFacts, type Fact } from './record-facts.js';

export interface RecordRef {
  nationalCode: string;
  name: string;
  /** The curated page that overlays this code (its national code or one it also covers). */
  curatedId?: string;
}

export interface FactChange {
  fact: Fact;
  /** The text before and after; null when the record did not state the fact. */
  before: string | null;
  after: string | null;
}

export interface RecordChange extends RecordRef {
  facts: FactChange[];
}

export interface CatalogueChanges {
  added: RecordRef[];
  removed: RecordRef[];
  changed: RecordChange[];
  unchanged: number;
}

/** national code → curated page id, for every code a curated page names or covers. */
export function curatedByCode(procedures: readonly Procedure[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of procedures) for (const code of [p.nationalCode, ...(p.alsoCovers ?? [])]) if (code && !out.has(code)) out.set(code, p.id);
  return out;
}

function ref(record: OfficialRecord, curated: ReadonlyMap<string, string>): RecordRef {
  const out: RecordRef = { nationalCode: record.nationalCode, name: record.name };
  const id = curated.get(record.nationalCode);
  if (id) out.curatedId = id;
  return out;
}

/** The facts in which two readings of one procedure differ. */
export function factChanges(before: OfficialRecord, after: OfficialRecord): FactChange[] {
  const a = recordFacts(before);
  const b = recordFacts(after);
  return FACTS.filter((f) => a[f] !== b[f]).map((fact) => ({ fact, before: a[fact] || null, after: b[fact] || null }));
}

/** The comparison, one record per step, so that a caller can pause between steps. */
function* comparing(before: OfficialCatalogue | undefined, after: OfficialCatalogue, procedures: readonly Procedure[], out: CatalogueChanges): Generator<void> {
  const curated = curatedByCode(procedures);
  const old = new Map((before?.records ?? []).map((r) => [r.nationalCode, r]));
  const seen = new Set<string>();
  for (const record of after.records) {
    seen.add(record.nationalCode);
    const previous = old.get(record.nationalCode);
    if (!previous) out.added.push(ref(record, curated));
    else {
      const facts = factChanges(previous, record);
      if (facts.length === 0) out.unchanged++;
      else out.changed.push({ ...ref(record, curated), facts });
    }
    yield;
  }
  for (const record of old.values()) if (!seen.has(record.nationalCode)) out.removed.push(ref(record, curated));
}

const empty = (): CatalogueChanges => ({ added: [], removed: [], changed: [], unchanged: 0 });

export function compareCatalogues(before: OfficialCatalogue | undefined, after: OfficialCatalogue, procedures: readonly Procedure[] = []): CatalogueChanges {
  const out = empty();
  for (const _ of comparing(before, after, procedures, out));
  return out;
}

/**
 * The same comparison in slices of `sliceMs`, yielding to the event loop between them: comparing thousands of
 * records takes seconds, and the instance that syncs keeps answering citizens meanwhile.
 */
export async function compareCataloguesInSlices(before: OfficialCatalogue | undefined, after: OfficialCatalogue, procedures: readonly Procedure[] = [], sliceMs = 20): Promise<CatalogueChanges> {
  const out = empty();
  let sliceStart = performance.now();
  for (const _ of comparing(before, after, procedures, out)) {
    if (performance.now() - sliceStart < sliceMs) continue;
    await new Promise((resolve) => setImmediate(resolve));
    sliceStart = performance.now();
  }
  return out;
}

export function hasChanges(changes: CatalogueChanges): boolean {
  return changes.added.length + changes.removed.length + changes.changed.length > 0;
}
