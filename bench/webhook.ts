/**
 * bench:webhook — ack throughput and latency of POST /webhook/zalo with Redis dedupe and durable
 * queueing, side by side with a bare Express endpoint that only reads the body and hashes it.
 * Same load tool (autocannon), loopback only, bounded in time. Every request is a distinct,
 * correctly signed event (so dedupe never short-cuts the work).
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import autocannon, { type Request as LoadRequest } from 'autocannon';
import { SIMULATOR_IDENTITY } from '../src/main.js';
import { BENCH_IDENTITY, eventHeaders, presignedEvents } from './signed-events.js';
import { ensureRedis } from './redis-server.js';
import type { RateResult } from './constant-rate.js';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 3);

async function spawnServer(mode: 'bot' | 'bare', env: NodeJS.ProcessEnv) {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', 'bench/webhook-server.ts', mode], { env: { ...process.env, ...env } });
  const lines = createInterface({ input: child.stdout });
  const queue: string[] = [];
  let wake: (() => void) | null = null;
  lines.on('line', (l) => {
    queue.push(l);
    wake?.();
  });
  const next = async (): Promise<Record<string, number>> => {
    while (queue.length === 0) await new Promise<void>((r) => (wake = r));
    return JSON.parse(queue.shift()!);
  };
  child.stderr.on('data', (d) => process.stderr.write(d));
  const { port } = await next();
  return { port: port!, child, next };
}

const EVENTS_PER_RUN = Number(process.env.BENCH_EVENTS ?? 120_000);

function signedEventRequest(): LoadRequest {
  const events = presignedEvents(EVENTS_PER_RUN);
  let next = 0;
  return {
    method: 'POST' as const,
    path: '/webhook/zalo',
    setupRequest(req: LoadRequest): LoadRequest {
      const e = events[next++ % events.length]!;
      return { ...req, body: e.body, headers: eventHeaders(e) };
    },
  };
}

/** SIGTERM, then SIGKILL after 5 s: a server left running would skew every later measurement. */
async function stopServer(child: ChildProcessWithoutNullStreams): Promise<void> {
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** Cumulative bucket counts of the server's own ack-latency histogram (zalo_webhook_ack_seconds). */
async function ackBuckets(port: number): Promise<Map<number, number>> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const out = new Map<number, number>();
  for (const m of text.matchAll(/^zalo_webhook_ack_seconds_bucket\{le="([^"]+)"\} (\d+)/gm)) out.set(m[1] === '+Inf' ? Infinity : Number(m[1]), Number(m[2]));
  return out;
}

/** The smallest bucket bound under which `q` of the acknowledgements between two snapshots fell, in ms. */
function bucketQuantile(before: Map<number, number>, after: Map<number, number>, q: number): number {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const total = (after.get(Infinity) ?? 0) - (before.get(Infinity) ?? 0);
  for (const b of bounds) if ((after.get(b) ?? 0) - (before.get(b) ?? 0) >= q * total) return b * 1000;
  return Infinity;
}

async function load(port: number, opts: { rate?: number; durationS?: number }) {
  if (opts.rate) {
    // Latency at a fixed rate: open-loop, so bursts of the load tool do not count as server latency; in a
    // process of its own (bench/rate-client.ts) so that the client's garbage collection does not either.
    const durationS = opts.durationS ?? DURATION_S;
    const child = spawnSync(process.execPath, ['--max-semi-space-size=1', '--import', 'tsx', 'bench/rate-client.ts', String(port), String(opts.rate), String(durationS)], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`rate client failed: ${child.stderr}`);
    const r = JSON.parse(child.stdout.trim().split('\n').pop()!) as RateResult & { clientStallMaxMs: number };
    return { rps: r.ok / durationS, p50: r.p50, p99: r.p99, non2xx: r.non2xx, errors: r.errors, total: r.sent, clientStallMaxMs: r.clientStallMaxMs };
  }
  const requests = [signedEventRequest()];
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    total: result.requests.total,
    clientStallMaxMs: undefined as number | undefined,
  };
}

