import nock from 'nock';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory-store.js';
import { RedisStore } from '../../src/store/redis-store.js';
import type { Store } from '../../src/store/ports.js';
import { ZaloTokenRefreshError } from '../../src/zalo/errors.js';
import { TOKEN_KEY, TokenManager, type TokenRecord } from '../../src/zalo/token-manager.js';
import { testRedisUrl, uniquePrefix } from '../support/redis.js';

const OAUTH = 'https://oauth.zaloapp.com';
const APP_ID = '4120118000000000001';
const APP_SECRET = 'app-secret-for-tests';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

function manager(store: Store, extra: Partial<ConstructorParameters<typeof TokenManager>[0]> = {}) {
  return new TokenManager({
    store,
    logger: pino({ level: 'silent' }),
    appId: APP_ID,
    appSecret: APP_SECRET,
    oauthBaseUrl: OAUTH,
    seedAccessToken: 'dead-at',
    seedRefreshToken: 'rt-1',
    refreshMarginS: 3600,
    timeoutMs: 2000,
    ...extra,
  });
}

/** The OAuth endpoint, answering exactly once (a second call finds no interceptor and fails). */
function oauthOnce(counter: { calls: number }, pair = { access_token: 'at-new', refresh_token: 'rt-2', expires_in: '90000' }, delayMs = 150) {
  return nock(OAUTH, { reqheaders: { secret_key: APP_SECRET, 'content-type': /application\/x-www-form-urlencoded/ } })
    .post('/v4/oa/access_token', (body) => body.refresh_token === 'rt-1' && body.app_id === APP_ID && body.grant_type === 'refresh_token')
    .once()
    .delay(delayMs)
    .reply(200, () => {
      counter.calls += 1;
      return pair;
    });
}

async function readRecord(store: Store): Promise<TokenRecord> {
  return JSON.parse((await store.get(TOKEN_KEY))!) as TokenRecord;
}

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterEach(() => {
  nock.cleanAll();
});
afterAll(() => {
  nock.enableNetConnect();
});

/** The race of reference §5: four instances, one dead access token, exactly one refresh. */
async function fourInstanceRace(stores: Store[]) {
  const counter = { calls: 0 };
  const scope = oauthOnce(counter);
  const managers = stores.map((s) => manager(s));
  await Promise.all(managers.map((m) => m.seed()));
  const tokens = await Promise.all(managers.map((m) => m.refreshAfterRejection('dead-at')));
  expect(counter.calls).toBe(1);
  expect(scope.isDone()).toBe(true);
  expect(tokens).toEqual(['at-new', 'at-new', 'at-new', 'at-new']);
  expect(await readRecord(stores[0]!)).toMatchObject({ accessToken: 'at-new', refreshToken: 'rt-2' });
  // Later rejections of the old token reuse the stored pair: still one OAuth call.
  expect(await managers[3]!.refreshAfterRejection('dead-at')).toBe('at-new');
  expect(counter.calls).toBe(1);
}

async function fourInstanceProactive(stores: Store[]) {
  const counter = { calls: 0 };
  oauthOnce(counter);
  await stores[0]!.set(TOKEN_KEY, JSON.stringify({ accessToken: 'old-at', refreshToken: 'rt-1', expiresAt: Date.now() + 10 * 60_000 }));
  const managers = stores.map((s) => manager(s));
  const tokens = await Promise.all(managers.map((m) => m.getAccessToken()));
  expect(counter.calls).toBe(1);
  expect(tokens).toEqual(['at-new', 'at-new', 'at-new', 'at-new']);
}

describe('TokenManager: four instances sharing one MemoryStore', () => {
  it('dead access token: exactly one OAuth call, all four end with the new token', async () => {
    const store = new MemoryStore();
    await fourInstanceRace([store, store, store, store]);
  });

  it('token near expiry: one proactive refresh for all four', async () => {
    const store = new MemoryStore();
    await fourInstanceProactive([store, store, store, store]);
  });
});

const redisUrl = testRedisUrl();
describe.skipIf(!redisUrl)('TokenManager: four instances, each with its own Redis connection', () => {
  const open: RedisStore[] = [];
  const connect = (prefix: string) => {
    const stores = Array.from({ length: 4 }, () => new RedisStore({ url: redisUrl, prefix }));
    open.push(...stores);
    return stores;
  };
  afterAll(async () => {
    await Promise.all(open.map((s) => s.close()));
  });

  it('dead access token: exactly one OAuth call, all four end with the new token', async () => {
    await fourInstanceRace(connect(uniquePrefix('zalo-token-race')));
  });

  it('token near expiry: one proactive refresh for all four', async () => {
    await fourInstanceProactive(connect(uniquePrefix('zalo-token-proactive')));
  });
});

