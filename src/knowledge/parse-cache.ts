/**
 * Content already parsed and validated by an earlier start, kept on disk so that a restart with the same
 * files skips YAML parsing and schema validation (about a second of CPU with the whole catalogue). Entries are
 * keyed by the bytes they came from: a changed file is parsed and validated in full, so a broken file still
 * yields its errors and never a cached value. The cache file is named after a fingerprint of the code that
 * parses and validates (its source files), so new code never reads what old code stored. A cache that cannot
 * be read or written is no cache: loading works the same, only slower.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';

/** The modules whose code decides what a content file parses to (schemas, readers, the loader). */
const PARSING_MODULES = ['./schema', './official', './catalogue-words', './catalogue-snapshot', './loader', './parse-cache', '../contacts/schema'];

let fingerprint: string | undefined;

/** A hash of the parsing modules' sources (compiled .js, or .ts under tsx). */
function codeFingerprint(): string {
  if (fingerprint) return fingerprint;
  const hash = createHash('sha256');
  for (const module of PARSING_MODULES) {
    for (const ext of ['.js', '.ts']) {
      try {
        hash.update(readFileSync(fileURLToPath(new URL(module + ext, import.meta.url))));
        break;
      } catch {
        // The other extension, or a module this build does not have.
      }
    }
  }
  fingerprint = hash.digest('hex').slice(0, 16);
  return fingerprint;
}

export class ParseCache {
  private readonly file: string;
  private entries = new Map<string, unknown>();
  /** Keys read by this load: what is not read again is dropped when saving (files deleted or changed). */
  private readonly used = new Set<string>();
  private dirty = false;

  constructor(private readonly dir: string) {
    this.file = join(dir, `content-${codeFingerprint()}.v8`);
    try {
      const stored = deserialize(readFileSync(this.file)) as unknown;
      if (stored instanceof Map) this.entries = stored as Map<string, unknown>;
    } catch {
      // No cache yet, or one this Node cannot read.
    }
  }

  /** The key of a file's content of a given kind ("procedure", "snapshot"...). */
  static key(kind: string, content: string | Buffer): string {
    return createHash('sha256').update(kind).update('\0').update(content).digest('hex');
  }

  get(key: string): unknown {
    if (!this.entries.has(key)) return undefined;
    this.used.add(key);
    return this.entries.get(key);
  }

  set(key: string, value: unknown): void {
    this.entries.set(key, value);
    this.used.add(key);
    this.dirty = true;
  }

  /** Writes the entries this load used (atomically: another process may read the file meanwhile). */
  save(): void {
    if (!this.dirty && this.used.size === this.entries.size) return;
    try {
      const kept = new Map([...this.entries].filter(([k]) => this.used.has(k)));
      mkdirSync(this.dir, { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(tmp, serialize(kept));
      renameSync(tmp, this.file);
      this.dirty = false;
    } catch {
      // A read-only or full disk: the next start parses again.
    }
  }
}
