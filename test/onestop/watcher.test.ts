import express from 'express';
import type { Server } from 'node:http';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDossierModule, type DossierModule } from '../../src/onestop/module.js';
import { cronForInterval, UNDELIVERED_KEY } from '../../src/onestop/watcher.js';
import { createDemoOnestopRouter, DEMO_API_PREFIX, type DemoOnestop } from '../../src/sim/onestop/demo-onestop.js';
import type { Store } from '../../src/store/ports.js';
import { RedisStore } from '../../src/store/redis-store.js';
import type { Language, Translate } from '../../src/dialogue/types.js';
import { testRedisUrl, uniquePrefix } from '../support/redis.js';
import { RecordingSender, loadTFor, openWindow, silent, testConfig, turn } from './helpers.js';

const url = testRedisUrl();
const CODE_A = '000.00.53.H48-251120-0003'; // Đang xử lý
const CODE_B = '000.00.53.H48-251120-0005'; // Yêu cầu bổ sung

describe('cron expression for the interval', () => {
  it('fires exactly every interval when it fits a cron unit', () => {
    expect(cronForInterval(900)).toBe('0 */15 * * * *');
    expect(cronForInterval(30)).toBe('*/30 * * * * *');
    expect(cronForInterval(7200)).toBe('0 0 */2 * * *');
    expect(cronForInterval(700)).toBe('*/10 * * * * *');
  });
});

describe.skipIf(!url)('dossier watcher with two instances on one Redis', () => {
  let tFor: (lng: Language) => Translate;
  let demo: DemoOnestop;
  let server: Server;
  let base: string;
  const stores: RedisStore[] = [];

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
    await Promise.all(stores.map((s) => s.close()));
    await new Promise<void>((r) => server.close(() => r()));
    nock.enableNetConnect();
  });

  /** A dossier module on `store` talking to the demo one-stop server. */
  function moduleOn(store: Store, sender: RecordingSender, opts: { window?: typeof openWindow; env?: Record<string, string>; watchBatchSize?: number } = {}): DossierModule {
    return createDossierModule({
      config: testConfig(opts.env ?? { ONESTOP_TIMEOUT_MS: '2000', DOSSIER_WATCH_INTERVAL_S: '10' }),
      store,
      logger: silent,
      tFor,
      sender,
      replyWindow: opts.window ?? openWindow,
      onestopBaseUrl: base,
      ssoUrl: base,
      clientId: demo.credentials.clientId,
      clientSecret: demo.credentials.clientSecret,
      watchBatchSize: opts.watchBatchSize,
    });
  }

  function instance(prefix: string, sender: RecordingSender, window = openWindow): DossierModule {
    const store = new RedisStore({ url, prefix });
    stores.push(store);
    return moduleOn(store, sender, { window });
  }

  /** Makes every followed dossier due again (as if an interval had passed). */
  async function makeDue(store: RedisStore) {
    for (const { member } of await store.zrangeByScore('dossier:watch', Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY)) await store.zadd('dossier:watch', 0, member);
  }

  it('looks up a sample dossier from the demo server over the iGate wire format', async () => {
    const one = instance(uniquePrefix('dw0'), new RecordingSender());
    const reply = await one.service.handle({ type: 'lookup_dossier', code: '000.00.53.H48-251120-0008' }, turn(tFor, 'demo'));
    expect(reply.text).toContain('Đã có kết quả, chờ trả');
    const proved = await one.service.handle({ type: 'lookup_dossier', code: '000.00.53.H48-251120-0008', proof: '8901' }, turn(tFor, 'demo2'));
    expect(proved.text).toContain('Bùi T*** H');
  });

  it('sends exactly one notice per change, even with two watchers ticking together', async () => {
    const prefix = uniquePrefix('dw');
    const senderA = new RecordingSender();
    const senderB = new RecordingSender();
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

  it('still sends once when the tick lock is lost (the per-change claim decides)', async () => {
    const prefix = uniquePrefix('dwc');
    const senders = [new RecordingSender(), new RecordingSender()];
    const mods = senders.map((sender) => {
      const real = new RedisStore({ url, prefix });
      stores.push(real);
      // Every tryLock succeeds, as if each instance's lock had expired under the other.
      const store = new Proxy(real, {
        get(target, prop, receiver) {
          if (prop === 'tryLock') return async (key: string) => ({ key, token: 'x', release: async () => true, extend: async () => true });
          const v = Reflect.get(target, prop, receiver);
          return typeof v === 'function' ? v.bind(target) : v;
        },
      });
      return moduleOn(store, sender);
    });
    const code = '000.00.53.H48-251120-0007';
    await mods[0]!.service.handle({ type: 'follow_dossier', code }, turn(tFor, 'claim-user'));
    demo.setStatus(code, { name: 'Đang xử lý' });
    await makeDue(stores.at(-1)!);
    const sent = await Promise.all([mods[0]!.watcher.tick(), mods[1]!.watcher.tick()]);
    expect(sent[0]! + sent[1]!).toBe(1);
    expect(senders[0]!.sent.length + senders[1]!.sent.length).toBe(1);
    expect(await stores.at(-1)!.hget(`dossier:sub:claim-user:${code}`, 'status')).toBe('dang_xu_ly');
  });

  it('polls in bounded batches and only codes that are due', async () => {
    const prefix = uniquePrefix('dwb');
    const sender = new RecordingSender();
    const store = new RedisStore({ url, prefix });
    stores.push(store);
    const mod = moduleOn(store, sender, { env: { DOSSIER_WATCH_INTERVAL_S: '900', DOSSIER_MAX_FOLLOWS: '5' }, watchBatchSize: 2 });
    const codes = ['000.00.53.H48-251120-0001', '000.00.53.H48-251120-0002', '000.00.53.H48-251120-0006'];
    for (const c of codes) await mod.service.handle({ type: 'follow_dossier', code: c }, turn(tFor, 'batch-user'));
    // Just followed: not due until an interval has passed.
    await mod.watcher.tick();
    const scores = async () => (await store.zrangeByScore('dossier:watch', Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY)).map((e) => e.score);
    const before = await scores();
    for (const c of codes) await store.zadd('dossier:watch', 0, c);
    await mod.watcher.tick();
    expect((await scores()).filter((s) => s === 0)).toHaveLength(1);
    expect(before.every((s) => s > 0)).toBe(true);
  });

  it('records the notice as undelivered outside the 7-day window', async () => {
    const prefix = uniquePrefix('dwu');
    const sender = new RecordingSender();
    const closed = { canReply: async () => ({ allowed: false, reason: 'window_closed' }), recordReply: async () => undefined };
    const mod = instance(prefix, sender, closed);
    const code = '000.00.53.H48-251120-0002';
    await mod.service.handle({ type: 'follow_dossier', code }, turn(tFor, 'quiet-user'));
    demo.setStatus(code, { name: 'Đang xử lý' });
    await makeDue(stores.at(-1)!);
    expect(await mod.watcher.tick()).toBe(0);
    expect(sender.sent).toHaveLength(0);
    const undelivered = (await stores.at(-1)!.lrange(UNDELIVERED_KEY, 0, -1)).map((s) => JSON.parse(s));
    expect(undelivered).toEqual([expect.objectContaining({ userId: 'quiet-user', code, status: 'dang_xu_ly', reason: 'window_closed' })]);
    // Recorded as told: not retried at the next tick.
    await makeDue(stores.at(-1)!);
    await mod.watcher.tick();
    expect(await stores.at(-1)!.llen(UNDELIVERED_KEY)).toBe(1);
  });
});
