import { spawn, type ChildProcess } from 'node:child_process';
import type { Server } from 'node:http';
import { createInterface } from 'node:readline';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeZaloApi } from '../../src/sim/fake-zalo-api.js';
import { testRedisUrl, uniquePrefix } from '../support/redis.js';
import { TOKEN, countsByUser, startFakeZaloApi, startHarness, until, users, type FakeZalo, type Harness } from './harness.js';

const url = testRedisUrl();

function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/broadcast-worker.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready`)));
  });
}

describe.skipIf(!url)('crash and resume (a worker process SIGKILLed mid-broadcast)', () => {
  let zalo: FakeZalo | undefined;
  let h: Harness | undefined;
  const children: ChildProcess[] = [];
  afterEach(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await h?.close();
    await zalo?.close();
  });

  it('every follower gets exactly one message', { timeout: 60_000 }, async () => {
    const followers = users(300);
    zalo = await startFakeZaloApi(followers);
    const prefix = uniquePrefix('crash');
    // The control instance queues; it runs no workers.
    h = await startHarness({ redisUrl: url, prefix, zalo, start: false });
    for (const u of followers) await h.mod.followers.follow(u, Date.now());
    const env = {
      REDIS_URL: url,
      REDIS_PREFIX: prefix,
      ZALO_API_BASE_URL: zalo.apiBaseUrl,
      BENCH_ACCESS_TOKEN: TOKEN,
      BENCH_RECENT_URL: zalo.recentUrl,
      ANNOUNCEMENT_CONCURRENCY: '16',
      ANNOUNCEMENT_RATE_PER_S: '150',
      ANNOUNCEMENT_QUIET_HOURS: '',
      QUEUE_STALLED_INTERVAL_MS: '1000',
      LOCK_DURATION_MS: '2000',
      PENDING_GRACE_MS: '1500',
      RETRY_BACKOFF_MS: '100',
    };
    children.push(await startWorker(env));
    const a = await h.mod.repo.create({ title: 'Thông báo khẩn', text: 'Nội dung.', buttons: [], audience: { all: true }, status: 'scheduled', createdBy: 'test' }, Date.now());
    await h.mod.delivery.schedule(a);

    await until(async () => countsByUser(zalo!.fake, 'Thông báo khẩn').size >= 100, 20_000, '100 messages');
    children[0]!.kill('SIGKILL');
    await new Promise((r) => children[0]!.once('exit', r));
    const atKill = countsByUser(zalo.fake, 'Thông báo khẩn').size;
    expect(atKill).toBeLessThan(300);

    children.push(await startWorker(env));
    const report = await until(async () => {
      const r = await h!.mod.repo.report(a.id);
      return r?.status === 'done' ? r : null;
    }, 40_000, 'done after restart');

    const counts = countsByUser(zalo.fake, 'Thông báo khẩn');
    expect(counts.size).toBe(300);
    expect([...counts.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    expect(report.total).toBe(300);
    expect(report.sent).toBe(300);
    expect(report.uncertain).toBe(0);
  });
});

/** The fake Zalo API behind a switch that freezes sends mid-flight: half reach Zalo and lose their answer, half never arrive. */
async function startFreezableZalo(followers: string[]) {
  const fake = new FakeZaloApi({ appId: 'a', appSecret: 's', accessToken: TOKEN, refreshToken: 'r', followers });
  let frozen = false;
  let held = 0;
  // Freezes itself once this many sends have passed, so the freeze falls inside a send window, never between two.
  let freezeAt = Infinity;
  let passed = 0;
  const app = express();
  app.use('/api', (req, res, next) => {
    if (!req.path.startsWith('/v3.0/oa/message/')) return next();
    if (!frozen && passed++ >= freezeAt) frozen = true;
    if (!frozen) return next();
    if (held++ % 2 === 0) return; // never arrives
    res.json = () => res; // arrives, the answer is lost
    next();
  });
  app.use('/api', fake.apiRouter());
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    fake,
    apiBaseUrl: `${base}/api`,
    recentUrl: `${base}/unused`,
    freezeAfter: (sends: number) => void (freezeAt = sends),
    /** Sends cut off by the freeze so far. */
    held: () => held,
    thaw: () => {
      frozen = false;
      freezeAt = Infinity;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

describe.skipIf(!url)('crash and reconcile (sends cut off mid-flight, Zalo’s history unreadable for a while)', () => {
  let zalo: Awaited<ReturnType<typeof startFreezableZalo>> | undefined;
  let h: Harness | undefined;
  const children: ChildProcess[] = [];
  afterEach(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await h?.close();
    await zalo?.close();
  });

  it('ends with uncertain = 0 and exactly one message per follower: found in the history → sent, absent → sent once more', { timeout: 90_000 }, async () => {
    const followers = users(150, 'r');
    zalo = await startFreezableZalo(followers);
    const prefix = uniquePrefix('reconcile');
    h = await startHarness({ redisUrl: url, prefix, zalo, start: false });
    for (const u of followers) await h.mod.followers.follow(u, Date.now());
    const env = {
      REDIS_URL: url,
      REDIS_PREFIX: prefix,
      ZALO_API_BASE_URL: zalo.apiBaseUrl,
      BENCH_ACCESS_TOKEN: TOKEN,
      BENCH_CONVERSATION: '1',
      ANNOUNCEMENT_CONCURRENCY: '16',
      ANNOUNCEMENT_RATE_PER_S: '100',
      ANNOUNCEMENT_QUIET_HOURS: '',
      QUEUE_STALLED_INTERVAL_MS: '1000',
      LOCK_DURATION_MS: '2000',
      PENDING_GRACE_MS: '1500',
      RETRY_BACKOFF_MS: '100',
    };
    children.push(await startWorker(env));
    const title = 'Thông báo đối soát';
    const a = await h.mod.repo.create({ title, text: 'Nội dung.', buttons: [], audience: { all: true }, status: 'scheduled', createdBy: 'test' }, Date.now());
    // After 50 sends, the next ones freeze in flight; the worker dies with them claimed; Zalo's history cannot be read
    // for now. Polling the count and freezing after it could fall between two rate windows with nothing in flight
    // (seen once on CI under load): the fake freezes itself, and the kill waits for a send actually cut off.
    zalo.freezeAfter(50);
    await h.mod.delivery.schedule(a);
    await until(async () => zalo!.held() >= 2, 20_000, 'sends cut off in flight');
    children[0]!.kill('SIGKILL');
    await new Promise((r) => children[0]!.once('exit', r));
    zalo.thaw();
    zalo.fake.conversationError = -32;

    children.push(await startWorker(env));
    const uncertain = await until(async () => {
      const r = await h!.mod.repo.report(a.id);
      return r?.status === 'done' ? r : null;
    }, 40_000, 'broadcast done after restart');
    expect(uncertain.uncertain).toBeGreaterThan(0);
    expect(uncertain.uncertainUsers).toHaveLength(uncertain.uncertain);
    expect(uncertain.reconcile?.state).toBe('pending');

    // Zalo answers again: the first reconciliation round (10 s after the broadcast) settles every uncertain delivery.
    zalo.fake.conversationError = null;
    const report = await until(async () => {
      const r = await h!.mod.repo.report(a.id);
      return r?.reconcile?.state === 'done' ? r : null;
    }, 40_000, 'reconciled');
    const counts = countsByUser(zalo.fake, title);
    expect(counts.size).toBe(150);
    expect([...counts.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    expect(report.uncertain).toBe(0);
    expect(report.uncertainUsers).toEqual([]);
    expect(report.sent).toBe(150);
    expect(report.sentByChannel.reconciled ?? 0).toBeGreaterThan(0);
  });
});
