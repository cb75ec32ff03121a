import axios, { type AxiosInstance } from 'axios';
import type { Logger } from 'pino';
import { waitForLock, type Lock, type Store } from '../store/ports.js';
import { ZaloTokenChainBrokenError, type TokenChainReason } from './errors.js';
import { OAuthRefreshFailure, requestTokenRefresh, type TokenPair } from './oauth.js';
import {
  DEFAULT_CHAIN_BACKOFF,
  TOKEN_CHAIN_KEY,
  describeChainState,
  nextChainState,
  pairFingerprint,
  parseChainState,
  type ChainBackoff,
  type RefreshFailure,
  type TokenChainState,
} from './token-chain.js';

/**
 * The OA access token (reference §5). The refresh token is single-use, so every instance shares one
 * record in the store and exactly one of them refreshes at a time, under a distributed lock; the
 * others wait and read what it wrote. Tokens are never logged.
 *
 * A spent refresh token must never be lost: the OAuth call has its own, long timeout and its request stays
 * open past it so that a late answer is still taken; a new pair is kept in memory first and written to the
 * store with retries, in the background if the store is down. A failed refresh is remembered in the store
 * and backed off, so sends fail fast with ZaloTokenChainBrokenError instead of calling OAuth each time.
 */

export { TOKEN_CHAIN_KEY } from './token-chain.js';
export const TOKEN_KEY = 'zalo:token';
export const TOKEN_LOCK_KEY = 'zalo:token:lock';

export type TokenRecord = TokenPair;

/** What the API client needs from the token manager. */
export interface AccessTokenSource {
  getAccessToken(): Promise<string>;
  refreshAfterRejection(rejectedToken: string): Promise<string>;
}

/** What readiness and the metrics read. */
export interface TokenChainStatus {
  ok: boolean;
  /** Sends cannot get a token until a refresh succeeds (the `zalo_token_chain_broken` gauge). */
  broken: boolean;
  reason?: TokenChainReason | 'unsaved' | 'no_access_token';
  message?: string;
  state?: TokenChainState;
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
  /** ZALO_OAUTH_TIMEOUT_MS: how long a refresh waits for OAuth before the chain backs off. Default 20 s. */
  oauthTimeoutMs?: number;
  /** How long the OAuth request stays open to take a late answer. Default 3 × oauthTimeoutMs. */
  oauthRequestMaxMs?: number;
  /** Lock lifetime, renewed while OAuth is in flight; must exceed oauthTimeoutMs. Default oauthTimeoutMs + 10 s (≥ 30 s). */
  lockTtlMs?: number;
  /** How long an instance waits for another one's refresh before giving up. Default oauthTimeoutMs + 5 s. */
  lockWaitMs?: number;
  backoff?: Partial<ChainBackoff>;
  /** Tries at writing a new pair before the write moves to the background. Default 5. */
  saveAttempts?: number;
  /** Longest pause between writes of an unsaved pair. Default 1 s. */
  saveRetryMaxMs?: number;
  /** A broken chain is logged at most this often per instance. Default 60 s. */
  brokenLogIntervalMs?: number;
  /** Metrics hook: every refresh that failed, by reason. */
  onRefreshFailure?: (reason: TokenChainState['reason']) => void;
  http?: AxiosInstance;
  now?: () => number;
}

interface RefreshIntent {
  /** Set for a reactive refresh: the token Zalo refused. */
  rejectedToken?: string;
  /** Sends are waiting on this refresh (the access token is refused or expired). */
  blocking?: boolean;
}

/** The lock of one refresh, renewed while held; owned by the background writer when a pair is unsaved. */
interface LockHold {
  lock: Lock;
  release(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

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
  private readonly oauthTimeoutMs: number;
  private readonly requestMaxMs: number;
  private readonly lockTtlMs: number;
  private readonly lockWaitMs: number;
  private readonly backoff: ChainBackoff;
  private inFlight: Promise<TokenRecord> | null = null;
  /** An OAuth request whose caller stopped waiting: its answer is still taken when it comes. */
  private openRequest: Promise<void> | null = null;
  /** A new pair the store has not accepted yet: this instance uses it while a background loop writes it. */
  private unsaved: TokenRecord | null = null;
  private writer: Promise<void> | null = null;
  /** The chain state this instance last read or wrote (used when the store cannot be read, and per send). */
  private knownState: TokenChainState | null = null;
  private lastBrokenLog = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly opts: TokenManagerOptions) {
    this.oauthTimeoutMs = opts.oauthTimeoutMs ?? 20_000;
    this.requestMaxMs = Math.max(this.oauthTimeoutMs, opts.oauthRequestMaxMs ?? 3 * this.oauthTimeoutMs);
    this.lockTtlMs = opts.lockTtlMs ?? Math.max(30_000, this.oauthTimeoutMs + 10_000);
    this.lockWaitMs = opts.lockWaitMs ?? this.oauthTimeoutMs + 5000;
    this.backoff = { ...DEFAULT_CHAIN_BACKOFF, ...opts.backoff };
    this.http = opts.http ?? axios.create({ timeout: this.requestMaxMs });
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
    if (this.unsaved) return this.unsaved;
    const record = parseRecord(await this.opts.store.get(TOKEN_KEY));
    if (record) return record;
    await this.seed();
    return parseRecord(await this.opts.store.get(TOKEN_KEY));
  }

