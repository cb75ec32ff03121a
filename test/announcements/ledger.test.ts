import { afterEach, describe, expect, it } from 'vitest';
import { RedisDeliveryLedger } from '../../src/announcements/ledger.js';
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
