import { createHash, randomUUID } from 'node:crypto';
import { Queue, Worker, WaitingError, type Job, type JobsOptions } from 'bullmq';
import { Cluster } from 'ioredis';
import type { Logger } from 'pino';
import { StoreUnavailableError } from './ports.js';
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
import { createRedisClient, isRedisUnavailable, type RedisClient } from './redis-store.js';
import { SLIDING_WINDOW_LUA } from './sliding-window.js';

export interface BullMqQueueConfig {
  url: string;
  /** REDIS_PREFIX; BullMQ keys start with it. */
  prefix: string;
  options: JobQueueOptions;
  logger?: Logger;
  /** How long add() may take before it reports the store as unavailable. */
  connectTimeoutMs?: number;
}

const DEFAULT_PARTITIONS = 16;
/**
 * Finished ids stay ten minutes, so that a job queued again soon after (the event inbox re-queues a batch its
 * forwarder died with, an announcement fan-out resumes after a crash: seconds later) is still recognised and
 * ignored. Longer costs memory for nothing: the webhook's dedupe mark keeps redelivered events out of the queue,
 * a reply's once-only marks outlive this, and a finished event job is about 2.2 KB (24 h of them made up 90 %
 * of what Redis kept per event).
 */
export const KEEP_COMPLETED_S = 600;
const KEEP_FAILED = { age: 7 * 24 * 3600, count: 1000 };
/** BullMQ's per-queue event stream (10,000 entries by default) is read by nothing here. */
const EVENT_STREAM_MAX = 100;
/** A job whose worker died is handed out again this many times before it is declared poisonous. */
const MAX_STALLED = 5;

const RATE_LUA = SLIDING_WINDOW_LUA;

/** BullMQ refuses integer ids and ':' in ids; every id gets a letter in front and ':' / '%' escaped, reversibly. */
export function toBullJobId(id: string): string {
  return 'j' + id.replace(/%/g, '%25').replace(/:/g, '%3A');
}
function fromBullJobId(jobId: string): string {
  return jobId.slice(1).replace(/%3A/g, ':').replace(/%25/g, '%');
}

/** Stable partition of an orderKey: every instance maps one user to the same partition. */
export function partitionOf(orderKey: string, partitions: number): number {
  return createHash('sha1').update(orderKey).digest().readUInt32BE(0) % partitions;
}

/**
 * Durable queue on BullMQ. Ordered jobs are hashed into P partition queues, each with a global concurrency of 1,
 * so at most one job per partition runs anywhere and a user's jobs run in the order added. Retries happen inside
 * the running job (the partition stays blocked) because a BullMQ-level retry would let the next job overtake it.
 * Jobs without an orderKey share one queue with the configured concurrency.
 */
export class BullMqQueue<T> implements JobQueue<T> {
  private readonly producer: RedisClient;
  private workerConnection?: RedisClient;
  private readonly shared: Queue;
  private readonly partitions: Queue[];
  private readonly workers: Worker[] = [];
  private readonly bullPrefix: string;
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly timeoutMs: number;
  private readonly stopping = new AbortController();
  /** Jobs whose lock this instance could not renew (it lapsed, e.g. during a Redis outage): another worker may run them now. */
  private readonly lockLost = new Set<string>();
  private starting?: Promise<void>;
  private closing?: Promise<void>;

  constructor(private readonly config: BullMqQueueConfig) {
    const { options } = config;
    this.attempts = Math.max(1, options.attempts ?? DEFAULT_ATTEMPTS);
    this.backoffMs = options.backoffMs ?? DEFAULT_BACKOFF_MS;
    this.timeoutMs = config.connectTimeoutMs ?? 3000;
    const base = config.prefix.replace(/:+$/, '') || 'zbot';
    this.producer = createRedisClient(config.url, {
      connectTimeout: this.timeoutMs,
      maxRetriesPerRequest: 1,
      retryStrategy: (times) => Math.min(50 * times, 1000),
      enableOfflineQueue: true,
    });
    // Cluster needs every key of a queue in one slot: a hash tag around the prefix does that.
    this.bullPrefix = this.producer instanceof Cluster ? `{${base}}` : base;
    this.watch(this.producer, 'queue-producer', true);
    const queueOpts = { connection: this.producer, prefix: this.bullPrefix, streams: { events: { maxLen: EVENT_STREAM_MAX } } };
    this.shared = new Queue(options.name, queueOpts);
    const count = Math.max(1, options.partitions ?? DEFAULT_PARTITIONS);
    this.partitions = Array.from({ length: count }, (_, i) => new Queue(`${options.name}.p${i}`, queueOpts));
    for (const q of this.allQueues()) q.on('error', (err) => this.logError('queue', err));
  }

  private allQueues(): Queue[] {
    return [this.shared, ...this.partitions];
  }

