import express from 'express';
import type { Server } from 'node:http';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDossierModule, type DossierModule } from '../../src/onestop/module.js';
import { cronForInterval, isHot } from '../../src/onestop/watcher.js';
import type { NoticePort } from '../../src/notify/types.js';
import { createDemoOnestopRouter, DEMO_API_PREFIX, type DemoOnestop } from '../../src/sim/onestop/demo-onestop.js';
import type { Store } from '../../src/store/ports.js';
import { RedisStore } from '../../src/store/redis-store.js';
import type { Language, Translate } from '../../src/dialogue/types.js';
import type { DossierLookupResult } from '../../src/onestop/types.js';
import { testRedisUrl, uniquePrefix } from '../support/redis.js';
import { RecordingNotices, loadTFor, silent, testConfig, turn } from './helpers.js';
import { RecordingZalo, notifyOn } from '../notify/harness.js';

const url = testRedisUrl();
const CODE_A = '000.00.53.H48-251120-0003'; // Đang xử lý
const CODE_B = '000.00.53.H48-251120-0005'; // Yêu cầu bổ sung
const HOUR = 3600_000;

describe('cron expression for the interval', () => {
  it('fires exactly every interval when it fits a cron unit', () => {
    expect(cronForInterval(900)).toBe('0 */15 * * * *');
    expect(cronForInterval(30)).toBe('*/30 * * * * *');
    expect(cronForInterval(7200)).toBe('0 0 */2 * * *');
    expect(cronForInterval(700)).toBe('*/10 * * * * *');
  });
});

describe('hot dossiers: due soon or recently changed', () => {
  const now = Date.UTC(2026, 2, 10, 3);
  const opts = { recentMs: 72 * HOUR, dueAheadMs: 24 * HOUR };
  const result = (over: Partial<DossierLookupResult>): DossierLookupResult => ({ code: CODE_A, source: 'igate', procedureName: 'x', status: 'dang_xu_ly', statusLabel: 'Đang xử lý', overdue: false, ...over });

  it('is hot when changed (or followed) within the recent window, whatever the due date', () => {
    expect(isHot(result({}), now - 71 * HOUR, now, opts)).toBe(true);
    expect(isHot(result({}), now - 73 * HOUR, now, opts)).toBe(false);
  });

  it('is hot when due within the horizon or overdue by up to a week, unless the result is already out', () => {
    const old = now - 30 * 24 * HOUR;
    expect(isHot(result({ dueAt: new Date(now + 23 * HOUR) }), old, now, opts)).toBe(true);
    expect(isHot(result({ dueAt: new Date(now - 5 * 24 * HOUR) }), old, now, opts)).toBe(true);
    expect(isHot(result({ dueAt: new Date(now - 8 * 24 * HOUR) }), old, now, opts)).toBe(false);
    expect(isHot(result({ dueAt: new Date(now + 25 * HOUR) }), old, now, opts)).toBe(false);
    expect(isHot(result({ dueAt: new Date(now + HOUR), status: 'co_ket_qua' }), old, now, opts)).toBe(false);
    expect(isHot(null, old, now, opts)).toBe(false);
  });
});

