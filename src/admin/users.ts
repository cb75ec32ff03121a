import { randomUUID } from 'node:crypto';
import type { Store } from '../store/ports.js';
import type { Role } from './auth.js';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';

export interface AdminUser {
  id: string;
  username: string;
  role: Role;
  passwordHash: string;
  createdAt: number;
  createdBy: string;
  /** The staff member's own Zalo user id (a follower of the OA): announcement test sends may go to it. */
  testRecipientId?: string;
  /** A demo account the simulator seeded (password "simulator"); a real start refuses a store that holds one. */
  simulator?: true;
}

export type PublicUser = Omit<AdminUser, 'passwordHash'>;

export const USERNAME_RE = /^[a-z0-9][a-z0-9._-]{1,39}$/;
export const ROLES: readonly Role[] = ['admin', 'staff'];

/** Fixed demo password of the simulator's seeded accounts (documented, never used outside simulator mode). */
export const SIMULATOR_PASSWORD = 'simulator';

export class UserError extends Error {
  constructor(
    readonly field: 'username' | 'password' | 'role' | 'testRecipientId',
    message: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

const userKey = (username: string) => `admin:user:${username}`;

/** Seeded by the simulator: marked since this version, recognisable by its creator in stores seeded before. */
export function isSimulatorAccount(user: Pick<AdminUser, 'createdBy' | 'simulator'>): boolean {
  return user.simulator === true || user.createdBy === 'simulator';
}
const ALL = 'admin:users';

/** Console accounts in the store. Passwords are kept only as scrypt hashes. */
export class UserDirectory {
  constructor(private readonly store: Store) {}

  static toPublic(u: AdminUser): PublicUser {
    const { passwordHash: _h, ...rest } = u;
    return rest;
  }

  async get(username: string): Promise<AdminUser | null> {
    const raw = await this.store.get(userKey(username.toLowerCase()));
    return raw ? (JSON.parse(raw) as AdminUser) : null;
  }

  async list(): Promise<PublicUser[]> {
    const names = (await this.store.smembers(ALL)).sort();
    const users = await Promise.all(names.map((n) => this.get(n)));
    return users.filter((u): u is AdminUser => u !== null).map(UserDirectory.toPublic);
  }

  /** Creates a user; `replace` lets the CLI reset an existing account's password and role. */
  async create(input: { username: string; password: string; role: Role; createdBy: string; replace?: boolean; simulator?: boolean }): Promise<PublicUser> {
    const username = input.username.trim().toLowerCase();
    if (!USERNAME_RE.test(username)) throw new UserError('username', 'Tên đăng nhập gồm 2–40 ký tự: chữ thường không dấu, số, ".", "_" hoặc "-".');
    if (!ROLES.includes(input.role)) throw new UserError('role', 'Vai trò phải là admin hoặc staff.');
    const problem = passwordProblem(input.password, username);
    if (problem && !input.simulator) throw new UserError('password', problem);
    const existing = await this.get(username);
    if (existing && !input.replace) throw new UserError('username', 'Tên đăng nhập đã có.');
    const user: AdminUser = {
      id: existing?.id ?? randomUUID(),
      username,
      role: input.role,
      passwordHash: await hashPassword(input.password),
      createdAt: existing?.createdAt ?? Date.now(),
      // Resetting a simulator account makes it a real one: it loses the mark and its simulator origin.
      createdBy: existing && !isSimulatorAccount(existing) ? existing.createdBy : input.createdBy,
      ...(input.simulator ? { simulator: true as const } : {}),
      ...(existing?.testRecipientId ? { testRecipientId: existing.testRecipientId } : {}),
    };
    await this.store.set(userKey(username), JSON.stringify(user));
    await this.store.sadd(ALL, username);
    return UserDirectory.toPublic(user);
  }

  private async put(user: AdminUser): Promise<void> {
    await this.store.set(userKey(user.username), JSON.stringify(user));
  }

  /** Changes a user's role; the user's console sessions end with it (see SessionManager). Null when unknown. */
  async setRole(username: string, role: Role): Promise<{ before: Role; user: PublicUser } | null> {
    if (!ROLES.includes(role)) throw new UserError('role', 'Vai trò phải là admin hoặc staff.');
    const user = await this.get(username);
    if (!user) return null;
    const before = user.role;
    await this.put({ ...user, role });
    return { before, user: UserDirectory.toPublic({ ...user, role }) };
  }

  /** Registers (or with null, removes) the user's own Zalo id as an announcement test recipient. Null when unknown. */
  async setTestRecipient(username: string, zaloUserId: string | null): Promise<{ before: string | null; user: PublicUser } | null> {
    const user = await this.get(username);
    if (!user) return null;
    const before = user.testRecipientId ?? null;
    const { testRecipientId: _old, ...rest } = user;
    const next: AdminUser = zaloUserId ? { ...rest, testRecipientId: zaloUserId } : rest;
    await this.put(next);
    return { before, user: UserDirectory.toPublic(next) };
  }

  /** Every registered test recipient, with the console user who registered it. */
  async testRecipients(): Promise<{ username: string; userId: string }[]> {
    const names = await this.store.smembers(ALL);
    const users = await Promise.all(names.map((n) => this.get(n)));
    return users.flatMap((u) => (u?.testRecipientId ? [{ username: u.username, userId: u.testRecipientId }] : []));
  }

  async remove(username: string): Promise<boolean> {
    const removed = await this.store.del(userKey(username.toLowerCase()));
    await this.store.srem(ALL, username.toLowerCase());
    return removed > 0;
  }

  /** The user when the password matches; a missing user costs the same scrypt work so timing does not reveal it. */
  async authenticate(username: string, password: string): Promise<AdminUser | null> {
    const user = await this.get(username);
    if (!user) {
      await verifyPassword(password, DUMMY_HASH);
      return null;
    }
    return (await verifyPassword(password, user.passwordHash)) ? user : null;
  }

  /** Simulator only: demo accounts `admin` and `staff`, both with the documented password "simulator", marked as such. */
  async seedSimulatorAccounts(): Promise<void> {
    for (const role of ROLES) {
      if (!(await this.get(role))) await this.create({ username: role, password: SIMULATOR_PASSWORD, role, createdBy: 'simulator', simulator: true });
    }
  }
}

// A well-formed hash of a random password, so unknown users go through a real scrypt check.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
