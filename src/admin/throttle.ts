import { createHash } from 'node:crypto';
import type { Store } from '../store/ports.js';

export interface ThrottleOptions {
  /** Failed attempts allowed per username and IP within the window. */
  maxFailures: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_THROTTLE: ThrottleOptions = { maxFailures: 5, windowMs: 15 * 60_000 };

/** Counts failed logins per username+IP in the store, so every instance sees the same count. */
export class LoginThrottle {
  constructor(
    private readonly store: Store,
    private readonly opts: ThrottleOptions = DEFAULT_LOGIN_THROTTLE,
  ) {}

  private key(username: string, ip: string): string {
    const id = createHash('sha256').update(`${username.toLowerCase()}\0${ip}`).digest('hex').slice(0, 32);
    return `admin:login-fail:${id}`;
  }

  /** Milliseconds until another attempt is allowed; 0 when allowed now. */
  async blockedFor(username: string, ip: string): Promise<number> {
    const key = this.key(username, ip);
    const count = Number((await this.store.get(key)) ?? 0);
    if (count < this.opts.maxFailures) return 0;
    const ttl = await this.store.ttl(key);
    return ttl > 0 ? ttl : this.opts.windowMs;
  }

  async fail(username: string, ip: string): Promise<number> {
    return this.store.incrBy(this.key(username, ip), 1, this.opts.windowMs);
  }

  async succeed(username: string, ip: string): Promise<void> {
    await this.store.del(this.key(username, ip));
  }
}
