import { randomUUID } from 'node:crypto';
import type { Store } from '../store/ports.js';
import { createRedisClient, type RedisClient } from '../store/redis-store.js';
import { annKey, channelsKey, errorsKey, marksKey, skipsKey, uncertainKey } from './repository.js';
import { SLIDING_WINDOW_LUA } from '../store/sliding-window.js';
import { CLAIM_LUA, RELEASE_LUA, claimStamp, parseClaim, type Claim } from '../store/claim-marks.js';

/**
 * One mark per (announcement, user) decides whether a delivery may go out: claimed ("p:<time>")
 * before the call, settled with its outcome after (the once-only marks of store/claim-marks.ts). A worker
 * that died between the two leaves the claim behind, so a restart never sends blindly again. Settling also
 * counts the outcome; on Redis both happen in one script, so a crash can neither lose nor double a count.
 */

export type { Claim };

export type Outcome =
  | { counter: 'sent'; messageId: string; channel: string }
  | { counter: 'failed'; code: string }
  | { counter: 'skipped'; reason: string }
  | { counter: 'cancelled' }
  /** `since`: when the send that may have happened was claimed (the conversation history is read from there). */
  | { counter: 'uncertain'; since: number };

/** An uncertain delivery: who, and since when the message may have been there. */
export interface UncertainDelivery {
  userId: string;
  since: number;
}

export interface DeliveryLedger {
  claim(id: string, userId: string, now: number): Promise<Claim>;
  /** The message certainly did not leave: the next try sends it (the claim is kept as "retry"). */
  release(id: string, userId: string): Promise<void>;
  /** Records the outcome unless one is already recorded; returns how many deliveries are settled, or null. */
  settle(id: string, userId: string, outcome: Outcome): Promise<number | null>;
  /** Deliveries left uncertain, at most `limit`. */
  uncertain(id: string, limit: number): Promise<UncertainDelivery[]>;
  /** An uncertain delivery the conversation history shows: counted as sent instead. False when it was not uncertain. */
  resolveUncertain(id: string, userId: string): Promise<boolean>;
  /** An uncertain delivery the history does not show: claimed again (pending, uncounted) to be sent once more. */
  reopenUncertain(id: string, userId: string, now: number): Promise<boolean>;
  /**
   * One send under a limit of `max` per `windowMs` shared by every instance (Zalo's quota is per OA):
   * 0 when the send may go now, else how long to wait before asking again.
   */
  takeSendSlot(max: number, windowMs: number): Promise<number>;
  close(): Promise<void>;
}

const MARKS_TTL_MS = 30 * 24 * 3600 * 1000;

/**
 * Where one ledger id keeps its marks and tallies. Announcements use their own keys; dossier notices
 * (src/notify) use theirs. On Redis Cluster the five keys of one id must share a hash tag.
 */
export interface LedgerKeys {
  marks(id: string): string;
  counts(id: string): string;
  errors(id: string): string;
  skips(id: string): string;
  channels(id: string): string;
  /** The set of users whose delivery is uncertain (reconciled against the conversation history). */
  uncertain(id: string): string;
}

export const ANNOUNCEMENT_LEDGER_KEYS: LedgerKeys = { marks: marksKey, counts: annKey, errors: errorsKey, skips: skipsKey, channels: channelsKey, uncertain: uncertainKey };

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
      return `u:${o.since}`;
  }
}

/** The since-time kept in an uncertain mark ("u:<time>"); 0 for older marks without one. */
function uncertainSince(mark: string | null): number | null {
  return mark?.startsWith('u:') ? Number(mark.slice(2)) || 0 : null;
}

export const RECONCILED_CHANNEL = 'reconciled';

function detailOf(keys: LedgerKeys, id: string, o: Outcome): { key: string; field: string } {
  if (o.counter === 'sent') return { key: keys.channels(id), field: o.channel };
  if (o.counter === 'failed') return { key: keys.errors(id), field: o.code };
  if (o.counter === 'skipped') return { key: keys.skips(id), field: o.reason };
  return { key: keys.errors(id), field: '' };
}

