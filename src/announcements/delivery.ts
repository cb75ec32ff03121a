import { createHash, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Store } from '../store/ports.js';
import { backoffDelay, sleep, type JobContext, type JobQueue } from '../store/queue.js';
import { ZaloApiError } from '../zalo/errors.js';
import type { StoreFollowerRegistry } from './followers.js';
import { RECONCILED_CHANNEL, type DeliveryLedger, type Outcome } from './ledger.js';
import { isQuiet, quietEndsAt, vnDay, type QuietHours } from './quiet-hours.js';
import type { AnnouncementRepository } from './repository.js';
import { DeliverySkipped, type Announcement, type AnnouncementChannel } from './types.js';

/**
 * Durable delivery of announcements. A "dispatch" job fans the audience out into "deliver" jobs of up to
 * `chunkSize` users each, saving a cursor after each fan-out step so that a crash resumes the fan-out;
 * queue job ids make a re-queued chunk harmless. Within a chunk every user is still claimed in the ledger
 * just before the send and settled just after, so a chunk re-run after a crash skips those settled and
 * never sends blindly to those caught mid-send. One queue job per user cost more than the send itself.
 */

export type AnnouncementJob =
  | { kind: 'dispatch'; id: string }
  /** `attempt`: the try these users are on (follow-ups of transient failures), 1 when absent. */
  | { kind: 'deliver'; id: string; userIds: string[]; attempt?: number }
  /** Checks the uncertain deliveries against the conversation history (`round` counts the tries). */
  | { kind: 'reconcile'; id: string; round: number };

export interface DeliveryOptions {
  quietHours: QuietHours | null;
  /** ANNOUNCEMENT_USER_DAILY_CAP; 0 = no cap. */
  dailyCap: number;
  /** Tries per delivery (the queue's `attempts`). */
  attempts: number;
  /** How long a claim may be left by a live worker before it is treated as left by a dead one. */
  pendingGraceMs: number;
  fanoutChunk?: number;
  /** Users per deliver job (default 100). */
  chunkSize?: number;
  /** Sends in flight at once in this instance (ANNOUNCEMENT_CONCURRENCY). */
  concurrency: number;
  /** Base delay before users whose send failed transiently are tried again; doubles per try. */
  backoffMs?: number;
  /** ANNOUNCEMENT_RATE_PER_S as a limit on sends across instances; absent = none. */
  rate?: { max: number; durationMs: number };
  now?: () => number;
}

export interface DeliveryDeps {
  store: Store;
  repo: AnnouncementRepository;
  followers: StoreFollowerRegistry;
  ledger: DeliveryLedger;
  channel: AnnouncementChannel;
  queue: JobQueue<AnnouncementJob>;
  logger: Logger;
  onOutcome?: (outcome: Outcome['counter']) => void;
}

/** Promotion messages are refused 22:00–06:00 whatever the configured quiet hours (Zalo -234). */
const ZALO_NIGHT: QuietHours = { start: 22, end: 6 };
const FANOUT_LOCK_TTL_MS = 30_000;
/** Reconciliation tries while Zalo's history cannot be read: after 10 s, then 3× longer each time (about 11 minutes in all). */
const RECONCILE_ROUNDS = 5;
const RECONCILE_FIRST_DELAY_MS = 10_000;
const CACHE_MS = 250;
const CAP_TTL_MS = 2 * 24 * 3600 * 1000;

export const DEFAULT_CHUNK_SIZE = 100;

/** The same users of the same announcement always make the same fan-out job id (a re-queued chunk is ignored). */
export const chunkJobId = (id: string, userIds: string[]) => `${id}:c:${createHash('sha1').update(userIds.join('\n')).digest('hex').slice(0, 20)}`;
const fanoutLock = (id: string) => `lock:ann:{${id}}:fanout`;

/** A FIFO limit on sends in flight, shared by all the chunks this instance runs. */
class SendSlots {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((r) => this.waiting.push(r));
    else this.active++;
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/** What one chunk leaves for later: users to run again at a time, users to try again after a transient failure. */
interface Leftovers {
  later: Map<number, string[]>;
  retry: string[];
}

interface Cached {
  a: Announcement | null;
  enqueued: number;
  at: number;
}

export class AnnouncementDelivery {
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly cache = new Map<string, Cached>();
  private readonly slots: SendSlots;
  private stopping = false;

