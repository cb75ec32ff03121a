/**
 * Client-side token bucket that keeps this instance under Zalo's per-app rate limit
 * (ZALO_RATE_LIMIT_PER_MIN, set well below the ~4 000/min one source gives). Callers are served in
 * arrival order: each one reserves a token, possibly into debt, and waits until the debt is repaid.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly ratePerMs: number;
  private readonly capacity: number;

  constructor(
    perMinute: number,
    private readonly clock: { now: () => number; sleep: (ms: number) => Promise<void> } = {
      now: Date.now,
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    },
    /** Burst size; by default one second's worth. */
    capacity?: number,
  ) {
    this.ratePerMs = perMinute / 60_000;
    this.capacity = Math.max(1, capacity ?? Math.ceil(perMinute / 60));
    this.tokens = this.capacity;
    this.last = clock.now();
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.last) * this.ratePerMs);
    this.last = now;
  }

  /** Resolves when the caller may send one request. */
  async take(): Promise<void> {
    this.refill();
    this.tokens -= 1;
    if (this.tokens >= 0) return;
    await this.clock.sleep(Math.ceil(-this.tokens / this.ratePerMs));
  }
}
