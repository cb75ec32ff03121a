import type { Server } from 'node:http';
import express from 'express';
import nock from 'nock';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeZaloApi } from '../../src/sim/fake-zalo-api.js';
import { ZaloClient } from '../../src/zalo/client.js';
import { ConversationHistory } from '../../src/zalo/conversation.js';
import { ZaloApiError } from '../../src/zalo/errors.js';

const API = 'https://openapi.zalo.me';
const USER = '2468000000000000003';
const OA = '3660000000000000004';
const logger = pino({ level: 'silent' });
const tokens = { getAccessToken: async () => 'at-conv', refreshAfterRejection: async () => 'at-conv' };

function client(baseUrl = API) {
  return new ZaloClient({ baseUrl, tokens, logger, limits: { textMaxChars: 2000, buttonTitleMax: 20, maxButtons: 5 }, timeoutMs: 1000, retry: { attempts: 1 } });
}

/** One item of `data` exactly as reference §3.9 lists its fields. */
function item(over: Record<string, unknown>) {
  return { src: 0, time: 1767225600000, type: 'text', message: 'Xin chào', message_id: 'a1b2', from_id: OA, to_id: USER, from_display_name: 'UBND tỉnh', from_avatar: 'https://s.zalo.me/a.jpg', to_display_name: 'Nguyễn Văn An', to_avatar: 'https://s.zalo.me/b.jpg', ...over };
}

describe('conversation history on the wire (nock)', () => {
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  it('GET /v2.0/oa/conversation with one JSON `data` parameter and the access_token header; reads src, time, message, message_id', async () => {
    const scope = nock(API, { reqheaders: { access_token: 'at-conv' } })
      .get('/v2.0/oa/conversation')
      .query({ data: JSON.stringify({ user_id: USER, offset: 0, count: 10 }) })
      .reply(200, {
        error: 0,
        message: 'Success',
        data: [item({ message_id: 9007199254740993123n.toString() }), item({ src: 1, time: 1767225500000, message: 'xin chào', message_id: 'u1', from_id: USER, to_id: OA })],
      });
    const page = await new ConversationHistory(client()).page(USER);
    expect(scope.isDone()).toBe(true);
    expect(page).toEqual([
      { fromOa: true, at: 1767225600000, type: 'text', text: 'Xin chào', messageId: '9007199254740993123' },
      { fromOa: false, at: 1767225500000, type: 'text', text: 'xin chào', messageId: 'u1' },
    ]);
  });

  it('looks back page by page (10 at a time) until a message older than the moment asked about', async () => {
    const newest = Array.from({ length: 10 }, (_, i) => item({ time: 2000 - i, message_id: `n${i}` }));
    const older = [item({ time: 1500, message_id: 'mid' }), item({ src: 1, time: 1400, message_id: 'user' }), item({ time: 900, message_id: 'old' })];
    nock(API).get('/v2.0/oa/conversation').query({ data: JSON.stringify({ user_id: USER, offset: 0, count: 10 }) }).reply(200, { error: 0, data: newest });
    const second = nock(API).get('/v2.0/oa/conversation').query({ data: JSON.stringify({ user_id: USER, offset: 10, count: 10 }) }).reply(200, { error: 0, data: older });
    const third = nock(API).get('/v2.0/oa/conversation').query(true).reply(200, { error: 0, data: [] });
    const sent = await new ConversationHistory(client()).sentSince(USER, 1000);
    expect(second.isDone()).toBe(true);
    expect(third.isDone()).toBe(false);
    expect(sent.map((m) => m.messageId)).toEqual([...newest.map((m) => m.message_id), 'mid']);
  });

  it('an error envelope rejects with a typed error; an answer without a list rejects too (never read as "not sent")', async () => {
    nock(API).get('/v2.0/oa/conversation').query(true).reply(200, { error: -32, message: 'rate limit' });
    await expect(new ConversationHistory(client()).page(USER)).rejects.toMatchObject({ code: -32, kind: 'transient' });
    nock(API).get('/v2.0/oa/conversation').query(true).reply(200, { error: 0, message: 'Success', data: { messages: [] } });
    const err = await new ConversationHistory(client()).page(USER).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(ZaloApiError);
  });
});

describe('the simulator’s fake Zalo speaks the same conversation wire format', () => {
  let server: Server;
  let fake: FakeZaloApi;
  let base = '';
  beforeAll(async () => {
    fake = new FakeZaloApi({ appId: 'a', appSecret: 's', accessToken: 'at-conv', refreshToken: 'r', oaId: OA, followers: [USER] });
    const app = express();
    app.use('/api', fake.apiRouter());
    server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}/api`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('lists what the OA sent, newest first, with every documented field, 10 at most per page', async () => {
    const zalo = client(base);
    const texts = Array.from({ length: 12 }, (_, i) => `Tin nhắn ${i}`);
    for (const t of texts) await zalo.sendText(USER, t);
    const res = await fetch(`${base}/v2.0/oa/conversation?data=${encodeURIComponent(JSON.stringify({ user_id: USER, offset: 0, count: 10 }))}`, { headers: { access_token: 'at-conv' } });
    const body = (await res.json()) as { error: number; message: string; data: Record<string, unknown>[] };
    expect(body.error).toBe(0);
    expect(body.data).toHaveLength(10);
    expect(Object.keys(body.data[0]!).sort()).toEqual(['from_avatar', 'from_display_name', 'from_id', 'message', 'message_id', 'src', 'time', 'to_avatar', 'to_display_name', 'to_id', 'type']);
    expect(body.data[0]).toMatchObject({ src: 0, type: 'text', message: 'Tin nhắn 11', from_id: OA, to_id: USER });
    expect(typeof body.data[0]!.time).toBe('number');
    const history = new ConversationHistory(zalo);
    expect((await history.page(USER, 10)).map((m) => m.text)).toEqual(['Tin nhắn 1', 'Tin nhắn 0']);
    expect((await history.sentSince(USER, 0)).map((m) => m.text)).toEqual([...texts].reverse());
  });

  it('refuses a count over 10, a missing user_id and a wrong token as Zalo does', async () => {
    const ask = (data: unknown, token = 'at-conv') => fetch(`${base}/v2.0/oa/conversation?data=${encodeURIComponent(JSON.stringify(data))}`, { headers: { access_token: token } }).then((r) => r.json());
    expect(await ask({ user_id: USER, offset: 0, count: 11 })).toMatchObject({ error: -201 });
    expect(await ask({ offset: 0, count: 5 })).toMatchObject({ error: -201 });
    expect(await ask({ user_id: USER, offset: 0, count: 5 }, 'stale')).toMatchObject({ error: -216 });
    fake.conversationError = -32;
    await expect(new ConversationHistory(client(base)).page(USER)).rejects.toMatchObject({ code: -32 });
    fake.conversationError = null;
  });
});