  constructor(
    private readonly deps: DeliveryDeps,
    private readonly opts: DeliveryOptions,
  ) {
    this.log = deps.logger.child({ module: 'announcements' });
    this.now = opts.now ?? Date.now;
    this.slots = new SendSlots(Math.max(1, opts.concurrency));
  }

  /** Shutdown: chunks still running stop claiming users; the queue hands them back (the ledger skips the settled). */
  stop(): void {
    this.stopping = true;
  }

  /** The end of the quiet hours when they are on at `now`; null when sending is allowed. */
  quietUntil(now = this.now()): number | null {
    return isQuiet(this.opts.quietHours, now) ? quietEndsAt(this.opts.quietHours, now) : null;
  }

  /** Counts one announcement against the user's daily cap; false (and nothing counted) when it is used up. */
  async takeDailyCap(userId: string, now = this.now()): Promise<boolean> {
    if (this.opts.dailyCap <= 0) return true;
    const capKey = `cap:${userId}:${vnDay(now)}`;
    if ((await this.deps.store.incrBy(capKey, 1, CAP_TTL_MS)) <= this.opts.dailyCap) return true;
    await this.deps.store.incrBy(capKey, -1);
    return false;
  }

  /** Queues the fan-out now or at `sendAt`: a delayed job with a fixed id fires once across instances. */
  async schedule(a: Announcement): Promise<void> {
    const at = a.sendAt ?? this.now();
    await this.deps.queue.add({ id: `${a.id}:dispatch:${at}`, data: { kind: 'dispatch', id: a.id }, delayMs: Math.max(0, at - this.now()) });
  }

  handle = async (job: AnnouncementJob, ctx: JobContext): Promise<void> => {
    if (job.kind === 'dispatch') return this.dispatch(job.id);
    if (job.kind === 'reconcile') return this.reconcile(job.id, job.round);
    return this.deliverChunk(job.id, job.userIds, (job.attempt ?? 1) + ctx.attempt - 1);
  };

  private async announcement(id: string): Promise<Cached> {
    const hit = this.cache.get(id);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit;
    const [a, enqueued] = await Promise.all([this.deps.repo.get(id), this.deps.repo.field(id, 'enqueued')]);
    const fresh = { a, enqueued: Number(enqueued ?? 0), at: Date.now() };
    this.cache.set(id, fresh);
    if (this.cache.size > 100) this.cache.delete(this.cache.keys().next().value!);
    return fresh;
  }

