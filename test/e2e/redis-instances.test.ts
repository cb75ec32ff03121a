import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import express from 'express';
import type { Server } from 'node:http';
import type { RunningBot } from '../../src/main.js';
import { FakeZaloApi } from '../../src/sim/fake-zalo-api.js';
import { testRedisUrl, uniquePrefix } from '../support/redis.js';
import { startBot, startFakeZalo, postEvent, waitFor } from '../support/bot.js';
import { sharedContentDir } from '../support/content.js';

const url = testRedisUrl();
const APP = '4120118000000000001';
const OA = '3660000000000000004';
const SECRET = 'oa-secret-e2e-0123456789';

function credentials(api: { apiBaseUrl: string; oauthBaseUrl: string }, prefix: string): Record<string, string> {
  return {
    REDIS_URL: url,
    REDIS_PREFIX: prefix,
    ZALO_APP_ID: APP,
    ZALO_OA_ID: OA,
    ZALO_OA_SECRET_KEY: SECRET,
    ZALO_APP_SECRET: 'app-secret',
    ZALO_ACCESS_TOKEN: 'at-1',
    ZALO_REFRESH_TOKEN: 'rt-1',
    ZALO_API_BASE_URL: api.apiBaseUrl,
    ZALO_OAUTH_BASE_URL: api.oauthBaseUrl,
  };
}

function text(t: string, userId: string, msgId = randomBytes(10).toString('hex')) {
  return { app_id: APP, event_name: 'user_send_text', timestamp: String(Date.now()), sender: { id: userId }, recipient: { id: OA }, message: { msg_id: msgId, text: t } };
}

describe.skipIf(!url)('several instances on one Redis', () => {
  let zalo: Awaited<ReturnType<typeof startFakeZalo>>;
  let a: RunningBot;
  let b: RunningBot;
  beforeAll(async () => {
    zalo = await startFakeZalo({ appId: APP, appSecret: 'app-secret', accessToken: 'at-1', refreshToken: 'rt-1' });
    const prefix = uniquePrefix('e2e');
    a = await startBot(credentials(zalo, prefix));
    b = await startBot(credentials(zalo, prefix));
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await zalo?.close();
  });

  it('the same event delivered to two instances at once yields exactly one reply', async () => {
    const user = '2468000000000001001';
    const event = text('xin chào', user);
    const [r1, r2] = await Promise.all([postEvent(`http://127.0.0.1:${a.port}`, event, SECRET), postEvent(`http://127.0.0.1:${b.port}`, event, SECRET)]);
    expect([r1.status, r2.status]).toEqual([200, 200]);
    await waitFor(() => zalo.fake.messagesFor(user).length > 0, 8000, 'reply');
    await new Promise((r) => setTimeout(r, 500));
    expect(zalo.fake.messagesFor(user)).toHaveLength(1);
  });

  it('keeps one user’s messages in order across instances', async () => {
    const user = '2468000000000001002';
    for (let i = 0; i < 6; i++) {
      const target = i % 2 ? b : a;
      const res = await postEvent(`http://127.0.0.1:${target.port}`, text(i % 2 ? 'cảm ơn' : 'xin chào', user, `order-${i}-${user}`), SECRET);
      expect(res.status).toBe(200);
    }
    const replies = await waitFor(() => {
      const m = zalo.fake.messagesFor(user);
      return m.length >= 6 ? m : undefined;
    }, 10_000, 'six replies');
    const texts = replies.map((m) => String(m.message.text));
    for (let i = 2; i < 6; i++) expect(texts[i]).toBe(texts[i % 2]);
    expect(texts[0]).not.toBe(texts[1]);
  });
});

