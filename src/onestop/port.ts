import type { Logger } from 'pino';
import type { Store } from '../store/ports.js';
import { proofMatches } from './privacy.js';
import { CircuitBreaker, withRetry, type BreakerState } from './resilience.js';
import {
  OnestopUnavailableError,
  isOverdue,
  type DossierLookupResult,
  type DossierRecord,
  type LookupOptions,
  type OnestopAdapter,
  type OnestopPort,
} from './types.js';

/**
 * The one-stop port the bot uses: a 60 s result cache in the store (shared by instances), then the
 * adapter behind a circuit breaker and bounded, jittered retries. The second factor is applied here,
 * on every call, so a cached record never reveals more than the caller proved.
 */

const DATE_FIELDS = ['submittedAt', 'receivedAt', 'dueAt', 'finishedAt', 'returnedAt'] as const;

function serialise(record: DossierRecord | null): string {
  return JSON.stringify({ record });
}

function deserialise(raw: string): { record: DossierRecord | null } | null {
  try {
    const parsed = JSON.parse(raw) as { record: DossierRecord | null };
    const r = parsed.record?.result as Record<string, unknown> | undefined;
    if (r) for (const f of DATE_FIELDS) if (typeof r[f] === 'string') r[f] = new Date(r[f] as string);
    return parsed;
  } catch {
    return null;
  }
}

export interface OnestopPortOptions {
  adapter: OnestopAdapter;
  store: Store;
  logger: Logger;
  cacheTtlMs?: number;
  /** Not-found answers are cached briefly too, so random codes do not reach the system twice. */
  notFoundTtlMs?: number;
  failureThreshold?: number;
  cooldownMs?: number;
  retryAttempts?: number;
  retryBaseDelayMs?: number;
  /** No retry starts after this long from the first attempt, so the citizen hears back within seconds. */
  retryDeadlineMs?: number;
  now?: () => number;
  onBreakerChange?: (state: BreakerState) => void;
  onCall?: (outcome: 'found' | 'not_found' | 'unavailable' | 'cache_hit') => void;
}

export class CachedOnestopPort implements OnestopPort {
  readonly breaker: CircuitBreaker;
  private readonly now: () => number;
  private readonly log: Logger;

  constructor(private readonly opts: OnestopPortOptions) {
    this.now = opts.now ?? Date.now;
    this.log = opts.logger.child({ module: 'onestop', adapter: opts.adapter.name });
    this.breaker = new CircuitBreaker({
      failureThreshold: opts.failureThreshold ?? 5,
      cooldownMs: opts.cooldownMs ?? 30_000,
      now: this.now,
      onStateChange: (state) => {
        this.log.warn({ state }, 'one-stop circuit breaker changed state');
        opts.onBreakerChange?.(state);
      },
    });
  }

  private cacheKey(code: string): string {
    return `dossier:cache:${code}`;
  }

  private async fetchLive(code: string): Promise<DossierRecord | null> {
    return this.breaker.run(
      () =>
        withRetry(() => this.opts.adapter.fetchDossier(code), {
          attempts: this.opts.retryAttempts ?? 3,
          baseDelayMs: this.opts.retryBaseDelayMs ?? 150,
          deadlineMs: this.opts.retryDeadlineMs ?? 1500,
          // A timeout already used the citizen's patience; network blips and 5xx are worth one more try.
          shouldRetry: (err) => err instanceof OnestopUnavailableError && (err.reason === 'network' || err.reason === 'server_error'),
        }),
      (err) => err instanceof OnestopUnavailableError,
    );
  }

  /** The record for a code: from the cache unless `fresh`, else live (and then cached). */
  async fetchRecord(code: string, opts: LookupOptions = {}): Promise<DossierRecord | null> {
    if (!opts.fresh) {
      const cached = await this.opts.store.get(this.cacheKey(code)).catch(() => null);
      const hit = cached ? deserialise(cached) : null;
      if (hit) {
        this.opts.onCall?.('cache_hit');
        return hit.record;
      }
    }
    let record: DossierRecord | null;
    try {
      record = await this.fetchLive(code);
    } catch (err) {
      this.opts.onCall?.('unavailable');
      if (err instanceof OnestopUnavailableError) {
        this.log.warn({ reason: err.reason, status: err.httpStatus }, 'one-stop lookup failed');
        throw err;
      }
      this.log.error({ err: (err as Error).message }, 'one-stop lookup failed unexpectedly');
      throw new OnestopUnavailableError('bad_response', 'one-stop lookup failed', { cause: err });
    }
    this.opts.onCall?.(record ? 'found' : 'not_found');
    const ttl = record ? (this.opts.cacheTtlMs ?? 60_000) : (this.opts.notFoundTtlMs ?? 60_000);
    await this.opts.store.set(this.cacheKey(code), serialise(record), { ttlMs: ttl }).catch(() => undefined);
    return record;
  }

  async lookupDossier(code: string, proof?: string, opts: LookupOptions = {}): Promise<DossierLookupResult | null> {
    const record = await this.fetchRecord(code, opts);
    return record ? applyProof(record, proof, this.now(), opts.ownerProven === true) : null;
  }
}

/** The citizen-facing result: owner details only when the proof matches the owner's ID or phone, or matched before. */
export function applyProof(record: DossierRecord, proof: string | undefined, now: number, proven = false): DossierLookupResult {
  const result: DossierLookupResult = { ...record.result, overdue: isOverdue(record.result.status, record.result.dueAt, now) };
  const owner = record.owner;
  // Without digests ownership cannot be proved, so owner details are never shown.
  if (!owner || owner.proofDigests.length === 0) return result;
  const verified = proof !== undefined ? proofMatches(record.result.code, proof, owner.proofDigests) : proven;
  result.ownerVerified = verified;
  if (proof !== undefined && !verified) result.proofRejected = true;
  if (verified && owner.nameMasked) result.ownerNameMasked = owner.nameMasked;
  return result;
}
