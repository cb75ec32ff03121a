import nock from 'nock';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory-store.js';
import { RedisStore } from '../../src/store/redis-store.js';
import type { Store } from '../../src/store/ports.js';
import { ZaloTokenChainBrokenError, ZaloTokenRefreshError, isRetryLater } from '../../src/zalo/errors.js';
import { TOKEN_CHAIN_KEY, TOKEN_KEY, TOKEN_LOCK_KEY, TokenManager, putTokenPair, type TokenRecord } from '../../src/zalo/token-manager.js';
import { nextChainState } from '../../src/zalo/token-chain.js';
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
    oauthTimeoutMs: 2000,
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

  it('OAuth error object: typed "retry later" error, ops alert logged, no token ever logged', async () => {
    const store = new MemoryStore();
    const { logger, lines } = capture();
    nock(OAUTH).post('/v4/oa/access_token').reply(200, { error: -14014, error_name: 'invalid_refresh_token', error_description: 'Refresh token is invalid' });
    const m = manager(store, { logger });
    await m.seed();
    const err = await m.refreshAfterRejection('dead-at').catch((e) => e);
    expect(err).toBeInstanceOf(ZaloTokenRefreshError);
    expect(err).toBeInstanceOf(ZaloTokenChainBrokenError);
    // Not "permanent": the reply is still owed and must wait for the chain to heal, never be dropped.
    expect(err).toMatchObject({ code: -14014, kind: 'transient', retryLater: true, reason: 'refused', errorName: 'invalid_refresh_token' });
    expect(isRetryLater(err)).toBe(true);
    const log = lines.join('\n');
    expect(log).toContain('zalo_token_refresh_failed');
    expect(log).toContain('zalo_token_chain_broken');
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

describe.skipIf(!redisUrl)('TokenManager: the refresh lock outlives a slow OAuth call (real Redis)', () => {
  const open: RedisStore[] = [];
  const connect = (prefix: string) => {
    const s = new RedisStore({ url: redisUrl, prefix });
    open.push(s);
    return s;
  };
  afterAll(async () => {
    await Promise.all(open.map((s) => s.close()));
  });

  it('the lock TTL exceeds the OAuth timeout', async () => {
    const store = connect(uniquePrefix('zalo-lock-ttl'));
    const counter = { calls: 0 };
    oauthOnce(counter, undefined, 600);
    const m = manager(store, { oauthTimeoutMs: 40_000 });
    await m.seed();
    const refreshing = m.refreshAfterRejection('dead-at');
    await new Promise((r) => setTimeout(r, 300));
    // While OAuth is still answering, the lock must not be able to expire before the OAuth timeout does.
    expect(await store.ttl(TOKEN_LOCK_KEY)).toBeGreaterThan(40_000);
    expect(await refreshing).toBe('at-new');
    expect(counter.calls).toBe(1);
  });

  it('renews the lock while OAuth is slow: a second instance arriving after the TTL waits instead of refreshing again', async () => {
    const prefix = uniquePrefix('zalo-lock-renew');
    const counter = { calls: 0 };
    oauthOnce(counter, undefined, 1200);
    const [a, b] = [manager(connect(prefix), { lockTtlMs: 300, oauthTimeoutMs: 5000 }), manager(connect(prefix), { lockTtlMs: 300, oauthTimeoutMs: 5000 })];
    await a.seed();
    const first = a.refreshAfterRejection('dead-at');
    await new Promise((r) => setTimeout(r, 700));
    const second = b.refreshAfterRejection('dead-at');
    expect(await Promise.all([first, second])).toEqual(['at-new', 'at-new']);
    expect(counter.calls).toBe(1);
  });
});

describe('TokenManager: a failed chain backs off', () => {
  /** A revoked refresh token: every OAuth call is refused, and counted. */
  const refused = (counter = { calls: 0 }) =>
    nock(OAUTH)
      .post('/v4/oa/access_token')
      .times(50)
      .reply(200, () => {
        counter.calls += 1;
        return { error: -14014, error_name: 'invalid_refresh_token' };
      });

  it('a refusal is remembered: no OAuth call per send until the back-off ends, then one try that heals', async () => {
    const store = new MemoryStore();
    let now = 1_700_000_000_000;
    const m = manager(store, { now: () => now, backoff: { refusedBaseMs: 60_000 } });
    await m.seed();
    const refusals = { calls: 0 };
    refused(refusals);
    const errors: unknown[] = [];
    for (let i = 0; i < 21; i++) errors.push(await m.refreshAfterRejection('dead-at').catch((e: unknown) => e));
    errors.push(await m.getAccessToken().catch((e: unknown) => e));
    expect(refusals.calls).toBe(1);
    for (const err of errors) expect(err).toMatchObject({ name: 'ZaloTokenChainBrokenError', reason: 'refused', retryLater: true, kind: 'transient' });
    nock.cleanAll();
    expect(await m.chainStatus()).toMatchObject({ ok: false, broken: true, reason: 'refused' });
    expect(JSON.parse((await store.get(TOKEN_CHAIN_KEY))!)).toMatchObject({ reason: 'refused', permanent: true, blocking: true, failures: 1, retryAt: now + 60_000 });

    now += 61_000;
    const counter = { calls: 0 };
    oauthOnce(counter, undefined, 0);
    expect(await m.getAccessToken()).toBe('at-new');
    expect(counter.calls).toBe(1);
    expect(await store.get(TOKEN_CHAIN_KEY)).toBeNull();
    expect(await m.chainStatus()).toMatchObject({ ok: true, broken: false });
  });

  it('refusals back off exponentially up to the cap; transient failures start shorter', () => {
    const backoff = { transientBaseMs: 5000, transientMaxMs: 120_000, refusedBaseMs: 60_000, refusedMaxMs: 30 * 60_000 };
    let state = null as ReturnType<typeof nextChainState> | null;
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      state = nextChainState(state, { pair: 'p', failure: { reason: 'refused', permanent: true }, blocking: true, now: 0, backoff });
      delays.push(state.retryAt);
    }
    expect(delays).toEqual([60_000, 120_000, 240_000, 480_000, 960_000, 1_800_000, 1_800_000, 1_800_000]);
    expect(nextChainState(null, { pair: 'p', failure: { reason: 'timeout', permanent: false }, blocking: false, now: 0, backoff }).retryAt).toBe(5000);
    // A state about another pair does not count: a new pair starts afresh.
    expect(nextChainState(state, { pair: 'q', failure: { reason: 'network', permanent: false }, blocking: false, now: 0, backoff })).toMatchObject({ failures: 1, retryAt: 5000 });
  });

  it('a new pair put by an operator heals a refused chain at once', async () => {
    const store = new MemoryStore();
    const m = manager(store);
    await m.seed();
    refused();
    await expect(m.refreshAfterRejection('dead-at')).rejects.toBeInstanceOf(ZaloTokenChainBrokenError);
    expect(await m.chainStatus()).toMatchObject({ broken: true });
    expect(await putTokenPair(store, { accessToken: 'op-at', refreshToken: 'op-rt', expiresAt: Date.now() + 20 * 3600_000 })).toBe(true);
    expect(await m.chainStatus()).toMatchObject({ ok: true, broken: false });
    expect(await m.getAccessToken()).toBe('op-at');
  });

  it('a transient failure of a proactive refresh keeps the valid token in use and /readyz green, without retrying per send', async () => {
    const store = new MemoryStore();
    await store.set(TOKEN_KEY, JSON.stringify({ accessToken: 'old-at', refreshToken: 'rt-1', expiresAt: Date.now() + 10 * 60_000 }));
    const counter = { calls: 0 };
    nock(OAUTH)
      .post('/v4/oa/access_token')
      .times(20)
      .reply(() => {
        counter.calls += 1;
        return [502, 'bad gateway'];
      });
    const m = manager(store);
    for (let i = 0; i < 10; i++) expect(await m.getAccessToken()).toBe('old-at');
    expect(counter.calls).toBe(1);
    expect(await m.chainStatus()).toMatchObject({ ok: true, broken: false });
    expect(JSON.parse((await store.get(TOKEN_CHAIN_KEY))!)).toMatchObject({ reason: 'http', permanent: false, blocking: false, failures: 1 });
  });
});
