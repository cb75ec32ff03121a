import { OnestopUnavailableError } from './types.js';

/**
 * Keeps a failing one-stop system from slowing every citizen down: after `failureThreshold` failures in a
 * row the breaker opens and calls fail at once; after `cooldownMs` one trial call is let through
 * (half-open), and its outcome closes or re-opens the breaker.
 */
export type BreakerState = 'closed' | 'open' | 'half_open';

export interface CircuitBreakerOptions {
  failureThreshold: number;
  cooldownMs: number;
  now?: () => number;
  onStateChange?: (state: BreakerState) => void;
}

export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private stateNow: BreakerState = 'closed';
  private trialInFlight = false;
  private readonly now: () => number;

  constructor(private readonly opts: CircuitBreakerOptions) {
    this.now = opts.now ?? Date.now;
  }

  get state(): BreakerState {
    if (this.stateNow === 'open' && this.now() - this.openedAt >= this.opts.cooldownMs) return 'half_open';
    return this.stateNow;
  }

  private move(state: BreakerState): void {
    if (this.stateNow === state) return;
    this.stateNow = state;
    this.opts.onStateChange?.(state);
  }

  /** Runs `fn` unless the breaker is open; `isFailure` decides which errors count against the system. */
  async run<T>(fn: () => Promise<T>, isFailure: (err: unknown) => boolean): Promise<T> {
    const state = this.state;
    if (state === 'open' || (state === 'half_open' && this.trialInFlight)) {
      throw new OnestopUnavailableError('breaker_open', 'one-stop system unavailable (circuit open)');
    }
    const trial = state === 'half_open';
    if (trial) {
      this.trialInFlight = true;
      this.move('half_open');
    }
    try {
      const value = await fn();
      this.failures = 0;
      this.move('closed');
      return value;
    } catch (err) {
      if (isFailure(err)) {
        this.failures += 1;
        if (trial || this.failures >= this.opts.failureThreshold) {
          this.openedAt = this.now();
          this.move('open');
        }
      } else if (trial) {
        this.failures = 0;
        this.move('closed');
      }
      throw err;
    } finally {
      if (trial) this.trialInFlight = false;
    }
  }
}

export interface RetryOptions {
  /** Attempts in all, including the first. */
  attempts: number;
  baseDelayMs: number;
  /** No new attempt starts after this many ms from the first one. */
  deadlineMs: number;
  shouldRetry: (err: unknown) => boolean;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Retries with "full jitter" backoff so many instances do not hammer a recovering system in step. */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, opts: RetryOptions): Promise<T> {
  const started = Date.now();
  const sleep = opts.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (attempt >= opts.attempts || !opts.shouldRetry(err)) throw err;
      const delay = Math.random() * opts.baseDelayMs * 2 ** (attempt - 1);
      if (Date.now() - started + delay >= opts.deadlineMs) throw err;
      await sleep(delay);
    }
  }
}
