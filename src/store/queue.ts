/**
 * Job queue port. The webhook enqueues events and announcements enqueue deliveries through it;
 * BullMQ backs it when Redis is configured, an in-process queue otherwise. One contract suite holds both.
 */

export interface QueueJob<T> {
  /**
   * Deduplication identity: a job id seen before (queued, running or recently finished) is ignored.
   * An id must always come with the same orderKey (BullMQ dedupes within the partition the orderKey picks).
   */
  id: string;
  /** Jobs sharing an orderKey (e.g. a user id) run one at a time, in the order added. */
  orderKey?: string;
  data: T;
  delayMs?: number;
}

export interface JobContext {
  id: string;
  /** 1 on the first try. */
  attempt: number;
}

export interface JobQueueOptions {
  name: string;
  /** Jobs without an orderKey handled at once by one instance. */
  concurrency: number;
  /** Tries per job, the first included (default 5). */
  attempts?: number;
  /** Base delay between tries; doubles each time, with jitter (default 1000). */
  backoffMs?: number;
  /** At most `max` handler runs per `durationMs`, across all instances. */
  rateLimit?: { max: number; durationMs: number };
  /** Order partitions for jobs with an orderKey (BullMQ; default 16). */
  partitions?: number;
  /** A running job whose worker died is taken up again after about this long (BullMQ; default 30 000). */
  lockDurationMs?: number;
  /** How often workers look for jobs of dead workers (BullMQ; default 15 000). */
  stalledIntervalMs?: number;
}

export interface JobQueue<T> {
  /** Durably enqueues; resolves only once the job is stored. A job id seen before (still queued, running or recently finished) is ignored. */
  add(job: QueueJob<T>): Promise<void>;
  addBulk(jobs: QueueJob<T>[]): Promise<void>;
  /**
   * Starts processing with the handler; jobs with the same orderKey are handled one at a time, in the order added,
   * across all instances. A handler that throws is retried with backoff up to `attempts`; a `PermanentJobError` is not retried.
   */
  start(handler: (data: T, ctx: JobContext) => Promise<void>): void;
  /** Jobs waiting + delayed + running. */
  depth(): Promise<number>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Removes waiting/delayed jobs whose data matches (for cancellation). Returns how many. */
  removeWhere?(predicate: (data: T) => boolean): Promise<number>;
  /** Stops taking new jobs and waits for running ones to finish (graceful shutdown), then closes connections. */
  close(): Promise<void>;
}

/** Thrown by a handler when trying again cannot help (bad input, a refusal that will not change). */
export class PermanentJobError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentJobError';
  }
}

export const DEFAULT_ATTEMPTS = 5;
export const DEFAULT_BACKOFF_MS = 1000;

/** Exponential backoff with full jitter on the upper half: base·2^(n-1) · [0.5, 1). */
export function backoffDelay(baseMs: number, failedAttempt: number): number {
  const exp = baseMs * 2 ** Math.max(0, failedAttempt - 1);
  return Math.round(exp * (0.5 + Math.random() * 0.5));
}

/** A sleep that ends early when `signal` fires (shutdown must not wait out a long backoff). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
