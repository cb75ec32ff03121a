import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import express, { type Router } from 'express';

/** One message the bot sent, as the fake OA API received it on the wire. */
export interface RecordedMessage {
  seq: number;
  endpoint: 'cs' | 'promotion' | 'transaction';
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
}

/** Every refresh token the simulator issues starts with this, so a real start can recognise a simulator's token record. */
export const SIMULATOR_REFRESH_TOKEN_PREFIX = 'sim-rt-';

const ok = (data: unknown) => ({ error: 0, message: 'Success', data });
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

  constructor(private readonly opts: FakeZaloOptions) {
    super();
    this.setMaxListeners(0);
    this.accessToken = opts.accessToken;
    this.refreshToken = opts.refreshToken;
    this.followers = new Set(opts.followers ?? []);
  }

  failNextSends(...codes: number[]): void {
    this.scriptedErrors.push(...codes);
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
      if (scripted !== undefined) return void res.json(fail(scripted, 'scripted failure'));
      const userId = req.body?.recipient?.user_id;
      const message = req.body?.message;
      if (typeof userId !== 'string' || !message || typeof message !== 'object') return void res.json(fail(-201, 'recipient.user_id and message are required'));
      if (typeof message.text === 'string' && message.text.length > 2000) return void res.json(fail(-210, 'text exceeds 2000 characters'));
      const buttons = message.attachment?.payload?.buttons;
      if (Array.isArray(buttons) && buttons.length > 5) return void res.json(fail(-201, 'at most 5 buttons'));
      if (endpoint === 'promotion' && !this.followers.has(userId)) return void res.json(fail(-213, 'User has not followed the OA'));
      const rec: RecordedMessage = { seq: ++this.seq, endpoint, userId, message, messageId: randomBytes(10).toString('hex'), at: Date.now() };
      this.messages.push(rec);
      if (this.messages.length > 50_000) this.messages.splice(0, this.messages.length - 50_000);
      this.emit('message', rec);
      res.json(ok({ message_id: rec.messageId, user_id: userId, quota: { quota_type: 'reply', remain: 7, total: 8 } }));
    };
    r.post('/v3.0/oa/message/cs', send('cs'));
    r.post('/v3.0/oa/message/promotion', send('promotion'));
    r.post('/v3.0/oa/message/transaction', send('transaction'));
    r.post('/v2.0/oa/message', (_req, res) => void res.json(fail(-240, 'MessageV2 API has been shut down, please switch to MessageV3')));
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
