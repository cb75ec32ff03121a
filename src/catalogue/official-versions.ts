/**
 * Versions of the official tier kept in the store, so that a published catalogue reaches every instance
 * without a redeploy. A version is the catalogue's canonical JSON (the snapshot text), brotli-compressed and
 * base64-encoded: the whole catalogue of 2,625 records is ~19.6 MB of JSON, ~1.25 MB compressed, ~1.7 MB in
 * Redis (`npm run bench:catalogue` prints the figures). Its id is a hash of the text, so the same records give
 * the same id. Reading validates every record: a damaged version is an error, never half a catalogue.
 */
import { createHash } from 'node:crypto';
import { readSnapshotText, snapshotText } from '../knowledge/catalogue-snapshot.js';
import type { OfficialCatalogue } from '../knowledge/official.js';
import type { Store } from '../store/ports.js';
import { packText, unpackText } from './packed-text.js';

const versionKey = (id: string) => `content:official:v:${id}`;
const INDEX_KEY = 'content:official:versions';

export class OfficialVersionError extends Error {
  constructor(
    readonly version: string,
    message: string,
  ) {
    super(`official catalogue version ${version}: ${message}`);
    this.name = 'OfficialVersionError';
  }
}

export interface StoredVersion {
  id: string;
  /** Bytes kept in the store (base64 of the compressed text). */
  storedBytes: number;
  records: number;
}

export function officialVersionId(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

export class OfficialVersions {
  /** The last two versions read (live and draft), so that reading one again (a preview, a publish) costs nothing. */
  private readonly cache = new Map<string, OfficialCatalogue>();

  constructor(
    private readonly store: Store,
    /** Versions kept besides those in use (live, draft, pending review); older ones are deleted. */
    private readonly keep = 3,
  ) {}

  /** Stores a catalogue (validated on the way) and returns its id; storing the same records again is a no-op. */
  async put(catalogue: OfficialCatalogue): Promise<StoredVersion> {
    const text = snapshotText(catalogue);
    const id = officialVersionId(text);
    const existing = await this.store.get(versionKey(id));
    if (existing === null) {
      const packed = await packText(text);
      await this.store.set(versionKey(id), packed);
      await this.store.zadd(INDEX_KEY, Date.now(), id);
      return { id, storedBytes: packed.length, records: catalogue.records.length };
    }
    return { id, storedBytes: existing.length, records: catalogue.records.length };
  }

  /** Reads and validates a version; throws OfficialVersionError when it is missing or damaged. */
  async get(id: string): Promise<OfficialCatalogue> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const packed = await this.store.get(versionKey(id));
    if (packed === null) throw new OfficialVersionError(id, 'not in the store');
    let text: string;
    try {
      text = await unpackText(packed);
    } catch (err) {
      throw new OfficialVersionError(id, `cannot be decompressed (${(err as Error).message})`);
    }
    if (officialVersionId(text) !== id) throw new OfficialVersionError(id, 'its content does not match its id');
    const read = readSnapshotText(text, 1);
    if ('problems' in read) {
      const p = read.problems[0]!;
      throw new OfficialVersionError(id, `${p.record}: ${p.field}: ${p.message}`);
    }
    this.remember(id, read.catalogue);
    return read.catalogue;
  }

  /** Remembers an already-validated catalogue under its id (the instance that stored it need not read it back). */
  remember(id: string, catalogue: OfficialCatalogue): void {
    this.cache.delete(id);
    this.cache.set(id, catalogue);
    while (this.cache.size > 2) this.cache.delete(this.cache.keys().next().value!);
  }

  async exists(id: string): Promise<boolean> {
    return this.store.exists(versionKey(id));
  }

  /** Deletes stored versions beyond the `keep` most recent, except those named in `inUse`. */
  async prune(inUse: readonly string[]): Promise<string[]> {
    const all = await this.store.zrangeByScore(INDEX_KEY, -Infinity, Infinity);
    const newestFirst = all.map((m) => m.member).reverse();
    const kept = new Set([...inUse, ...newestFirst.slice(0, this.keep)]);
    const removed = newestFirst.filter((id) => !kept.has(id));
    for (const id of removed) {
      await this.store.del(versionKey(id));
      await this.store.zrem(INDEX_KEY, id);
    }
    return removed;
  }
}
