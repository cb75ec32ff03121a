import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import express, { type Router } from 'express';
import type { Logger } from 'pino';
import { StoreUnavailableError } from '../store/ports.js';
import type { QueueJob } from '../store/queue.js';
import type { EventInbox } from '../store/event-inbox.js';
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
  /** Dedupes and durably queues an event in one store operation. */
  inbox: Pick<EventInbox<EventJob>, 'accept'>;
  metrics: Metrics;
  logger: Logger;
  rateLimitPerMinute: number;
  /** Set while shutting down: deliveries get 503 so that Zalo sends them again to a live instance. */
  isShuttingDown?: () => boolean;
}

/** Events that carry nothing for the bot to do; acknowledged without queueing. */
const IGNORED_KINDS = new Set(['user_received_message', 'user_seen_message', 'user_reacted_message', 'oa_reacted_message']);

/** Peers whose X-Forwarded-For is believed (a reverse proxy on the same host or network), as Express's trust proxy. */
function isTrustedProxy(ip: string): boolean {
  const v4 = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  if (isIP(v4) === 4) return /^(127\.|10\.|192\.168\.|169\.254\.|172\.(1[6-9]|2\d|3[01])\.)/.test(v4);
  return ip === '::1' || /^f[cd]/i.test(ip) || /^fe80:/i.test(ip);
}

/** The client's address: the socket peer, or the nearest untrusted hop of X-Forwarded-For behind a trusted proxy. */
export function clientIp(req: IncomingMessage): string {
  let ip = req.socket.remoteAddress ?? 'unknown';
  const xff = req.headers['x-forwarded-for'];
  if (typeof xff === 'string' && isTrustedProxy(ip)) {
    const hops = xff.split(',').map((h) => h.trim()).filter(Boolean);
    for (let i = hops.length - 1; i >= 0; i--) {
      ip = hops[i]!;
      if (!isTrustedProxy(ip)) break;
    }
  }
  return ip;
}

