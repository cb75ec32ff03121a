import type { Router } from 'express';
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import type { AuditLog } from '../admin/audit.js';
import type { Auth } from '../admin/auth.js';
import { createDeliveryLedger } from '../announcements/ledger.js';
import type { Config } from '../config.js';
import type { Language, Reply, Translate } from '../dialogue/types.js';
import type { FollowRegistry } from '../onestop/follows.js';
import type { DossierLookupResult } from '../onestop/types.js';
import type { Store } from '../store/ports.js';
import type { ZaloClient } from '../zalo/client.js';
import type { NotifyStatus } from './api.js';
import { NoticeConsentService } from './consent.js';
import { NoticeRepository } from './notices.js';
import { PhoneVault } from './phones.js';
import { createNotifyRouter } from './routes.js';
import { SatisfactionSurvey, type ComplaintSink } from './satisfaction.js';
import { historyDeliveryCheck, type SentHistory } from './history-check.js';
import { NOTICE_LEDGER_KEYS, NoticeService, type DeliveryCheck } from './service.js';
import { TemplateStore } from './templates.js';
import type { NoticeChannel } from './types.js';
import { ZaloNoticeApi } from './zalo-notice-api.js';

export interface NotifyModuleDeps {
  config: Config;
  store: Store;
  logger: Logger;
  tFor: (lng: Language) => Translate;
  zalo: Pick<ZaloClient, 'sendReply' | 'postJson'>;
  replyWindow: { canReply(userId: string, now: number): Promise<{ allowed: boolean; reason?: string }>; recordReply(userId: string, at?: number): Promise<void> };
  follows: FollowRegistry;
  /** Live look-up for previews by dossier code. */
  lookupDossier: (code: string) => Promise<DossierLookupResult | null>;
  auth: Auth;
  audit?: AuditLog;
  metrics?: { registry: Registry };
  /** REDIS_URL: the atomic ledger on Redis; unset: the ledger over the store (one instance). */
  redisUrl?: string;
  /** Overrides of ZALO_API_BASE_URL / ZALO_ZNS_BASE_URL / NOTIFY_PHONE_KEY (the simulator's fakes and ephemeral key). */
  apiBaseUrl?: string;
  znsBaseUrl?: string;
  phoneKey?: string;
  /** A way to tell whether an interrupted send arrived (e.g. the conversation history); none: such sends are `uncertain`. */
  check?: DeliveryCheck;
  /** The conversation history: without `check`, interrupted notices are looked up there before being sent again. */
  history?: SentHistory;
  /** The complaints queue (issue 11); none yet: complaints wait in a list. */
  complaints?: ComplaintSink;
  now?: () => number;
  tuning?: { retryBaseMs?: number; pendingGraceMs?: number; maxAttempts?: number };
}

export interface NotifyModule {
  service: NoticeService;
  consent: NoticeConsentService;
  survey: SatisfactionSurvey;
  templates: TemplateStore;
  phones: PhoneVault;
  repo: NoticeRepository;
  router: Router;
  /** Which steps of the chain run and why not (informational in /readyz). */
  status(): Promise<NotifyStatus>;
  /** Runs the outbox (retries, night holds, checks) every 15 s, once across instances. */
  start(): void;
  stop(): Promise<void>;
}

