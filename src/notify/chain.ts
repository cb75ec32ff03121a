import type { Reply } from '../dialogue/types.js';
import { ZaloApiError } from '../zalo/errors.js';
import { classifyStepError, isZnsNight, znsMorning, type StepDecision } from './classify.js';
import { renderTemplateData, type NoticeTemplate, type TemplateChannel } from './templates.js';
import type { ChainOutcome, ChainRun, ChainStep, DossierNotice, NoticeChannel } from './types.js';
import type { QuotaInfo } from './zalo-notice-api.js';

/**
 * One run of the channel chain for one notice: consultation message inside the 7-day window → template
 * message by user id → ZNS by phone → unreachable. Every step is recorded as data; a failure's meaning
 * (classify.ts) decides whether the next channel is tried, the chain runs again later, or it stops.
 * The claim that makes a notice go out once is taken by the caller (service.ts) around this run.
 */

const DAY_MS = 86_400_000;

export interface ChainDeps {
  now: () => number;
  window: { canReply(userId: string, now: number): Promise<{ allowed: boolean; reason?: string }> };
  consultation: { send(userId: string, reply: Reply): Promise<{ messageId: string }> };
  api: { sendTemplate: (userId: string, templateId: string, data: Record<string, string>) => Promise<{ messageId: string }>; sendZns: (phone: string, templateId: string, data: Record<string, string>, trackingId: string) => Promise<{ messageId: string }>; quota: (userId: string) => Promise<QuotaInfo> };
  templates: { active(channel: TemplateChannel): Promise<NoticeTemplate | null> };
  phones: { readonly enabled: boolean; phoneOf(userId: string): Promise<string | null> };
  /** Parameter value when a dossier field is empty (locales: notify.template.missing). */
  missingValue: string;
  /** Zalo's consultation window (7 days) and template-by-uid window (1 year). */
  consultationWindowMs?: number;
  templateWindowMs?: number;
}

function outcomeOf(d: Exclude<StepDecision, { decision: 'next' }>, channel: NoticeChannel, code: string): ChainOutcome {
  switch (d.decision) {
    case 'retry':
      return { kind: 'retry', reason: d.reason, code };
    case 'hold':
      return { kind: 'hold', until: d.until, reason: d.reason };
    case 'uncertain':
      return { kind: 'uncertain', channel, reason: d.reason };
    case 'unreachable':
      return { kind: 'unreachable', reason: d.reason };
  }
}

/** `trackingId`: tied to the notice (≤ 48 characters), sent with ZNS so Zalo's reports can be matched. */
export async function runNoticeChain(notice: DossierNotice, deps: ChainDeps, trackingId: string): Promise<ChainRun> {
  const steps: ChainStep[] = [];
  const record = (s: Omit<ChainStep, 'at'>) => steps.push({ ...s, at: deps.now() });
  const csWindow = deps.consultationWindowMs ?? 7 * DAY_MS;
  const templateWindow = deps.templateWindowMs ?? 365 * DAY_MS;

  // Zalo's own record of the last interaction, asked at most once per run and only when it can change a step.
  let quota: number | null | undefined;
  const lastInteraction = async (): Promise<number | null> => {
    if (quota === undefined) quota = await deps.api.quota(notice.userId).then((q) => q.lastInteraction, () => null);
    return quota;
  };

  /** Sends through one channel; a Zalo refusal is recorded and classified, anything else propagates. */
  async function attempt(channel: NoticeChannel, send: () => Promise<{ messageId: string }>): Promise<ChainRun | StepDecision> {
    try {
      const { messageId } = await send();
      record({ channel, result: 'sent', messageId });
      return { outcome: { kind: 'sent', channel, messageId }, steps };
    } catch (err) {
      if (!(err instanceof ZaloApiError)) throw err;
      const d = classifyStepError(channel, err, deps.now());
      record({ channel, result: 'failed', reason: d.reason, code: err.label });
      return d;
    }
  }
  const done = (r: ChainRun | StepDecision, channel: NoticeChannel): ChainRun | null => {
    if ('outcome' in r) return r;
    if (r.decision === 'next') return null;
    return { outcome: outcomeOf(r, channel, steps[steps.length - 1]?.code ?? ''), steps };
  };

  // 1. Consultation message, inside the 7-day window.
  const now = deps.now();
  const allowance = await deps.window.canReply(notice.userId, now);
  let inWindow = allowance.allowed;
  if (!inWindow && allowance.reason === 'no_inbound') {
    // This bot has no record of the citizen writing (e.g. a store restored from backup): Zalo knows.
    const last = await lastInteraction();
    inWindow = last !== null && now - last < csWindow;
  }
  if (inWindow) {
    const r = done(await attempt('consultation', () => deps.consultation.send(notice.userId, notice.message)), 'consultation');
    if (r) return r;
  } else {
    record({ channel: 'consultation', result: 'skipped', reason: 'outside_window' });
  }

  // 2. Template message by user id.
  const template = await deps.templates.active('template');
  if (!template) {
    record({ channel: 'template', result: 'skipped', reason: 'no_template' });
  } else {
    const last = await lastInteraction();
    if (last !== null && deps.now() - last >= templateWindow) {
      record({ channel: 'template', result: 'skipped', reason: 'no_interaction_1y' });
    } else {
      const data = renderTemplateData(template, notice.facts, deps.missingValue).data;
      const r = done(await attempt('template', () => deps.api.sendTemplate(notice.userId, template.templateId, data)), 'template');
      if (r) return r;
    }
  }

  // 3. ZNS by the phone the citizen shared with consent; never at night.
  const zns = await znsStep();
  if (zns) return zns;
  const last = steps[steps.length - 1]!;
  return { outcome: { kind: 'unreachable', reason: last.reason ?? 'unreachable' }, steps };

  async function znsStep(): Promise<ChainRun | null> {
    const skip = (reason: string): null => {
      record({ channel: 'zns', result: 'skipped', reason });
      return null;
    };
    if (!deps.phones.enabled) return skip('phone_key_missing');
    const phone = await deps.phones.phoneOf(notice.userId);
    if (!phone) return skip('no_phone');
    const tpl = await deps.templates.active('zns');
    if (!tpl) return skip('no_template');
    const at = deps.now();
    if (isZnsNight(at)) {
      record({ channel: 'zns', result: 'skipped', reason: 'night' });
      return { outcome: { kind: 'hold', until: znsMorning(at), reason: 'zns_night' }, steps };
    }
    const data = renderTemplateData(tpl, notice.facts, deps.missingValue).data;
    const r = await attempt('zns', () => deps.api.sendZns(phone, tpl.templateId, data, trackingId));
    if ('outcome' in r) return r;
    // The last channel: "try the next one" means nobody can be reached.
    if (r.decision === 'next') return { outcome: { kind: 'unreachable', reason: r.reason }, steps };
    return { outcome: outcomeOf(r, 'zns', steps[steps.length - 1]?.code ?? ''), steps };
  }
}
