import type { Logger } from 'pino';
import type { FollowerRegistry } from '../bot/ports.js';
import type { Store } from '../store/ports.js';
import type { FollowersPage, FollowersQuery } from '../zalo/client.js';
import { TAG_PATTERN, ZaloUserId, type TagImportReport, type TagInfo } from '../admin/api-types.js';
import type { Audience } from './types.js';

/**
 * Followers of the OA, their last interaction and their tags (commune/ward, topics), kept as Store
 * sets so every instance sees the same audience. A sync pages through Zalo's user list (reference §6)
 * and saves its offset after every page, so a crash resumes where it stopped.
 */

export const FOLLOWERS_KEY = 'followers';
const SYNC_KEY = 'followers:sync';
const SYNC_LOCK = 'lock:followers:sync';
const SYNC_LOCK_TTL_MS = 60_000;
/** getlist refuses offsets beyond about 10 000 (one source: 9 951); beyond it, filters are needed. */
export const GETLIST_OFFSET_LIMIT = 10_000;
const PAGE = 50;

const followerKey = (userId: string) => `follower:${userId}`;
const tagKey = (tag: string) => `tag:${tag}`;
const userTagsKey = (userId: string) => `follower-tags:${userId}`;
const TAGS_KEY = 'tags';

export { TAG_PATTERN };
/** Rows a CSV import takes at most (one request). */
export const MAX_IMPORT_ROWS = 50_000;

export type FetchFollowersPage = (query: FollowersQuery) => Promise<FollowersPage>;

export interface FollowerSyncState {
  status: 'idle' | 'running' | 'done' | 'busy';
  offset: number;
  total: number | null;
  added: number;
  startedAt: string | null;
  finishedAt: string | null;
  /** Zalo would not page further although more followers exist. */
  offsetLimitReached: boolean;
  lastError: string | null;
}

export interface FollowerInfo {
  userId: string;
  follower: boolean;
  followedAt: number | null;
  unfollowedAt: number | null;
  lastInteractionAt: number | null;
  tags: string[];
}

function num(v: string | undefined): number | null {
  return v === undefined || v === '' ? null : Number(v);
}

export class StoreFollowerRegistry implements FollowerRegistry {
  private readonly log: Logger;

  constructor(
    private readonly store: Store,
    logger: Logger,
    private readonly fetchPage?: FetchFollowersPage,
  ) {
    this.log = logger.child({ module: 'followers' });
  }

  async follow(userId: string, at: number): Promise<void> {
    await this.store.sadd(FOLLOWERS_KEY, userId);
    await this.store.hset(followerKey(userId), { followedAt: String(at), lastInteractionAt: String(at) });
    await this.store.hdel(followerKey(userId), 'unfollowedAt');
  }

  async unfollow(userId: string, at: number): Promise<void> {
    await this.store.srem(FOLLOWERS_KEY, userId);
    await this.store.hset(followerKey(userId), { unfollowedAt: String(at) });
  }

  async touch(userId: string, at: number): Promise<void> {
    const current = Number((await this.store.hget(followerKey(userId), 'lastInteractionAt')) ?? 0);
    if (current >= at) return;
    await this.store.hset(followerKey(userId), { lastInteractionAt: String(at) });
  }

  /** The user withdrew consent: everything about them goes. */
  async forget(userId: string): Promise<void> {
    await this.store.srem(FOLLOWERS_KEY, userId);
    for (const tag of await this.store.smembers(userTagsKey(userId))) await this.store.srem(tagKey(tag), userId);
    await this.store.del(followerKey(userId), userTagsKey(userId));
  }

  async isFollower(userId: string): Promise<boolean> {
    return this.store.sismember(FOLLOWERS_KEY, userId);
  }

  async count(): Promise<number> {
    return this.store.scard(FOLLOWERS_KEY);
  }

  async info(userId: string): Promise<FollowerInfo> {
    const [h, follower, tags] = await Promise.all([this.store.hgetall(followerKey(userId)), this.isFollower(userId), this.tagsOf(userId)]);
    return { userId, follower, followedAt: num(h.followedAt), unfollowedAt: num(h.unfollowedAt), lastInteractionAt: num(h.lastInteractionAt), tags: tags.sort() };
  }

  async tagsOf(userId: string): Promise<string[]> {
    return this.store.smembers(userTagsKey(userId));
  }

  async addTags(userId: string, tags: string[]): Promise<void> {
    for (const tag of tags) {
      if (!TAG_PATTERN.test(tag)) throw new Error(`invalid tag "${tag}"`);
      await this.store.sadd(tagKey(tag), userId);
      await this.store.sadd(userTagsKey(userId), tag);
      await this.store.sadd(TAGS_KEY, tag);
    }
  }

