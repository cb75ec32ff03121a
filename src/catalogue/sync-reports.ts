/**
 * The change reports of catalogue syncs, kept in the store: a small record per sync (status, source, counts,
 * the problem that stopped it) and, for a sync that found changes, the changes themselves (packed: a first sync
 * lists thousands of procedures). The newest MAX_REPORTS are kept.
 */
import type { Disagreement } from '../knowledge/content-check.js';
import type { CatalogueSourceInfo } from '../knowledge/official.js';
import type { Store } from '../store/ports.js';
import type { CatalogueChanges } from './change-report.js';
import type { CatalogueProblem } from './errors.js';
import { packText, unpackText } from './packed-text.js';

/**
 * running → failed | unchanged | ready; ready → approved (an official draft) | discarded | superseded (a newer
 * sync); approved → published | discarded | superseded; a run whose instance died is shown as interrupted.
 */
export type SyncStatus = 'running' | 'failed' | 'unchanged' | 'ready' | 'approved' | 'published' | 'discarded' | 'superseded' | 'interrupted';

export interface SyncProblem {
  /** A CatalogueProblem, or `internal` for anything else (the message says what). */
  problem: CatalogueProblem | 'internal';
  record: string;
  field: string;
  message: string;
}

export interface SyncCounts {
  before: number;
  after: number;
  added: number;
  removed: number;
  changed: number;
  unchanged: number;
}

export interface SyncReport {
  id: string;
  trigger: 'schedule' | 'console';
  /** The console user who asked, or "system" for the schedule. */
  by: string;
  status: SyncStatus;
  startedAt: number;
  finishedAt?: number;
  source: Pick<CatalogueSourceInfo, 'kind' | 'location'> & { retrievedAt?: string };
  progress?: { done: number; total: number };
  /** The official version live when the sync began (null: the snapshot shipped in intents/). */
  base: string | null;
  /** The stored official version the sync read (when it found changes). */
  candidate?: string;
  counts?: SyncCounts;
  problem?: SyncProblem;
  /** Curated facts the new records would contradict (the content check against the candidate). */
  disagreements?: Disagreement[];
  reviewedBy?: string;
  reviewedAt?: number;
  publishedBy?: string;
  publishedAt?: number;
  /** The content version the catalogue went live in. */
  liveVersion?: string;
}

export const MAX_REPORTS = 30;
/** Held by the instance running a sync; a report left running without it was interrupted. */
export const SYNC_LOCK = 'lock:catalogue:sync';

const INDEX_KEY = 'catalogue:sync:reports';
const reportKey = (id: string) => `catalogue:sync:report:${id}`;
const changesKey = (id: string) => `catalogue:sync:changes:${id}`;

/** "20261203031500-a1b2": the start time (UTC) and a random tail, so ids sort by time. */
export function newReportId(at: number): string {
  const stamp = new Date(at).toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${stamp}-${Math.floor(Math.random() * 0x10000).toString(16).padStart(4, '0')}`;
}

export class SyncReports {
  constructor(private readonly store: Store) {}

  async create(report: SyncReport): Promise<void> {
    // Reports beyond the newest MAX_REPORTS go, with their changes.
    const old = await this.store.lrange(INDEX_KEY, MAX_REPORTS - 1, -1);
    for (const id of old) await this.store.del(reportKey(id), changesKey(id));
    await this.store.set(reportKey(report.id), JSON.stringify(report));
    await this.store.lpushCapped(INDEX_KEY, report.id, MAX_REPORTS);
  }

  async get(id: string): Promise<SyncReport | null> {
    const raw = await this.store.get(reportKey(id));
    return raw ? (JSON.parse(raw) as SyncReport) : null;
  }

  /** Newest first. */
  async list(limit = MAX_REPORTS): Promise<SyncReport[]> {
    const ids = await this.store.lrange(INDEX_KEY, 0, limit - 1);
    if (ids.length === 0) return [];
    const raws = await this.store.mget(ids.map(reportKey));
    return raws.flatMap((r) => (r ? [JSON.parse(r) as SyncReport] : []));
  }

  async save(report: SyncReport): Promise<void> {
    await this.store.set(reportKey(report.id), JSON.stringify(report));
  }

  async putChanges(id: string, changes: CatalogueChanges): Promise<void> {
    await this.store.set(changesKey(id), await packText(JSON.stringify(changes)));
  }

  /** Stored official versions a report still needs (waiting for review, or approved as the draft). */
  async pendingCandidates(): Promise<string[]> {
    return (await this.list()).flatMap((r) => ((r.status === 'ready' || r.status === 'approved') && r.candidate ? [r.candidate] : []));
  }

  async changes(id: string): Promise<CatalogueChanges | null> {
    const packed = await this.store.get(changesKey(id));
    return packed ? (JSON.parse(await unpackText(packed)) as CatalogueChanges) : null;
  }
}
