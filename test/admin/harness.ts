import { expect } from 'vitest';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { createApp, httpPolicy } from '../../src/http/app.js';
import { proxyTrust } from '../../src/http/client-ip.js';
import { createWebhookRouter, type EventJob } from '../../src/http/webhook.js';
import { createI18n, translatorFor } from '../../src/i18n/i18n.js';
import { followSentenceOverrides } from '../../src/i18n/overrides.js';
import { loadContentFromDir } from '../../src/knowledge/loader.js';
import { CATALOGUE_SNAPSHOT } from '../../src/knowledge/catalogue-snapshot.js';
import { SAMPLE_SNAPSHOT } from '../support/content.js';
import { ContentRepository } from '../../src/knowledge/repository.js';
import { createMetrics } from '../../src/observability/metrics.js';
import { projectRoot } from '../../src/paths.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import type { Store } from '../../src/store/ports.js';
import { createQueue } from '../../src/store/create-queue.js';
import { EventInbox } from '../../src/store/event-inbox.js';
import { SessionStore } from '../../src/bot/session-store.js';
import { createEventHandler } from '../../src/bot/handle-event.js';
import { FakeZaloApi } from '../../src/sim/fake-zalo-api.js';
import { TokenManager } from '../../src/zalo/token-manager.js';
import { ZaloClient } from '../../src/zalo/client.js';
import { ReplyWindowTracker } from '../../src/zalo/reply-window.js';
import { SIMULATOR_IDENTITY } from '../../src/main.js';
import { postEvent, waitFor } from '../support/bot.js';
import { StoreHandoffService } from '../../src/admin/handoff.js';
import { createAdminModule, type AdminModule } from '../../src/admin/module.js';
import { ConversationTranscript } from '../../src/admin/transcript.js';
import { maskPersonalData } from '../../src/nlu/personal-data.js';
import type { ThrottleOptions } from '../../src/admin/throttle.js';
import { createAnnouncementsModule, type AnnouncementsModule } from '../../src/announcements/module.js';
import { createNotifyModule, type NotifyModule } from '../../src/notify/module.js';
import { FollowRegistry } from '../../src/onestop/follows.js';
import { createCatalogueModule, type CatalogueModule } from '../../src/catalogue/module.js';
import { OfficialVersions } from '../../src/catalogue/official-versions.js';

export const ADMIN_TOKEN = 'test-admin-api-token-0123456789abcdef';

export interface ConsoleHarness {
  baseUrl: string;
  store: Store;
  content: ContentRepository;
  admin: AdminModule;
  fakeZalo: FakeZaloApi;
  handoff: StoreHandoffService;
  announcements: AnnouncementsModule;
  /** Dossier notices, templates and satisfaction (src/notify), with the fake Zalo's template and ZNS endpoints. */
  notify: NotifyModule;
  catalogue: CatalogueModule;
  contentDir: string;
  close(): Promise<void>;
}

/**
 * The bot as main.ts wires it in simulator mode (webhook → queue → handler → fake Zalo), with the admin
 * module mounted and used as the analytics sink. Content comes from a temporary copy of intents/ so that
 * export tests never touch the real files.
 */
