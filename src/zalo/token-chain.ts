import { createHash } from 'node:crypto';
import type { TokenChainReason } from './errors.js';

/**
 * The shared memory of a failing token chain: which pair failed, why, how often, and when the next refresh
 * may be tried. Kept in the store so that every instance backs off together instead of each one calling
 * OAuth per send. It names the pair by a fingerprint, never by the token: a new pair (a successful refresh,
 * an operator's `set-zalo-token`, changed app credentials) makes an old state stale, which is how the chain
 * heals without anyone deleting it.
 */

export const TOKEN_CHAIN_KEY = 'zalo:token:chain';

export interface TokenChainState {
  /** Fingerprint of the app credentials and refresh token the failure applies to. */
  pair: string;
  reason: Exclude<TokenChainReason, 'busy'>;
  /** Zalo refused the refresh token: only a new pair helps, so attempts are rare. */
  permanent: boolean;
  /** Sends need the refresh: the access token was refused by Zalo or has expired. */
  blocking: boolean;
  failures: number;
  /** Epoch ms of the first failure of this pair. */
  since: number;
  lastFailureAt: number;
  /** Epoch ms before which no instance calls OAuth for this pair. */
  retryAt: number;
  code?: number;
  errorName?: string;
}

export interface ChainBackoff {
  transientBaseMs: number;
  transientMaxMs: number;
  refusedBaseMs: number;
  refusedMaxMs: number;
}

/** Timeouts and network trouble: 5 s doubling to 2 min. A refusal: 1 min doubling to 30 min. */
export const DEFAULT_CHAIN_BACKOFF: ChainBackoff = { transientBaseMs: 5_000, transientMaxMs: 120_000, refusedBaseMs: 60_000, refusedMaxMs: 30 * 60_000 };

export interface RefreshFailure {
  reason: TokenChainState['reason'];
  permanent: boolean;
  code?: number;
  errorName?: string;
}

export function pairFingerprint(appId: string, appSecret: string, refreshToken: string): string {
  return createHash('sha256').update(`${appId}\n${appSecret}\n${refreshToken}`).digest('hex').slice(0, 24);
}

/** The state after one more failure of `pair`; `prev` counts only when it is about the same pair. */
export function nextChainState(
  prev: TokenChainState | null,
  input: { pair: string; failure: RefreshFailure; blocking: boolean; now: number; backoff: ChainBackoff; notBefore?: number },
): TokenChainState {
  const same = prev !== null && prev.pair === input.pair;
  const failures = same ? prev.failures + 1 : 1;
  const { failure, backoff, now } = input;
  const base = failure.permanent ? backoff.refusedBaseMs : backoff.transientBaseMs;
  const cap = failure.permanent ? backoff.refusedMaxMs : backoff.transientMaxMs;
  const delay = Math.min(cap, base * 2 ** Math.min(failures - 1, 30));
  return {
    pair: input.pair,
    reason: failure.reason,
    permanent: failure.permanent,
    blocking: input.blocking || (same && prev.blocking),
    failures,
    since: same ? prev.since : now,
    lastFailureAt: now,
    retryAt: Math.max(now + delay, input.notBefore ?? 0),
    ...(failure.code ? { code: failure.code } : {}),
    ...(failure.errorName ? { errorName: failure.errorName } : {}),
  };
}

export function parseChainState(raw: string | null): TokenChainState | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<TokenChainState>;
    if (typeof v.pair !== 'string' || typeof v.retryAt !== 'number' || typeof v.reason !== 'string') return null;
    return {
      pair: v.pair,
      reason: v.reason,
      permanent: v.permanent === true,
      blocking: v.blocking === true,
      failures: typeof v.failures === 'number' ? v.failures : 1,
      since: typeof v.since === 'number' ? v.since : v.retryAt,
      lastFailureAt: typeof v.lastFailureAt === 'number' ? v.lastFailureAt : v.retryAt,
      retryAt: v.retryAt,
      ...(typeof v.code === 'number' ? { code: v.code } : {}),
      ...(typeof v.errorName === 'string' ? { errorName: v.errorName } : {}),
    };
  } catch {
    return null;
  }
}

const REASON_TEXT: Record<TokenChainState['reason'], string> = {
  refused: 'Zalo OAuth refused the refresh token',
  timeout: 'Zalo OAuth did not answer in time',
  network: 'Zalo OAuth could not be reached',
  http: 'Zalo OAuth answered with a server error',
  no_token: 'no Zalo token pair is available',
};

/** One line for readiness and logs: what failed, since when, when the next try is, what an operator can do. */
export function describeChainState(state: TokenChainState): string {
  const detail = [state.errorName, state.code ? String(state.code) : undefined].filter(Boolean).join(' ');
  const parts = [
    `Zalo token chain broken: ${REASON_TEXT[state.reason]}${detail ? ` (${detail})` : ''}`,
    `${state.failures} failed refresh${state.failures === 1 ? '' : 'es'} since ${new Date(state.since).toISOString()}`,
    `next attempt after ${new Date(state.retryAt).toISOString()}`,
  ];
  if (state.permanent) parts.push('an OA admin must authorise the app again and put the new pair with `npm run admin -- set-zalo-token`');
  return parts.join('; ');
}
