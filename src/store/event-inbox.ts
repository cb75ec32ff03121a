import type { Logger } from 'pino';
import type { Lock, Store } from './ports.js';
import type { JobQueue, QueueJob } from './queue.js';

/** Where accepted events wait for the forwarder; the hash tag keeps every key of the inbox in one Cluster slot. */
const KEYS = {
  inbox: '{inbox}:pending',
  taken: '{inbox}:taken',
  mark: (id: string) => `{inbox}:seen:${id}`,
  leader: 'inbox:forwarder',
} as const;

export interface EventInboxOptions {
  /** Jobs moved to the queue per round trip. */
  batchSize?: number;
  /** How often the forwarder looks for events accepted by other instances. */
  pollMs?: number;
  /**
   * Forwarder leadership lease: only one instance forwards at a time, so events keep their order. The leader
   * renews it as it goes and releases it on shutdown; a crashed leader's lease runs out after this long.
   */
  leaseMs?: number;
  /** Pause after a failed round trip (store or queue unreachable). */
  retryMs?: number;
}

/**
 * The webhook's acknowledgement path in one atomic store operation: mark the event as seen (the dedupe key,
 * with its TTL) and append it to a durable inbox, or do nothing when it was seen before. A forwarder, one at
 * a time across instances, then moves the inbox in order and in batches to the job queue. One round trip per
 * acknowledgement instead of two (set-if-absent, then the queue's own multi-key insert) is what keeps the
 * webhook's latency tail short under load.
 *
 * A batch is copied to a "taken" list before it is queued and dropped only after, so a forwarder that dies
 * mid-batch leaves it for the next one; re-queueing is harmless because the queue ignores a job id it has
 * seen (the same identity the dedupe key uses).
 */
export class EventInbox<T> {
  private readonly batchSize: number;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly retryMs: number;
  private stopped = false;
  private running?: Promise<void>;
  private wake?: () => void;

  constructor(
    private readonly store: Store,
    private readonly queue: JobQueue<T>,
    private readonly logger: Logger,
    options: EventInboxOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 100;
    this.pollMs = options.pollMs ?? 50;
    this.leaseMs = options.leaseMs ?? 5000;
    this.retryMs = options.retryMs ?? 1000;
  }

  /**
   * Durably accepts a job unless its id was accepted within `dedupeTtlMs`. Resolves true when accepted, false
   * for a duplicate; rejects (StoreUnavailableError) when the store cannot be reached, and then nothing is kept.
   */
  async accept(job: QueueJob<T>, dedupeTtlMs: number): Promise<boolean> {
    const payload = JSON.stringify({ id: job.id, orderKey: job.orderKey, data: job.data });
    const accepted = await this.store.setIfAbsentAndAppend(KEYS.mark(job.id), '1', dedupeTtlMs, KEYS.inbox, payload);
    if (accepted) this.wake?.();
    return accepted;
  }

  /** Accepted events not yet in the queue. */
  async backlog(): Promise<number> {
    const [pending, taken] = await Promise.all([this.store.llen(KEYS.inbox), this.store.llen(KEYS.taken)]);
    return pending + taken;
  }

  start(): void {
    if (this.running) throw new Error('event inbox already started');
    this.running = this.lead();
  }

  /** Stops forwarding after the batch in hand; what is still in the inbox stays there for the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
  }

  /** Waits `ms`, or less when stopping or, for the leader waiting on an empty inbox, when this instance accepts an event. */
  private idle(ms: number, wakeOnAccept = false): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = wakeOnAccept ? done : () => (this.stopped ? done() : undefined);
    });
  }

  private async lead(): Promise<void> {
    while (!this.stopped) {
      let lease: Lock | null;
      const asked = Date.now();
      try {
        lease = await this.store.tryLock(KEYS.leader, this.leaseMs);
      } catch (err) {
        this.logger.warn({ err: (err as Error).message }, 'event inbox: store unreachable, forwarding paused');
        await this.idle(this.retryMs);
        continue;
      }
      if (!lease) {
        // Another instance forwards; take over within a second of its lease running out.
        await this.idle(Math.min(this.leaseMs / 3, 1000));
        continue;
      }
      this.logger.info({ leaseMs: this.leaseMs }, 'event inbox: forwarder lease taken');
      try {
        await this.forward(lease, asked + this.leaseMs);
      } finally {
        await lease.release().catch(() => undefined);
      }
    }
  }

  /**
   * Forwards batches while this instance holds the lease, renewing it every third of its length. `validUntil`
   * is counted from before the store was asked, so it errs early: the parked batch is only dropped while the
   * lease is surely still ours, never after another instance may have taken it (and the batch) over.
   */
  private async forward(lease: Lock, validUntil: number): Promise<void> {
    const margin = this.leaseMs / 5;
    while (!this.stopped) {
      try {
        if (validUntil - Date.now() < (this.leaseMs * 2) / 3) {
          const asked = Date.now();
          if (!(await lease.extend(this.leaseMs))) return;
          validUntil = asked + this.leaseMs;
        }
        const batch = await this.store.takeBatch(KEYS.inbox, KEYS.taken, this.batchSize);
        if (batch.length === 0) {
          await this.idle(this.pollMs, true);
          continue;
        }
        await this.queue.addBulk(batch.flatMap((item) => this.parse(item)));
        if (Date.now() > validUntil - margin) {
          this.logger.warn('event inbox: forwarding took longer than the lease; the batch is left for the next leader (the queue ignores the copies)');
          return;
        }
        await this.store.del(KEYS.taken);
      } catch (err) {
        this.logger.warn({ err: (err as Error).message }, 'event inbox: forwarding failed; will try again');
        await this.idle(this.retryMs);
      }
    }
  }

  private parse(item: string): QueueJob<T>[] {
    try {
      const job = JSON.parse(item) as QueueJob<T>;
      if (typeof job?.id === 'string') return [job];
    } catch {
      // fall through: an item this code did not write cannot be queued, and must not block the ones behind it
    }
    this.logger.error({ length: item.length }, 'event inbox: dropped an item that is not a queued job');
    return [];
  }
}