  /** Fan-out: resumable (cursor = last user id queued, ids sorted), one instance at a time (a lock). */
  private async dispatch(id: string): Promise<void> {
    const lock = await this.deps.store.tryLock(fanoutLock(id), FANOUT_LOCK_TTL_MS);
    // Another instance is fanning out; if it died, its lock expires and the queue tries this job again.
    if (!lock) throw new Error(`fan-out of ${id} is running elsewhere`);
    try {
      const a = await this.deps.repo.get(id);
      if (!a || a.status === 'draft' || a.status === 'dry_run' || a.status === 'cancelled' || a.status === 'done') return;
      if ((await this.deps.repo.field(id, 'fanoutDone')) === '1') return void (await this.finishIfComplete(id));
      const now = this.now();
      if (isQuiet(this.opts.quietHours, now)) {
        const end = quietEndsAt(this.opts.quietHours, now);
        await this.deps.queue.add({ id: `${id}:dispatch:${end}`, data: { kind: 'dispatch', id }, delayMs: end - now });
        await this.deps.repo.update(id, { waitingUntil: String(end) });
        this.log.info({ announcement: id, until: new Date(end).toISOString() }, 'announcement waits for the end of quiet hours');
        return;
      }
      if (a.status !== 'sending') await this.deps.repo.update(id, { status: 'sending', startedAt: String(a.startedAt ?? now) });
      const ids = await this.deps.followers.resolve(a.audience);
      const cursor = await this.deps.repo.field(id, 'fanoutCursor');
      let enqueued = Number((await this.deps.repo.field(id, 'enqueued')) ?? 0);
      if (cursor === null) await this.deps.repo.update(id, { total: String(ids.length) });
      let start = cursor === null ? 0 : ids.findIndex((u) => u > cursor);
      if (start < 0) start = ids.length;
      const chunk = this.opts.fanoutChunk ?? 1000;
      for (let i = start; i < ids.length; i += chunk) {
        if ((await this.deps.repo.status(id)) === 'cancelled') return;
        const part = ids.slice(i, i + chunk);
        const size = Math.max(1, this.opts.chunkSize ?? DEFAULT_CHUNK_SIZE);
        const jobs = [];
        for (let k = 0; k < part.length; k += size) {
          const userIds = part.slice(k, k + size);
          jobs.push({ id: chunkJobId(id, userIds), data: { kind: 'deliver' as const, id, userIds } });
        }
        await this.deps.queue.addBulk(jobs);
        enqueued += part.length;
        // Cursor and count in one write: a crash before it re-queues the chunk (ignored ids), never counts it twice.
        await this.deps.repo.update(id, { fanoutCursor: part[part.length - 1]!, enqueued: String(enqueued) });
        await lock.extend(FANOUT_LOCK_TTL_MS);
      }
      await this.deps.repo.update(id, { fanoutDone: '1', total: String(enqueued) });
      this.log.info({ announcement: id, recipients: enqueued }, 'announcement fan-out finished');
      await this.finishIfComplete(id);
    } finally {
      await lock.release();
    }
  }

  private async finishIfComplete(id: string): Promise<void> {
    const [done, enqueued, processed, status] = await Promise.all([
      this.deps.repo.field(id, 'fanoutDone'),
      this.deps.repo.field(id, 'enqueued'),
      this.deps.repo.field(id, 'processed'),
      this.deps.repo.status(id),
    ]);
    if (done !== '1' || status !== 'sending' || Number(processed ?? 0) < Number(enqueued ?? 0)) return;
    // One write: a report read as "done" already says whether a reconciliation round is coming.
    const uncertain = Number((await this.deps.repo.field(id, 'uncertain')) ?? 0);
    await this.deps.repo.update(id, { status: 'done', finishedAt: String(this.now()), ...(uncertain > 0 ? { reconcileState: 'pending', reconcileRound: '1' } : {}) });
    this.cache.delete(id);
    this.log.info({ announcement: id, processed: Number(processed ?? 0), uncertain }, 'announcement delivered');
    if (uncertain > 0) await this.scheduleReconcile(id, 1);
  }

  /** Queues a reconciliation round: round 1 soon after the broadcast, later rounds further apart; `now` at once (staff asked). */
  async scheduleReconcile(id: string, round: number, now = false): Promise<void> {
    await this.deps.repo.update(id, { reconcileState: 'pending', reconcileRound: String(round) });
    const jobId = now ? `${id}:reconcile:now:${this.now()}` : `${id}:reconcile:${round}`;
    await this.deps.queue.add({ id: jobId, data: { kind: 'reconcile', id, round }, delayMs: now ? 0 : RECONCILE_FIRST_DELAY_MS * 3 ** (round - 1) });
  }

