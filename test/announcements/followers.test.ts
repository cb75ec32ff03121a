import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreFollowerRegistry } from '../../src/announcements/followers.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { ZaloClient, type FollowersQuery } from '../../src/zalo/client.js';
import { testRedisUrl, uniquePrefix } from '../support/redis.js';
import { TOKEN, startFakeZaloApi, users, type FakeZalo } from './harness.js';

const url = testRedisUrl();
const logger = pino({ level: 'silent' });

describe.skipIf(!url)('follower registry (real Redis)', () => {
  let store: RedisStore | undefined;
  let zalo: FakeZalo | undefined;
  afterEach(async () => {
    await store?.close();
    await zalo?.close();
  });

  function client(z: FakeZalo) {
    return new ZaloClient({ baseUrl: z.apiBaseUrl, tokens: { getAccessToken: async () => TOKEN, refreshAfterRejection: async () => TOKEN }, logger, limits: { textMaxChars: 2000, buttonTitleMax: 20, maxButtons: 5 }, retry: { attempts: 1 } });
  }

  it('follows, unfollows, remembers the last interaction, tags and forgets', async () => {
    store = new RedisStore({ url, prefix: uniquePrefix('fol'), logger });
    const reg = new StoreFollowerRegistry(store, logger);
    await reg.follow('u1', 1000);
    await reg.follow('u2', 1000);
    await reg.touch('u1', 5000);
    await reg.touch('u1', 3000);
    await reg.setTags('u1', ['xa-a', 'y-te']);
    await reg.setTags('u1', ['xa-a', 'giao-duc']);
    await reg.addTags('u2', ['xa-a']);
    expect(await reg.info('u1')).toMatchObject({ follower: true, followedAt: 1000, lastInteractionAt: 5000, tags: ['giao-duc', 'xa-a'] });
    expect(await reg.tagCounts()).toEqual({ 'giao-duc': 1, 'xa-a': 2, 'y-te': 0 });
    await reg.unfollow('u2', 6000);
    expect(await reg.resolve({ tags: ['xa-a'] })).toEqual(['u1']);
    expect(await reg.resolve({ all: true })).toEqual(['u1']);
    await reg.forget('u1');
    expect(await reg.info('u1')).toMatchObject({ follower: false, followedAt: null, tags: [] });
    expect(await reg.tagCounts()).toMatchObject({ 'giao-duc': 0, 'xa-a': 1 });
    await expect(reg.addTags('u3', ['bad*tag'])).rejects.toThrow(/invalid tag/);
  });

  it('syncs from getlist 50 per page and resumes from the saved offset after a failure', async () => {
    zalo = await startFakeZaloApi(users(173, 'z'));
    store = new RedisStore({ url, prefix: uniquePrefix('sync'), logger });
    const zc = client(zalo);
    const offsets: number[] = [];
    let failAt: number | null = 100;
    const fetchPage = async (q: FollowersQuery) => {
      offsets.push(q.offset ?? 0);
      expect(q.count).toBe(50);
      if (q.offset === failAt) throw new Error('network down');
      return zc.getFollowers(q);
    };
    const reg = new StoreFollowerRegistry(store, logger, fetchPage);
    await expect(reg.sync()).rejects.toThrow('network down');
    expect(await reg.count()).toBe(100);
    expect(await reg.syncState()).toMatchObject({ status: 'running', offset: 100, lastError: 'network down' });
    failAt = null;
    offsets.length = 0;
    const state = await reg.sync();
    expect(offsets).toEqual([100, 150]);
    expect(state).toMatchObject({ status: 'done', offset: 173, total: 173, added: 173, offsetLimitReached: false, lastError: null });
    expect(await reg.count()).toBe(173);
    // A new run starts from the beginning again.
    offsets.length = 0;
    await reg.sync();
    expect(offsets).toEqual([0, 50, 100, 150]);
  });

  it('stops at the getlist offset limit and runs once at a time', async () => {
    store = new RedisStore({ url, prefix: uniquePrefix('lim'), logger });
    let calls = 0;
    const reg = new StoreFollowerRegistry(store, logger, async (q) => {
      calls++;
      await new Promise((r) => setTimeout(r, 1));
      const offset = q.offset ?? 0;
      return { total: 20_000, count: 50, offset, users: Array.from({ length: 50 }, (_, i) => ({ user_id: `x${offset + i}` })) };
    });
    const [a, b] = await Promise.all([reg.sync(), new Promise((r) => setTimeout(r, 20)).then(() => reg.sync())]);
    expect(b.status).toBe('busy');
    expect(a).toMatchObject({ status: 'done', offset: 10_000, offsetLimitReached: true });
    expect(calls).toBe(200);
  });
});
