/**
 * The catalogue sync: reads the whole official catalogue from its source (the portal's API in production, a
 * catalogue file in the simulator or a demo), compares it with the live official tier and writes a change
 * report for an admin to review. It never changes what citizens read: a report becomes content only when an
 * admin approves it (an official draft) and publishes it (SyncReview).
 *
 * Once across instances: a run holds a store lock, extended while records are read. A source that fails
 * anywhere (timeout, 5xx, a record without a code, an unknown time unit or currency, a truncated file), or that
 * lists no procedures, or far fewer than the live catalogue, stops the run: the report names the record and the
 * field, no candidate is stored, and the live content stays as it is.
 */
import type { Logger } from 'pino';
import type { AuditLog } from '../admin/audit.js';
import { ContentError, type ContentEditor } from '../admin/content-editor.js';
import { checkContent } from '../knowledge/content-check.js';
import type { OfficialCatalogue } from '../knowledge/official.js';
import type { ContentRepository } from '../knowledge/repository.js';
import type { Lock, Store } from '../store/ports.js';
import { compareCataloguesInSlices, hasChanges } from './change-report.js';
import { CatalogueError } from './errors.js';
import type { OfficialVersions } from './official-versions.js';
import type { CataloguePort } from './port.js';
import { readCatalogue } from './read-catalogue.js';
import { newReportId, SYNC_LOCK, SyncReports, type SyncProblem, type SyncReport } from './sync-reports.js';

const LOCK_TTL_MS = 120_000;
/** Progress is written to the report (and the lock extended) at most this often. */
const PROGRESS_EVERY_MS = 1000;

export interface CatalogueSyncDeps {
  store: Store;
  /** Opens the configured source for one run (a portal reading is dated the day it runs). */
  openSource: () => Promise<CataloguePort>;
  /** The configured source, for a report before the source is open. */
  source: SyncReport['source'];
  editor: Pick<ContentEditor, 'liveOfficialVersion' | 'servedOfficialVersion'>;
  content: Pick<ContentRepository, 'current'>;
  versions: OfficialVersions;
  reports: SyncReports;
  audit: AuditLog;
  logger: Logger;
  /** A reading that removes more than this share of the live procedures stops as incomplete (0–100). */
  maxRemovedPercent: number;
  /** Detail calls in flight at once. */
  concurrency?: number;
  now?: () => number;
}

/** A second sync while one runs (on any instance): 409 for the console, a skipped tick for the schedule. */
export class SyncBusyError extends ContentError {
  constructor(readonly runningId: string | null) {
    super(409, 'sync_running', 'Đang có một lần đồng bộ danh mục chạy; vui lòng chờ lần đó xong.');
    this.name = 'SyncBusyError';
  }
}

export class CatalogueSync {
  private running: Promise<SyncReport> | null = null;
  private stopping = false;
  private readonly log: Logger;
  private readonly now: () => number;

  constructor(private readonly deps: CatalogueSyncDeps) {
    this.log = deps.logger.child({ module: 'catalogue-sync' });
    this.now = deps.now ?? Date.now;
  }

  /** Takes the lock and starts a run in the background; the report comes back at once (status running). */
  async start(trigger: SyncReport['trigger'], by: string): Promise<SyncReport> {
    const lock = await this.deps.store.tryLock(SYNC_LOCK, LOCK_TTL_MS);
    if (!lock) throw new SyncBusyError((await this.deps.reports.list(1)).find((r) => r.status === 'running')?.id ?? null);
    let report: SyncReport;
    try {
      report = { id: newReportId(this.now()), trigger, by, status: 'running', startedAt: this.now(), source: { ...this.deps.source }, base: await this.deps.editor.liveOfficialVersion() };
      await this.deps.reports.create(report);
    } catch (err) {
      await lock.release().catch(() => false);
      throw err;
    }
    this.log.info({ id: report.id, trigger, by, source: report.source }, 'catalogue sync started');
    const run = this.execute(report, lock).finally(() => lock.release().catch(() => false));
    this.running = run;
    void run.finally(() => {
      if (this.running === run) this.running = null;
    });
    return { ...report };
  }

  /** A whole run (the schedule, tests): resolves with the finished report. */
  async run(trigger: SyncReport['trigger'], by: string): Promise<SyncReport> {
    await this.start(trigger, by);
    return this.running!;
  }

