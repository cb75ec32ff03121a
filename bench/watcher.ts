/**
 * bench:watcher — BENCH_DOSSIERS (10 000) followed dossiers against the demo one-stop server (iGate wire format,
 * loopback HTTP), watched by the real DossierWatcher on a fake clock: every step moves the clock 5 s and runs one
 * pass, so an hour of watching takes minutes. Notices go through the real notify chain to the fake Zalo API
 * (consultation messages, loopback HTTP). Prints one-stop calls per minute against the budget, and the delay from
 * a status change in the one-stop system to the notice reaching the citizen (p50/p90/p99/max), for dossiers that
 * were hot (due or recently changed) and for the rest. A script that prints figures, not a timed test.
 *
 *   BENCH_DOSSIERS=10000 BENCH_BUDGET=3000 BENCH_MINUTES=30 BENCH_CHANGES=400 npm run bench:watcher
 */
import express from 'express';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { pino } from 'pino';
import { createAuth } from '../src/admin/auth.js';
import { loadConfig } from '../src/config.js';
import { createI18n, translatorFor } from '../src/i18n/i18n.js';
import { createNotifyModule } from '../src/notify/module.js';
import { createDossierModule } from '../src/onestop/module.js';
import { projectRoot } from '../src/paths.js';
import { FakeZaloApi } from '../src/sim/fake-zalo-api.js';
import { createDemoOnestopRouter, DEMO_API_PREFIX } from '../src/sim/onestop/demo-onestop.js';
import { DEMO_STATUSES, igateDate, type DemoDossier } from '../src/sim/onestop/sample-dossiers.js';
import { MemoryStore } from '../src/store/memory-store.js';
import { ZaloClient } from '../src/zalo/client.js';

const DOSSIERS = Number(process.env.BENCH_DOSSIERS ?? 10_000);
const BUDGET = Number(process.env.BENCH_BUDGET ?? 3000);
const MINUTES = Number(process.env.BENCH_MINUTES ?? 36);
const WARMUP_MINUTES = Number(process.env.BENCH_WARMUP_MINUTES ?? 6);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 400);
const INTERVAL_S = Number(process.env.DOSSIER_WATCH_INTERVAL_S ?? 900);
const HOT_S = Number(process.env.DOSSIER_WATCH_HOT_INTERVAL_S ?? 60);
const STEP_MS = 5000;
const DAY = 86_400_000;
const MIN = 60_000;

// A seeded generator: the same dossiers, due dates and changes on every run.
let seed = 12345;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

const T0 = Date.UTC(2026, 2, 10, 2); // 09:00 Vietnam time
let clock = T0;
const now = () => clock;