  async removeTags(userId: string, tags: string[]): Promise<void> {
    for (const tag of tags) {
      await this.store.srem(tagKey(tag), userId);
      await this.store.srem(userTagsKey(userId), tag);
    }
  }

  /** Replaces the user's tags with exactly these. */
  async setTags(userId: string, tags: string[]): Promise<void> {
    const current = new Set(await this.tagsOf(userId));
    const wanted = new Set(tags);
    await this.removeTags(userId, [...current].filter((t) => !wanted.has(t)));
    await this.addTags(userId, [...wanted].filter((t) => !current.has(t)));
  }

  /** Every tag with the number of users carrying it (former followers included: they may follow again). */
  async tagCounts(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const tag of (await this.store.smembers(TAGS_KEY)).sort()) out[tag] = await this.store.scard(tagKey(tag));
    return out;
  }

  /** Tags that exist (created in the console, by an import, or given to a follower). */
  async knownTags(): Promise<Set<string>> {
    return new Set(await this.store.smembers(TAGS_KEY));
  }

  /** The tags of `tags` that do not exist: an audience naming one would silently reach nobody. */
  async unknownTags(tags: readonly string[]): Promise<string[]> {
    const known = await this.knownTags();
    return tags.filter((t) => !known.has(t));
  }

  /** Creates an empty tag (so it can be chosen before anyone carries it); false when it existed. */
  async createTag(tag: string): Promise<boolean> {
    if (!TAG_PATTERN.test(tag)) throw new Error(`invalid tag "${tag}"`);
    return (await this.store.sadd(TAGS_KEY, tag)) > 0;
  }

  /** Every tag with its members and the current followers among them (who an announcement to it reaches). */
  async tagList(): Promise<TagInfo[]> {
    const followers = new Set(await this.store.smembers(FOLLOWERS_KEY));
    const out: TagInfo[] = [];
    for (const tag of (await this.store.smembers(TAGS_KEY)).sort((a, b) => a.localeCompare(b, 'vi'))) {
      const members = await this.store.smembers(tagKey(tag));
      out.push({ tag, members: members.length, followers: members.filter((m) => followers.has(m)).length });
    }
    return out;
  }

  /** Gives `tag` to every listed user (e.g. the followers living in one commune); returns how many gained it. */
  async assignTag(tag: string, userIds: readonly string[]): Promise<number> {
    if (!TAG_PATTERN.test(tag)) throw new Error(`invalid tag "${tag}"`);
    let added = 0;
    await this.store.sadd(TAGS_KEY, tag);
    for (const id of new Set(userIds)) {
      if ((await this.store.sadd(tagKey(tag), id)) > 0) added++;
      await this.store.sadd(userTagsKey(id), tag);
    }
    return added;
  }

  /**
   * Reads "user_id,tag" rows (a header line, ";" as separator and quotes are accepted) and, with `apply`,
   * gives each user the tag. Every bad row is reported with its line number; nothing is applied when any is bad.
   */
  async importCsv(csv: string, apply: boolean): Promise<TagImportReport> {
    const { pairs, errors, rows } = parseTagCsv(csv);
    const known = await this.knownTags();
    const perTag: Record<string, number> = {};
    for (const p of pairs) perTag[p.tag] = (perTag[p.tag] ?? 0) + 1;
    const newTags = Object.keys(perTag).filter((t) => !known.has(t)).sort();
    const users = new Set(pairs.map((p) => p.userId)).size;
    const applied = apply && errors.length === 0 && pairs.length > 0;
    if (applied) {
      const byTag = new Map<string, string[]>();
      for (const p of pairs) byTag.set(p.tag, [...(byTag.get(p.tag) ?? []), p.userId]);
      for (const [tag, ids] of byTag) await this.assignTag(tag, ids);
    }
    return { rows, assignments: pairs.length, users, newTags, perTag, errors: errors.slice(0, 50), applied };
  }

  /**
   * The recipients of an audience, sorted so that a fan-out can resume after the last id it queued.
   * Tags select current followers carrying any of them; explicit ids are taken as given (staff chose them).
   */
  async resolve(audience: Audience): Promise<string[]> {
    let ids: string[];
    if ('all' in audience) {
      ids = await this.store.smembers(FOLLOWERS_KEY);
    } else if ('tags' in audience) {
      const followers = new Set(await this.store.smembers(FOLLOWERS_KEY));
      const out = new Set<string>();
      for (const tag of audience.tags) for (const id of await this.store.smembers(tagKey(tag))) if (followers.has(id)) out.add(id);
      ids = [...out];
    } else {
      ids = [...new Set(audience.userIds)];
    }
    return ids.sort();
  }

  async syncState(): Promise<FollowerSyncState> {
    const h = await this.store.hgetall(SYNC_KEY);
    return {
      status: (h.status as FollowerSyncState['status']) ?? 'idle',
      offset: Number(h.offset ?? 0),
      total: num(h.total),
      added: Number(h.added ?? 0),
      startedAt: h.startedAt ? new Date(Number(h.startedAt)).toISOString() : null,
      finishedAt: h.finishedAt ? new Date(Number(h.finishedAt)).toISOString() : null,
      offsetLimitReached: h.offsetLimitReached === '1',
      lastError: h.lastError ?? null,
    };
  }

  /**
   * Pages through Zalo's follower list into the registry, once across instances (a Store lock).
   * An interrupted run (status still "running") continues from its saved offset.
   */
  async sync(now: () => number = Date.now): Promise<FollowerSyncState> {
    if (!this.fetchPage) throw new Error('follower sync needs the Zalo user list');
    const lock = await this.store.tryLock(SYNC_LOCK, SYNC_LOCK_TTL_MS);
    if (!lock) return { ...(await this.syncState()), status: 'busy' };
    try {
      const state = await this.store.hgetall(SYNC_KEY);
      let offset = 0;
      if (state.status === 'running') {
        offset = Number(state.offset ?? 0);
        this.log.info({ offset }, 'follower sync resumes an interrupted run');
      } else {
        await this.store.del(SYNC_KEY);
        await this.store.hset(SYNC_KEY, { status: 'running', offset: '0', added: '0', startedAt: String(now()) });
      }
      for (;;) {
        let page: FollowersPage;
        try {
          page = await this.fetchPage({ offset, count: PAGE, is_follower: true });
        } catch (err) {
          await this.store.hset(SYNC_KEY, { lastError: (err as Error).message });
          this.log.warn({ offset, err: (err as Error).message }, 'follower sync stopped; the next run resumes here');
          throw err;
        }
        const ids = page.users.map((u) => u.user_id);
        if (ids.length > 0) {
          const added = await this.store.sadd(FOLLOWERS_KEY, ...ids);
          if (added > 0) await this.store.hincrBy(SYNC_KEY, 'added', added);
        }
        offset += ids.length;
        await this.store.hset(SYNC_KEY, { offset: String(offset), total: String(page.total) });
        await lock.extend(SYNC_LOCK_TTL_MS);
        if (ids.length === 0 || offset >= page.total) break;
        if (offset >= GETLIST_OFFSET_LIMIT) {
          await this.store.hset(SYNC_KEY, { offsetLimitReached: '1' });
          this.log.warn({ offset, total: page.total }, 'Zalo user list cannot be paged beyond its offset limit: the rest needs tag or period filters');
          break;
        }
      }
      await this.store.hset(SYNC_KEY, { status: 'done', finishedAt: String(now()) });
      await this.store.hdel(SYNC_KEY, 'lastError');
      const result = await this.syncState();
      this.log.info({ offset: result.offset, total: result.total, added: result.added }, 'follower sync finished');
      return result;
    } finally {
      await lock.release();
    }
  }
}

