/**
 * The catalogue sync, wired from config: the source (the portal's API, or a catalogue file in the simulator or
 * a demo), the schedule (node-cron, fired on every instance, run once: the first to claim the minute takes the
 * sync lock), the review, and the console API.
 */
import { join } from 'node:path';
import type { Router } from 'express';
import { schedule as scheduleCron, type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { AuditLog } from '../admin/audit.js';
import type { Auth } from '../admin/auth.js';
import type { ContentEditor } from '../admin/content-editor.js';
import type { Config } from '../config.js';
import type { ContentRepository } from '../knowledge/repository.js';
import type { Store } from '../store/ports.js';
import { CatalogueFile } from './file-source.js';
import type { OfficialVersions } from './official-versions.js';
import type { CataloguePort } from './port.js';
import { PortalCatalogue } from './portal-source.js';
import { createCatalogueRouter } from './routes.js';
import { CatalogueSync, SyncBusyError } from './sync.js';
import { SyncReports, type SyncReport } from './sync-reports.js';
import { SyncReview } from './sync-review.js';

/** The scraped catalogue file shipped in the repository, and the last day of the crawl that made it. */
export const SHIPPED_SOURCE = { path: join('intents', 'catalogue', 'sources', 'national-catalogue.jsonl.gz'), retrievedAt: '2026-07-31' };
const DEFAULT_CRON = '0 3 * * *';
const SLOT_TTL_MS = 10 * 60_000;

type SyncConfig = Pick<
  Config,
  'simulator' | 'CATALOGUE_PORTAL_BASE_URL' | 'CATALOGUE_PORTAL_TIMEOUT_MS' | 'CATALOGUE_SYNC_CRON' | 'CATALOGUE_SYNC_SOURCE' | 'CATALOGUE_SYNC_FILE' | 'CATALOGUE_SYNC_FILE_RETRIEVED' | 'CATALOGUE_SYNC_MAX_REMOVED_PERCENT'
>;

/** The schedule in force: the configured one, else daily at 03:00 (off in the simulator unless asked). */
export function syncSchedule(config: Pick<SyncConfig, 'simulator' | 'CATALOGUE_SYNC_CRON'>): string | null {
  const cron = config.CATALOGUE_SYNC_CRON ?? (config.simulator ? 'off' : DEFAULT_CRON);
  return cron === 'off' ? null : cron;
}

/** Today in Vietnam (UTC+7), the date a portal reading carries. */
export function vietnamToday(now = Date.now()): string {
  return new Date(now + 7 * 3600_000).toISOString().slice(0, 10);
}

export interface SyncSource {
  info: SyncReport['source'];
  open: () => Promise<CataloguePort>;
}

export function syncSource(config: SyncConfig, root: string, now: () => number = Date.now): SyncSource {
  const kind = config.CATALOGUE_SYNC_SOURCE ?? (config.simulator ? 'file' : 'portal');
  if (kind === 'portal') {
    const baseUrl = config.CATALOGUE_PORTAL_BASE_URL;
    return {
      info: { kind, location: baseUrl.replace(/\/+$/, '') },
      open: async () => new PortalCatalogue({ baseUrl, timeoutMs: config.CATALOGUE_PORTAL_TIMEOUT_MS, retries: 2, retryDelayMs: 1000, retrievedAt: vietnamToday(now()) }),
    };
  }
  const path = config.CATALOGUE_SYNC_FILE ?? join(root, SHIPPED_SOURCE.path);
  const retrievedAt = config.CATALOGUE_SYNC_FILE_RETRIEVED ?? SHIPPED_SOURCE.retrievedAt;
  return { info: { kind, location: path, retrievedAt }, open: () => CatalogueFile.open(path, retrievedAt) };
}

export interface CatalogueModuleDeps {
  config: SyncConfig;
  store: Store;
  logger: Logger;
  content: ContentRepository;
  editor: ContentEditor;
  versions: OfficialVersions;
  audit: AuditLog;
  auth: Auth;
  root: string;
  /** Tests replace the source (a nock'd portal, a temporary file). */
  source?: SyncSource;
  now?: () => number;
}

export interface CatalogueModule {
  router: Router;
  sync: CatalogueSync;
  review: SyncReview;
  /** Starts the schedule (processes that run jobs). */
  start(): void;
  stop(): Promise<void>;
}

export function createCatalogueModule(deps: CatalogueModuleDeps): CatalogueModule {
  const log = deps.logger.child({ module: 'catalogue' });
  const source = deps.source ?? syncSource(deps.config, deps.root, deps.now);
  const reports = new SyncReports(deps.store);
  const sync = new CatalogueSync({
    store: deps.store,
    openSource: source.open,
    source: source.info,
    editor: deps.editor,
    content: deps.content,
    versions: deps.versions,
    reports,
    audit: deps.audit,
    logger: deps.logger,
    maxRemovedPercent: deps.config.CATALOGUE_SYNC_MAX_REMOVED_PERCENT,
    now: deps.now,
  });
  const review = new SyncReview({ store: deps.store, reports, versions: deps.versions, editor: deps.editor, audit: deps.audit });
  const schedule = syncSchedule(deps.config);
  const router = createCatalogueRouter({ auth: deps.auth, sync, review, editor: deps.editor, content: deps.content, versions: deps.versions, schedule, source: source.info });

  let task: ScheduledTask | undefined;
  return {
    router,
    sync,
    review,
    start() {
      if (!schedule || task) return;
      task = scheduleCron(
        schedule,
        async () => {
          // Every instance's timer fires; the first to claim this minute runs the sync (which also takes its lock).
          const slot = `catalogue:sync:slot:${Math.floor(Date.now() / 60_000)}`;
          if (!(await deps.store.setIfAbsent(slot, '1', SLOT_TTL_MS))) return;
          await sync.run('schedule', 'system').catch((err: Error) => {
            if (err instanceof SyncBusyError) log.info('scheduled catalogue sync skipped: one is already running');
            else log.warn({ err: err.message }, 'scheduled catalogue sync failed');
          });
        },
        { timezone: 'Asia/Ho_Chi_Minh', noOverlap: true, name: 'catalogue-sync' },
      );
      log.info({ schedule, source: source.info }, 'catalogue sync scheduled');
    },
    async stop() {
      await task?.stop();
      task = undefined;
      await sync.stop();
    },
  };
}
