import { spawn } from 'node:child_process';
import type { Server } from 'node:http';
import { join } from 'node:path';
import express from 'express';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { start, type RunningBot } from '../../src/main.js';
import { projectRoot } from '../../src/paths.js';
import { FakeZaloApi } from '../../src/sim/fake-zalo-api.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { ZaloClient } from '../../src/zalo/client.js';
import { ZaloTokenChainBrokenError } from '../../src/zalo/errors.js';
import { TOKEN_KEY, TokenManager, type TokenManagerOptions } from '../../src/zalo/token-manager.js';
import { postEvent } from '../support/bot.js';
import { testRedisUrl, uniquePrefix } from '../support/redis.js';
import { textEvent } from '../support/zalo-fixtures.js';
import { until as pollUntil } from '../support/until.js';

/**
 * Issue 14, point 1: one bad refresh must not kill the token chain. Whole bots (webhook → queue → handler →
 * Zalo client → token manager) on a real Redis, against a loopback fake Zalo whose OAuth endpoint can answer
 * late, never, or refuse; the fake rotates the pair the moment it handles a refresh, as Zalo does, so a
 * refresh token whose answer was thrown away is spent for good.
 */

const url = testRedisUrl();
const APP = '4120118000000000001';
const OA = '3660000000000000004';
const SECRET = 'oa-secret-for-token-chain';
const APP_SECRET = 'app-secret-for-token-chain';

type OAuthStep = { delayMs?: number; hang?: boolean };

/** The fake Zalo OA API and OAuth server; `plan(n)` decides how the n-th OAuth request is answered. */
async function startZalo(plan: (n: number) => OAuthStep) {
  const fake = new FakeZaloApi({ appId: APP, appSecret: APP_SECRET, accessToken: 'at-live', refreshToken: 'rt-1' });
  const app = express();
  const oauth = { calls: 0 };
  app.use('/api', fake.apiRouter());
  app.use(
    '/oauth',
    (_req, res, next) => {
      oauth.calls += 1;
      const step = plan(oauth.calls);
      if (step.hang) return; // never answered: the bot's own deadline has to end it
      if (step.delayMs) {
        const send = res.json.bind(res);
        // The pair rotates now; only the answer is late (the refresh token is already spent).
        res.json = (body: unknown) => {
          setTimeout(() => {
            if (!res.destroyed) send(body);
          }, step.delayMs);
          return res;
        };
      }
      next();
    },
    fake.oauthRouter(),
  );
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    fake,
    oauth,
    apiBaseUrl: `${base}/api`,
    oauthBaseUrl: `${base}/oauth`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

type Zalo = Awaited<ReturnType<typeof startZalo>>;

function botEnv(zalo: Zalo, prefix: string, extra: Record<string, string>): Record<string, string> {
  return {
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    REDIS_URL: url,
    REDIS_PREFIX: prefix,
    ZALO_APP_ID: APP,
    ZALO_OA_ID: OA,
    ZALO_OA_SECRET_KEY: SECRET,
    ZALO_APP_SECRET: APP_SECRET,
    // A dead access token: the first send is refused (-216) and needs a refresh.
    ZALO_ACCESS_TOKEN: 'at-dead',
    ZALO_REFRESH_TOKEN: 'rt-1',
    ZALO_API_BASE_URL: zalo.apiBaseUrl,
    ZALO_OAUTH_BASE_URL: zalo.oauthBaseUrl,
    ZALO_REQUEST_TIMEOUT_MS: '500',
    QUEUE_STALLED_INTERVAL_MS: '2000',
    ...extra,
  };
}

const running: RunningBot[] = [];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((b) => b.stop()));
  for (const c of closers.splice(0)) await c();
});

async function bot(env: Record<string, string>, tokenTuning?: Partial<TokenManagerOptions>): Promise<RunningBot> {
  const b = await start(loadConfig(env), { logger: pino({ level: 'silent' }), tokenTuning });
  running.push(b);
  return b;
}

const base = (b: RunningBot) => `http://127.0.0.1:${b.port}`;
const user = (i: number) => `24680000000${String(900000 + i).padStart(8, '0')}`;
const send = (b: RunningBot, i: number, text = 'xin chào') => postEvent(base(b), textEvent(text, { userId: user(i), appId: APP, oaId: OA }), SECRET);
const answered = (zalo: Zalo, ids: number[]) => ids.filter((i) => zalo.fake.messagesFor(user(i)).length > 0).length;

async function readyz(b: RunningBot): Promise<{ status: number; body: { checks: { name: string; ok: boolean; error?: string }[] } }> {
  const res = await fetch(`${base(b)}/readyz`);
  return { status: res.status, body: (await res.json()) as { checks: { name: string; ok: boolean; error?: string }[] } };
}

async function metric(b: RunningBot, line: RegExp): Promise<number> {
  const text = await (await fetch(`${base(b)}/metrics`)).text();
  const m = text.split('\n').find((l) => line.test(l));
  return m ? Number(m.split(' ').pop()) : 0;
}

