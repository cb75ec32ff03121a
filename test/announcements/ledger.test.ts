import { afterEach, describe, expect, it } from 'vitest';
import { createDeliveryLedger, RedisDeliveryLedger } from '../../src/announcements/ledger.js';
import { NOTICE_LEDGER_KEYS } from '../../src/notify/service.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { testRedisUrl, uniquePrefix } from '../support/redis.js';

const url = testRedisUrl();

describe.skipIf(!url)('RedisDeliveryLedger batching (calls of one event-loop turn share one script run)', () => {
  let ledger: RedisDeliveryLedger | undefined;
  afterEach(async () => {
    await ledger?.close();
    ledger = undefined;
  });

  it('still decides each user on its own mark: one fresh claim per user, one counted settle', async () => {
    ledger = new RedisDeliveryLedger({ url, prefix: uniquePrefix('ledger') });
    const l = ledger;
    const now = Date.now();
    // Issued together, so they land in one batch: the second claim of u1 must see the first.
    const claims = await Promise.all([l.claim('a1', 'u1', now), l.claim('a1', 'u2', now), l.claim('a1', 'u1', now), l.claim('a2', 'u1', now)]);
    expect(claims.map((c) => c.state)).toEqual(['fresh', 'fresh', 'pending', 'fresh']);
    const settled = await Promise.all([
      l.settle('a1', 'u1', { counter: 'sent', messageId: 'm1', channel: 'promotion' }),
      l.settle('a1', 'u1', { counter: 'sent', messageId: 'm1', channel: 'promotion' }),
      l.settle('a1', 'u2', { counter: 'failed', code: '-217' }),
    ]);
    expect(settled).toEqual([1, null, 2]);
    expect((await l.claim('a1', 'u1', now)).state).toBe('settled');
    await l.release('a2', 'u1');
    expect((await l.claim('a2', 'u1', now)).state).toBe('retry');
  });

  it('limits sends per window across callers', async () => {
    ledger = new RedisDeliveryLedger({ url, prefix: uniquePrefix('ledger') });
    const waits = await Promise.all(Array.from({ length: 5 }, () => ledger!.takeSendSlot(3, 1000)));
    expect(waits.filter((w) => w === 0)).toHaveLength(3);
    expect(waits.filter((w) => w > 0 && w <= 1000)).toHaveLength(2);
  });
});

describe('a ledger with another key layout (dossier notices share the ledger, not its keys)', () => {
  const layouts = [
    ['store', async (prefix: string) => ({ store: new MemoryStore(), prefix })],
    ...(url ? [['redis', async (prefix: string) => ({ store: new RedisStore({ url, prefix }), prefix })] as const] : []),
  ] as const;
  for (const [kind, make] of layouts) {
    it(`keeps marks and tallies under its own keys (${kind})`, async () => {
      const { store, prefix } = await make(uniquePrefix('lkeys'));
      const ledger = createDeliveryLedger({ store, redisUrl: kind === 'redis' ? url : undefined, prefix, keys: NOTICE_LEDGER_KEYS });
      try {
        expect((await ledger.claim('20260301', 'n1.0', 1)).state).toBe('fresh');
        expect((await ledger.claim('20260301', 'n1.0', 2)).state).toBe('pending');
        await ledger.settle('20260301', 'n1.0', { counter: 'sent', messageId: 'm', channel: 'template' });
        expect((await store.hget('notice:{20260301}:marks', 'n1.0'))?.startsWith('s:')).toBe(true);
        expect(await store.hgetall('notice:{20260301}:channels')).toEqual({ template: '1' });
        expect(await store.ttl('notice:{20260301}:marks')).toBeGreaterThan(0);
        expect(await store.exists('ann:{20260301}:marks')).toBe(false);
        expect(await store.exists('ann:{20260301}')).toBe(false);
      } finally {
        await ledger.close();
        await store.close();
      }
    });
  }
});