describe.skipIf(!url)('dossier watcher with two instances on one Redis', () => {
  let tFor: (lng: Language) => Translate;
  let demo: DemoOnestop;
  let server: Server;
  let base: string;
  const stores: RedisStore[] = [];
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    tFor = await loadTFor();
    demo = createDemoOnestopRouter();
    const app = express();
    app.use(demo.router);
    server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}${DEMO_API_PREFIX}`;
  });

  afterAll(async () => {
    for (const c of cleanups) await c();
    await Promise.all(stores.map((s) => s.close()));
    await new Promise<void>((r) => server.close(() => r()));
    nock.enableNetConnect();
  });

  /** A dossier module on `store` talking to the demo one-stop server, handing notices to `notices`. */
  function moduleOn(store: Store, notices: NoticePort, opts: { env?: Record<string, string>; now?: () => number } = {}): DossierModule {
    return createDossierModule({
      config: testConfig({ ONESTOP_TIMEOUT_MS: '2000', DOSSIER_WATCH_INTERVAL_S: '10', DOSSIER_WATCH_CALLS_PER_MIN: '6000', ...opts.env }),
      store,
      logger: silent,
      tFor,
      notices,
      onestopBaseUrl: base,
      ssoUrl: base,
      clientId: demo.credentials.clientId,
      clientSecret: demo.credentials.clientSecret,
      now: opts.now,
    });
  }

  /** An instance: dossier module and notify module on one Redis prefix; consultation messages recorded. */
  function instance(prefix: string, zalo: RecordingZalo, wrap: (s: RedisStore) => Store = (s) => s): DossierModule {
    const real = new RedisStore({ url, prefix });
    stores.push(real);
    const store = wrap(real);
    const late: { notify?: ReturnType<typeof notifyOn> } = {};
    const mod = moduleOn(store, { deliver: (n) => late.notify!.service.deliver(n) });
    late.notify = notifyOn({ store, follows: mod.follows, tFor, zalo, redis: { url, prefix } });
    cleanups.push(() => late.notify!.stop());
    return mod;
  }

  /** Makes every followed dossier due again (as if its interval had passed). */
  async function makeDue(store: RedisStore) {
    for (const key of ['dossier:watch', 'dossier:watch:hot']) {
      for (const { member } of await store.zrangeByScore(key, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY)) await store.zadd(key, 0, member);
    }
  }

  it('looks up a sample dossier from the demo server over the iGate wire format', async () => {
    const one = instance(uniquePrefix('dw0'), new RecordingZalo());
    const reply = await one.service.handle({ type: 'lookup_dossier', code: '000.00.53.H48-251120-0008' }, turn(tFor, 'demo'));
    expect(reply.text).toContain('Đã có kết quả, chờ trả');
    const proved = await one.service.handle({ type: 'lookup_dossier', code: '000.00.53.H48-251120-0008', proof: '8901' }, turn(tFor, 'demo2'));
    expect(proved.text).toContain('Bùi T*** H');
  });

  it('sends exactly one notice per change, even with two watchers ticking together', async () => {
    const prefix = uniquePrefix('dw');
    const senderA = new RecordingZalo();
    const senderB = new RecordingZalo();
    const a = instance(prefix, senderA);
    const b = instance(prefix, senderB);
    await a.service.handle({ type: 'follow_dossier', code: CODE_A }, turn(tFor, 'citizen-1'));
    await b.service.handle({ type: 'follow_dossier', code: CODE_A }, turn(tFor, 'citizen-2'));
    await a.service.handle({ type: 'follow_dossier', code: CODE_B }, turn(tFor, 'citizen-1'));
    const all = () => [...senderA.sent, ...senderB.sent];

    // No change yet: nothing is sent.
    await makeDue(stores.at(-1)!);
    expect((await Promise.all([a.watcher.tick(), b.watcher.tick()])).reduce((x, y) => x + y, 0)).toBe(0);
    expect(all()).toHaveLength(0);

    // A changes: each of its two followers hears once; B is unchanged.
    demo.setStatus(CODE_A, { name: 'Có kết quả - chờ trả' });
    await makeDue(stores.at(-1)!);
    const sent = await Promise.all([a.watcher.tick(), b.watcher.tick(), a.watcher.tick(), b.watcher.tick()]);
    expect(sent.reduce((x, y) => x + y, 0)).toBe(2);
    expect(all().map((s) => s.userId).sort()).toEqual(['citizen-1', 'citizen-2']);
    expect(all()[0]!.reply.text).toContain(`Hồ sơ ${CODE_A} vừa chuyển sang tình trạng: Đã có kết quả, chờ trả.`);
    expect(all()[0]!.reply.text).toContain('Cách nhận kết quả');

    // Ticking again without a change sends nothing more.
    await makeDue(stores.at(-1)!);
    await Promise.all([a.watcher.tick(), b.watcher.tick()]);
    expect(all()).toHaveLength(2);

    // A final status: one more notice each, then the subscriptions end.
    demo.setStatus(CODE_A, { name: 'Đã trả kết quả' });
    await makeDue(stores.at(-1)!);
    await Promise.all([a.watcher.tick(), b.watcher.tick()]);
    await makeDue(stores.at(-1)!);
    await Promise.all([a.watcher.tick(), b.watcher.tick()]);
    expect(all()).toHaveLength(4);
    expect(all().slice(2).every((s) => s.reply.text.includes('dừng theo dõi'))).toBe(true);
    const store = stores.at(-1)!;
    expect(await store.smembers('dossier:follows:citizen-2')).toEqual([]);
    expect(await store.smembers('dossier:follows:citizen-1')).toEqual([CODE_B]);
  });

  it('still sends once when the tick lock is lost (the ledger claim decides)', async () => {
    const prefix = uniquePrefix('dwc');
    const senders = [new RecordingZalo(), new RecordingZalo()];
    // Every tryLock succeeds, as if each instance's lock had expired under the other.
    const lockless = (real: RedisStore) =>
      new Proxy(real, {
        get(target, prop, receiver) {
          if (prop === 'tryLock') return async (key: string) => ({ key, token: 'x', release: async () => true, extend: async () => true });
          const v = Reflect.get(target, prop, receiver);
          return typeof v === 'function' ? v.bind(target) : v;
        },
      });
    const mods = senders.map((sender) => instance(prefix, sender, lockless));
    const code = '000.00.53.H48-251120-0007';
    await mods[0]!.service.handle({ type: 'follow_dossier', code }, turn(tFor, 'claim-user'));
    demo.setStatus(code, { name: 'Đang xử lý' });
    await makeDue(stores.at(-1)!);
    const sent = await Promise.all([mods[0]!.watcher.tick(), mods[1]!.watcher.tick()]);
    expect(sent[0]! + sent[1]!).toBe(1);
    expect(senders[0]!.sent.length + senders[1]!.sent.length).toBe(1);
    expect(await stores.at(-1)!.hget(`dossier:sub:claim-user:${code}`, 'status')).toBe('dang_xu_ly');
  });

  it('spends at most its share of the per-minute budget per pass, hot dossiers first, each only when due', async () => {
    const prefix = uniquePrefix('dwb');
    const store = new RedisStore({ url, prefix });
    stores.push(store);
    let now = Date.now();
    const notices = new RecordingNotices();
    // 12 calls a minute, a pass every 5 s: one call per pass.
    const mod = moduleOn(store, notices, { now: () => now, env: { DOSSIER_WATCH_INTERVAL_S: '900', DOSSIER_WATCH_HOT_INTERVAL_S: '60', DOSSIER_WATCH_CALLS_PER_MIN: '12', DOSSIER_MAX_FOLLOWS: '5' } });
    const codes = ['000.00.53.H48-251120-0001', '000.00.53.H48-251120-0002', '000.00.53.H48-251120-0006'];
    for (const c of codes) await mod.service.handle({ type: 'follow_dossier', code: c }, { ...turn(tFor, 'batch-user'), now });
    // A cold code that is long overdue for a poll waits behind the hot ones.
    await store.zadd('dossier:watch', 0, CODE_B);
    await store.sadd(`dossier:followers:${CODE_B}`, 'someone');
    const polled: string[] = [];
    for (let i = 0; i < 4; i++) {
      const report = await mod.watcher.pass();
      expect(report.calls).toBe(1);
      polled.push(...(report.hot > 0 ? ['hot'] : ['cold']));
      now += 5000;
    }
    // Three hot (just followed) before the cold one.
    expect(polled).toEqual(['hot', 'hot', 'hot', 'cold']);
    // Polled hot codes are due again a hot interval later, not before.
    const hot = await store.zrangeByScore('dossier:watch:hot', Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
    expect(hot.map((e) => e.member).sort()).toEqual([...codes].sort());
    expect(hot.every((e) => e.score > now - 20_000 && e.score <= now + 60_000)).toBe(true);
    expect((await mod.watcher.pass()).calls).toBe(0);
    // A pass after a long gap may use the time it missed, but never more than is left of the minute.
    now += 120_000;
    await mod.watcher.pass();
    const minute = Math.floor(now / 60_000);
    expect(Number(await store.get(`dossier:watch:calls:${minute}`))).toBeLessThanOrEqual(12);
    expect(notices.delivered).toHaveLength(0);
  });

  it('moves a dossier that is neither due nor recently changed to the cold set', async () => {
    const prefix = uniquePrefix('dwcold');
    const store = new RedisStore({ url, prefix });
    stores.push(store);
    const mod = moduleOn(store, new RecordingNotices(), { env: { DOSSIER_WATCH_INTERVAL_S: '900', DOSSIER_WATCH_RECENT_H: '0', DOSSIER_WATCH_DUE_AHEAD_H: '24' } });
    // 0006 is due in 8 days; 0004 is overdue.
    await mod.service.handle({ type: 'follow_dossier', code: '000.00.53.H48-251120-0006' }, turn(tFor, 'cold-user'));
    await mod.service.handle({ type: 'follow_dossier', code: '000.00.53.H48-251120-0004' }, turn(tFor, 'cold-user')); // overdue
    await makeDue(store);
    await mod.watcher.pass();
    expect((await store.zrangeByScore('dossier:watch', Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY)).map((e) => e.member)).toEqual(['000.00.53.H48-251120-0006']);
    expect((await store.zrangeByScore('dossier:watch:hot', Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY)).map((e) => e.member)).toEqual(['000.00.53.H48-251120-0004']);
    expect(await mod.watchDemand()).toEqual({ hot: 1, cold: 1, callsPerMinNeeded: 2, callsPerMinBudget: 6000 });
  });
});
