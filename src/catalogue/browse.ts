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

function matchesText(record: OfficialRecord, words: string[]): boolean {
  if (words.length === 0) return true;
  const hay = foldForSearch(`${record.nationalCode} ${record.name}`);
  return words.every((w) => hay.includes(w));
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
  const words = foldForSearch(query.q).split(/\s+/).filter(Boolean);
  const byText = (catalogue?.records ?? []).filter((r) => matchesText(r, words) && (!query.level || r.levels[query.level]));
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
