import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type Router } from 'express';
import type { Logger } from 'pino';
import { StoreUnavailableError } from '../store/ports.js';
import type { QueueJob } from '../store/queue.js';
import type { EventInbox } from '../store/event-inbox.js';
import { verifyZaloSignature } from '../zalo/signature.js';
import { parseZaloEvent, eventIdentity, eventUserId, type ZaloEvent } from '../zalo/events.js';
import type { Metrics } from '../observability/metrics.js';
import { cutIncomingText, MAX_TEXT } from '../dialogue/limits.js';
import { clientIp, type ProxyTrust } from './client-ip.js';
import { FixedWindowLimiter } from './rate-limit.js';

export const WEBHOOK_PATH = '/webhook/zalo';
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;
/** WEBHOOK_MAX_EVENT_AGE_S by default: a day, far beyond Zalo's retries (about 2 h, 12 h in an older source). */
export const DEFAULT_MAX_EVENT_AGE_S = 86_400;
/** How far ahead of our clock an event's timestamp may be (clock skew); further is refused like a stale one. */
export const MAX_EVENT_FUTURE_MS = 5 * 60_000;
const DEFAULT_BAD_REQUESTS_PER_IP_PER_MIN = 30;

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
  /**
   * Correctly signed events this instance accepts per minute, all senders together (WEBHOOK_RATE_LIMIT_PER_MIN).
   * Not per IP: Zalo delivers every OA's events from a few addresses.
   */
  eventsPerMinute: number;
  /** Requests per minute one address may send that fail before or at the signature (WEBHOOK_BAD_REQUESTS_PER_IP_PER_MIN). */
  badRequestsPerIpPerMinute?: number;
  /** Older events are acknowledged and dropped; dedupe marks live this long (plus the clock skew) (WEBHOOK_MAX_EVENT_AGE_S). */
  maxEventAgeS?: number;
  /** Reverse proxies whose X-Forwarded-For is believed (TRUSTED_PROXIES); default none. */
  trustProxy?: ProxyTrust;
  /** Zalo's text limit: a longer message text is cut before it is stored (ZALO_TEXT_MAX_CHARS). */
  maxTextChars?: number;
  /** Clock (tests). */
  now?: () => number;
  /** Set while shutting down: deliveries get 503 so that Zalo sends them again to a live instance. */
  isShuttingDown?: () => boolean;
}

/** Events that carry nothing for the bot to do; acknowledged without queueing. */
const IGNORED_KINDS = new Set(['user_received_message', 'user_seen_message', 'user_reacted_message', 'oa_reacted_message']);

function sendJson(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

const OK = '{"ok":true}';

/**
 * The one module that owns the webhook's HTTP, on plain node:http because it is the hot path (Express's
 * routing costs as much as the rest of the acknowledgement). Guards in the order: an address that keeps
 * failing → method → content type → body size → signature → the instance's limit of signed events → the
 * event's age, then parse, dedupe and durable enqueue before answering 200.
 * Bad input never yields a 5xx; only an unreachable store does (503, so that Zalo redelivers).
 */
export function createWebhookHandler(deps: WebhookDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const events = new FixedWindowLimiter(deps.eventsPerMinute, 60_000);
  const badRequests = new FixedWindowLimiter(deps.badRequestsPerIpPerMinute ?? DEFAULT_BAD_REQUESTS_PER_IP_PER_MIN, 60_000);
  const now = deps.now ?? Date.now;
  const maxAgeMs = (deps.maxEventAgeS ?? DEFAULT_MAX_EVENT_AGE_S) * 1000;
  // A replay is refused by the dedupe mark while the event is young enough to pass the age check, and by the
  // age check after: the mark must outlive the window (plus the skew allowed for a timestamp ahead of us).
  const dedupeTtlMs = maxAgeMs + MAX_EVENT_FUTURE_MS;
  const maxText = deps.maxTextChars ?? MAX_TEXT;
  const trustProxy = deps.trustProxy ?? (() => false);

  function reject(ctx: { reqId: string; ip: string }, res: ServerResponse, status: number, reason: string, detail?: Record<string, unknown>, headers?: Record<string, string>) {
    // Whatever fails before or at the signature is not Zalo: it counts against the sender's address.
    if (status !== 429 && status !== 503) badRequests.take(ctx.ip);
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
    if (!events.take('all')) return reject(ctx, res, 429, 'rate_limited', undefined, { 'Retry-After': '60' });
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
    // Too old (an event from 2020, or one captured and replayed after its dedupe mark expired) or from the
    // future: acknowledged with 200 so that Zalo stops resending it, and never handled.
    const age = now() - Number(event.timestamp);
    if (!(age <= maxAgeMs && age >= -MAX_EVENT_FUTURE_MS)) {
      const reason = age > maxAgeMs ? 'stale_event' : age < 0 ? 'future_event' : 'bad_timestamp';
      deps.metrics.webhookRejected.inc({ reason });
      deps.logger.warn({ reqId: ctx.reqId, ip: ctx.ip, reason, eventName: event.kind, timestamp: event.timestamp, ageS: Number.isFinite(age) ? Math.round(age / 1000) : null }, 'signed event outside the accepted time window; acknowledged without handling');
      return sendJson(res, 200, `{"ok":true,"handled":false,"reason":"${reason}"}`, { 'X-Request-Id': ctx.reqId });
    }
    deps.metrics.eventsReceived.inc({ event: event.kind });
    if (IGNORED_KINDS.has(event.kind)) return sendJson(res, 200, OK, { 'X-Request-Id': ctx.reqId });
    // Zalo's clients send no more than its text limit; a crafted longer text is cut before it is stored.
    if (event.kind === 'user_send_text' && event.message.text !== undefined && event.message.text.length > maxText) {
      event.message.text = cutIncomingText(event.message.text, maxText);
    }

    const identity = eventIdentity(event);
    const retry = Number(req.headers['num_retry'] ?? 0) || 0;
    const job: QueueJob<EventJob> = {
      id: identity,
      orderKey: eventUserId(event, deps.oaId) ?? identity,
      data: { identity, event, acceptedAt: Date.now(), requestId: ctx.reqId, retry },
    };
    try {
      const first = await deps.inbox.accept(job, dedupeTtlMs);
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
    const ctx = { reqId, ip: clientIp(req, trustProxy) };
    if (deps.isShuttingDown?.()) return sendJson(res, 503, '{"error":"shutting_down"}', { Connection: 'close', 'X-Request-Id': reqId });
    // An address that keeps failing is refused before its body is read or hashed.
    if (badRequests.exhausted(ctx.ip)) return reject(ctx, res, 429, 'too_many_bad_requests', undefined, { 'Retry-After': '60' });
    if (req.method !== 'POST') return reject(ctx, res, 405, 'method_not_allowed', undefined, { Allow: 'POST' });
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