// Many users of one announcement per call: a broadcast claims and settles thousands per second, and one
// script run per batch costs Redis and the worker far less than one per user. Each user is still decided
// on its own mark, atomically, exactly as a single claim or settle would.
// ARGV: ttl, then per user (userId, mark, counter, detail key index or 0, detail field).
const SETTLE_LUA = `local out = {}
for i = 2, #ARGV, 5 do
  local prev = redis.call('HGET', KEYS[1], ARGV[i])
  if prev and string.sub(prev, 1, 2) ~= 'p:' and string.sub(prev, 1, 2) ~= 'r:' then
    out[#out + 1] = -1
  else
    redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
    redis.call('HINCRBY', KEYS[2], ARGV[i + 2], 1)
    if ARGV[i + 2] == 'uncertain' then redis.call('SADD', KEYS[6], ARGV[i]) end
    local k = tonumber(ARGV[i + 3])
    if k > 0 then redis.call('HINCRBY', KEYS[k], ARGV[i + 4], 1) end
    out[#out + 1] = redis.call('HINCRBY', KEYS[2], 'processed', 1)
  end
end
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return out`;

// KEYS: marks, ann, channels, uncertain set; ARGV: userId, new mark, 'resolve' | 'reopen'. Only an uncertain mark moves:
// resolved it counts as sent (through the reconciled channel); reopened it is a pending claim, uncounted until settled.
const UNCERTAIN_LUA = `local prev = redis.call('HGET', KEYS[1], ARGV[1])
if not prev or string.sub(prev, 1, 2) ~= 'u:' then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('HINCRBY', KEYS[2], 'uncertain', -1)
redis.call('SREM', KEYS[4], ARGV[1])
if ARGV[3] == 'reopen' then
  redis.call('HINCRBY', KEYS[2], 'processed', -1)
else
  redis.call('HINCRBY', KEYS[2], 'sent', 1)
  redis.call('HINCRBY', KEYS[3], 'reconciled', 1)
end
return 1`;

const SEND_SLOT_LUA = SLIDING_WINDOW_LUA;

const SEND_SLOT_KEY = 'ann:send-window';

interface LedgerCommands {
  zbotAnnClaimMany(marks: string, stamp: string, ttl: number, ...userIds: string[]): Promise<string[]>;
  zbotAnnSettleMany(marks: string, ann: string, errors: string, skips: string, channels: string, uncertain: string, ttl: number, ...items: (string | number)[]): Promise<number[]>;
  zbotAnnRelease(marks: string, userId: string): Promise<number>;
  zbotAnnUncertain(marks: string, ann: string, channels: string, uncertain: string, userId: string, mark: string, mode: 'resolve' | 'reopen'): Promise<number>;
  zbotAnnSendSlot(key: string, max: number, windowMs: number, member: string): Promise<number>;
}

/** KEYS index of an outcome's detail counter in SETTLE_LUA (0: none). */
function detailIndex(o: Outcome): number {
  if (o.counter === 'failed') return 3;
  if (o.counter === 'skipped') return 4;
  if (o.counter === 'sent') return 5;
  return 0;
}

interface Waiting<I, O> {
  item: I;
  resolve: (v: O) => void;
  reject: (err: unknown) => void;
}

/**
 * Gathers the calls made within one turn of the event loop (the sends that completed together) and runs
 * them as one script per announcement. Each caller still waits for its own answer before going on, so
 * "claimed before sending, settled after" holds per user; the batch only shares the round trip.
 */
class PerTurnBatcher<I extends { id: string }, O> {
  private waiting: Waiting<I, O>[] = [];
  private scheduled = false;

  constructor(
    private readonly run: (id: string, items: I[]) => Promise<O[]>,
    private readonly max: number,
  ) {}

  push(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.waiting.length >= this.max) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.waiting;
    this.waiting = [];
    const byId = new Map<string, Waiting<I, O>[]>();
    for (const w of batch) {
      const list = byId.get(w.item.id);
      if (list) list.push(w);
      else byId.set(w.item.id, [w]);
    }
    for (const [id, list] of byId) {
      this.run(
        id,
        list.map((w) => w.item),
      ).then(
        (out) => list.forEach((w, i) => w.resolve(out[i]!)),
        (err: unknown) => list.forEach((w) => w.reject(err)),
      );
    }
  }
}

