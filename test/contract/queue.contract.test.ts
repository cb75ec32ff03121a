import { afterEach, describe, expect, it } from 'vitest';
import { BullMqQueue } from '../../src/store/bullmq-queue.js';
import { MemoryQueue } from '../../src/store/memory-queue.js';
import { PermanentJobError, type JobQueue, type JobQueueOptions } from '../../src/store/queue.js';
import { testRedisUrl, uniquePrefix } from '../support/redis.js';
import { until } from '../support/until.js';

const url = testRedisUrl();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface QueueFactory {
  name: string;
  available: boolean;
  make<T>(options: Partial<JobQueueOptions>): JobQueue<T>;
}

const defaults: JobQueueOptions = { name: 'contract', concurrency: 4, attempts: 5, backoffMs: 20 };

const factories: QueueFactory[] = [
  { name: 'MemoryQueue', available: true, make: (o) => new MemoryQueue({ ...defaults, ...o }) },
  {
    name: 'BullMqQueue',
    available: Boolean(url),
    make: (o) => new BullMqQueue({ url, prefix: uniquePrefix('q'), options: { partitions: 8, lockDurationMs: 2000, stalledIntervalMs: 1000, ...defaults, ...o } }),
  },
];

if (!url) console.error('!! BullMqQueue contract tests SKIPPED: no Redis available (see test/support/global-setup.ts)');

const waitFor = (cond: () => boolean | Promise<boolean>, ms = 8000) => until(cond, ms);

