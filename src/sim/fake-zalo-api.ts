import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import express, { type Router } from 'express';

/** One message the bot sent, as the fake OA API received it on the wire. */
export interface RecordedMessage {
  seq: number;
  /** `template`: template message by user id; `zns`: by phone number (userId is the phone's owner when known). */
  endpoint: 'cs' | 'promotion' | 'transaction' | 'template' | 'zns';
  userId: string;
  message: Record<string, unknown>;
  messageId: string;
  at: number;
}

export interface FakeZaloOptions {
  appId: string;
  appSecret: string;
  /** Initial token pair; refreshes rotate both, as the real OAuth server does. */
  accessToken: string;
  refreshToken: string;
  expiresInS?: number;
  /** Users who follow the OA (getlist); others answer -213 to promotion messages. */
  followers?: string[];
  /** Display names answered by user/detail; others get "Người dùng <last 4 digits>". */
  displayNames?: Record<string, string>;
  /** The OA's id, as `from_id` in the conversation history. */
  oaId?: string;
  /** Zalo's clock, for the ZNS night rule (-133 from 22:00 to 06:00 Vietnam time). */
  now?: () => number;
}

/** A template Zalo knows: approved or not, and whether it may be sent by user id (else -249). */
export interface FakeTemplate {
  approved: boolean;
  byUid: boolean;
}

/** Every refresh token the simulator issues starts with this, so a real start can recognise a simulator's token record. */
export const SIMULATOR_REFRESH_TOKEN_PREFIX = 'sim-rt-';

const ok = (data: unknown) => ({ error: 0, message: 'Success', data });

/** A recorded send as the conversation history shows it (reference §3.9). */
function conversationItem(m: RecordedMessage, oaId: string) {
  const payload = (m.message.attachment as { payload?: { template_type?: string; elements?: { type?: string; content?: string; url?: string }[] } } | undefined)?.payload;
  const text = typeof m.message.text === 'string' ? m.message.text : '';
  const template = payload?.template_type;
  const message = template === 'promotion' || template === 'transaction' ? (payload?.elements ?? []).map((e) => e.content ?? '').filter(Boolean).join('\n') : text;
  const type = template === 'media' && !text ? 'photo' : template && template !== 'media' ? 'template' : 'text';
  return { src: 0, time: m.at, type, message, message_id: m.messageId, from_id: oaId, to_id: m.userId, from_display_name: 'OA', from_avatar: '', to_display_name: '', to_avatar: '' };
}
const fail = (error: number, message: string) => ({ error, message });

/**
 * A fake Zalo OA Open API and OAuth v4 server speaking the wire format of the reference: envelope
 * `{error, message, data}` with HTTP 200, `access_token` header, single-use refresh tokens.
 * Used by the simulator, the tests and the benchmarks; it records everything the bot sends.
 */
export class FakeZaloApi extends EventEmitter {
  readonly messages: RecordedMessage[] = [];
  readonly followers: Set<string>;
  accessToken: string;
  refreshToken: string;
  oauthCalls = 0;
  /** user/detail calls, by user id (tests check the inbox caches display names). */
  readonly userDetailCalls: string[] = [];
  /** Files the simulator's chat page uploaded (photos, voice), served back like Zalo's CDN serves media. */
  private readonly media = new Map<string, { type: string; bytes: Buffer }>();
  private seq = 0;
  /** Error code to answer for the next N sends (tests and fault drills). */
  private scriptedErrors: number[] = [];
  /** Templates and ZNS (reference §3.9): what Zalo approved, who is out of the 7-day window, quotas. */
  readonly templates = new Map<string, FakeTemplate>();
  /** Users whose last interaction is older than 7 days: consultation messages answer -230. */
  readonly outOfWindow = new Set<string>();
  /** Last interaction per user, as the quota call reports it. */
  readonly lastInteraction = new Map<string, number>();
  /** Phone (84…) → the Zalo user it belongs to; a phone not here has no Zalo account (-118). */
  readonly phoneOwners = new Map<string, string>();
  /** ZNS messages left today (-144 at 0) and whether the OA's balance ran out (-115). */
  znsQuota = { daily: 500, remaining: 500 };
  znsBalanceOut = false;
  private readonly scriptedByEndpoint = new Map<string, number[]>();

  constructor(private readonly opts: FakeZaloOptions) {
    super();
    this.setMaxListeners(0);
    this.accessToken = opts.accessToken;
    this.refreshToken = opts.refreshToken;
    this.followers = new Set(opts.followers ?? []);
  }

