/**
 * bench:faults — the bot broken on purpose, on loopback: a real redis-server (appendonly yes) started by this
 * script, two real bot processes (`src/main.ts`, default settings, Zalo mode) sharing it, the simulator's fake
 * Zalo OA API and OAuth server, and an open-loop stream of signed events from 200 citizens. Each scenario
 * injects one fault mid-stream and prints acknowledged / answered / lost / duplicated events and the reply
 * delay from acknowledgement (p50–p99), and p99 counted from the moment the fault ended. Bounded: about three
 * minutes in all. Logs of the bot processes go to $TMPDIR/bench-faults-*.log.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { KEEP_COMPLETED_S } from '../src/store/bullmq-queue.js';
import { BotProcess } from './fault-bot.js';
import { RedisProcess } from './fault-redis.js';
import { QUESTIONS, analyse, benchUser, percentile, Traffic, type FaultStats } from './fault-traffic.js';
import { FAULT_IDENTITY, startFaultZalo, type FaultZalo } from './fault-zalo.js';

const RATE = Number(process.env.BENCH_RATE ?? 10);
const USERS = 200;
/** How long Redis stays down in the redis-sigkill scenario. */
const OUTAGE_S = Number(process.env.BENCH_OUTAGE_S ?? 15);
const LOG_DIR = mkdtempSync(join(tmpdir(), 'bench-faults-'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Run {
  redis: RedisProcess;
  zalo: FaultZalo;
  prefix: string;
  bots: BotProcess[];
  env: Record<string, string>;
  startBot(name: string): Promise<BotProcess>;
  traffic: Traffic;
  notes: string[];
  /** When the fault ended (0: no fault). */
  recoveredAt: number;
  /** Uncounted events sent before the measured stream. */
  warmEvents: number;
}

interface Scenario {
  name: string;
  trafficS: number;
  fault(run: Run): Promise<void>;
}

const seconds = (ms: number) => (Number.isFinite(ms) ? (ms / 1000).toFixed(2) : '  —');

/** A few questions from other users first, not counted: the bots load their code paths before anything is measured. */
async function warmUp(run: Run): Promise<number> {
  const warm = new Traffic({ label: 'warm', users: 20, ratePerS: 20, targets: () => run.bots.filter((b) => b.alive).map((b) => b.url) });
  for (let i = 0; i < 20; i++) warm.send(benchUser(800_000 + i), i % QUESTIONS.length, QUESTIONS[i % QUESTIONS.length]!);
  await warm.stop(10_000);
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && run.zalo.fake.messages.filter((m) => m.userId >= benchUser(800_000) && m.userId < benchUser(800_020)).length < 20) await sleep(100);
  return warm.events.filter((e) => e.ackAt !== undefined).length;
}

/** Replies still expected after the stream stops: wait until all acknowledged events are answered, or `ms`. */
async function drain(run: Run, ms: number): Promise<FaultStats> {
  const deadline = Date.now() + ms;
  for (;;) {
    const s = analyse(run.traffic.events, run.zalo.fake.messages, run.recoveredAt);
    if (s.answered >= s.acked || Date.now() > deadline) {
      await sleep(1500);
      return analyse(run.traffic.events, run.zalo.fake.messages, run.recoveredAt);
    }
    await sleep(250);
  }
}

async function runScenario(redis: RedisProcess, scenario: Scenario): Promise<{ name: string; prefix: string; stats: FaultStats; notes: string[]; warmEvents: number }> {
  const prefix = `bf:${scenario.name}:${Date.now().toString(36)}:`;
  const seed = { accessToken: `at-${scenario.name}`, refreshToken: `rt-${scenario.name}` };
  const zalo = await startFaultZalo(seed);
  const env = {
    REDIS_URL: redis.url,
    REDIS_PREFIX: prefix,
    ZALO_APP_ID: FAULT_IDENTITY.appId,
    ZALO_OA_ID: FAULT_IDENTITY.oaId,
    ZALO_OA_SECRET_KEY: FAULT_IDENTITY.oaSecretKey,
    ZALO_APP_SECRET: FAULT_IDENTITY.appSecret,
    ZALO_ACCESS_TOKEN: seed.accessToken,
    ZALO_REFRESH_TOKEN: seed.refreshToken,
    ZALO_API_BASE_URL: zalo.apiBaseUrl,
    ZALO_OAUTH_BASE_URL: zalo.oauthBaseUrl,
    ANNOUNCEMENT_QUIET_HOURS: '',
    // All traffic comes from one loopback address here; the per-IP limit is not what this measures.
    WEBHOOK_RATE_LIMIT_PER_MIN: '600000',
  };
  const bots: BotProcess[] = [];
  const run: Run = {
    redis,
    zalo,
    prefix,
    bots,
    env,
    notes: [],
    recoveredAt: 0,
    warmEvents: 0,
    startBot: async (name) => {
      const bot = await BotProcess.start(name, env, join(LOG_DIR, `${scenario.name}-${name}.log`));
      bots.push(bot);
      return bot;
    },
    traffic: new Traffic({ label: scenario.name, users: USERS, ratePerS: RATE, targets: () => bots.filter((b) => b.alive).map((b) => b.url) }),
  };
  try {
    await Promise.all([run.startBot('a'), run.startBot('b')]);
    run.warmEvents = await warmUp(run);
    run.traffic.start();
    const faulted = scenario.fault(run);
    await sleep(scenario.trafficS * 1000);
    await faulted;
    await run.traffic.stop(8000);
    const stats = await drain(run, 10_000);
    const sentBy = await Promise.all(
      bots.filter((b) => b.alive).map(async (b) => {
        const text = await (await fetch(`${b.url}/metrics`)).text().catch(() => '');
        return `${b.name} ${Number(/^zalo_replies_sent_total (\S+)/m.exec(text)?.[1] ?? NaN)}`;
      }),
    );
    run.notes.push(`replies sent per live bot: ${sentBy.join(', ')}`);
    return { name: scenario.name, prefix, stats, notes: run.notes, warmEvents: run.warmEvents };
  } finally {
    await Promise.all(bots.map((b) => b.kill('SIGTERM')));
    await zalo.close();
    if (redis.cli('ping') !== 'PONG') await redis.launch();
  }
}

interface KeyFamily {
  family: string;
  keys: number;
  bytes: number;
  /** Longest PTTL seen in the family, ms (0: no TTL). */
  ttlMs: number;
}

/** Bytes Redis keeps per key family after the clean run (MEMORY USAGE and PTTL of every key under the prefix). */
async function memoryByFamily(redis: RedisProcess, prefix: string): Promise<KeyFamily[]> {
  const client = new Redis(redis.url);
  try {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      keys.push(...batch);
    } while (cursor !== '0');
    const pipeline = client.pipeline();
    for (const k of keys) pipeline.memory('USAGE', k).pttl(k);
    const answers = ((await pipeline.exec()) ?? []).map(([, v]) => Number(v ?? 0));
    const families = new Map<string, KeyFamily>();
    keys.forEach((k, i) => {
      // Ids (digits, hex, event identities) vary per key; the rest names the family.
      const family = k.slice(prefix.length).replace(/\.p\d+:/g, '.p*:').replace(/bf-[^:]+/g, '<event>').replace(/\d{6,}/g, '<id>').replace(/:j[^:]*$/, ':<job>').replace(/:[0-9a-f]{16,}$/, ':<hex>');
      const f = families.get(family) ?? { family, keys: 0, bytes: 0, ttlMs: 0 };
      f.keys++;
      f.bytes += answers[2 * i] ?? 0;
      f.ttlMs = Math.max(f.ttlMs, answers[2 * i + 1] ?? 0);
      families.set(family, f);
    });
    return [...families.values()].sort((a, b) => b.bytes - a.bytes);
  } finally {
    client.disconnect();
  }
}