  /**
   * Settles the deliveries a crash left uncertain: each one is looked up in the user's conversation history;
   * found → sent; not found → sent once more (claimed again, so this too happens at most once). What Zalo
   * cannot be asked about stays uncertain for the next round; after the last one the report says so.
   */
  private async reconcile(id: string, round: number): Promise<void> {
    const a = await this.deps.repo.get(id);
    if (!a) return;
    const channel = this.deps.channel;
    if (!channel.wasDelivered) return void (await this.deps.repo.update(id, { reconcileState: 'impossible', reconcileReason: 'this delivery channel cannot read the conversation history' }));
    if (isQuiet(this.opts.quietHours, this.now())) {
      const end = quietEndsAt(this.opts.quietHours, this.now());
      return void (await this.deps.queue.add({ id: `${id}:reconcile:${round}:${end}`, data: { kind: 'reconcile', id, round }, delayMs: end - this.now() }));
    }
    const left: Leftovers = { later: new Map(), retry: [] };
    let unknown = 0;
    const pending = await this.deps.ledger.uncertain(id, 100_000);
    await Promise.all(
      pending.map(({ userId, since }) =>
        this.slots.run(async () => {
          const delivered = await channel.wasDelivered!(userId, a, since);
          if (delivered === null) return void unknown++;
          if (delivered) {
            if (await this.deps.ledger.resolveUncertain(id, userId)) this.deps.onOutcome?.('sent');
            return;
          }
          if (await this.deps.ledger.reopenUncertain(id, userId, this.now())) await this.send(id, userId, a, this.now(), 2, left, 0);
        }),
      ),
    );
    for (const [at, users] of left.later) await this.requeue(id, users, at, 2);
    if (left.retry.length > 0) await this.requeue(id, left.retry, this.now() + backoffDelay(this.opts.backoffMs ?? 1000, 2), 3);
    const stamp = { reconcileRound: String(round), reconciledAt: String(this.now()) };
    this.log.info({ announcement: id, round, checked: pending.length, unknown }, 'uncertain deliveries reconciled against the conversation history');
    if (unknown === 0) return void (await this.deps.repo.update(id, { ...stamp, reconcileState: 'done', reconcileReason: '' }));
    if (round < RECONCILE_ROUNDS) {
      await this.deps.repo.update(id, { ...stamp, reconcileReason: 'Zalo conversation history could not be read' });
      return this.scheduleReconcile(id, round + 1);
    }
    await this.deps.repo.update(id, { ...stamp, reconcileState: 'gave_up', reconcileReason: `Zalo conversation history could not be read in ${RECONCILE_ROUNDS} rounds` });
    this.log.warn({ announcement: id, uncertain: unknown }, 'uncertain deliveries left: Zalo could not be asked');
  }

  private async settle(id: string, userId: string, outcome: Outcome, enqueuedHint: number): Promise<void> {
    const processed = await this.deps.ledger.settle(id, userId, outcome);
    if (processed === null) return;
    this.deps.onOutcome?.(outcome.counter);
    if (processed >= enqueuedHint) await this.finishIfComplete(id);
  }

  /**
   * One chunk: every user through the instance's send slots, in order. Users left for later (quiet hours,
   * a claim still fresh, a transient failure) go into new jobs before this one completes, so a crash
   * before that point re-runs the chunk instead of losing them.
   */
  private async deliverChunk(id: string, userIds: string[], attempt: number): Promise<void> {
    const left: Leftovers = { later: new Map(), retry: [] };
    const results = await Promise.allSettled(userIds.map((userId) => this.slots.run(() => this.deliver(id, userId, attempt, left))));
    for (const [at, users] of left.later) await this.requeue(id, users, at, attempt);
    if (left.retry.length > 0) await this.requeue(id, left.retry, this.now() + backoffDelay(this.opts.backoffMs ?? 1000, attempt), attempt + 1);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    // The store failed under a user: the queue runs the whole chunk again; its settled users are skipped.
    if (failed) throw failed.reason;
  }

  /** Leftovers get fresh job ids: two runs of one chunk may both requeue a user, and the ledger makes that harmless. */
  private async requeue(id: string, userIds: string[], at: number, attempt: number): Promise<void> {
    const data: AnnouncementJob = { kind: 'deliver', id, userIds, ...(attempt > 1 ? { attempt } : {}) };
    await this.deps.queue.add({ id: `${id}:l:${randomUUID()}`, data, delayMs: Math.max(1, at - this.now()) });
  }

  private async sendSlot(): Promise<void> {
    const rate = this.opts.rate;
    if (!rate) return;
    for (;;) {
      const wait = await this.deps.ledger.takeSendSlot(rate.max, rate.durationMs);
      if (wait === 0) return;
      await sleep(wait);
    }
  }

