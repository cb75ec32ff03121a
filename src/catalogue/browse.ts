/**
 * The console's catalogue browser over one official tier: search the code and name by words (with or without
 * diacritics), filter by level and field, page through; fields of the matching procedures for the filter.
 */
import { foldForSearch } from '../admin/content-editor.js';
import type { OfficialCatalogue, OfficialRecord } from '../knowledge/official.js';
import { LEVELS, type CatalogueItem, type CatalogueListResponse, type CatalogueQuery, type Level } from './api-types.js';

function levelsOf(record: OfficialRecord): Level[] {
  return LEVELS.filter((l) => record.levels[l]);
}

/** Folded words of a text, codes kept whole ("1.004194"). */
function searchWords(text: string): string[] {
  return foldForSearch(text)
    .split(/[^a-z0-9.]+/)
    .map((w) => w.replace(/^\.+|\.+$/g, ''))
    .filter(Boolean);
}

/**
 * How well `text` answers `query`, with or without diacritics: 0 not at all; 1 it holds every word (whole words,
 * except the last, which may be the start of one: the user is still typing); 2 it holds them in a row, as typed.
 * "tam tru" finds "tạm trú" first, then "Trung tâm", never "trụ sở".
 */
export function matchScore(text: string, query: string): 0 | 1 | 2 {
  const wanted = searchWords(query);
  if (wanted.length === 0) return 1;
  const words = searchWords(text);
  const fits = (w: string, i: number, x: string | undefined) => x !== undefined && (i === wanted.length - 1 ? x.startsWith(w) : x === w);
  if (!wanted.every((w, i) => words.some((x) => fits(w, i, x)))) return 0;
  for (let start = 0; start + wanted.length <= words.length; start++) if (wanted.every((w, i) => fits(w, i, words[start + i]))) return 2;
  return 1;
}

export function matchesWords(text: string, query: string): boolean {
  return matchScore(text, query) > 0;
}

export function toItem(record: OfficialRecord, curated: ReadonlyMap<string, string>): CatalogueItem {
  const item: CatalogueItem = { nationalCode: record.nationalCode, name: record.name, levels: levelsOf(record) };
  if (record.field) item.field = record.field;
  const id = curated.get(record.nationalCode);
  if (id) item.curatedId = id;
  if (record.updatedAt) item.updatedAt = record.updatedAt;
  return item;
}

export function browseCatalogue(catalogue: OfficialCatalogue | undefined, curated: ReadonlyMap<string, string>, query: CatalogueQuery): Omit<CatalogueListResponse, 'tier'> {
  // Records come in code order; those that hold the words in a row come first.
  const byText = (catalogue?.records ?? [])
    .filter((r) => !query.level || r.levels[query.level])
    .map((r) => ({ r, score: matchScore(`${r.nationalCode} ${r.name}`, query.q) }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score)
    .map((x) => x.r);
  const counts = new Map<string, number>();
  for (const r of byText) if (r.field) counts.set(r.field, (counts.get(r.field) ?? 0) + 1);
  const matching = query.field ? byText.filter((r) => r.field === query.field) : byText;
  return {
    source: catalogue?.source ?? null,
    total: matching.length,
    items: matching.slice(query.offset, query.offset + query.limit).map((r) => toItem(r, curated)),
    fields: [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'vi')).map(([field, count]) => ({ field, count })),
  };
}
