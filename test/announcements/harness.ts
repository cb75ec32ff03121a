import type { Server } from 'node:http';
import express from 'express';
import { pino } from 'pino';
import { AuditLog } from '../../src/admin/audit.js';
import { createAuth, type AuthUser } from '../../src/admin/auth.js';
import { UserDirectory } from '../../src/admin/users.js';
import { createAnnouncementsModule, type AnnouncementsDeps, type AnnouncementsModule } from '../../src/announcements/module.js';
import type { RecentMessage } from '../../src/announcements/oa-channel.js';
import { loadConfig } from '../../src/config.js';
import { createApp } from '../../src/http/app.js';
import { createMetrics } from '../../src/observability/metrics.js';
import { FakeZaloApi, type RecordedMessage } from '../../src/sim/fake-zalo-api.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { ZaloClient } from '../../src/zalo/client.js';
import { ReplyWindowTracker } from '../../src/zalo/reply-window.js';

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';
export const TOKEN = 'test-access-token';

export function titleOf(m: RecordedMessage): string {
  const payload = (m.message.attachment as { payload?: { elements?: { type: string; content?: string }[] } } | undefined)?.payload;
  return payload?.elements?.find((e) => e.type === 'header')?.content ?? String(m.message.text ?? '').split('\n')[0] ?? '';
}

/** A fake Zalo OA API on loopback, plus the user's recent messages (what a restarted worker asks). */
export async function startFakeZaloApi(followers: string[]) {
  const fake = new FakeZaloApi({ appId: 'a', appSecret: 's', accessToken: TOKEN, refreshToken: 'r', followers });
  const app = express();
  app.use('/api', fake.apiRouter());
  app.get('/recent', (req, res) => {
    const list: RecentMessage[] = fake.messagesFor(String(req.query.user)).slice(-10).map((m) => ({ fromOa: true, at: m.at, text: titleOf(m) }));
    res.json(list);
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return { fake, apiBaseUrl: `${base}/api`, recentUrl: `${base}/recent`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

export type FakeZalo = Awaited<ReturnType<typeof startFakeZaloApi>>;

export interface Harness {
  mod: AnnouncementsModule;
  store: RedisStore;
  replyWindow: ReplyWindowTracker;
  baseUrl: string;
  close(): Promise<void>;
}

/** The module wired like main.ts wires it, on a real Redis and a loopback fake Zalo, behind createApp. */
export async function startHarness(opts: {
  redisUrl: string;
  prefix: string;
  zalo: FakeZalo;
  env?: Record<string, string>;
  now?: () => number;
  session?: AuthUser | null;
  extra?: Partial<AnnouncementsDeps>;
  start?: boolean;
}): Promise<Harness> {
  const config = loadConfig({ SIMULATOR: 'on', LOG_LEVEL: 'silent', REDIS_URL: opts.redisUrl, REDIS_PREFIX: opts.prefix, ANNOUNCEMENT_QUIET_HOURS: '', ANNOUNCEMENT_RATE_PER_S: '0', ANNOUNCEMENT_CONCURRENCY: '8', QUEUE_STALLED_INTERVAL_MS: '1000', ...opts.env });
  const logger = pino({ level: 'silent' });
  const store = new RedisStore({ url: opts.redisUrl, prefix: opts.prefix, logger });
  const zalo = new ZaloClient({
    baseUrl: opts.zalo.apiBaseUrl,
    tokens: { getAccessToken: async () => TOKEN, refreshAfterRejection: async () => TOKEN },
    logger,
    limits: { textMaxChars: 2000, buttonTitleMax: 20, maxButtons: 5 },
    retry: { attempts: 1 },
  });
  const replyWindow = new ReplyWindowTracker(store, { freeRepliesPerTurn: 8 });
  const auth = createAuth({ adminApiToken: ADMIN_TOKEN, resolveSession: async (req) => (req.get('x-test-session') && opts.session ? opts.session : null) });
  const mod = createAnnouncementsModule({
    config,
    store,
    logger,
    zalo,
    replyWindow,
    auth,
    audit: new AuditLog(store),
    users: new UserDirectory(store),
    metrics: createMetrics(),
    redisUrl: opts.redisUrl,
    now: opts.now,
    recentMessages: async (userId) => (await (await fetch(`${opts.zalo.recentUrl}?user=${userId}`)).json()) as RecentMessage[],
    tuning: { backoffMs: 50, pendingGraceMs: 1500, lockDurationMs: 2000, fanoutChunk: 50 },
    ...opts.extra,
  });
  if (opts.start !== false) mod.start();
  const app = createApp({ logger, metrics: createMetrics(), readiness: [], routers: [mod.router] });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    mod,
    store,
    replyWindow,
    baseUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    async close() {
      await new Promise<void>((r) => server.close(() => r()));
      await mod.stop();
      await store.close();
    },
  };
}

export async function api(h: Harness, method: string, path: string, body?: unknown, headers: Record<string, string> = { authorization: `Bearer ${ADMIN_TOKEN}` }) {
  const res = await fetch(`${h.baseUrl}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { fields?: Record<string, string> } };
}

export async function until<T>(fn: () => Promise<T | undefined | null | false>, timeoutMs = 15_000, label = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const users = (n: number, tag = 'u') => Array.from({ length: n }, (_, i) => `${tag}${String(i).padStart(4, '0')}`);

export function countsByUser(fake: FakeZaloApi, title: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of fake.messages) if (titleOf(m) === title) out.set(m.userId, (out.get(m.userId) ?? 0) + 1);
  return out;
}
