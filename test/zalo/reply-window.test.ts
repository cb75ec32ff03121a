import { afterAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory-store.js';
import { RedisStore } from '../../src/store/redis-store.js';
import type { Store } from '../../src/store/ports.js';
import { ReplyWindowTracker } from '../../src/zalo/reply-window.js';
import { testRedisUrl, uniquePrefix } from '../support/redis.js';

const H = 3600_000;
const DAY = 24 * H;
const T0 = 1_716_950_400_000;

function suite(name: string, makeStore: () => Store) {
  describe(`ReplyWindowTracker (${name})`, () => {
    it('no inbound message: nothing may be sent', async () => {
      const w = new ReplyWindowTracker(makeStore(), { freeRepliesPerTurn: 8 });
      expect(await w.canReply('u1', T0)).toMatchObject({ allowed: false, free: false, reason: 'no_inbound' });
    });

    it('eight free replies within 48 h, the ninth is allowed but not free', async () => {
      const w = new ReplyWindowTracker(makeStore(), { freeRepliesPerTurn: 8 });
      await w.recordInbound('u1', T0);
      for (let i = 0; i < 8; i++) {
        expect(await w.canReply('u1', T0 + 1000)).toMatchObject({ allowed: true, free: true, repliesSinceInbound: i });
        await w.recordReply('u1');
      }
      expect(await w.canReply('u1', T0 + 1000)).toMatchObject({ allowed: true, free: false, repliesSinceInbound: 8 });
    });

    it('a new inbound message resets the free allowance', async () => {
      const w = new ReplyWindowTracker(makeStore(), { freeRepliesPerTurn: 2 });
      await w.recordInbound('u1', T0);
      await w.recordReply('u1');
      await w.recordReply('u1');
      expect((await w.canReply('u1', T0 + 1000)).free).toBe(false);
      await w.recordInbound('u1', T0 + 2000);
      expect(await w.canReply('u1', T0 + 3000)).toMatchObject({ allowed: true, free: true, repliesSinceInbound: 0 });
    });

    it('an older inbound event handled late does not move the window back', async () => {
      const w = new ReplyWindowTracker(makeStore(), { freeRepliesPerTurn: 8 });
      await w.recordInbound('u1', T0 + 10 * H);
      await w.recordInbound('u1', T0);
      expect((await w.canReply('u1', T0 + 10 * H)).lastInboundAt).toBe(T0 + 10 * H);
    });

    it('after 48 h: allowed but paid; after 7 days: closed', async () => {
      const w = new ReplyWindowTracker(makeStore(), { freeRepliesPerTurn: 8 });
      await w.recordInbound('u1', T0);
      expect(await w.canReply('u1', T0 + 48 * H - 1)).toMatchObject({ allowed: true, free: true });
      expect(await w.canReply('u1', T0 + 48 * H)).toMatchObject({ allowed: true, free: false });
      expect(await w.canReply('u1', T0 + 7 * DAY - 1)).toMatchObject({ allowed: true, free: false });
      expect(await w.canReply('u1', T0 + 7 * DAY)).toMatchObject({ allowed: false, reason: 'window_closed' });
    });

    it('keys expire after 8 days', async () => {
      const store = makeStore();
      const w = new ReplyWindowTracker(store, { freeRepliesPerTurn: 8 });
      await w.recordInbound('u1', T0);
      await w.recordReply('u1');
      const ttl = await store.ttl('replywin:u1');
      expect(ttl).toBeGreaterThan(8 * DAY - 60_000);
      expect(ttl).toBeLessThanOrEqual(8 * DAY);
    });
  });
}

suite('memory', () => new MemoryStore());

const url = testRedisUrl();
const opened: RedisStore[] = [];
if (url) {
  suite('redis', () => {
    const s = new RedisStore({ url, prefix: uniquePrefix('replywin') });
    opened.push(s);
    return s;
  });
} else {
  describe.skip('ReplyWindowTracker (redis): no Redis available', () => {
    it('skipped', () => undefined);
  });
}
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
});
