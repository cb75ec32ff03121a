import axios, { type AxiosInstance } from 'axios';
import type { Logger } from 'pino';
import { waitForLock, type Store } from '../store/ports.js';
import { ZaloApiError, ZaloTokenRefreshError } from './errors.js';

/**
 * The OA access token (reference §5). The refresh token is single-use, so every instance shares one
 * record in the store and exactly one of them refreshes at a time, under a distributed lock; the
 * others wait and read what it wrote. Tokens are never logged.
 */

export const TOKEN_KEY = 'zalo:token';
export const TOKEN_LOCK_KEY = 'zalo:token:lock';
const LOCK_TTL_MS = 30_000;
/** Used when Zalo's answer has no usable expires_in (the documented lifetime is 25 h). */
const DEFAULT_EXPIRES_IN_S = 90_000;

export interface TokenRecord {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms; null when unknown (the seed values from the environment). */
  expiresAt: number | null;
}

/** What the API client needs from the token manager. */
export interface AccessTokenSource {
  getAccessToken(): Promise<string>;
  refreshAfterRejection(rejectedToken: string): Promise<string>;
}

export interface TokenManagerOptions {
  store: Store;
  logger: Logger;
  appId: string;
  /** App Secret Key (OAuth), sent as the `secret_key` header. */
  appSecret: string;
  oauthBaseUrl: string;
  seedAccessToken?: string;
  seedRefreshToken?: string;
  /** Refresh proactively when less than this remains (ZALO_TOKEN_REFRESH_MARGIN_S). */
  refreshMarginS: number;
  timeoutMs?: number;
  /** How long an instance waits for another one's refresh before giving up. */
  lockWaitMs?: number;
  http?: AxiosInstance;
  now?: () => number;
}

interface RefreshIntent {
  /** Set for a reactive refresh: the token Zalo refused. */
  rejectedToken?: string;
}

function parseRecord(raw: string | null): TokenRecord | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<TokenRecord>;
    if (typeof v.refreshToken !== 'string') return null;
    return { accessToken: typeof v.accessToken === 'string' ? v.accessToken : '', refreshToken: v.refreshToken, expiresAt: typeof v.expiresAt === 'number' ? v.expiresAt : null };
  } catch {
    return null;
  }
}

