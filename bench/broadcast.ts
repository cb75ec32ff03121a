/**
 * bench:broadcast — one announcement to BENCH_FOLLOWERS (100 000) synthetic followers through a fake
 * Zalo OA API on loopback (its own process), delivered by a separate worker process, rate limit off.
 * Run 1 measures messages/s; run 2 SIGKILLs the worker at about 50 % and starts a new one. Both runs
 * check, from what the fake API received, zero duplicates and zero misses. Bounded in time.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { pino } from 'pino';
import { AuditLog } from '../src/admin/audit.js';
import { createAuth } from '../src/admin/auth.js';
import { UserDirectory } from '../src/admin/users.js';
import { createAnnouncementsModule } from '../src/announcements/module.js';
import { loadConfig } from '../src/config.js';
import { RedisStore } from '../src/store/redis-store.js';
import { ZaloClient } from '../src/zalo/client.js';
import { ReplyWindowTracker } from '../src/zalo/reply-window.js';
import { ensureRedis } from './redis-server.js';

const FOLLOWERS = Number(process.env.BENCH_FOLLOWERS ?? 100_000);
const CONCURRENCY = process.env.BENCH_CONCURRENCY ?? '128';
const RUN_TIMEOUT_MS = Number(process.env.BENCH_RUN_TIMEOUT_S ?? 240) * 1000;
const userId = (i: number) => `u${String(i).padStart(7, '0')}`;

function spawnTs(file: string, env: NodeJS.ProcessEnv): { child: ChildProcessWithoutNullStreams; firstLine: Promise<string> } {
  // BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") goes to the child processes, for profiling.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', file], { env: { ...process.env, ...env } });
  child.stderr.on('data', (d) => process.stderr.write(d));
  const lines = createInterface({ input: child.stdout });
  const firstLine = new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`${file} exited (${code}) before it was ready`)));
  });
  return { child, firstLine };
}

const redis = await ensureRedis();
const fake = spawnTs('bench/broadcast-fake-zalo.ts', { BENCH_FOLLOWERS: String(FOLLOWERS) });
const { port } = JSON.parse(await fake.firstLine) as { port: number };
const fakeUrl = `http://127.0.0.1:${port}`;
const workers: ChildProcessWithoutNullStreams[] = [];

async function run(label: string, killAt: number | null) {
  const prefix = `bench:bc:${Date.now().toString(36)}:`;
  const env = {
    REDIS_URL: redis.url,
    REDIS_PREFIX: prefix,
    ZALO_API_BASE_URL: `${fakeUrl}/api`,
    BENCH_RECENT_URL: `${fakeUrl}/bench/recent`,
    ANNOUNCEMENT_CONCURRENCY: CONCURRENCY,
    ANNOUNCEMENT_RATE_PER_S: '0',
    ANNOUNCEMENT_QUIET_HOURS: '',
    ANNOUNCEMENT_CHANNEL: process.env.ANNOUNCEMENT_CHANNEL ?? 'auto',
    QUEUE_STALLED_INTERVAL_MS: '1000',
    LOCK_DURATION_MS: '3000',
    PENDING_GRACE_MS: '3000',
    RETRY_BACKOFF_MS: '200',
    ...(process.env.BENCH_CHUNK_SIZE ? { ANNOUNCEMENT_CHUNK_SIZE: process.env.BENCH_CHUNK_SIZE } : {}),
  };
  const config = loadConfig({ ...env, SIMULATOR: 'on', LOG_LEVEL: 'silent' });
  const logger = pino({ level: 'silent' });
  const store = new RedisStore({ url: redis.url, prefix, logger });
  const zalo = new ZaloClient({ baseUrl: env.ZALO_API_BASE_URL, tokens: { getAccessToken: async () => 'x', refreshAfterRejection: async () => 'x' }, logger, limits: { textMaxChars: 2000, buttonTitleMax: 20, maxButtons: 5 } });
  // A control instance: it only writes the followers and queues the announcement; the workers deliver.
  const control = createAnnouncementsModule({ config, store, logger, zalo, replyWindow: new ReplyWindowTracker(store, { freeRepliesPerTurn: 8 }), auth: createAuth({}), audit: new AuditLog(store), users: new UserDirectory(store), redisUrl: redis.url });
  for (let i = 0; i < FOLLOWERS; i += 5000) await store.sadd('followers', ...Array.from({ length: Math.min(5000, FOLLOWERS - i) }, (_, k) => userId(i + k)));
  const title = `Thông báo lịch tiếp dân ${label} ${Date.now()}`;
  const a = await control.repo.create({ title, text: 'UBND tỉnh thông báo lịch tiếp công dân tháng này.', buttons: [{ kind: 'url', title: 'Xem chi tiết', url: 'https://example.gov.vn/lich' }], audience: { all: true }, status: 'scheduled', createdBy: 'bench' }, Date.now());
  let worker = spawnTs('bench/broadcast-worker.ts', env);
  await worker.firstLine;
  workers.push(worker.child);
  await control.delivery.schedule(a);

  const deadline = Date.now() + RUN_TIMEOUT_MS;
  let killed = false;
  let report = await control.repo.report(a.id);
  while (report?.status !== 'done') {
    if (Date.now() > deadline) throw new Error(`${label}: not done within ${RUN_TIMEOUT_MS / 1000} s (${JSON.stringify(report)})`);
    await new Promise((r) => setTimeout(r, 100));
    report = await control.repo.report(a.id);
    if (killAt !== null && !killed && report && report.sent >= killAt * FOLLOWERS) {
      killed = true;
      worker.child.kill('SIGKILL');
      console.log(`  ${label}: worker SIGKILLed at ${report.sent} sent; starting a new worker`);
      worker = spawnTs('bench/broadcast-worker.ts', env);
      await worker.firstLine;
      workers.push(worker.child);
    }
  }
  const stats = (await (await fetch(`${fakeUrl}/bench/stats?title=${encodeURIComponent(title)}&expected=${FOLLOWERS}`)).json()) as { messages: number; users: number; duplicates: number; missing: number; connections: number };
  worker.child.kill('SIGTERM');
  await control.queue.close();
  await control.stop();
  await store.close();
  const seconds = (report.durationMs ?? 0) / 1000;
  return { label, seconds, rate: Math.round(report.sent / seconds), report, stats };
}

let failed = false;
try {
  const results = [await run('clean', null), await run('sigkill', 0.5)];
  console.log(`\nbench:broadcast — ${FOLLOWERS} followers, concurrency ${CONCURRENCY}, rate limit off, fake Zalo API in its own process`);
  for (const r of results) {
    const ok = r.stats.duplicates === 0 && r.stats.missing === 0 && r.stats.users === FOLLOWERS;
    if (!ok) failed = true;
    console.log(
      `  ${r.label.padEnd(8)} ${String(r.rate).padStart(6)} messages/s  (${r.report.sent} sent in ${r.seconds.toFixed(1)} s; failed ${r.report.failed}, skipped ${r.report.skipped}, uncertain ${r.report.uncertain}; by channel ${JSON.stringify(r.report.sentByChannel)})`,
    );
    console.log(`           received by fake API: ${r.stats.messages} messages to ${r.stats.users} users, duplicates ${r.stats.duplicates}, missing ${r.stats.missing} → ${ok ? 'OK' : 'FAILED'} (TCP connections so far: ${r.stats.connections})`);
  }
  console.log(`  goal ≥ 2000 messages/s: ${results[0]!.rate >= 2000 ? 'met' : 'NOT met'}`);
} catch (err) {
  failed = true;
  console.error((err as Error).message);
} finally {
  for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
  fake.child.kill('SIGTERM');
  redis.stop();
}
process.exit(failed ? 1 : 0);
