import type { Router } from 'express';
import { schedule as scheduleCron, validate as validCron, type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import { Counter } from 'prom-client';
import type { AuditLog } from '../admin/audit.js';
import type { Auth } from '../admin/auth.js';
import type { UserDirectory } from '../admin/users.js';
import type { Config } from '../config.js';
import type { Metrics } from '../observability/metrics.js';
import { createQueue } from '../store/create-queue.js';
import type { Store } from '../store/ports.js';
import type { JobQueue } from '../store/queue.js';
import type { ZaloClient } from '../zalo/client.js';
import type { ReplyWindowTracker } from '../zalo/reply-window.js';
import { AnnouncementDelivery, DEFAULT_CHUNK_SIZE, type AnnouncementJob } from './delivery.js';
import { StoreFollowerRegistry } from './followers.js';
import { createDeliveryLedger } from './ledger.js';
import { createOaChannel, type RecentMessage } from './oa-channel.js';
import { AnnouncementRepository } from './repository.js';
import { createAnnouncementsRouter } from './routes.js';
import type { AnnouncementChannel } from './types.js';

export interface AnnouncementsDeps {
  config: Config;
  store: Store;
  logger: Logger;
  zalo: ZaloClient;
  replyWindow: ReplyWindowTracker;
  auth: Auth;
  /** The console's audit log: every change made through this module's API is recorded. */
  audit: AuditLog;
  /** Console accounts and their registered test recipients. */
  users: Pick<UserDirectory, 'get' | 'testRecipients'>;
  metrics?: Metrics;
  /** REDIS_URL: a durable queue and an atomic delivery ledger; unset means in-process (one instance). */
  redisUrl?: string;
  /** Another delivery channel (templates, tests); default the OA endpoints per ANNOUNCEMENT_CHANNEL. */
  channel?: AnnouncementChannel;
  /** Settles sends a crash interrupted (see OaChannelOptions.recentMessages). */
  recentMessages?: (userId: string) => Promise<RecentMessage[] | null>;
  /** Clock for quiet hours, caps and schedules (tests). */
  now?: () => number;
  /** Delivery tuning (tests, benchmarks). */
  tuning?: { attempts?: number; backoffMs?: number; pendingGraceMs?: number; lockDurationMs?: number; fanoutChunk?: number; chunkSize?: number };
}

export interface AnnouncementsModule {
  router: Router;
  followers: StoreFollowerRegistry;
  repo: AnnouncementRepository;
  delivery: AnnouncementDelivery;
  queue: JobQueue<AnnouncementJob>;
  /** Starts the delivery workers and the follower sync schedule. */
  start(): void;
  stop(): Promise<void>;
}

const SYNC_SLOT_TTL_MS = 24 * 3600 * 1000;

/** Followers, announcements API, durable delivery and the follower sync schedule, wired from config. */
export function createAnnouncementsModule(deps: AnnouncementsDeps): AnnouncementsModule {
  const { config, store, logger } = deps;
  const log = logger.child({ module: 'announcements' });
  const now = deps.now ?? Date.now;
  const tuning = deps.tuning ?? {};
  const attempts = tuning.attempts ?? 5;
  const chunkSize = Math.max(1, tuning.chunkSize ?? DEFAULT_CHUNK_SIZE);
  // ANNOUNCEMENT_CONCURRENCY counts sends in flight (the delivery's slots); a deliver job holds up to
  // chunkSize users, so a few jobs at once keep the slots busy while the next chunk is fetched.
  const jobsAtOnce = Math.ceil(config.ANNOUNCEMENT_CONCURRENCY / chunkSize) + 1;

  const repo = new AnnouncementRepository(store);
  const followers = new StoreFollowerRegistry(store, logger, (q) => deps.zalo.getFollowers(q));
  const ledger = createDeliveryLedger({ store, redisUrl: deps.redisUrl, prefix: config.REDIS_PREFIX });
  const channel =
    deps.channel ??
    createOaChannel({
      zalo: deps.zalo,
      replyWindow: deps.replyWindow,
      mode: config.ANNOUNCEMENT_CHANNEL,
      limits: { textMaxChars: config.ZALO_TEXT_MAX_CHARS, buttonTitleMax: config.ZALO_BUTTON_TITLE_MAX, maxButtons: config.ZALO_MAX_BUTTONS },
      logger,
      recentMessages: deps.recentMessages,
      now,
    });
  const queue = createQueue<AnnouncementJob>({
    redisUrl: deps.redisUrl,
    prefix: config.REDIS_PREFIX,
    logger,
    options: {
      name: 'announcements',
      concurrency: jobsAtOnce,
      attempts,
      backoffMs: tuning.backoffMs ?? 1000,
      partitions: 1,
      // The rate limit counts sends, not jobs: the delivery applies it (ANNOUNCEMENT_RATE_PER_S).
      lockDurationMs: tuning.lockDurationMs ?? Math.max(5000, config.QUEUE_STALLED_INTERVAL_MS),
      stalledIntervalMs: config.QUEUE_STALLED_INTERVAL_MS,
    },
  });

  const outcomes = deps.metrics
    ? new Counter({ name: 'announcement_deliveries_total', help: 'Announcement deliveries settled, by outcome', labelNames: ['outcome'] as const, registers: [deps.metrics.registry] })
    : undefined;

  const delivery = new AnnouncementDelivery(
    { store, repo, followers, ledger, channel, queue, logger, onOutcome: (o) => outcomes?.inc({ outcome: o }) },
    {
      quietHours: config.quietHours,
      dailyCap: config.ANNOUNCEMENT_USER_DAILY_CAP,
      attempts,
      // Longer than a send can take with the client's own retries, so a live worker is never second-guessed.
      pendingGraceMs: tuning.pendingGraceMs ?? Math.max(30_000, 4 * config.ZALO_REQUEST_TIMEOUT_MS),
      fanoutChunk: tuning.fanoutChunk,
      chunkSize,
      concurrency: config.ANNOUNCEMENT_CONCURRENCY,
      backoffMs: tuning.backoffMs ?? 1000,
      rate: config.ANNOUNCEMENT_RATE_PER_S > 0 ? { max: config.ANNOUNCEMENT_RATE_PER_S, durationMs: 1000 } : undefined,
      now,
    },
  );

  const syncFollowers = () => followers.sync(now);
  const router = createAnnouncementsRouter({ auth: deps.auth, repo, delivery, followers, channel, logger, now, syncFollowers, audit: deps.audit, users: deps.users });

  let cron: ScheduledTask | undefined;
  return {
    router,
    followers,
    repo,
    delivery,
    queue,
    start() {
      queue.start(delivery.handle);
      if (!validCron(config.FOLLOWER_SYNC_CRON)) {
        log.error({ cron: config.FOLLOWER_SYNC_CRON }, 'FOLLOWER_SYNC_CRON is not a valid cron expression: scheduled follower sync is off');
        return;
      }
      cron = scheduleCron(
        config.FOLLOWER_SYNC_CRON,
        async () => {
          // Every instance's timer fires; the first to claim this minute runs the sync.
          const slot = `followers:sync:slot:${Math.floor(Date.now() / 60_000)}`;
          if (!(await store.setIfAbsent(slot, '1', SYNC_SLOT_TTL_MS))) return;
          await syncFollowers().catch((err: Error) => log.warn({ err: err.message }, 'scheduled follower sync failed'));
        },
        { timezone: 'Asia/Ho_Chi_Minh', noOverlap: true, name: 'follower-sync' },
      );
    },
    async stop() {
      await cron?.stop();
      cron = undefined;
      delivery.stop();
      await queue.close();
      await ledger.close();
    },
  };
}