  private fingerprint(record: TokenRecord): string {
    return pairFingerprint(this.opts.appId, this.opts.appSecret, record.refreshToken);
  }

  /** The stored chain state (this instance's last known one when the store cannot be read). */
  private async chainState(): Promise<TokenChainState | null> {
    try {
      this.knownState = parseChainState(await this.opts.store.get(TOKEN_CHAIN_KEY));
    } catch (err) {
      this.log.debug({ err: (err as Error).message }, 'token chain state not readable; using the last known one');
    }
    return this.knownState;
  }

  /** `state` when it is about this pair; a state about an older pair is stale (the chain has moved on). */
  private about(state: TokenChainState | null, record: TokenRecord): TokenChainState | null {
    return state && state.pair === this.fingerprint(record) ? state : null;
  }

  private expiring(record: TokenRecord): boolean {
    if (!record.accessToken) return true;
    return record.expiresAt !== null && record.expiresAt - this.now() < this.opts.refreshMarginS * 1000;
  }

  private expired(record: TokenRecord): boolean {
    return !record.accessToken || (record.expiresAt !== null && record.expiresAt <= this.now());
  }

  private isBroken(state: TokenChainState, record: TokenRecord): boolean {
    return state.permanent || state.blocking || this.expired(record);
  }

  async hasToken(): Promise<boolean> {
    const record = await this.read();
    return Boolean(record?.accessToken);
  }

