import { z } from 'zod';
import type { Store } from '../store/ports.js';
import { DOSSIER_FIELDS, type DossierFacts } from './types.js';

/**
 * Zalo templates as configuration (reference §3.9): an admin registers the template ids Zalo approved, with
 * their tag, their channel (a template message by user id, or ZNS by phone) and how each parameter is filled
 * from the dossier. The chain uses the active template of each channel; without one it skips that step.
 * The zod schemas are the types, the API's validation and its error texts (Vietnamese: the console shows them).
 */

const PARAM_NAME = z.string().regex(/^[A-Za-z0-9_]{1,50}$/, 'Chữ không dấu, số hoặc “_” (tối đa 50), đúng như tên tham số trong mẫu trên Zalo');

export const TemplateParamSchema = z
  .object({
    name: PARAM_NAME,
    field: z.enum(DOSSIER_FIELDS, { message: 'Chọn một trường của hồ sơ' }),
    /** Zalo limits each parameter's length per template; longer values are cut with "…". */
    maxLength: z.number({ message: 'Một số từ 1 đến 1000' }).int('Một số từ 1 đến 1000').min(1, 'Một số từ 1 đến 1000').max(1000, 'Một số từ 1 đến 1000').optional(),
  })
  .strict();

export const TemplateInputSchema = z
  .object({
    name: z.string().trim().min(1, 'Bắt buộc').max(100, 'Tối đa 100 ký tự'),
    /** Zalo's template id. */
    templateId: z.string().regex(/^\d{1,20}$/, 'Mã mẫu do Zalo cấp (chỉ gồm chữ số)'),
    /** `template`: template message by user id (POST /v3.0/oa/message/template); `zns`: by phone number. */
    channel: z.enum(['template', 'zns'], { message: 'Chọn “template” (tin mẫu theo người dùng) hoặc “zns” (theo số điện thoại)' }),
    /** Zalo's tag: 1 Transaction, 2 Customer care, 3 Promotion. Dossier notices use Tag 1. */
    tag: z.union([z.literal(1), z.literal(2), z.literal(3)], { message: '1 (Giao dịch), 2 (Chăm sóc khách hàng) hoặc 3 (Quảng cáo)' }),
    params: z
      .array(TemplateParamSchema)
      .min(1, 'Cần ít nhất một tham số')
      .max(20, 'Tối đa 20 tham số')
      .refine((ps) => new Set(ps.map((p) => p.name)).size === ps.length, 'Tên tham số không được trùng nhau'),
    /** The template the chain uses for its channel; activating one deactivates the others of that channel. */
    active: z.boolean().default(false),
  })
  .strict()
  .refine((t) => !t.active || t.tag === 1, { message: 'Chỉ mẫu Tag 1 (Giao dịch) mới dùng để báo tình trạng hồ sơ', path: ['active'] });

export type TemplateInput = z.input<typeof TemplateInputSchema>;
export type NoticeTemplate = z.output<typeof TemplateInputSchema> & { id: string; createdAt: number; updatedAt: number; updatedBy: string };
export type TemplateChannel = NoticeTemplate['channel'];

const KEY = 'notify:templates';

export const templateKey = (channel: TemplateChannel, templateId: string) => `${channel}-${templateId}`;

export class TemplateError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'TemplateError';
  }
}

export class TemplateStore {
  constructor(private readonly store: Store) {}

  async list(): Promise<NoticeTemplate[]> {
    const all = Object.values(await this.store.hgetall(KEY)).map((v) => JSON.parse(v) as NoticeTemplate);
    return all.sort((a, b) => a.channel.localeCompare(b.channel) || a.name.localeCompare(b.name));
  }

  async get(id: string): Promise<NoticeTemplate | null> {
    const raw = await this.store.hget(KEY, id);
    return raw ? (JSON.parse(raw) as NoticeTemplate) : null;
  }

  /** The template the chain uses for a channel, or null (the step is then skipped). */
  async active(channel: TemplateChannel): Promise<NoticeTemplate | null> {
    return (await this.list()).find((t) => t.channel === channel && t.active) ?? null;
  }

  /** Creates or replaces the template of (channel, templateId). */
  async save(input: z.output<typeof TemplateInputSchema>, who: string, now: number, expectNew = false): Promise<NoticeTemplate> {
    const id = templateKey(input.channel, input.templateId);
    const existing = await this.get(id);
    if (expectNew && existing) throw new TemplateError(409, 'exists', `Mẫu ${input.templateId} đã được đăng ký cho kênh này.`);
    const saved: NoticeTemplate = { ...input, id, createdAt: existing?.createdAt ?? now, updatedAt: now, updatedBy: who };
    if (saved.active) await this.deactivateOthers(saved.channel, id);
    await this.store.hset(KEY, { [id]: JSON.stringify(saved) });
    return saved;
  }

  async remove(id: string): Promise<boolean> {
    return (await this.store.hdel(KEY, id)) > 0;
  }

  private async deactivateOthers(channel: TemplateChannel, keep: string): Promise<void> {
    for (const t of await this.list()) {
      if (t.channel === channel && t.active && t.id !== keep) await this.store.hset(KEY, { [t.id]: JSON.stringify({ ...t, active: false }) });
    }
  }
}

export interface RenderedTemplate {
  data: Record<string, string>;
  /** Parameters whose dossier field was empty, and values cut to the parameter's length. */
  warnings: string[];
}

/** The `template_data` of a send: each parameter from its dossier field; an empty field gets `missing`. */
export function renderTemplateData(template: Pick<NoticeTemplate, 'params'>, facts: DossierFacts, missing: string): RenderedTemplate {
  const data: Record<string, string> = {};
  const warnings: string[] = [];
  for (const p of template.params) {
    let value = (facts[p.field] ?? '').trim();
    if (!value) {
      warnings.push(`${p.name}: ${p.field} is empty`);
      value = missing;
    }
    if (p.maxLength !== undefined && value.length > p.maxLength) {
      warnings.push(`${p.name}: cut to ${p.maxLength} characters`);
      value = `${value.slice(0, Math.max(0, p.maxLength - 1)).trimEnd()}…`;
    }
    data[p.name] = value;
  }
  return { data, warnings };
}
