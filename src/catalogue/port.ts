import type { CatalogueSourceInfo, OfficialRecord } from '../knowledge/official.js';

/** One procedure as a catalogue's listing names it; `detail(id)` reads the whole record. */
export interface CatalogueEntry {
  id: string;
  nationalCode?: string;
  name: string;
}

/**
 * The official catalogue of procedures, wherever it comes from (the national portal's API, a scraped copy of
 * its pages, later the province's iGate). Both calls either answer completely or throw a CatalogueError
 * naming the record and the field: a listing is never cut short, a record never half read.
 */
export interface CataloguePort {
  /** Where the records come from; `retrievedAt` is the date of this reading. */
  readonly source: CatalogueSourceInfo;
  /** Every procedure of the catalogue (all pages of the listing). */
  list(): Promise<CatalogueEntry[]>;
  /** The record of one listed procedure. */
  detail(id: string): Promise<OfficialRecord>;
}
