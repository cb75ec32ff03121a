import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language, Translate } from '../../src/dialogue/types.js';
import type { NotifyModule } from '../../src/notify/module.js';
import { TemplateInputSchema } from '../../src/notify/templates.js';
import type { DossierNotice } from '../../src/notify/types.js';
import { FollowRegistry } from '../../src/onestop/follows.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import type { Store } from '../../src/store/ports.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { ZaloApiError } from '../../src/zalo/errors.js';
import { testRedisUrl, uniquePrefix } from '../support/redis.js';
import { loadTFor } from '../onestop/helpers.js';
import type { SentHistory } from '../../src/notify/history-check.js';
import { RecordingZalo, closedWindow, notifyOn } from './harness.js';

/** 2026-03-10 at hh:mm Vietnam time. */
const vn = (h: number, m = 0, day = 10) => Date.UTC(2026, 2, day, h - 7, m);
const url = testRedisUrl();
const USER = '2468000000000009001';

let tFor: (lng: Language) => Translate;
beforeAll(async () => {
  tFor = await loadTFor();
});

function notice(over: Partial<DossierNotice> = {}): DossierNotice {
  return {
    id: `n${randomBytes(12).toString('hex')}`,
    bucket: '20260301',
    userId: USER,
    language: 'vi',
    facts: { code: '000.00.53.H48-251120-0003', statusCode: 'co_ket_qua', status: 'Đã có kết quả, chờ trả', procedure_name: 'Đăng ký biến động', agency: 'UBND xã Bình Sơn' },
    message: { text: 'Hồ sơ vừa chuyển sang tình trạng: Đã có kết quả, chờ trả.', buttons: [{ kind: 'url', title: 'Cổng DVC', url: 'https://dichvucong.example.gov.vn' }] },
    final: false,
    ...over,
  };
}

const zaloError = (code: number, source: 'envelope' | 'timeout' = 'envelope') => new ZaloApiError({ code, message: `error ${code}`, source });

interface Setup {
  store: Store;
  notify: NotifyModule;
  zalo: RecordingZalo;
  clock: { now: number };
}

/** A notify module on `store` (consultation recorded, template/ZNS answers scripted) with a fake clock. */
async function setup(store: Store, opts: { window?: typeof closedWindow; redis?: { url: string; prefix: string }; templates?: boolean; phone?: boolean; zalo?: RecordingZalo; clock?: { now: number }; history?: SentHistory } = {}): Promise<Setup> {
  const clock = opts.clock ?? { now: vn(10) };
  const zalo = opts.zalo ?? new RecordingZalo();
  const notify = notifyOn({
    store,
    follows: new FollowRegistry(store, 5),
    tFor,
    zalo,
    window: opts.window,
    redis: opts.redis,
    now: () => clock.now,
    phoneKey: opts.phone ? randomBytes(32).toString('base64') : undefined,
    tuning: { retryBaseMs: 60_000, pendingGraceMs: 300_000, maxAttempts: 3 },
    history: opts.history,
  });
  if (opts.templates) {
    const params = [{ name: 'ma_ho_so', field: 'code' }];
    await notify.templates.save(TemplateInputSchema.parse({ name: 'uid', templateId: '111', channel: 'template', tag: 1, params, active: true }), 't', 0);
    await notify.templates.save(TemplateInputSchema.parse({ name: 'zns', templateId: '222', channel: 'zns', tag: 1, params, active: true }), 't', 0);
  }
  if (opts.phone) await notify.phones.save(USER, '0912345678', 0);
  return { store, notify, zalo, clock };
}

