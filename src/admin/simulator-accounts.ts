import { ConfigError } from '../config.js';
import type { Store } from '../store/ports.js';
import { SIMULATOR_REFRESH_TOKEN_PREFIX } from '../sim/fake-zalo-api.js';
import { TOKEN_CHAIN_KEY, TOKEN_KEY } from '../zalo/token-manager.js';
import { SESSION_KEY_PREFIX } from './sessions.js';
import { ROLES, UserDirectory, isSimulatorAccount, type PublicUser } from './users.js';

/**
 * What a simulator leaves in a store: its demo accounts (password "simulator") and its fake Zalo token pair.
 * The simulator keeps its own store, but a store that an older version (or a misconfigured production start)
 * ran the simulator on holds them; a real start refuses such a store until `remove-simulator-accounts` ran.
 */

export interface SimulatorLeftovers {
  accounts: PublicUser[];
  /** The Zalo token record is the simulator's (a real start would never seed its own pair over it). */
  zaloToken: boolean;
}

export interface RemovedLeftovers {
  accounts: PublicUser[];
  sessions: number;
  zaloToken: boolean;
}

export async function findSimulatorLeftovers(store: Store): Promise<SimulatorLeftovers> {
  const users = new UserDirectory(store);
  const listed = await users.list();
  // The demo names are read directly too, in case the account list lost them.
  const direct = await Promise.all(ROLES.filter((r) => !listed.some((u) => u.username === r)).map((r) => users.get(r)));
  const all = [...listed, ...direct.filter((u) => u !== null).map(UserDirectory.toPublic)];
  const token = await store.get(TOKEN_KEY);
  let zaloToken = false;
  if (token) {
    try {
      zaloToken = String((JSON.parse(token) as { refreshToken?: unknown }).refreshToken ?? '').startsWith(SIMULATOR_REFRESH_TOKEN_PREFIX);
    } catch {
      zaloToken = false;
    }
  }
  return { accounts: all.filter(isSimulatorAccount), zaloToken };
}

function hasSimulatorLeftovers(found: SimulatorLeftovers): boolean {
  return found.accounts.length > 0 || found.zaloToken;
}

/**
 * A real start on a store the simulator used would offer its demo logins (and its fake token pair) in production:
 * it refuses with one line saying how to clean the store.
 */
export async function refuseSimulatorLeftovers(store: Store, prefix: string): Promise<void> {
  const found = await findSimulatorLeftovers(store);
  if (!hasSimulatorLeftovers(found)) return;
  const what = [
    found.accounts.length > 0 ? `the simulator's demo accounts ${found.accounts.map((a) => a.username).join(', ')} (password "simulator")` : '',
    found.zaloToken ? "the simulator's Zalo token pair" : '',
  ]
    .filter(Boolean)
    .join(' and ');
  throw new ConfigError(`Refusing to start: the store (REDIS_PREFIX ${JSON.stringify(prefix)}) holds ${what}; run \`npm run admin -- remove-simulator-accounts\` with the same REDIS_URL and REDIS_PREFIX, then start again`);
}

/** Removes the simulator's accounts, their console sessions and its token record. Idempotent. */
export async function removeSimulatorLeftovers(store: Store): Promise<RemovedLeftovers> {
  const found = await findSimulatorLeftovers(store);
  const users = new UserDirectory(store);
  for (const account of found.accounts) await users.remove(account.username);

  const ids = new Set(found.accounts.map((a) => a.id));
  const names = new Set(found.accounts.map((a) => a.username));
  let sessions = 0;
  if (found.accounts.length > 0) {
    for (const key of await store.scanKeys(`${SESSION_KEY_PREFIX}*`)) {
      const raw = await store.get(key);
      if (!raw) continue;
      let owner: { userId?: unknown; username?: unknown };
      try {
        owner = JSON.parse(raw) as typeof owner;
      } catch {
        continue;
      }
      if (ids.has(String(owner.userId)) || names.has(String(owner.username))) sessions += await store.del(key);
    }
  }
  if (found.zaloToken) await store.del(TOKEN_KEY, TOKEN_CHAIN_KEY);
  return { accounts: found.accounts, sessions, zaloToken: found.zaloToken };
}