/**
 * What one event leaves in Redis and for how long: event families (an event id in the key, a finished job, the
 * finished-job index) with their TTL, or the queue's finished-job age when they have none. Steady-state memory for
 * 1,000 events a day is the sum of bytes × (time kept / 1 day) × 1,000. Per-user keys and fixed keys are listed apart.
 */
function sizingReport(fam: KeyFamily[], events: number): string {
  const DAY = 24 * 3600 * 1000;
  const perEvent = fam.filter((f) => f.family.includes('<event>') || f.family.endsWith(':<job>') || f.family.endsWith(':completed'));
  const keptMs = (f: KeyFamily) => Math.min(DAY, f.ttlMs > 0 ? f.ttlMs : KEEP_COMPLETED_S * 1000);
  const perDay = perEvent.reduce((a, f) => a + (f.bytes / events) * (keptMs(f) / DAY) * 1000, 0);
  const kind = (f: KeyFamily) => (perEvent.includes(f) ? 'per event' : f.family.includes('<id>') ? 'per user' : 'fixed');
  return [
    `Redis keys after the clean run (${events} events, ${USERS + 20} users), by family: bytes per event (MEMORY USAGE), how long kept`,
    ...fam.slice(0, 14).map((f) => `  ${f.family.padEnd(46)} ${kind(f).padEnd(9)} ${String(f.keys).padStart(5)} keys ${String(Math.round(f.bytes / events)).padStart(6)} B/event  kept ${kind(f) === 'per event' ? `${(keptMs(f) / 3600_000).toFixed(1)} h` : f.ttlMs > 0 ? `${(f.ttlMs / 3600_000).toFixed(1)} h` : 'no TTL'}`),
    `Redis memory held for 1,000 events a day (per-event keys, steady state): ${(perDay / 1e6).toFixed(2)} MB`,
  ].join('\n');
}

