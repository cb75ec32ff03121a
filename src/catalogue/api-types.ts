/**
 * The catalogue API's shapes (routes in ./routes.ts), defined once: the routes validate queries with these
 * schemas and the console imports the same schemas and types. Loaded in the browser too: its only value imports
 * are zod and other browser-safe modules; server types come in with `import type`.
 */
import { z } from 'zod';
import type { OfficialDraft } from '../admin/content-editor.js';
import type { ContentCheck, Disagreement } from '../knowledge/content-check.js';
import type { CatalogueSourceInfo, OfficialRecord } from '../knowledge/official.js';
import type { RecordChange, RecordRef } from './change-report.js';
import type { SyncReport, SyncStatus } from './sync-reports.js';

export type { OfficialDraft } from '../admin/content-editor.js';
export type { ContentCheck, Disagreement } from '../knowledge/content-check.js';
export type { OfficialRecord } from '../knowledge/official.js';
export type { CatalogueChanges, FactChange, RecordChange, RecordRef } from './change-report.js';
export type { Fact } from './record-facts.js';
export type { SyncCounts, SyncProblem, SyncReport, SyncStatus } from './sync-reports.js';

export const LEVELS = ['commune', 'province', 'ministry', 'other'] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_LABELS: Record<Level, string> = { commune: 'Cấp xã', province: 'Cấp tỉnh', ministry: 'Cấp bộ', other: 'Cơ quan khác' };

/** Which official tier to read: the one citizens are answered from, or the approved draft waiting to be published. */
export const Tier = z.enum(['live', 'draft']);
export type Tier = z.infer<typeof Tier>;

const text = z.string().trim().max(200, 'at most 200 characters');
const offset = z.coerce.number().int().min(0).default(0);
const limit = z.coerce.number().int().min(1).max(200).default(50);

export const CatalogueQuery = z.object({
  q: text.default(''),
  level: z.enum(LEVELS).optional(),
  field: text.optional(),
  offset,
  limit,
  tier: Tier.default('live'),
});
export type CatalogueQuery = z.infer<typeof CatalogueQuery>;

export const NationalCodeParam = z.string().regex(/^\d\.\d{6}$/, 'a national code such as 1.001193');
export const TierQuery = z.object({ tier: Tier.default('live') });

export const REPORT_ID_PATTERN = /^\d{14}-[0-9a-f]{4}$/;
export const ReportIdParam = z.string().regex(REPORT_ID_PATTERN, 'a sync report id such as 20261203031500-a1b2');

export const ChangesQuery = z.object({
  kind: z.enum(['added', 'removed', 'changed']).default('changed'),
  q: text.default(''),
  offset,
  limit,
});
export type ChangesQuery = z.infer<typeof ChangesQuery>;

// ---------- Responses ----------

export interface CatalogueItem {
  nationalCode: string;
  name: string;
  levels: Level[];
  field?: string;
  /** The curated page that overlays this procedure, when one does. */
  curatedId?: string;
  updatedAt?: string;
}

export interface CatalogueListResponse {
  tier: Tier;
  source: CatalogueSourceInfo | null;
  total: number;
  items: CatalogueItem[];
  /** Fields of the procedures matching the text and level (for the field filter), most procedures first. */
  fields: { field: string; count: number }[];
}

export interface CatalogueRecordResponse {
  tier: Tier;
  record: OfficialRecord;
  source: CatalogueSourceInfo;
  curatedId: string | null;
  /** What the curated page says that this record contradicts. */
  disagreements: Disagreement[];
}

export interface TierSummary {
  /** The stored official version (null: the snapshot shipped in intents/). */
  version: string | null;
  records: number;
  source: CatalogueSourceInfo | null;
}

export interface SyncStatusResponse {
  /** The cron expression of the scheduled sync (Vietnam time), null when it is off. */
  schedule: string | null;
  source: SyncReport['source'];
  live: TierSummary;
  draft: OfficialDraft | null;
  running: SyncReport | null;
  reports: SyncReport[];
}

export interface ChangesResponse {
  kind: ChangesQuery['kind'];
  total: number;
  items: (RecordRef | RecordChange)[];
}

export interface DisagreementsResponse extends ContentCheck {
  tier: Tier;
}

export interface PublishCatalogueResponse {
  report: SyncReport;
  version: string;
}

export const STATUS_LABELS: Record<SyncStatus, string> = {
  running: 'Đang đồng bộ',
  failed: 'Dừng vì lỗi nguồn',
  unchanged: 'Không có thay đổi',
  ready: 'Chờ duyệt',
  approved: 'Đã duyệt, chờ xuất bản',
  published: 'Đã xuất bản',
  discarded: 'Đã bỏ',
  superseded: 'Đã cũ (có lần đồng bộ mới hơn)',
  interrupted: 'Bị gián đoạn',
};
