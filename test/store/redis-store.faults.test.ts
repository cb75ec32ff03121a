import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../src/store/ports.js';
import { RedisStore, parseRedisUrl } from '../../src/store/redis-store.js';
import { uniquePrefix } from '../support/redis.js';
import { freePort } from '../support/free-port.js';
import { timed } from '../support/timed.js';
import { hasRedisServer, startRedis, stopRedis } from '../support/private-redis.js';

if (!hasRedisServer) console.error('!! RedisStore fault tests SKIPPED: redis-server is not installed');

describe('parseRedisUrl', () => {
  it('reads sentinel URLs with password, hosts, master name and db', () => {
    expect(parseRedisUrl('redis-sentinel://:s3cret@10.0.0.1:26379,10.0.0.2:26380/mymaster?db=2')).toEqual({
      kind: 'sentinel',
      nodes: [
        { host: '10.0.0.1', port: 26379 },
        { host: '10.0.0.2', port: 26380 },
      ],
      masterName: 'mymaster',
      username: undefined,
      password: 's3cret',
      db: 2,
      tls: false,
    });
  });
  it('reads cluster URLs and defaults the port', () => {
    const t = parseRedisUrl('redis-cluster://n1:7000,n2');
    expect(t.kind).toBe('cluster');
    expect(t.nodes).toEqual([
      { host: 'n1', port: 7000 },
      { host: 'n2', port: 6379 },
    ]);
  });
  it('passes redis:// and rediss:// through and rejects other schemes and a sentinel URL without master', () => {
    expect(parseRedisUrl('rediss://u:p@h:6380/1')).toMatchObject({ kind: 'single', tls: true });
    expect(() => parseRedisUrl('http://h')).toThrow();
    expect(() => parseRedisUrl('redis-sentinel://h1:26379')).toThrow(/master/);
  });
});

describe.skipIf(!hasRedisServer)('RedisStore when Redis is unreachable', () => {
  const stores: RedisStore[] = [];
  const children: ChildProcess[] = [];
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await Promise.all(children.map(stopRedis));
  });

  it('rejects with StoreUnavailableError within 2 s when nothing listens on the port', async () => {
    const port = await freePort();
    const store = new RedisStore({ url: `redis://127.0.0.1:${port}`, prefix: uniquePrefix('down'), connectTimeoutMs: 1000 });
    stores.push(store);
    const ops: (() => Promise<unknown>)[] = [() => store.get('k'), () => store.setIfAbsent('k', 'v', 1000), () => store.ping(), () => store.publish('c', 'm')];
    const times: number[] = [];
    for (const op of ops) {
      const { ms, error } = await timed(op());
      times.push(ms);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(ms).toBeLessThan(2000);
    }
    console.error(`RedisStore against a closed port: get/setIfAbsent/ping/publish rejected after ${times.join('/')} ms`);
  });

  it('fails fast while its server is gone and recovers when it returns', async () => {
    const port = await freePort();
    let server = await startRedis(port);
    children.push(server);
    const store = new RedisStore({ url: `redis://127.0.0.1:${port}`, prefix: uniquePrefix('flap'), connectTimeoutMs: 1000 });
    stores.push(store);
    const got: string[] = [];
    await store.subscribe('events', (m) => got.push(m));
    await store.set('k', 'before');
    await store.ping();

    await stopRedis(server);
    // Every call during the outage is answered quickly, with the error callers map to 503.
    const outage = await Promise.all([timed(store.get('k')), timed(store.set('k', 'x')), timed(store.ping()), timed(store.incrBy('n', 1, 1000))]);
    console.error(`RedisStore after its server died: get/set/ping/incrBy rejected after ${outage.map((o) => o.ms).join('/')} ms`);
    for (const { ms, error } of outage) {
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(ms).toBeLessThan(2000);
    }
    await new Promise((r) => setTimeout(r, 300));
    const later = await timed(store.get('k'));
    expect(later.error).toBeInstanceOf(StoreUnavailableError);
    expect(later.ms).toBeLessThan(100);

    server = await startRedis(port);
    children.push(server);
    const t0 = Date.now();
    for (;;) {
      try {
        await store.ping();
        break;
      } catch (err) {
        expect(err).toBeInstanceOf(StoreUnavailableError);
        if (Date.now() - t0 > 5000) throw new Error('store did not recover within 5 s');
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    const recoveredMs = Date.now() - t0;
    console.error(`RedisStore recovered ${recoveredMs} ms after the server came back`);
    expect(recoveredMs).toBeLessThan(3000);
    // A fresh server (no persistence): the old value is gone, but writes work again.
    await store.set('k', 'after');
    expect(await store.get('k')).toBe('after');
    // The subscriber connection resubscribes by itself.
    const t1 = Date.now();
    while (got.length === 0 && Date.now() - t1 < 3000) {
      await store.publish('events', 'back').catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(got[0]).toBe('back');
  });
});
