import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { AuditLog } from '../admin/audit.js';
import type { Auth } from '../admin/auth.js';
import { fieldErrors } from '../announcements/routes.js';
import type { Translate } from '../dialogue/types.js';
import { checkDossierCode } from '../onestop/codes.js';
import { dossierFacts } from '../onestop/notice.js';
import { OnestopUnavailableError, type DossierLookupResult } from '../onestop/types.js';
import { ZaloApiError } from '../zalo/errors.js';
import {
  DaysQuery,
  MonthRangeQuery,
  NoticeListQuery,
  PreviewSchema,
  TestSendSchema,
  noticeView,
  type ComplaintsResponse,
  type NoticeCountsResponse,
  type NotifyStatus,
  type SatisfactionResponse,
} from './api.js';
import type { NoticeRepository } from './notices.js';
import { maskPhone, normalisePhone, type PhoneConsent } from './phones.js';
import { satisfactionCsv, type SatisfactionSurvey } from './satisfaction.js';
import { NoticeError, type NoticeService } from './service.js';
import { renderTemplateData, TemplateError, TemplateInputSchema, templateKey, type NoticeTemplate, type TemplateStore } from './templates.js';
import { NOTICE_CHANNELS, NOTICE_STATES, type DossierFacts } from './types.js';
import type { ZaloNoticeApi } from './zalo-notice-api.js';

/**
 * The notify admin API (staff read and retry; admins manage templates and send tests). Bodies and queries are
 * validated with the schemas of api.ts; the console imports the same schemas.
 */

export interface NotifyRoutesDeps {
  auth: Auth;
  service: NoticeService;
  repo: NoticeRepository;
  templates: TemplateStore;
  survey: SatisfactionSurvey;
  api: Pick<ZaloNoticeApi, 'sendTemplate' | 'sendZns'>;
  lookupDossier: (code: string) => Promise<DossierLookupResult | null>;
  provincePrefixes: readonly string[];
  tVi: Translate;
  portalUrl?: string;
  status: () => Promise<NotifyStatus>;
  /** Where each send goes, shown by a preview. */
  endpoints: { template: string; zns: string };
  complaintSinkWired: boolean;
  /** The phone a citizen shared, masked (never in clear). */
  consentOf: (userId: string) => Promise<PhoneConsent | null>;
  audit?: AuditLog;
  logger: Logger;
  now: () => number;
}

type Handler = (req: Request, res: Response) => Promise<unknown>;

function route(fn: Handler): RequestHandler {
  return (req, res, next) => {
    fn(req, res).catch((err: unknown) => {
      if (err instanceof z.ZodError) return void res.status(400).json({ error: 'invalid_request', fields: fieldErrors(err) });
      if (err instanceof TemplateError || err instanceof NoticeError) return void res.status(err.status).json({ error: err.code, message: err.message });
      if (err instanceof OnestopUnavailableError) return void res.status(503).json({ error: 'onestop_unavailable', message: 'Hệ thống một cửa chưa trả lời; hãy thử lại hoặc xem trước bằng dữ liệu mẫu.' });
      if (err instanceof ZaloApiError) return void res.status(502).json({ error: 'zalo', code: err.code, label: err.label, kind: err.kind, message: err.message });
      next(err);
    });
  };
}

