import type { Logger } from 'pino';
import type { Store } from '../store/ports.js';

/**
 * Citizens' Zalo display names for the staff inbox (Zalo user detail, reference §6), cached in the store so
 * an inbox refresh costs no API call. A failed look-up is remembered briefly and shows no name.
 */

const key = (userId: string) => `zalo:display-name:${userId}`;
const TTL_MS = 24 * 3600 * 1000;
const MISS_TTL_MS = 10 * 60 * 1000;
const MISS = '\u0000';

export interface UserDetailSource {
  getUserDetail(userId: string): Promise<{ display_name?: string }>;
}

export class DisplayNames {
  constructor(
    private readonly store: Store,
    private readonly zalo: UserDetailSource,
    private readonly logger: Logger,
  ) {}

  async nameOf(userId: string): Promise<string | null> {
    const cached = await this.store.get(key(userId));
    if (cached !== null) return cached === MISS ? null : cached;
    try {
      const name = (await this.zalo.getUserDetail(userId)).display_name?.trim().slice(0, 100) || null;
      await this.store.set(key(userId), name ?? MISS, { ttlMs: name ? TTL_MS : MISS_TTL_MS });
      return name;
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'Zalo user detail failed: inbox shows no display name');
      await this.store.set(key(userId), MISS, { ttlMs: MISS_TTL_MS });
      return null;
    }
  }

  async forget(userId: string): Promise<void> {
    await this.store.del(key(userId));
  }
}
