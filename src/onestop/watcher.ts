import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { Language, Translate } from '../dialogue/types.js';
import type { NoticePort, NoticeReceipt } from '../notify/types.js';
import type { Lock, Store } from '../store/ports.js';
import type { FollowRegistry, WatchSet } from './follows.js';
import { dossierNotice } from './notice.js';
import { FINAL_STATUSES, OnestopUnavailableError, type DossierLookupResult, type DossierStatus, type OnestopPort } from './types.js';

/**
 * Polls followed dossiers and hands notify/ one notice per follower and status change.
 *
 * Prompt where it matters: a dossier due soon (or overdue) or recently changed (or followed) is "hot" and polled
 * every `hotIntervalS`, so its change reaches the citizen within about that long; the others are polled every
 * `intervalS`. Every pass spends at most its share of `callsPerMinute` (one-stop calls, counted across
 * instances per minute), hot dossiers first, each set most overdue first. iGate's dossier search takes one code
 * per call (no batch look-up is documented, reference §2.4), so there is nothing to batch by agency: the budget
 * is the scheduler's only lever.
 *
 * Once across instances: each pass runs under a store lock. Exactly once per change: notify/ claims each notice
 * in the delivery ledger before sending, even if a lock expired mid-pass and two instances see the same change.
 */

export interface DossierWatcherOptions {
  port: OnestopPort;
  follows: FollowRegistry;
  store: Store;
  notices: NoticePort;
  tFor: (lng: Language) => Translate;
  logger: Logger;
  /** Poll interval of the other followed dossiers (DOSSIER_WATCH_INTERVAL_S). */
  intervalS: number;
  /** Poll interval of hot dossiers (DOSSIER_WATCH_HOT_INTERVAL_S), capped by intervalS. */
  hotIntervalS: number;
  /** One-stop calls per minute at most (DOSSIER_WATCH_CALLS_PER_MIN). */
  callsPerMinute: number;
  /** Changed or followed within this long: hot (DOSSIER_WATCH_RECENT_H). */
  recentMs: number;
  /** Due within this long, or overdue: hot (DOSSIER_WATCH_DUE_AHEAD_H). */
  dueAheadMs: number;
  /** How often a pass runs; default 5 s. */
  tickS?: number;
  /** One-stop calls in flight at once within a pass; default 4. */
  concurrency?: number;
  portalUrl?: string;
  now?: () => number;
  onNotice?: (state: NoticeReceipt['state']) => void;
}

const LOCK_KEY = 'dossier:watch:lock';
const LOCK_TTL_MS = 60_000;
const callsKey = (minute: number) => `dossier:watch:calls:${minute}`;
/** Statuses after which the appointment date no longer predicts a change soon. */
const NOT_DUE: ReadonlySet<DossierStatus> = new Set([...FINAL_STATUSES, 'co_ket_qua']);

/** A cron expression that fires every `s` seconds when the interval divides its unit; else every 10 s. */
export function cronForInterval(s: number): string {
  if (s < 60 && 60 % s === 0) return `*/${s} * * * * *`;
  if (s % 60 === 0 && s < 3600 && 60 % (s / 60) === 0) return `0 */${s / 60} * * * *`;
  if (s % 3600 === 0 && s < 86_400 && 24 % (s / 3600) === 0) return `0 0 */${s / 3600} * * *`;
  if (s === 86_400) return '0 0 0 * * *';
  // Other intervals: tick often; each dossier is still polled only when it is due.
  return '*/10 * * * * *';
}

/** A dossier overdue for longer than this is no longer expected to change any minute: polled at the normal interval. */
export const OVERDUE_HOT_MS = 7 * 86_400_000;

/** Hot: due within `dueAheadMs` (or overdue, up to a week) and still in progress, or changed/followed within `recentMs`. */
export function isHot(result: DossierLookupResult | null, lastChangeAt: number, now: number, opts: { recentMs: number; dueAheadMs: number }): boolean {
  if (now - lastChangeAt < opts.recentMs) return true;
  if (!result?.dueAt || NOT_DUE.has(result.status)) return false;
  const due = result.dueAt.getTime();
  return due <= now + opts.dueAheadMs && due >= now - OVERDUE_HOT_MS;
}

export interface PassReport {
  calls: number;
  hot: number;
  cold: number;
  notices: number;
  stoppedBy?: string;
}

export class DossierWatcher {
  private task: ScheduledTask | null = null;
  private running: Promise<PassReport> | null = null;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly tickMs: number;
  private readonly hotMs: number;
  private lastPassAt: number | null = null;

