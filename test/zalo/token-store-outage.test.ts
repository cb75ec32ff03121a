import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeZaloApi } from '../../src/sim/fake-zalo-api.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { ZaloClient } from '../../src/zalo/client.js';
import { TOKEN_KEY, TOKEN_LOCK_KEY, TokenManager } from '../../src/zalo/token-manager.js';
import { freePort } from '../support/free-port.js';
import { hasRedisServer, startRedis, stopRedis } from '../support/private-redis.js';

/**
 * Issue 14, point 1: Redis fails while the new pair is being stored. Zalo has already spent the old refresh
 * token, so the new pair is the only live one: it must be kept in memory, used, and written when Redis is back,
 * without a second OAuth call. A private redis-server with an append-only file is SIGKILLed at the moment the
 * OAuth request arrives and restarted on the same port and data directory.
 */

const APP = '4120118000000000001';
const APP_SECRET = 'app-secret-outage';
const USER = '2468000000000000123';
const logger = pino({ level: 'silent' });
const limits = { textMaxChars: 2000, buttonTitleMax: 20, maxButtons: 5 };

describe.skipIf(!hasRedisServer)('Zalo token pair while Redis is down', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c().catch(() => undefined);
  });

  it('keeps the new pair in memory, sends with it, writes it when Redis is back: one OAuth call, the refresh token never lost', async () => {
    const port = await freePort();
    const dir = await mkdtemp(join(tmpdir(), 'token-outage-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const persist = ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir];
    let redis: ChildProcess = await startRedis(port, persist);
    cleanup.push(() => stopRedis(redis));
    const url = `redis://127.0.0.1:${port}`;
    const prefix = 'outage:';

    const fake = new FakeZaloApi({ appId: APP, appSecret: APP_SECRET, accessToken: 'at-live', refreshToken: 'rt-1' });
    let oauthCalls = 0;
    const app = express();
    app.use('/api', fake.apiRouter());
    // Redis dies while Zalo is handling the refresh: the answer arrives when the store cannot take it.
    app.use(
      '/oauth',
      (_req, _res, next) => {
        oauthCalls += 1;
        void stopRedis(redis).then(() => setTimeout(next, 200));
      },
      fake.oauthRouter(),
    );
    const server: Server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    cleanup.push(() => new Promise((r) => server.close(r)));
    const zaloBase = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

    const store = new RedisStore({ url, prefix, connectTimeoutMs: 500 });
    cleanup.push(() => store.close());
    const tokens = new TokenManager({ store, logger, appId: APP, appSecret: APP_SECRET, oauthBaseUrl: `${zaloBase}/oauth`, seedAccessToken: 'at-dead', seedRefreshToken: 'rt-1', refreshMarginS: 3600, oauthTimeoutMs: 5000, saveRetryMaxMs: 200 });
    cleanup.push(() => tokens.stop(0));
    await tokens.seed();
    const client = new ZaloClient({ baseUrl: `${zaloBase}/api`, tokens, logger, limits, timeoutMs: 2000 });

    // The first send is refused (-216), the refresh runs into the outage, and the send still goes out.
    const first = await client.sendText(USER, 'Dạ, em chào anh/chị.');
    expect(first.messageIds).toHaveLength(1);
    expect(oauthCalls).toBe(1);
    const newPair = { accessToken: fake.accessToken, refreshToken: fake.refreshToken };
    expect(newPair.refreshToken).not.toBe('rt-1');
    expect(await tokens.getAccessToken()).toBe(newPair.accessToken);
    expect(await tokens.chainStatus()).toMatchObject({ ok: false, reason: 'unsaved' });
    // More sends while Redis is still down: the in-memory pair serves them, OAuth is not called again.
    await client.sendText(USER, 'Dạ, anh/chị cần hỏi thủ tục nào ạ?');
    expect(fake.messagesFor(USER)).toHaveLength(2);
    expect(oauthCalls).toBe(1);

    redis = await startRedis(port, persist);
    const reader = new RedisStore({ url, prefix });
    cleanup.push(() => reader.close());
    const deadline = Date.now() + 10_000;
    const readStored = async () => JSON.parse((await reader.get(TOKEN_KEY).catch(() => null)) ?? 'null') as { accessToken: string; refreshToken: string } | null;
    let stored = await readStored();
    while (Date.now() < deadline && stored?.refreshToken !== newPair.refreshToken) {
      stored = await readStored();
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(stored).toMatchObject(newPair);
    await expect.poll(() => reader.exists(TOKEN_LOCK_KEY), { timeout: 3000 }).toBe(false);
    expect(await tokens.chainStatus()).toMatchObject({ ok: true, broken: false });

    // Another instance reads the pair written late: no refresh of the spent token, no OAuth call.
    const other = new TokenManager({ store: reader, logger, appId: APP, appSecret: APP_SECRET, oauthBaseUrl: `${zaloBase}/oauth`, seedAccessToken: 'at-dead', seedRefreshToken: 'rt-1', refreshMarginS: 3600 });
    expect(await other.getAccessToken()).toBe(newPair.accessToken);
    expect(await other.refreshAfterRejection('at-dead')).toBe(newPair.accessToken);
    await new ZaloClient({ baseUrl: `${zaloBase}/api`, tokens: other, logger, limits }).sendText(USER, 'Dạ.');
    expect(fake.messagesFor(USER)).toHaveLength(3);
    expect(oauthCalls).toBe(1);
  }, 40_000);
});