  /** Resolves when the run this instance started (if any) has finished. */
  async idle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  /** Shutting down: a run in progress stops at its next record (its report says so); waits at most `waitMs`. */
  async stop(waitMs = 10_000): Promise<void> {
    this.stopping = true;
    if (!this.running) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.idle(), new Promise<void>((r) => (timer = setTimeout(r, waitMs)))]);
    clearTimeout(timer);
  }

  /** The source, refusing further calls once the instance shuts down. */
  private stoppable(port: CataloguePort): CataloguePort {
    const check = (record: string) => {
      if (this.stopping) throw new CatalogueError('incomplete', record, '(sync)', 'this instance is shutting down; run the sync again');
    };
    return {
      source: port.source,
      list: async () => {
        check('(list)');
        return port.list();
      },
      detail: async (id) => {
        check(id);
        return port.detail(id);
      },
    };
  }

  private async execute(report: SyncReport, lock: Lock): Promise<SyncReport> {
    let lastProgress = 0;
    try {
      const port = this.stoppable(await this.deps.openSource());
      report.source = { ...port.source };
      const catalogue = await readCatalogue(port, {
        concurrency: this.deps.concurrency ?? 4,
        onRecord: (done, total) => {
          if (this.now() - lastProgress < PROGRESS_EVERY_MS && done < total) return;
          lastProgress = this.now();
          report.progress = { done, total };
          void Promise.all([this.deps.reports.save(report), lock.extend(LOCK_TTL_MS)]).catch(() => undefined);
        },
      });
      await lock.extend(LOCK_TTL_MS);
      if (catalogue.records.length === 0) throw new CatalogueError('incomplete', '(list)', 'items', 'the source lists no procedures');
      const live = await this.liveCatalogue(report.base);
      const kb = this.deps.content.current().kb;
      const changes = await compareCataloguesInSlices(live, catalogue, kb.procedures);
      const before = live?.records.length ?? 0;
      report.counts = { before, after: catalogue.records.length, added: changes.added.length, removed: changes.removed.length, changed: changes.changed.length, unchanged: changes.unchanged };
      const removedPercent = before ? (100 * changes.removed.length) / before : 0;
      if (removedPercent > this.deps.maxRemovedPercent) {
        const shown = changes.removed.slice(0, 3).map((r) => r.nationalCode).join(', ');
        throw new CatalogueError(
          'incomplete',
          '(list)',
          'items',
          `the source lists ${catalogue.records.length} procedures and lacks ${changes.removed.length} of the ${before} live ones (${removedPercent.toFixed(1)} %, more than CATALOGUE_SYNC_MAX_REMOVED_PERCENT=${this.deps.maxRemovedPercent}), e.g. ${shown}: a listing cut short is not published`,
        );
      }
      if (!hasChanges(changes)) {
        report.status = 'unchanged';
      } else {
        await lock.extend(LOCK_TTL_MS);
        const stored = await this.deps.versions.put(catalogue);
        await this.deps.reports.putChanges(report.id, changes);
        report.candidate = stored.id;
        report.disagreements = checkContent(kb.procedures, catalogue, kb.lexicon).disagreements;
        report.status = 'ready';
        await this.supersedeOlder(report.id);
        await this.deps.reports.save(report);
        await this.deps.versions.prune([...(report.base ? [report.base] : []), ...(await this.deps.reports.pendingCandidates())]);
      }
    } catch (err) {
      report.status = 'failed';
      report.problem = problemOf(err);
      this.log.warn({ id: report.id, ...report.problem }, 'catalogue sync stopped: nothing changes for citizens');
    }
    report.finishedAt = this.now();
    delete report.progress;
    try {
      await this.deps.reports.save(report);
    } catch (err) {
      this.log.error({ id: report.id, status: report.status, err: (err as Error).message }, 'catalogue sync report could not be saved');
      return report;
    }
    await this.deps.audit.record({ who: report.by, action: 'catalogue.sync', target: report.id, detail: { trigger: report.trigger, status: report.status, source: report.source.location, ...(report.counts ?? {}), ...(report.problem ? { problem: report.problem.problem, record: report.problem.record, field: report.problem.field } : {}) } }).catch((err: Error) => this.log.warn({ err: err.message }, 'catalogue sync not audited'));
    if (report.status !== 'failed') this.log.info({ id: report.id, status: report.status, ...report.counts }, 'catalogue sync finished');
    return report;
  }

  /** The official tier live when the run began: this instance's own when it serves that version, else read from the store. */
  private async liveCatalogue(base: string | null): Promise<OfficialCatalogue | undefined> {
    if (base !== null && this.deps.editor.servedOfficialVersion() !== base) return this.deps.versions.get(base);
    return this.deps.content.current().kb.catalogue;
  }

  /** A newer reading makes older reports waiting for review stale. */
  private async supersedeOlder(id: string): Promise<void> {
    for (const r of await this.deps.reports.list()) {
      if (r.id !== id && r.status === 'ready') await this.deps.reports.save({ ...r, status: 'superseded' });
    }
  }
}

function problemOf(err: unknown): SyncProblem {
  if (err instanceof CatalogueError) return { problem: err.problem, record: err.record, field: err.field, message: err.message };
  return { problem: 'internal', record: '(sync)', field: '(root)', message: (err as Error)?.message ?? String(err) };
}
