import { createAuth, type Auth } from '../../src/admin/auth.js';
import type { Language, Reply, Translate } from '../../src/dialogue/types.js';
import { createNotifyModule, type NotifyModule } from '../../src/notify/module.js';
import type { SentHistory } from '../../src/notify/history-check.js';
import type { FollowRegistry } from '../../src/onestop/follows.js';
import type { DossierLookupResult } from '../../src/onestop/types.js';
import type { Store } from '../../src/store/ports.js';
import { openWindow, silent, testConfig } from '../onestop/helpers.js';

export const ADMIN_TOKEN = 'notify-test-admin-token-0123456789';

/**
 * The consultation send and postJson of the Zalo client, recorded. Template and ZNS answers come from `answer`;
 * the quota pre-check from `quota` (by default Zalo does not say when the citizen last interacted).
 */
export class RecordingZalo {
  sent: { userId: string; reply: Reply }[] = [];
  posts: { url: string; body: Record<string, unknown> }[] = [];
  quotaCalls = 0;
  answer: (url: string, body: Record<string, unknown>) => Promise<unknown> = async () => {
    throw new Error('no answer scripted for postJson');
  };
  quota: () => Promise<unknown> = async () => ({ last_interaction: null });
  async sendReply(userId: string, reply: Reply): Promise<{ messageIds: string[] }> {
    this.sent.push({ userId, reply });
    return { messageIds: [`cs-${this.sent.length}`] };
  }
  async postJson<T>(url: string, body: unknown): Promise<T> {
    if (url.endsWith('/v3.0/oa/quota/message')) {
      this.quotaCalls++;
      return (await this.quota()) as T;
    }
    this.posts.push({ url, body: body as Record<string, unknown> });
    return (await this.answer(url, body as Record<string, unknown>)) as T;
  }
}

export interface NotifyHarnessOptions {
  store: Store;
  follows: FollowRegistry;
  tFor: (lng: Language) => Translate;
  zalo?: RecordingZalo | NotifyModuleZalo;
  window?: { canReply(userId: string, now: number): Promise<{ allowed: boolean; reason?: string }>; recordReply(userId: string, at?: number): Promise<void> };
  lookupDossier?: (code: string) => Promise<DossierLookupResult | null>;
  /** REDIS_URL and the store's prefix: the atomic ledger on Redis. */
  redis?: { url: string; prefix: string };
  env?: Record<string, string>;
  now?: () => number;
  phoneKey?: string;
  tuning?: { retryBaseMs?: number; pendingGraceMs?: number; maxAttempts?: number };
  auth?: Auth;
  history?: SentHistory;
}

type NotifyModuleZalo = Parameters<typeof createNotifyModule>[0]['zalo'];

export const closedWindow = { canReply: async () => ({ allowed: false, reason: 'window_closed' }), recordReply: async () => undefined };

/** The notify module as main.ts wires it, on a given store, with a recording or real Zalo client. */
export function notifyOn(opts: NotifyHarnessOptions): NotifyModule {
  const config = testConfig({ ADMIN_API_TOKEN: ADMIN_TOKEN, ...(opts.redis ? { REDIS_PREFIX: opts.redis.prefix } : {}), ...opts.env });
  return createNotifyModule({
    config,
    store: opts.store,
    logger: silent,
    tFor: opts.tFor,
    zalo: opts.zalo ?? new RecordingZalo(),
    replyWindow: opts.window ?? openWindow,
    follows: opts.follows,
    lookupDossier: opts.lookupDossier ?? (async () => null),
    auth: opts.auth ?? createAuth({ adminApiToken: ADMIN_TOKEN }),
    redisUrl: opts.redis?.url,
    phoneKey: opts.phoneKey,
    now: opts.now,
    tuning: opts.tuning,
    history: opts.history,
  });
}