describe('TokenManager', () => {
  it('seeds the store once from the environment and never overwrites a stored pair', async () => {
    const store = new MemoryStore();
    await store.set(TOKEN_KEY, JSON.stringify({ accessToken: 'live-at', refreshToken: 'live-rt', expiresAt: Date.now() + 20 * 3600_000 }));
    const m = manager(store);
    await m.seed();
    expect(await m.getAccessToken()).toBe('live-at');
    const fresh = new MemoryStore();
    await manager(fresh).seed();
    expect(await readRecord(fresh)).toEqual({ accessToken: 'dead-at', refreshToken: 'rt-1', expiresAt: null });
  });

  it('a token far from expiry is returned without calling OAuth', async () => {
    const store = new MemoryStore();
    await store.set(TOKEN_KEY, JSON.stringify({ accessToken: 'good-at', refreshToken: 'rt-1', expiresAt: Date.now() + 5 * 3600_000 }));
    // Net connect is disabled and no interceptor exists: any OAuth call would fail the test.
    expect(await manager(store).getAccessToken()).toBe('good-at');
  });

  it('stores expiresAt from a string expires_in', async () => {
    const store = new MemoryStore();
    const now = 1_700_000_000_000;
    const counter = { calls: 0 };
    oauthOnce(counter, { access_token: 'at-new', refresh_token: 'rt-2', expires_in: '90000' }, 0);
    const m = manager(store, { now: () => now });
    await m.seed();
    await m.refreshAfterRejection('dead-at');
    expect(await readRecord(store)).toEqual({ accessToken: 'at-new', refreshToken: 'rt-2', expiresAt: now + 90_000_000 });
  });

  it('a proactive refresh that fails while the token still works returns the current token', async () => {
    const store = new MemoryStore();
    await store.set(TOKEN_KEY, JSON.stringify({ accessToken: 'old-at', refreshToken: 'rt-1', expiresAt: Date.now() + 10 * 60_000 }));
    nock(OAUTH).post('/v4/oa/access_token').reply(502, 'bad gateway');
    expect(await manager(store).getAccessToken()).toBe('old-at');
  });

  it('OAuth error object: typed error, ops alert logged, no token ever logged', async () => {
    const store = new MemoryStore();
    const { logger, lines } = capture();
    nock(OAUTH).post('/v4/oa/access_token').reply(200, { error: -14014, error_name: 'invalid_refresh_token', error_description: 'Refresh token is invalid' });
    const m = manager(store, { logger });
    await m.seed();
    const err = await m.refreshAfterRejection('dead-at').catch((e) => e);
    expect(err).toBeInstanceOf(ZaloTokenRefreshError);
    expect(err).toMatchObject({ code: -14014, kind: 'permanent', errorName: 'invalid_refresh_token' });
    const log = lines.join('\n');
    expect(log).toContain('zalo_token_refresh_failed');
    expect(log).not.toContain('dead-at');
    expect(log).not.toContain('rt-1');
    expect(log).not.toContain(APP_SECRET);
    // Nothing was written: the stored pair is unchanged for the admin to fix.
    expect(await readRecord(store)).toMatchObject({ accessToken: 'dead-at', refreshToken: 'rt-1' });
  });

  it('successful refresh logs no token either', async () => {
    const store = new MemoryStore();
    const { logger, lines } = capture();
    oauthOnce({ calls: 0 }, undefined, 0);
    const m = manager(store, { logger });
    await m.seed();
    expect(await m.refreshAfterRejection('dead-at')).toBe('at-new');
    const log = lines.join('\n');
    expect(log).toContain('refreshed');
    for (const secret of ['dead-at', 'rt-1', 'at-new', 'rt-2', APP_SECRET]) expect(log).not.toContain(secret);
  });

  it('startProactiveRefresh refreshes an expiring token on its timer; stop() ends it', async () => {
    const store = new MemoryStore();
    await store.set(TOKEN_KEY, JSON.stringify({ accessToken: 'old-at', refreshToken: 'rt-1', expiresAt: Date.now() + 60_000 }));
    const counter = { calls: 0 };
    oauthOnce(counter, undefined, 0);
    const m = manager(store);
    m.startProactiveRefresh(20);
    const deadline = Date.now() + 3000;
    while (Date.now() < deadline && (await readRecord(store)).accessToken !== 'at-new') await new Promise((r) => setTimeout(r, 10));
    m.stop();
    expect(await readRecord(store)).toMatchObject({ accessToken: 'at-new', refreshToken: 'rt-2' });
    expect(counter.calls).toBe(1);
  });

  it('refreshIfDue refreshes a seeded pair of unknown age, but not a fresh one', async () => {
    const store = new MemoryStore();
    const counter = { calls: 0 };
    oauthOnce(counter, undefined, 0);
    const m = manager(store);
    await m.seed();
    expect(await m.refreshIfDue()).toBe(true);
    expect(await m.refreshIfDue()).toBe(false);
    expect(counter.calls).toBe(1);
  });
});
