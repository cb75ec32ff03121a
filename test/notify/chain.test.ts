import { describe, expect, it } from 'vitest';
import { runNoticeChain, type ChainDeps } from '../../src/notify/chain.js';
import { classifyStepError, isZnsNight, nextDayMorning, znsMorning } from '../../src/notify/classify.js';
import type { NoticeTemplate } from '../../src/notify/templates.js';
import type { DossierNotice } from '../../src/notify/types.js';
import { ZaloApiError } from '../../src/zalo/errors.js';

/** 2026-03-10 at hh:mm Vietnam time (UTC+7). */
const vn = (h: number, m = 0, day = 10) => Date.UTC(2026, 2, day, h - 7, m);
const DAY = 86_400_000;

const zaloError = (code: number, source: 'envelope' | 'timeout' | 'network' = 'envelope') => new ZaloApiError({ code, message: `error ${code}`, source });

describe('what a failed step means', () => {
  const at = vn(10);
  it('consultation: out of the window or refused for this citizen → the next channel', () => {
    expect(classifyStepError('consultation', zaloError(-230), at)).toEqual({ decision: 'next', reason: 'outside_window' });
    expect(classifyStepError('consultation', zaloError(-232), at)).toEqual({ decision: 'next', reason: 'outside_window' });
    expect(classifyStepError('consultation', zaloError(-217), at)).toEqual({ decision: 'next', reason: 'user_blocked_oa' });
  });

  it('template by user id: not allowed by uid or not approved → the next channel', () => {
    expect(classifyStepError('template', zaloError(-249), at)).toEqual({ decision: 'next', reason: 'template_not_by_uid' });
    expect(classifyStepError('template', zaloError(-131), at)).toEqual({ decision: 'next', reason: 'template_not_approved' });
  });

  it('ZNS: phone or account problems end the chain; night and the daily limit wait for the morning; quota retries', () => {
    expect(classifyStepError('zns', zaloError(-108), at)).toEqual({ decision: 'unreachable', reason: 'phone_invalid' });
    expect(classifyStepError('zns', zaloError(-118), at)).toEqual({ decision: 'unreachable', reason: 'no_zalo_account' });
    expect(classifyStepError('zns', zaloError(-131), at)).toEqual({ decision: 'unreachable', reason: 'template_not_approved' });
    expect(classifyStepError('zns', zaloError(-115), at)).toEqual({ decision: 'retry', reason: 'zns_quota_or_balance' });
    expect(classifyStepError('zns', zaloError(-144), at)).toEqual({ decision: 'hold', reason: 'zns_daily_limit', until: vn(6, 0, 11) });
    expect(classifyStepError('zns', zaloError(-133), vn(23))).toEqual({ decision: 'hold', reason: 'zns_night', until: vn(6, 0, 11) });
    // Zalo says night while our clock says day (clocks differ): the next morning, never "now".
    expect(classifyStepError('zns', zaloError(-133), vn(21, 59))).toEqual({ decision: 'hold', reason: 'zns_night', until: vn(6, 0, 11) });
  });

  it('on every channel: token and transient failures retry the chain, a timeout stops it (it may have delivered)', () => {
    for (const channel of ['consultation', 'template', 'zns'] as const) {
      expect(classifyStepError(channel, zaloError(-216), at).decision).toBe('retry');
      expect(classifyStepError(channel, zaloError(-124), at).decision).toBe('retry');
      expect(classifyStepError(channel, zaloError(-32), at).decision).toBe('retry');
      expect(classifyStepError(channel, zaloError(0, 'network'), at).decision).toBe('retry');
      expect(classifyStepError(channel, zaloError(0, 'timeout'), at)).toEqual({ decision: 'uncertain', reason: 'timeout' });
    }
  });

  it('knows the ZNS night in Vietnam time and the mornings after it', () => {
    expect(isZnsNight(vn(21, 59))).toBe(false);
    expect(isZnsNight(vn(22))).toBe(true);
    expect(isZnsNight(vn(5, 59))).toBe(true);
    expect(isZnsNight(vn(6))).toBe(false);
    expect(znsMorning(vn(23))).toBe(vn(6, 0, 11));
    expect(znsMorning(vn(3))).toBe(vn(6));
    expect(znsMorning(vn(12))).toBe(vn(12));
    expect(nextDayMorning(vn(12))).toBe(vn(6, 0, 11));
    expect(nextDayMorning(vn(3))).toBe(vn(6, 0, 11));
  });
});

const notice: DossierNotice = {
  id: 'n0123456789abcdef01234567',
  bucket: '20260301',
  userId: '2468000000000000003',
  language: 'vi',
  facts: { code: '000.00.53.H48-251120-0003', statusCode: 'co_ket_qua', status: 'Đã có kết quả, chờ trả', procedure_name: 'Đăng ký biến động quyền sử dụng đất', due_date: '20/03/2026' },
  message: { text: 'Hồ sơ 000.00.53.H48-251120-0003 vừa chuyển sang tình trạng: Đã có kết quả, chờ trả.', buttons: [] },
  final: false,
};

