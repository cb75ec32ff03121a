/**
 * The review of a sync report: approve (the catalogue becomes the official draft of the next content version),
 * discard, and publish through the content versioning (ContentEditor.publish), so that every instance adopts
 * it. Transitions run under one store lock: two admins cannot approve two reports into one draft at once.
 */
import type { AuditLog } from '../admin/audit.js';
import { ContentError, type ContentEditor, type OfficialPublished } from '../admin/content-editor.js';
import { waitForLock, type Store } from '../store/ports.js';
import { STATUS_LABELS } from './api-types.js';
import type { CatalogueChanges } from './change-report.js';
import type { OfficialVersions } from './official-versions.js';
import { SYNC_LOCK, type SyncReport, type SyncReports } from './sync-reports.js';

const REVIEW_LOCK = 'lock:catalogue:review';

export interface SyncReviewDeps {
  store: Store;
  reports: SyncReports;
  versions: OfficialVersions;
  editor: Pick<ContentEditor, 'liveOfficialVersion' | 'officialDraft' | 'draftOfficial' | 'discardOfficialDraft' | 'publish' | 'onOfficialPublished'>;
  audit: AuditLog;
}

export class SyncReview {
  constructor(private readonly deps: SyncReviewDeps) {
    // Whichever route publishes the draft (this one or "publish all"), its report is marked published.
    deps.editor.onOfficialPublished((p) => this.markPublished(p));
  }

  private async locked<T>(fn: () => Promise<T>): Promise<T> {
    const lock = await waitForLock(this.deps.store, REVIEW_LOCK, 30_000, 10_000);
    if (!lock) throw new ContentError(503, 'busy', 'Một thao tác duyệt khác đang chạy; vui lòng thử lại.');
    try {
      return await fn();
    } finally {
      await lock.release();
    }
  }

  /** A report as it stands: a run whose instance died (its lock gone) is interrupted. */
  private async settle(report: SyncReport): Promise<SyncReport> {
    if (report.status === 'running' && !(await this.deps.store.exists(SYNC_LOCK))) {
      const settled: SyncReport = { ...report, status: 'interrupted', finishedAt: report.finishedAt ?? Date.now() };
      await this.deps.reports.save(settled);
      return settled;
    }
    return report;
  }

  async list(): Promise<SyncReport[]> {
    return Promise.all((await this.deps.reports.list()).map((r) => this.settle(r)));
  }

  async get(id: string): Promise<SyncReport> {
    const report = await this.deps.reports.get(id);
    if (!report) throw new ContentError(404, 'not_found', `Không có báo cáo đồng bộ ${id}.`);
    return this.settle(report);
  }

  async changes(id: string): Promise<CatalogueChanges> {
    await this.get(id);
    return (await this.deps.reports.changes(id)) ?? { added: [], removed: [], changed: [], unchanged: 0 };
  }

  /** Makes a ready report's catalogue the official draft. Refused when the live catalogue changed since the sync. */
  async approve(id: string, by: string): Promise<SyncReport> {
    return this.locked(async () => {
      const report = await this.get(id);
      if (report.status !== 'ready') throw new ContentError(409, 'not_ready', `Báo cáo đang ở trạng thái “${STATUS_LABELS[report.status].toLowerCase()}”: chỉ duyệt được báo cáo đang chờ duyệt.`);
      const live = await this.deps.editor.liveOfficialVersion();
      if (live !== report.base) {
        await this.deps.reports.save({ ...report, status: 'superseded' });
        throw new ContentError(409, 'stale', 'Danh mục đang dùng đã thay đổi sau lần đồng bộ này; vui lòng đồng bộ lại.');
      }
      const c = report.counts!;
      const { replaced } = await this.deps.editor.draftOfficial({ version: report.candidate!, reportId: id, counts: { records: c.after, added: c.added, removed: c.removed, changed: c.changed } }, by);
      if (replaced && replaced.reportId !== id) {
        const previous = await this.deps.reports.get(replaced.reportId);
        if (previous?.status === 'approved') await this.deps.reports.save({ ...previous, status: 'superseded' });
      }
      const approved: SyncReport = { ...report, status: 'approved', reviewedBy: by, reviewedAt: Date.now() };
      await this.deps.reports.save(approved);
      await this.deps.audit.record({ who: by, action: 'catalogue.approve', target: id, before: { status: report.status }, after: { status: 'approved', version: report.candidate } });
      return approved;
    });
  }

  /** Drops a report waiting for review, or the draft an approved report made; what is live stays. */
  async discard(id: string, by: string): Promise<SyncReport> {
    return this.locked(async () => {
      const report = await this.get(id);
      if (report.status !== 'ready' && report.status !== 'approved') throw new ContentError(409, 'not_pending', `Báo cáo đang ở trạng thái “${STATUS_LABELS[report.status].toLowerCase()}”: không có gì để bỏ.`);
      if (report.status === 'approved') {
        const draft = await this.deps.editor.officialDraft();
        if (draft?.reportId === id) await this.deps.editor.discardOfficialDraft(by);
      }
      const discarded: SyncReport = { ...report, status: 'discarded', reviewedBy: by, reviewedAt: Date.now() };
      await this.deps.reports.save(discarded);
      await this.deps.audit.record({ who: by, action: 'catalogue.report_discard', target: id, before: { status: report.status }, after: { status: 'discarded' } });
      return discarded;
    });
  }

  /** Publishes the official draft an approved report made (only it: curated drafts keep their own review). */
  async publish(id: string, by: string): Promise<{ report: SyncReport; version: string }> {
    const report = await this.get(id);
    const draft = await this.deps.editor.officialDraft();
    if (report.status !== 'approved' || draft?.reportId !== id) throw new ContentError(409, 'not_approved', `Báo cáo đang ở trạng thái “${STATUS_LABELS[report.status].toLowerCase()}”: cần duyệt trước khi xuất bản.`);
    const result = await this.deps.editor.publish(by, [], { official: true });
    return { report: await this.get(id), version: result.version };
  }

  private async markPublished(p: OfficialPublished): Promise<void> {
    const report = await this.deps.reports.get(p.reportId);
    if (!report) return;
    await this.deps.reports.save({ ...report, status: 'published', publishedBy: p.by, publishedAt: p.at, liveVersion: p.live });
    // The version live before stays for a while (the newest few are kept); versions nothing needs go.
    await this.deps.versions.prune([p.version, ...(await this.deps.reports.pendingCandidates())]);
  }
}