const HEADER = /^\s*"?(user_?id|zalo_?id|ma|mã)/i;

/** Parses the tag import CSV: one "user_id,tag" pair a line. */
export function parseTagCsv(csv: string): { pairs: { userId: string; tag: string }[]; errors: { line: number; message: string }[]; rows: number } {
  const pairs: { userId: string; tag: string }[] = [];
  const errors: { line: number; message: string }[] = [];
  const seen = new Set<string>();
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
  let rows = 0;
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim() || (i === 0 && HEADER.test(raw))) return;
    rows++;
    if (rows > MAX_IMPORT_ROWS) {
      if (rows === MAX_IMPORT_ROWS + 1) errors.push({ line, message: `Tối đa ${MAX_IMPORT_ROWS} dòng mỗi lần nhập.` });
      return;
    }
    const cells = raw.split(/[;,\t]/).map((c) => c.trim().replace(/^"(.*)"$/, '$1').trim());
    const [userId = '', tag = ''] = cells;
    if (cells.length < 2 || !tag) return void errors.push({ line, message: 'Thiếu nhãn: mỗi dòng gồm mã người dùng Zalo và nhãn, cách nhau bằng dấu phẩy.' });
    if (!ZaloUserId.safeParse(userId).success) return void errors.push({ line, message: `Mã người dùng Zalo không hợp lệ: "${userId.slice(0, 40)}".` });
    if (!TAG_PATTERN.test(tag)) return void errors.push({ line, message: `Nhãn không hợp lệ: "${tag.slice(0, 60)}" (chữ, số, khoảng trắng hoặc _.:/-, tối đa 50 ký tự).` });
    const key = `${userId}\u0000${tag}`;
    if (seen.has(key)) return;
    seen.add(key);
    pairs.push({ userId, tag });
  });
  return { pairs, errors, rows };
}
