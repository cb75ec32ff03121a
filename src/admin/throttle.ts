import { createHash, randomBytes } from 'node:crypto';
import type { Store } from '../store/ports.js';

export interface ThrottleOptions {
  /** Failed logins for one username, from any address, before each further attempt has to wait. */
  freePerUser: number;
  /** Failed logins from one address, for any username, before each further attempt has to wait. */
  freePerIp: number;
  /** Failed logins from one known device (see below) before each further attempt has to wait. */
  freePerDevice: number;
  /** The first wait; it doubles with each further failure, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failures are forgotten this long after the last one. */
  windowMs: number;
  /** How long a browser that logged in stays a known device of that account. */
  deviceTtlMs: number;
}

export const DEFAULT_LOGIN_THROTTLE: ThrottleOptions = {
  freePerUser: 5,
  freePerIp: 10,
  freePerDevice: 5,
  baseDelayMs: 1000,
  maxDelayMs: 5 * 60_000,
  windowMs: 15 * 60_000,
  deviceTtlMs: 180 * 86_400_000,
};

export interface LoginAttempt {
  username: string;
  ip: string;
  /** A device token the browser presented that belongs to this username (checked with `deviceUser`). */
  device?: string | null;
}

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32);

/**
 * Login throttling across instances (counters in the store), by a progressive delay instead of a lock-out:
 * after a few failures each further attempt for the same username (from any address) or from the same address
 * (for any username) waits twice as long as the one before, up to a few minutes.
 *
 * So that an attacker hammering an account cannot keep its owner out, a browser that once logged in to the
 * account is a known device (a random token in a cookie, OWASP's "device cookie"): its attempts for that
 * account skip the username and address delays and are throttled only by their own failures.
 */
export class LoginThrottle {
  constructor(
    private readonly store: Store,
    private readonly opts: ThrottleOptions = DEFAULT_LOGIN_THROTTLE,
    private readonly now: () => number = Date.now,
  ) {}

  private scopes(a: LoginAttempt): { key: string; free: number }[] {
    if (a.device) return [{ key: `admin:login:device:${hash(a.device)}`, free: this.opts.freePerDevice }];
    return [
      { key: `admin:login:user:${hash(a.username.trim().toLowerCase())}`, free: this.opts.freePerUser },
      { key: `admin:login:ip:${hash(a.ip)}`, free: this.opts.freePerIp },
    ];
  }

  private delayAfter(failures: number, free: number): number {
    if (failures < free) return 0;
    return Math.min(this.opts.maxDelayMs, this.opts.baseDelayMs * 2 ** Math.min(30, failures - free));
  }

  /** Milliseconds until this attempt is allowed; 0 when it is allowed now. */
  async waitFor(a: LoginAttempt): Promise<number> {
    let wait = 0;
    for (const { key, free } of this.scopes(a)) {
      const h = await this.store.hgetall(key);
      const failures = Number(h.n ?? 0);
      const last = Number(h.last ?? 0);
      wait = Math.max(wait, last + this.delayAfter(failures, free) - this.now());
    }
    return Math.max(0, wait);
  }

  async fail(a: LoginAttempt): Promise<void> {
    for (const { key } of this.scopes(a)) {
      await this.store.hincrBy(key, 'n', 1);
      await this.store.hset(key, { last: String(this.now()) });
      await this.store.expire(key, this.opts.windowMs);
    }
  }

  /** Clears the username's (or the device's) failures; the address's stay until they expire. */
  async succeed(a: LoginAttempt): Promise<void> {
    const [own] = this.scopes(a);
    if (own) await this.store.del(own.key);
  }

  /** How long a device token (and its cookie) lives. */
  get deviceTtlMs(): number {
    return this.opts.deviceTtlMs;
  }

  /** A new device token for the account a browser just logged in to. */
  async rememberDevice(username: string): Promise<string> {
    const token = randomBytes(24).toString('base64url');
    await this.store.set(`admin:login:known:${hash(token)}`, username.trim().toLowerCase(), { ttlMs: this.opts.deviceTtlMs });
    return token;
  }

  /** The account a device token was issued for, or null. */
  async deviceUser(token: string | null | undefined): Promise<string | null> {
    if (!token || !/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
    return this.store.get(`admin:login:known:${hash(token)}`);
  }
}