const BATCH_MAX = 256;

/** The ledger on Redis: atomic scripts on a connection with the store's key prefix. */
export class RedisDeliveryLedger implements DeliveryLedger {
  private readonly client: RedisClient;
  private readonly cmd: LedgerCommands;
  private readonly claims: PerTurnBatcher<{ id: string; userId: string; now: number }, string>;
  private readonly settles: PerTurnBatcher<{ id: string; userId: string; outcome: Outcome }, number>;

  private readonly keys: LedgerKeys;

  constructor(opts: { url: string; prefix: string; keys?: LedgerKeys }) {
    this.keys = opts.keys ?? ANNOUNCEMENT_LEDGER_KEYS;
    const keys = this.keys;
    this.client = createRedisClient(opts.url, { keyPrefix: opts.prefix, maxRetriesPerRequest: 3, retryStrategy: (times) => Math.min(50 * times, 1000) });
    this.client.on('error', () => undefined);
    this.client.defineCommand('zbotAnnClaimMany', { numberOfKeys: 1, lua: CLAIM_LUA });
    this.client.defineCommand('zbotAnnSettleMany', { numberOfKeys: 6, lua: SETTLE_LUA });
    this.client.defineCommand('zbotAnnUncertain', { numberOfKeys: 4, lua: UNCERTAIN_LUA });
    this.client.defineCommand('zbotAnnRelease', { numberOfKeys: 1, lua: RELEASE_LUA });
    this.client.defineCommand('zbotAnnSendSlot', { numberOfKeys: 1, lua: SEND_SLOT_LUA });
    this.cmd = this.client as unknown as LedgerCommands;
    // One claim time per batch: the batch is gathered within one turn of the event loop.
    this.claims = new PerTurnBatcher((id, items) => this.cmd.zbotAnnClaimMany(this.keys.marks(id), claimStamp(items[0]!.now), MARKS_TTL_MS, ...items.map((c) => c.userId)), BATCH_MAX);
    this.settles = new PerTurnBatcher((id, items) => {
      const args: (string | number)[] = [];
      for (const { userId, outcome } of items) {
        const detail = detailOf(keys, id, outcome);
        args.push(userId, markValue(outcome), outcome.counter, detail.field ? detailIndex(outcome) : 0, detail.field);
      }
      return this.cmd.zbotAnnSettleMany(this.keys.marks(id), this.keys.counts(id), this.keys.errors(id), this.keys.skips(id), this.keys.channels(id), this.keys.uncertain(id), MARKS_TTL_MS, ...args);
    }, BATCH_MAX);
  }

  async claim(id: string, userId: string, now: number): Promise<Claim> {
    return parseClaim(await this.claims.push({ id, userId, now }));
  }

  async release(id: string, userId: string): Promise<void> {
    await this.cmd.zbotAnnRelease(this.keys.marks(id), userId);
  }

  async settle(id: string, userId: string, outcome: Outcome): Promise<number | null> {
    const n = Number(await this.settles.push({ id, userId, outcome }));
    return n < 0 ? null : n;
  }

  async uncertain(id: string, limit: number): Promise<UncertainDelivery[]> {
    const users = (await this.client.smembers(this.keys.uncertain(id))).slice(0, limit);
    if (users.length === 0) return [];
    const marks = await this.client.hmget(this.keys.marks(id), ...users);
    return users.flatMap((userId, i) => {
      const since = uncertainSince(marks[i] ?? null);
      return since === null ? [] : [{ userId, since }];
    });
  }

  async resolveUncertain(id: string, userId: string): Promise<boolean> {
    return (await this.cmd.zbotAnnUncertain(this.keys.marks(id), this.keys.counts(id), this.keys.channels(id), this.keys.uncertain(id), userId, `s:${RECONCILED_CHANNEL}`, 'resolve')) === 1;
  }