export function createNotifyRouter(deps: NotifyRoutesDeps): Router {
  const r = Router();
  const staff = deps.auth.requireRole('admin', 'staff');
  const admin = deps.auth.requireRole('admin');
  const who = (req: Request) => req.user?.username ?? 'unknown';
  r.use(['/admin/api/notify', '/admin/api/notices', '/admin/api/satisfaction', '/admin/api/analytics/notices'], express.json({ limit: '64kb' }));

  const template = async (req: Request): Promise<NoticeTemplate> => {
    const t = await deps.templates.get(String(req.params.id));
    if (!t) throw new TemplateError(404, 'not_found', 'Không có mẫu này.');
    return t;
  };

  /** The dossier fields a preview or test uses: a live dossier by code, overridden by given fields. */
  const factsOf = async (body: { code?: string; facts?: Partial<Record<string, string>> }): Promise<DossierFacts> => {
    let facts: DossierFacts = { code: body.facts?.code ?? '', statusCode: 'khong_ro' };
    if (body.code) {
      const checked = checkDossierCode(body.code, deps.provincePrefixes);
      if (!checked.ok) throw new TemplateError(400, 'invalid_code', `“${body.code}” không phải mã hồ sơ của tỉnh.`);
      const result = await deps.lookupDossier(checked.parts.code);
      if (!result) throw new TemplateError(404, 'dossier_not_found', `Hệ thống một cửa không có hồ sơ ${checked.parts.code}.`);
      facts = dossierFacts(result, deps.tVi, deps.portalUrl);
    }
    for (const [k, v] of Object.entries(body.facts ?? {})) if (v !== undefined) (facts as Record<string, string>)[k] = v;
    return facts;
  };

  r.get(
    '/admin/api/notify/status',
    staff,
    route(async (_req, res) => res.json(await deps.status())),
  );

  r.get(
    '/admin/api/notify/templates',
    staff,
    route(async (_req, res) => res.json({ templates: await deps.templates.list() })),
  );
  r.post(
    '/admin/api/notify/templates',
    admin,
    route(async (req, res) => {
      const body = TemplateInputSchema.parse(req.body ?? {});
      const saved = await deps.templates.save(body, who(req), deps.now(), true);
      await deps.audit?.record({ who: who(req), action: 'notify.template.create', target: saved.id });
      res.status(201).json(saved);
    }),
  );
  r.put(
    '/admin/api/notify/templates/:id',
    admin,
    route(async (req, res) => {
      const existing = await template(req);
      const body = TemplateInputSchema.parse(req.body ?? {});
      if (templateKey(body.channel, body.templateId) !== existing.id) throw new TemplateError(400, 'id_mismatch', 'Kênh và mã mẫu xác định một mẫu; muốn đổi thì đăng ký mẫu mới.');
      const saved = await deps.templates.save(body, who(req), deps.now());
      await deps.audit?.record({ who: who(req), action: 'notify.template.update', target: saved.id, detail: { active: saved.active } });
      res.json(saved);
    }),
  );
  r.delete(
    '/admin/api/notify/templates/:id',
    admin,
    route(async (req, res) => {
      const t = await template(req);
      await deps.templates.remove(t.id);
      await deps.audit?.record({ who: who(req), action: 'notify.template.delete', target: t.id });
      res.json({ ok: true });
    }),
  );
  r.post(
    '/admin/api/notify/templates/:id/preview',
    staff,
    route(async (req, res) => {
      const t = await template(req);
      const body = PreviewSchema.parse(req.body ?? {});
      const rendered = renderTemplateData(t, await factsOf(body), deps.tVi('notify.template.missing'));
      const wire =
        t.channel === 'zns'
          ? { phone: maskPhone('84000000000'), template_id: t.templateId, template_data: rendered.data, tracking_id: '<notice id>' }
          : { user_id: '<user id>', template_id: t.templateId, template_data: rendered.data };
      res.json({ template: t.id, endpoint: `POST ${t.channel === 'zns' ? deps.endpoints.zns : deps.endpoints.template}`, body: wire, warnings: rendered.warnings });
    }),
  );
  r.post(
    '/admin/api/notify/templates/:id/test',
    admin,
    route(async (req, res) => {
      const t = await template(req);
      const body = TestSendSchema.parse(req.body ?? {});
      const rendered = renderTemplateData(t, await factsOf(body), deps.tVi('notify.template.missing'));
      let sent: { messageId: string };
      if (t.channel === 'zns') {
        const phone = body.phone ? normalisePhone(body.phone) : null;
        if (!phone) throw new TemplateError(400, 'invalid_request', 'Số điện thoại: số di động của một quản trị viên OA (chế độ thử chỉ gửi tới quản trị viên OA).');
        sent = await deps.api.sendZns(phone, t.templateId, rendered.data, `test-${deps.now()}`, { development: true });
      } else {
        if (!body.userId) throw new TemplateError(400, 'invalid_request', 'Mã Zalo: mã người dùng Zalo của cán bộ nhận tin thử.');
        sent = await deps.api.sendTemplate(body.userId, t.templateId, rendered.data);
      }
      await deps.audit?.record({ who: who(req), action: 'notify.template.test', target: t.id });
      res.json({ template: t.id, messageId: sent.messageId, development: t.channel === 'zns', warnings: rendered.warnings });
    }),
  );

  r.get(
    '/admin/api/notify/consent/:userId',
    admin,
    route(async (req, res) => {
      const userId = z.string().regex(/^\d{1,20}$/, 'a Zalo user id (digits)').parse(req.params.userId);
      const consent = await deps.consentOf(userId);
      if (!consent) throw new NoticeError(404, 'not_found', 'Người dân này chưa chia sẻ số điện thoại để nhận thông báo.');
      res.json({ userId, phone: consent.masked, at: new Date(consent.at).toISOString() });
    }),
  );

  r.get(
    '/admin/api/notices',
    staff,
    route(async (req, res) => {
      const q = NoticeListQuery.parse(req.query);
      const list = await deps.repo.list(q);
      const last = list[list.length - 1];
      res.json({ notices: list.map(noticeView), next: list.length === q.limit && last ? last.createdAt : null });
    }),
  );
  r.get(
    '/admin/api/notices/:id',
    staff,
    route(async (req, res) => {
      const record = await deps.repo.get(String(req.params.id));
      if (!record) throw new NoticeError(404, 'not_found', 'Không có thông báo này.');
      res.json({ ...noticeView(record), message: record.message.text, facts: record.facts });
    }),
  );
  r.post(
    '/admin/api/notices/:id/retry',
    staff,
    route(async (req, res) => {
      const record = await deps.service.retry(String(req.params.id));
      await deps.audit?.record({ who: who(req), action: 'notice.retry', target: record.id, detail: { state: record.state } });
      res.json(noticeView(record));
    }),
  );

  r.get(
    '/admin/api/analytics/notices',
    staff,
    route(async (req, res) => {
      const { days } = DaysQuery.parse(req.query);
      const list = await deps.repo.counts(days, deps.now());
      const totals: NoticeCountsResponse['totals'] = {
        total: 0,
        states: Object.fromEntries(NOTICE_STATES.map((s) => [s, 0])) as NoticeCountsResponse['totals']['states'],
        channels: Object.fromEntries(NOTICE_CHANNELS.map((c) => [c, 0])) as NoticeCountsResponse['totals']['channels'],
      };
      for (const d of list) {
        totals.total += d.total;
        for (const s of NOTICE_STATES) totals.states[s] += d.states[s];
        for (const c of NOTICE_CHANNELS) totals.channels[c] += d.channels[c];
      }
      res.json({ days: list, totals } satisfies NoticeCountsResponse);
    }),
  );

  r.get(
    '/admin/api/satisfaction',
    staff,
    route(async (req, res) => {
      const { from, to } = MonthRangeQuery.parse(req.query);
      const rows = await deps.survey.counts(from, to);
      const byMonth = new Map<string, SatisfactionResponse['months'][number]>();
      for (const row of rows) {
        const m = byMonth.get(row.month) ?? { month: row.month, very_satisfied: 0, satisfied: 0, unsatisfied: 0, total: 0 };
        m.very_satisfied += row.very_satisfied;
        m.satisfied += row.satisfied;
        m.unsatisfied += row.unsatisfied;
        m.total += row.very_satisfied + row.satisfied + row.unsatisfied;
        byMonth.set(row.month, m);
      }
      res.json({ from, to, rows, months: [...byMonth.values()] } satisfies SatisfactionResponse);
    }),
  );
  r.get(
    '/admin/api/satisfaction/export.csv',
    staff,
    route(async (req, res) => {
      const { from, to } = MonthRangeQuery.parse(req.query);
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="satisfaction-${from}-${to}.csv"`);
      res.send(satisfactionCsv(await deps.survey.rows(from, to)));
    }),
  );
  r.get(
    '/admin/api/satisfaction/complaints',
    staff,
    route(async (_req, res) => res.json({ sink: deps.complaintSinkWired ? 'wired' : 'none', complaints: await deps.survey.pendingComplaints() } satisfies ComplaintsResponse)),
  );

  return r;
}
