import { afterAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory-store.js';
import type { Store } from '../../src/store/ports.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { testRedisUrl, uniquePrefix } from '../support/redis.js';
import { until } from '../support/until.js';

const url = testRedisUrl();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface StoreFactory {
  name: string;
  available: boolean;
  /** Stores made with different prefixes must not see each other's keys. */
  make(prefix: string): Store;
}

const factories: StoreFactory[] = [
  { name: 'MemoryStore', available: true, make: () => new MemoryStore() },
  { name: 'RedisStore', available: Boolean(url), make: (prefix) => new RedisStore({ url, prefix, connectTimeoutMs: 2000 }) },
];

if (!url) console.error('!! RedisStore contract tests SKIPPED: no Redis available (see test/support/global-setup.ts)');

/** The one contract every Store implementation must keep. */
function storeContract(factory: StoreFactory): void {
  const opened: Store[] = [];
  const fresh = (label = 'c') => {
    const s = factory.make(uniquePrefix(label));
    opened.push(s);
    return s;
  };
  afterAll(async () => {
    await Promise.all(opened.map((s) => s.close()));
  });

  it('gets, sets, overwrites and deletes strings', async () => {
    const s = fresh();
    expect(await s.get('a')).toBeNull();
    await s.set('a', '1');
    await s.set('a', '2');
    expect(await s.get('a')).toBe('2');
    expect(await s.exists('a')).toBe(true);
    expect(await s.mget(['a', 'missing'])).toEqual(['2', null]);
    expect(await s.del('a', 'missing')).toBe(1);
    expect(await s.exists('a')).toBe(false);
  });

  it('expires keys after their TTL and reports ttl() in ms (-1 none, -2 missing)', async () => {
    const s = fresh();
    await s.set('short', 'x', { ttlMs: 150 });
    await s.set('forever', 'y');
    const ttl = await s.ttl('short');
    expect(ttl).toBeGreaterThan(50);
    expect(ttl).toBeLessThanOrEqual(150);
    expect(await s.ttl('forever')).toBe(-1);
    expect(await s.ttl('nothing')).toBe(-2);
    await sleep(250);
    expect(await s.get('short')).toBeNull();
    expect(await s.exists('short')).toBe(false);
    expect(await s.expire('forever', 100)).toBe(true);
    expect(await s.expire('nothing', 100)).toBe(false);
    await sleep(200);
    expect(await s.get('forever')).toBeNull();
  });

  it('setIfAbsent lets exactly one of 50 concurrent callers win, and the TTL frees the key again', async () => {
    const s = fresh();
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => s.setIfAbsent('dedupe', String(i), 200)));
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = results.indexOf(true);
    expect(await s.get('dedupe')).toBe(String(winner));
    expect(await s.setIfAbsent('dedupe', 'late')).toBe(false);
    await sleep(300);
    expect(await s.setIfAbsent('dedupe', 'again')).toBe(true);
    expect(await s.ttl('dedupe')).toBe(-1);
  });

  it('incrBy counts atomically and sets the TTL only when it creates the key', async () => {
    const s = fresh();
    const values = await Promise.all(Array.from({ length: 30 }, () => s.incrBy('n', 1, 5000)));
    expect(new Set(values).size).toBe(30);
    expect(Math.max(...values)).toBe(30);
    expect(await s.incrBy('n', 5)).toBe(35);
    const ttl = await s.ttl('n');
    expect(ttl).toBeGreaterThan(3000);
    await s.expire('n', 60_000);
    await s.incrBy('n', 1, 100);
    expect(await s.ttl('n')).toBeGreaterThan(50_000);
    expect(await s.incrBy('plain', -2)).toBe(-2);
    expect(await s.ttl('plain')).toBe(-1);
  });

  it('hashes: hset, hget, hgetall, hdel, hincrBy', async () => {
    const s = fresh();
    await s.hset('h', { a: '1', b: 'two' });
    await s.hset('h', { b: '2' });
    expect(await s.hget('h', 'b')).toBe('2');
    expect(await s.hget('h', 'zz')).toBeNull();
    expect(await s.hgetall('h')).toEqual({ a: '1', b: '2' });
    expect(await s.hincrBy('h', 'a', 4)).toBe(5);
    expect(await s.hincrBy('h', 'new')).toBe(1);
    expect(await s.hdel('h', 'a', 'b', 'nope')).toBe(2);
    expect(await s.hgetall('h')).toEqual({ new: '1' });
    expect(await s.hgetall('absent')).toEqual({});
  });

  it('sets: sadd, srem, smembers, sismember, scard', async () => {
    const s = fresh();
    expect(await s.sadd('s', 'a', 'b', 'a')).toBe(2);
    expect(await s.sadd('s', 'b', 'c')).toBe(1);
    expect((await s.smembers('s')).sort()).toEqual(['a', 'b', 'c']);
    expect(await s.sismember('s', 'c')).toBe(true);
    expect(await s.sismember('s', 'x')).toBe(false);
    expect(await s.srem('s', 'a', 'x')).toBe(1);
    expect(await s.scard('s')).toBe(2);
    expect(await s.smembers('none')).toEqual([]);
  });

  it('sorted sets: zrangeByScore ascending with limit, zscore, zrem, zcard', async () => {
    const s = fresh();
    await s.zadd('z', 30, 'c');
    await s.zadd('z', 10, 'a');
    await s.zadd('z', 20, 'b');
    await s.zadd('z', 40, 'd');
    await s.zadd('z', 5, 'a');
    expect(await s.zrangeByScore('z', 0, 100)).toEqual([
      { member: 'a', score: 5 },
      { member: 'b', score: 20 },
      { member: 'c', score: 30 },
      { member: 'd', score: 40 },
    ]);
    expect((await s.zrangeByScore('z', 20, 40, 2)).map((e) => e.member)).toEqual(['b', 'c']);
    expect((await s.zrangeByScore('z', -Infinity, Infinity, 1)).map((e) => e.member)).toEqual(['a']);
    expect(await s.zscore('z', 'c')).toBe(30);
    expect(await s.zscore('z', 'none')).toBeNull();
    expect(await s.zrem('z', 'a', 'none')).toBe(1);
    expect(await s.zcard('z')).toBe(3);
  });

  it('capped lists keep the newest entries first', async () => {
    const s = fresh();
    for (let i = 1; i <= 7; i++) await s.lpushCapped('l', String(i), 5);
    expect(await s.llen('l')).toBe(5);
    expect(await s.lrange('l', 0, -1)).toEqual(['7', '6', '5', '4', '3']);
    expect(await s.lrange('l', 1, 2)).toEqual(['6', '5']);
    expect(await s.lrange('empty', 0, -1)).toEqual([]);
  });

  it('setIfAbsentAndAppend marks and appends together: 30 concurrent callers, one mark, one item', async () => {
    const s = fresh();
    const wins = await Promise.all(Array.from({ length: 30 }, (_, i) => s.setIfAbsentAndAppend('{i}:mark', 'm', 200, '{i}:inbox', `copy${i}`)));
    expect(wins.filter(Boolean)).toHaveLength(1);
    expect(await s.lrange('{i}:inbox', 0, -1)).toEqual([`copy${wins.indexOf(true)}`]);
    expect(await s.setIfAbsentAndAppend('{i}:other', 'm', 200, '{i}:inbox', 'second')).toBe(true);
    expect(await s.lrange('{i}:inbox', 0, -1)).toEqual([`copy${wins.indexOf(true)}`, 'second']);
    // The mark expires with its TTL; the list item stays until taken.
    await sleep(260);
    expect(await s.exists('{i}:mark')).toBe(false);
    expect(await s.setIfAbsentAndAppend('{i}:mark', 'm', 200, '{i}:inbox', 'again')).toBe(true);
    expect(await s.llen('{i}:inbox')).toBe(3);
  });

  it('takeBatch moves in order, tops up an unfinished batch first, and empties both lists in the end', async () => {
    const s = fresh();
    for (let i = 1; i <= 7; i++) await s.setIfAbsentAndAppend(`{t}:m${i}`, '1', 10_000, '{t}:in', String(i));
    expect(await s.takeBatch('{t}:in', '{t}:taken', 3)).toEqual(['1', '2', '3']);
    // Not finished (taken list not deleted): the same batch comes back, and nothing new joins a full batch.
    expect(await s.takeBatch('{t}:in', '{t}:taken', 3)).toEqual(['1', '2', '3']);
    expect(await s.llen('{t}:in')).toBe(4);
    await s.del('{t}:taken');
    expect(await s.takeBatch('{t}:in', '{t}:taken', 10)).toEqual(['4', '5', '6', '7']);
    await s.del('{t}:taken');
    expect(await s.takeBatch('{t}:in', '{t}:taken', 10)).toEqual([]);
    expect([await s.llen('{t}:in'), await s.llen('{t}:taken')]).toEqual([0, 0]);
  });

  it('locks are exclusive, released only by their owner, expire, and extend', async () => {
    const s = fresh();
    const attempts = await Promise.all(Array.from({ length: 20 }, () => s.tryLock('lock', 300)));
    const holders = attempts.filter((l) => l !== null);
    expect(holders).toHaveLength(1);
    const lock = holders[0]!;
    expect(lock.token).toBeTruthy();

    // A taker after expiry owns the key; the old holder can neither release nor extend it.
    await sleep(400);
    const second = await s.tryLock('lock', 5000);
    expect(second).not.toBeNull();
    expect(await lock.release()).toBe(false);
    expect(await lock.extend(5000)).toBe(false);
    expect(await s.tryLock('lock', 5000)).toBeNull();

    expect(await second!.extend(200)).toBe(true);
    const ttl = await s.ttl('lock');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(200);
    expect(await second!.release()).toBe(true);
    expect(await second!.release()).toBe(false);
    const third = await s.tryLock('lock', 1000);
    expect(third).not.toBeNull();
    await third!.release();
  });

  it('extend keeps a lock alive past its first TTL', async () => {
    const s = fresh();
    const lock = (await s.tryLock('held', 200))!;
    await sleep(100);
    expect(await lock.extend(400)).toBe(true);
    await sleep(200);
    expect(await s.tryLock('held', 200)).toBeNull();
    expect(await lock.release()).toBe(true);
  });

  it('pub/sub delivers to every subscriber until it unsubscribes', async () => {
    const prefix = uniquePrefix('ps');
    const a = factory.make(prefix);
    opened.push(a);
    const got1: string[] = [];
    const got2: string[] = [];
    const un1 = await a.subscribe('content.changed', (m) => got1.push(m));
    const un2 = await a.subscribe('content.changed', (m) => got2.push(m));
    const unOther = await a.subscribe('other', (m) => got2.push(`other:${m}`));
    await a.publish('content.changed', 'v1');
    await waitFor(() => got1.length === 1 && got2.length === 1);
    expect(got1).toEqual(['v1']);
    expect(got2).toEqual(['v1']);

    await un1();
    await a.publish('content.changed', 'v2');
    await waitFor(() => got2.length === 2);
    await sleep(50);
    expect(got1).toEqual(['v1']);
    expect(got2).toEqual(['v1', 'v2']);
    await un2();
    await unOther();
    await a.publish('content.changed', 'v3');
    await sleep(100);
    expect(got2).toEqual(['v1', 'v2']);
  });

  it('scanKeys returns logical keys and never sees another prefix', async () => {
    const a = fresh('scanA');
    const b = fresh('scanB');
    await a.set('user:1', 'x');
    await a.set('user:2', 'x');
    await a.hset('user:3', { f: '1' });
    await a.set('other', 'x');
    await b.set('user:9', 'x');
    expect((await a.scanKeys('user:*')).sort()).toEqual(['user:1', 'user:2', 'user:3']);
    expect(await b.scanKeys('user:*')).toEqual(['user:9']);
    expect(await b.get('user:1')).toBeNull();
    expect(await a.get('user:9')).toBeNull();
    expect(await a.scanKeys('user:*', 2)).toHaveLength(2);
  });

  it('pub/sub channels are isolated by prefix', async () => {
    if (factory.name === 'MemoryStore') return; // separate memory stores share nothing by construction
    const a = fresh('chA');
    const b = fresh('chB');
    const got: string[] = [];
    const un = await b.subscribe('news', (m) => got.push(m));
    await a.publish('news', 'from-a');
    await b.publish('news', 'from-b');
    await waitFor(() => got.length >= 1);
    await sleep(50);
    expect(got).toEqual(['from-b']);
    await un();
  });

  it('once-only marks: a claim takes absent or released fields only; release and settle move pending ones', async () => {
    const s = fresh('claims');
    expect(await s.claimFields('m', '100:own1', 60_000, ['a', 'b'])).toEqual(['fresh', 'fresh']);
    // Claimed already: the second claimer sees the first one's stamp and changes nothing.
    expect(await s.claimFields('m', '200:own2', 60_000, ['a'])).toEqual(['p:100:own1']);
    await s.releaseField('m', 'a');
    expect(await s.hget('m', 'a')).toBe('r:');
    expect(await s.claimFields('m', '300:own2', 60_000, ['a'])).toEqual(['retry']);
    expect(await s.settleField('m', 'a', 's:msg-1', 60_000)).toBe(true);
    // Settled is final: no claim, release or second settle changes it.
    expect(await s.claimFields('m', '400:own3', 60_000, ['a'])).toEqual(['s:msg-1']);
    await s.releaseField('m', 'a');
    expect(await s.settleField('m', 'a', 'f:-230', 60_000)).toBe(false);
    expect(await s.hget('m', 'a')).toBe('s:msg-1');
    // A never-claimed field may be settled outright; releasing an absent field creates nothing.
    expect(await s.settleField('m', 'c', 'f:-230', 60_000)).toBe(true);
    await s.releaseField('m', 'z');
    expect(await s.hgetall('m')).toEqual({ a: 's:msg-1', b: 'p:100:own1', c: 'f:-230' });
    const ttl = await s.ttl('m');
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    // The TTL is set once, by the first write, not stretched by later ones.
    await s.claimFields('short', '1', 150, ['x']);
    await s.claimFields('short', '2', 60_000, ['y']);
    expect(await s.ttl('short')).toBeLessThanOrEqual(150);
  });

  it('ping succeeds while up and close() makes it fail', async () => {
    const s = factory.make(uniquePrefix('ping'));
    await s.ping();
    await s.close();
    await expect(s.ping()).rejects.toThrow();
  });
}

const waitFor = (cond: () => boolean, ms = 2000) => until(cond, ms, 'condition', 5);

describe.each(factories)('Store contract: $name', (factory) => {
  describe.skipIf(!factory.available)(factory.name, () => storeContract(factory));
});
