import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { PENDING_PREFIX, RELEASED, isOpen } from './claim-marks.js';
import type { Lock, Store, Unsubscribe } from './ports.js';

type Value =
  | { type: 'string'; value: string }
  | { type: 'hash'; value: Map<string, string> }
  | { type: 'set'; value: Set<string> }
  | { type: 'zset'; value: Map<string, number> }
  | { type: 'list'; value: string[] };

interface TypeMap {
  string: string;
  hash: Map<string, string>;
  set: Set<string>;
  zset: Map<string, number>;
  list: string[];
}

interface Entry {
  data: Value;
  expiresAt: number | null;
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}

/**
 * In-process store for the embedded default (one instance, nothing survives a restart).
 * Semantics mirror the Redis implementation; the contract suite holds both to the same behaviour.
 */
export class MemoryStore implements Store {
  readonly kind = 'memory' as const;
  private readonly entries = new Map<string, Entry>();
  private readonly bus = new EventEmitter();
  private closed = false;

  constructor() {
    this.bus.setMaxListeners(0);
  }

  private live(key: string): Entry | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expiresAt !== null && e.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  private typed<T extends keyof TypeMap>(key: string, type: T, create: boolean): TypeMap[T] | undefined {
    const e = this.live(key);
    if (e) {
      if (e.data.type !== type) throw new Error(`WRONGTYPE key ${key} holds a ${e.data.type}, not a ${type}`);
      return e.data.value as TypeMap[T];
    }
    if (!create) return undefined;
    const fresh = { string: '', hash: new Map(), set: new Set(), zset: new Map(), list: [] }[type] as TypeMap[T];
    this.entries.set(key, { data: { type, value: fresh } as Value, expiresAt: null });
    return fresh;
  }

  private dropIfEmpty(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    const v = e.data.value;
    const size = typeof v === 'string' ? 1 : Array.isArray(v) ? v.length : v.size;
    if (size === 0) this.entries.delete(key);
  }

  async get(key: string): Promise<string | null> {
    const e = this.live(key);
    if (!e) return null;
    if (e.data.type !== 'string') throw new Error(`WRONGTYPE key ${key}`);
    return e.data.value;
  }

  async set(key: string, value: string, opts?: { ttlMs?: number }): Promise<void> {
    this.entries.set(key, { data: { type: 'string', value }, expiresAt: opts?.ttlMs ? Date.now() + opts.ttlMs : null });
  }

  async setIfAbsent(key: string, value: string, ttlMs?: number): Promise<boolean> {
    if (this.live(key)) return false;
    await this.set(key, value, { ttlMs });
    return true;
  }

  async del(...keys: string[]): Promise<number> {
    let n = 0;
    for (const k of keys) if (this.live(k) && this.entries.delete(k)) n++;
    return n;
  }

  async exists(key: string): Promise<boolean> {
    return this.live(key) !== undefined;
  }

  async incrBy(key: string, by = 1, ttlMsOnCreate?: number): Promise<number> {
    const e = this.live(key);
    if (!e) {
      await this.set(key, String(by), { ttlMs: ttlMsOnCreate });
      return by;
    }
    if (e.data.type !== 'string') throw new Error(`WRONGTYPE key ${key}`);
    const n = Number(e.data.value);
    if (!Number.isInteger(n)) throw new Error(`ERR value of ${key} is not an integer`);
    e.data.value = String(n + by);
    return n + by;
  }

  async expire(key: string, ttlMs: number): Promise<boolean> {
    const e = this.live(key);
    if (!e) return false;
    e.expiresAt = Date.now() + ttlMs;
    return true;
  }

  async ttl(key: string): Promise<number> {
    const e = this.live(key);
    if (!e) return -2;
    return e.expiresAt === null ? -1 : Math.max(0, e.expiresAt - Date.now());
  }

  async mget(keys: string[]): Promise<(string | null)[]> {
    return Promise.all(keys.map((k) => this.get(k)));
  }

  async scanKeys(pattern: string, limit = 10_000): Promise<string[]> {
    const re = globToRegExp(pattern);
    const out: string[] = [];
    for (const k of [...this.entries.keys()]) {
      if (out.length >= limit) break;
      if (re.test(k) && this.live(k)) out.push(k);
    }
    return out;
  }

  async hget(key: string, field: string): Promise<string | null> {
    return this.typed(key, 'hash', false)?.get(field) ?? null;
  }

  async hset(key: string, values: Record<string, string>): Promise<void> {
    const h = this.typed(key, 'hash', true)!;
    for (const [f, v] of Object.entries(values)) h.set(f, v);
    this.dropIfEmpty(key);
  }

  async hgetall(key: string): Promise<Record<string, string>> {
    return Object.fromEntries(this.typed(key, 'hash', false) ?? []);
  }

  async hdel(key: string, ...fields: string[]): Promise<number> {
    const h = this.typed(key, 'hash', false);
    if (!h) return 0;
    let n = 0;
    for (const f of fields) if (h.delete(f)) n++;
    this.dropIfEmpty(key);
    return n;
  }

  async hincrBy(key: string, field: string, by = 1): Promise<number> {
    const h = this.typed(key, 'hash', true)!;
    const n = Number(h.get(field) ?? '0') + by;
    h.set(field, String(n));
    return n;
  }

  async sadd(key: string, ...members: string[]): Promise<number> {
    const s = this.typed(key, 'set', true)!;
    let n = 0;
    for (const m of members) {
      if (s.has(m)) continue;
      s.add(m);
      n++;
    }
    this.dropIfEmpty(key);
    return n;
  }