const scenarios: Scenario[] = [
  { name: 'clean', trafficS: 8, fault: async () => undefined },
  {
    name: 'redis-sigkill',
    trafficS: OUTAGE_S + 8,
    fault: async (run) => {
      await sleep(5000);
      await run.redis.kill();
      run.notes.push(`Redis SIGKILLed at 5 s, started again (appendonly yes) at ${5 + OUTAGE_S} s`);
      await sleep(OUTAGE_S * 1000);
      await run.redis.launch();
      run.recoveredAt = Date.now();
    },
  },
  {
    name: 'bot-sigkill',
    trafficS: 14,
    fault: async (run) => {
      await sleep(5000);
      // Kill the instance that holds the forwarder lease when it says so; otherwise the first one started.
      const found = run.bots.find((b) => b.logged(/forwarder lease taken/));
      const leader = found ?? run.bots[0]!;
      await leader.kill('SIGKILL');
      run.notes.push(`bot ${leader.name}${found ? " (the forwarder's leader)" : ''} SIGKILLed at 5 s, a new one started at once`);
      await run.startBot(`${leader.name}2`);
      run.recoveredAt = Date.now();
    },
  },
  {
    name: 'oauth-slow',
    trafficS: 14,
    fault: async (run) => {
      await sleep(5000);
      run.zalo.oauthDelayMs = 7000;
      run.zalo.revokeAccessToken();
      run.notes.push('access token revoked at 5 s; for 8 s OAuth answers 7 s late (the API timeout is 5 s; the refresh token is spent on arrival)');
      await sleep(8000);
      run.zalo.oauthDelayMs = 0;
      run.recoveredAt = Date.now();
    },
  },
  {
    name: 'redis-down-in-refresh',
    trafficS: 14,
    fault: async (run) => {
      await sleep(5000);
      let killed: Promise<void> | undefined;
      run.zalo.oauthDelayMs = 1500;
      run.zalo.onOAuthRequest = () => {
        killed ??= sleep(500).then(() => run.redis.kill());
      };
      run.zalo.revokeAccessToken();
      const deadline = Date.now() + 8000;
      while (!killed && Date.now() < deadline) await sleep(50);
      if (!killed) {
        run.notes.push('no OAuth call within 8 s of the revocation: Redis was not killed');
        return;
      }
      await killed;
      run.notes.push('access token revoked at 5 s; Redis SIGKILLed while the OAuth answer (1.5 s) was on its way, started again 3 s later');
      await sleep(3000);
      await run.redis.launch();
      run.zalo.oauthDelayMs = 0;
      run.recoveredAt = Date.now();
    },
  },
  {
    name: 'long-text',
    trafficS: 10,
    fault: async (run) => {
      await sleep(3000);
      const texts = [' '.repeat(159_999) + '/', ' /'.repeat(80_000), ' '.repeat(999_999) + '/', ' - /'.repeat(250_000)];
      for (const [i, text] of texts.entries()) run.traffic.send(benchUser(900_000 + i), -1, text);
      run.notes.push(`adversarial texts at 3 s: ${texts.map((t) => `${t.length.toLocaleString('en')} chars`).join(', ')} (one user each), beside the normal stream`);
    },
  },
];