  /** Error codes for the next sends, in turn; 0 lets that send through (e.g. `failNextSends(0, -32)` fails the second). */
  failNextSends(...codes: number[]): void {
    this.scriptedErrors.push(...codes);
  }

  /** While set, every conversation-history call answers this error code (Zalo cannot be asked). */
  conversationError: number | null = null;
  /** Error codes to answer for the next sends of one endpoint (`template`, `zns`, `quota`). */
  failNext(endpoint: 'template' | 'zns' | 'quota', ...codes: number[]): void {
    this.scriptedByEndpoint.set(endpoint, [...(this.scriptedByEndpoint.get(endpoint) ?? []), ...codes]);
  }

  approveTemplate(templateId: string, opts: Partial<FakeTemplate> = {}): void {
    this.templates.set(templateId, { approved: opts.approved ?? true, byUid: opts.byUid ?? true });
  }

  private scripted(endpoint: string): number | undefined {
    return this.scriptedByEndpoint.get(endpoint)?.shift();
  }

  private record(rec: Omit<RecordedMessage, 'seq' | 'messageId' | 'at'>): RecordedMessage {
    const full: RecordedMessage = { ...rec, seq: ++this.seq, messageId: randomBytes(10).toString('hex'), at: Date.now() };
    this.messages.push(full);
    if (this.messages.length > 50_000) this.messages.splice(0, this.messages.length - 50_000);
    this.emit('message', full);
    return full;
  }

  messagesFor(userId: string, afterSeq = 0): RecordedMessage[] {
    return this.messages.filter((m) => m.userId === userId && m.seq > afterSeq);
  }