describe('notice service on the in-memory store', () => {
  it('sends once by consultation and records the channel; the same notice again is a duplicate', async () => {
    const { notify, zalo } = await setup(new MemoryStore());
    const n = notice();
    const first = await notify.service.deliver(n);
    expect(first).toMatchObject({ state: 'sent', channel: 'consultation' });
    expect(first.steps).toHaveLength(1);
    expect(await notify.service.deliver(n)).toMatchObject({ state: 'duplicate' });
    expect(zalo.sent).toHaveLength(1);
    const record = (await notify.repo.get(n.id))!;
    expect(record).toMatchObject({ state: 'sent', channel: 'consultation', attempts: 1 });
    expect(await notify.repo.backlog()).toBe(0);
  });

  it('a transient failure waits in the outbox and is sent once when its time comes', async () => {
    const { notify, zalo, clock } = await setup(new MemoryStore(), { window: closedWindow, templates: true });
    const answers = [() => Promise.reject(zaloError(-32)), () => Promise.resolve({ message_id: 'tpl-ok' })];
    zalo.answer = async () => answers.shift()!();
    const n = notice();
    expect(await notify.service.deliver(n)).toMatchObject({ state: 'retrying' });
    expect((await notify.repo.get(n.id))!).toMatchObject({ state: 'retrying', reason: 'transient', error: '-32', nextAt: vn(10, 1) });
    // Not yet due; the watcher seeing the change again does not send either.
    expect(await notify.service.processDue()).toBe(0);
    clock.now = vn(10, 2);
    expect(await notify.service.processDue()).toBe(1);
    expect((await notify.repo.get(n.id))!).toMatchObject({ state: 'sent', channel: 'template', messageId: 'tpl-ok', attempts: 2 });
    expect(zalo.posts.map((p) => p.url)).toEqual(['/v3.0/oa/message/template', '/v3.0/oa/message/template']);
    expect(await notify.service.processDue()).toBe(0);
  });

  it('gives up after the configured runs and records failed with the code', async () => {
    const { notify, zalo, clock } = await setup(new MemoryStore(), { window: closedWindow, templates: true });
    zalo.answer = async () => Promise.reject(zaloError(-200));
    const n = notice();
    await notify.service.deliver(n);
    for (let i = 0; i < 5; i++) {
      clock.now += 3600_000;
      await notify.service.processDue();
    }
    expect((await notify.repo.get(n.id))!).toMatchObject({ state: 'failed', attempts: 3, error: '-200' });
    expect(zalo.posts.filter((p) => p.url.endsWith('/message/template'))).toHaveLength(3);
  });

  it('holds ZNS at night and sends it at 06:00; the steps of both runs are kept', async () => {
    const { notify, zalo, clock } = await setup(new MemoryStore(), { window: closedWindow, templates: true, phone: true, clock: { now: vn(23) } });
    zalo.answer = async (u) => (u.endsWith('/v3.0/oa/message/template') ? Promise.reject(zaloError(-249)) : { msg_id: 'zns-1' });
    const n = notice();
    expect(await notify.service.deliver(n)).toMatchObject({ state: 'held' });
    expect((await notify.repo.get(n.id))!.nextAt).toBe(vn(6, 0, 11));
    clock.now = vn(5, 59, 11);
    expect(await notify.service.processDue()).toBe(0);
    clock.now = vn(6, 0, 11);
    expect(await notify.service.processDue()).toBe(1);
    const record = (await notify.repo.get(n.id))!;
    expect(record).toMatchObject({ state: 'sent', channel: 'zns', messageId: 'zns-1' });
    expect(record.steps.map((s) => `${s.channel}:${s.result}:${s.reason ?? ''}`)).toEqual([
      'consultation:skipped:outside_window',
      'template:failed:template_not_by_uid',
      'zns:skipped:night',
      'consultation:skipped:outside_window',
      'template:failed:template_not_by_uid',
      'zns:sent:',
    ]);
    const zns = zalo.posts.find((p) => p.url.endsWith('business.openapi.zalo.me/message/template'))!;
    expect(zns.body).toMatchObject({ phone: '84912345678', template_id: '222', tracking_id: `${n.id}-0` });
  });

  it('a timeout is never resent blindly: checked after the grace period, then uncertain; a person may retry', async () => {
    const { notify, zalo, clock } = await setup(new MemoryStore(), { window: closedWindow, templates: true });
    zalo.answer = async () => Promise.reject(zaloError(0, 'timeout'));
    const n = notice();
    expect(await notify.service.deliver(n)).toMatchObject({ state: 'checking' });
    clock.now += 60_000;
    await notify.service.processDue();
    expect(zalo.posts).toHaveLength(1);
    clock.now += 300_000;
    await notify.service.processDue();
    expect((await notify.repo.get(n.id))!).toMatchObject({ state: 'uncertain', reason: 'timeout' });
    expect(zalo.posts).toHaveLength(1);
    // The console's retry: a new attempt under a new claim.
    zalo.answer = async () => ({ message_id: 'tpl-2' });
    const retried = await notify.service.retry(n.id);
    expect(retried).toMatchObject({ state: 'sent', channel: 'template', generation: 1 });
    await expect(notify.service.retry(n.id)).rejects.toMatchObject({ status: 409, code: 'already_sent' });
  });

  describe('a timed-out notice is looked up in the conversation history before anything is sent again', () => {
    /** The history Zalo would answer: what the OA sent USER, newest first. */
    function historyOf(messages: { at: number; text: string }[]) {
      const calls: number[] = [];
      const history: SentHistory = {
        async sentSince(userId, since) {
          calls.push(since);
          return userId === USER ? messages.filter((m) => m.at >= since).map((m) => ({ fromOa: true, ...m })) : [];
        },
      };
      return { history, calls };
    }

    async function timedOut(history: SentHistory, phone = false) {
      const s = await setup(new MemoryStore(), { window: closedWindow, templates: true, history, phone });
      s.zalo.answer = async () => Promise.reject(zaloError(0, 'timeout'));
      const n = notice();
      expect(await s.notify.service.deliver(n)).toMatchObject({ state: 'checking', channel: 'template' });
      s.zalo.answer = async () => ({ message_id: 'tpl-again' });
      s.clock.now += 300_000;
      await s.notify.service.processDue();
      return { ...s, n };
    }

    it('found there with its dossier code: sent, and not sent a second time', async () => {
      const sentAt = vn(10) + 2000;
      const { history, calls } = historyOf([{ at: sentAt, text: 'Hồ sơ 000.00.53.H48-251120-0003 đã có kết quả' }]);
      const { notify, zalo, n } = await timedOut(history);
      expect(calls.length).toBeGreaterThan(0);
      expect((await notify.repo.get(n.id))!).toMatchObject({ state: 'sent', reason: 'reconciled' });
      expect(zalo.posts).toHaveLength(1);
    });

    it('nothing sent since the claim: it did not arrive, so it is sent once more', async () => {
      const { history } = historyOf([{ at: vn(9), text: 'Hồ sơ 000.00.53.H48-251120-0003: an older notice' }]);
      const { notify, zalo, n } = await timedOut(history);
      expect((await notify.repo.get(n.id))!).toMatchObject({ state: 'sent', channel: 'template', messageId: 'tpl-again' });
      expect(zalo.posts).toHaveLength(2);
    });

    it('other messages without the code, or Zalo cannot be asked: uncertain, never sent blindly', async () => {
      const other = historyOf([{ at: vn(10) + 1000, text: 'Dạ, em xin trả lời anh/chị…' }]);
      const a = await timedOut(other.history);
      expect((await a.notify.repo.get(a.n.id))!).toMatchObject({ state: 'uncertain' });
      expect(a.zalo.posts).toHaveLength(1);
      const down: SentHistory = { sentSince: async () => Promise.reject(zaloError(-32)) };
      const b = await timedOut(down);
      expect((await b.notify.repo.get(b.n.id))!).toMatchObject({ state: 'uncertain' });
      expect(b.zalo.posts).toHaveLength(1);
    });
  });

  it('unreachable when nothing is configured, with the reason; counts by day, state and channel', async () => {
    const store = new MemoryStore();
    const { notify } = await setup(store, { window: closedWindow });
    const n = notice();
    expect(await notify.service.deliver(n)).toMatchObject({ state: 'unreachable' });
    expect((await notify.repo.get(n.id))!).toMatchObject({ state: 'unreachable', reason: 'phone_key_missing' });
    // Another citizen, inside the window, on the same store.
    await (await setup(store)).notify.service.deliver(notice());
    const [today] = (await notify.repo.counts(1, vn(10))).slice(-1);
    expect(today!.total).toBe(2);
    expect(today!.states.unreachable).toBe(1);
    expect(today!.states.sent).toBe(1);
    expect(today!.states.pending).toBe(0);
    expect(today!.channels.consultation).toBe(1);
    expect((await notify.repo.list({ state: 'unreachable', limit: 10 })).map((r) => r.id)).toEqual([n.id]);
  });

  it('a final notice sent by consultation asks the satisfaction question', async () => {
    const { notify, zalo, store } = await setup(new MemoryStore());
    const n = notice({ final: true, facts: { code: '000.00.53.H48-251120-0009', statusCode: 'da_tra_ket_qua', agency: 'UBND xã Bình Sơn', procedure_name: 'Chứng thực' } });
    await notify.service.deliver(n);
    const sent = zalo.sent[0]!.reply;
    expect(sent.text).toContain('Anh/chị có hài lòng với việc giải quyết hồ sơ?');
    expect(sent.buttons.map((b) => b.title)).toEqual(['Rất hài lòng', 'Hài lòng', 'Chưa hài lòng', 'Cổng DVC']);
    expect(sent.buttons[0]).toMatchObject({ kind: 'query', payload: '#sat:3:000.00.53.H48-251120-0009' });
    expect(await store.get(`sat:ask:${USER}:000.00.53.H48-251120-0009`)).toContain('UBND xã Bình Sơn');
  });
});

