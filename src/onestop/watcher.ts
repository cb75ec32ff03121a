import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { Language, Reply, Translate } from '../dialogue/types.js';
import type { Lock, Store } from '../store/ports.js';
import type { FollowRegistry, Subscription } from './follows.js';
import { renderStatusNotice } from './render.js';
import { FINAL_STATUSES, OnestopUnavailableError, type DossierLookupResult, type OnestopPort } from './types.js';

/**
 * Polls followed dossiers and tells each follower once about each status change.
 *
 * Once across instances: each tick runs under a store lock, and only codes not polled for a whole
 * interval are taken (bounded batches). Exactly once per change: before sending, the instance claims the
 * transition "user, code, stored status and its time → new status" with SET NX; only the winner sends,
 * even if a lock expired mid-tick and two instances see the same change.
 */

export interface NoticeSender {
  sendReply(userId: string, reply: Reply): Promise<{ messageIds: string[] }>;
}

export interface NoticeWindow {
  canReply(userId: string, now?: number): Promise<{ allowed: boolean; reason?: string }>;
  recordReply(userId: string, at?: number): Promise<void>;
}

export interface DossierWatcherOptions {
  port: OnestopPort;
  follows: FollowRegistry;
  store: Store;
  sender: NoticeSender;
  replyWindow: NoticeWindow;
  tFor: (lng: Language) => Translate;
  logger: Logger;
  intervalS: number;
  /** Codes polled per tick at most. */
  batchSize?: number;
  portalUrl?: string;
  now?: () => number;
  onNotice?: (outcome: 'sent' | 'undelivered' | 'failed') => void;
}

export const UNDELIVERED_KEY = 'dossier:undelivered';
const LOCK_KEY = 'dossier:watch:lock';
const CLAIM_TTL_MS = 30 * 24 * 3600_000;
const STALE_CLAIM_MS = 5 * 60_000;

/** A cron expression that fires every `s` seconds when the interval divides its unit; else every 10 s. */
export function cronForInterval(s: number): string {
  if (s < 60 && 60 % s === 0) return `*/${s} * * * * *`;
  if (s % 60 === 0 && s < 3600 && 60 % (s / 60) === 0) return `0 */${s / 60} * * * *`;
  if (s % 3600 === 0 && s < 86_400 && 24 % (s / 3600) === 0) return `0 0 */${s / 3600} * * *`;
  if (s === 86_400) return '0 0 0 * * *';
  // Other intervals: tick often; each dossier is still polled only once per interval (see dueCodes).
  return '*/10 * * * * *';
}

export class DossierWatcher {
  private task: ScheduledTask | null = null;
  private running: Promise<number> | null = null;
  private readonly log: Logger;
  private readonly now: () => number;

  constructor(private readonly opts: DossierWatcherOptions) {
    this.log = opts.logger.child({ module: 'dossier-watcher' });
    this.now = opts.now ?? Date.now;
  }

  start(): void {
    if (this.task) return;
    this.task = cron.schedule(
      cronForInterval(this.opts.intervalS),
      async () => {
        try {
          await this.tick();
        } catch (err) {
          this.log.warn({ err: (err as Error).message }, 'dossier watch tick failed');
        }
      },
      { name: 'dossier-watch', noOverlap: true },
    );
  }

  async stop(): Promise<void> {
    if (this.task) {
      await this.task.destroy();
      this.task = null;
    }
    await this.running?.catch(() => 0);
  }

  /** One pass: polls due followed dossiers and sends the notices; returns how many were sent. */
  async tick(): Promise<number> {
    const intervalMs = this.opts.intervalS * 1000;
    const lock = await this.opts.store.tryLock(LOCK_KEY, Math.max(intervalMs, 60_000));
    if (!lock) return 0;
    const run = this.pass(lock, intervalMs);
    this.running = run;
    try {
      return await run;
    } finally {
      this.running = null;
      await lock.release().catch(() => false);
    }
  }

  private async pass(lock: Lock, intervalMs: number): Promise<number> {
    const started = this.now();
    const batch = this.opts.batchSize ?? 50;
    // Codes polled at least an interval ago; a small slack so a tick a moment early still finds them.
    const codes = await this.opts.follows.dueCodes(started - intervalMs + 1000, batch);
    let sent = 0;
    for (const code of codes) {
      await lock.extend(Math.max(intervalMs, 60_000));
      let result: DossierLookupResult | null;
      try {
        result = await this.opts.port.lookupDossier(code, undefined, { fresh: true });
      } catch (err) {
        if (err instanceof OnestopUnavailableError) {
          // The system is down: stop this pass, the remaining codes stay due for the next tick.
          this.log.warn({ reason: err.reason }, 'one-stop unavailable: watch pass stopped');
          break;
        }
        throw err;
      }
      await this.opts.follows.markPolled(code, this.now());
      if (!result) continue;
      for (const userId of await this.opts.follows.followersOf(code)) {
        const sub = await this.opts.follows.subscription(userId, code);
        if (!sub) continue;
        if (sub.status === result.status) continue;
        if (await this.notify(sub, result)) sent += 1;
      }
    }
    return sent;
  }

  private claimKey(sub: Subscription, result: DossierLookupResult): string {
    return `dossier:notice:${sub.userId}:${sub.code}:${sub.status || 'none'}:${sub.changedAt}:${result.status}`;
  }

  /** Claims the change, then sends (or records it undelivered). True when a message went out. */
  private async notify(sub: Subscription, result: DossierLookupResult): Promise<boolean> {
    const claim = this.claimKey(sub, result);
    const at = this.now();
    const won = await this.opts.store.setIfAbsent(claim, String(at), CLAIM_TTL_MS);
    if (!won) {
      // Another instance owns this change. If it died before recording it, move on without a second notice.
      const claimedAt = Number((await this.opts.store.get(claim)) ?? at);
      if (at - claimedAt > STALE_CLAIM_MS) await this.opts.follows.recordStatus(sub.userId, sub.code, result.status, at);
      return false;
    }
    const final = FINAL_STATUSES.has(result.status);
    const t = this.opts.tFor(sub.language);
    const reply = renderStatusNotice(result, t, { portalUrl: this.opts.portalUrl, following: true });
    let delivered = false;
    const window = await this.opts.replyWindow.canReply(sub.userId, at);
    if (window.allowed) {
      try {
        await this.opts.sender.sendReply(sub.userId, reply);
        await this.opts.replyWindow.recordReply(sub.userId, at);
        delivered = true;
      } catch (err) {
        const kind = (err as { kind?: string }).kind;
        if (kind === 'transient' || kind === 'token') {
          // Give the change back so the next tick tries again.
          await this.opts.store.del(claim);
          this.opts.onNotice?.('failed');
          this.log.warn({ kind }, 'status notice not sent; will retry next tick');
          return false;
        }
      }
    }
    if (!delivered) {
      await this.opts.store.lpushCapped(UNDELIVERED_KEY, JSON.stringify({ userId: sub.userId, code: sub.code, status: result.status, at, reason: window.allowed ? 'rejected' : (window.reason ?? 'window_closed') }), 1000);
      this.opts.onNotice?.('undelivered');
    } else {
      this.opts.onNotice?.('sent');
    }
    await this.opts.follows.recordStatus(sub.userId, sub.code, result.status, at);
    if (final) await this.opts.follows.unfollow(sub.userId, sub.code);
    return delivered;
  }
}
