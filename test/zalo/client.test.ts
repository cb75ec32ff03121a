import nock from 'nock';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory-store.js';
import { ZaloClient, sendMayHaveLanded, type ZaloClientOptions } from '../../src/zalo/client.js';
import { ZaloApiError } from '../../src/zalo/errors.js';
import { TOKEN_KEY, TokenManager, type AccessTokenSource } from '../../src/zalo/token-manager.js';

const API = 'https://openapi.zalo.me';
const OAUTH = 'https://oauth.zaloapp.com';
const USER = '2468000000000000003';
const logger = pino({ level: 'silent' });

class StubTokens implements AccessTokenSource {
  token = 'at-1';
  rejected: string[] = [];
  async getAccessToken() {
    return this.token;
  }
  async refreshAfterRejection(t: string) {
    this.rejected.push(t);
    this.token = 'at-2';
    return this.token;
  }
}

function client(tokens: AccessTokenSource, extra: Partial<ZaloClientOptions> = {}) {
  return new ZaloClient({
    baseUrl: API,
    tokens,
    logger,
    limits: { textMaxChars: 2000, buttonTitleMax: 20, maxButtons: 5 },
    // Generous: a loaded CI machine must not turn a prompt reply into a timeout; the timeout tests set their own.
    timeoutMs: 5000,
    retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
    ...extra,
  });
}

const ok = (id: string) => ({ error: 0, message: 'Success', data: { message_id: id, user_id: USER } });

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterEach(() => {
  nock.cleanAll();
});
afterAll(() => {
  nock.enableNetConnect();
});