const until = (fn: () => boolean | Promise<boolean>, timeoutMs: number, label: string) => pollUntil(fn, timeoutMs, label, 50);

async function storedPair(prefix: string): Promise<{ accessToken: string; refreshToken: string }> {
  const store = new RedisStore({ url, prefix });
  try {
    return JSON.parse((await store.get(TOKEN_KEY)) ?? 'null') as { accessToken: string; refreshToken: string };
  } finally {
    await store.close();
  }
}

const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

describe.skipIf(!url)('Zalo token chain under OAuth and Redis faults (two bots, real Redis)', () => {
  it('OAuth slower than the API timeout but within its own: one OAuth call, the new pair stored, every reply sent', async () => {
    const zalo = await startZalo(() => ({ delayMs: 1500 }));
    closers.push(zalo.close);
    const prefix = uniquePrefix('chain-slow');
    const env = botEnv(zalo, prefix, { ZALO_OAUTH_TIMEOUT_MS: '5000' });
    const [a, b] = [await bot(env), await bot(env)];
    const ids = range(1, 6);
    for (const i of ids) expect((await send(i % 2 ? a : b, i)).status).toBe(200);

    await until(() => answered(zalo, ids) === ids.length, 20_000, 'every reply');
    expect(zalo.oauth.calls).toBe(1);
    expect(await storedPair(prefix)).toMatchObject({ accessToken: zalo.fake.accessToken, refreshToken: zalo.fake.refreshToken });
    expect((await readyz(a)).status).toBe(200);
    expect((await readyz(b)).status).toBe(200);
  }, 40_000);

  it('OAuth answering after its own timeout: no tight loop, /readyz red with the reason, metric raised; the late answer heals the chain', async () => {
    // Answer at 2.5 s; the bot waits 1 s, then backs off while the request stays open (up to 3 s) for a late answer.
    const zalo = await startZalo(() => ({ delayMs: 2500 }));
    closers.push(zalo.close);
    const prefix = uniquePrefix('chain-late');
    const a = await bot(botEnv(zalo, prefix, { ZALO_OAUTH_TIMEOUT_MS: '1000' }));
    expect((await send(a, 1)).status).toBe(200);

    await until(async () => (await readyz(a)).status === 503, 5000, '/readyz to turn red');
    const red = await readyz(a);
    expect(red.body.checks.find((c) => c.name === 'zalo_token')?.error).toMatch(/token chain broken: Zalo OAuth did not answer in time/);
    expect(await metric(a, /^zalo_token_chain_broken /)).toBe(1);
    expect(await metric(a, /^zalo_token_refresh_failures_total\{reason="timeout"\}/)).toBe(1);
    // Twenty more citizens write while the chain backs off: their sends fail fast, OAuth is not called again.
    const during = range(2, 20);
    await Promise.all(during.map((i) => send(a, i)));
    await new Promise((r) => setTimeout(r, 300));
    expect(zalo.oauth.calls).toBe(1);

    await until(async () => (await readyz(a)).status === 200, 8000, 'the late answer to heal the chain');
    expect(zalo.oauth.calls).toBe(1);
    expect(await storedPair(prefix)).toMatchObject({ accessToken: zalo.fake.accessToken, refreshToken: zalo.fake.refreshToken });
    expect(await metric(a, /^zalo_token_chain_broken /)).toBe(0);
    // The replies that waited are sent (the queue retries them), and a new message is answered.
    expect((await send(a, 30)).status).toBe(200);
    await until(() => answered(zalo, [1, ...during, 30]) === 22, 25_000, 'all 22 replies');
    expect(zalo.oauth.calls).toBe(1);
  }, 50_000);

  it('OAuth never answering: backs off without a tight loop, /readyz red, and the next successful refresh heals', async () => {
    const zalo = await startZalo((n) => (n === 1 ? { hang: true } : {}));
    closers.push(zalo.close);
    const prefix = uniquePrefix('chain-hang');
    const a = await bot(botEnv(zalo, prefix, { ZALO_OAUTH_TIMEOUT_MS: '1000' }), { backoff: { transientBaseMs: 500 } });
    expect((await send(a, 1)).status).toBe(200);

    await until(async () => (await readyz(a)).status === 503, 5000, '/readyz to turn red');
    await Promise.all(range(2, 10).map((i) => send(a, i)));
    await new Promise((r) => setTimeout(r, 500));
    // The open request (kept up to 3 s for a late answer) is the only one while the chain backs off.
    expect(zalo.oauth.calls).toBe(1);

    await until(async () => (await readyz(a)).status === 200, 15_000, 'a later refresh to heal the chain');
    expect(zalo.oauth.calls).toBe(2);
    expect(await storedPair(prefix)).toMatchObject({ refreshToken: zalo.fake.refreshToken });
    await until(() => answered(zalo, range(1, 10)) === 10, 25_000, 'the ten waiting replies');
  }, 50_000);

  it('OAuth refusal: 100 sends over two instances make exactly one OAuth call, each fails fast as "retry later"', async () => {
    const zalo = await startZalo(() => ({}));
    closers.push(zalo.close);
    const prefix = uniquePrefix('chain-refused-sends');
    const stores = [new RedisStore({ url, prefix }), new RedisStore({ url, prefix })];
    closers.push(async () => void (await Promise.all(stores.map((s) => s.close()))));
    const clients = stores.map((store) => {
      // A generous send timeout: a hundred sends at once on a loaded two-core runner can take seconds, and a send
      // that times out is a different failure from the one this test is about.
      const tokens = new TokenManager({ store, logger: pino({ level: 'silent' }), appId: APP, appSecret: APP_SECRET, oauthBaseUrl: zalo.oauthBaseUrl, seedAccessToken: 'at-dead', seedRefreshToken: 'rt-revoked', refreshMarginS: 3600, oauthTimeoutMs: 5000 });
      return new ZaloClient({ baseUrl: zalo.apiBaseUrl, tokens, logger: pino({ level: 'silent' }), limits: { textMaxChars: 2000, buttonTitleMax: 20, maxButtons: 5 }, timeoutMs: 10_000 });
    });
    const results = await Promise.allSettled(range(1, 100).map((i) => clients[i % 2]!.sendText(user(i), 'Dạ, em chào anh/chị.')));
    expect(zalo.oauth.calls).toBe(1);
    const unexpected = results.filter((r) => !(r.status === 'rejected' && r.reason instanceof ZaloTokenChainBrokenError && r.reason.retryLater && r.reason.reason === 'refused'));
    expect(unexpected.map((r) => (r.status === 'rejected' ? String(r.reason) : 'sent'))).toEqual([]);
    // Still one after the first wave: a later wave within the back-off window calls OAuth no more.
    await Promise.allSettled(range(101, 100).map((i) => clients[i % 2]!.sendText(user(i), 'Dạ.')));
    expect(zalo.oauth.calls).toBe(1);
  }, 60_000);

  it('OAuth refusal in the bot: /readyz red with the reason on both instances, metric raised; set-zalo-token heals and the waiting replies go out', async () => {
    const zalo = await startZalo(() => ({}));
    closers.push(zalo.close);
    const prefix = uniquePrefix('chain-refused');
    // A refresh token Zalo no longer accepts (revoked): the fake answers -14014.
    const env = botEnv(zalo, prefix, { ZALO_REFRESH_TOKEN: 'rt-revoked', ZALO_OAUTH_TIMEOUT_MS: '5000' });
    const [a, b] = [await bot(env), await bot(env)];
    const ids = range(1, 10);
    await Promise.all(ids.map((i) => send(i % 2 ? a : b, i)));

    // Each reply was tried, failed fast as "retry later", and waits in the reply retry queue (none dropped).
    const waiting = async () =>
      (await metric(a, /^bot_reply_retry_queued_total\{reason="token_chain_broken"\}/)) + (await metric(b, /^bot_reply_retry_queued_total\{reason="token_chain_broken"\}/));
    await until(async () => (await waiting()) >= 10, 20_000, 'ten waiting replies');
    expect(await metric(a, /^bot_reply_retry_depth /)).toBe(10);
    expect(zalo.oauth.calls).toBe(1);
    expect(answered(zalo, ids)).toBe(0);
    for (const inst of [a, b]) {
      const r = await readyz(inst);
      expect(r.status).toBe(503);
      expect(r.body.checks.find((c) => c.name === 'zalo_token')?.error).toMatch(/Zalo OAuth refused the refresh token \(.*-14014\).*set-zalo-token/);
      expect(await metric(inst, /^zalo_token_chain_broken /)).toBe(1);
    }
    expect((await metric(a, /^zalo_token_refresh_failures_total\{reason="refused"\}/)) + (await metric(b, /^zalo_token_refresh_failures_total\{reason="refused"\}/))).toBe(1);

    // An OA admin authorises again and puts the new pair.
    const pair = JSON.stringify({ access_token: zalo.fake.accessToken, refresh_token: zalo.fake.refreshToken, expires_in: '90000' });
    const cli = await runCli(['set-zalo-token'], { REDIS_URL: url, REDIS_PREFIX: prefix }, pair);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain('Zalo token pair saved');
    expect((await readyz(a)).status).toBe(200);
    expect((await readyz(b)).status).toBe(200);
    expect(await metric(a, /^zalo_token_chain_broken /)).toBe(0);
    // None of the replies was dropped: they go out as the retry queue tries them again.
    await until(() => answered(zalo, ids) === ids.length, 40_000, 'the waiting replies');
    expect(zalo.oauth.calls).toBe(1);
  }, 90_000);
});

async function runCli(args: string[], env: Record<string, string>, stdin: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot(), 'src', 'cli', 'admin.ts'), ...args], { cwd: projectRoot(), env: { ...process.env, LOG_LEVEL: 'silent', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += String(d)));
  child.stderr.on('data', (d) => (stderr += String(d)));
  child.stdin.end(stdin);
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  return { code, stdout, stderr };
}
