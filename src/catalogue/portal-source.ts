/**
 * The national public-service portal's public formality API (reference §1): the listing pages through
 * `lastId` until a page comes back empty, then one detail call per procedure. Every failure (timeout, 5xx, a
 * page that is not the expected shape, a listing that loops) is a CatalogueError naming the page or record;
 * nothing is returned until the whole listing has been read.
 */
import axios, { type AxiosInstance } from 'axios';
import { z } from 'zod';
import type { CatalogueSourceInfo, OfficialRecord } from '../knowledge/official.js';
import { CatalogueError } from './errors.js';
import type { CatalogueEntry, CataloguePort } from './port.js';
import { readPortalFormality } from './portal-record.js';

export const PORTAL_LIST_PATH = '/api/v1/submitting/formality/list-all-public-formality-by-citizen';
export const PORTAL_DETAIL_PATH = '/api/v1/configuring/formality/get-formality-by-citizen';

export interface PortalSourceOptions {
  /** e.g. https://dichvucong.gov.vn (CATALOGUE_PORTAL_BASE_URL). */
  baseUrl: string;
  timeoutMs: number;
  /** Items per listing page (the portal's pages use 200). */
  pageSize?: number;
  /** Extra attempts after a timeout or a 5xx, per call. */
  retries?: number;
  /** Pause before a retry. */
  retryDelayMs?: number;
  /** The date of this reading (default: today). */
  retrievedAt?: string;
  /** A bound on the listing's pages, so a listing that never ends cannot run forever. */
  maxPages?: number;
}

const ListPage = z.object({
  data: z.object({
    items: z.array(z.object({ id: z.string().min(1), code: z.string().nullish(), name: z.string().nullish() }).loose()),
    lastId: z.string().nullish(),
  }),
});
const DetailResponse = z.object({ data: z.unknown() });

export class PortalCatalogue implements CataloguePort {
  readonly source: CatalogueSourceInfo;
  private readonly http: AxiosInstance;
  private readonly base: string;

  constructor(private readonly opts: PortalSourceOptions) {
    this.base = opts.baseUrl.replace(/\/+$/, '');
    this.source = { kind: 'portal', location: this.base, retrievedAt: opts.retrievedAt ?? new Date().toISOString().slice(0, 10) };
    this.http = axios.create({
      baseURL: this.base,
      timeout: opts.timeoutMs,
      validateStatus: () => true,
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      maxRedirects: 0,
    });
  }

  /** POSTs `body`, retrying timeouts and 5xx; any other failure, or the last one, is a CatalogueError on `record`. */
  private async post(path: string, body: unknown, record: string): Promise<unknown> {
    const attempts = 1 + (this.opts.retries ?? 1);
    let last: CatalogueError | undefined;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) await new Promise((r) => setTimeout(r, this.opts.retryDelayMs ?? 500));
      try {
        const res = await this.http.post(path, body);
        if (res.status >= 500 || res.status === 429) {
          last = new CatalogueError('server_error', record, '(response)', `POST ${path}: HTTP ${res.status}`);
          continue;
        }
        if (res.status !== 200) throw new CatalogueError('server_error', record, '(response)', `POST ${path}: HTTP ${res.status}`);
        return res.data;
      } catch (err) {
        if (err instanceof CatalogueError) throw err;
        if (axios.isAxiosError(err) && (err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT')) {
          last = new CatalogueError('timeout', record, '(response)', `POST ${path}: no answer within ${this.opts.timeoutMs} ms`, { cause: err });
          continue;
        }
        last = new CatalogueError('unreachable', record, '(response)', `POST ${path}: ${(err as Error).message}`, { cause: err });
      }
    }
    throw last!;
  }

  async list(): Promise<CatalogueEntry[]> {
    const entries: CatalogueEntry[] = [];
    const seen = new Set<string>();
    let lastId: string | null = null;
    const maxPages = this.opts.maxPages ?? 1000;
    for (let page = 1; ; page++) {
      if (page > maxPages) throw new CatalogueError('incomplete', '(list)', 'lastId', `the listing did not end within ${maxPages} pages`);
      const where = `(list page ${page})`;
      const parsed = ListPage.safeParse(await this.post(PORTAL_LIST_PATH, { limit: this.opts.pageSize ?? 200, lastId }, where));
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new CatalogueError('malformed', where, issue.path.join('.') || '(root)', issue.message);
      }
      const { items } = parsed.data.data;
      if (items.length === 0) return entries;
      for (const item of items) {
        if (seen.has(item.id)) throw new CatalogueError('duplicate', where, 'items.id', `the listing repeats ${item.id}`);
        seen.add(item.id);
        const entry: CatalogueEntry = { id: item.id, name: item.name?.trim() ?? '' };
        if (item.code?.trim()) entry.nationalCode = item.code.trim();
        entries.push(entry);
      }
      const next = parsed.data.data.lastId ?? items.at(-1)!.id;
      if (next === lastId) throw new CatalogueError('malformed', where, 'lastId', 'the listing returned the same page again');
      lastId = next;
    }
  }

  async detail(id: string): Promise<OfficialRecord> {
    const parsed = DetailResponse.safeParse(await this.post(PORTAL_DETAIL_PATH, { id }, id));
    if (!parsed.success || parsed.data.data === null || typeof parsed.data.data !== 'object') {
      throw new CatalogueError('malformed', id, 'data', 'the detail answer holds no record');
    }
    return readPortalFormality(parsed.data.data, { pageBase: this.base, retrievedAt: this.source.retrievedAt, requestedId: id });
  }
}