const template = (channel: 'template' | 'zns', templateId: string): NoticeTemplate => ({
  id: `${channel}-${templateId}`,
  name: channel,
  templateId,
  channel,
  tag: 1,
  active: true,
  params: [
    { name: 'ma_ho_so', field: 'code' },
    { name: 'trang_thai', field: 'status' },
    { name: 'ngay_hen', field: 'due_date' },
  ],
  createdAt: 0,
  updatedAt: 0,
  updatedBy: 'test',
});

interface Calls {
  cs: string[];
  template: { userId: string; templateId: string; data: Record<string, string> }[];
  zns: { phone: string; templateId: string; data: Record<string, string>; trackingId: string }[];
  quota: number;
}

/** Chain dependencies where each channel's answer is scripted; everything the chain does is recorded. */
function deps(over: {
  now?: number;
  window?: { allowed: boolean; reason?: string };
  cs?: () => Promise<{ messageId: string }>;
  tpl?: () => Promise<{ messageId: string }>;
  zns?: () => Promise<{ messageId: string }>;
  lastInteraction?: number | null;
  templates?: { template?: NoticeTemplate; zns?: NoticeTemplate };
  phone?: string | null;
  phones?: boolean;
}): { deps: ChainDeps; calls: Calls } {
  const calls: Calls = { cs: [], template: [], zns: [], quota: 0 };
  const now = over.now ?? vn(10);
  return {
    calls,
    deps: {
      now: () => now,
      window: { canReply: async () => over.window ?? { allowed: true } },
      consultation: {
        send: async (userId) => {
          calls.cs.push(userId);
          return (over.cs ?? (async () => ({ messageId: 'cs1' })))();
        },
      },
      api: {
        sendTemplate: async (userId, templateId, data) => {
          calls.template.push({ userId, templateId, data });
          return (over.tpl ?? (async () => ({ messageId: 'tpl1' })))();
        },
        sendZns: async (phone, templateId, data, trackingId) => {
          calls.zns.push({ phone, templateId, data, trackingId });
          return (over.zns ?? (async () => ({ messageId: 'zns1' })))();
        },
        quota: async () => {
          calls.quota++;
          return { lastInteraction: over.lastInteraction === undefined ? null : over.lastInteraction, csRemain: null };
        },
      },
      templates: { active: async (channel) => (over.templates ?? {})[channel] ?? null },
      phones: { enabled: over.phones ?? true, phoneOf: async () => (over.phone === undefined ? '84912345678' : over.phone) },
      missingValue: 'Chưa có',
    },
  };
}

const both = { template: template('template', '111'), zns: template('zns', '222') };
const closed = { allowed: false, reason: 'window_closed' };