  private laterFor(left: Leftovers, at: number, userId: string): void {
    const list = left.later.get(at);
    if (list) list.push(userId);
    else left.later.set(at, [userId]);
  }

  private async deliver(id: string, userId: string, attempt: number, left: Leftovers): Promise<void> {
    let { a, enqueued } = await this.announcement(id);
    if (!a) return;
    if (a.status === 'cancelled') return this.settle(id, userId, { counter: 'cancelled' }, enqueued);
    // Shutting down: users not yet claimed stay unclaimed, and the failed chunk goes back to the queue.
    if (this.stopping) throw new Error('announcement delivery is stopping');
    if (isQuiet(this.opts.quietHours, this.now())) return this.laterFor(left, quietEndsAt(this.opts.quietHours, this.now()), userId);
    if (this.opts.rate) {
      await this.sendSlot();
      // A cancel may have landed while this send waited for its turn.
      ({ a, enqueued } = await this.announcement(id));
      if (!a) return;
      if (a.status === 'cancelled') return this.settle(id, userId, { counter: 'cancelled' }, enqueued);
    }
    const now = this.now();

    const claim = await this.deps.ledger.claim(id, userId, now);
    if (claim.state === 'settled') return;
    if (claim.state === 'pending') {
      // Claimed earlier and never settled: either a worker is still on it, or one died mid-send.
      const age = now - claim.since;
      if (age < this.opts.pendingGraceMs) return this.laterFor(left, claim.since + this.opts.pendingGraceMs, userId);
      const delivered = this.deps.channel.wasDelivered ? await this.deps.channel.wasDelivered(userId, a, claim.since) : null;
      if (delivered === null) return this.settle(id, userId, { counter: 'uncertain', since: claim.since }, enqueued);
      if (delivered) return this.settle(id, userId, { counter: 'sent', messageId: RECONCILED_CHANNEL, channel: RECONCILED_CHANNEL }, enqueued);
      await this.deps.ledger.release(id, userId);
      const again = await this.deps.ledger.claim(id, userId, now);
      if (again.state !== 'retry') return;
    } else if (claim.state === 'fresh' && !(await this.takeDailyCap(userId, now))) {
      return this.settle(id, userId, { counter: 'skipped', reason: 'daily_cap' }, enqueued);
    }

    return this.send(id, userId, a, now, attempt, left, enqueued);
  }

  /** Sends to a user whose claim this run holds, and settles the outcome (or leaves the user for a retry). */
  private async send(id: string, userId: string, a: Announcement, now: number, attempt: number, left: Leftovers, enqueued: number): Promise<void> {
    try {
      const { messageId, channel } = await this.deps.channel.send(userId, a);
      return this.settle(id, userId, { counter: 'sent', messageId, channel }, enqueued);
    } catch (err) {
      if (err instanceof DeliverySkipped) return this.settle(id, userId, { counter: 'skipped', reason: err.reason }, enqueued);
      if (!(err instanceof ZaloApiError)) {
        // Not a platform answer (a bug or the store): the message did not leave; try again.
        await this.deps.ledger.release(id, userId);
        if (attempt < this.opts.attempts) return void left.retry.push(userId);
        this.log.error({ announcement: id, err: (err as Error)?.message }, 'announcement delivery failed for good');
        return this.settle(id, userId, { counter: 'failed', code: 'internal' }, enqueued);
      }
      if (err.code === -234) {
        await this.deps.ledger.release(id, userId);
        return this.laterFor(left, quietEndsAt(ZALO_NIGHT, now), userId);
      }
      const retryable = err.kind === 'transient' || err.kind === 'token';
      if (retryable && attempt < this.opts.attempts) {
        // A timeout may have reached Zalo: keep the claim so the retry asks before sending again.
        if (err.source !== 'timeout') await this.deps.ledger.release(id, userId);
        return void left.retry.push(userId);
      }
      return this.settle(id, userId, { counter: 'failed', code: err.label }, enqueued);
    }
  }

  async cancel(id: string): Promise<void> {
    await this.deps.repo.update(id, { status: 'cancelled', cancelledAt: String(this.now()) });
    this.cache.delete(id);
  }
}