describe.skipIf(!url)('notice service on Redis: two instances, one notice', () => {
  const stores: RedisStore[] = [];
  const mods: NotifyModule[] = [];
  afterAll(async () => {
    for (const m of mods) await m.stop();
    await Promise.all(stores.map((s) => s.close()));
  });

  it('sends once when two instances deliver the same notice at the same moment, and when both run the outbox', async () => {
    const prefix = uniquePrefix('nsvc');
    const clock = { now: vn(10) };
    const zalos = [new RecordingZalo(), new RecordingZalo()];
    const both = await Promise.all(
      zalos.map(async (zalo) => {
        const store = new RedisStore({ url, prefix });
        stores.push(store);
        const s = await setup(store, { redis: { url, prefix }, zalo, clock });
        mods.push(s.notify);
        return s;
      }),
    );
    for (let i = 0; i < 20; i++) {
      const n = notice();
      const receipts = await Promise.all(both.map((b) => b.notify.service.deliver(n)));
      expect(receipts.map((r) => r.state).sort()).toEqual(['duplicate', 'sent']);
    }
    expect(zalos[0]!.sent.length + zalos[1]!.sent.length).toBe(20);

    // A retried notice run by both outboxes at once still goes out once.
    const n = notice();
    const failing = [() => Promise.reject(zaloError(-32))];
    for (const z of zalos) z.sent = [];
    const [a, b] = both;
    a!.zalo.sendReply = async () => failing.shift()?.() ?? { messageIds: ['x'] };
    expect((await a!.notify.service.deliver(n)).state).toBe('retrying');
    clock.now += 120_000;
    let csCalls = 0;
    for (const s of both) {
      s.zalo.sendReply = async () => {
        csCalls++;
        return { messageIds: ['cs-ok'] };
      };
    }
    await Promise.all([a!.notify.service.processDue(), b!.notify.service.processDue(), a!.notify.service.processDue()]);
    expect(csCalls).toBe(1);
    expect((await a!.notify.repo.get(n.id))!.state).toBe('sent');
  });
});