function sendJson(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

const OK = '{"ok":true}';

/**
 * The one module that owns the webhook's HTTP, on plain node:http because it is the hot path (Express's
 * routing costs as much as the rest of the acknowledgement). Guards in the order method → per-IP rate
 * limit → content type → body size → signature, then parse, dedupe and durable enqueue before answering 200.
 * Bad input never yields a 5xx; only an unreachable store does (503, so that Zalo redelivers).
 */
export function createWebhookHandler(deps: WebhookDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const limiter = new FixedWindowLimiter(deps.rateLimitPerMinute, 60_000);

  function reject(ctx: { reqId: string; ip: string }, res: ServerResponse, status: number, reason: string, detail?: Record<string, unknown>, headers?: Record<string, string>) {
    deps.metrics.webhookRejected.inc({ reason });
    const level = status === 401 ? 'warn' : 'info';
    deps.logger[level]({ reqId: ctx.reqId, ip: ctx.ip, reason, status, ...detail }, 'webhook rejected');
    sendJson(res, status, JSON.stringify({ error: reason }), { 'X-Request-Id': ctx.reqId, ...headers });
  }

  async function accept(raw: Buffer, req: IncomingMessage, res: ServerResponse, ctx: { reqId: string; ip: string }, started: bigint): Promise<void> {
    const sig = verifyZaloSignature(raw, req.headers['x-zevent-signature'] as string | undefined, deps.appId, deps.oaSecretKey);
    if (!sig.ok) {
      if (sig.reason === 'bad_json') return reject(ctx, res, 400, 'malformed_json');
      return reject(ctx, res, 401, 'signature', { check: sig.reason });
    }
    const parsed = parseZaloEvent(sig.body, deps.oaId);
    if (!parsed.ok) {
      // Signed by Zalo but not in a shape we know: a 4xx would only make Zalo resend it and, in the end,
      // unsubscribe the webhook. Acknowledge and log it for a developer to look at.
      deps.metrics.webhookRejected.inc({ reason: 'unrecognised_event' });
      deps.logger.warn({ reqId: ctx.reqId, problem: parsed.error }, 'signed event not understood; acknowledged without handling');
      return sendJson(res, 200, '{"ok":true,"handled":false}', { 'X-Request-Id': ctx.reqId });
    }
    const event = parsed.event;
    if (event.kind === 'unknown') {
      deps.logger.debug({ reqId: ctx.reqId, eventName: event.eventName }, 'unknown webhook event acknowledged');
      return sendJson(res, 200, OK, { 'X-Request-Id': ctx.reqId });
    }
    deps.metrics.eventsReceived.inc({ event: event.kind });
    if (IGNORED_KINDS.has(event.kind)) return sendJson(res, 200, OK, { 'X-Request-Id': ctx.reqId });

    const identity = eventIdentity(event);
    const retry = Number(req.headers['num_retry'] ?? 0) || 0;
    const job: QueueJob<EventJob> = {
      id: identity,
      orderKey: eventUserId(event, deps.oaId) ?? identity,
      data: { identity, event, acceptedAt: Date.now(), requestId: ctx.reqId, retry },
    };
    try {
      const first = await deps.inbox.accept(job, DEDUPE_TTL_MS);
      if (!first) {
        deps.metrics.duplicates.inc();
        deps.logger.debug({ reqId: ctx.reqId, identity, retry }, 'duplicate event ignored');
        return sendJson(res, 200, '{"ok":true,"duplicate":true}', { 'X-Request-Id': ctx.reqId });
      }
    } catch (err) {
      const unavailable = err instanceof StoreUnavailableError || /ECONNREFUSED|Connection is closed|ETIMEDOUT|MaxRetriesPerRequest|offline queue/i.test(String((err as Error)?.message));
      deps.logger.error({ reqId: ctx.reqId, err: (err as Error).message }, unavailable ? 'store unreachable: event not acknowledged' : 'event could not be queued');
      deps.metrics.webhookRejected.inc({ reason: 'store_unavailable' });
      return sendJson(res, 503, '{"error":"temporarily_unavailable"}', { 'Retry-After': '30', 'X-Request-Id': ctx.reqId });
    }
    deps.metrics.webhookAck.observe(Number(process.hrtime.bigint() - started) / 1e9);
    sendJson(res, 200, OK, { 'X-Request-Id': ctx.reqId });
  }

  return function handleWebhook(req: IncomingMessage, res: ServerResponse): void {
    const started = process.hrtime.bigint();
    const incomingId = req.headers['x-request-id'];
    const reqId = typeof incomingId === 'string' && /^[\w.-]{1,64}$/.test(incomingId) ? incomingId : randomUUID();
    const ctx = { reqId, ip: clientIp(req) };
    if (deps.isShuttingDown?.()) return sendJson(res, 503, '{"error":"shutting_down"}', { Connection: 'close', 'X-Request-Id': reqId });
    if (req.method !== 'POST') return reject(ctx, res, 405, 'method_not_allowed', undefined, { Allow: 'POST' });
    if (!limiter.take(ctx.ip)) return reject(ctx, res, 429, 'rate_limited', undefined, { 'Retry-After': '60' });
    const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json' && !type.endsWith('+json')) return reject(ctx, res, 415, 'unsupported_media_type', { contentType: req.headers['content-type'] });
    if (Number(req.headers['content-length'] ?? 0) > MAX_WEBHOOK_BODY_BYTES) {
      res.setHeader('Connection', 'close');
      return reject(ctx, res, 413, 'body_too_large');
    }

    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > MAX_WEBHOOK_BODY_BYTES) {
        tooLarge = true;
        res.setHeader('Connection', 'close');
        reject(ctx, res, 413, 'body_too_large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () => undefined);
    req.on('end', () => {
      if (tooLarge || res.headersSent) return;
      accept(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size), req, res, ctx, started).catch((err: Error) => {
        // A bug, not bad input: logged as such, answered 503 so that the event is delivered again.
        deps.logger.error({ reqId, err: err.message }, 'webhook handler failed');
        if (!res.headersSent) sendJson(res, 503, '{"error":"temporarily_unavailable"}', { 'X-Request-Id': reqId });
      });
    });
  };
}

/** The same receiver mounted in an Express app (tests, and any deployment that routes everything through Express). */
export function createWebhookRouter(deps: WebhookDeps): Router {
  const handle = createWebhookHandler(deps);
  const router = express.Router();
  router.all(WEBHOOK_PATH, (req, res) => handle(req, res));
  return router;
}

/** True when a raw request is for the webhook (path exactly, any query string). */
export function isWebhookRequest(req: IncomingMessage): boolean {
  const url = req.url ?? '';
  return url === WEBHOOK_PATH || url.startsWith(`${WEBHOOK_PATH}?`);
}
