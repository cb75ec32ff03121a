import { Agent as HttpAgent, createServer, type Server } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Router } from 'express';
import type { Logger } from 'pino';
import { ConfigError, loadConfig, simulatorStorePrefix, type Config } from './config.js';
import { createLogger } from './observability/logger.js';
import { createMetrics, type Metrics } from './observability/metrics.js';
import { projectRoot } from './paths.js';
import { createStore } from './store/create-store.js';
import type { Store } from './store/ports.js';
import { createQueue } from './store/create-queue.js';
import type { JobQueue } from './store/queue.js';
import { EventInbox } from './store/event-inbox.js';
import { createApp, httpPolicy } from './http/app.js';
import { createWebhookHandler, isWebhookRequest } from './http/webhook.js';
import { proxyTrust } from './http/client-ip.js';
import { createI18n, translatorFor } from './i18n/i18n.js';
import { followSentenceOverrides } from './i18n/overrides.js';
import { TokenManager, type TokenManagerOptions } from './zalo/token-manager.js';
import { ZaloClient } from './zalo/client.js';
import { ReplyWindowTracker } from './zalo/reply-window.js';
import { ZaloApiError, isRetryLater } from './zalo/errors.js';
import { loadContentFromDir } from './knowledge/loader.js';
import { ContentRepository } from './knowledge/repository.js';
import { SessionStore } from './bot/session-store.js';
import { createEventHandler, type WorkerJob } from './bot/handle-event.js';
import { ReplyDelivery } from './bot/reply-delivery.js';
import { InstanceLiveness } from './store/instance-liveness.js';
import { ConversationHistory } from './zalo/conversation.js';
import { FakeZaloApi } from './sim/fake-zalo-api.js';
import { createSimulatorRouter } from './sim/sim-routes.js';
import { StoreHandoffService } from './admin/handoff.js';
import { createDossierModule } from './onestop/module.js';
import { createAnnouncementsModule } from './announcements/module.js';
import { recentFromHistory } from './announcements/oa-channel.js';
import { createAdminModule } from './admin/module.js';
import { createCatalogueModule } from './catalogue/module.js';
import { OfficialVersions } from './catalogue/official-versions.js';
import { refuseSimulatorLeftovers } from './admin/simulator-accounts.js';
import { createDemoOnestopRouter, DEMO_API_PREFIX } from './sim/onestop/demo-onestop.js';
import { ComplaintStore } from './complaints/complaint-store.js';
import { ComplaintDesk } from './complaints/service.js';
import { createComplaintsRouter } from './complaints/routes.js';
import { ConversationTranscript } from './admin/transcript.js';
import { maskPersonalData } from './nlu/personal-data.js';
import { DisplayNames } from './admin/display-names.js';
import { createHandBackNotice } from './admin/hand-back.js';
import { fetchMedia } from './media/safe-fetch.js';
import { CodeReader } from './media/code-reader.js';
import { ReceiptPhotos } from './media/receipt-photos.js';
import { NonTextReplies } from './bot/non-text.js';
import { createNotifyModule, type NotifyModule } from './notify/module.js';
import { complaintQueueSink } from './notify/complaint-sink.js';
import { randomBytes } from 'node:crypto';

/** Fixed identity of the local simulator: only base URLs and secrets differ from production. */
export const SIMULATOR_IDENTITY = {
  appId: '1000000000000000001',
  oaId: '3660000000000000004',
  oaSecretKey: 'simulator-oa-secret-key',
  appSecret: 'simulator-app-secret',
  accessToken: 'sim-at-seed',
  refreshToken: 'sim-rt-seed',
  /** Templates the simulator's fake Zalo has approved (registered in the console on first start). */
  templateByUid: '7000000000000001',
  znsTemplate: '7000000000000002',
};

export interface RunningBot {
  config: Config;
  server: Server;
  port: number;
  store: Store;
  queue: JobQueue<WorkerJob>;
  /** Acknowledged events on their way to the queue. */
  inbox: EventInbox<WorkerJob>;
  /** Once-only reply delivery and its retry queue. */
  replies: ReplyDelivery;
  metrics: Metrics;
  logger: Logger;
  content: ContentRepository;
  fakeZalo?: FakeZaloApi;
  dossiers: ReturnType<typeof createDossierModule>;
  notify: NotifyModule;
  demoOnestop?: ReturnType<typeof createDemoOnestopRouter>;
  /** Stops accepting requests, finishes in-flight work, closes the store. */
  stop(): Promise<void>;
}

