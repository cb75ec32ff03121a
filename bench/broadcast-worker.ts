/**
 * bench:broadcast helper (also used by the crash test) — one announcement worker process, wired as
 * main.ts wires the module, against REDIS_URL and a fake Zalo API at ZALO_API_BASE_URL. It may be
 * killed with SIGKILL at any moment. Prints "ready" once its workers are started.
 */
import { Agent } from 'node:http';
import { pino } from 'pino';
import { AuditLog } from '../src/admin/audit.js';
import { createAuth } from '../src/admin/auth.js';
import { UserDirectory } from '../src/admin/users.js';
import { createAnnouncementsModule } from '../src/announcements/module.js';
import { recentFromHistory, type RecentMessage } from '../src/announcements/oa-channel.js';
import { loadConfig } from '../src/config.js';
import { RedisStore } from '../src/store/redis-store.js';
import { ZaloClient } from '../src/zalo/client.js';
import { ReplyWindowTracker } from '../src/zalo/reply-window.js';
import { ConversationHistory } from '../src/zalo/conversation.js';

const env = process.env;
const config = loadConfig({ ...env, SIMULATOR: 'on', LOG_LEVEL: env.LOG_LEVEL ?? 'silent' });
const logger = pino({ level: config.LOG_LEVEL });
const store = new RedisStore({ url: config.REDIS_URL!, prefix: config.REDIS_PREFIX, logger });
const token = env.BENCH_ACCESS_TOKEN ?? 'bench-access-token';
const zalo = new ZaloClient({
  baseUrl: config.ZALO_API_BASE_URL,
  tokens: { getAccessToken: async () => token, refreshAfterRejection: async () => token },
  logger,
  limits: { textMaxChars: config.ZALO_TEXT_MAX_CHARS, buttonTitleMax: config.ZALO_BUTTON_TITLE_MAX, maxButtons: config.ZALO_MAX_BUTTONS },
  timeoutMs: config.ZALO_REQUEST_TIMEOUT_MS,
  retry: { baseDelayMs: 20, maxDelayMs: 200 },
  // As production should for broadcasts: reused connections, no redirect wrapper (BENCH_PLAIN_HTTP=1 turns both off).
  ...(env.BENCH_PLAIN_HTTP === '1' ? {} : { httpAgent: new Agent({ keepAlive: true, maxSockets: config.ANNOUNCEMENT_CONCURRENCY }), followRedirects: false }),
});
const recentUrl = env.BENCH_RECENT_URL;
// BENCH_CONVERSATION=1: ask Zalo's own conversation history (GET /v2.0/oa/conversation), as main.ts wires it.
const history = env.BENCH_CONVERSATION === '1' ? new ConversationHistory(zalo) : undefined;
const mod = createAnnouncementsModule({
  config,
  store,
  logger,
  zalo,
  replyWindow: new ReplyWindowTracker(store, { freeRepliesPerTurn: config.ZALO_FREE_REPLIES_PER_TURN }),
  auth: createAuth({}),
  audit: new AuditLog(store),
  users: new UserDirectory(store),
  redisUrl: config.REDIS_URL,
  recentMessages: history
    ? recentFromHistory(history)
    : recentUrl
      ? async (userId) => (await (await fetch(`${recentUrl}?user=${encodeURIComponent(userId)}`)).json()) as RecentMessage[]
      : undefined,
  tuning: {
    pendingGraceMs: Number(env.PENDING_GRACE_MS ?? 30_000),
    backoffMs: Number(env.RETRY_BACKOFF_MS ?? 1000),
    lockDurationMs: Number(env.LOCK_DURATION_MS ?? 5000),
    chunkSize: env.ANNOUNCEMENT_CHUNK_SIZE ? Number(env.ANNOUNCEMENT_CHUNK_SIZE) : undefined,
  },
});
mod.start();
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  void mod.stop().then(() => store.close()).then(() => process.exit(0));
});
