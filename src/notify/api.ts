import { z } from 'zod';
import type { NoticeDayCounts, NoticeRecord } from './notices.js';
import type { SatisfactionComplaint, SatisfactionCounts } from './satisfaction.js';
import type { NoticeTemplate } from './templates.js';
import { DOSSIER_FIELDS, NOTICE_CHANNELS, NOTICE_STATES, type ChainStep, type NoticeChannel, type NoticeState } from './types.js';

/**
 * The notify admin API's request schemas and response shapes: the routes validate with these, and the console
 * (being rebuilt in TypeScript) imports them for its forms and types instead of restating them.
 */

export { TemplateInputSchema, TemplateParamSchema, type NoticeTemplate, type TemplateInput } from './templates.js';

const MONTH = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Một tháng dạng YYYY-MM');
const DOSSIER_CODE = z.string().trim().min(5, 'Một mã hồ sơ').max(60, 'Một mã hồ sơ');

export const FactsSchema = z
  .object(Object.fromEntries(DOSSIER_FIELDS.map((f) => [f, z.string().max(500, 'Tối đa 500 ký tự').optional()])) as Record<(typeof DOSSIER_FIELDS)[number], z.ZodOptional<z.ZodString>>)
  .strict();

/** What a preview or a test send fills the template with: a live dossier (by code) and/or given fields. */
export const PreviewSchema = z
  .object({ code: DOSSIER_CODE.optional(), facts: FactsSchema.optional() })
  .strict()
  .refine((b) => b.code !== undefined || b.facts !== undefined, { message: 'Nhập mã hồ sơ hoặc dữ liệu mẫu', path: ['code'] });

/** A "development mode" send: ZNS goes only to the OA's admins (`mode: development`); a user-id template to one user. */
export const TestSendSchema = z
  .object({
    code: DOSSIER_CODE.optional(),
    facts: FactsSchema.optional(),
    phone: z.string().regex(/^\+?[0-9][0-9 .-]{7,15}$/, 'Một số điện thoại').optional(),
    userId: z.string().regex(/^\d{1,20}$/, 'Mã người dùng Zalo (chỉ gồm chữ số)').optional(),
  })
  .strict()
  .refine((b) => b.code !== undefined || b.facts !== undefined, { message: 'Nhập mã hồ sơ hoặc dữ liệu mẫu', path: ['code'] });

export const NoticeListQuery = z.object({
  state: z.enum(NOTICE_STATES, { message: `Một trong: ${NOTICE_STATES.join(', ')}` }).optional(),
  channel: z.enum(NOTICE_CHANNELS, { message: `Một trong: ${NOTICE_CHANNELS.join(', ')}` }).optional(),
  code: DOSSIER_CODE.optional(),
  /** Paging: notices created before this time (ms), e.g. the last `createdAt` of the previous page. */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const DaysQuery = z.object({ days: z.coerce.number().int().min(1).max(120).default(30) });

export const MonthRangeQuery = z
  .object({ from: MONTH, to: MONTH })
  .refine((q) => q.from <= q.to, { message: 'Tháng bắt đầu không được sau tháng kết thúc', path: ['from'] });

/** One notice as the console lists it. */
export interface NoticeView {
  id: string;
  userId: string;
  code: string;
  status: string;
  state: NoticeState;
  channel: NoticeChannel | null;
  reason: string | null;
  error: string | null;
  attempts: number;
  createdAt: string;
  updatedAt: string;
  nextAt: string | null;
  final: boolean;
  steps: (Omit<ChainStep, 'at'> & { at: string })[];
}

export function noticeView(r: NoticeRecord): NoticeView {
  const iso = (v: number) => new Date(v).toISOString();
  return {
    id: r.id,
    userId: r.userId,
    code: r.code,
    status: r.status,
    state: r.state,
    channel: r.channel ?? null,
    reason: r.reason ?? null,
    error: r.error ?? null,
    attempts: r.attempts,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
    nextAt: r.nextAt ? iso(r.nextAt) : null,
    final: r.final,
    steps: r.steps.map((s) => ({ ...s, at: iso(s.at) })),
  };
}

/** GET /admin/api/notify/status and the `notify` detail of /readyz: which steps run, and why not. */
export interface NotifyStatus {
  steps: Record<NoticeChannel, { enabled: boolean; reason?: string; templateId?: string }>;
  outbox: number;
}

export interface NoticeCountsResponse {
  days: NoticeDayCounts[];
  totals: Omit<NoticeDayCounts, 'date'>;
}

export interface SatisfactionResponse {
  from: string;
  to: string;
  rows: SatisfactionCounts[];
  months: { month: string; very_satisfied: number; satisfied: number; unsatisfied: number; total: number }[];
}

export interface ComplaintsResponse {
  /** Complaints wait here until issue 11's queue is wired as the ComplaintSink. */
  sink: 'none' | 'wired';
  complaints: SatisfactionComplaint[];
}

export type TemplatesResponse = { templates: NoticeTemplate[] };