export class TokenManager implements AccessTokenSource {
  private readonly http: AxiosInstance;
  private readonly now: () => number;
  private readonly log: Logger;
  private inFlight: Promise<TokenRecord> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly opts: TokenManagerOptions) {
    this.http = opts.http ?? axios.create({ timeout: opts.timeoutMs ?? 5000 });
    this.now = opts.now ?? Date.now;
    this.log = opts.logger.child({ module: 'zalo-token' });
  }

  /** Writes the environment's token pair when the store has none; later refreshes live in the store only. */
  async seed(): Promise<void> {
    if (!this.opts.seedRefreshToken) return;
    const record: TokenRecord = { accessToken: this.opts.seedAccessToken ?? '', refreshToken: this.opts.seedRefreshToken, expiresAt: null };
    const created = await this.opts.store.setIfAbsent(TOKEN_KEY, JSON.stringify(record));
    if (created) this.log.info('Zalo token record seeded from the environment');
  }

  private async read(): Promise<TokenRecord | null> {
    const record = parseRecord(await this.opts.store.get(TOKEN_KEY));
    if (record) return record;
    await this.seed();
    return parseRecord(await this.opts.store.get(TOKEN_KEY));
  }

  private expiring(record: TokenRecord): boolean {
    if (!record.accessToken) return true;
    return record.expiresAt !== null && record.expiresAt - this.now() < this.opts.refreshMarginS * 1000;
  }

  private expired(record: TokenRecord): boolean {
    return !record.accessToken || (record.expiresAt !== null && record.expiresAt <= this.now());
  }

  async hasToken(): Promise<boolean> {
    const record = await this.read();
    return Boolean(record?.accessToken);
  }

  /** The current access token, refreshed first when it is about to expire. */
  async getAccessToken(): Promise<string> {
    const record = await this.read();
    if (!record) throw this.noToken();
    if (!this.expiring(record)) return record.accessToken;
    try {
      return (await this.refresh()).accessToken;
    } catch (err) {
      // Proactive refresh is best effort while the token still works; the next call tries again.
      if (!this.expired(record)) {
        this.log.warn({ err: (err as Error).message }, 'proactive Zalo token refresh failed; the current token is still valid');
        return record.accessToken;
      }
      throw err;
    }
  }

  /** After Zalo refused `rejectedToken`: reuse a newer stored token, or refresh. */
  async refreshAfterRejection(rejectedToken: string): Promise<string> {
    const record = await this.read();
    if (!record) throw this.noToken();
    if (record.accessToken && record.accessToken !== rejectedToken) return record.accessToken;
    return (await this.refresh({ rejectedToken })).accessToken;
  }

  /** Refreshes once across this process (single flight) and across instances (store lock). */
  refresh(intent: RefreshIntent = {}): Promise<TokenRecord> {
    if (!this.inFlight) {
      this.inFlight = this.refreshUnderLock(intent).finally(() => {
        this.inFlight = null;
      });
    }
    return this.inFlight;
  }

  private alreadyRefreshed(before: TokenRecord | null, after: TokenRecord, intent: RefreshIntent): boolean {
    if (before && after.refreshToken !== before.refreshToken) return true;
    if (intent.rejectedToken !== undefined) return Boolean(after.accessToken) && after.accessToken !== intent.rejectedToken;
    // Proactive: an unknown expiry (seeded pair) is due, so that the chain gets a known expiry.
    return after.expiresAt !== null && !this.expiring(after);
  }

  private async refreshUnderLock(intent: RefreshIntent): Promise<TokenRecord> {
    const before = await this.read();
    const lock = await waitForLock(this.opts.store, TOKEN_LOCK_KEY, LOCK_TTL_MS, this.opts.lockWaitMs ?? LOCK_TTL_MS + 5000);
    if (!lock) {
      const current = await this.read();
      if (current && this.alreadyRefreshed(before, current, intent)) return current;
      throw new ZaloTokenRefreshError({ code: 0, source: 'oauth', kind: 'transient', message: 'timed out waiting for another instance to refresh the Zalo token' });
    }
    try {
      // Another instance may have refreshed while this one waited: its pair is the live one.
      const current = await this.read();
      if (!current) throw this.noToken();
      if (this.alreadyRefreshed(before, current, intent)) return current;
      const fresh = await this.callOAuth(current.refreshToken);
      await this.opts.store.set(TOKEN_KEY, JSON.stringify(fresh));
      this.log.info({ expiresAt: fresh.expiresAt === null ? null : new Date(fresh.expiresAt).toISOString(), reactive: intent.rejectedToken !== undefined }, 'Zalo access token refreshed');
      return fresh;
    } finally {
      await lock.release().catch((err) => this.log.warn({ err: (err as Error).message }, 'could not release the Zalo token lock'));
    }
  }

  private async callOAuth(refreshToken: string): Promise<TokenRecord> {
    const endpoint = `${this.opts.oauthBaseUrl.replace(/\/+$/, '')}/v4/oa/access_token`;
    const form = new URLSearchParams({ refresh_token: refreshToken, app_id: this.opts.appId, grant_type: 'refresh_token' });
    let data: Record<string, unknown>;
    try {
      const res = await this.http.post(endpoint, form.toString(), {
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', secret_key: this.opts.appSecret },
        validateStatus: () => true,
      });
      if (res.status >= 500) {
        throw new ZaloTokenRefreshError({ code: 0, httpStatus: res.status, source: 'http', endpoint: '/v4/oa/access_token', message: `Zalo OAuth answered HTTP ${res.status}` });
      }
      data = typeof res.data === 'object' && res.data !== null ? (res.data as Record<string, unknown>) : {};
    } catch (err) {
      if (err instanceof ZaloApiError) throw err;
      const timeout = axios.isAxiosError(err) && (err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT');
      // The refresh token may or may not have been consumed: the next attempt re-reads the store first.
      this.log.error({ alert: 'zalo_token_refresh_failed', reason: timeout ? 'timeout' : 'network', err: (err as Error).message }, 'Zalo token refresh could not reach the OAuth server');
      throw new ZaloTokenRefreshError({ code: 0, source: timeout ? 'timeout' : 'network', endpoint: '/v4/oa/access_token', message: `Zalo OAuth unreachable: ${(err as Error).message}`, cause: err });
    }

    const accessToken = data.access_token;
    if (typeof accessToken !== 'string' || accessToken === '') {
      const code = Number(data.error);
      const errorName = typeof data.error_name === 'string' ? data.error_name : undefined;
      const description = typeof data.error_description === 'string' ? data.error_description : typeof data.error_reason === 'string' ? data.error_reason : undefined;
      this.log.error(
        { alert: 'zalo_token_refresh_failed', code: Number.isFinite(code) ? code : null, errorName, description },
        'Zalo refused the token refresh: an OA admin may need to re-authorise the app',
      );
      throw new ZaloTokenRefreshError({
        code: Number.isFinite(code) ? code : 0,
        source: 'oauth',
        kind: 'permanent',
        errorName,
        endpoint: '/v4/oa/access_token',
        message: `Zalo OAuth refused the refresh${errorName ? ` (${errorName})` : ''}`,
      });
    }
    let newRefresh = data.refresh_token;
    if (typeof newRefresh !== 'string' || newRefresh === '') {
      this.log.warn('Zalo OAuth answer had no refresh_token; keeping the previous one');
      newRefresh = refreshToken;
    }
    let expiresIn = Number(data.expires_in);
    if (!Number.isFinite(expiresIn) || expiresIn <= 0) {
      this.log.warn({ expiresIn: data.expires_in }, 'Zalo OAuth answer had no usable expires_in; assuming 25 h');
      expiresIn = DEFAULT_EXPIRES_IN_S;
    }
    return { accessToken, refreshToken: newRefresh as string, expiresAt: this.now() + expiresIn * 1000 };
  }

  /** One proactive check: refresh when the token is expiring or its expiry is unknown (seeded). */
  async refreshIfDue(): Promise<boolean> {
    const record = await this.read();
    if (!record) return false;
    if (record.expiresAt !== null && !this.expiring(record)) return false;
    const before = record.refreshToken;
    const after = await this.refresh({});
    return after.refreshToken !== before;
  }

  /** Checks the token every `intervalMs` on every instance; the lock keeps it to one refresh. */
  startProactiveRefresh(intervalMs: number): void {
    this.stop();
    const tick = () => {
      this.refreshIfDue().catch((err) => this.log.warn({ err: (err as Error).message }, 'scheduled Zalo token refresh failed'));
    };
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private noToken(): ZaloApiError {
    this.log.error({ alert: 'zalo_token_missing' }, 'no Zalo token in the store and none in the environment');
    return new ZaloTokenRefreshError({ code: 0, source: 'oauth', kind: 'permanent', message: 'no Zalo token available (set ZALO_REFRESH_TOKEN)' });
  }
}
