import { createHash, randomBytes } from 'node:crypto';
import { sameSecret } from '../http/same-secret.js';
import type { Request, Response } from 'express';
import type { Store } from '../store/ports.js';
import type { AuthUser, Role } from './auth.js';

export const SESSION_COOKIE = 'zb_admin';
/** Marks a browser that has logged in to an account (see LoginThrottle); sent only to the login route. */
export const DEVICE_COOKIE = 'zb_device';
export const CSRF_HEADER = 'x-csrf-token';
const LOGIN_PATH = '/admin/api/login';

interface StoredSession {
  userId: string;
  username: string;
  role: Role;
  csrf: string;
  createdAt: number;
}

export interface ConsoleSession extends StoredSession {
  user: AuthUser;
}

/** The store keeps only a hash of the cookie value: a leaked store dump does not yield live sessions. */
export const SESSION_KEY_PREFIX = 'admin:session:';
const keyOf = (token: string) => `${SESSION_KEY_PREFIX}${createHash('sha256').update(token).digest('hex')}`;

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    const name = part.slice(0, i).trim();
    const value = part.slice(i + 1).trim();
    if (!name || name in out) continue;
    try {
      out[name] = decodeURIComponent(value);
    } catch {
      out[name] = value;
    }
  }
  return out;
}

export const sameToken = sameSecret;

export interface SessionOptions {
  ttlMs: number;
  secure: boolean;
  /**
   * The account as it is now. A session lives only while its account exists with the same id and role: a
   * deleted user's session kept working (it created an announcement), and a demoted admin kept admin rights.
   */
  currentUser: (username: string) => Promise<{ id: string; role: Role } | null>;
}

/**
 * Console sessions: an opaque random cookie (HttpOnly, SameSite=Strict, Secure behind https) mapped to
 * the user in the store, with a per-session CSRF token the page sends back in `X-CSRF-Token`.
 */
export class SessionManager {
  constructor(
    private readonly store: Store,
    private readonly opts: SessionOptions,
  ) {}

  private cookie(name: string, value: string, path: string, maxAgeS: number): string {
    const parts = [`${name}=${value}`, `Path=${path}`, 'HttpOnly', 'SameSite=Strict', `Max-Age=${maxAgeS}`];
    if (this.opts.secure) parts.push('Secure');
    return parts.join('; ');
  }

  /** The known-device token a browser sent with a login attempt, if any. */
  deviceToken(req: Request): string | null {
    return parseCookies(req.get('cookie'))[DEVICE_COOKIE] ?? null;
  }

  rememberDevice(res: Response, token: string, ttlMs: number): void {
    res.append('Set-Cookie', this.cookie(DEVICE_COOKIE, token, LOGIN_PATH, Math.floor(ttlMs / 1000)));
  }

  async create(res: Response, user: { id: string; username: string; role: Role }): Promise<{ csrf: string }> {
    const token = randomBytes(32).toString('base64url');
    const csrf = randomBytes(24).toString('base64url');
    const session: StoredSession = { userId: user.id, username: user.username, role: user.role, csrf, createdAt: Date.now() };
    await this.store.set(keyOf(token), JSON.stringify(session), { ttlMs: this.opts.ttlMs });
    res.append('Set-Cookie', this.cookie(SESSION_COOKIE, token, '/admin', Math.floor(this.opts.ttlMs / 1000)));
    return { csrf };
  }

  private tokenOf(req: Request): string | null {
    const token = parseCookies(req.get('cookie'))[SESSION_COOKIE];
    return token && /^[A-Za-z0-9_-]{20,100}$/.test(token) ? token : null;
  }

  async resolve(req: Request): Promise<ConsoleSession | null> {
    const token = this.tokenOf(req);
    if (!token) return null;
    const raw = await this.store.get(keyOf(token));
    if (!raw) return null;
    const s = JSON.parse(raw) as StoredSession;
    const account = await this.opts.currentUser(s.username);
    if (!account || account.id !== s.userId || account.role !== s.role) {
      await this.store.del(keyOf(token));
      return null;
    }
    return { ...s, user: { id: s.userId, username: s.username, role: s.role, via: 'session' } };
  }

  async destroy(req: Request, res: Response): Promise<void> {
    const token = this.tokenOf(req);
    if (token) await this.store.del(keyOf(token));
    res.append('Set-Cookie', this.cookie(SESSION_COOKIE, '', '/admin', 0));
  }
}
