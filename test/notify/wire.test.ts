import nock from 'nock';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ZaloNoticeApi } from '../../src/notify/zalo-notice-api.js';
import { ZaloClient } from '../../src/zalo/client.js';
import { ZaloApiError } from '../../src/zalo/errors.js';

/** The wire formats of reference §3.9, pinned on the real Zalo client (token header, envelope, retries). */

const API = 'https://openapi.zalo.me';
const ZNS = 'https://business.openapi.zalo.me';
const USER = '2468000000000000003';

const tokens = { getAccessToken: async () => 'at-1', refreshAfterRejection: async () => 'at-1' };

function api(timeoutMs = 300) {
  const zalo = new ZaloClient({
    baseUrl: API,
    tokens,
    logger: pino({ level: 'silent' }),
    limits: { textMaxChars: 2000, buttonTitleMax: 20, maxButtons: 5 },
    timeoutMs,
    retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
  });
  return { zalo, notices: new ZaloNoticeApi(zalo, ZNS) };
}

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('notice wire formats', () => {
  it('template message by user id: POST /v3.0/oa/message/template {user_id, template_id, template_data}', async () => {
    let body: unknown;
    const scope = nock(API, { reqheaders: { access_token: 'at-1', 'content-type': /application\/json/ } })
      .post('/v3.0/oa/message/template', (b) => ((body = b), true))
      .reply(200, { error: 0, message: 'Success', data: { message_id: 'm-77', user_id: USER, sent_time: '1716950400123', quota: { quota_type: 'purchase_quota', remain: 99 } } });
    const sent = await api().notices.sendTemplate(USER, '251234', { ma_ho_so: 'X', trang_thai: 'Đang xử lý' });
    expect(sent).toEqual({ messageId: 'm-77' });
    expect(body).toEqual({ user_id: USER, template_id: '251234', template_data: { ma_ho_so: 'X', trang_thai: 'Đang xử lý' } });
    scope.done();
  });

  it('ZNS: POST {business host}/message/template with phone, tracking_id and, for tests, mode development', async () => {
    const bodies: unknown[] = [];
    const scope = nock(ZNS, { reqheaders: { access_token: 'at-1' } })
      .post('/message/template', (b) => (bodies.push(b), true))
      .twice()
      .reply(200, { error: 0, message: 'Success', data: { msg_id: 'z-9', sent_time: '1716950400123', sending_mode: '1', quota: { dailyQuota: '500', remainingQuota: '499' } } });
    const { notices } = api();
    expect(await notices.sendZns('84912345678', '300001', { ma_ho_so: 'X' }, 'n0123-0')).toEqual({ messageId: 'z-9' });
    await notices.sendZns('84912345678', '300001', { ma_ho_so: 'X' }, 'x'.repeat(60), { development: true });
    expect(bodies[0]).toEqual({ phone: '84912345678', template_id: '300001', template_data: { ma_ho_so: 'X' }, tracking_id: 'n0123-0' });
    expect(bodies[1]).toEqual({ phone: '84912345678', template_id: '300001', template_data: { ma_ho_so: 'X' }, tracking_id: 'x'.repeat(48), mode: 'development' });
    scope.done();
  });

  it('quota pre-check: POST /v3.0/oa/quota/message {user_id} → last_interaction and the replies left', async () => {
    nock(API).post('/v3.0/oa/quota/message', { user_id: USER }).reply(200, { error: 0, message: 'Success', data: { last_interaction: '1716950400123', cs_reply: { remain: 7, total: 8 } } });
    expect(await api().notices.quota(USER)).toEqual({ lastInteraction: 1716950400123, csRemain: 7 });
  });

  it('an error envelope becomes a typed error with Zalo\'s code (HTTP 200 is not success)', async () => {
    nock(API).post('/v3.0/oa/message/template').reply(200, { error: -249, message: 'template cannot be sent by user id' });
    nock(ZNS).post('/message/template').reply(200, { error: -133, message: 'night' });
    const { notices } = api();
    const tplErr = await notices.sendTemplate(USER, '1', {}).catch((e: unknown) => e);
    expect(tplErr).toBeInstanceOf(ZaloApiError);
    expect((tplErr as ZaloApiError).code).toBe(-249);
    const znsErr = await notices.sendZns('84912345678', '1', {}, 't').catch((e: unknown) => e);
    expect((znsErr as ZaloApiError).code).toBe(-133);
    expect((znsErr as ZaloApiError).kind).toBe('permanent');
  });

  it('a timed-out notice call is not sent again (it may have arrived); a 5xx is', async () => {
    const slow = nock(ZNS).post('/message/template').delay(500).reply(200, { error: 0, data: { msg_id: 'late' } });
    const err = await api(100).notices.sendZns('84912345678', '1', {}, 't').catch((e: unknown) => e);
    expect((err as ZaloApiError).source).toBe('timeout');
    expect(slow.isDone()).toBe(true);
    expect(nock.pendingMocks()).toHaveLength(0);
    nock.cleanAll();
    nock(API).post('/v3.0/oa/message/template').reply(502).post('/v3.0/oa/message/template').reply(200, { error: 0, data: { message_id: 'm-2' } });
    expect(await api().notices.sendTemplate(USER, '1', {})).toEqual({ messageId: 'm-2' });
  });

  it('the consent card goes through /cs as a request_user_info template with exactly one element', async () => {
    let body: { message?: unknown } = {};
    nock(API)
      .post('/v3.0/oa/message/cs', (b) => ((body = b), true))
      .reply(200, { error: 0, data: { message_id: 'c-1' } });
    await api().zalo.sendReply(USER, { text: '', buttons: [], requestUserInfo: { title: 'Nhận thông báo hồ sơ qua số điện thoại', subtitle: 'x'.repeat(600), imageUrl: 'https://example.gov.vn/a.png' } });
    const msg = body.message as { attachment: { type: string; payload: { template_type: string; elements: { title: string; subtitle: string; image_url: string }[] } } };
    expect(msg.attachment.type).toBe('template');
    expect(msg.attachment.payload.template_type).toBe('request_user_info');
    expect(msg.attachment.payload.elements).toHaveLength(1);
    expect(msg.attachment.payload.elements[0]!.subtitle.length).toBe(500);
    expect(msg.attachment.payload.elements[0]!.image_url).toBe('https://example.gov.vn/a.png');
    expect(msg).not.toHaveProperty('text');
  });
});
