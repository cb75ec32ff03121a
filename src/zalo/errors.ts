/**
 * Zalo OA API failures as typed errors (reference §4). The `kind` decides what the caller does:
 * transient → retry with backoff; token → refresh the access token once and retry; window → the user
 * is outside the 7-day interaction window, never retry; permanent → give up on this message.
 */
export type ZaloErrorKind = 'transient' | 'token' | 'window' | 'permanent';

/** Where the failure came from: the `{error}` envelope, a bare HTTP status, or the network. */
export type ZaloErrorSource = 'envelope' | 'http' | 'network' | 'timeout' | 'oauth';

const TRANSIENT_CODES = new Set([-32, -100, -200]);
const TOKEN_CODES = new Set([-216, -220, -124]);
const WINDOW_CODES = new Set([-230, -232]);

/**
 * Classifies a Zalo error code (0 when there is none) and an HTTP status. Network failures and
 * timeouts are transient; callers pass `source` for them.
 */
export function classifyZaloError(code: number, httpStatus?: number, source?: ZaloErrorSource): ZaloErrorKind {
  if (source === 'network' || source === 'timeout') return 'transient';
  if (TOKEN_CODES.has(code)) return 'token';
  if (WINDOW_CODES.has(code)) return 'window';
  if (TRANSIENT_CODES.has(code)) return 'transient';
  if (code === 0 && httpStatus !== undefined && (httpStatus >= 500 || httpStatus === 429)) return 'transient';
  return 'permanent';
}

export class ZaloApiError extends Error {
  readonly code: number;
  readonly kind: ZaloErrorKind;
  readonly source: ZaloErrorSource;
  readonly httpStatus?: number;
  readonly endpoint?: string;
  /** Message ids already delivered when a multi-part send failed part-way. */
  sentMessageIds: string[] = [];

  constructor(init: { code: number; message: string; source: ZaloErrorSource; httpStatus?: number; endpoint?: string; kind?: ZaloErrorKind; cause?: unknown }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ZaloApiError';
    this.code = init.code;
    this.source = init.source;
    this.httpStatus = init.httpStatus;
    this.endpoint = init.endpoint;
    this.kind = init.kind ?? classifyZaloError(init.code, init.httpStatus, init.source);
  }

  /** A short label for metrics: the Zalo code, or `http_<status>` / `network` / `timeout`. */
  get label(): string {
    if (this.source === 'network' || this.source === 'timeout') return this.source;
    if (this.code !== 0) return String(this.code);
    return this.httpStatus !== undefined ? `http_${this.httpStatus}` : this.source;
  }
}

/** Refreshing the OA token failed; `kind` is transient for network trouble, permanent when Zalo refused. */
export class ZaloTokenRefreshError extends ZaloApiError {
  readonly errorName?: string;

  constructor(init: ConstructorParameters<typeof ZaloApiError>[0] & { errorName?: string }) {
    super(init);
    this.name = 'ZaloTokenRefreshError';
    this.errorName = init.errorName;
  }
}

/** Why the token chain cannot give an access token right now (metrics label and readiness reason). */
export type TokenChainReason = 'refused' | 'timeout' | 'network' | 'http' | 'no_token' | 'busy';

/**
 * No usable access token: the last refresh was refused or failed and the chain is backing off, so this send
 * was not attempted and no OAuth call was made. Always "retry later" (kind `transient`, `retryLater`): the
 * reply is still owed and must be kept for a later attempt, at `retryAt` at the earliest.
 */
export class ZaloTokenChainBrokenError extends ZaloTokenRefreshError {
  readonly retryLater = true as const;
  readonly reason: TokenChainReason;
  /** Epoch ms of the next refresh attempt; null when unknown (another instance is refreshing). */
  readonly retryAt: number | null;

  constructor(init: { reason: TokenChainReason; retryAt: number | null; message: string; code?: number; errorName?: string; cause?: unknown }) {
    super({ code: init.code ?? 0, source: 'oauth', kind: 'transient', endpoint: '/v4/oa/access_token', errorName: init.errorName, message: init.message, cause: init.cause });
    this.name = 'ZaloTokenChainBrokenError';
    this.reason = init.reason;
    this.retryAt = init.retryAt;
  }

  override get label(): string {
    return 'token_chain_broken';
  }
}

/** True for a failure that must be retried later rather than dropped (a broken token chain, today). */
export function isRetryLater(err: unknown): err is ZaloTokenChainBrokenError {
  return err instanceof ZaloTokenChainBrokenError;
}