/** The notice chain, its templates, consent and phones, satisfaction, and their admin API, wired from config. */
export function createNotifyModule(deps: NotifyModuleDeps): NotifyModule {
  const { config, store, logger } = deps;
  const log = logger.child({ module: 'notify' });
  const now = deps.now ?? Date.now;
  const tVi = deps.tFor('vi');
  const znsBaseUrl = deps.znsBaseUrl ?? config.ZALO_ZNS_BASE_URL;
  const phoneKey = deps.phoneKey ?? config.NOTIFY_PHONE_KEY;
  if (!phoneKey) log.warn('NOTIFY_PHONE_KEY is unset: no phone numbers are kept and the ZNS step is off');

  const templates = new TemplateStore(store);
  const phones = new PhoneVault(store, phoneKey);
  const repo = new NoticeRepository(store);
  const api = new ZaloNoticeApi(deps.zalo, znsBaseUrl);
  const survey = new SatisfactionSurvey(store, deps.tFor, deps.complaints);
  const ledger = createDeliveryLedger({ store, redisUrl: deps.redisUrl, prefix: config.REDIS_PREFIX, keys: NOTICE_LEDGER_KEYS });
  const consent = new NoticeConsentService({
    store,
    phones,
    templates,
    repo,
    follows: deps.follows,
    logger,
    consentImageUrl: config.ZALO_REQUEST_INFO_IMAGE_URL,
    forgetSurvey: (userId) => survey.forget(userId),
  });
  deps.follows.whenNoneFollowed(async (userId, reason) => {
    // At a final status the last notice may still be on its way (held for the morning): the phone goes when it settles.
    if (reason === 'citizen') await consent.noneFollowed(userId);
  });

  const registers = deps.metrics ? [deps.metrics.registry] : [];
  const settledCounter = new Counter({ name: 'notices_settled_total', help: 'Dossier notices settled, by state and channel', labelNames: ['state', 'channel'] as const, registers });

  const service = new NoticeService({
    store,
    repo,
    ledger,
    logger,
    now,
    check: deps.check ?? (deps.history ? historyDeliveryCheck(deps.history, async (userId) => (await phones.phoneOf(userId)) !== null) : undefined),
    ...deps.tuning,
    chain: {
      now,
      window: deps.replyWindow,
      consultation: {
        async send(userId: string, reply: Reply) {
          const { messageIds } = await deps.zalo.sendReply(userId, reply);
          await deps.replyWindow.recordReply(userId, now());
          return { messageId: messageIds[0] ?? '' };
        },
      },
      api,
      templates,
      phones,
      missingValue: tVi('notify.template.missing'),
    },
    hooks: {
      withQuestion: (notice) => survey.withQuestion(notice),
      settled: async (record, at) => {
        await survey.settled(record, at);
        await consent.settled(record);
      },
    },
    onSettled: (state, channel) => settledCounter.inc({ state, channel }),
  });

  async function status(): Promise<NotifyStatus> {
    const [template, zns] = await Promise.all([templates.active('template'), templates.active('zns')]);
    const steps: NotifyStatus['steps'] = {
      consultation: { enabled: true },
      template: template ? { enabled: true, templateId: template.templateId } : { enabled: false, reason: 'no active template for messages by user id' },
      zns: !phones.enabled
        ? { enabled: false, reason: 'NOTIFY_PHONE_KEY is unset: phones are not kept' }
        : zns
          ? { enabled: true, templateId: zns.templateId }
          : { enabled: false, reason: 'no active ZNS template' },
    } satisfies Record<NoticeChannel, unknown>;
    return { steps, outbox: await repo.backlog() };
  }

  const router = createNotifyRouter({
    auth: deps.auth,
    service,
    repo,
    templates,
    survey,
    api,
    lookupDossier: deps.lookupDossier,
    provincePrefixes: config.provincePrefixes,
    tVi,
    portalUrl: config.ONESTOP_PORTAL_URL,
    status,
    endpoints: { template: `${(deps.apiBaseUrl ?? config.ZALO_API_BASE_URL).replace(/\/+$/, '')}/v3.0/oa/message/template`, zns: `${znsBaseUrl.replace(/\/+$/, '')}/message/template` },
    complaintSinkWired: deps.complaints !== undefined,
    consentOf: (userId) => phones.consent(userId),
    audit: deps.audit,
    logger,
    now,
  });

  let task: ScheduledTask | null = null;
  return {
    service,
    consent,
    survey,
    templates,
    phones,
    repo,
    router,
    status,
    start() {
      if (task) return;
      task = cron.schedule(
        '*/15 * * * * *',
        async () => {
          try {
            await service.processDue();
          } catch (err) {
            log.warn({ err: (err as Error).message }, 'notice outbox pass failed');
          }
        },
        { name: 'notice-outbox', noOverlap: true },
      );
    },
    async stop() {
      if (task) {
        await task.destroy();
        task = null;
      }
      await ledger.close();
    },
  };
}
