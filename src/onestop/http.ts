import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import type { Logger } from 'pino';
import { z } from 'zod';
import { OnestopUnavailableError } from './types.js';

/**
 * HTTP to a one-stop system: one axios instance per adapter, a client-credentials token from the
 * Keycloak realm (reference §2.4 A) cached until it expires and renewed once on a 401, and every
 * failure turned into an OnestopUnavailableError with a reason the breaker and the citizen reply use.
 */

const TokenResponse = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().positive().optional(),
});

export interface OnestopHttpOptions {
  baseUrl: string;
  /** Keycloak base, e.g. https://ssoquangngai.vnptigate.vn; no token is sent when it or the client is unset. */
  ssoUrl?: string;
  clientId?: string;
  clientSecret?: string;
  timeoutMs: number;
  logger: Logger;
  /** Renew this long before the token's expiry. */
  tokenMarginMs?: number;
}

export interface OnestopResponse {
  status: number;
  data: unknown;
}

function toUnavailable(err: unknown, what: string): OnestopUnavailableError {
  if (err instanceof OnestopUnavailableError) return err;
  if (axios.isAxiosError(err)) {
    if (err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT') return new OnestopUnavailableError('timeout', `${what}: timed out`, { cause: err });
    if (err.response) return new OnestopUnavailableError('server_error', `${what}: HTTP ${err.response.status}`, { httpStatus: err.response.status, cause: err });
    return new OnestopUnavailableError('network', `${what}: ${err.code ?? 'network error'}`, { cause: err });
  }
  return new OnestopUnavailableError('network', `${what}: ${(err as Error)?.message ?? 'failed'}`, { cause: err });
}

export class OnestopHttp {
  private readonly http: AxiosInstance;
  private token: { value: string; expiresAt: number } | null = null;
  private pending: Promise<string> | null = null;
  private readonly log: Logger;

  constructor(private readonly opts: OnestopHttpOptions) {
    this.http = axios.create({
      baseURL: opts.baseUrl.replace(/\/+$/, ''),
      timeout: opts.timeoutMs,
      // Statuses are judged here, not by axios: a 401 renews the token, a 404 means "not found".
      validateStatus: () => true,
      headers: { Accept: 'application/json' },
      maxRedirects: 0,
    });
    this.log = opts.logger.child({ module: 'onestop-http' });
  }

  get usesToken(): boolean {
    return Boolean(this.opts.ssoUrl && this.opts.clientId && this.opts.clientSecret);
  }

  private async fetchToken(): Promise<string> {
    const url = `${this.opts.ssoUrl!.replace(/\/+$/, '')}/auth/realms/digo/protocol/openid-connect/token`;
    let res: AxiosResponse;
    try {
      res = await this.http.post(
        url,
        new URLSearchParams({ grant_type: 'client_credentials', client_id: this.opts.clientId!, client_secret: this.opts.clientSecret! }).toString(),
        { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, baseURL: '' },
      );
    } catch (err) {
      throw toUnavailable(err, 'token request');
    }
    if (res.status >= 500) throw new OnestopUnavailableError('server_error', `token request: HTTP ${res.status}`, { httpStatus: res.status });
    if (res.status !== 200) throw new OnestopUnavailableError('auth', `token request refused: HTTP ${res.status}`, { httpStatus: res.status });
    const parsed = TokenResponse.safeParse(res.data);
    if (!parsed.success) throw new OnestopUnavailableError('bad_response', 'token response without access_token');
    const lifetimeMs = (parsed.data.expires_in ?? 300) * 1000;
    const margin = Math.min(this.opts.tokenMarginMs ?? 30_000, lifetimeMs / 2);
    this.token = { value: parsed.data.access_token, expiresAt: Date.now() + lifetimeMs - margin };
    this.log.debug({ expiresInS: parsed.data.expires_in }, 'one-stop token obtained');
    return parsed.data.access_token;
  }

  /** The cached token, or a new one; concurrent callers share one token request. */
  private async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > Date.now()) return this.token.value;
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private invalidate(value: string): void {
    if (this.token?.value === value) this.token = null;
  }

  private async getOnce(path: string, params: Record<string, string | number>, token: string | null): Promise<AxiosResponse> {
    try {
      return await this.http.get(path, { params, headers: token ? { Authorization: `Bearer ${token}` } : {} });
    } catch (err) {
      throw toUnavailable(err, `GET ${path}`);
    }
  }

  /** GET with the bearer token; a 401 drops the token and retries once with a new one. */
  async get(path: string, params: Record<string, string | number>): Promise<OnestopResponse> {
    let token = this.usesToken ? await this.accessToken() : null;
    let res = await this.getOnce(path, params, token);
    if (res.status === 401 && token) {
      this.log.info('one-stop token refused (401): renewing');
      this.invalidate(token);
      token = await this.accessToken();
      res = await this.getOnce(path, params, token);
    }
    if (res.status === 401 || res.status === 403) throw new OnestopUnavailableError('auth', `GET ${path}: HTTP ${res.status}`, { httpStatus: res.status });
    if (res.status >= 500 || res.status === 429) throw new OnestopUnavailableError('server_error', `GET ${path}: HTTP ${res.status}`, { httpStatus: res.status });
    return { status: res.status, data: res.data };
  }
}