if (BENCH_IDENTITY.appId !== SIMULATOR_IDENTITY.appId || BENCH_IDENTITY.oaSecretKey !== SIMULATOR_IDENTITY.oaSecretKey) {
  throw new Error('bench/signed-events.ts BENCH_IDENTITY no longer matches SIMULATOR_IDENTITY in src/main.ts');
}
const redis = await ensureRedis();
try {
  const bare = await spawnServer('bare', {});
  const bareCommand = async () => {
    bare.child.stdin.write('cpu\n');
    return bare.next();
  };
  // Latency first, on a warmed-up server that has not just been saturated (a saturation run leaves a heap
  // full of garbage whose collection would be charged to the next run), then maximum throughput.
  await load(bare.port, { rate: 1000, durationS: WARMUP_S });
  const bareCpu0 = (await bareCommand()).cpuUs!;
  const bare1k = await load(bare.port, { rate: 1000 });
  const bareCpuPerReq = ((await bareCommand()).cpuUs! - bareCpu0) / bare1k.total;
  const bareMax = await load(bare.port, {});
  await stopServer(bare.child);

  // The acknowledgement in a web process (PROCESS_ROLE=web: verifies, dedupes, queues durably, runs no jobs), the
  // figure comparable to the bare endpoint. Same order: warm-up, latency at 1000/s, then maximum throughput.
  const web = await spawnServer('bot', { REDIS_URL: redis.url, PROCESS_ROLE: 'web' });
  const webStats = async () => {
    web.child.stdin.write('stats\n');
    return web.next();
  };
  await load(web.port, { rate: 1000, durationS: WARMUP_S });
  const botCpu0 = (await webStats()).cpuUs!;
  const ack0 = await ackBuckets(web.port);
  const bot1k = await load(web.port, { rate: 1000 });
  const ack1 = await ackBuckets(web.port);
  const botCpuPerReq = ((await webStats()).cpuUs! - botCpu0) / bot1k.total;
  const botMax = await load(web.port, {});
  await stopServer(web.child);

  // One process doing everything (PROCESS_ROLE=all): the 2 cores are shared by the load tool, the webhook, Redis
  // and the worker that answers every event.
  const bot = await spawnServer('bot', { REDIS_URL: redis.url, PROCESS_ROLE: 'all' });
  const command = async (cmd: string) => {
    bot.child.stdin.write(`${cmd}\n`);
    return bot.next();
  };
  await load(bot.port, { rate: 1000, durationS: WARMUP_S });
  const bot1kWithWorker = await load(bot.port, { rate: 1000 });
  const botMaxWithWorker = await load(bot.port, {});
  const before = await command('stats');
  const drainStart = Date.now();
  let stats = before;
  while (stats.depth! > 0 && Date.now() - drainStart < 30_000) {
    await new Promise((r) => setTimeout(r, 1000));
    stats = await command('stats');
  }
  const drainS = (Date.now() - drainStart) / 1000;
  await stopServer(bot.child);

  const fmt = (n: number) => n.toFixed(n < 10 ? 2 : 0);
  console.log(`\nbench:webhook — ${DURATION_S}s per run, loopback; max throughput: autocannon, ${CONNECTIONS} connections; @1000/s: open-loop constant rate from its own process (bench/rate-client.ts)`);
  console.log('endpoint                               max req/s   p50 ms   p99 ms | @1000/s p50 ms   p99 ms   non-2xx');
  for (const [name, max, at1k] of [
    ['bare (read body + SHA-256)', bareMax, bare1k],
    ['bot, web process (PROCESS_ROLE=web)', botMax, bot1k],
    ['bot, one process (PROCESS_ROLE=all)', botMaxWithWorker, bot1kWithWorker],
  ] as const) {
    console.log(
      `${name.padEnd(38)} ${fmt(max.rps).padStart(9)} ${fmt(max.p50).padStart(8)} ${fmt(max.p99).padStart(8)} | ${fmt(at1k.p50).padStart(14)} ${fmt(at1k.p99).padStart(8)} ${String(max.non2xx + at1k.non2xx + max.errors + at1k.errors).padStart(9)}`,
    );
  }
  const stall = (r: { clientStallMaxMs?: number }) => `${(r.clientStallMaxMs ?? NaN).toFixed(0)} ms`;
  console.log(`longest stall of the open-loop client itself at 1000/s (its event-loop delay): bare ${stall(bare1k)}, web ${stall(bot1k)}, one process ${stall(bot1kWithWorker)}`);
  console.log(`bot ack latency measured inside the server at 1000/s (request in → event durably queued → 200): p50 ≤ ${bucketQuantile(ack0, ack1, 0.5)} ms, p99 ≤ ${bucketQuantile(ack0, ack1, 0.99)} ms (histogram bucket bounds)`);
  console.log(`server CPU per request at 1000/s: bare ${bareCpuPerReq.toFixed(0)} µs, bot web process ${botCpuPerReq.toFixed(0)} µs (Redis's own CPU not included)`);
  console.log(`bot/bare throughput ratio: ${((botMax.rps / bareMax.rps) * 100).toFixed(1)} % (goal ≥ 70 %); bot p99 at 1000 events/s: ${bot1k.p99.toFixed(2)} ms (goal < 10 ms)`);
  console.log(`one process, afterwards for at most 30 s: ${(before.depth ?? 0) - (stats.depth ?? 0)} of ${before.depth} queued events handled in ${drainS.toFixed(1)} s (${(((before.depth ?? 0) - (stats.depth ?? 0)) / drainS).toFixed(0)} events/s end to end, reply sent to the fake Zalo API)`);
} finally {
  redis.stop();
}