  /** Routes of the OA API (mount at the base URL given to the client as ZALO_API_BASE_URL). */
  apiRouter(): Router {
    const r = express.Router();
    r.use(express.json({ limit: '1mb' }));
    const send = (endpoint: RecordedMessage['endpoint']): express.RequestHandler => (req, res) => {
      if (req.get('access_token') !== this.accessToken) return void res.json(fail(-216, 'Access token is invalid'));
      const scripted = this.scriptedErrors.shift();
      if (scripted !== undefined && scripted !== 0) return void res.json(fail(scripted, 'scripted failure'));
      const userId = req.body?.recipient?.user_id;
      const message = req.body?.message;
      if (typeof userId !== 'string' || !message || typeof message !== 'object') return void res.json(fail(-201, 'recipient.user_id and message are required'));
      if (typeof message.text === 'string' && message.text.length > 2000) return void res.json(fail(-210, 'text exceeds 2000 characters'));
      const buttons = message.attachment?.payload?.buttons;
      if (Array.isArray(buttons) && buttons.length > 5) return void res.json(fail(-201, 'at most 5 buttons'));
      if (endpoint === 'promotion' && !this.followers.has(userId)) return void res.json(fail(-213, 'User has not followed the OA'));
      if (endpoint === 'cs' && this.outOfWindow.has(userId)) return void res.json(fail(-230, 'User has not interacted with the OA in the past 7 days'));
      const card = message.attachment?.payload;
      if (card?.template_type === 'request_user_info') {
        const els = card.elements;
        const el = Array.isArray(els) && els.length === 1 ? els[0] : null;
        if (!el || typeof el.title !== 'string' || el.title.length > 100 || typeof el.subtitle !== 'string' || el.subtitle.length > 500) return void res.json(fail(-201, 'request_user_info needs exactly one element with title ≤ 100 and subtitle ≤ 500 characters'));
      }
      const rec = this.record({ endpoint, userId, message });
      res.json(ok({ message_id: rec.messageId, user_id: userId, quota: { quota_type: 'reply', remain: 7, total: 8 } }));
    };
    r.post('/v3.0/oa/message/cs', send('cs'));
    r.post('/v3.0/oa/message/promotion', send('promotion'));
    r.post('/v3.0/oa/message/transaction', send('transaction'));
    r.post('/v2.0/oa/message', (_req, res) => void res.json(fail(-240, 'MessageV2 API has been shut down, please switch to MessageV3')));
    // Template message by user id (reference §3.9).
    r.post('/v3.0/oa/message/template', (req, res) => {
      if (req.get('access_token') !== this.accessToken) return void res.json(fail(-216, 'Access token is invalid'));
      const scripted = this.scripted('template');
      if (scripted !== undefined) return void res.json(fail(scripted, 'scripted failure'));
      const { user_id: userId, template_id: templateId, template_data: data } = req.body ?? {};
      if (typeof userId !== 'string' || typeof templateId !== 'string' || !data || typeof data !== 'object') return void res.json(fail(-201, 'user_id, template_id and template_data are required'));
      const tpl = this.templates.get(templateId);
      if (!tpl || !tpl.approved) return void res.json(fail(-131, 'Template has not been approved'));
      if (!tpl.byUid) return void res.json(fail(-249, 'This template cannot be sent by user id'));
      const rec = this.record({ endpoint: 'template', userId, message: { template_id: templateId, template_data: data } });
      res.json(ok({ message_id: rec.messageId, user_id: userId, sent_time: String(rec.at), quota: { quota_type: 'purchase_quota', remain: 1000 } }));
    });
    // Quota pre-check for consultation messages.
    r.post('/v3.0/oa/quota/message', (req, res) => {
      if (req.get('access_token') !== this.accessToken) return void res.json(fail(-216, 'Access token is invalid'));
      const scripted = this.scripted('quota');
      if (scripted !== undefined) return void res.json(fail(scripted, 'scripted failure'));
      const userId = req.body?.user_id;
      if (typeof userId !== 'string') return void res.json(fail(-201, 'user_id is required'));
      const last = this.lastInteraction.get(userId);
      res.json(ok({ last_interaction: last ?? null, cs_reply: { remain: this.outOfWindow.has(userId) ? 0 : -1, total: -1 }, promotion: { remain: 0, total: 0 } }));
    });
    r.get('/v3.0/oa/user/getlist', (req, res) => {
      if (req.get('access_token') !== this.accessToken) return void res.json(fail(-216, 'Access token is invalid'));
      let q: { offset?: number; count?: number } = {};
      try {
        q = JSON.parse(String(req.query.data ?? '{}'));
      } catch {
        return void res.json(fail(-201, 'data must be JSON'));
      }
      const offset = Number(q.offset ?? 0);
      const count = Math.min(50, Number(q.count ?? 50));
      const all = [...this.followers];
      const users = all.slice(offset, offset + count).map((user_id) => ({ user_id }));
      res.json(ok({ total: all.length, count: users.length, offset, users }));
    });
    // Conversation history (reference §3.9), newest first, at most 10 per page. Only what the OA sent is recorded
    // here (src 0); a template message's `message` is its header and text, a guess: Zalo does not document it.
    r.get('/v2.0/oa/conversation', (req, res) => {
      if (req.get('access_token') !== this.accessToken) return void res.json(fail(-216, 'Access token is invalid'));
      if (this.conversationError !== null) return void res.json(fail(this.conversationError, 'scripted failure'));
      let q: { user_id?: unknown; offset?: unknown; count?: unknown };
      try {
        q = JSON.parse(String(req.query.data ?? ''));
      } catch {
        return void res.json(fail(-201, 'data must be JSON'));
      }
      const offset = Number(q.offset ?? 0);
      const count = Number(q.count ?? 10);
      if (typeof q.user_id !== 'string' || !Number.isInteger(offset) || offset < 0 || !Number.isInteger(count) || count < 1 || count > 10) {
        return void res.json(fail(-201, 'user_id is required; offset >= 0; count from 1 to 10'));
      }
      const userId = q.user_id;
      const page = this.messagesFor(userId).reverse().slice(offset, offset + count);
      res.json(ok(page.map((m) => conversationItem(m, this.opts.oaId ?? '0'))));
    });
    r.get('/v3.0/oa/user/detail', (req, res) => {
      if (req.get('access_token') !== this.accessToken) return void res.json(fail(-216, 'Access token is invalid'));
      let q: { user_id?: string } = {};
      try {
        q = JSON.parse(String(req.query.data ?? '{}'));
      } catch {
        return void res.json(fail(-201, 'data must be JSON'));
      }
      const userId = String(q.user_id ?? '');
      if (!/^\d{1,20}$/.test(userId)) return void res.json(fail(-201, 'user_id is invalid'));
      this.userDetailCalls.push(userId);
      const display_name = this.opts.displayNames?.[userId] ?? `Người dùng ${userId.slice(-4)}`;
      res.json(ok({ user_id: userId, user_id_by_app: `55${userId.slice(2)}`, display_name, user_is_follower: this.followers.has(userId), avatar: '' }));
    });
    return r;
  }

