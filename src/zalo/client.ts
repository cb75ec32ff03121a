import type { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import axios, { type AxiosInstance, type AxiosRequestConfig, type AxiosResponse } from 'axios';
import type { Logger } from 'pino';
import type { Reply } from '../dialogue/types.js';
import { maskId } from '../observability/logger.js';
import { ZaloApiError, isRetryLater } from './errors.js';
import { buildOutgoingMessages, type WireMessage, type ZaloMessageLimits } from './messages.js';
import { TokenBucket } from './rate-limiter.js';
import type { AccessTokenSource } from './token-manager.js';

/**
 * The Zalo OA Open API client (reference §3, §4, §6): one axios instance whose interceptors add the
 * access token and turn the `{error, message, data}` envelope into typed errors (HTTP 200 is not
 * success). Transient failures are retried with exponential backoff and full jitter, a rejected token
 * is refreshed once, out-of-window and permanent failures are never retried.
 */

export interface ZaloRetryOptions {
  /** Total tries for transient failures, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface ZaloClientOptions {
  baseUrl: string;
  tokens: AccessTokenSource;
  logger: Logger;
  limits: ZaloMessageLimits;
  timeoutMs?: number;
  /** ZALO_RATE_LIMIT_PER_MIN; omitted means no client-side limit. */
  rateLimitPerMinute?: number;
  retry?: Partial<ZaloRetryOptions>;
  /** Field for quoting a user's message; unconfirmed by Zalo (reference §3.2), hence a setting. */
  quoteField?: string;
  /** Metrics hook: every failed call, labelled by Zalo code or `http_<status>` / `network` / `timeout`. */
  onError?: (code: string, err: ZaloApiError) => void;
  /** Metrics hook: every message Zalo accepted. */
  onSent?: (info: { endpoint: 'cs' | 'promotion'; messageId: string }) => void;
  sleep?: (ms: number) => Promise<void>;
  /** Connection reuse for high call rates (broadcasts): e.g. a keep-alive agent; default Node's global agents. */
  httpAgent?: HttpAgent;
  httpsAgent?: HttpsAgent;
  /** Zalo's API does not redirect; false skips axios's redirect wrapper, which costs CPU on every call. Default true. */
  followRedirects?: boolean;
}

export interface SendOptions {
  /** Quote this user message in the first part (the user's `msg_id`). */
  quoteMessageId?: string;
}

export interface FollowersQuery {
  offset?: number;
  /** At most 50 (Zalo's limit). */
  count?: number;
  tag_name?: string;
  /** TODAY, YESTERDAY, L7D, L30D or "YYYY_MM_DD:YYYY_MM_DD". */
  last_interaction_period?: string;
  is_follower?: boolean;
}

export interface FollowersPage {
  total: number;
  count: number;
  offset: number;
  users: { user_id: string }[];
}

export interface ZaloUserDetail {
  user_id: string;
  user_id_by_app?: string;
  display_name?: string;
  user_alias?: string;
  user_is_follower?: boolean;
  user_last_interaction_date?: string;
  avatar?: string;
  tags_and_notes_info?: { tag_names?: string[]; notes?: string[] };
  shared_info?: Record<string, unknown>;
  [field: string]: unknown;
}

interface Envelope<T> {
  error?: number | string;
  message?: string;
  data?: T;
}

const DEFAULT_RETRY: ZaloRetryOptions = { attempts: 3, baseDelayMs: 250, maxDelayMs: 4000 };
const MAX_PAGE = 50;

/** The access token each failed request carried, kept off the error object so it can never be logged. */
const tokenUsedBy = new WeakMap<ZaloApiError, string>();
/** The socket-level code (ECONNREFUSED, ECONNRESET, …) of a network failure. */
const networkCodeOf = new WeakMap<ZaloApiError, string>();

/** Network failures that happen before a request can have reached Zalo: retrying them cannot send twice. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Whether a failed send may still have reached the user: a timeout, or a connection lost after the request
 * went out. Such a send is not repeated blindly; the caller asks the conversation history first.
 */
export function sendMayHaveLanded(err: ZaloApiError): boolean {
  if (err.source === 'timeout') return true;
  if (err.source !== 'network') return false;
  const code = networkCodeOf.get(err);
  return code === undefined || !NOT_SENT_CODES.has(code);
}

function endpointOf(config: AxiosRequestConfig | undefined): string | undefined {
  return config?.url?.split('?')[0];
}

function headerToken(config: AxiosRequestConfig | undefined): string | undefined {
  const h = config?.headers as Record<string, unknown> | { get?: (k: string) => unknown } | undefined;
  if (!h) return undefined;
  const v = typeof (h as { get?: unknown }).get === 'function' ? (h as { get: (k: string) => unknown }).get('access_token') : (h as Record<string, unknown>).access_token;
  return typeof v === 'string' ? v : undefined;
}

function envelopeError(data: unknown): { code: number; message: string } | null {
  if (typeof data !== 'object' || data === null || !('error' in data)) return null;
  const env = data as Envelope<unknown>;
  const code = Number(env.error);
  if (!Number.isFinite(code) || code === 0) return null;
  return { code, message: typeof env.message === 'string' ? env.message : 'Zalo API error' };
}

function toZaloError(err: unknown): ZaloApiError {
  if (err instanceof ZaloApiError) return err;
  if (axios.isAxiosError(err)) {
    const endpoint = endpointOf(err.config);
    let out: ZaloApiError;
    if (err.response) {
      const env = envelopeError(err.response.data);
      out = env
        ? new ZaloApiError({ code: env.code, message: env.message, source: 'envelope', httpStatus: err.response.status, endpoint })
        : new ZaloApiError({ code: 0, message: `Zalo API answered HTTP ${err.response.status}`, source: 'http', httpStatus: err.response.status, endpoint });
    } else {
      const timeout = err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT';
      out = new ZaloApiError({ code: 0, message: `Zalo API ${timeout ? 'timed out' : 'unreachable'}: ${err.code ?? err.message}`, source: timeout ? 'timeout' : 'network', endpoint });
    }
    const token = headerToken(err.config);
    if (token) tokenUsedBy.set(out, token);
    if (err.code) networkCodeOf.set(out, err.code);
    return out;
  }
  return new ZaloApiError({ code: 0, message: `Zalo API call failed: ${(err as Error)?.message ?? String(err)}`, source: 'network', cause: err });
}

export class ZaloClient {
  private readonly http: AxiosInstance;
  private readonly retry: ZaloRetryOptions;
  private readonly limiter?: TokenBucket;
  private readonly log: Logger;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly opts: ZaloClientOptions) {
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.log = opts.logger.child({ module: 'zalo-client' });
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    if (opts.rateLimitPerMinute) this.limiter = new TokenBucket(opts.rateLimitPerMinute);

    this.http = axios.create({
      baseURL: opts.baseUrl.replace(/\/+$/, ''),
      timeout: opts.timeoutMs ?? 5000,
      headers: { 'Content-Type': 'application/json' },
      httpAgent: opts.httpAgent,
      httpsAgent: opts.httpsAgent,
      ...(opts.followRedirects === false ? { maxRedirects: 0 } : {}),
    });
    this.http.interceptors.request.use(async (config) => {
      await this.limiter?.take();
      config.headers.set('access_token', await opts.tokens.getAccessToken());
      return config;
    });
    this.http.interceptors.response.use(
      (res: AxiosResponse) => {
        const env = envelopeError(res.data);
        if (!env) return res;
        const err = new ZaloApiError({ code: env.code, message: env.message, source: 'envelope', httpStatus: res.status, endpoint: endpointOf(res.config) });
        const token = headerToken(res.config);
        if (token) tokenUsedBy.set(err, token);
        throw err;
      },
      (err: unknown) => {
        throw toZaloError(err);
      },
    );
  }

  /** Full jitter: a random delay between 0 and the capped exponential step. */
  private backoff(attempt: number): number {
    const cap = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
    return Math.floor(Math.random() * cap);
  }

  /** `once`: a message send, never repeated by this client when it may already have reached the user. */
  private async call<T>(config: AxiosRequestConfig, mode: 'idempotent' | 'once' = 'idempotent'): Promise<T> {
    let attempt = 0;
    let refreshed = false;
    for (;;) {
      attempt += 1;
      try {
        const res = await this.http.request<Envelope<T>>(config);
        return (res.data?.data ?? ({} as T)) as T;
      } catch (raw) {
        const err = toZaloError(raw);
        this.opts.onError?.(err.label, err);
        const meta = { endpoint: err.endpoint ?? endpointOf(config), code: err.code, httpStatus: err.httpStatus, kind: err.kind, attempt };
        if (err.kind === 'token' && !refreshed) {
          refreshed = true;
          this.log.warn(meta, 'Zalo rejected the access token: refreshing once and retrying');
          await this.opts.tokens.refreshAfterRejection(tokenUsedBy.get(err) ?? '');
          attempt -= 1;
          continue;
        }
        // A broken token chain backs off for seconds to minutes: retrying within this call cannot help.
        if (err.kind === 'transient' && attempt < this.retry.attempts && !isRetryLater(err) && !(mode === 'once' && sendMayHaveLanded(err))) {
          const delay = this.backoff(attempt);
          this.log.warn({ ...meta, delayMs: delay }, 'transient Zalo API failure: retrying');
          await this.sleep(delay);
          continue;
        }
        if (isRetryLater(err)) this.log.debug(meta, 'not sent: the Zalo token chain is broken (logged once a minute by the token manager)');
        else this.log.warn(meta, err.kind === 'window' ? 'user is outside the Zalo reply window: not sent' : 'Zalo API call failed');
        throw err;
      }
    }
  }

  private async post(endpoint: 'cs' | 'promotion', userId: string, message: WireMessage): Promise<string> {
    const data = await this.call<{ message_id?: string | number }>(
      {
        method: 'POST',
        url: `/v3.0/oa/message/${endpoint}`,
        data: { recipient: { user_id: userId }, message },
      },
      'once',
    );
    const messageId = data.message_id === undefined ? '' : String(data.message_id);
    this.opts.onSent?.({ endpoint, messageId });
    return messageId;
  }

  /** The consultation messages one Reply becomes: a long text is split, within Zalo's limits. */
  partsOf(reply: Reply): WireMessage[] {
    return buildOutgoingMessages(reply, this.opts.limits, this.log);
  }

  /** Sends one consultation message (one part of a reply); its message id. */
  async sendPart(userId: string, message: WireMessage): Promise<{ messageId: string }> {
    return { messageId: await this.post('cs', userId, message) };
  }

  /** A GET of the OA API whose parameters travel as one `data` JSON query parameter (reference §0); the envelope's `data`. */
  getData<T>(url: string, data: Record<string, unknown>): Promise<T> {
    return this.call<T>({ method: 'GET', url, params: { data: JSON.stringify(data) } });
  }

  /** Sends one Reply as consultation messages (split when long); ids in sending order. */
  async sendReply(userId: string, reply: Reply, opts: SendOptions = {}): Promise<{ messageIds: string[] }> {
    const parts = this.partsOf(reply);
    const messageIds: string[] = [];
    for (const [i, part] of parts.entries()) {
      const message: WireMessage = i === 0 && opts.quoteMessageId ? { ...part, [this.opts.quoteField ?? 'quote_message_id']: opts.quoteMessageId } : part;
      try {
        messageIds.push(await this.post('cs', userId, message));
      } catch (err) {
        const zerr = toZaloError(err);
        zerr.sentMessageIds = [...messageIds];
        throw zerr;
      }
    }
    this.log.debug({ user: maskId(userId), parts: parts.length }, 'reply sent');
    return { messageIds };
  }

  sendText(userId: string, text: string, opts?: SendOptions): Promise<{ messageIds: string[] }> {
    return this.sendReply(userId, { text, buttons: [] }, opts);
  }

  sendImage(userId: string, imageUrl: string, caption = ''): Promise<{ messageIds: string[] }> {
    return this.sendReply(userId, { text: caption, buttons: [], imageUrl });
  }

  /** A promotion message (build it with buildPromotionMessage); only followers, never at night (-234). */
  async sendPromotion(userId: string, message: WireMessage): Promise<{ messageId: string }> {
    return { messageId: await this.post('promotion', userId, message) };
  }

  async getFollowers(query: FollowersQuery = {}): Promise<FollowersPage> {
    const q: Record<string, unknown> = { offset: query.offset ?? 0, count: Math.min(MAX_PAGE, Math.max(1, query.count ?? MAX_PAGE)) };
    if (query.tag_name) q.tag_name = query.tag_name;
    if (query.last_interaction_period) q.last_interaction_period = query.last_interaction_period;
    if (query.is_follower !== undefined) q.is_follower = String(query.is_follower);
    const data = await this.getData<{ total?: number | string; count?: number | string; offset?: number | string; users?: { user_id?: string | number }[] }>('/v3.0/oa/user/getlist', q);
    const users = (data.users ?? []).filter((u) => u.user_id !== undefined && u.user_id !== null).map((u) => ({ user_id: String(u.user_id) }));
    return { total: Number(data.total ?? users.length), count: Number(data.count ?? users.length), offset: Number(data.offset ?? q.offset), users };
  }

  /**
   * A POST with the OA token and the envelope handling of every call, for endpoints whose wire format another
   * module owns (notify/: template messages, ZNS on the business host — an absolute URL — and the quota check).
   */
  postJson<T>(url: string, body: unknown, mode: 'idempotent' | 'once' = 'idempotent'): Promise<T> {
    return this.call<T>({ method: 'POST', url, data: body }, mode);
  }

  async getUserDetail(userId: string): Promise<ZaloUserDetail> {
    const data = await this.getData<Record<string, unknown>>('/v3.0/oa/user/detail', { user_id: userId });
    const out: ZaloUserDetail = { ...data, user_id: String(data.user_id ?? userId) };
    if (data.user_id_by_app !== undefined && data.user_id_by_app !== null) out.user_id_by_app = String(data.user_id_by_app);
    return out;
  }
}
