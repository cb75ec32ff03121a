/**
 * The official tier as the repository keeps it: `intents/catalogue/national.json.gz`, a gzipped JSON
 * OfficialCatalogue with one record per line, written by `npm run catalogue:import`. The bytes depend only on
 * the records (fixed key order, no timestamp in the gzip header), so a rerun on the same source changes
 * nothing. Reading validates every record: a damaged snapshot is an error naming the record and field, and
 * nothing of it is used.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { OfficialCatalogue, OfficialRecord, sortByCode } from './official.js';

/** Where the loader looks, relative to the content directory. */
export const CATALOGUE_SNAPSHOT = 'catalogue/national.json.gz';

export interface SnapshotProblem {
  /** A national code, "record 12" or "(file)". */
  record: string;
  field: string;
  message: string;
}

export type SnapshotReading = { catalogue: OfficialCatalogue } | { problems: SnapshotProblem[] };

/** Canonical JSON of a catalogue (schema key order, records sorted by code, one record a line): the same records give the same text. */
export function snapshotText(catalogue: OfficialCatalogue): string {
  const canonical = OfficialCatalogue.parse(catalogue);
  const head = JSON.stringify({ format: canonical.format, source: canonical.source });
  const lines = sortByCode([...canonical.records]).map((r) => JSON.stringify(r));
  return `${head.slice(0, -1)},"records":[\n${lines.join(',\n')}\n]}\n`;
}

/** The snapshot's bytes: the canonical JSON, gzipped deterministically. */
export function writeSnapshot(catalogue: OfficialCatalogue): Buffer {
  const gz = gzipSync(Buffer.from(snapshotText(catalogue), 'utf8'), { level: 9 });
  // Byte 9 of a gzip header names the OS that wrote it; "unknown" keeps the file the same on every machine.
  gz[9] = 0xff;
  return gz;
}

/** Parses and validates snapshot bytes. Every problem is reported, up to `maxProblems`. */
export function readSnapshot(bytes: Buffer, maxProblems = 20): SnapshotReading {
  let text: string;
  try {
    text = gunzipSync(bytes).toString('utf8');
  } catch (err) {
    return { problems: [{ record: '(file)', field: '(root)', message: `not a gzipped JSON catalogue (${(err as Error).message})` }] };
  }
  return readSnapshotText(text, maxProblems);
}

/** Parses and validates a catalogue's JSON text (however it was stored). */
export function readSnapshotText(text: string, maxProblems = 20): SnapshotReading {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { problems: [{ record: '(file)', field: '(root)', message: `not a JSON catalogue (${(err as Error).message})` }] };
  }
  const { records, ...rest } = (data ?? {}) as { records?: unknown };
  const head = OfficialCatalogue.omit({ records: true }).safeParse(rest);
  if (!head.success || !Array.isArray(records)) {
    const issue = head.success ? { path: ['records'], message: 'a list of records is required' } : head.error.issues[0]!;
    return { problems: [{ record: '(file)', field: issue.path.join('.') || '(root)', message: issue.message }] };
  }
  const problems: SnapshotProblem[] = [];
  const out: OfficialRecord[] = [];
  const seen = new Set<string>();
  records.forEach((raw, i) => {
    if (problems.length >= maxProblems) return;
    const res = OfficialRecord.safeParse(raw);
    const code = (raw as { nationalCode?: unknown } | null)?.nationalCode;
    const name = typeof code === 'string' && code ? code : `record ${i + 1}`;
    if (!res.success) {
      const issue = res.error.issues[0]!;
      problems.push({ record: name, field: issue.path.join('.') || '(root)', message: issue.message });
      return;
    }
    if (seen.has(res.data.nationalCode)) problems.push({ record: name, field: 'nationalCode', message: 'appears twice' });
    seen.add(res.data.nationalCode);
    out.push(res.data);
  });
  if (problems.length) return { problems };
  return { catalogue: { format: head.data.format, source: head.data.source, records: out } };
}

/**
 * Parses snapshot bytes that an earlier load validated (the parse cache holds their hash): the same catalogue
 * readSnapshot returns, without checking every record again. Bytes that are not even JSON are still an error.
 */
export function readTrustedSnapshot(bytes: Buffer): SnapshotReading {
  try {
    return { catalogue: JSON.parse(gunzipSync(bytes).toString('utf8')) as OfficialCatalogue };
  } catch {
    return readSnapshot(bytes);
  }
}