  constructor(private readonly opts: DossierWatcherOptions) {
    this.log = opts.logger.child({ module: 'dossier-watcher' });
    this.now = opts.now ?? Date.now;
    this.tickMs = (opts.tickS ?? 5) * 1000;
    this.hotMs = Math.min(opts.hotIntervalS, opts.intervalS) * 1000;
  }

  start(): void {
    if (this.task) return;
    this.task = cron.schedule(
      cronForInterval(this.opts.tickS ?? 5),
      async () => {
        try {
          await this.tick();
        } catch (err) {
          this.log.warn({ err: (err as Error).message }, 'dossier watch pass failed');
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
    await this.running?.catch(() => null);
  }

  /** One pass; returns how many notices reached the citizen. */
  async tick(): Promise<number> {
    return (await this.pass()).notices;
  }

  /** One pass under the lock: polls what is due within the budget and hands the changes to notify/. */
  async pass(): Promise<PassReport> {
    const lock = await this.opts.store.tryLock(LOCK_KEY, LOCK_TTL_MS);
    if (!lock) return { calls: 0, hot: 0, cold: 0, notices: 0, stoppedBy: 'locked' };
    const run = this.run(lock);
    this.running = run;
    try {
      return await run;
    } finally {
      this.running = null;
      await lock.release().catch(() => false);
    }
  }

  /** Calls this pass may make: its share of the minute's budget for the time since the last pass, never above what is left of the minute. */
  private async allowance(now: number): Promise<number> {
    const per = this.opts.callsPerMinute;
    const used = Number((await this.opts.store.get(callsKey(Math.floor(now / 60_000)))) ?? 0);
    const elapsed = this.lastPassAt === null ? this.tickMs : Math.min(60_000, Math.max(0, now - this.lastPassAt));
    this.lastPassAt = now;
    return Math.max(0, Math.min(Math.ceil((per * elapsed) / 60_000), per - used));
  }

  private async run(lock: Lock): Promise<PassReport> {
    const now = this.now();
    const allowance = await this.allowance(now);
    const hot = await this.opts.follows.dueCodes('hot', now, allowance);
    const cold = await this.opts.follows.dueCodes('cold', now, allowance - hot.length);
    const queue = [...hot, ...cold];
    const report: PassReport = { calls: 0, hot: hot.length, cold: cold.length, notices: 0 };
    const worker = async () => {
      for (let code = queue.shift(); code !== undefined && !report.stoppedBy; code = queue.shift()) {
        await lock.extend(LOCK_TTL_MS);
        report.calls++;
        await this.opts.store.incrBy(callsKey(Math.floor(this.now() / 60_000)), 1, 120_000);
        let result: DossierLookupResult | null;
        try {
          result = await this.opts.port.lookupDossier(code, undefined, { fresh: true });
        } catch (err) {
          if (!(err instanceof OnestopUnavailableError)) throw err;
          // The system is down: stop this pass; the remaining codes stay due for the next one.
          report.stoppedBy = err.reason;
          this.log.warn({ reason: err.reason }, 'one-stop unavailable: watch pass stopped');
          return;
        }
        report.notices += await this.handle(code, result);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.opts.concurrency ?? 4) }, worker));
    return report;
  }

  /** Hands each follower's change to notify/, records it as told, and schedules the next poll. */
  private async handle(code: string, result: DossierLookupResult | null): Promise<number> {
    const now = this.now();
    let notices = 0;
    let lastChange = 0;
    if (result) {
      for (const userId of await this.opts.follows.followersOf(code)) {
        const sub = await this.opts.follows.subscription(userId, code);
        if (!sub) continue;
        if (sub.status === result.status) {
          lastChange = Math.max(lastChange, sub.changedAt);
          continue;
        }
        const receipt = await this.opts.notices.deliver(dossierNotice(sub, result, this.opts.tFor, this.opts.portalUrl));
        this.opts.onNotice?.(receipt.state);
        if (receipt.state === 'sent') notices++;
        // notify/ owns the notice from here (retries, night holds): the change counts as told.
        await this.opts.follows.recordStatus(userId, code, result.status, now);
        if (FINAL_STATUSES.has(result.status)) await this.opts.follows.unfollow(userId, code, 'final');
        lastChange = now;
      }
    }
    const set: WatchSet = isHot(result, lastChange, now, this.opts) ? 'hot' : 'cold';
    // The others are polled a little before their interval ends (80–100 %): dossiers followed or polled together
    // (a restart, a backlog) drift apart instead of coming due in one burst every interval.
    const wait = set === 'hot' ? this.hotMs : this.opts.intervalS * 1000 * (0.8 + 0.2 * Math.random());
    await this.opts.follows.schedule(code, now + Math.round(wait), set);
    return notices;
  }
}
