import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBot } from '../../src/main.js';
import type { RecordedMessage } from '../../src/sim/fake-zalo-api.js';
import { startBot, startFakeZalo, postEvent, waitFor } from '../support/bot.js';
import { freePort } from '../support/free-port.js';
import { uniquePrefix } from '../support/redis.js';

const APP = '4120118000000000001';
const OA = '3660000000000000004';
const SECRET = 'oa-secret-faults-0123456789';
const hasRedis = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).status === 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A private redis-server with an append-only file, which the test SIGKILLs and starts again on the same data. */
class KillableRedis {
  child?: ChildProcess;
  readonly dir = mkdtempSync(join(tmpdir(), 'delivery-faults-'));
  constructor(readonly port: number) {}
  async start(): Promise<void> {
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--appendonly', 'yes', '--save', ''], { stdio: 'ignore' });
    await waitFor(() => spawnSync('redis-cli', ['-p', String(this.port), 'ping'], { encoding: 'utf8' }).stdout?.trim() === 'PONG', 10_000, 'redis up');
  }
  killNow(): void {
    this.child?.kill('SIGKILL');
  }
  async stop(): Promise<void> {
    this.killNow();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function text(t: string, userId: string) {
  return { app_id: APP, event_name: 'user_send_text', timestamp: String(Date.now()), sender: { id: userId }, recipient: { id: OA }, message: { msg_id: randomBytes(10).toString('hex'), text: t } };
}

function env(api: { apiBaseUrl: string; oauthBaseUrl: string }, redisUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    REDIS_URL: redisUrl,
    REDIS_PREFIX: uniquePrefix('faults'),
    ZALO_APP_ID: APP,
    ZALO_OA_ID: OA,
    ZALO_OA_SECRET_KEY: SECRET,
    ZALO_APP_SECRET: 'app-secret',
    ZALO_ACCESS_TOKEN: 'at-1',
    ZALO_REFRESH_TOKEN: 'rt-1',
    ZALO_API_BASE_URL: api.apiBaseUrl,
    ZALO_OAUTH_BASE_URL: api.oauthBaseUrl,
    ...extra,
  };
}

describe.skipIf(!hasRedis)('replies under faults, on a real Redis that is killed and started again', () => {
  let zalo: Awaited<ReturnType<typeof startFakeZalo>>;
  let redis: KillableRedis;
  const bots: RunningBot[] = [];
  beforeAll(async () => {
    zalo = await startFakeZalo({ appId: APP, appSecret: 'app-secret', accessToken: 'at-1', refreshToken: 'rt-1' });
    redis = new KillableRedis(await freePort());
    await redis.start();
  });
  afterAll(async () => {
    await Promise.all(bots.map((b) => b.stop().catch(() => undefined)));
    await zalo?.close();
    await redis?.stop();
  });

  it('Redis dies after Zalo took the reply and before its mark was written: the citizen still gets exactly one reply', async () => {
    const bot = await startBot(env(zalo, `redis://127.0.0.1:${redis.port}`));
    bots.push(bot);
    const user = '2468000000000003001';
    let restarted: Promise<void> | undefined;
    const onMessage = (m: RecordedMessage) => {
      if (m.userId !== user || restarted) return;
      // Zalo has the message; the bot has not heard back yet. Redis goes down now and returns 2 s later.
      redis.killNow();
      restarted = sleep(2000).then(() => redis.start());
    };
    zalo.fake.on('message', onMessage);
    expect((await postEvent(`http://127.0.0.1:${bot.port}`, text('xin chào', user), SECRET)).status).toBe(200);
    await waitFor(() => restarted, 10_000, 'the send');
    await restarted;
    // Until the job is done (every retry it needed has happened), then a little longer.
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && (await bot.queue.depth().catch(() => 1)) > 0) await sleep(200);
    await sleep(1500);
    zalo.fake.off('message', onMessage);
    expect(zalo.fake.messagesFor(user)).toHaveLength(1);
  }, 40_000);

  it('when part 2 of a long reply fails, part 1 is not sent again; the rest arrives once, in order', async () => {
    const bot = await startBot(env(zalo, `redis://127.0.0.1:${redis.port}`, { ZALO_TEXT_MAX_CHARS: '100' }));
    bots.push(bot);
    const user = '2468000000000003002';
    // Part 1 goes through; part 2 fails with "rate limit" on every try of the client (3 tries).
    zalo.fake.failNextSends(0, -32, -32, -32);
    expect((await postEvent(`http://127.0.0.1:${bot.port}`, text('dk ks can giay to gi', user), SECRET)).status).toBe(200);
    const all = await waitFor(
      () => {
        const got = zalo.fake.messagesFor(user);
        const last = got[got.length - 1];
        return last && (last.message.attachment || got.length > 20) ? got : undefined;
      },
      25_000,
      'the whole reply (its last part carries the buttons)',
    );
    await sleep(1500);
    const texts = zalo.fake.messagesFor(user).map((m) => String(m.message.text));
    expect(texts.length).toBe(all.length);
    expect(texts.length).toBeGreaterThan(2);
    expect(new Set(texts).size).toBe(texts.length);
    expect(texts[0]).toMatch(/^Đăng ký khai sinh/);
  }, 40_000);
});