describe.skipIf(!url)('PROCESS_ROLE: a web process queues, a worker process answers', () => {
  let zalo: Awaited<ReturnType<typeof startFakeZalo>>;
  let web: RunningBot;
  let worker: RunningBot | undefined;
  let prefix: string;
  beforeAll(async () => {
    zalo = await startFakeZalo({ appId: APP, appSecret: 'app-secret', accessToken: 'at-1', refreshToken: 'rt-1' });
    prefix = uniquePrefix('roles');
    web = await startBot({ ...credentials(zalo, prefix), PROCESS_ROLE: 'web' });
  });
  afterAll(async () => {
    await Promise.all([web?.stop(), worker?.stop()]);
    await zalo?.close();
  });

  it('events acknowledged by the web process wait until a worker starts, then get exactly one reply each, in order', async () => {
    const user = '2468000000000001003';
    for (let i = 0; i < 3; i++) {
      const res = await postEvent(`http://127.0.0.1:${web.port}`, text(i === 1 ? 'cảm ơn' : 'xin chào', user, `role-${i}-${user}`), SECRET);
      expect(res.status).toBe(200);
    }
    await new Promise((r) => setTimeout(r, 600));
    expect(zalo.fake.messagesFor(user)).toHaveLength(0);
    expect(await web.inbox.backlog()).toBe(3);

    worker = await startBot({ ...credentials(zalo, prefix), PROCESS_ROLE: 'worker' });
    const replies = await waitFor(() => {
      const m = zalo.fake.messagesFor(user);
      return m.length >= 3 ? m : undefined;
    }, 10_000, 'three replies');
    await new Promise((r) => setTimeout(r, 400));
    expect(zalo.fake.messagesFor(user)).toHaveLength(3);
    const texts = replies.map((m) => String(m.message.text));
    expect(texts[0]).toBe(texts[2]);
    expect(texts[1]).not.toBe(texts[0]);
  });

  it('the worker process serves health and metrics but not the webhook or the console', async () => {
    expect(worker).toBeDefined();
    const base = `http://127.0.0.1:${worker!.port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/metrics`)).status).toBe(200);
    expect((await postEvent(base, text('xin chào', '2468000000000001004'), SECRET)).status).toBe(404);
    expect((await fetch(`${base}/admin/`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${web.port}/admin/`)).status).toBe(200);
  });
});

describe.skipIf(!url)('an acknowledged event survives a crash of the process', () => {
  let server: Server;
  let fake: FakeZaloApi;
  let hang = true;
  let apiBaseUrl = '';
  let child: ChildProcess | undefined;
  beforeAll(async () => {
    fake = new FakeZaloApi({ appId: APP, appSecret: 'app-secret', accessToken: 'at-1', refreshToken: 'rt-1' });
    const app = express();
    // The first instance's send never completes: it is killed mid-turn.
    app.use('/api', (_req, _res, next) => (hang ? undefined : next()), fake.apiRouter());
    app.use('/oauth', fake.oauthRouter());
    server = await new Promise((r) => {
      const s = app.listen(0, '127.0.0.1', () => r(s));
    });
    apiBaseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
  });

  it('is handled soon after a restart when the instance was SIGKILLed mid-turn (default settings), before the user’s next event', async () => {
    const prefix = uniquePrefix('crash');
    // The sample catalogue (sharedContentDir): two starts of the whole one would spend this test's time loading it.
    const env = { ...process.env, ...credentials({ apiBaseUrl: `${apiBaseUrl}/api`, oauthBaseUrl: `${apiBaseUrl}/oauth` }, prefix), PORT: '0', LOG_LEVEL: 'info', CONTENT_DIR: sharedContentDir() };
    const startChild = async () => {
      const c = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      const port = await new Promise<number>((resolve, reject) => {
        let buf = '';
        c.stdout!.on('data', (d) => {
          buf += d;
          const m = /"port":(\d+)/.exec(buf);
          if (m) resolve(Number(m[1]));
        });
        c.once('exit', (code) => reject(new Error(`bot exited early with ${code}`)));
      });
      return { c, port };
    };
    const first = await startChild();
    child = first.c;
    const user = '2468000000000001003';
    const res = await postEvent(`http://127.0.0.1:${first.port}`, text('xin chào', user), SECRET);
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    first.c.kill('SIGKILL');
    await new Promise((r) => first.c.once('exit', r));
    expect(fake.messagesFor(user)).toHaveLength(0);

    hang = false;
    const second = await startChild();
    child = second.c;
    const restartedAt = Date.now();
    expect((await postEvent(`http://127.0.0.1:${second.port}`, text('cảm ơn', user), SECRET)).status).toBe(200);
    await waitFor(() => fake.messagesFor(user).length >= 2, 20_000, 'both replies after restart');
    const recoveryMs = fake.messagesFor(user)[0]!.at - restartedAt;
    console.error(`SIGKILL recovery: the killed instance's event answered ${recoveryMs} ms after the new instance listened (QUEUE_STALLED_INTERVAL_MS default)`);
    // The dead worker's lock lapses within QUEUE_STALLED_INTERVAL_MS (5 s) and workers look every second; margin for a loaded machine.
    expect(recoveryMs).toBeLessThan(12_000);
    await new Promise((r) => setTimeout(r, 500));
    const texts = fake.messagesFor(user).map((m) => String(m.message.text));
    expect(texts).toHaveLength(2);
    expect(texts[0]).toMatch(/^Xin chào/);
    expect(texts[1]).toMatch(/^Dạ, không có gì/);
    second.c.kill('SIGTERM');
    await new Promise((r) => second.c.once('exit', r));
  }, 40_000);
});
