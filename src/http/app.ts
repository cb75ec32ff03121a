import { randomUUID } from 'node:crypto';
import express, { type Express, type NextFunction, type Request, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import type { Metrics } from '../observability/metrics.js';
import type { ProxyTrust } from './client-ip.js';
import { sameSecret } from './same-secret.js';

declare module 'express-serve-static-core' {
  interface Request {
    id: string;
  }
}

export interface ReadinessCheck {
  name: string;
  check: () => Promise<void>;
}

export interface AppDeps {
  logger: Logger;
  metrics: Metrics;
  readiness: ReadinessCheck[];
  /** Informational details shown by /readyz (never make it red), e.g. which notice channels are configured. */
  readinessInfo?: { name: string; describe: () => Promise<unknown> }[];
  /** Routers mounted in order after the health routes (webhook, admin, simulator...). */
  routers: Router[];
  /** Set while shutting down: new requests get 503 so a load balancer moves on. */
  isShuttingDown?: () => boolean;
  /** Reverse proxies whose X-Forwarded-For sets `req.ip` (TRUSTED_PROXIES); default none. */
  trustProxy?: ProxyTrust;
  /**
   * Who may read /metrics: with a token (METRICS_TOKEN) only `Authorization: Bearer <token>`; without one,
   * everyone when `open` (development, simulator), no one otherwise (production). Default: no one.
   */
  metricsAccess?: { token?: string; open: boolean };
  /** Strict-Transport-Security on every response (NODE_ENV=production). */
  hsts?: boolean;
}

/** One year; not includeSubDomains: other hosts of the province's domain may still serve plain HTTP. */
const HSTS = 'max-age=31536000';

/** What production changes in every response: HSTS, and /metrics only with METRICS_TOKEN. */
export function httpPolicy(config: { NODE_ENV: string; METRICS_TOKEN?: string }): Pick<AppDeps, 'metricsAccess' | 'hsts'> {
  const production = config.NODE_ENV === 'production';
  return { metricsAccess: { token: config.METRICS_TOKEN, open: !production }, hsts: production };
}

/** The Express application: request ids, health, readiness, metrics, then the feature routers. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  const trust = deps.trustProxy;
  app.set('trust proxy', trust ? (addr: string) => trust(addr) : false);

  app.use((req: Request, res: Response, next: NextFunction) => {
    const incoming = req.get('x-request-id');
    req.id = incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', req.id);
    if (deps.hsts) res.setHeader('Strict-Transport-Security', HSTS);
    if (deps.isShuttingDown?.() && req.path !== '/healthz') {
      res.setHeader('Connection', 'close');
      res.status(503).json({ error: 'shutting_down' });
      return;
    }
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    const results = await Promise.all(
      deps.readiness.map(async (c) => {
        try {
          await Promise.race([c.check(), new Promise((_, rej) => setTimeout(() => rej(new Error('timed out')), 2000).unref())]);
          return { name: c.name, ok: true as const };
        } catch (err) {
          return { name: c.name, ok: false as const, error: (err as Error).message };
        }
      }),
    );
    const ready = results.every((r) => r.ok);
    const details: Record<string, unknown> = {};
    for (const info of deps.readinessInfo ?? []) details[info.name] = await info.describe().catch((err: Error) => ({ error: err.message }));
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', checks: results, ...(deps.readinessInfo ? { details } : {}) });
  });

  const metricsAccess = deps.metricsAccess ?? { open: false };
  app.get('/metrics', async (req, res) => {
    if (metricsAccess.token) {
      const header = req.get('authorization') ?? '';
      if (!header.startsWith('Bearer ') || !sameSecret(header.slice(7).trim(), metricsAccess.token)) {
        res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
        return void res.status(401).json({ error: 'unauthenticated' });
      }
    } else if (!metricsAccess.open) {
      return void res.status(404).json({ error: 'not_found' });
    }
    res.setHeader('Content-Type', deps.metrics.registry.contentType);
    res.send(await deps.metrics.registry.metrics());
  });

  for (const r of deps.routers) app.use(r);

  app.use((_req, res) => {
    res.status(404).json({ error: 'not_found' });
  });

  // Last-resort handler: a bug in a route becomes a logged 500, never a crashed process.
  app.use((err: Error & { status?: number; type?: string }, req: Request, res: Response, _next: NextFunction) => {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status >= 500) deps.logger.error({ reqId: req.id, err }, 'unhandled error in request');
    if (!res.headersSent) res.status(status).json({ error: status >= 500 ? 'internal_error' : (err.type ?? 'bad_request') });
  });
  return app;
}
