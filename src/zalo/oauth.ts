import axios, { type AxiosInstance } from 'axios';
import type { Logger } from 'pino';
import { ZaloTokenRefreshError } from './errors.js';
import type { RefreshFailure } from './token-chain.js';

/** The OAuth v4 refresh call on the wire (reference §5), and how each way it can fail is classified. */

/** Used when Zalo's answer has no usable expires_in (the documented lifetime is 25 h). */
const DEFAULT_EXPIRES_IN_S = 90_000;
const ENDPOINT = '/v4/oa/access_token';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms; null when unknown (the seed values from the environment). */
  expiresAt: number | null;
}

/** A refresh that did not produce a pair, with the reason the token chain records. */
export class OAuthRefreshFailure extends ZaloTokenRefreshError implements RefreshFailure {
  readonly reason: RefreshFailure['reason'];
  readonly permanent: boolean;

  constructor(init: ConstructorParameters<typeof ZaloTokenRefreshError>[0] & { reason: RefreshFailure['reason'] }) {
    super({ ...init, endpoint: ENDPOINT, kind: init.reason === 'refused' ? 'permanent' : 'transient' });
    this.name = 'OAuthRefreshFailure';
    this.reason = init.reason;
    this.permanent = init.reason === 'refused';
  }
}

export interface OAuthRefreshRequest {
  http: AxiosInstance;
  oauthBaseUrl: string;
  appId: string;
  appSecret: string;
  refreshToken: string;
  now: () => number;
  log: Logger;
}

/** Exchanges a refresh token for a new pair. Throws OAuthRefreshFailure; never logs a token. */
export async function requestTokenRefresh(req: OAuthRefreshRequest): Promise<TokenPair> {
  const url = `${req.oauthBaseUrl.replace(/\/+$/, '')}${ENDPOINT}`;
  const form = new URLSearchParams({ refresh_token: req.refreshToken, app_id: req.appId, grant_type: 'refresh_token' });
  let data: Record<string, unknown>;
  try {
    const res = await req.http.post(url, form.toString(), {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', secret_key: req.appSecret },
      validateStatus: () => true,
    });
    if (res.status >= 500 || res.status === 429) {
      throw new OAuthRefreshFailure({ code: 0, httpStatus: res.status, source: 'http', reason: 'http', message: `Zalo OAuth answered HTTP ${res.status}` });
    }
    data = typeof res.data === 'object' && res.data !== null ? (res.data as Record<string, unknown>) : {};
  } catch (err) {
    if (err instanceof OAuthRefreshFailure) throw err;
    const timeout = axios.isAxiosError(err) && (err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT');
    // The refresh token may or may not have been consumed: the chain backs off and re-reads the store first.
    throw new OAuthRefreshFailure({ code: 0, source: timeout ? 'timeout' : 'network', reason: timeout ? 'timeout' : 'network', message: `Zalo OAuth unreachable: ${(err as Error).message}`, cause: err });
  }

  const accessToken = data.access_token;
  if (typeof accessToken !== 'string' || accessToken === '') {
    const code = Number(data.error);
    const errorName = typeof data.error_name === 'string' ? data.error_name : undefined;
    throw new OAuthRefreshFailure({ code: Number.isFinite(code) ? code : 0, source: 'oauth', reason: 'refused', errorName, message: `Zalo OAuth refused the refresh${errorName ? ` (${errorName})` : ''}` });
  }
  let refreshToken = data.refresh_token;
  if (typeof refreshToken !== 'string' || refreshToken === '') {
    req.log.warn('Zalo OAuth answer had no refresh_token; keeping the previous one');
    refreshToken = req.refreshToken;
  }
  let expiresIn = Number(data.expires_in);
  if (!Number.isFinite(expiresIn) || expiresIn <= 0) {
    req.log.warn({ expiresIn: data.expires_in }, 'Zalo OAuth answer had no usable expires_in; assuming 25 h');
    expiresIn = DEFAULT_EXPIRES_IN_S;
  }
  return { accessToken, refreshToken: refreshToken as string, expiresAt: req.now() + expiresIn * 1000 };
}
