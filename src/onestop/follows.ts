import type { Language } from '../dialogue/types.js';
import type { Store } from '../store/ports.js';
import type { DossierStatus } from './types.js';

/**
 * Dossier subscriptions in the store:
 *   dossier:follows:<userId>      set of codes the user follows
 *   dossier:followers:<code>      set of users following the code
 *   dossier:sub:<userId>:<code>   hash { status, changedAt, language, followedAt }
 *   dossier:watch:hot             followed codes due soon or recently changed, scored by when to poll them next
 *   dossier:watch                 the other followed codes, scored by when to poll them next
 *   dossier:owner:<userId>:<code> the user proved with the second factor that the dossier is theirs (a year)
 * A followed code is in exactly one of the two watch sets.
 */

export interface Subscription {
  userId: string;
  code: string;
  /** Last status the user was told about ('' until the first successful look-up). */
  status: DossierStatus | '';
  /** When that status was recorded; part of the exactly-once claim key. */
  changedAt: number;
  language: Language;
  /** The follower proved ownership (second factor): notices may name the procedure, agency and dates. */
  ownerVerified: boolean;
}

const OWNERSHIP_TTL_MS = 365 * 86_400_000;
const ownerKey = (userId: string, code: string) => `dossier:owner:${userId}:${code}`;

export const WATCH_KEY = 'dossier:watch';
export const HOT_WATCH_KEY = 'dossier:watch:hot';
export type WatchSet = 'hot' | 'cold';
const watchKey = (set: WatchSet) => (set === 'hot' ? HOT_WATCH_KEY : WATCH_KEY);

/** Why a subscription ended: the citizen asked, or the dossier reached a final status. */
export type UnfollowReason = 'citizen' | 'final';
export type NoneFollowedListener = (userId: string, reason: UnfollowReason) => Promise<void>;
const followsKey = (userId: string) => `dossier:follows:${userId}`;
const followersKey = (code: string) => `dossier:followers:${code}`;
const subKey = (userId: string, code: string) => `dossier:sub:${userId}:${code}`;

export type FollowOutcome = 'followed' | 'already' | 'limit';

export class FollowRegistry {
  private readonly noneFollowed: NoneFollowedListener[] = [];

  constructor(
    private readonly store: Store,
    private readonly maxPerUser: number,
  ) {}

  /** Called when a user's last subscription ends (notify/ deletes the phone kept for notices). */
  whenNoneFollowed(listener: NoneFollowedListener): void {
    this.noneFollowed.push(listener);
  }

  async follow(userId: string, code: string, language: Language, status: DossierStatus | '', now: number): Promise<FollowOutcome> {
    if (await this.store.sismember(followsKey(userId), code)) return 'already';
    if ((await this.store.scard(followsKey(userId))) >= this.maxPerUser) return 'limit';
    await this.store.sadd(followsKey(userId), code);
    // Checked again after adding: two simultaneous follows must not pass the limit together.
    if ((await this.store.scard(followsKey(userId))) > this.maxPerUser) {
      await this.store.srem(followsKey(userId), code);
      return 'limit';
    }
    await this.store.hset(subKey(userId, code), { status, changedAt: String(now), language, followedAt: String(now) });
    await this.store.sadd(followersKey(code), userId);
    // Just followed counts as recently changed: polled promptly from now on.
    if ((await this.store.zscore(WATCH_KEY, code)) === null && (await this.store.zscore(HOT_WATCH_KEY, code)) === null) await this.store.zadd(HOT_WATCH_KEY, now, code);
    return 'followed';
  }

  /** Ends one subscription; true when it existed. */
  async unfollow(userId: string, code: string, reason: UnfollowReason = 'citizen'): Promise<boolean> {
    const removed = await this.store.srem(followsKey(userId), code);
    await this.store.del(subKey(userId, code));
    await this.store.srem(followersKey(code), userId);
    if ((await this.store.scard(followersKey(code))) === 0) {
      await this.store.zrem(WATCH_KEY, code);
      await this.store.zrem(HOT_WATCH_KEY, code);
    }
    if (removed > 0 && (await this.store.scard(followsKey(userId))) === 0) {
      for (const listener of this.noneFollowed) await listener(userId, reason);
    }
    return removed > 0;
  }

  /** Ends every subscription of a user; returns the codes. */
  async unfollowAll(userId: string): Promise<string[]> {
    const codes = await this.store.smembers(followsKey(userId));
    for (const code of codes) await this.unfollow(userId, code);
    return codes;
  }

  async codesOf(userId: string): Promise<string[]> {
    return (await this.store.smembers(followsKey(userId))).sort();
  }

  async followersOf(code: string): Promise<string[]> {
    return this.store.smembers(followersKey(code));
  }

  async subscription(userId: string, code: string): Promise<Subscription | null> {
    const h = await this.store.hgetall(subKey(userId, code));
    if (h.changedAt === undefined) return null;
    const ownerVerified = await this.ownerProven(userId, code);
    return { userId, code, status: (h.status ?? '') as Subscription['status'], changedAt: Number(h.changedAt), language: h.language === 'en' ? 'en' : 'vi', ownerVerified };
  }

  /** Whether the user's second factor matched this dossier within the ownership's lifetime. */
  async ownerProven(userId: string, code: string): Promise<boolean> {
    return this.store.exists(ownerKey(userId, code));
  }

  /** The user's second factor matched this dossier; remembered whether or not they follow it (yet). */
  async recordOwnership(userId: string, code: string): Promise<void> {
    await this.store.set(ownerKey(userId, code), '1', { ttlMs: OWNERSHIP_TTL_MS });
  }

  async recordStatus(userId: string, code: string, status: DossierStatus, at: number): Promise<void> {
    if (!(await this.store.exists(subKey(userId, code)))) return;
    await this.store.hset(subKey(userId, code), { status, changedAt: String(at) });
  }

  /** Codes of one watch set due by `dueBy`, most overdue first, at most `limit`. */
  async dueCodes(set: WatchSet, dueBy: number, limit: number): Promise<string[]> {
    if (limit <= 0) return [];
    return (await this.store.zrangeByScore(watchKey(set), Number.NEGATIVE_INFINITY, dueBy, limit)).map((e) => e.member);
  }

  /** When to poll a code next, and in which set; a code no one follows any more leaves both. */
  async schedule(code: string, nextAt: number, set: WatchSet): Promise<void> {
    if ((await this.store.scard(followersKey(code))) === 0) {
      await this.store.zrem(WATCH_KEY, code);
      await this.store.zrem(HOT_WATCH_KEY, code);
      return;
    }
    await this.store.zadd(watchKey(set), nextAt, code);
    await this.store.zrem(watchKey(set === 'hot' ? 'cold' : 'hot'), code);
  }

  /** How many followed codes each set holds (the watcher's demand on the one-stop system). */
  async watchSizes(): Promise<{ hot: number; cold: number }> {
    return { hot: await this.store.zcard(HOT_WATCH_KEY), cold: await this.store.zcard(WATCH_KEY) };
  }
}
