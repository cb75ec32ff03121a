/**
 * Per-key fixed-window counter kept in process memory. Used for the webhook's per-IP guard, which
 * must cost nothing on the hot path; limits that must hold across instances live in the store.
 */
export class FixedWindowLimiter {
  private windowStart = Date.now();
  private counts = new Map<string, number>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  take(key: string, now = Date.now()): boolean {
    if (now - this.windowStart >= this.windowMs) {
      this.windowStart = now;
      this.counts = new Map();
    }
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    return n <= this.max;
  }
}
