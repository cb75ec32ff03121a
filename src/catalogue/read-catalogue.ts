/**
 * Reads a whole catalogue through its port: the listing, then every record. The result is all or nothing:
 * the first record that cannot be read stops the reading with its CatalogueError, so a half-answered source
 * never becomes a catalogue.
 */
import { sortByCode, type OfficialCatalogue, type OfficialRecord } from '../knowledge/official.js';
import { CatalogueError } from './errors.js';
import type { CataloguePort } from './port.js';

export interface ReadOptions {
  /** Detail calls in flight at once. */
  concurrency?: number;
  /** Called after each record (for a progress line). */
  onRecord?: (done: number, total: number) => void;
}

export async function readCatalogue(port: CataloguePort, opts: ReadOptions = {}): Promise<OfficialCatalogue> {
  const entries = await port.list();
  const records: OfficialRecord[] = new Array(entries.length);
  let next = 0;
  let done = 0;
  let failed: unknown = null;
  const worker = async (): Promise<void> => {
    while (failed === null && next < entries.length) {
      const i = next++;
      const entry = entries[i]!;
      try {
        const record = await port.detail(entry.id);
        if (entry.nationalCode && entry.nationalCode !== record.nationalCode) {
          throw new CatalogueError('malformed', entry.id, 'code', `the listing says ${entry.nationalCode}, the record ${record.nationalCode}`);
        }
        records[i] = record;
        opts.onRecord?.(++done, entries.length);
      } catch (err) {
        failed ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 4, entries.length)) }, worker));
  if (failed !== null) throw failed;
  const byCode = new Map<string, OfficialRecord>();
  for (const r of records) {
    const other = byCode.get(r.nationalCode);
    if (other) throw new CatalogueError('duplicate', r.nationalCode, 'code', `two records carry this code (${other.sourceUrl} and ${r.sourceUrl})`);
    byCode.set(r.nationalCode, r);
  }
  return { format: 1, source: port.source, records: sortByCode([...byCode.values()]) };
}
