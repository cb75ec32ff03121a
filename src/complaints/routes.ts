import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { AuditLog } from '../admin/audit.js';
import type { Auth } from '../admin/auth.js';
import type { Language, Reply, Translate } from '../dialogue/types.js';
import { ZaloApiError } from '../zalo/errors.js';
import { maskPersonalData } from '../nlu/personal-data.js';
import {
  ComplaintAnswerBody,
  ComplaintListQuery,
  ComplaintRef,
  ComplaintStatusBody,
  type ComplaintAnswerPreview,
  type ComplaintChangeResponse,
  type ComplaintDetailResponse,
  type ComplaintListResponse,
  type ComplaintPhoneResponse,
  type ComplaintSummary,
  maskComplaintPhone,
  WITHDRAWN_USER_ID,
} from './api.js';
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
  /** The citizen's Zalo display name for the detail page (cached look-up); absent: no name shown. */
  displayNames?: { nameOf(userId: string): Promise<string | null> };
}

const PREVIEW_CHARS = 140;
const withdrawn = { error: 'withdrawn', message: 'Người dân đã yêu cầu xoá dữ liệu; không thể gửi trả lời qua Zalo.' };

/** The queue shows what a complaint is about, not who: ID numbers, phones and addresses are masked. */
function summary(c: Complaint): ComplaintSummary {
  const text = maskPersonalData(complaintText(c));
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

/** A complaint as the API shows it: the shared phone masked (see the audited `…/phone` route). */
function forStaff(c: Complaint): Complaint {
  return c.contact?.phone ? { ...c, contact: { ...c.contact, phone: maskComplaintPhone(c.contact.phone) } } : c;
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
      const displayName = complaint.userId !== WITHDRAWN_USER_ID && deps.displayNames ? await deps.displayNames.nameOf(complaint.userId) : null;
      res.json({ complaint: forStaff(complaint), text: complaintText(complaint), displayName } satisfies ComplaintDetailResponse);
    }),
  );

  // The full number is personal data read for a purpose: each reading is in the audit log.
  r.post(
    `${base}/:ref/phone`,
    staff,
    route(async (req, res) => {
      const ref = ComplaintRef.parse(req.params.ref);
      const phone = (await deps.store.require(ref)).contact?.phone;
      if (!phone) return void res.status(404).json({ error: 'no_phone', message: 'Người dân chưa chia sẻ số điện thoại cho phản ánh này.' });
      await deps.audit.record({ who: who(req), action: 'complaint.phone.reveal', target: ref });
      res.json({ phone } satisfies ComplaintPhoneResponse);
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
      res.json({ complaint: forStaff(complaint) } satisfies ComplaintChangeResponse);
    }),
  );

  /** The answer a request asks for, as the citizen will read it (reference line, text, menu button, in their language); null after a 409 when the citizen withdrew. */
  const answerOf = async (req: Request, res: Response) => {
    const ref = ComplaintRef.parse(req.params.ref);
    const { text } = ComplaintAnswerBody.parse(req.body ?? {});
    const complaint = await deps.store.require(ref);
    if (complaint.userId === WITHDRAWN_USER_ID) {
      res.status(409).json(withdrawn);
      return null;
    }
    return { ref, text, complaint, reply: renderStaffAnswer(ref, text, deps.tFor(complaint.language)) };
  };

  // The console's preview before it asks for confirmation: nothing is sent or recorded.
  r.post(
    `${base}/:ref/answer/preview`,
    staff,
    route(async (req, res) => {
      const answer = await answerOf(req, res);
      if (answer) res.json({ replies: [answer.reply] } satisfies ComplaintAnswerPreview);
    }),
  );

  r.post(
    `${base}/:ref/answer`,
    staff,
    route(async (req, res) => {
      const answer = await answerOf(req, res);
      if (!answer) return;
      const { ref, text, complaint } = answer;
      try {
        await deps.sender.sendReply(complaint.userId, answer.reply);
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
      res.json({ complaint: forStaff(updated) } satisfies ComplaintChangeResponse);
    }),
  );
  return r;
}