describe('the channel chain', () => {
  it('inside the 7-day window: one consultation message, nothing else', async () => {
    const { deps: d, calls } = deps({ templates: both });
    const run = await runNoticeChain(notice, d, 'track');
    expect(run.outcome).toEqual({ kind: 'sent', channel: 'consultation', messageId: 'cs1' });
    expect(run.steps.map((s) => [s.channel, s.result])).toEqual([['consultation', 'sent']]);
    expect(calls.template).toHaveLength(0);
  });

  it('outside the window: the template message by user id, filled from the dossier', async () => {
    const { deps: d, calls } = deps({ window: closed, templates: both });
    const run = await runNoticeChain(notice, d, 'track');
    expect(run.outcome).toEqual({ kind: 'sent', channel: 'template', messageId: 'tpl1' });
    expect(calls.cs).toHaveLength(0);
    expect(calls.template).toEqual([{ userId: notice.userId, templateId: '111', data: { ma_ho_so: notice.facts.code, trang_thai: 'Đã có kết quả, chờ trả', ngay_hen: '20/03/2026' } }]);
    expect(run.steps.map((s) => [s.channel, s.result, s.reason])).toEqual([
      ['consultation', 'skipped', 'outside_window'],
      ['template', 'sent', undefined],
    ]);
  });

  it('Zalo says -230 although this bot thought the window open: on to the template', async () => {
    const { deps: d } = deps({ cs: async () => Promise.reject(zaloError(-230)), templates: both });
    const run = await runNoticeChain(notice, d, 'track');
    expect(run.outcome.kind).toBe('sent');
    expect(run.steps.map((s) => [s.channel, s.result, s.code])).toEqual([
      ['consultation', 'failed', '-230'],
      ['template', 'sent', undefined],
    ]);
  });

  it('when this bot knows nothing of the citizen, asks Zalo for the last interaction before giving up the window', async () => {
    const { deps: d, calls } = deps({ window: { allowed: false, reason: 'no_inbound' }, lastInteraction: vn(10) - 2 * DAY, templates: both });
    const run = await runNoticeChain(notice, d, 'track');
    expect(run.outcome).toEqual({ kind: 'sent', channel: 'consultation', messageId: 'cs1' });
    expect(calls.quota).toBe(1);
  });

  it('skips the template by user id when the last interaction is over a year old, and goes to ZNS', async () => {
    const { deps: d, calls } = deps({ window: closed, lastInteraction: vn(10) - 400 * DAY, templates: both });
    const run = await runNoticeChain(notice, d, 'n1-0');
    expect(run.outcome).toEqual({ kind: 'sent', channel: 'zns', messageId: 'zns1' });
    expect(calls.template).toHaveLength(0);
    expect(calls.zns).toEqual([{ phone: '84912345678', templateId: '222', data: expect.objectContaining({ ma_ho_so: notice.facts.code }), trackingId: 'n1-0' }]);
    expect(run.steps.map((s) => s.reason)).toEqual(['outside_window', 'no_interaction_1y', undefined]);
  });

  it('template refused by uid (-249): ZNS by the shared phone', async () => {
    const { deps: d } = deps({ window: closed, tpl: async () => Promise.reject(zaloError(-249)), templates: both });
    const run = await runNoticeChain(notice, d, 'track');
    expect(run.outcome).toEqual({ kind: 'sent', channel: 'zns', messageId: 'zns1' });
    expect(run.steps.map((s) => [s.channel, s.result, s.reason])).toEqual([
      ['consultation', 'skipped', 'outside_window'],
      ['template', 'failed', 'template_not_by_uid'],
      ['zns', 'sent', undefined],
    ]);
  });

  it('nothing configured and no phone: unreachable, with every step and its reason', async () => {
    const { deps: d } = deps({ window: closed, phones: false });
    const run = await runNoticeChain(notice, d, 'track');
    expect(run.outcome).toEqual({ kind: 'unreachable', reason: 'phone_key_missing' });
    expect(run.steps.map((s) => [s.channel, s.result, s.reason])).toEqual([
      ['consultation', 'skipped', 'outside_window'],
      ['template', 'skipped', 'no_template'],
      ['zns', 'skipped', 'phone_key_missing'],
    ]);
    const noPhone = await runNoticeChain(notice, deps({ window: closed, phone: null, templates: both, tpl: async () => Promise.reject(zaloError(-131)) }).deps, 't');
    expect(noPhone.outcome).toEqual({ kind: 'unreachable', reason: 'no_phone' });
  });

  it('never sends ZNS at night: holds until 06:00 without calling', async () => {
    const { deps: d, calls } = deps({ now: vn(23, 30), window: closed, templates: { zns: both.zns } });
    const run = await runNoticeChain(notice, d, 'track');
    expect(run.outcome).toEqual({ kind: 'hold', until: vn(6, 0, 11), reason: 'zns_night' });
    expect(calls.zns).toHaveLength(0);
  });

  it('a transient failure stops the run for a retry; a timeout stops it as uncertain (no next channel)', async () => {
    const transient = await runNoticeChain(notice, deps({ window: closed, templates: both, tpl: async () => Promise.reject(zaloError(-32)) }).deps, 't');
    expect(transient.outcome).toEqual({ kind: 'retry', reason: 'transient', code: '-32' });
    const { deps: d, calls } = deps({ cs: async () => Promise.reject(zaloError(0, 'timeout')), templates: both });
    const timedOut = await runNoticeChain(notice, d, 't');
    expect(timedOut.outcome).toEqual({ kind: 'uncertain', channel: 'consultation', reason: 'timeout' });
    expect(calls.template).toHaveLength(0);
  });

  it('ZNS answers decide the end: phone invalid → unreachable, daily limit → hold, quota → retry', async () => {
    const run = (code: number) => runNoticeChain(notice, deps({ window: closed, templates: { zns: both.zns }, zns: async () => Promise.reject(zaloError(code)) }).deps, 't');
    expect((await run(-108)).outcome).toEqual({ kind: 'unreachable', reason: 'phone_invalid' });
    expect((await run(-144)).outcome).toEqual({ kind: 'hold', until: vn(6, 0, 11), reason: 'zns_daily_limit' });
    expect((await run(-115)).outcome).toEqual({ kind: 'retry', reason: 'zns_quota_or_balance', code: '-115' });
  });

  it('a failure that is not Zalo answering (a bug, the store) is not swallowed', async () => {
    await expect(runNoticeChain(notice, deps({ cs: async () => Promise.reject(new Error('boom')) }).deps, 't')).rejects.toThrow('boom');
  });
});