async function listen(app: express.Express): Promise<{ server: Server; base: string }> {
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { server, base: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
}

// --- the demo one-stop server with DOSSIERS dossiers, counting its calls per fake minute ---
const demo = createDemoOnestopRouter({ now });
const sample = [...demo.dossiers.values()][2]!;
const codes: string[] = [];
for (let i = 0; i < DOSSIERS; i++) {
  const code = `000.00.53.H48-2601${String(10 + Math.floor(i / 10_000)).padStart(2, '0')}-${String(i % 10_000).padStart(4, '0')}`;
  // Due dates spread from 3 days overdue to 27 days ahead; statuses in progress.
  const due = T0 + Math.floor((random() * 30 - 3) * DAY);
  const d: DemoDossier = { ...sample, code, dossierStatus: { ...DEMO_STATUSES[2]! }, appointmentDate: igateDate(due), updatedDate: igateDate(T0 - 5 * DAY) };
  demo.dossiers.set(code, d);
  codes.push(code);
}
// Search calls the one-stop server answered, per fake minute. (A 401 for a token the demo server expired on the
// fake clock is not counted: the client's real clock does not see it expire, real clocks agree.)
const callsByMinute = new Map<number, number>();
let refused = 0;
const onestopApp = express();
onestopApp.use((req, res, next) => {
  if (req.path.endsWith('/pa/dossier/search')) {
    const minute = Math.floor(clock / MIN);
    res.on('finish', () => {
      if (res.statusCode === 401) refused++;
      else callsByMinute.set(minute, (callsByMinute.get(minute) ?? 0) + 1);
    });
  }
  next();
});
onestopApp.use(demo.router);
const onestop = await listen(onestopApp);

// --- the fake Zalo OA API on loopback ---
const fake = new FakeZaloApi({ appId: '1', appSecret: 's', accessToken: 'at', refreshToken: 'rt', now });
const zaloApp = express();
zaloApp.use('/api', fake.apiRouter());
zaloApp.use('/zns', fake.businessRouter());
const zaloServer = await listen(zaloApp);

// --- the bot's dossier and notify modules on one store ---
const config = loadConfig({
  LOG_LEVEL: 'silent',
  DOSSIER_WATCH_INTERVAL_S: String(INTERVAL_S),
  DOSSIER_WATCH_HOT_INTERVAL_S: String(HOT_S),
  DOSSIER_WATCH_CALLS_PER_MIN: String(BUDGET),
  DOSSIER_MAX_FOLLOWS: '5',
  ONESTOP_TIMEOUT_MS: '5000',
});
const logger = pino({ level: 'silent' });
const store = new MemoryStore();
const tFor = translatorFor(await createI18n(join(projectRoot(), 'locales')));
const zalo = new ZaloClient({
  baseUrl: `${zaloServer.base}/api`,
  tokens: { getAccessToken: async () => 'at', refreshAfterRejection: async () => 'at' },
  logger,
  limits: { textMaxChars: 2000, buttonTitleMax: 20, maxButtons: 5 },
});
const sentAt = new Map<string, number>();
const dossiers = createDossierModule({
  config,
  store,
  logger,
  tFor,
  // The notify module is built below (it needs the follows); the first notice comes long after.
  notices: {
    deliver: async (n) => {
      const receipt = await notify.service.deliver(n);
      if (receipt.state === 'sent' && !sentAt.has(n.facts.code)) sentAt.set(n.facts.code, clock);
      return receipt;
    },
  },
  onestopBaseUrl: `${onestop.base}${DEMO_API_PREFIX}`,
  ssoUrl: `${onestop.base}${DEMO_API_PREFIX}`,
  clientId: demo.credentials.clientId,
  clientSecret: demo.credentials.clientSecret,
  now,
  watch: { concurrency: 8 },
});
const notify = createNotifyModule({
  config,
  store,
  logger,
  tFor,
  zalo,
  replyWindow: { canReply: async () => ({ allowed: true }), recordReply: async () => undefined },
  follows: dossiers.follows,
  lookupDossier: async () => null,
  auth: createAuth({}),
  now,
});

// Each dossier followed by one citizen; last changes spread over the past 30 days (so some are recent).
for (let i = 0; i < DOSSIERS; i++) {
  await dossiers.follows.follow(`u${String(i).padStart(7, '0')}`, codes[i]!, 'vi', 'dang_xu_ly', T0 - Math.floor(random() * 30 * DAY));
}

const started = Date.now();
const cpu0 = process.cpuUsage();
async function step(): Promise<void> {
  await dossiers.watcher.pass();
  clock += STEP_MS;
}

// Warm-up: the first poll of every dossier sorts it into hot and cold.
console.log(`bench:watcher — ${DOSSIERS} followed dossiers, budget ${BUDGET} one-stop calls/min, hot interval ${HOT_S} s, other interval ${INTERVAL_S} s, fake clock (${STEP_MS / 1000} s per pass)`);
while (clock < T0 + WARMUP_MINUTES * MIN) await step();
const demand = await dossiers.watchDemand();
console.log(`  after ${WARMUP_MINUTES} min warm-up: ${demand.hot} hot, ${demand.cold} other; calls/min needed ${demand.callsPerMinNeeded} (budget ${demand.callsPerMinBudget})`);

// Measurement: status changes at random moments of the first half, each watched until its notice arrives.
const measureFrom = clock;
const measureTo = clock + MINUTES * MIN;
const hotSet = new Set((await store.zrangeByScore('dossier:watch:hot', -Infinity, Infinity)).map((e) => e.member));
const changes: { code: string; at: number; hot: boolean }[] = [];
const pool = [...codes];
for (let i = 0; i < CHANGES && pool.length > 0; i++) {
  // Half from the hot set, half from the rest, so both delays are measured.
  const wantHot = i % 2 === 0;
  const idx = pool.findIndex((c, k) => k >= Math.floor(random() * pool.length) && hotSet.has(c) === wantHot);
  const code = pool.splice(idx >= 0 ? idx : Math.floor(random() * pool.length), 1)[0]!;
  changes.push({ code, at: measureFrom + Math.floor(random() * (MINUTES / 2) * MIN), hot: hotSet.has(code) });
}
changes.sort((a, b) => a.at - b.at);
let next = 0;
while (clock < measureTo) {
  while (next < changes.length && changes[next]!.at <= clock) demo.setStatus(changes[next++]!.code, { name: 'Có kết quả - chờ trả' });
  await step();
}

function pct(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
function line(label: string, group: typeof changes) {
  const delays = group.filter((c) => sentAt.has(c.code)).map((c) => (sentAt.get(c.code)! - c.at) / 1000);
  const missing = group.length - delays.length;
  const f = (s: number) => (Number.isNaN(s) ? '—' : s >= 120 ? `${(s / 60).toFixed(1)} min` : `${s.toFixed(0)} s`);
  console.log(`  ${label.padEnd(22)} ${String(group.length).padStart(4)} changes: p50 ${f(pct(delays, 50))}, p90 ${f(pct(delays, 90))}, p99 ${f(pct(delays, 99))}, max ${f(pct(delays, 100))}${missing ? `, ${missing} not yet notified` : ''}`);
}
const minutes = [...callsByMinute.entries()].filter(([m]) => m * MIN >= measureFrom && (m + 1) * MIN <= measureTo).map(([, n]) => n);
const mean = minutes.reduce((a, b) => a + b, 0) / Math.max(1, minutes.length);
console.log(`  one-stop calls/min over ${minutes.length} measured minutes: mean ${mean.toFixed(0)}, max ${Math.max(...minutes)} (budget ${BUDGET}; ${refused} token renewals not counted)`);
console.log('  notice delay (status changed in the one-stop system → notice sent to the citizen):');
line('hot (due or recent)', changes.filter((c) => c.hot));
line('other', changes.filter((c) => !c.hot));
line('all', changes);
const cpu = process.cpuUsage(cpu0);
console.log(`  ${((measureTo - T0) / MIN).toFixed(0)} fake minutes in ${((Date.now() - started) / 1000).toFixed(0)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s CPU; fake Zalo received ${fake.messages.length} messages`);

await notify.stop();
await dossiers.watcher.stop();
await store.close();
onestop.server.close();
zaloServer.server.close();
