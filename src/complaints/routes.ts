import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { AuditLog } from '../admin/audit.js';
import type { Auth } from '../admin/auth.js';
import type { Language, Reply, Translate } from '../dialogue/types.js';
import { ZaloApiError } from '../zalo/errors.js';
import { ComplaintAnswerBody, ComplaintListQuery, ComplaintRef, ComplaintStatusBody, type ComplaintListResponse, type ComplaintSummary } from './api.js';
import { complaintText, type Complaint } from './complaint.js';
import { ComplaintNotFoundError, type ComplaintStore } from './complaint-store.js';
import { renderStaffAnswer } from './render.js';

/** The staff queue of complaints: list and filter, read, change status, answer the citizen. Every change is audited. */

export interface ComplaintRoutesDeps {
  auth: Auth;
  store: ComplaintStore;
  audit: AuditLog;
  /** The Zalo client: answers go out as consultation messages. */
  sender: { sendReply(userId: string, reply: Reply): Promise<{ messageIds: string[] }> };
  tFor: (lng: Language) => Translate;
  logger: Logger;
}

const PREVIEW_CHARS = 140;

function summary(c: Complaint): ComplaintSummary {
  const text = complaintText(c);
  return {
    ref: c.ref,
    status: c.status,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    preview: Array.from(text).length > PREVIEW_CHARS ? `${Array.from(text).slice(0, PREVIEW_CHARS - 1).join('')}…` : text,
    hasPhone: Boolean(c.contact?.phone),
    answered: Boolean(c.answer),
  };
}

type Handler = (req: Request, res: Response) => Promise<unknown>;

export function createComplaintsRouter(deps: ComplaintRoutesDeps): Router {
  const r = Router();
  const staff = deps.auth.requireRole('admin', 'staff');
  const log = deps.logger.child({ module: 'complaints-api' });
  const base = '/admin/api/complaints';
  const who = (req: Request) => req.user?.username ?? 'unknown';

  const route =
    (fn: Handler) =>
    (req: Request, res: Response, next: NextFunction): void => {
      fn(req, res).catch((err: unknown) => {
        if (err instanceof z.ZodError) return void res.status(400).json({ error: 'bad_request', errors: err.issues.map((i) => ({ field: i.path.join('.') || '(root)', message: i.message })) });
        if (err instanceof ComplaintNotFoundError) return void res.status(404).json({ error: 'not_found', message: 'Không có phản ánh với số tham chiếu này.' });
        next(err);
      });
    };

  r.use(base, express.json({ limit: '64kb' }));

  r.get(
    base,
    staff,
    route(async (req, res) => {
      const q = ComplaintListQuery.parse(req.query);
      const page = await deps.store.list(q);
      res.json({ items: page.items.map(summary), total: page.total, counts: page.counts } satisfies ComplaintListResponse);
    }),
  );

  r.get(
    `${base}/:ref`,
    staff,
    route(async (req, res) => {
      const complaint = await deps.store.require(ComplaintRef.parse(req.params.ref));
      res.json({ complaint, text: complaintText(complaint) });
    }),
  );

  r.post(
    `${base}/:ref/status`,
    staff,
    route(async (req, res) => {
      const ref = ComplaintRef.parse(req.params.ref);
      const { status } = ComplaintStatusBody.parse(req.body ?? {});
      const before = (await deps.store.require(ref)).status;
      const complaint = await deps.store.setStatus(ref, status, who(req));
      if (before !== status) await deps.audit.record({ who: who(req), action: 'complaint.status', target: ref, detail: { from: before, to: status } });
      res.json({ complaint });
    }),
  );

  r.post(
    `${base}/:ref/answer`,
    staff,
    route(async (req, res) => {
      const ref = ComplaintRef.parse(req.params.ref);
      const { text } = ComplaintAnswerBody.parse(req.body ?? {});
      const complaint = await deps.store.require(ref);
      if (complaint.userId === 'withdrawn') return void res.status(409).json({ error: 'withdrawn', message: 'Người dân đã yêu cầu xoá dữ liệu; không thể gửi trả lời qua Zalo.' });
      try {
        await deps.sender.sendReply(complaint.userId, renderStaffAnswer(ref, text, deps.tFor(complaint.language)));
      } catch (err) {
        if (!(err instanceof ZaloApiError)) throw err;
        await deps.store.recordEvent(ref, { at: Date.now(), by: who(req), action: 'answer_failed', note: `${err.kind}:${err.code}` });
        await deps.audit.record({ who: who(req), action: 'complaint.answer_failed', target: ref, detail: { code: err.code, kind: err.kind } });
        log.warn({ ref, code: err.code, kind: err.kind }, 'complaint answer not delivered');
        const message =
          err.kind === 'window'
            ? 'Người dân đã quá thời hạn nhận tin tư vấn của Zalo (7 ngày); không gửi được. Vui lòng liên hệ qua số điện thoại nếu người dân đã chia sẻ.'
            : 'Zalo chưa nhận tin nhắn; vui lòng thử lại.';
        return void res.status(502).json({ error: 'zalo', code: err.code, kind: err.kind, message });
      }
      const updated = await deps.store.recordAnswer(ref, text, who(req));
      await deps.audit.record({ who: who(req), action: 'complaint.answer', target: ref, detail: { from: complaint.status } });
      log.info({ ref }, 'complaint answered');
      res.json({ complaint: updated });
    }),
  );
  return r;
}