export async function startConsoleHarness(opts: { store?: Store; loginThrottle?: ThrottleOptions; env?: Record<string, string> } = {}): Promise<ConsoleHarness> {
  // No quiet hours, no pacing: announcement tests must not depend on the time of day.
  // The test clients come from loopback and say who they are in X-Forwarded-For, as a proxy would.
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ADMIN_API_TOKEN: ADMIN_TOKEN, ANNOUNCEMENT_QUIET_HOURS: '', ANNOUNCEMENT_RATE_PER_S: '0', TRUSTED_PROXIES: '127.0.0.1,::1', ...opts.env });
  const logger = pino({ level: 'silent' });
  const server: Server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  const selfUrl = `http://127.0.0.1:${port}`;

  const store = opts.store ?? new MemoryStore();
  const metrics = createMetrics();
  const root = projectRoot();
  const i18n = await createI18n(join(root, 'locales'));
  const tFor = translatorFor(i18n);
  const contentDir = await mkdtemp(join(tmpdir(), 'admin-content-'));
  // The curated content as shipped, with the sample of the official tier (the whole one takes seconds to load).
  await cp(join(root, 'intents'), contentDir, { recursive: true, filter: (src) => !src.startsWith(join(root, 'intents', 'catalogue')) });
  await mkdir(join(contentDir, 'catalogue'), { recursive: true });
  await cp(SAMPLE_SNAPSHOT, join(contentDir, CATALOGUE_SNAPSHOT));
  const loaded = await loadContentFromDir(contentDir);
  if ('errors' in loaded) throw new Error(`content errors: ${JSON.stringify(loaded.errors.slice(0, 3))}`);
  const content = new ContentRepository(loaded.kb);
  const sentenceDefaults = followSentenceOverrides(i18n, content, logger);

  const fakeZalo = new FakeZaloApi({ appId: SIMULATOR_IDENTITY.appId, appSecret: SIMULATOR_IDENTITY.appSecret, accessToken: SIMULATOR_IDENTITY.accessToken, refreshToken: SIMULATOR_IDENTITY.refreshToken });
  const tokens = new TokenManager({ store, logger, appId: SIMULATOR_IDENTITY.appId, appSecret: SIMULATOR_IDENTITY.appSecret, oauthBaseUrl: `${selfUrl}/sim/zalo-oauth`, seedAccessToken: SIMULATOR_IDENTITY.accessToken, seedRefreshToken: SIMULATOR_IDENTITY.refreshToken, refreshMarginS: 3600 });
  await tokens.seed();
  const zalo = new ZaloClient({ baseUrl: `${selfUrl}/sim/zalo`, tokens, logger, limits: { textMaxChars: 2000, buttonTitleMax: 20, maxButtons: 5 } });
  const handoff = new StoreHandoffService(store, config.HANDOFF_TTL_S * 1000);
  const isFollower = (id: string) => announcements.followers.isFollower(id);
  const transcript = new ConversationTranscript(store, maskPersonalData);
  const officialVersions = new OfficialVersions(store);
  const admin = createAdminModule({ config, store, logger, content, contentDir, tFor, zalo, handoff, metrics, loginThrottle: opts.loginThrottle, isFollower, sentenceDefaults, officialVersions, inbox: { transcript } });
  await admin.start();
  const catalogue = createCatalogueModule({ config, store, logger, content, editor: admin.editor, versions: officialVersions, audit: admin.audit, auth: admin.auth, root });

  const replyWindow = new ReplyWindowTracker(store, { freeRepliesPerTurn: 8 });
  const announcements = createAnnouncementsModule({ config, store, logger, zalo, replyWindow, auth: admin.auth, audit: admin.audit, users: admin.users, tuning: { attempts: 2, backoffMs: 50 } });
  announcements.start();
  const notify = createNotifyModule({
    config,
    store,
    logger,
    tFor,
    zalo,
    replyWindow,
    follows: new FollowRegistry(store, 5),
    lookupDossier: async () => null,
    auth: admin.auth,
    audit: admin.audit,
    apiBaseUrl: `${selfUrl}/sim/zalo`,
    znsBaseUrl: `${selfUrl}/sim/zalo-business`,
  });

  const sessions = new SessionStore(store, config.SESSION_TTL_S * 1000);
  const handle = createEventHandler({ oaId: SIMULATOR_IDENTITY.oaId, store, sessions, content, sender: zalo, replyWindow, tFor, metrics, logger, handoff, analytics: admin.analytics, followers: announcements.followers, transcript });
  const queue = createQueue<EventJob>({ prefix: 'test:', logger, options: { name: 'events', concurrency: 4, partitions: 4, attempts: 2, backoffMs: 50 } });
  queue.start(async (job: EventJob) => handle(job));
  const inbox = new EventInbox<EventJob>(store, queue, logger, { pollMs: 10 });
  inbox.start();

  const sim = express.Router();
  sim.use('/sim/zalo', fakeZalo.apiRouter());
  sim.use('/sim/zalo-oauth', fakeZalo.oauthRouter());
  sim.use('/sim/zalo-business', fakeZalo.businessRouter());
  const app = createApp({
    logger,
    metrics,
    readiness: [],
    trustProxy: proxyTrust(config.trustedProxies),
    ...httpPolicy(config),
    routers: [createWebhookRouter({ appId: SIMULATOR_IDENTITY.appId, oaId: SIMULATOR_IDENTITY.oaId, oaSecretKey: SIMULATOR_IDENTITY.oaSecretKey, inbox, metrics, logger, eventsPerMinute: 100_000 }), sim, admin.router, catalogue.router, announcements.router, notify.router],
  });
  server.on('request', app);

  return {
    baseUrl: selfUrl,
    store,
    content,
    admin,
    fakeZalo,
    handoff,
    announcements,
    notify,
    catalogue,
    contentDir,
    async close() {
      await announcements.stop();
      await notify.stop();
      await catalogue.stop();
      await admin.stop();
      await inbox.stop();
      await queue.close();
      tokens.stop();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      if (!opts.store) await store.close();
      await rm(contentDir, { recursive: true, force: true });
    },
  };
}

