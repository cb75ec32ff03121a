import type { Store } from '../store/ports.js';
import { createRedisClient, type RedisClient } from '../store/redis-store.js';
import { annKey, channelsKey, errorsKey, marksKey, skipsKey } from './repository.js';

/**
 * One mark per (announcement, user) decides whether a delivery may go out: claimed ("p:<time>")
 * before the call, settled with its outcome after. A worker that died between the two leaves the
 * claim behind, so a restart never sends blindly again. Settling also counts the outcome; on Redis
 * both happen in one script, so a crash can neither lose nor double a count.
 */

export type Claim = { state: 'fresh' } | { state: 'retry' } | { state: 'pending'; since: number } | { state: 'settled' };

export type Outcome =
  | { counter: 'sent'; messageId: string; channel: string }
  | { counter: 'failed'; code: string }
  | { counter: 'skipped'; reason: string }
  | { counter: 'cancelled' }
  | { counter: 'uncertain' };

export interface DeliveryLedger {
  claim(id: string, userId: string, now: number): Promise<Claim>;
  /** The message certainly did not leave: the next try sends it (the claim is kept as "retry"). */
  release(id: string, userId: string): Promise<void>;
  /** Records the outcome unless one is already recorded; returns how many deliveries are settled, or null. */
  settle(id: string, userId: string, outcome: Outcome): Promise<number | null>;
  close(): Promise<void>;
}

const MARKS_TTL_MS = 30 * 24 * 3600 * 1000;

function markValue(o: Outcome): string {
  switch (o.counter) {
    case 'sent':
      return `s:${o.messageId}`;
    case 'failed':
      return `f:${o.code}`;
    case 'skipped':
      return `k:${o.reason}`;
    case 'cancelled':
      return 'c:';
    case 'uncertain':
      return 'u:';
  }
}

function detailOf(id: string, o: Outcome): { key: string; field: string } {
  if (o.counter === 'sent') return { key: channelsKey(id), field: o.channel };
  if (o.counter === 'failed') return { key: errorsKey(id), field: o.code };
  if (o.counter === 'skipped') return { key: skipsKey(id), field: o.reason };
  return { key: errorsKey(id), field: '' };
}

function parseClaim(prev: string | null): Claim {
  if (prev === null || prev === 'fresh') return { state: 'fresh' };
  if (prev === 'retry') return { state: 'retry' };
  if (prev.startsWith('p:')) return { state: 'pending', since: Number(prev.slice(2)) };
  return { state: 'settled' };
}

const CLAIM_LUA = `local prev = redis.call('HGET', KEYS[1], ARGV[1])
if not prev then
  redis.call('HSET', KEYS[1], ARGV[1], 'p:' .. ARGV[2])
  if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
  return 'fresh'
end
if string.sub(prev, 1, 2) == 'r:' then
  redis.call('HSET', KEYS[1], ARGV[1], 'p:' .. ARGV[2])
  return 'retry'
end
return prev`;

const SETTLE_LUA = `local prev = redis.call('HGET', KEYS[1], ARGV[1])
if prev and string.sub(prev, 1, 2) ~= 'p:' and string.sub(prev, 1, 2) ~= 'r:' then return -1 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[5]) end
redis.call('HINCRBY', KEYS[2], ARGV[3], 1)
if ARGV[4] ~= '' then redis.call('HINCRBY', KEYS[3], ARGV[4], 1) end
return redis.call('HINCRBY', KEYS[2], 'processed', 1)`;

const RELEASE_LUA = `local prev = redis.call('HGET', KEYS[1], ARGV[1])
if prev and string.sub(prev, 1, 2) == 'p:' then redis.call('HSET', KEYS[1], ARGV[1], 'r:') end
return 0`;

interface LedgerCommands {
  zbotAnnClaim(marks: string, userId: string, now: number, ttl: number): Promise<string>;
  zbotAnnSettle(marks: string, ann: string, detail: string, userId: string, value: string, counter: string, field: string, ttl: number): Promise<number>;
  zbotAnnRelease(marks: string, userId: string): Promise<number>;
}

/** The ledger on Redis: atomic scripts on a connection with the store's key prefix. */
export class RedisDeliveryLedger implements DeliveryLedger {
  private readonly client: RedisClient;
  private readonly cmd: LedgerCommands;

  constructor(opts: { url: string; prefix: string }) {
    this.client = createRedisClient(opts.url, { keyPrefix: opts.prefix, maxRetriesPerRequest: 3, retryStrategy: (times) => Math.min(50 * times, 1000) });
    this.client.on('error', () => undefined);
    this.client.defineCommand('zbotAnnClaim', { numberOfKeys: 1, lua: CLAIM_LUA });
    this.client.defineCommand('zbotAnnSettle', { numberOfKeys: 3, lua: SETTLE_LUA });
    this.client.defineCommand('zbotAnnRelease', { numberOfKeys: 1, lua: RELEASE_LUA });
    this.cmd = this.client as unknown as LedgerCommands;
  }

  async claim(id: string, userId: string, now: number): Promise<Claim> {
    return parseClaim(await this.cmd.zbotAnnClaim(marksKey(id), userId, now, MARKS_TTL_MS));
  }

  async release(id: string, userId: string): Promise<void> {
    await this.cmd.zbotAnnRelease(marksKey(id), userId);
  }

  async settle(id: string, userId: string, outcome: Outcome): Promise<number | null> {
    const detail = detailOf(id, outcome);
    const n = await this.cmd.zbotAnnSettle(marksKey(id), annKey(id), detail.key, userId, markValue(outcome), outcome.counter, detail.field, MARKS_TTL_MS);
    return n < 0 ? null : n;
  }

  async close(): Promise<void> {
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
  }
}

/**
 * The ledger over the Store port, for the in-memory store (one process: no crash can split the steps).
 * On a shared Redis use RedisDeliveryLedger, whose steps are atomic.
 */
export class StoreDeliveryLedger implements DeliveryLedger {
  constructor(private readonly store: Store) {}

  async claim(id: string, userId: string, now: number): Promise<Claim> {
    const prev = await this.store.hget(marksKey(id), userId);
    if (prev === null || prev.startsWith('r:')) {
      await this.store.hset(marksKey(id), { [userId]: `p:${now}` });
      return { state: prev === null ? 'fresh' : 'retry' };
    }
    return parseClaim(prev);
  }

  async release(id: string, userId: string): Promise<void> {
    const prev = await this.store.hget(marksKey(id), userId);
    if (prev?.startsWith('p:')) await this.store.hset(marksKey(id), { [userId]: 'r:' });
  }

  async settle(id: string, userId: string, outcome: Outcome): Promise<number | null> {
    const prev = await this.store.hget(marksKey(id), userId);
    if (prev !== null && !prev.startsWith('p:') && !prev.startsWith('r:')) return null;
    await this.store.hset(marksKey(id), { [userId]: markValue(outcome) });
    await this.store.hincrBy(annKey(id), outcome.counter, 1);
    const detail = detailOf(id, outcome);
    if (detail.field) await this.store.hincrBy(detail.key, detail.field, 1);
    return this.store.hincrBy(annKey(id), 'processed', 1);
  }

  async close(): Promise<void> {}
}
