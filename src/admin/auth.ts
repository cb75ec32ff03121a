import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { sameSecret } from '../http/same-secret.js';

export type Role = 'admin' | 'staff';

export interface AuthUser {
  id: string;
  username: string;
  role: Role;
  via: 'token' | 'session';
}

declare module 'express-serve-static-core' {
  interface Request {
    user?: AuthUser;
  }
}

/** Resolves a console session (cookie) to its user; supplied by the console's session module. */
export type SessionResolver = (req: Request) => Promise<AuthUser | null>;

export interface AuthOptions {
  /** ADMIN_API_TOKEN: a bearer token with the admin role, for automation. */
  adminApiToken?: string;
  resolveSession?: SessionResolver;
}

/** Authentication and role checks for /admin routes: 401 without a valid identity, 403 for a wrong role. */
export function createAuth(opts: AuthOptions) {
  async function identify(req: Request): Promise<AuthUser | null> {
    const header = req.get('authorization');
    if (header?.startsWith('Bearer ')) {
      const token = header.slice(7).trim();
      if (opts.adminApiToken && sameSecret(token, opts.adminApiToken)) return { id: 'api-token', username: 'api-token', role: 'admin', via: 'token' };
      return null;
    }
    return opts.resolveSession ? opts.resolveSession(req) : null;
  }

  function requireRole(...roles: Role[]): RequestHandler {
    return async (req: Request, res: Response, next: NextFunction) => {
      try {
        const user = await identify(req);
        if (!user) return void res.status(401).json({ error: 'unauthenticated' });
        if (roles.length > 0 && !roles.includes(user.role)) return void res.status(403).json({ error: 'forbidden' });
        req.user = user;
        next();
      } catch (err) {
        next(err);
      }
    };
  }

  return { identify, requireRole };
}

export type Auth = ReturnType<typeof createAuth>;