const only = process.env.BENCH_SCENARIOS?.split(',');
const redis = await RedisProcess.start();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const child of BotProcess.running) child.kill('SIGKILL');
    void redis.stop().then(() => process.exit(130));
  });
}
const rows: { name: string; prefix: string; stats: FaultStats; notes: string[]; warmEvents: number }[] = [];
let sizing = '';
const started = Date.now();
try {
  for (const scenario of scenarios.filter((s) => !only || only.includes(s.name))) {
    process.stderr.write(`bench:faults — ${scenario.name}…\n`);
    const memBefore = redis.usedMemory();
    const row = await runScenario(redis, scenario);
    rows.push(row);
    if (scenario.name === 'clean') {
      const events = row.stats.acked + row.warmEvents;
      sizing = sizingReport(await memoryByFamily(redis, row.prefix), Math.max(1, events));
      sizing += `\nINFO used_memory grew by ${(redis.usedMemory() - memBefore).toLocaleString('en')} bytes over the clean run (two bots started, ${events} events)`;
    }
  }
} finally {
  await redis.stop();
}

console.log(`\nbench:faults — 2 bot processes, 1 redis-server (appendonly yes), ${RATE} events/s from ${USERS} users, fake Zalo on loopback; delays in seconds`);
console.log(`${'scenario'.padEnd(22)} ${'acked'.padStart(6)} ${'answered'.padStart(8)} ${'lost'.padStart(5)} ${'dup'.padStart(4)} ${'reord'.padStart(5)} | ${'p50'.padStart(6)} ${'p90'.padStart(6)} ${'p99'.padStart(6)} ${'max'.padStart(6)} | p99 after fault | ack p99 ms`);
for (const { name, stats: s } of rows) {
  console.log(
    `${name.padEnd(22)} ${String(s.acked).padStart(6)} ${String(s.answered).padStart(8)} ${String(s.lost).padStart(5)} ${String(s.duplicated).padStart(4)} ${String(s.reordered).padStart(5)} | ${seconds(percentile(s.delays, 50)).padStart(6)} ${seconds(percentile(s.delays, 90)).padStart(6)} ${seconds(percentile(s.delays, 99)).padStart(6)} ${seconds(Math.max(...s.delays)).padStart(6)} | ${seconds(percentile(s.afterRecovery, 99)).padStart(15)} | ${String(percentile(s.ackMs, 99)).padStart(10)}`,
  );
}
for (const { name, notes, stats: s } of rows) {
  for (const n of notes) console.log(`  ${name}: ${n}`);
  if (Number.isFinite(s.resumedMs)) {
    const backlog = s.backlogAtRecovery > 0 ? `; ${s.backlogAtRecovery} acknowledged events were unanswered at that moment, the last answered ${seconds(s.backlogDrainedMs)} s later` : '';
    const redelivered = s.redelivered > 0 ? `; ${s.redelivered} events refused (503) or unsent during the fault were acknowledged after it` : '';
    console.log(`  ${name}: first reply ${seconds(s.resumedMs)} s after the fault ended${backlog}${redelivered}`);
  }
}
if (sizing) console.log(sizing);
console.log(`whole run ${((Date.now() - started) / 1000).toFixed(0)} s; bot logs in ${LOG_DIR}`);
process.exit(0);