/** The one contract every JobQueue implementation must keep. */
function queueContract(factory: QueueFactory): void {
  const open: JobQueue<unknown>[] = [];
  const make = <T>(o: Partial<JobQueueOptions> = {}) => {
    const q = factory.make<T>(o);
    open.push(q as JobQueue<unknown>);
    return q;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((q) => q.close()));
  });

  it('handles every job exactly once and depth falls to zero', async () => {
    const q = make<{ n: number }>();
    const seen: number[] = [];
    q.start(async ({ n }) => {
      seen.push(n);
    });
    await q.addBulk(Array.from({ length: 20 }, (_, n) => ({ id: `bulk-${n}`, data: { n } })));
    for (let n = 20; n < 40; n++) await q.add({ id: `one-${n}`, orderKey: n % 2 ? 'odd' : undefined, data: { n } });
    await waitFor(() => seen.length >= 40);
    await sleep(150);
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, n) => n));
    // A handled job is completed a moment after its handler returns.
    await waitFor(async () => (await q.depth()) === 0);
  });

  it('ignores a job id seen before: queued, concurrent or already finished', async () => {
    const q = make<{ v: string }>();
    const seen: string[] = [];
    await Promise.all(Array.from({ length: 10 }, (_, i) => q.add({ id: 'evt:abc', orderKey: 'u1', data: { v: `copy${i}` } })));
    await q.add({ id: 'evt:abc', orderKey: 'u1', data: { v: 'later' } });
    await q.addBulk([
      { id: 'plain-1', data: { v: 'plain' } },
      { id: 'plain-1', data: { v: 'plain-again' } },
    ]);
    await q.add({ id: 'plain-1', data: { v: 'plain-third' } });
    expect(await q.depth()).toBe(2);
    q.start(async ({ v }) => {
      seen.push(v);
    });
    await waitFor(() => seen.length >= 2);
    await q.add({ id: 'evt:abc', orderKey: 'u1', data: { v: 'after-finish' } });
    await q.add({ id: 'plain-1', data: { v: 'plain-after-finish' } });
    await q.add({ id: 'evt:other', orderKey: 'u1', data: { v: 'other' } });
    await waitFor(() => seen.length >= 3);
    await sleep(150);
    expect(seen).toHaveLength(3);
    expect(seen.filter((v) => v.startsWith('copy'))).toHaveLength(1);
    expect(seen).toContain('plain');
    expect(seen[2]).toBe('other');
  });

  it('keeps per-orderKey order with concurrency > 1 (5 keys × 20 jobs, random handler delays)', async () => {
    const q = make<{ key: string; seq: number }>({ concurrency: 8 });
    const byKey = new Map<string, number[]>();
    const runningKeys = new Set<string>();
    let running = 0;
    let maxRunning = 0;
    let overlap = false;
    q.start(async ({ key, seq }) => {
      if (runningKeys.has(key)) overlap = true;
      runningKeys.add(key);
      running++;
      maxRunning = Math.max(maxRunning, running);
      await sleep(Math.random() * 8);
      byKey.set(key, [...(byKey.get(key) ?? []), seq]);
      running--;
      runningKeys.delete(key);
    });
    const keys = ['user-a', 'user-b', 'user-c', 'user-d', 'user-e'];
    const jobs = [];
    for (let seq = 0; seq < 20; seq++) for (const key of keys) jobs.push({ id: `${key}-${seq}`, orderKey: key, data: { key, seq } });
    // Half in one bulk, half one by one, as the webhook does.
    await q.addBulk(jobs.slice(0, 50));
    for (const job of jobs.slice(50)) await q.add(job);
    await waitFor(() => [...byKey.values()].reduce((a, l) => a + l.length, 0) >= 100, 15_000);
    expect(overlap).toBe(false);
    expect(maxRunning).toBeGreaterThan(1);
    for (const key of keys) expect(byKey.get(key)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('retries a failing handler with backoff until it succeeds, counting attempts', async () => {
    const q = make<{ x: number }>({ attempts: 5, backoffMs: 40 });
    const attempts: number[] = [];
    const at: number[] = [];
    q.start(async (_data, ctx) => {
      attempts.push(ctx.attempt);
      at.push(Date.now());
      if (ctx.attempt < 3) throw new Error('transient');
    });
    await q.add({ id: 'retry-1', orderKey: 'k', data: { x: 1 } });
    await waitFor(() => attempts.length >= 3);
    await sleep(200);
    expect(attempts).toEqual([1, 2, 3]);
    // Backoff 40·2^(n-1) with jitter in [0.5, 1): at least 20 ms then 40 ms.
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(18);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(38);
  });

  it('gives up after `attempts` and does not retry a PermanentJobError', async () => {
    const q = make<{ kind: string }>({ attempts: 3, backoffMs: 10 });
    const calls: Record<string, number> = { flaky: 0, permanent: 0 };
    q.start(async ({ kind }) => {
      calls[kind] = (calls[kind] ?? 0) + 1;
      if (kind === 'permanent') throw new PermanentJobError('bad input');
      throw new Error('always fails');
    });
    await q.add({ id: 'p-1', orderKey: 'k1', data: { kind: 'permanent' } });
    await q.add({ id: 'f-1', data: { kind: 'flaky' } });
    await waitFor(() => calls.flaky! >= 3 && calls.permanent! >= 1);
    await sleep(300);
    expect(calls).toEqual({ flaky: 3, permanent: 1 });
    await waitFor(async () => (await q.depth()) === 0);
  });

  it('honours a job delay and counts the delayed job in depth', async () => {
    const q = make<{ t: number }>();
    let handledAt = 0;
    q.start(async () => {
      handledAt = Date.now();
    });
    const addedAt = Date.now();
    await q.add({ id: 'later', orderKey: 'k', data: { t: addedAt }, delayMs: 500 });
    expect(await q.depth()).toBe(1);
    await sleep(250);
    expect(handledAt).toBe(0);
    await waitFor(() => handledAt > 0);
    expect(handledAt - addedAt).toBeGreaterThanOrEqual(480);
    expect(handledAt - addedAt).toBeLessThan(2500);
  });

  it('honours the rate limit across ordered and unordered jobs (about max per window)', async () => {
    const q = make<{ n: number }>({ concurrency: 8, rateLimit: { max: 5, durationMs: 500 } });
    const starts: number[] = [];
    q.start(async () => {
      starts.push(Date.now());
    });
    await q.addBulk(Array.from({ length: 15 }, (_, n) => ({ id: `rl-${n}`, orderKey: n % 3 === 0 ? `k${n}` : undefined, data: { n } })));
    await waitFor(() => starts.length >= 15, 10_000);
    starts.sort((a, b) => a - b);
    // 15 jobs at 5 per 500 ms need at least two full windows after the first start.
    expect(starts[14]! - starts[0]!).toBeGreaterThanOrEqual(950);
    // No more than 5 starts in any window: the limiter's window runs on Redis's clock and a start is stamped when the
    // handler runs, so two stamps a window apart can differ by a little less (477 ms was seen under load); 10 % slack.
    for (let i = 0; i + 5 < starts.length; i++) expect(starts[i + 5]! - starts[i]!).toBeGreaterThanOrEqual(450);
  });

  it('close() waits for a running job to finish and takes no new jobs', async () => {
    const q = make<{ n: number }>({ concurrency: 1 });
    let started = 0;
    let finished = 0;
    q.start(async () => {
      started++;
      await sleep(400);
      finished++;
    });
    await q.add({ id: 'long-1', data: { n: 1 } });
    await q.add({ id: 'long-2', data: { n: 2 } });
    await waitFor(() => started === 1);
    const t0 = Date.now();
    await q.close();
    expect(finished).toBe(1);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
    await sleep(100);
    expect(started).toBe(1);
  });

  it('pause() holds jobs until resume()', async () => {
    const q = make<{ n: number }>();
    const seen: number[] = [];
    q.start(async ({ n }) => {
      seen.push(n);
    });
    await q.pause();
    await q.add({ id: 'paused-1', orderKey: 'k', data: { n: 1 } });
    await q.add({ id: 'paused-2', data: { n: 2 } });
    await sleep(300);
    expect(seen).toEqual([]);
    expect(await q.depth()).toBe(2);
    await q.resume();
    await waitFor(() => seen.length === 2);
  });

  it('removeWhere cancels waiting and delayed jobs that match', async () => {
    const q = make<{ campaign: string }>();
    await q.add({ id: 'c1-a', orderKey: 'u1', data: { campaign: 'c1' }, delayMs: 60_000 });
    await q.add({ id: 'c1-b', data: { campaign: 'c1' } });
    await q.add({ id: 'c2-a', orderKey: 'u2', data: { campaign: 'c2' } });
    expect(await q.removeWhere!((d) => d.campaign === 'c1')).toBe(2);
    expect(await q.depth()).toBe(1);
    const seen: string[] = [];
    q.start(async ({ campaign }) => {
      seen.push(campaign);
    });
    await waitFor(() => seen.length === 1);
    await sleep(150);
    expect(seen).toEqual(['c2']);
  });
}

describe.each(factories)('JobQueue contract: $name', (factory) => {
  describe.skipIf(!factory.available)(factory.name, () => queueContract(factory));
});