/** A text event from a citizen, as Zalo posts it. */
export function userText(userId: string, text: string, msgId = `m${Date.now()}${Math.random().toString(16).slice(2, 8)}`) {
  return {
    app_id: SIMULATOR_IDENTITY.appId,
    event_name: 'user_send_text',
    timestamp: String(Date.now()),
    user_id_by_app: '5530000000000000002',
    sender: { id: userId },
    recipient: { id: SIMULATOR_IDENTITY.oaId },
    message: { msg_id: msgId, text },
  };
}

/** A tiny cookie-keeping client for the console API. */
export class Client {
  /** Cookies by name, as a browser keeps them (the session and the known-device cookie). */
  jar = new Map<string, string>();
  csrf = '';
  get cookie(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  set cookie(header: string) {
    this.jar = new Map(header.split(';').map((p) => p.trim()).filter(Boolean).map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)] as [string, string]));
  }
  constructor(
    private readonly base: string,
    private readonly ip = '10.0.0.1',
  ) {}
  async req(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> & { [k: string]: unknown } }> {
    const h: Record<string, string> = { 'X-Forwarded-For': this.ip, ...headers };
    if (body !== undefined) h['Content-Type'] = 'application/json';
    if (this.cookie) h.Cookie = this.cookie;
    if (this.csrf && method !== 'GET' && !('X-CSRF-Token' in headers)) h['X-CSRF-Token'] = this.csrf;
    const res = await fetch(`${this.base}${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body), redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      if (/Max-Age=0\b/.test(c)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    const text = await res.text();
    return { status: res.status, json: text.startsWith('{') ? JSON.parse(text) : { text } };
  }
  async login(username: string, password: string) {
    const r = await this.req('POST', '/admin/api/login', { username, password });
    if (r.status === 200) this.csrf = String(r.json.csrfToken);
    return r;
  }
}

export function lastText(h: ConsoleHarness, userId: string): string {
  const msgs = h.fakeZalo.messagesFor(userId);
  return String((msgs.at(-1)?.message as { text?: string } | undefined)?.text ?? '');
}

export async function ask(h: ConsoleHarness, userId: string, text: string): Promise<string> {
  const before = h.fakeZalo.messagesFor(userId).length;
  const res = await postEvent(h.baseUrl, userText(userId, text), SIMULATOR_IDENTITY.oaSecretKey);
  expect(res.status).toBe(200);
  await waitFor(() => h.fakeZalo.messagesFor(userId).length > before, 5000, `reply to "${text}"`);
  return lastText(h, userId);
}
