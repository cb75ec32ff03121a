/**
 * Per-key fixed-window counter kept in process memory. Used for the webhook's guards, which must cost
 * nothing on the hot path; limits that must hold across instances live in the store.
 */
export class FixedWindowLimiter {
  private windowStart = Date.now();
  private counts = new Map<string, number>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  private roll(now: number): void {
    if (now - this.windowStart >= this.windowMs) {
      this.windowStart = now;
      this.counts = new Map();
    }
  }

  /** Counts one for `key`; true while the window's allowance is not exceeded. */
  take(key: string, now = Date.now()): boolean {
    this.roll(now);
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    return n <= this.max;
  }

  /** True when `key` has used up this window's allowance; counts nothing. */
  exhausted(key: string, now = Date.now()): boolean {
    this.roll(now);
    return (this.counts.get(key) ?? 0) >= this.max;
  }
}