  async srem(key: string, ...members: string[]): Promise<number> {
    const s = this.typed(key, 'set', false);
    if (!s) return 0;
    let n = 0;
    for (const m of members) if (s.delete(m)) n++;
    this.dropIfEmpty(key);
    return n;
  }

  async smembers(key: string): Promise<string[]> {
    return [...(this.typed(key, 'set', false) ?? [])];
  }

  async sismember(key: string, member: string): Promise<boolean> {
    return this.typed(key, 'set', false)?.has(member) ?? false;
  }

  async scard(key: string): Promise<number> {
    return this.typed(key, 'set', false)?.size ?? 0;
  }

  async zadd(key: string, score: number, member: string): Promise<void> {
    this.typed(key, 'zset', true)!.set(member, score);
  }

  async zrem(key: string, ...members: string[]): Promise<number> {
    const z = this.typed(key, 'zset', false);
    if (!z) return 0;
    let n = 0;
    for (const m of members) if (z.delete(m)) n++;
    this.dropIfEmpty(key);
    return n;
  }

  async zrangeByScore(key: string, min: number, max: number, limit?: number): Promise<{ member: string; score: number }[]> {
    const z = this.typed(key, 'zset', false);
    if (!z) return [];
    const all = [...z.entries()]
      .filter(([, s]) => s >= min && s <= max)
      .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([member, score]) => ({ member, score }));
    return limit === undefined ? all : all.slice(0, limit);
  }

  async zcard(key: string): Promise<number> {
    return this.typed(key, 'zset', false)?.size ?? 0;
  }

  async zscore(key: string, member: string): Promise<number | null> {
    return this.typed(key, 'zset', false)?.get(member) ?? null;
  }

  async lpushCapped(key: string, value: string, maxLength: number): Promise<void> {
    const l = this.typed(key, 'list', true)!;
    l.unshift(value);
    if (l.length > maxLength) l.length = maxLength;
  }

  async lrange(key: string, start: number, stop: number): Promise<string[]> {
    const l = this.typed(key, 'list', false) ?? [];
    const end = stop < 0 ? l.length + stop + 1 : stop + 1;
    return l.slice(start < 0 ? Math.max(0, l.length + start) : start, end);
  }

  async llen(key: string): Promise<number> {
    return this.typed(key, 'list', false)?.length ?? 0;
  }

  async setIfAbsentAndAppend(key: string, value: string, ttlMs: number, listKey: string, item: string): Promise<boolean> {
    if (this.live(key)) return false;
    this.typed(listKey, 'list', false); // WRONGTYPE before anything changes, as Redis would fail the script
    this.entries.set(key, { data: { type: 'string', value }, expiresAt: ttlMs > 0 ? Date.now() + ttlMs : null });
    this.typed(listKey, 'list', true)!.push(item);
    return true;
  }

  async takeBatch(from: string, to: string, max: number): Promise<string[]> {
    const source = this.typed(from, 'list', false);
    const target = this.typed(to, 'list', true)!;
    while (source && source.length > 0 && target.length < max) target.push(source.shift()!);
    this.dropIfEmpty(from);
    const batch = target.slice(0, max);
    this.dropIfEmpty(to);
    return batch;
  }

  private hashWithTtl(key: string, ttlMs: number): Map<string, string> {
    const h = this.typed(key, 'hash', true)!;
    const e = this.entries.get(key)!;
    if (e.expiresAt === null && ttlMs > 0) e.expiresAt = Date.now() + ttlMs;
    return h;
  }

  async claimFields(key: string, stamp: string, ttlMs: number, fields: string[]): Promise<string[]> {
    const h = this.hashWithTtl(key, ttlMs);
    return fields.map((f) => {
      const prev = h.get(f);
      if (prev !== undefined && prev !== RELEASED) return prev;
      h.set(f, PENDING_PREFIX + stamp);
      return prev === undefined ? 'fresh' : 'retry';
    });
  }

  async releaseField(key: string, field: string): Promise<void> {
    const h = this.typed(key, 'hash', false);
    if (h?.get(field)?.startsWith(PENDING_PREFIX)) h.set(field, RELEASED);
  }

  async settleField(key: string, field: string, value: string, ttlMs: number): Promise<boolean> {
    if (!isOpen(this.typed(key, 'hash', false)?.get(field) ?? null)) return false;
    this.hashWithTtl(key, ttlMs).set(field, value);
    return true;
  }

  async tryLock(key: string, ttlMs: number): Promise<Lock | null> {
    const token = randomUUID();
    if (!(await this.setIfAbsent(key, token, ttlMs))) return null;
    const owns = async () => (await this.get(key)) === token;
    return {
      key,
      token,
      release: async () => ((await owns()) ? (this.entries.delete(key), true) : false),
      extend: async (ms: number) => ((await owns()) ? this.expire(key, ms) : false),
    };
  }

  async publish(channel: string, message: string): Promise<void> {
    // Delivered asynchronously, like Redis, so a publisher never runs subscribers inline.
    setImmediate(() => this.bus.emit(channel, message));
  }

  async subscribe(channel: string, handler: (message: string) => void): Promise<Unsubscribe> {
    this.bus.on(channel, handler);
    return async () => {
      this.bus.off(channel, handler);
    };
  }

  async ping(): Promise<void> {
    if (this.closed) throw new Error('memory store closed');
  }

  async close(): Promise<void> {
    this.closed = true;
    this.bus.removeAllListeners();
  }
}
