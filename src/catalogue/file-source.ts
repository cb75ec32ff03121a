/**
 * The catalogue file adapter: a JSON-lines file (optionally gzipped) of the portal's procedure pages as a
 * crawler scraped them (reference §2). The whole file is read and every line parsed when it is opened, so a
 * truncated or malformed file fails at once, naming the line; records are mapped on `detail`.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { CatalogueSourceInfo, OfficialRecord } from '../knowledge/official.js';
import { CatalogueError } from './errors.js';
import { readPageRow, type PageRecordReading } from './page-record.js';
import type { CatalogueEntry, CataloguePort } from './port.js';

interface Line {
  entry: CatalogueEntry;
  raw: unknown;
  where: string;
}

function idOf(raw: Record<string, unknown>, where: string): string {
  const url = typeof raw.detail_url === 'string' ? raw.detail_url : '';
  const fromUrl = /\/thu-tuc-hanh-chinh\/([0-9a-f-]{36})\/?$/.exec(url)?.[1];
  const id = (typeof raw.formality_id === 'string' && raw.formality_id.trim()) || fromUrl || (typeof raw.ma_thu_tuc === 'string' ? raw.ma_thu_tuc.trim() : '');
  return id || where;
}

/** Lines left out of the listing, with why (printed by the import). */
export interface SkippedLines {
  id: string;
  codes: string[];
  lines: string[];
  reason: string;
}

export class CatalogueFile implements CataloguePort {
  private constructor(
    readonly source: CatalogueSourceInfo,
    private readonly lines: Map<string, Line>,
    /** Codes whose lines point at one and the same portal page: which code the page is cannot be told. */
    readonly skipped: SkippedLines[],
  ) {}

  /** Parses the text of the file (already decompressed). `name` is how the source is named in the records. */
  static fromText(text: string, name: string, retrievedAt: string): CatalogueFile {
    const byId = new Map<string, Line[]>();
    const all = text.split('\n');
    const last = all.findLastIndex((l) => l.trim() !== '');
    all.forEach((line, i) => {
      if (line.trim() === '') return;
      const where = `line ${i + 1}`;
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch (err) {
        // The last line of a file cut short is the usual case: say so.
        const problem = i === last ? 'incomplete' : 'malformed';
        throw new CatalogueError(problem, where, '(root)', `not a JSON object (${(err as Error).message})`);
      }
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new CatalogueError('malformed', where, '(root)', 'not a JSON object');
      const obj = raw as Record<string, unknown>;
      const id = idOf(obj, where);
      const code = typeof obj.ma_thu_tuc === 'string' ? obj.ma_thu_tuc.trim() : undefined;
      const entry: CatalogueEntry = { id, name: typeof obj.ten_thu_tuc === 'string' ? obj.ten_thu_tuc.trim() : '' };
      if (code) entry.nationalCode = code;
      const same = byId.get(id) ?? [];
      const twin = same.find((l) => l.entry.nationalCode === code);
      if (twin) throw new CatalogueError('duplicate', where, 'ma_thu_tuc', `the record ${code ?? id} appears twice (also ${twin.where})`);
      byId.set(id, [...same, { entry, raw, where }]);
    });
    const lines = new Map<string, Line>();
    const skipped: SkippedLines[] = [];
    for (const [id, group] of byId) {
      if (group.length === 1) lines.set(id, group[0]!);
      // The crawler stored one page under several codes: the page belongs to at most one of them.
      else skipped.push({ id, codes: group.map((l) => l.entry.nationalCode ?? '?'), lines: group.map((l) => l.where), reason: 'several codes share one portal page' });
    }
    return new CatalogueFile({ kind: 'file', location: name, retrievedAt }, lines, skipped);
  }

  /** Reads `path` (gunzipped when it ends in .gz). */
  static async open(path: string, retrievedAt: string): Promise<CatalogueFile> {
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (err) {
      throw new CatalogueError('unreachable', path, '(file)', (err as Error).message, { cause: err });
    }
    let text: string;
    try {
      text = (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
    } catch (err) {
      throw new CatalogueError('incomplete', basename(path), '(file)', `the compressed file is damaged or cut short (${(err as Error).message})`, { cause: err });
    }
    return CatalogueFile.fromText(text, basename(path), retrievedAt);
  }

  async list(): Promise<CatalogueEntry[]> {
    return [...this.lines.values()].map((l) => ({ ...l.entry }));
  }

  async detail(id: string): Promise<OfficialRecord> {
    return this.reading(id).record;
  }

  /** The record with how each channel row was read (for the import's figures). */
  reading(id: string): PageRecordReading {
    const line = this.lines.get(id);
    if (!line) throw new CatalogueError('malformed', id, '(root)', 'no such record in the file');
    return readPageRow(line.raw, line.where, this.source.retrievedAt);
  }
}
