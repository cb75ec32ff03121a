import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import { StoreUnavailableError, type Store } from '../store/ports.js';
import type { JobQueue } from '../store/queue.js';
import { verifyZaloSignature } from '../zalo/signature.js';
import { parseZaloEvent, eventIdentity, eventUserId, type ZaloEvent } from '../zalo/events.js';
import type { Metrics } from '../observability/metrics.js';
import { FixedWindowLimiter } from './rate-limit.js';

export const WEBHOOK_PATH = '/webhook/zalo';
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;
const DEDUPE_TTL_MS = 24 * 3600 * 1000;

/** What the webhook hands to the worker: the typed event and where it came from. */
export interface EventJob {
  identity: string;
  event: ZaloEvent;
  acceptedAt: number;
  requestId: string;
  retry: number;
}

export interface WebhookDeps {
  appId: string;
  oaId?: string;
  oaSecretKey: string;
  store: Store;
  queue: JobQueue<EventJob>;
  metrics: Metrics;
  logger: Logger;
  rateLimitPerMinute: number;
}

/** Events that carry nothing for the bot to do; acknowledged without queueing. */
const IGNORED_KINDS = new Set(['user_received_message', 'user_seen_message', 'user_reacted_message', 'oa_reacted_message']);

/**
 * The one module that owns the webhook's HTTP: guards in the order method → per-IP rate limit →
 * content type → body size → signature, then parse, dedupe and durable enqueue before answering 200.
 * Bad input never yields a 5xx; only an unreachable store does (503, so that Zalo redelivers).
 */
export function createWebhookRouter(deps: WebhookDeps): Router {
  const router = express.Router();
  const limiter = new FixedWindowLimiter(deps.rateLimitPerMinute, 60_000);
  const rawBody = express.raw({ type: () => true, limit: MAX_WEBHOOK_BODY_BYTES });

  const reject = (req: Request, res: Response, status: number, reason: string, detail?: Record<string, unknown>) => {
    deps.metrics.webhookRejected.inc({ reason });
    const level = status === 401 ? 'warn' : 'info';
    deps.logger[level]({ reqId: req.id, ip: req.ip, reason, status, ...detail }, 'webhook rejected');
    res.status(status).json({ error: reason });
  };

  router.all(WEBHOOK_PATH, (req, res, next) => {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return reject(req, res, 405, 'method_not_allowed');
    }
    if (!limiter.take(req.ip ?? 'unknown')) {
      res.setHeader('Retry-After', '60');
      return reject(req, res, 429, 'rate_limited');
    }
    if (!req.is('application/json')) return reject(req, res, 415, 'unsupported_media_type', { contentType: req.headers['content-type'] });
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_WEBHOOK_BODY_BYTES) return reject(req, res, 413, 'body_too_large');
    next();
  });

  router.post(WEBHOOK_PATH, rawBody, async (req: Request, res: Response) => {
    const started = process.hrtime.bigint();
    const raw: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const sig = verifyZaloSignature(raw, req.get('x-zevent-signature'), deps.appId, deps.oaSecretKey);
    if (!sig.ok) {
      if (sig.reason === 'bad_json') return reject(req, res, 400, 'malformed_json');
      return reject(req, res, 401, 'signature', { check: sig.reason });
    }

    const parsed = parseZaloEvent(sig.body, deps.oaId);
    if (!parsed.ok) {
      // Signed by Zalo but not in a shape we know: a 4xx would only make Zalo resend it and, in the end,
      // unsubscribe the webhook. Acknowledge and log it for a developer to look at.
      deps.metrics.webhookRejected.inc({ reason: 'unrecognised_event' });
      deps.logger.warn({ reqId: req.id, problem: parsed.error }, 'signed event not understood; acknowledged without handling');
      res.status(200).json({ ok: true, handled: false });
      return;
    }
    const event = parsed.event;
    if (event.kind === 'unknown') {
      deps.logger.debug({ reqId: req.id, eventName: event.eventName }, 'unknown webhook event acknowledged');
      res.status(200).json({ ok: true });
      return;
    }
    deps.metrics.eventsReceived.inc({ event: event.kind });
    if (IGNORED_KINDS.has(event.kind)) {
      res.status(200).json({ ok: true });
      return;
    }

    const identity = eventIdentity(event);
    const retry = Number(req.get('num_retry') ?? 0) || 0;
    const dedupeKey = `evt:${identity}`;
    try {
      const first = await deps.store.setIfAbsent(dedupeKey, '1', DEDUPE_TTL_MS);
      if (!first) {
        deps.metrics.duplicates.inc();
        deps.logger.debug({ reqId: req.id, identity, retry }, 'duplicate event ignored');
        res.status(200).json({ ok: true, duplicate: true });
        return;
      }
      try {
        await deps.queue.add({
          id: identity,
          orderKey: eventUserId(event, deps.oaId) ?? identity,
          data: { identity, event, acceptedAt: Date.now(), requestId: String(req.id), retry },
        });
      } catch (err) {
        // Not queued: forget the dedupe mark so that Zalo's redelivery is accepted.
        await deps.store.del(dedupeKey).catch(() => undefined);
        throw err;
      }
    } catch (err) {
      const unavailable = err instanceof StoreUnavailableError || /ECONNREFUSED|Connection is closed|ETIMEDOUT|MaxRetriesPerRequest|offline queue/i.test(String((err as Error)?.message));
      deps.logger.error({ reqId: req.id, err: (err as Error).message }, unavailable ? 'store unreachable: event not acknowledged' : 'event could not be queued');
      deps.metrics.webhookRejected.inc({ reason: 'store_unavailable' });
      res.setHeader('Retry-After', '30');
      res.status(503).json({ error: 'temporarily_unavailable' });
      return;
    }
    deps.metrics.webhookAck.observe(Number(process.hrtime.bigint() - started) / 1e9);
    res.status(200).json({ ok: true });
  });

  // Body parser failures (too large, aborted) are the client's fault: answer 4xx, never 500.
  router.use(WEBHOOK_PATH, (err: { type?: string; status?: number; message?: string }, req: Request, res: Response, _next: NextFunction) => {
    if (err.type === 'entity.too.large') return reject(req, res, 413, 'body_too_large');
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 400;
    return reject(req, res, status, 'bad_request', { problem: err.message });
  });

  return router;
}