  async reopenUncertain(id: string, userId: string, now: number): Promise<boolean> {
    return (await this.cmd.zbotAnnUncertain(this.keys.marks(id), this.keys.counts(id), this.keys.channels(id), this.keys.uncertain(id), userId, `p:${claimStamp(now)}`, 'reopen')) === 1;
  }

  takeSendSlot(max: number, windowMs: number): Promise<number> {
    return this.cmd.zbotAnnSendSlot(SEND_SLOT_KEY, max, windowMs, randomUUID());
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
  constructor(
    private readonly store: Store,
    private readonly keys: LedgerKeys = ANNOUNCEMENT_LEDGER_KEYS,
  ) {}

  async claim(id: string, userId: string, now: number): Promise<Claim> {
    const [prev] = await this.store.claimFields(this.keys.marks(id), claimStamp(now), MARKS_TTL_MS, [userId]);
    return parseClaim(prev ?? null);
  }

  release(id: string, userId: string): Promise<void> {
    return this.store.releaseField(this.keys.marks(id), userId);
  }

  async settle(id: string, userId: string, outcome: Outcome): Promise<number | null> {
    if (!(await this.store.settleField(this.keys.marks(id), userId, markValue(outcome), MARKS_TTL_MS))) return null;
    await this.store.hincrBy(this.keys.counts(id), outcome.counter, 1);
    if (outcome.counter === 'uncertain') await this.store.sadd(this.keys.uncertain(id), userId);
    const detail = detailOf(this.keys, id, outcome);
    if (detail.field) await this.store.hincrBy(detail.key, detail.field, 1);
    return this.store.hincrBy(this.keys.counts(id), 'processed', 1);
  }

  async uncertain(id: string, limit: number): Promise<UncertainDelivery[]> {
    const out: UncertainDelivery[] = [];
    for (const userId of (await this.store.smembers(this.keys.uncertain(id))).slice(0, limit)) {
      const since = uncertainSince(await this.store.hget(this.keys.marks(id), userId));
      if (since !== null) out.push({ userId, since });
    }
    return out;
  }

  private async leaveUncertain(id: string, userId: string, mark: string): Promise<boolean> {
    if (uncertainSince(await this.store.hget(this.keys.marks(id), userId)) === null) return false;
    await this.store.hset(this.keys.marks(id), { [userId]: mark });
    await this.store.hincrBy(this.keys.counts(id), 'uncertain', -1);
    await this.store.srem(this.keys.uncertain(id), userId);
    return true;
  }

  async resolveUncertain(id: string, userId: string): Promise<boolean> {
    if (!(await this.leaveUncertain(id, userId, `s:${RECONCILED_CHANNEL}`))) return false;
    await this.store.hincrBy(this.keys.counts(id), 'sent', 1);
    await this.store.hincrBy(this.keys.channels(id), RECONCILED_CHANNEL, 1);
    return true;
  }

  async reopenUncertain(id: string, userId: string, now: number): Promise<boolean> {
    if (!(await this.leaveUncertain(id, userId, `p:${claimStamp(now)}`))) return false;
    await this.store.hincrBy(this.keys.counts(id), 'processed', -1);
    return true;
  }

  private readonly sends: number[] = [];

  async takeSendSlot(max: number, windowMs: number): Promise<number> {
    const now = Date.now();
    while (this.sends.length > 0 && this.sends[0]! <= now - windowMs) this.sends.shift();
    if (this.sends.length < max) {
      this.sends.push(now);
      return 0;
    }
    return Math.max(1, this.sends[0]! + windowMs - now);
  }

  async close(): Promise<void> {}
}

/** The atomic Redis ledger when the store is Redis, else the ledger over the store (one process). */
export function createDeliveryLedger(opts: { store: Store; redisUrl?: string; prefix: string; keys?: LedgerKeys }): DeliveryLedger {
  return opts.redisUrl && opts.store.kind === 'redis'
    ? new RedisDeliveryLedger({ url: opts.redisUrl, prefix: opts.prefix, keys: opts.keys })
    : new StoreDeliveryLedger(opts.store, opts.keys);
}