  /** Media hosting for the simulator (mount at /sim/zalo-media): POST raw bytes, GET them back by id. */
  mediaRouter(): Router {
    const r = express.Router();
    r.post('/upload', express.raw({ type: ['image/*', 'audio/*'], limit: '8mb' }), (req, res) => {
      const type = String(req.get('content-type') ?? '').split(';')[0]!;
      if (!Buffer.isBuffer(req.body) || req.body.length === 0 || !/^(image|audio)\//.test(type)) return void res.status(400).json({ error: 'send an image or audio body with its content-type' });
      const id = randomBytes(8).toString('hex');
      this.media.set(id, { type, bytes: req.body });
      if (this.media.size > 200) this.media.delete(this.media.keys().next().value!);
      res.status(201).json({ id, path: `/${id}` });
    });
    r.get('/:id', (req, res) => {
      const m = this.media.get(String(req.params.id));
      if (!m) return void res.status(404).end();
      res.type(m.type).send(m.bytes);
    });
    return r;
  }

  /** ZNS on the business host (mount at the base given as ZALO_ZNS_BASE_URL). */
  businessRouter(): Router {
    const r = express.Router();
    r.use(express.json({ limit: '256kb' }));
    r.post('/message/template', (req, res) => {
      if (req.get('access_token') !== this.accessToken) return void res.json(fail(-124, 'Access token is invalid'));
      const scripted = this.scripted('zns');
      if (scripted !== undefined) return void res.json(fail(scripted, 'scripted failure'));
      const { phone, template_id: templateId, template_data: data, tracking_id: trackingId, mode } = req.body ?? {};
      if (typeof templateId !== 'string' || !data || typeof data !== 'object') return void res.json(fail(-201, 'template_id and template_data are required'));
      if (typeof phone !== 'string' || !/^84\d{9}$/.test(phone)) return void res.json(fail(-108, 'Phone number is invalid'));
      if (trackingId !== undefined && (typeof trackingId !== 'string' || trackingId.length > 48)) return void res.json(fail(-201, 'tracking_id must be at most 48 characters'));
      const tpl = this.templates.get(templateId);
      if (!tpl || !tpl.approved) return void res.json(fail(-131, 'Template has not been approved'));
      const hourVn = Math.floor(((this.opts.now ?? Date.now)() + 7 * 3600_000) / 3600_000) % 24;
      if (hourVn >= 22 || hourVn < 6) return void res.json(fail(-133, 'ZNS messages cannot be sent at night (22:00-06:00)'));
      if (this.znsBalanceOut) return void res.json(fail(-115, 'Out of quota or balance'));
      if (this.znsQuota.remaining <= 0) return void res.json(fail(-144, 'Over the daily quota'));
      const owner = this.phoneOwners.get(phone);
      if (!owner) return void res.json(fail(-118, 'Zalo account does not exist'));
      this.znsQuota.remaining -= 1;
      const rec = this.record({ endpoint: 'zns', userId: owner, message: { phone, template_id: templateId, template_data: data, tracking_id: trackingId, ...(mode ? { mode } : {}) } });
      res.json(ok({ msg_id: rec.messageId, sent_time: String(rec.at), sending_mode: '1', quota: { dailyQuota: String(this.znsQuota.daily), remainingQuota: String(this.znsQuota.remaining) } }));
    });
    return r;
  }

  /** OAuth v4 token endpoint (mount at the base given as ZALO_OAUTH_BASE_URL). */
  oauthRouter(): Router {
    const r = express.Router();
    r.post('/v4/oa/access_token', express.urlencoded({ extended: false }), (req, res) => {
      this.oauthCalls++;
      if (req.get('secret_key') !== this.opts.appSecret) return void res.json({ error: -14002, error_name: 'invalid_secret_key' });
      if (req.body?.app_id !== this.opts.appId || req.body?.grant_type !== 'refresh_token') return void res.json({ error: -14003, error_name: 'invalid_request' });
      if (req.body?.refresh_token !== this.refreshToken) return void res.json({ error: -14014, error_name: 'invalid_refresh_token' });
      this.accessToken = `sim-at-${randomBytes(8).toString('hex')}`;
      this.refreshToken = `${SIMULATOR_REFRESH_TOKEN_PREFIX}${randomBytes(8).toString('hex')}`;
      res.json({ access_token: this.accessToken, refresh_token: this.refreshToken, expires_in: String(this.opts.expiresInS ?? 90000) });
    });
    return r;
  }
}