/** A full collection when the process runs with --expose-gc (npm start does), else nothing. */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return (server.address() as { port: number }).port;
}

/** Composition root: builds every adapter from the configuration and wires them. */
export async function start(config: Config, opts: { logger?: Logger; tokenTuning?: Partial<TokenManagerOptions>; now?: () => number } = {}): Promise<RunningBot> {
  // The simulator never shares keys with a real start: on a shared Redis it keeps its own prefix.
  if (config.simulator && config.REDIS_URL) config = { ...config, REDIS_PREFIX: simulatorStorePrefix(config.REDIS_PREFIX) };
  const logger = opts.logger ?? createLogger(config.LOG_LEVEL);
  if (config.simulator) logger.info({ mode: 'simulator', redisPrefix: config.REDIS_URL ? config.REDIS_PREFIX : undefined }, 'Simulator mode: no Zalo credentials, a local fake Zalo OA API answers; chat page at /sim');
  else logger.info({ mode: 'zalo', appId: config.ZALO_APP_ID }, 'Zalo mode: events from the OA webhook, replies through the Zalo OA API');
  if (!config.REDIS_URL) logger.warn('REDIS_URL is unset: using the in-memory store (one instance only; state and queued events are lost on restart)');

  let shuttingDown = false;
  const server = createServer((_req, res) => {
    res.statusCode = 503;
    res.end('starting');
  });
  server.keepAliveTimeout = 5000;
  const port = await listen(server, config.PORT, config.HOST);
  const selfUrl = `http://127.0.0.1:${port}`;

  const metrics = createMetrics();
  const store = createStore(config, logger);
  if (!config.simulator) {
    try {
      await refuseSimulatorLeftovers(store, config.REDIS_PREFIX);
    } catch (err) {
      await store.close().catch(() => undefined);
      await new Promise((r) => server.close(r));
      throw err;
    }
  }
  const root = projectRoot();
  const i18n = await createI18n(join(root, 'locales'));
  const tFor = translatorFor(i18n);

  const zaloIdentity = config.simulator
    ? {
        appId: SIMULATOR_IDENTITY.appId,
        oaId: SIMULATOR_IDENTITY.oaId,
        oaSecretKey: SIMULATOR_IDENTITY.oaSecretKey,
        appSecret: SIMULATOR_IDENTITY.appSecret,
        accessToken: SIMULATOR_IDENTITY.accessToken,
        refreshToken: SIMULATOR_IDENTITY.refreshToken,
        apiBaseUrl: `${selfUrl}/sim/zalo`,
        oauthBaseUrl: `${selfUrl}/sim/zalo-oauth`,
      }
    : {
        appId: config.ZALO_APP_ID!,
        oaId: config.ZALO_OA_ID,
        oaSecretKey: config.ZALO_OA_SECRET_KEY!,
        appSecret: config.ZALO_APP_SECRET!,
        accessToken: config.ZALO_ACCESS_TOKEN,
        refreshToken: config.ZALO_REFRESH_TOKEN!,
        apiBaseUrl: config.ZALO_API_BASE_URL,
        oauthBaseUrl: config.ZALO_OAUTH_BASE_URL,
      };

  const fakeZalo = config.simulator
    ? new FakeZaloApi({ appId: SIMULATOR_IDENTITY.appId, appSecret: SIMULATOR_IDENTITY.appSecret, accessToken: SIMULATOR_IDENTITY.accessToken, refreshToken: SIMULATOR_IDENTITY.refreshToken, oaId: SIMULATOR_IDENTITY.oaId, now: opts.now })
    : undefined;
  fakeZalo?.approveTemplate(SIMULATOR_IDENTITY.templateByUid);
  fakeZalo?.approveTemplate(SIMULATOR_IDENTITY.znsTemplate, { byUid: false });

  const tokens = new TokenManager({
    store,
    logger,
    appId: zaloIdentity.appId,
    appSecret: zaloIdentity.appSecret,
    oauthBaseUrl: zaloIdentity.oauthBaseUrl,
    seedAccessToken: zaloIdentity.accessToken,
    seedRefreshToken: zaloIdentity.refreshToken,
    refreshMarginS: config.ZALO_TOKEN_REFRESH_MARGIN_S,
    oauthTimeoutMs: config.ZALO_OAUTH_TIMEOUT_MS,
    onRefreshFailure: (reason) => metrics.tokenRefreshFailures.inc({ reason }),
    ...opts.tokenTuning,
  });
  await tokens.seed();
  // Every 30 s: refreshes when due, retries a failed chain once its back-off ends, logs a broken chain.
  tokens.startProactiveRefresh(30_000);
  metrics.setTokenChainSource(async () => (await tokens.chainStatus()).broken);

  const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 64 + config.ANNOUNCEMENT_CONCURRENCY });
  const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 64 + config.ANNOUNCEMENT_CONCURRENCY });
  const zalo = new ZaloClient({
    baseUrl: zaloIdentity.apiBaseUrl,
    tokens,
    logger,
    timeoutMs: config.ZALO_REQUEST_TIMEOUT_MS,
    rateLimitPerMinute: config.ZALO_RATE_LIMIT_PER_MIN,
    limits: { textMaxChars: config.ZALO_TEXT_MAX_CHARS, buttonTitleMax: config.ZALO_BUTTON_TITLE_MAX, maxButtons: config.ZALO_MAX_BUTTONS },
    onError: (code) => metrics.zaloErrors.inc({ code: String(code) }),
    // Reused connections: a TLS handshake per message would cost more than the message.
    httpAgent,
    httpsAgent,
    followRedirects: false,
  });
  const replyWindow = new ReplyWindowTracker(store, { freeRepliesPerTurn: config.ZALO_FREE_REPLIES_PER_TURN });
  // Sends a crash or a timeout interrupted are looked up here before they are repeated (replies, announcements, notices).
  const history = new ConversationHistory(zalo);

  const contentDir = config.CONTENT_DIR ?? join(root, 'intents');
  const cacheDir = config.CONTENT_CACHE_DIR === 'off' ? null : (config.CONTENT_CACHE_DIR ?? join(tmpdir(), 'zalo-bot-content-cache'));
  const loaded = await loadContentFromDir(contentDir, { cacheDir });
  if ('errors' in loaded) {
    for (const e of loaded.errors) logger.error({ file: e.file, line: e.line, field: e.field }, `content error: ${e.message}`);
    throw new Error(`content in ${contentDir} has ${loaded.errors.length} error(s); fix them before starting`);
  }
  const content = new ContentRepository(loaded.kb);
  logger.info({ procedures: loaded.kb.procedures.length, catalogue: loaded.kb.catalogue?.records.length ?? 0, version: loaded.kb.version }, 'content loaded');
  // Loading the catalogue and building its index leave some 70 MB of temporaries; return them before serving
  // (and after every content swap) instead of whenever the collector next runs.
  collectGarbage();
  content.onChange(() => setImmediate(collectGarbage));
  // Admins' overrides of system sentences, over the locale files, follow every content version.
  const sentences = followSentenceOverrides(i18n, content, logger);

  const sessions = new SessionStore(store, config.SESSION_TTL_S * 1000);
  const handoff = new StoreHandoffService(store, config.HANDOFF_TTL_S * 1000);
  // In the simulator the demo one-stop server (same iGate wire format) stands in for the province's system.
  const demoOnestop = config.simulator && !config.ONESTOP_BASE_URL ? createDemoOnestopRouter() : undefined;
  const demoOnestopBase = demoOnestop ? `${selfUrl}${DEMO_API_PREFIX}` : undefined;
  // The watcher hands notices to notify/, built below (it needs the dossier module's follows): bound late.
  const dossiers = createDossierModule({
    config,
    store,
    logger,
    tFor,
    notices: { deliver: (notice) => notify.service.deliver(notice) },
    now: opts.now,
    metrics,
    onestopBaseUrl: demoOnestopBase,
    ssoUrl: demoOnestopBase,
    clientId: demoOnestop?.credentials.clientId,
    clientSecret: demoOnestop?.credentials.clientSecret,
  });
  // Media from webhook events: only Zalo's hosts (and, in the simulator, this process, which hosts the chat page's uploads).
  const mediaHosts = config.simulator ? [...config.mediaAllowedHosts, '127.0.0.1', 'localhost'] : config.mediaAllowedHosts;
  const download = (accept: ('image' | 'audio' | 'video')[]) => (url: string) =>
    fetchMedia(url, { allowedHosts: mediaHosts, maxBytes: config.MEDIA_MAX_BYTES, timeoutMs: config.MEDIA_DOWNLOAD_TIMEOUT_MS, accept });
  const codeReader = new CodeReader(config.MEDIA_DECODE_TIMEOUT_MS);
  const transcript = new ConversationTranscript(store, maskPersonalData);
  // The follower registry is built with announcements, after the console; the check runs only on requests.
  const isFollower = (zaloUserId: string) => announcements.followers.isFollower(zaloUserId);
  const officialVersions = new OfficialVersions(store);
  // One cached look-up of citizens' Zalo display names for the inbox and the complaints queue.
  const displayNames = new DisplayNames(store, zalo, logger);
  const admin = createAdminModule({
    config,
    store,
    logger,
    content,
    contentDir,
    tFor,
    zalo,
    handoff,
    metrics,
    isFollower,
    sentenceDefaults: sentences,
    officialVersions,
    inbox: {
      transcript,
      historyTurns: config.INBOX_HISTORY_TURNS,
      displayNames,
      handBack: createHandBackNotice({ languageOf: async (userId) => (await sessions.load(userId)).language, sender: zalo, tFor, logger }),
      fetchMedia: download(['audio', 'image', 'video']),
    },
  });
  await admin.start();
  const catalogue = createCatalogueModule({ config, store, logger, content, editor: admin.editor, versions: officialVersions, audit: admin.audit, auth: admin.auth, root });
  const auth = admin.auth;
  const announcements = createAnnouncementsModule({
    config,
    store,
    logger,
    zalo,
    replyWindow,
    auth,
    audit: admin.audit,
    users: admin.users,
    metrics,
    redisUrl: config.REDIS_URL,
    recentMessages: recentFromHistory(history),
  });
  const liveness = new InstanceLiveness(store, logger);
  const replies = new ReplyDelivery(
    {
      store,
      sender: zalo,
      owner: liveness,
      logger,
      history,
      registry: metrics.registry,
      onSent: async (userId) => {
        metrics.repliesSent.inc();
        await replyWindow.recordReply(userId);
      },
    },
    { maxWaiting: config.REPLY_RETRY_MAX },
  );
  const complaintStore = new ComplaintStore(store);
  const complaints = new ComplaintDesk({
    store: complaintStore,
    contacts: () => content.current().kb.contacts ?? [],
    requestPhone: config.COMPLAINT_REQUEST_PHONE === 'on',
    cardImageUrl: config.ZALO_REQUEST_INFO_IMAGE_URL,
    logger,
  });
  const notify = createNotifyModule({
    config,
    store,
    logger,
    tFor,
    zalo,
    replyWindow,
    follows: dossiers.follows,
    lookupDossier: (code) => dossiers.port.lookupDossier(code, undefined, { fresh: true }),
    auth,
    audit: admin.audit,
    metrics,
    redisUrl: config.REDIS_URL,
    apiBaseUrl: zaloIdentity.apiBaseUrl,
    znsBaseUrl: config.simulator ? `${selfUrl}/sim/zalo-business` : undefined,
    // The simulator keeps shared phones under a key that dies with the process.
    phoneKey: config.NOTIFY_PHONE_KEY ?? (config.simulator ? randomBytes(32).toString('base64') : undefined),
    complaints: complaintQueueSink(complaintStore, tFor),
    history,
    now: opts.now,
  });
  if (config.simulator && (await notify.templates.list()).length === 0) {
    const params = [
      { name: 'ma_ho_so', field: 'code' as const },
      { name: 'ten_thu_tuc', field: 'procedure_name' as const },
      { name: 'trang_thai', field: 'status' as const },
      { name: 'ngay_hen_tra', field: 'due_date' as const },
    ];
    await notify.templates.save({ name: 'Thông báo hồ sơ (mô phỏng)', templateId: SIMULATOR_IDENTITY.templateByUid, channel: 'template', tag: 1, params, active: true }, 'simulator', Date.now());
    await notify.templates.save({ name: 'ZNS hồ sơ (mô phỏng)', templateId: SIMULATOR_IDENTITY.znsTemplate, channel: 'zns', tag: 1, params, active: true }, 'simulator', Date.now());
  }
  const handle = createEventHandler({
    oaId: zaloIdentity.oaId,
    store,
    sessions,
    content,
    sender: zalo,
    replyWindow,
    tFor,
    metrics,
    logger,
    handoff,
    dossiers: dossiers.service,
    followers: announcements.followers,
    analytics: admin.analytics,
    maxTextChars: config.ZALO_TEXT_MAX_CHARS,
    complaints,
    transcript,
    welcomeOnFollow: config.WELCOME_ON_FOLLOW === 'on',
    nonText: new NonTextReplies({
      contacts: () => content.current().kb.contacts ?? [],
      photos: new ReceiptPhotos({ reader: codeReader, download: download(['image']), logger }),
      dossiers: dossiers.service,
      store,
    }),
    delivery: replies,
    notices: notify.consent,
    satisfaction: notify.survey,
  });

  const queue = createQueue<WorkerJob>({
    redisUrl: config.REDIS_URL,
    prefix: config.REDIS_PREFIX,
    logger,
    options: {
      name: 'events',
      concurrency: config.WORKER_CONCURRENCY,
      partitions: config.WEBHOOK_QUEUE_PARTITIONS,
      attempts: 6,
      backoffMs: 1000,
      // A dead worker's job (and the user's jobs behind it) waits for its lock to lapse, then for the next check.
      lockDurationMs: config.QUEUE_STALLED_INTERVAL_MS,
      stalledIntervalMs: Math.min(1000, config.QUEUE_STALLED_INTERVAL_MS),
    },
  });
  // PROCESS_ROLE: a web process only accepts and queues; a worker process only handles (README, "Scaling out").
  const runsJobs = config.PROCESS_ROLE !== 'web';
  const servesWeb = config.PROCESS_ROLE !== 'worker';
  const handleJob = async (job: WorkerJob) => {
    try {
      await handle(job);
    } catch (err) {
      // A broken token chain: the reply is still owed, so the job fails to be retried later, never dropped.
      if (isRetryLater(err)) {
        logger.warn({ reason: err.reason, retryAt: err.retryAt === null ? null : new Date(err.retryAt).toISOString(), identity: job.identity }, 'reply waits: no Zalo access token until the token chain heals');
        throw err;
      }
      // Out-of-window and permanent Zalo errors are recorded, not retried: retrying cannot help.
      if (err instanceof ZaloApiError && (err.kind === 'window' || err.kind === 'permanent')) {
        logger.warn({ code: err.code, kind: err.kind, identity: job.identity }, 'reply not delivered (not retried)');
        return;
      }
      logger.warn({ err: (err as Error).message, identity: job.identity }, 'event handling failed; will retry');
      throw err;
    }
  };
  if (runsJobs) queue.start(handleJob);
  const inbox = new EventInbox<WorkerJob>(store, queue, logger);
  const eventsPending = async () => (await inbox.backlog()) + (await queue.depth());
  metrics.setQueueDepthSource(eventsPending);
  if (runsJobs) {
    liveness.start();
    replies.startRetries((job, id) => queue.add({ id, orderKey: job.userId, data: job }));
    inbox.start();
    dossiers.watcher.start();
    announcements.start();
    notify.start();
    catalogue.start();
  }

  const trustProxy = proxyTrust(config.trustedProxies);
  // The webhook is the hot path: served straight from node:http, before Express.
  const webhook = createWebhookHandler({
    appId: zaloIdentity.appId,
    oaId: zaloIdentity.oaId,
    oaSecretKey: zaloIdentity.oaSecretKey,
    inbox,
    metrics,
    logger,
    eventsPerMinute: config.WEBHOOK_RATE_LIMIT_PER_MIN,
    badRequestsPerIpPerMinute: config.WEBHOOK_BAD_REQUESTS_PER_IP_PER_MIN,
    maxEventAgeS: config.WEBHOOK_MAX_EVENT_AGE_S,
    trustProxy,
    maxTextChars: config.ZALO_TEXT_MAX_CHARS,
    isShuttingDown: () => shuttingDown,
  });
  const routers: Router[] = servesWeb
    ? [
        // The admin router authenticates and checks CSRF for all of /admin/api, so it comes first.
        admin.router,
        catalogue.router,
        announcements.router,
        createComplaintsRouter({ auth, store: complaintStore, audit: admin.audit, sender: zalo, tFor, logger, displayNames }),
        notify.router,
      ]
    : [];
  if (fakeZalo) {
    const { Router: makeRouter } = await import('express');
    const sim = makeRouter();
    sim.use('/sim/zalo', fakeZalo.apiRouter());
    sim.use('/sim/zalo-oauth', fakeZalo.oauthRouter());
    sim.use('/sim/zalo-media', fakeZalo.mediaRouter());
    sim.use('/sim/zalo-business', fakeZalo.businessRouter());
    const links = [{ href: '/admin/', label: 'Quản trị (admin/staff, mật khẩu simulator)' }];
    if (demoOnestop) links.push({ href: '/sim/onestop', label: 'Hệ thống một cửa (demo)' });
    routers.push(sim, createSimulatorRouter(fakeZalo, { appId: SIMULATOR_IDENTITY.appId, oaId: SIMULATOR_IDENTITY.oaId, oaSecretKey: SIMULATOR_IDENTITY.oaSecretKey }, links));
  }
  if (demoOnestop) routers.push(demoOnestop.router);

  const production = config.NODE_ENV === 'production';
  if (production && !config.METRICS_TOKEN) logger.warn('METRICS_TOKEN is unset: /metrics is off (set it and give Prometheus the bearer token)');
  const app = createApp({
    logger,
    metrics,
    trustProxy,
    ...httpPolicy(config),
    routers,
    isShuttingDown: () => shuttingDown,
    readiness: [
      { name: 'store', check: () => store.ping() },
      {
        name: 'zalo_token',
        check: async () => {
          const status = await tokens.chainStatus();
          if (!status.ok) throw new Error(status.message);
        },
      },
    ],
    readinessInfo: [
      { name: 'notify', describe: () => notify.status() },
      { name: 'dossier_watch', describe: () => dossiers.watchDemand() },
    ],
  });
  server.removeAllListeners('request');
  server.on('request', (req, res) => (servesWeb && isWebhookRequest(req) ? webhook(req, res) : app(req, res)));
  logger.info({ port, role: config.PROCESS_ROLE, url: config.simulator ? `http://localhost:${port}/sim` : undefined }, 'listening');

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      shuttingDown = true;
      logger.info('shutting down: no new requests, finishing in-flight work');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (!config.REDIS_URL) {
        // Nothing in memory survives the process: handle what was acknowledged before closing.
        const deadline = Date.now() + 20_000;
        while ((await eventsPending()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      }
      replies.stopRetries();
      await inbox.stop();
      await queue.close();
      await liveness.stop();
      await announcements.stop();
      await catalogue.stop();
      await dossiers.watcher.stop();
      await notify.stop();
      await admin.stop();
      await codeReader.close();
      await tokens.stop();
      httpAgent.destroy();
      httpsAgent.destroy();
      await closed;
      await store.close();
      logger.info('shutdown complete');
    })());

  return { config, server, port, store, queue, inbox, replies, metrics, logger, content, fakeZalo, dossiers, notify, demoOnestop, stop };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL);
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
  let bot: RunningBot;
  try {
    bot = await start(config, { logger });
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    logger.fatal({ err: (err as Error).message }, 'could not start');
    process.exit(1);
  }
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      const force = setTimeout(() => {
        logger.error('shutdown took longer than 25 s; exiting');
        process.exit(1);
      }, 25_000);
      force.unref();
      bot.stop().then(
        () => process.exit(0),
        (err) => {
          logger.error({ err }, 'error during shutdown');
          process.exit(1);
        },
      );
    });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main();
}
