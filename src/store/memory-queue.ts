import type { Logger } from 'pino';
import {
  DEFAULT_ATTEMPTS,
  DEFAULT_BACKOFF_MS,
  PermanentJobError,
  backoffDelay,
  sleep,
  type JobContext,
  type JobQueue,
  type JobQueueOptions,
  type QueueJob,
} from './queue.js';

/** How long a finished job id keeps deduplicating re-adds (as with BullMQ's removeOnComplete age). */
const FINISHED_ID_TTL_MS = 600 * 1000;

/** Sliding-window limiter shared by the in-process queue's runners. */
class SlidingWindow {
  private readonly starts: number[] = [];
  constructor(private readonly max: number, private readonly durationMs: number) {}

  /** Milliseconds to wait before a slot frees; 0 when a slot was taken. */
  take(now: number): number {
    while (this.starts.length > 0 && this.starts[0]! <= now - this.durationMs) this.starts.shift();
    if (this.starts.length < this.max) {
      this.starts.push(now);
      return 0;
    }
    return Math.max(1, this.starts[0]! + this.durationMs - now);
  }
}

/**
 * In-process queue for the embedded default: nothing survives a restart. Jobs of one orderKey form a
 * serial chain (a retry keeps its place at the head of the chain), other jobs run up to `concurrency` at once.
 */
export class MemoryQueue<T> implements JobQueue<T> {
  private readonly waiting: QueueJob<T>[] = [];
  private readonly delayed = new Map<string, { job: QueueJob<T>; timer: NodeJS.Timeout }>();
  /** Job ids still queued or running (value 0) or finished (value = finish time). */
  private readonly seen = new Map<string, number>();
  private readonly busyKeys = new Set<string>();
  private readonly running = new Set<Promise<void>>();
  private readonly stopping = new AbortController();
  private readonly limiter?: SlidingWindow;
  private readonly attempts: number;
  private readonly backoffMs: number;
  private handler?: (data: T, ctx: JobContext) => Promise<void>;
  private paused = false;
  private closed = false;
  private lastPrune = Date.now();

  constructor(private readonly options: JobQueueOptions, private readonly logger?: Logger) {
    this.attempts = Math.max(1, options.attempts ?? DEFAULT_ATTEMPTS);
    this.backoffMs = options.backoffMs ?? DEFAULT_BACKOFF_MS;
    if (options.rateLimit) this.limiter = new SlidingWindow(options.rateLimit.max, options.rateLimit.durationMs);
  }

  async add(job: QueueJob<T>): Promise<void> {
    if (this.closed) throw new Error(`queue ${this.options.name} is closed`);
    this.pruneSeen();
    if (this.seen.has(job.id)) return;
    this.seen.set(job.id, 0);
    if (job.delayMs && job.delayMs > 0) {
      const timer = setTimeout(() => {
        this.delayed.delete(job.id);
        this.waiting.push(job);
        this.pump();
      }, job.delayMs);
      this.delayed.set(job.id, { job, timer });
      return;
    }
    this.waiting.push(job);
    this.pump();
  }

  async addBulk(jobs: QueueJob<T>[]): Promise<void> {
    for (const job of jobs) await this.add(job);
  }

  start(handler: (data: T, ctx: JobContext) => Promise<void>): void {
    if (this.handler) throw new Error(`queue ${this.options.name} already started`);
    this.handler = handler;
    this.pump();
  }

  async depth(): Promise<number> {
    return this.waiting.length + this.delayed.size + this.running.size;
  }

  async pause(): Promise<void> {
    this.paused = true;
  }

  async resume(): Promise<void> {
    this.paused = false;
    this.pump();
  }

  async removeWhere(predicate: (data: T) => boolean): Promise<number> {
    let removed = 0;
    for (let i = this.waiting.length - 1; i >= 0; i--) {
      const job = this.waiting[i]!;
      if (predicate(job.data)) {
        this.waiting.splice(i, 1);
        this.seen.delete(job.id);
        removed++;
      }
    }
    for (const [id, { job, timer }] of this.delayed) {
      if (predicate(job.data)) {
        clearTimeout(timer);
        this.delayed.delete(id);
        this.seen.delete(id);
        removed++;
      }
    }
    return removed;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopping.abort();
    for (const { timer } of this.delayed.values()) clearTimeout(timer);
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private pruneSeen(): void {
    const now = Date.now();
    if (now - this.lastPrune < 60_000) return;
    this.lastPrune = now;
    for (const [id, finishedAt] of this.seen) if (finishedAt > 0 && finishedAt < now - FINISHED_ID_TTL_MS) this.seen.delete(id);
  }

  private pump(): void {
    if (!this.handler || this.paused || this.closed) return;
    for (let i = 0; i < this.waiting.length && this.running.size < this.options.concurrency; ) {
      const job = this.waiting[i]!;
      if (job.orderKey !== undefined && this.busyKeys.has(job.orderKey)) {
        i++;
        continue;
      }
      this.waiting.splice(i, 1);
      if (job.orderKey !== undefined) this.busyKeys.add(job.orderKey);
      const run = this.run(job).finally(() => {
        this.running.delete(run);
        if (job.orderKey !== undefined) this.busyKeys.delete(job.orderKey);
        this.seen.set(job.id, Date.now());
        this.pump();
      });
      this.running.add(run);
    }
  }

  private async waitForRateSlot(): Promise<void> {
    if (!this.limiter) return;
    for (;;) {
      const wait = this.limiter.take(Date.now());
      if (wait === 0) return;
      await sleep(wait);
    }
  }

  private async run(job: QueueJob<T>): Promise<void> {
    const handler = this.handler!;
    for (let attempt = 1; ; attempt++) {
      await this.waitForRateSlot();
      try {
        await handler(job.data, { id: job.id, attempt });
        return;
      } catch (err) {
        const permanent = err instanceof PermanentJobError;
        if (permanent || attempt >= this.attempts) {
          this.logger?.error({ queue: this.options.name, jobId: job.id, attempt, permanent, err: (err as Error)?.message }, 'job failed for good');
          return;
        }
        if (this.stopping.signal.aborted) {
          // In-process jobs cannot outlive the process; say so rather than lose them silently.
          this.logger?.warn({ queue: this.options.name, jobId: job.id, attempt }, 'shutting down: retry of a failed job abandoned');
          return;
        }
        this.logger?.warn({ queue: this.options.name, jobId: job.id, attempt, err: (err as Error)?.message }, 'job failed; will retry');
        await sleep(backoffDelay(this.backoffMs, attempt), this.stopping.signal);
        if (this.stopping.signal.aborted) {
          this.logger?.warn({ queue: this.options.name, jobId: job.id, attempt }, 'shutting down: retry of a failed job abandoned');
          return;
        }
      }
    }
  }
}
