import type { Language } from '../dialogue/types.js';
import type { Store } from '../store/ports.js';
import type { DossierStatus } from './types.js';

/**
 * Dossier subscriptions in the store:
 *   dossier:follows:<userId>      set of codes the user follows
 *   dossier:followers:<code>      set of users following the code
 *   dossier:sub:<userId>:<code>   hash { status, changedAt, language, followedAt }
 *   dossier:watch                 sorted set of followed codes, scored by when they were last polled
 */

export interface Subscription {
  userId: string;
  code: string;
  /** Last status the user was told about ('' until the first successful look-up). */
  status: DossierStatus | '';
  /** When that status was recorded; part of the exactly-once claim key. */
  changedAt: number;
  language: Language;
}

export const WATCH_KEY = 'dossier:watch';
const followsKey = (userId: string) => `dossier:follows:${userId}`;
const followersKey = (code: string) => `dossier:followers:${code}`;
const subKey = (userId: string, code: string) => `dossier:sub:${userId}:${code}`;

export type FollowOutcome = 'followed' | 'already' | 'limit';

export class FollowRegistry {
  constructor(
    private readonly store: Store,
    private readonly maxPerUser: number,
  ) {}

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
    if ((await this.store.zscore(WATCH_KEY, code)) === null) await this.store.zadd(WATCH_KEY, now, code);
    return 'followed';
  }

  /** Ends one subscription; true when it existed. */
  async unfollow(userId: string, code: string): Promise<boolean> {
    const removed = await this.store.srem(followsKey(userId), code);
    await this.store.del(subKey(userId, code));
    await this.store.srem(followersKey(code), userId);
    if ((await this.store.scard(followersKey(code))) === 0) await this.store.zrem(WATCH_KEY, code);
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
    return { userId, code, status: (h.status ?? '') as Subscription['status'], changedAt: Number(h.changedAt), language: h.language === 'en' ? 'en' : 'vi' };
  }

  async recordStatus(userId: string, code: string, status: DossierStatus, at: number): Promise<void> {
    if (!(await this.store.exists(subKey(userId, code)))) return;
    await this.store.hset(subKey(userId, code), { status, changedAt: String(at) });
  }

  /** Codes not polled since `polledBefore`, oldest first, at most `limit`. */
  async dueCodes(polledBefore: number, limit: number): Promise<string[]> {
    return (await this.store.zrangeByScore(WATCH_KEY, Number.NEGATIVE_INFINITY, polledBefore, limit)).map((e) => e.member);
  }

  async markPolled(code: string, at: number): Promise<void> {
    if ((await this.store.scard(followersKey(code))) === 0) {
      await this.store.zrem(WATCH_KEY, code);
      return;
    }
    await this.store.zadd(WATCH_KEY, at, code);
  }
}