describe('ZaloClient sending', () => {
  let tokens: StubTokens;
  beforeEach(() => {
    tokens = new StubTokens();
  });

  it('posts a consultation message with the access_token header and returns the message id', async () => {
    let body: unknown;
    const scope = nock(API, { reqheaders: { access_token: 'at-1', 'content-type': /application\/json/ } })
      .post('/v3.0/oa/message/cs', (b) => {
        body = b;
        return true;
      })
      .reply(200, ok('m1'));
    const sent: string[] = [];
    const res = await client(tokens, { onSent: (i) => sent.push(i.messageId) }).sendReply(USER, { text: 'Xin chào.', buttons: [{ kind: 'query', title: 'Menu', payload: '#i:help' }] });
    expect(res).toEqual({ messageIds: ['m1'] });
    expect(body).toEqual({
      recipient: { user_id: USER },
      message: { text: 'Xin chào.', attachment: { type: 'template', payload: { buttons: [{ title: 'Menu', type: 'oa.query.hide', payload: '#i:help' }] } } },
    });
    expect(sent).toEqual(['m1']);
    expect(scope.isDone()).toBe(true);
  });

  it('sends one call per part of a long text, in order', async () => {
    const texts: string[] = [];
    nock(API)
      .post('/v3.0/oa/message/cs', (b) => {
        texts.push(b.message.text);
        return true;
      })
      .times(3)
      .reply(200, (_u, _b) => ok(`m${texts.length}`));
    const sentence = 'Anh/chị vui lòng mang theo giấy tờ tùy thân bản chính khi đến nộp hồ sơ. ';
    const res = await client(tokens).sendText(USER, sentence.repeat(60));
    expect(res.messageIds).toEqual(['m1', 'm2', 'm3']);
    expect(texts.every((t) => t.length <= 2000)).toBe(true);
  });

  it('HTTP 200 with error -201 is a permanent failure, not retried', async () => {
    const scope = nock(API).post('/v3.0/oa/message/cs').reply(200, { error: -201, message: 'user_id is invalid' });
    const spare = nock(API).post('/v3.0/oa/message/cs').reply(200, ok('never'));
    const codes: string[] = [];
    const err = await client(tokens, { onError: (c) => codes.push(c) })
      .sendText(USER, 'x')
      .catch((e) => e);
    expect(err).toBeInstanceOf(ZaloApiError);
    expect(err).toMatchObject({ code: -201, kind: 'permanent', source: 'envelope', httpStatus: 200, message: 'user_id is invalid' });
    expect(codes).toEqual(['-201']);
    expect(scope.isDone()).toBe(true);
    expect(spare.isDone()).toBe(false);
  });

  it('retries -32, HTTP 503 and a refused connection (none of them sent anything), then succeeds', async () => {
    nock(API).post('/v3.0/oa/message/cs').reply(200, { error: -32, message: 'rate limit' });
    nock(API).post('/v3.0/oa/message/cs').reply(503, 'unavailable');
    const done = nock(API).post('/v3.0/oa/message/cs').reply(200, ok('m-after-retry'));
    const codes: string[] = [];
    const c = client(tokens, { onError: (code) => codes.push(code), retry: { attempts: 4, baseDelayMs: 1, maxDelayMs: 5 } });
    expect(await c.sendText(USER, 'x')).toEqual({ messageIds: ['m-after-retry'] });
    expect(codes).toEqual(['-32', 'http_503']);
    expect(done.isDone()).toBe(true);

    nock(API).post('/v3.0/oa/message/cs').replyWithError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    nock(API).post('/v3.0/oa/message/cs').reply(200, ok('m-net'));
    codes.length = 0;
    expect(await c.sendText(USER, 'x')).toEqual({ messageIds: ['m-net'] });
    expect(codes).toEqual(['network']);
  });

  it('a send that may have reached Zalo (timeout, connection lost mid-request) is not repeated blindly', async () => {
    nock(API).post('/v3.0/oa/message/cs').delay(4000).reply(200, ok('late'));
    const spare = nock(API).post('/v3.0/oa/message/cs').reply(200, ok('m-twice'));
    const timedOut = await client(tokens, { timeoutMs: 1000 }).sendText(USER, 'x').catch((e) => e);
    expect(timedOut).toMatchObject({ source: 'timeout', kind: 'transient' });
    expect(sendMayHaveLanded(timedOut)).toBe(true);
    expect(spare.isDone()).toBe(false);
    nock.cleanAll();

    nock(API).post('/v3.0/oa/message/cs').replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    const spare2 = nock(API).post('/v3.0/oa/message/cs').reply(200, ok('m-twice'));
    const reset = await client(tokens).sendText(USER, 'x').catch((e) => e);
    expect(reset).toMatchObject({ source: 'network', kind: 'transient' });
    expect(sendMayHaveLanded(reset)).toBe(true);
    expect(spare2.isDone()).toBe(false);
  });

  it('a timed-out read is retried (reading twice harms no one)', async () => {
    nock(API).get('/v3.0/oa/user/detail').query(true).delay(4000).reply(200, { error: 0, data: { user_id: USER } });
    nock(API).get('/v3.0/oa/user/detail').query(true).reply(200, { error: 0, message: 'Success', data: { user_id: USER, display_name: 'An' } });
    const codes: string[] = [];
    expect(await client(tokens, { timeoutMs: 1000, onError: (c) => codes.push(c) }).getUserDetail(USER)).toMatchObject({ display_name: 'An' });
    expect(codes).toEqual(['timeout']);
  });

  it('gives up after the bounded number of transient attempts', async () => {
    const scope = nock(API).post('/v3.0/oa/message/cs').times(3).reply(200, { error: -200, message: 'send failed' });
    const spare = nock(API).post('/v3.0/oa/message/cs').reply(200, ok('never'));
    const err = await client(tokens).sendText(USER, 'x').catch((e) => e);
    expect(err).toMatchObject({ code: -200, kind: 'transient' });
    expect(scope.isDone()).toBe(true);
    expect(spare.isDone()).toBe(false);
  });

  it('-216: refreshes the token once, with the rejected token, and retries with the new one', async () => {
    nock(API, { reqheaders: { access_token: 'at-1' } }).post('/v3.0/oa/message/cs').reply(200, { error: -216, message: 'Access token is invalid' });
    const retried = nock(API, { reqheaders: { access_token: 'at-2' } }).post('/v3.0/oa/message/cs').reply(200, ok('m-new-token'));
    expect(await client(tokens).sendText(USER, 'x')).toEqual({ messageIds: ['m-new-token'] });
    expect(tokens.rejected).toEqual(['at-1']);
    expect(retried.isDone()).toBe(true);
  });

  it('a token error after the refresh is not refreshed again', async () => {
    nock(API).post('/v3.0/oa/message/cs').times(2).reply(200, { error: -220, message: 'expired' });
    const spare = nock(API).post('/v3.0/oa/message/cs').reply(200, ok('never'));
    const err = await client(tokens).sendText(USER, 'x').catch((e) => e);
    expect(err).toMatchObject({ code: -220, kind: 'token' });
    expect(tokens.rejected).toEqual(['at-1']);
    expect(spare.isDone()).toBe(false);
  });

  it('-230 is a window error: recorded, thrown, never retried', async () => {
    const scope = nock(API).post('/v3.0/oa/message/cs').reply(200, { error: -230, message: 'User has not interacted with the OA in the past 7 days' });
    const spare = nock(API).post('/v3.0/oa/message/cs').reply(200, ok('never'));
    const codes: string[] = [];
    const err = await client(tokens, { onError: (c) => codes.push(c) })
      .sendText(USER, 'x')
      .catch((e) => e);
    expect(err).toMatchObject({ code: -230, kind: 'window' });
    expect(codes).toEqual(['-230']);
    expect(scope.isDone()).toBe(true);
    expect(spare.isDone()).toBe(false);
  });

  it('a failure on the second part reports the ids already sent', async () => {
    nock(API).post('/v3.0/oa/message/cs').reply(200, ok('p1'));
    nock(API).post('/v3.0/oa/message/cs').reply(200, { error: -201, message: 'bad' });
    const err = await client(tokens)
      .sendText(USER, 'Câu một. '.repeat(300))
      .catch((e) => e);
    expect(err).toBeInstanceOf(ZaloApiError);
    expect((err as ZaloApiError).sentMessageIds).toEqual(['p1']);
  });

  it('promotion goes to /v3.0/oa/message/promotion', async () => {
    const scope = nock(API)
      .post('/v3.0/oa/message/promotion', (b) => b.recipient.user_id === USER && b.message.attachment.payload.template_type === 'promotion')
      .reply(200, ok('promo-1'));
    const res = await client(tokens).sendPromotion(USER, { attachment: { type: 'template', payload: { template_type: 'promotion', elements: [{ type: 'text', content: 'x' }] } } });
    expect(res).toEqual({ messageId: 'promo-1' });
    expect(scope.isDone()).toBe(true);
  });
});

