/**
 * Storage ports. Every piece of shared state goes through these interfaces so that the
 * embedded in-memory store and Redis behave the same (one contract test suite runs against both).
 * Keys passed in are logical; implementations add the configured prefix.
 */

export interface SetOptions {
  /** Time to live in milliseconds; omitted means no expiry. */
  ttlMs?: number;
}

export interface Lock {
  readonly key: string;
  readonly token: string;
  /** Releases the lock if this holder still owns it; returns false when it had expired or was taken over. */
  release(): Promise<boolean>;
  /** Extends the lock if still owned. */
  extend(ttlMs: number): Promise<boolean>;
}

export type Unsubscribe = () => Promise<void>;

export interface KeyValueStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, opts?: SetOptions): Promise<void>;
  /** Atomic set-if-absent (SET NX). True when this call created the key. */
  setIfAbsent(key: string, value: string, ttlMs?: number): Promise<boolean>;
  del(...keys: string[]): Promise<number>;
  exists(key: string): Promise<boolean>;
  /** Atomic increment; sets the TTL only when the key is created by this call. */
  incrBy(key: string, by?: number, ttlMsOnCreate?: number): Promise<number>;
  expire(key: string, ttlMs: number): Promise<boolean>;
  /** Remaining time to live in ms; -1 without expiry, -2 when the key does not exist. */
  ttl(key: string): Promise<number>;
  mget(keys: string[]): Promise<(string | null)[]>;
  /** Keys matching a glob pattern (logical keys, prefix removed). For admin/maintenance, not hot paths. */
  scanKeys(pattern: string, limit?: number): Promise<string[]>;
}

export interface HashStore {
  hget(key: string, field: string): Promise<string | null>;
  hset(key: string, values: Record<string, string>): Promise<void>;
  hgetall(key: string): Promise<Record<string, string>>;
  hdel(key: string, ...fields: string[]): Promise<number>;
  hincrBy(key: string, field: string, by?: number): Promise<number>;
}

export interface SetStore {
  sadd(key: string, ...members: string[]): Promise<number>;
  srem(key: string, ...members: string[]): Promise<number>;
  smembers(key: string): Promise<string[]>;
  sismember(key: string, member: string): Promise<boolean>;
  scard(key: string): Promise<number>;
}

export interface SortedSetStore {
  zadd(key: string, score: number, member: string): Promise<void>;
  zrem(key: string, ...members: string[]): Promise<number>;
  /** Members with min <= score <= max, ascending, at most `limit`. */
  zrangeByScore(key: string, min: number, max: number, limit?: number): Promise<{ member: string; score: number }[]>;
  zcard(key: string): Promise<number>;
  zscore(key: string, member: string): Promise<number | null>;
}

export interface ListStore {
  /** Prepends and trims the list to `maxLength` (newest first). */
  lpushCapped(key: string, value: string, maxLength: number): Promise<void>;
  lrange(key: string, start: number, stop: number): Promise<string[]>;
  llen(key: string): Promise<number>;
  /**
   * Atomically: when `key` is absent, sets it (with a TTL) and appends `item` to the tail of `listKey`; otherwise
   * changes nothing. True when it was absent. On Redis Cluster both keys must share a hash tag.
   */
  setIfAbsentAndAppend(key: string, value: string, ttlMs: number, listKey: string, item: string): Promise<boolean>;
  /**
   * Atomically moves items from the head of `from` to the tail of `to` until `to` holds `max` items (or `from`
   * is empty), then returns the first `max` items of `to`. Items already in `to` come first: a batch that was
   * taken but never finished is handed out again.
   */
  takeBatch(from: string, to: string, max: number): Promise<string[]>;
}

/** Once-only marks (see claim-marks.ts): one hash per scope, one field per thing to send. */
export interface ClaimStore {
  /**
   * Atomically, per field of hash `key`: absent or released ("r:") becomes pending ("p:" + `stamp`) and is
   * answered 'fresh' / 'retry'; any other value is left alone and answered as it is. The hash gets `ttlMs`
   * when it has no TTL yet.
   */
  claimFields(key: string, stamp: string, ttlMs: number, fields: string[]): Promise<string[]>;
  /** A pending field becomes released ("r:"): the send certainly did not happen. Other values stay. */
  releaseField(key: string, field: string): Promise<void>;
  /** Records `value` unless an outcome is already recorded (absent, pending or released may be replaced). True when recorded. */
  settleField(key: string, field: string, value: string, ttlMs: number): Promise<boolean>;
}

export interface LockStore {
  /** Tries once to take a lock (SET NX PX with a random token). Null when someone else holds it. */
  tryLock(key: string, ttlMs: number): Promise<Lock | null>;
}

export interface PubSub {
  publish(channel: string, message: string): Promise<void>;
  subscribe(channel: string, handler: (message: string) => void): Promise<Unsubscribe>;
}

export interface Store extends KeyValueStore, HashStore, SetStore, SortedSetStore, ListStore, ClaimStore, LockStore, PubSub {
  readonly kind: 'memory' | 'redis';
  /** Throws when the backing server is unreachable. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Thrown by a store when its backing server cannot be reached; callers map it to 503 / retry. */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

/** Waits for a lock, polling with a small jittered delay; null when `waitMs` passes. */
export async function waitForLock(store: LockStore, key: string, ttlMs: number, waitMs: number): Promise<Lock | null> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const lock = await store.tryLock(key, ttlMs);
    if (lock) return lock;
    if (Date.now() >= deadline) return null;
    await new Promise((r) => setTimeout(r, 20 + Math.random() * 30));
  }
}
