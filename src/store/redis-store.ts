import { randomUUID } from 'node:crypto';
import { Cluster, Redis, ReplyError, type ClusterOptions, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import { CLAIM_LUA, RELEASE_LUA as RELEASE_CLAIM_LUA, SETTLE_LUA } from './claim-marks.js';
import { StoreUnavailableError, type Lock, type SetOptions, type Store, type Unsubscribe } from './ports.js';

export type RedisClient = Redis | Cluster;

export interface RedisStoreOptions {
  /** redis://, rediss://, redis-sentinel://[:password@]h1:p,h2:p/<master>[?db=N] or redis-cluster://[:password@]h1:p,h2:p */
  url: string;
  prefix: string;
  logger?: Logger;
  /** Connect and command timeout; an unreachable server fails operations after about this long. */
  connectTimeoutMs?: number;
}

export interface RedisTarget {
  kind: 'single' | 'sentinel' | 'cluster';
  /** Set for redis:// and rediss:// (ioredis parses these itself). */
  url?: string;
  nodes: { host: string; port: number }[];
  masterName?: string;
  username?: string;
  password?: string;
  db?: number;
  tls: boolean;
}

function parseHosts(list: string, defaultPort: number): { host: string; port: number }[] {
  return list.split(',').filter(Boolean).map((hp) => {
    const m = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(hp.trim());
    if (!m) throw new Error(`bad host "${hp}" in Redis URL`);
    return { host: m[1]!, port: m[2] ? Number(m[2]) : defaultPort };
  });
}

/** Parses the four URL forms the configuration accepts. Multi-host forms are not valid WHATWG URLs, hence by hand. */
export function parseRedisUrl(url: string): RedisTarget {
  if (/^rediss?:\/\//.test(url)) {
    return { kind: 'single', url, nodes: [], tls: url.startsWith('rediss:') };
  }
  const m = /^(redis-sentinel|redis-cluster):\/\/(?:([^@/]*)@)?([^/?]+)(?:\/([^?]*))?(?:\?(.*))?$/.exec(url);
  if (!m) throw new Error('REDIS_URL must be a redis://, rediss://, redis-sentinel:// or redis-cluster:// URL');
  const [, scheme, auth, hosts, path, query] = m;
  let username: string | undefined;
  let password: string | undefined;
  if (auth) {
    const i = auth.indexOf(':');
    if (i >= 0) {
      username = decodeURIComponent(auth.slice(0, i)) || undefined;
      password = decodeURIComponent(auth.slice(i + 1)) || undefined;
    } else password = decodeURIComponent(auth);
  }
  const params = new URLSearchParams(query ?? '');
  const tls = /^(1|true|yes)$/i.test(params.get('tls') ?? '');
  if (scheme === 'redis-sentinel') {
    const masterName = decodeURIComponent(path ?? '');
    if (!masterName) throw new Error('redis-sentinel:// URL needs the master name as its path, e.g. redis-sentinel://h1:26379,h2:26379/mymaster');
    const db = params.get('db');
    return { kind: 'sentinel', nodes: parseHosts(hosts!, 26379), masterName, username, password, db: db ? Number(db) : undefined, tls };
  }
  return { kind: 'cluster', nodes: parseHosts(hosts!, 6379), username, password, tls };
}

/**
 * Builds an ioredis client for any configured URL form. `base` carries the behaviour the caller needs
 * (fail-fast for the store, `maxRetriesPerRequest: null` for BullMQ workers).
 */
export function createRedisClient(url: string, base: RedisOptions): RedisClient {
  const target = parseRedisUrl(url);
  if (target.kind === 'single') return new Redis(target.url!, base);
  const auth = { username: target.username, password: target.password };
  if (target.kind === 'sentinel') {
    return new Redis({
      ...base,
      ...auth,
      sentinels: target.nodes,
      name: target.masterName,
      db: target.db ?? base.db,
      // Sentinels usually share the data nodes' password in managed set-ups; ioredis needs it separately.
      sentinelPassword: target.password,
      ...(target.tls ? { tls: {}, enableTLSForSentinelMode: true } : {}),
    });
  }
  const { keyPrefix, enableOfflineQueue, maxRetriesPerRequest: _m, retryStrategy, ...nodeOptions } = base;
  const clusterOptions: ClusterOptions = {
    keyPrefix,
    enableOfflineQueue,
    clusterRetryStrategy: retryStrategy ? (times) => retryStrategy(times) ?? null : undefined,
    redisOptions: { ...nodeOptions, ...auth, maxRetriesPerRequest: base.maxRetriesPerRequest, ...(target.tls ? { tls: {} } : {}) },
  };
  return new Cluster(target.nodes, clusterOptions);
}

/** Server replies that mean "not serving right now" rather than "you asked something wrong". */
const UNAVAILABLE_REPLY = /^(LOADING|CLUSTERDOWN|MASTERDOWN|READONLY|TRYAGAIN|BUSY|NOAUTH|WRONGPASS)/;

export function isRedisUnavailable(err: unknown): boolean {
  if (err instanceof StoreUnavailableError) return true;
  if (err instanceof ReplyError) return UNAVAILABLE_REPLY.test((err as Error).message);
  return err instanceof Error;
}

const toRedisScore = (n: number) => (Number.isFinite(n) ? String(n) : n > 0 ? '+inf' : '-inf');

const RELEASE_LUA = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
const EXTEND_LUA = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const INCR_LUA = `local existed = redis.call('EXISTS', KEYS[1])
local v = redis.call('INCRBY', KEYS[1], ARGV[1])
if existed == 0 and tonumber(ARGV[2]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return v`;

const SET_AND_APPEND_LUA = `if redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then
  redis.call('RPUSH', KEYS[2], ARGV[3])
  return 1
end
return 0`;
const TAKE_BATCH_LUA = `local max = tonumber(ARGV[1])
local n = redis.call('LLEN', KEYS[2])
while n < max do
  if not redis.call('LMOVE', KEYS[1], KEYS[2], 'LEFT', 'RIGHT') then break end
  n = n + 1
end
return redis.call('LRANGE', KEYS[2], 0, max - 1)`;

interface StoreCommands {
  zbotRelease(key: string, token: string): Promise<number>;
  zbotExtend(key: string, token: string, ttlMs: number): Promise<number>;
  zbotIncr(key: string, by: number, ttlMs: number): Promise<number>;
  zbotSetAndAppend(key: string, listKey: string, value: string, ttlMs: number, item: string): Promise<number>;
  zbotTakeBatch(from: string, to: string, max: number): Promise<string[]>;
  zbotClaim(key: string, stamp: string, ttlMs: number, ...fields: string[]): Promise<string[]>;
  zbotReleaseClaim(key: string, field: string): Promise<number>;
  zbotSettleClaim(key: string, field: string, value: string, ttlMs: number): Promise<number>;
}

/**
 * Store on Redis (ioredis 5). Fails fast when the server is unreachable: a command gets at most one retry,
 * and once connected the offline queue is off, so callers see StoreUnavailableError in milliseconds
 * instead of commands piling up while ioredis reconnects in the background.
 */
export class RedisStore implements Store {
  readonly kind = 'redis' as const;
  private readonly client: RedisClient;
  private readonly cmd: StoreCommands;
  private readonly prefix: string;
  private readonly logger?: Logger;
  private subscriber?: RedisClient;
  private subscriberReady?: Promise<RedisClient>;
  private readonly handlers = new Map<string, Set<(message: string) => void>>();
  private lastErrorLog = 0;
  private closed = false;

  constructor(opts: RedisStoreOptions) {
    this.prefix = opts.prefix;
    this.logger = opts.logger;
    const timeout = opts.connectTimeoutMs ?? 3000;
    this.client = createRedisClient(opts.url, {
      keyPrefix: opts.prefix,
      connectTimeout: timeout,
      commandTimeout: timeout,
      maxRetriesPerRequest: 1,
      // Reconnect forever, but never wait long between tries, so a returning server is used within a second.
      retryStrategy: (times) => Math.min(50 * times, 1000),
      enableOfflineQueue: true,
      lazyConnect: false,
    });
    this.watch(this.client, 'redis');
    this.client.defineCommand('zbotRelease', { numberOfKeys: 1, lua: RELEASE_LUA });
    this.client.defineCommand('zbotExtend', { numberOfKeys: 1, lua: EXTEND_LUA });
    this.client.defineCommand('zbotIncr', { numberOfKeys: 1, lua: INCR_LUA });
    this.client.defineCommand('zbotSetAndAppend', { numberOfKeys: 2, lua: SET_AND_APPEND_LUA });
    this.client.defineCommand('zbotTakeBatch', { numberOfKeys: 2, lua: TAKE_BATCH_LUA });
    this.client.defineCommand('zbotClaim', { numberOfKeys: 1, lua: CLAIM_LUA });
    this.client.defineCommand('zbotReleaseClaim', { numberOfKeys: 1, lua: RELEASE_CLAIM_LUA });
    this.client.defineCommand('zbotSettleClaim', { numberOfKeys: 1, lua: SETTLE_LUA });
    this.cmd = this.client as unknown as StoreCommands;
  }

  private watch(client: RedisClient, role: string): void {
    // Commands may queue only until the first connection: afterwards an outage must surface at once.
    client.once('ready', () => {
      client.options.enableOfflineQueue = false;
    });
    client.on('error', (err: Error) => {
      const now = Date.now();
      if (now - this.lastErrorLog > 10_000) {
        this.lastErrorLog = now;
        this.logger?.warn({ role, err: err.message }, 'redis connection error');
      }
    });
  }

  private async run<T>(op: string, fn: () => Promise<T>): Promise<T> {
    if (this.closed) throw new StoreUnavailableError(`redis store closed (${op})`);
    try {
      return await fn();
    } catch (err) {
      if (!isRedisUnavailable(err) || err instanceof StoreUnavailableError) throw err;
      const message = (err as Error).message;
      // Once the server has been found missing, later calls should not queue behind reconnect attempts either.
      this.client.options.enableOfflineQueue = false;
      throw new StoreUnavailableError(`redis unavailable during ${op}: ${message}`, { cause: err });
    }
  }

  get(key: string): Promise<string | null> {
    return this.run('get', () => this.client.get(key));
  }

  async set(key: string, value: string, opts?: SetOptions): Promise<void> {
    const ttl = opts?.ttlMs;
    await this.run('set', () => (ttl && ttl > 0 ? this.client.set(key, value, 'PX', Math.ceil(ttl)) : this.client.set(key, value)));
  }

  async setIfAbsent(key: string, value: string, ttlMs?: number): Promise<boolean> {
    const r = await this.run('setIfAbsent', () => (ttlMs && ttlMs > 0 ? this.client.set(key, value, 'PX', Math.ceil(ttlMs), 'NX') : this.client.set(key, value, 'NX')));
    return r === 'OK';
  }

  async del(...keys: string[]): Promise<number> {
    if (keys.length === 0) return 0;
    // One DEL per key keeps Cluster happy when keys live in different slots.
    if (this.client instanceof Cluster && keys.length > 1) {
      const counts = await Promise.all(keys.map((k) => this.run('del', () => this.client.del(k))));
      return counts.reduce((a, b) => a + b, 0);
    }
    return this.run('del', () => this.client.del(...keys));
  }

  async exists(key: string): Promise<boolean> {
    return (await this.run('exists', () => this.client.exists(key))) === 1;
  }

  incrBy(key: string, by = 1, ttlMsOnCreate?: number): Promise<number> {
    return this.run('incrBy', () => this.cmd.zbotIncr(key, by, ttlMsOnCreate && ttlMsOnCreate > 0 ? Math.ceil(ttlMsOnCreate) : 0));
  }

  async expire(key: string, ttlMs: number): Promise<boolean> {
    return (await this.run('expire', () => this.client.pexpire(key, Math.ceil(ttlMs)))) === 1;
  }

  ttl(key: string): Promise<number> {
    return this.run('ttl', () => this.client.pttl(key));
  }

  async mget(keys: string[]): Promise<(string | null)[]> {
    if (keys.length === 0) return [];
    if (this.client instanceof Cluster) return Promise.all(keys.map((k) => this.get(k)));
    return this.run('mget', () => this.client.mget(...keys));
  }

  async scanKeys(pattern: string, limit = 10_000): Promise<string[]> {
    // SCAN's MATCH is not touched by ioredis keyPrefix: prefix it here and strip it from the results.
    const nodes: Redis[] = this.client instanceof Cluster ? this.client.nodes('master') : [this.client];
    const out: string[] = [];
    for (const node of nodes) {
      let cursor = '0';
      do {
        const [next, keys] = await this.run('scanKeys', () => node.scan(cursor, 'MATCH', this.prefix + pattern, 'COUNT', 500));
        cursor = next;
        for (const k of keys) {
          if (out.length >= limit) return out;
          out.push(k.startsWith(this.prefix) ? k.slice(this.prefix.length) : k);
        }
      } while (cursor !== '0');
    }
    return out;
  }

  hget(key: string, field: string): Promise<string | null> {
    return this.run('hget', () => this.client.hget(key, field));
  }

  async hset(key: string, values: Record<string, string>): Promise<void> {
    if (Object.keys(values).length === 0) return;
    await this.run('hset', () => this.client.hset(key, values));
  }

  hgetall(key: string): Promise<Record<string, string>> {
    return this.run('hgetall', () => this.client.hgetall(key));
  }

  async hdel(key: string, ...fields: string[]): Promise<number> {
    if (fields.length === 0) return 0;
    return this.run('hdel', () => this.client.hdel(key, ...fields));
  }

  hincrBy(key: string, field: string, by = 1): Promise<number> {
    return this.run('hincrBy', () => this.client.hincrby(key, field, by));
  }

  async sadd(key: string, ...members: string[]): Promise<number> {
    if (members.length === 0) return 0;
    return this.run('sadd', () => this.client.sadd(key, ...members));
  }

  async srem(key: string, ...members: string[]): Promise<number> {
    if (members.length === 0) return 0;
    return this.run('srem', () => this.client.srem(key, ...members));
  }

  smembers(key: string): Promise<string[]> {
    return this.run('smembers', () => this.client.smembers(key));
  }

  async sismember(key: string, member: string): Promise<boolean> {
    return (await this.run('sismember', () => this.client.sismember(key, member))) === 1;
  }

  scard(key: string): Promise<number> {
    return this.run('scard', () => this.client.scard(key));
  }

  async zadd(key: string, score: number, member: string): Promise<void> {
    await this.run('zadd', () => this.client.zadd(key, toRedisScore(score), member));
  }

  async zrem(key: string, ...members: string[]): Promise<number> {
    if (members.length === 0) return 0;
    return this.run('zrem', () => this.client.zrem(key, ...members));
  }

  async zrangeByScore(key: string, min: number, max: number, limit?: number): Promise<{ member: string; score: number }[]> {
    const lo = toRedisScore(min);
    const hi = toRedisScore(max);
    const flat = await this.run('zrangeByScore', () =>
      limit === undefined ? this.client.zrangebyscore(key, lo, hi, 'WITHSCORES') : this.client.zrangebyscore(key, lo, hi, 'WITHSCORES', 'LIMIT', 0, limit),
    );
    const out: { member: string; score: number }[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) out.push({ member: flat[i]!, score: Number(flat[i + 1]) });
    return out;
  }

  zcard(key: string): Promise<number> {
    return this.run('zcard', () => this.client.zcard(key));
  }

  async zscore(key: string, member: string): Promise<number | null> {
    const s = await this.run('zscore', () => this.client.zscore(key, member));
    return s === null ? null : Number(s);
  }

  async lpushCapped(key: string, value: string, maxLength: number): Promise<void> {
    const results = await this.run('lpushCapped', () => this.client.multi().lpush(key, value).ltrim(key, 0, maxLength - 1).exec());
    const failed = results?.find(([err]) => err);
    if (!results) throw new StoreUnavailableError('redis transaction aborted during lpushCapped');
    if (failed) throw failed[0];
  }

  lrange(key: string, start: number, stop: number): Promise<string[]> {
    return this.run('lrange', () => this.client.lrange(key, start, stop));
  }

  llen(key: string): Promise<number> {
    return this.run('llen', () => this.client.llen(key));
  }

  async setIfAbsentAndAppend(key: string, value: string, ttlMs: number, listKey: string, item: string): Promise<boolean> {
    return (await this.run('setIfAbsentAndAppend', () => this.cmd.zbotSetAndAppend(key, listKey, value, Math.max(1, Math.ceil(ttlMs)), item))) === 1;
  }

  takeBatch(from: string, to: string, max: number): Promise<string[]> {
    return this.run('takeBatch', () => this.cmd.zbotTakeBatch(from, to, Math.max(1, Math.floor(max))));
  }

  async claimFields(key: string, stamp: string, ttlMs: number, fields: string[]): Promise<string[]> {
    if (fields.length === 0) return [];
    return this.run('claimFields', () => this.cmd.zbotClaim(key, stamp, Math.max(1, Math.ceil(ttlMs)), ...fields));
  }

  async releaseField(key: string, field: string): Promise<void> {
    await this.run('releaseField', () => this.cmd.zbotReleaseClaim(key, field));
  }

  async settleField(key: string, field: string, value: string, ttlMs: number): Promise<boolean> {
    return (await this.run('settleField', () => this.cmd.zbotSettleClaim(key, field, value, Math.max(1, Math.ceil(ttlMs))))) === 1;
  }

  async tryLock(key: string, ttlMs: number): Promise<Lock | null> {
    const token = randomUUID();
    if (!(await this.setIfAbsent(key, token, ttlMs))) return null;
    return {
      key,
      token,
      release: async () => (await this.run('lock.release', () => this.cmd.zbotRelease(key, token))) === 1,
      extend: async (ms: number) => (await this.run('lock.extend', () => this.cmd.zbotExtend(key, token, Math.ceil(ms)))) === 1,
    };
  }

  async publish(channel: string, message: string): Promise<void> {
    // Channels are not keys, so ioredis keyPrefix leaves them alone: prefix them here for isolation.
    await this.run('publish', () => this.client.publish(this.prefix + channel, message));
  }

  private subscriberClient(): Promise<RedisClient> {
    this.subscriberReady ??= (async () => {
      // The copy must queue commands until it is connected; watch() turns queueing off once it is ready.
      const sub: RedisClient = this.client instanceof Cluster ? this.client.duplicate(undefined, { enableOfflineQueue: true }) : this.client.duplicate({ enableOfflineQueue: true });
      this.subscriber = sub;
      this.watch(sub, 'redis-subscriber');
      sub.on('message', (channel: string, message: string) => {
        const logical = channel.startsWith(this.prefix) ? channel.slice(this.prefix.length) : channel;
        for (const h of this.handlers.get(logical) ?? []) {
          try {
            h(message);
          } catch (err) {
            this.logger?.error({ channel: logical, err: (err as Error).message }, 'pub/sub handler threw');
          }
        }
      });
      return sub;
    })();
    return this.subscriberReady;
  }

  async subscribe(channel: string, handler: (message: string) => void): Promise<Unsubscribe> {
    const sub = await this.subscriberClient();
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      try {
        await this.run('subscribe', () => sub.subscribe(this.prefix + channel));
      } catch (err) {
        this.handlers.delete(channel);
        throw err;
      }
    }
    set.add(handler);
    let done = false;
    return async () => {
      if (done) return;
      done = true;
      const current = this.handlers.get(channel);
      if (!current) return;
      current.delete(handler);
      if (current.size === 0) {
        this.handlers.delete(channel);
        if (!this.closed) await this.run('unsubscribe', () => sub.unsubscribe(this.prefix + channel)).catch(() => undefined);
      }
    };
  }

  async ping(): Promise<void> {
    await this.run('ping', () => this.client.ping());
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const quit = async (c: RedisClient) => {
      try {
        if (c.status === 'ready') await c.quit();
        else c.disconnect();
      } catch {
        c.disconnect();
      }
    };
    this.handlers.clear();
    await Promise.all([quit(this.client), this.subscriber ? quit(this.subscriber) : Promise.resolve()]);
  }
}
