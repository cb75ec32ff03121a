import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
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