  private lastErrorLog = 0;
  private logError(role: string, err: Error): void {
    const now = Date.now();
    if (now - this.lastErrorLog < 10_000) return;
    this.lastErrorLog = now;
    this.config.logger?.warn({ queue: this.config.options.name, role, err: err.message }, 'queue redis error');
  }

  private watch(client: RedisClient, role: string, failFast: boolean): void {
    if (failFast) {
      // Until the first connection commands may wait; afterwards an outage must reject at once (webhook → 503).
      client.once('ready', () => {
        client.options.enableOfflineQueue = false;
      });
    }
    client.on('error', (err: Error) => this.logError(role, err));
  }

  private queueFor(job: QueueJob<T>): Queue {
    return job.orderKey === undefined ? this.shared : this.partitions[partitionOf(job.orderKey, this.partitions.length)]!;
  }

  private jobOptions(job: QueueJob<T>): JobsOptions {
    return {
      jobId: toBullJobId(job.id),
      delay: job.delayMs && job.delayMs > 0 ? job.delayMs : undefined,
      attempts: 1,
      removeOnComplete: { age: KEEP_COMPLETED_S },
      removeOnFail: KEEP_FAILED,
    };
  }

  /** Bounds a producer call in time and reports connection trouble as StoreUnavailableError. */
  private async guarded<R>(op: string, fn: () => Promise<R>): Promise<R> {
    if (this.closing) throw new StoreUnavailableError(`queue ${this.config.options.name} is closed`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StoreUnavailableError(`queue ${op} timed out after ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      return await Promise.race([fn(), timeout]);
    } catch (err) {
      if (err instanceof StoreUnavailableError || !isRedisUnavailable(err)) throw err;
      throw new StoreUnavailableError(`queue ${op} failed: ${(err as Error).message}`, { cause: err });
    } finally {
      clearTimeout(timer);
    }
  }

  async add(job: QueueJob<T>): Promise<void> {
    await this.guarded('add', () => this.queueFor(job).add('job', job.data, this.jobOptions(job)));
  }

  async addBulk(jobs: QueueJob<T>[]): Promise<void> {
    const byQueue = new Map<Queue, QueueJob<T>[]>();
    for (const job of jobs) {
      const q = this.queueFor(job);
      byQueue.set(q, [...(byQueue.get(q) ?? []), job]);
    }
    await this.guarded('addBulk', () =>
      Promise.all([...byQueue].map(([q, list]) => q.addBulk(list.map((job) => ({ name: 'job', data: job.data, opts: this.jobOptions(job) }))))),
    );
  }

  start(handler: (data: T, ctx: JobContext) => Promise<void>): void {
    if (this.starting) throw new Error(`queue ${this.config.options.name} already started`);
    this.starting = this.startWorkers(handler).catch((err) => {
      this.config.logger?.error({ queue: this.config.options.name, err: (err as Error).message }, 'queue workers did not start');
    });
  }

  /** Resolves once start() has its workers connected (tests and start-up checks). */
  async ready(): Promise<void> {
    await this.starting;
    await Promise.all(this.workers.map((w) => w.waitUntilReady()));
  }

  private async startWorkers(handler: (data: T, ctx: JobContext) => Promise<void>): Promise<void> {
    const { options } = this.config;
    // One partition job at a time across every instance: that is what keeps a user's messages in order.
    for (;;) {
      if (this.stopping.signal.aborted) return;
      try {
        await Promise.all(this.partitions.map((q) => q.setGlobalConcurrency(1)));
        break;
      } catch (err) {
        this.logError('queue-setup', err as Error);
        await sleep(1000, this.stopping.signal);
      }
    }
    if (this.stopping.signal.aborted) return;
    // Workers wait for Redis instead of failing (BullMQ requires maxRetriesPerRequest: null on their connections).
    this.workerConnection = createRedisClient(this.config.url, {
      maxRetriesPerRequest: null,
      retryStrategy: (times) => Math.min(50 * times, 1000),
    });
    this.workerConnection.defineCommand('zbotRateTake', { numberOfKeys: 1, lua: RATE_LUA });
    this.watch(this.workerConnection, 'queue-worker', false);
    const common = {
      connection: this.workerConnection,
      prefix: this.bullPrefix,
      lockDuration: options.lockDurationMs ?? 30_000,
      stalledInterval: options.stalledIntervalMs ?? 15_000,
      maxStalledCount: MAX_STALLED,
    };
    const processor = (job: Job, token?: string) => this.process(job, token, handler);
    for (const q of this.allQueues()) {
      const worker = new Worker(q.name, processor, { ...common, concurrency: q === this.shared ? options.concurrency : 1 });
      worker.on('error', (err) => this.logError('worker', err));
      worker.on('lockRenewalFailed', (ids: string[]) => {
        for (const id of ids) this.lockLost.add(id);
      });
      this.workers.push(worker);
    }
  }

  private async waitForRateSlot(): Promise<void> {
    const limit = this.config.options.rateLimit;
    if (!limit || !this.workerConnection) return;
    const key = `${this.bullPrefix}:${this.config.options.name}:rate-window`;
    const take = (this.workerConnection as unknown as { zbotRateTake(k: string, max: number, ms: number, member: string): Promise<number> }).zbotRateTake;
    for (;;) {
      const wait = await take.call(this.workerConnection, key, limit.max, limit.durationMs, randomUUID());
      if (wait === 0) return;
      await sleep(wait);
    }
  }

  /**
   * Runs the handler, retrying in place (the partition stays blocked, so the user's order holds). A store outage
   * does not use up tries: the job waits for the store, asking again at most every second, so it goes on as soon
   * as the store is back. A job whose lock lapsed is not retried here: the stalled-job check hands it to a worker
   * again, and two runs must not retry side by side.
   */
  private async process(job: Job, token: string | undefined, handler: (data: T, ctx: JobContext) => Promise<void>): Promise<void> {
    const id = fromBullJobId(job.id ?? '');
    const progress = job.progress as { attempts?: number } | undefined;
    const previous = typeof progress === 'object' && progress ? (progress.attempts ?? 0) : 0;
    const log = this.config.logger;
    let storeWaits = 0;
    try {
      for (let attempt = previous + 1; ; ) {
        await this.waitForRateSlot();
        try {
          await handler(job.data as T, { id, attempt });
          return;
        } catch (err) {
          const permanent = err instanceof PermanentJobError;
          const storeDown = !permanent && err instanceof StoreUnavailableError;
          if (this.lockLost.has(job.id ?? '')) {
            log?.warn({ queue: this.config.options.name, jobId: id, attempt, err: (err as Error)?.message }, 'job failed after its lock lapsed; the stalled-job check hands it out again');
            throw err;
          }
          if (!storeDown && (permanent || attempt >= this.attempts)) {
            log?.error({ queue: this.config.options.name, jobId: id, attempt, permanent, err: (err as Error)?.message }, 'job failed for good');
            throw err;
          }
          const delay = storeDown ? Math.min(1000, backoffDelay(this.backoffMs, ++storeWaits)) : backoffDelay(this.backoffMs, attempt);
          if (!storeDown) {
            log?.warn({ queue: this.config.options.name, jobId: id, attempt, err: (err as Error)?.message }, 'job failed; will retry');
            attempt++;
            await job.updateProgress({ attempts: attempt - 1 });
          } else if (storeWaits === 1) {
            log?.warn({ queue: this.config.options.name, jobId: id, err: (err as Error)?.message }, 'store unreachable: job waits for it');
          }
          if (!this.stopping.signal.aborted) await sleep(delay, this.stopping.signal);
          if (this.stopping.signal.aborted) {
            // Shutting down mid-backoff: hand the job back at the head of its queue so another instance retries it in order.
            await job.moveToWait(token);
            throw new WaitingError();
          }
        }
      }
    } finally {
      this.lockLost.delete(job.id ?? '');
    }
  }

  async depth(): Promise<number> {
    const counts = await this.guarded('depth', () =>
      Promise.all(this.allQueues().map((q) => q.getJobCountByTypes('wait', 'prioritized', 'delayed', 'active'))),
    );
    return counts.reduce((a, b) => a + b, 0);
  }

  /** Pauses every instance's workers (BullMQ pause is global and survives restarts). */
  async pause(): Promise<void> {
    await this.guarded('pause', () => Promise.all(this.allQueues().map((q) => q.pause())));
  }

  async resume(): Promise<void> {
    await this.guarded('resume', () => Promise.all(this.allQueues().map((q) => q.resume())));
  }

  async removeWhere(predicate: (data: T) => boolean): Promise<number> {
    let removed = 0;
    for (const q of this.allQueues()) {
      const jobs = await q.getJobs(['wait', 'prioritized', 'delayed']);
      for (const job of jobs) {
        if (!job || !predicate(job.data as T)) continue;
        try {
          await job.remove();
          removed++;
        } catch {
          // Taken by a worker in the meantime: it is running, no longer cancellable.
        }
      }
    }
    return removed;
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      this.stopping.abort();
      await this.starting;
      await Promise.allSettled(this.workers.map((w) => w.close()));
      await Promise.allSettled(this.allQueues().map((q) => q.close()));
      const quit = async (c: RedisClient | undefined) => {
        if (!c) return;
        try {
          if (c.status === 'ready') await c.quit();
          else c.disconnect();
        } catch {
          c.disconnect();
        }
      };
      await Promise.all([quit(this.producer), quit(this.workerConnection)]);
    })();
    return this.closing;
  }
}