  /** The current access token, refreshed first when it is about to expire or known to be refused. */
  async getAccessToken(): Promise<string> {
    const record = await this.read();
    if (!record) throw this.noToken();
    // In memory only, so a healthy send costs no extra store read: a refused token is not sent again.
    const dead = this.about(this.knownState, record)?.blocking === true;
    if (!dead && !this.expiring(record)) return record.accessToken;
    const expired = dead || this.expired(record);
    try {
      return (await this.refresh(dead ? { rejectedToken: record.accessToken, blocking: true } : { blocking: expired })).accessToken;
    } catch (err) {
      // Proactive refresh is best effort while the token still works; the failure is already recorded.
      if (!expired) {
        if (!(err instanceof ZaloTokenChainBrokenError)) this.log.warn({ err: (err as Error).message }, 'proactive Zalo token refresh failed; the current token is still valid');
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
    return (await this.refresh({ rejectedToken, blocking: true })).accessToken;
  }

  /** Refreshes once across this process (single flight) and across instances (store lock). */
  refresh(intent: RefreshIntent = {}): Promise<TokenRecord> {
    if (!this.inFlight) {
      this.inFlight = this.refreshOnce(intent).finally(() => {
        this.inFlight = null;
      });
    }
    return this.inFlight;
  }

  private alreadyRefreshed(before: TokenRecord, after: TokenRecord, intent: RefreshIntent): boolean {
    if (after.refreshToken !== before.refreshToken) return true;
    if (intent.rejectedToken !== undefined) return Boolean(after.accessToken) && after.accessToken !== intent.rejectedToken;
    // Proactive: an unknown expiry (seeded pair) is due, so that the chain gets a known expiry.
    return after.expiresAt !== null && !this.expiring(after);
  }

  /** Fails fast, without calling OAuth, while the chain backs off or this instance's own request is still open. */
  private async throwIfHeld(record: TokenRecord, intent: RefreshIntent): Promise<void> {
    const state = this.openRequest ? this.knownState : this.about(await this.chainState(), record);
    if (!state || (!this.openRequest && state.retryAt <= this.now())) return;
    let held = state;
    if (intent.blocking && !state.blocking) held = await this.saveState({ ...state, blocking: true });
    throw this.brokenError(held, record);
  }

  private async refreshOnce(intent: RefreshIntent): Promise<TokenRecord> {
    const before = await this.read();
    if (!before) throw this.noToken();
    await this.throwIfHeld(before, intent);
    const got = await this.acquireLock(before, intent);
    if ('refreshToken' in got) return got;
    return this.refreshHolding(got, before, intent);
  }

  /** Takes the refresh lock, or returns the pair another instance wrote while this one waited. */
  private async acquireLock(before: TokenRecord, intent: RefreshIntent): Promise<Lock | TokenRecord> {
    const deadline = Date.now() + this.lockWaitMs;
    for (;;) {
      const lock = await this.opts.store.tryLock(TOKEN_LOCK_KEY, this.lockTtlMs);
      if (lock) return lock;
      await sleep(50 + Math.random() * 50);
      const current = await this.read();
      if (current && this.alreadyRefreshed(before, current, intent)) return current;
      // The holder's refresh failed meanwhile: back off with everyone else.
      if (current) await this.throwIfHeld(current, intent);
      if (Date.now() >= deadline) throw new ZaloTokenChainBrokenError({ reason: 'busy', retryAt: null, message: 'timed out waiting for another instance to refresh the Zalo token' });
    }
  }

  /** Keeps the lock alive while OAuth is slow (its TTL exceeds the OAuth timeout, and is renewed). */
  private hold(lock: Lock): LockHold {
    const renew = setInterval(() => void lock.extend(this.lockTtlMs).catch(() => false), Math.max(20, Math.floor(this.lockTtlMs / 3)));
    renew.unref();
    let released = false;
    return {
      lock,
      release: async () => {
        if (released) return;
        released = true;
        clearInterval(renew);
        await lock.release().catch((err) => this.log.warn({ err: (err as Error).message }, 'could not release the Zalo token lock'));
      },
    };
  }

  private async refreshHolding(lock: Lock, before: TokenRecord, intent: RefreshIntent): Promise<TokenRecord> {
    const hold = this.hold(lock);
    let handedOver = false;
    try {
      // Another instance may have refreshed, or failed, while this one waited: re-read both under the lock.
      const current = await this.read();
      if (!current) throw this.noToken();
      if (this.alreadyRefreshed(before, current, intent)) return current;
      await this.throwIfHeld(current, intent);

      const request = requestTokenRefresh({ http: this.http, oauthBaseUrl: this.opts.oauthBaseUrl, appId: this.opts.appId, appSecret: this.opts.appSecret, refreshToken: current.refreshToken, now: this.now, log: this.log });
      const outcome = await settleWithin(request, this.oauthTimeoutMs);
      if ('late' in outcome) {
        // The refresh token may already be spent: the request stays open (under the lock) to take a late answer.
        handedOver = true;
        const state = await this.recordFailure(current, { reason: 'timeout', permanent: false }, intent, `Zalo OAuth did not answer within ${this.oauthTimeoutMs} ms; waiting up to ${this.requestMaxMs} ms for a late answer`, this.now() + this.requestMaxMs - this.oauthTimeoutMs);
        this.openRequest = request
          .then(
            async (fresh) => {
              this.log.warn('Zalo OAuth answered late: the new pair is taken');
              await this.adopt(fresh, hold);
            },
            async (err: unknown) => {
              // A refusal is news; a request that ran out of time or connection is the timeout already recorded.
              if (err instanceof OAuthRefreshFailure && err.permanent) await this.failed(err, current, intent).catch(() => undefined);
              else this.log.warn({ err: (err as Error).message }, 'the Zalo OAuth request that timed out ended without an answer');
              await hold.release();
            },
          )
          .finally(() => {
            this.openRequest = null;
          });
        throw this.brokenError(state, current);
      }
      if ('error' in outcome) return await this.failed(outcome.error, current, intent);
      handedOver = true;
      return await this.adopt(outcome.value, hold);
    } finally {
      if (!handedOver) await hold.release();
    }
  }

  /** A refresh failure: recorded and backed off, surfaced as ZaloTokenChainBrokenError (or the pair, if it moved on). */
  private async failed(err: unknown, basedOn: TokenRecord, intent: RefreshIntent): Promise<TokenRecord> {
    if (!(err instanceof OAuthRefreshFailure)) throw err;
    if (err.permanent) {
      // Refused, unless the pair was replaced meanwhile (an operator's set-zalo-token): then the new one is live.
      const now = await this.read().catch(() => null);
      if (now && now.refreshToken !== basedOn.refreshToken) return now;
    }
    const state = await this.recordFailure(basedOn, err, intent, err.message);
    throw this.brokenError(state, basedOn, err);
  }

  /**
   * A new pair: kept in memory at once (this instance can send with it, and a store hiccup cannot lose it), then
   * written before anything else, retried; if the store still refuses, a background loop keeps writing it and
   * keeps the lock, so no instance refreshes with the spent token meanwhile.
   */
  private async adopt(fresh: TokenRecord, hold: LockHold): Promise<TokenRecord> {
    this.unsaved = fresh;
    this.knownState = null;
    const saved = await this.save(fresh, hold, this.opts.saveAttempts ?? 5);
    this.log.info({ expiresAt: fresh.expiresAt === null ? null : new Date(fresh.expiresAt).toISOString(), saved }, 'Zalo access token refreshed');
    if (saved) {
      await hold.release();
    } else {
      this.log.error({ alert: 'zalo_token_unsaved' }, 'the new Zalo token pair could not be written to the store: kept in memory, writing again until the store accepts it');
      this.writeInBackground(fresh, hold);
    }
    return fresh;
  }

  private async save(fresh: TokenRecord, hold: LockHold, attempts: number): Promise<boolean> {
    const maxPause = this.opts.saveRetryMaxMs ?? 1000;
    for (let attempt = 1; ; attempt++) {
      try {
        await hold.lock.extend(this.lockTtlMs).catch(() => false);
        await this.opts.store.set(TOKEN_KEY, JSON.stringify(fresh));
        if (this.unsaved === fresh) this.unsaved = null;
        await this.opts.store.del(TOKEN_CHAIN_KEY).catch((err) => this.log.warn({ err: (err as Error).message }, 'stale token chain state not cleared (a new pair makes it stale anyway)'));
        return true;
      } catch (err) {
        if (attempt >= attempts) return false;
        this.log.warn({ err: (err as Error).message, attempt }, 'writing the new Zalo token pair failed; retrying');
        await sleep(Math.min(maxPause, 50 * 2 ** (attempt - 1)));
      }
    }
  }

  private writeInBackground(fresh: TokenRecord, hold: LockHold): void {
    const pause = this.opts.saveRetryMaxMs ?? 1000;
    this.writer = (async () => {
      while (!this.stopped && this.unsaved === fresh) {
        await sleep(pause);
        if (await this.save(fresh, hold, 1)) {
          this.log.info('the new Zalo token pair is now in the store');
          break;
        }
      }
      if (this.unsaved !== fresh) await hold.release();
    })().finally(() => {
      this.writer = null;
    });
  }

  private async saveState(state: TokenChainState): Promise<TokenChainState> {
    this.knownState = state;
    await this.opts.store.set(TOKEN_CHAIN_KEY, JSON.stringify(state)).catch((err) => this.log.warn({ err: (err as Error).message }, 'token chain state not written to the store; this instance backs off alone'));
    return state;
  }

  private async recordFailure(basedOn: TokenRecord, failure: RefreshFailure, intent: RefreshIntent, message: string, notBefore?: number): Promise<TokenChainState> {
    const prev = this.about(await this.chainState(), basedOn);
    const state = await this.saveState(nextChainState(prev, { pair: this.fingerprint(basedOn), failure, blocking: intent.blocking === true || this.expired(basedOn), now: this.now(), backoff: this.backoff, notBefore }));
    this.opts.onRefreshFailure?.(failure.reason);
    this.log.error(
      { alert: 'zalo_token_refresh_failed', reason: failure.reason, code: failure.code || undefined, errorName: failure.errorName, failures: state.failures, retryInMs: state.retryAt - this.now(), blocking: state.blocking },
      `Zalo token refresh failed: ${message}`,
    );
    if (this.isBroken(state, basedOn)) this.lastBrokenLog = 0;
    return state;
  }

  private brokenError(state: TokenChainState, record: TokenRecord, cause?: unknown): ZaloTokenChainBrokenError {
    if (this.isBroken(state, record)) this.noteBroken(state);
    return new ZaloTokenChainBrokenError({ reason: state.reason, retryAt: state.retryAt, code: state.code, errorName: state.errorName, message: describeChainState(state), cause });
  }

  /** An error log while the chain is broken, at most once a minute per instance. */
  private noteBroken(state: TokenChainState): void {
    const now = Date.now();
    if (now - this.lastBrokenLog < (this.opts.brokenLogIntervalMs ?? 60_000)) return;
    this.lastBrokenLog = now;
    this.log.error(
      { alert: 'zalo_token_chain_broken', reason: state.reason, code: state.code, errorName: state.errorName, failures: state.failures, since: new Date(state.since).toISOString(), retryAt: new Date(state.retryAt).toISOString() },
      describeChainState(state),
    );
  }

  /** For readiness and the `zalo_token_chain_broken` gauge. */
  async chainStatus(): Promise<TokenChainStatus> {
    const record = await this.read();
    if (!record) {
      const message = 'no Zalo token pair in the store and none in the environment (set ZALO_REFRESH_TOKEN or run `npm run admin -- set-zalo-token`)';
      return { ok: false, broken: true, reason: 'no_token', message };
    }
    const state = this.about(await this.chainState(), record);
    if (state && this.isBroken(state, record)) {
      this.noteBroken(state);
      return { ok: false, broken: true, reason: state.reason, message: describeChainState(state), state };
    }
    if (this.unsaved) return { ok: false, broken: false, reason: 'unsaved', message: 'a new Zalo token pair is kept in memory until the store accepts it (retrying)' };
    if (!record.accessToken) return { ok: false, broken: false, reason: 'no_access_token', message: 'no Zalo access token in the store yet (the first refresh will get one)' };
    return { ok: true, broken: false, state: state ?? undefined };
  }

  /** One scheduled check: refresh when due (expiring, unknown expiry, or a failed chain whose back-off is over). */
  async refreshIfDue(): Promise<boolean> {
    const record = await this.read();
    if (!record) return false;
    const state = this.about(await this.chainState(), record);
    if (state) {
      if (this.isBroken(state, record)) this.noteBroken(state);
      if (state.retryAt > this.now()) return false;
    }
    const dead = state?.blocking === true;
    if (!dead && record.expiresAt !== null && !this.expiring(record)) return false;
    const before = record.refreshToken;
    const after = await this.refresh(dead ? { rejectedToken: record.accessToken, blocking: true } : { blocking: this.expired(record) });
    return after.refreshToken !== before;
  }

  /** Checks the token every `intervalMs` on every instance; the lock keeps it to one refresh. */
  startProactiveRefresh(intervalMs: number): void {
    if (this.timer) clearInterval(this.timer);
    const tick = () => {
      this.refreshIfDue().catch((err) => {
        if (!(err instanceof ZaloTokenChainBrokenError)) this.log.warn({ err: (err as Error).message }, 'scheduled Zalo token refresh failed');
      });
    };
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
  }

  /** Stops the timer; a late OAuth answer or an unsaved pair gets up to `flushMs` to reach the store. */
  async stop(flushMs = 10_000): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (!this.unsaved && !this.openRequest) return;
    const deadline = Date.now() + flushMs;
    while ((this.unsaved || this.openRequest) && Date.now() < deadline) await sleep(100);
    this.stopped = true;
    if (this.unsaved) this.log.error({ alert: 'zalo_token_lost' }, 'stopping with a Zalo token pair the store never accepted: an OA admin may have to authorise the app again');
    await this.writer;
  }

  private noToken(): ZaloTokenChainBrokenError {
    const now = Date.now();
    if (now - this.lastBrokenLog >= (this.opts.brokenLogIntervalMs ?? 60_000)) {
      this.lastBrokenLog = now;
      this.log.error({ alert: 'zalo_token_missing' }, 'no Zalo token in the store and none in the environment');
    }
    return new ZaloTokenChainBrokenError({ reason: 'no_token', retryAt: null, message: 'no Zalo token available (set ZALO_REFRESH_TOKEN or run `npm run admin -- set-zalo-token`)' });
  }
}

/**
 * An operator's new pair (after authorising the app again): written under the refresh lock, so it never races a
 * refresh in flight, and it clears the chain state. False when the lock stayed taken for `lockWaitMs`.
 */
export async function putTokenPair(store: Store, pair: TokenRecord, opts: { lockTtlMs?: number; lockWaitMs?: number } = {}): Promise<boolean> {
  const lock = await waitForLock(store, TOKEN_LOCK_KEY, opts.lockTtlMs ?? 30_000, opts.lockWaitMs ?? 90_000);
  if (!lock) return false;
  try {
    await store.set(TOKEN_KEY, JSON.stringify(pair));
    await store.del(TOKEN_CHAIN_KEY);
    return true;
  } finally {
    await lock.release().catch(() => false);
  }
}

/** The request's outcome if it settles within `ms`, else `{ late: true }` (the request itself goes on). */
async function settleWithin<T>(request: Promise<T>, ms: number): Promise<{ value: T } | { error: unknown } | { late: true }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ late: true }>((resolve) => {
    timer = setTimeout(() => resolve({ late: true }), ms);
  });
  try {
    return await Promise.race([request.then((value) => ({ value }), (error: unknown) => ({ error })), late]);
  } finally {
    clearTimeout(timer);
  }
}