describe('ZaloClient users', () => {
  it('getFollowers sends the query as one JSON `data` parameter, caps count at 50, and keeps ids as strings', async () => {
    let data: unknown;
    nock(API)
      .get('/v3.0/oa/user/getlist')
      .query((q) => {
        data = JSON.parse(String(q.data));
        return true;
      })
      .reply(200, { error: 0, message: 'Success', data: { total: 2, count: 2, offset: 0, users: [{ user_id: '111' }, { user_id: 222 }] } });
    const page = await client(new StubTokens()).getFollowers({ offset: 0, count: 500, tag_name: 'khai-sinh', is_follower: true });
    expect(data).toEqual({ offset: 0, count: 50, tag_name: 'khai-sinh', is_follower: 'true' });
    expect(page).toEqual({ total: 2, count: 2, offset: 0, users: [{ user_id: '111' }, { user_id: '222' }] });
  });

  it('getUserDetail reads data.user_id etc.', async () => {
    nock(API)
      .get('/v3.0/oa/user/detail')
      .query({ data: JSON.stringify({ user_id: USER }) })
      .reply(200, { error: 0, message: 'Success', data: { user_id: USER, display_name: 'Nguyễn Văn A', user_is_follower: true } });
    const u = await client(new StubTokens()).getUserDetail(USER);
    expect(u).toMatchObject({ user_id: USER, display_name: 'Nguyễn Văn A', user_is_follower: true });
  });
});

describe('ZaloClient with the real TokenManager', () => {
  it('-216 → one OAuth refresh → retry succeeds; the new pair is in the store', async () => {
    const store = new MemoryStore();
    const tokens = new TokenManager({ store, logger, appId: 'app-1', appSecret: 'app-secret', oauthBaseUrl: OAUTH, seedAccessToken: 'dead-at', seedRefreshToken: 'rt-1', refreshMarginS: 3600 });
    await tokens.seed();
    nock(API, { reqheaders: { access_token: 'dead-at' } }).post('/v3.0/oa/message/cs').reply(200, { error: -216, message: 'Access token is invalid' });
    const oauth = nock(OAUTH, { reqheaders: { secret_key: 'app-secret' } })
      .post('/v4/oa/access_token', { refresh_token: 'rt-1', app_id: 'app-1', grant_type: 'refresh_token' })
      .once()
      .reply(200, { access_token: 'at-new', refresh_token: 'rt-2', expires_in: '90000' });
    nock(API, { reqheaders: { access_token: 'at-new' } }).post('/v3.0/oa/message/cs').reply(200, ok('m-ok'));
    expect(await client(tokens).sendText(USER, 'x')).toEqual({ messageIds: ['m-ok'] });
    expect(oauth.isDone()).toBe(true);
    expect(JSON.parse((await store.get(TOKEN_KEY))!)).toMatchObject({ accessToken: 'at-new', refreshToken: 'rt-2' });
  });
});
