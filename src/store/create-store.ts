import type { Logger } from 'pino';
import { MemoryStore } from './memory-store.js';
import type { Store } from './ports.js';
import { RedisStore } from './redis-store.js';

/** Redis when REDIS_URL is set, else the in-process store (the caller warns that state is not shared). */
export function createStore(config: { REDIS_URL?: string; REDIS_PREFIX: string }, logger: Logger): Store {
  if (config.REDIS_URL) return new RedisStore({ url: config.REDIS_URL, prefix: config.REDIS_PREFIX, logger });
  return new MemoryStore();
}
