import express from 'express';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAuth } from '../../src/admin/auth.js';
import type { Language, Translate } from '../../src/dialogue/types.js';
import type { NotifyModule } from '../../src/notify/module.js';
import { FollowRegistry } from '../../src/onestop/follows.js';
import type { DossierLookupResult } from '../../src/onestop/types.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { ZaloApiError } from '../../src/zalo/errors.js';
import { loadTFor } from '../onestop/helpers.js';
import { ADMIN_TOKEN, RecordingZalo, closedWindow, notifyOn } from './harness.js';

const CODE = '000.00.53.H48-251120-0003';
const ADMIN = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const STAFF = { 'x-test-staff': '1' };

let tFor: (lng: Language) => Translate;
beforeAll(async () => {
  tFor = await loadTFor();
});

const dossier: DossierLookupResult = {
  code: CODE,
  source: 'igate',
  procedureName: 'Đăng ký biến động quyền sử dụng đất',
  agencyName: 'UBND xã Bình Sơn',
  status: 'dang_xu_ly',
  statusLabel: 'Đang xử lý',
  dueAt: new Date(Date.UTC(2026, 2, 20, 10)),
  overdue: false,
};

function app(opts: { window?: typeof closedWindow } = {}) {
  const store = new MemoryStore();
  const zalo = new RecordingZalo();
  const auth = createAuth({ adminApiToken: ADMIN_TOKEN, resolveSession: async (req) => (req.get('x-test-staff') ? { id: 's1', username: 'staff', role: 'staff', via: 'session' } : null) });
  const notify: NotifyModule = notifyOn({ store, follows: new FollowRegistry(store, 5), tFor, zalo, auth, window: opts.window, lookupDossier: async (code) => (code === CODE ? dossier : null) });
  const a = express();
  a.use(notify.router);
  return { http: a, notify, zalo, store };
}

const template = { name: 'Thông báo hồ sơ', templateId: '251234', channel: 'template', tag: 1, params: [{ name: 'ma_ho_so', field: 'code' }, { name: 'trang_thai', field: 'status' }, { name: 'ngay_hen', field: 'due_date' }], active: true };

describe('notify admin API: templates', () => {
  it('registers, lists, updates and deletes templates (admins); staff may read but not write', async () => {
    const { http } = app();
    expect((await request(http).post('/admin/api/notify/templates').set(STAFF).send(template)).status).toBe(403);
    expect((await request(http).get('/admin/api/notify/templates')).status).toBe(401);
    const created = await request(http).post('/admin/api/notify/templates').set(ADMIN).send(template);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'template-251234', active: true, tag: 1, updatedBy: 'api-token' });
    expect((await request(http).post('/admin/api/notify/templates').set(ADMIN).send(template)).status).toBe(409);
    const list = await request(http).get('/admin/api/notify/templates').set(STAFF);
    expect(list.body.templates.map((t: { id: string }) => t.id)).toEqual(['template-251234']);
    const updated = await request(http).put('/admin/api/notify/templates/template-251234').set(ADMIN).send({ ...template, active: false });
    expect(updated.body.active).toBe(false);
    expect((await request(http).put('/admin/api/notify/templates/template-251234').set(ADMIN).send({ ...template, templateId: '9' })).body.error).toBe('id_mismatch');
    expect((await request(http).delete('/admin/api/notify/templates/template-251234').set(ADMIN)).body).toEqual({ ok: true });
    expect((await request(http).delete('/admin/api/notify/templates/template-251234').set(ADMIN)).status).toBe(404);
  });

  it('says which field is wrong, never a 5xx, for bad input', async () => {
    const { http } = app();
    const bad = await request(http).post('/admin/api/notify/templates').set(ADMIN).send({ ...template, tag: 3, params: [{ name: 'x', field: 'owner_phone' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('invalid_request');
    expect(Object.keys(bad.body.fields)).toEqual(expect.arrayContaining(['params.0.field']));
    const notJson = await request(http).post('/admin/api/notify/templates').set(ADMIN).set('Content-Type', 'application/json').send('{"name":');
    expect(notJson.status).toBe(400);
    expect((await request(http).get('/admin/api/notices?state=lost').set(STAFF)).body.fields).toHaveProperty('state');
    expect((await request(http).get('/admin/api/satisfaction?from=2026-13&to=2026-01').set(STAFF)).status).toBe(400);
  });

  it('previews the wire body from a live dossier or given fields, with warnings', async () => {
    const { http } = app();
    await request(http).post('/admin/api/notify/templates').set(ADMIN).send(template);
    const byCode = await request(http).post('/admin/api/notify/templates/template-251234/preview').set(STAFF).send({ code: CODE.toLowerCase() });
    expect(byCode.status).toBe(200);
    expect(byCode.body.endpoint).toBe('POST https://openapi.zalo.me/v3.0/oa/message/template');
    expect(byCode.body.body).toEqual({ user_id: '<user id>', template_id: '251234', template_data: { ma_ho_so: CODE, trang_thai: 'Đang xử lý', ngay_hen: '20/03/2026' } });
    const byFacts = await request(http).post('/admin/api/notify/templates/template-251234/preview').set(STAFF).send({ facts: { code: 'X-1' } });
    expect(byFacts.body.body.template_data).toEqual({ ma_ho_so: 'X-1', trang_thai: 'Chưa có', ngay_hen: 'Chưa có' });
    expect(byFacts.body.warnings).toEqual(['trang_thai: status is empty', 'ngay_hen: due_date is empty']);
    expect((await request(http).post('/admin/api/notify/templates/template-251234/preview').set(STAFF).send({})).body.fields).toHaveProperty('code');
    expect((await request(http).post('/admin/api/notify/templates/template-251234/preview').set(STAFF).send({ code: '000.00.53.H48-251120-0999' })).status).toBe(404);
  });

  it('sends a ZNS test in development mode to an OA admin\'s phone; Zalo\'s refusal comes back as 502 with the code', async () => {
    const { http, zalo } = app();
    await request(http).post('/admin/api/notify/templates').set(ADMIN).send({ ...template, channel: 'zns', templateId: '300001' });
    zalo.answer = async () => ({ msg_id: 'z-1' });
    const sent = await request(http).post('/admin/api/notify/templates/zns-300001/test').set(ADMIN).send({ code: CODE, phone: '0912 345 678' });
    expect(sent.body).toMatchObject({ messageId: 'z-1', development: true });
    expect(zalo.posts[0]!.body).toMatchObject({ phone: '84912345678', template_id: '300001', mode: 'development' });
    expect((await request(http).post('/admin/api/notify/templates/zns-300001/test').set(STAFF).send({ code: CODE, phone: '0912345678' })).status).toBe(403);
    expect((await request(http).post('/admin/api/notify/templates/zns-300001/test').set(ADMIN).send({ code: CODE })).status).toBe(400);
    zalo.answer = async () => Promise.reject(new ZaloApiError({ code: -131, message: 'not approved', source: 'envelope' }));
    const refused = await request(http).post('/admin/api/notify/templates/zns-300001/test').set(ADMIN).send({ code: CODE, phone: '0912345678' });
    expect(refused.status).toBe(502);
    expect(refused.body).toMatchObject({ error: 'zalo', code: -131 });
  });

  it('status says which steps run and why not (informational)', async () => {
    const { http } = app();
    const before = await request(http).get('/admin/api/notify/status').set(STAFF);
    expect(before.body.steps).toEqual({
      consultation: { enabled: true },
      template: { enabled: false, reason: 'no active template for messages by user id' },
      zns: { enabled: false, reason: 'NOTIFY_PHONE_KEY is unset: phones are not kept' },
    });
    await request(http).post('/admin/api/notify/templates').set(ADMIN).send(template);
    expect((await request(http).get('/admin/api/notify/status').set(STAFF)).body.steps.template).toEqual({ enabled: true, templateId: '251234' });
  });
});

describe('notify admin API: notices, counts, satisfaction', () => {
  it('lists every notice with channel, state and error; retries one; counts them for analytics', async () => {
    const { http, notify, zalo } = app({ window: closedWindow });
    await request(http).post('/admin/api/notify/templates').set(ADMIN).send(template);
    zalo.answer = async () => Promise.reject(new ZaloApiError({ code: -249, message: 'not by uid', source: 'envelope' }));
    const base = { bucket: '20260301', userId: '2468000000000009200', language: 'vi' as const, message: { text: 'x', buttons: [] }, final: false };
    await notify.service.deliver({ ...base, id: 'naaa', facts: { code: CODE, statusCode: 'dang_xu_ly' } });
    const list = await request(http).get('/admin/api/notices').set(STAFF);
    expect(list.body.notices).toHaveLength(1);
    expect(list.body.notices[0]).toMatchObject({ id: 'naaa', code: CODE, state: 'unreachable', reason: 'phone_key_missing', error: '-249', channel: null });
    expect(list.body.notices[0].steps.map((s: { channel: string; result: string }) => `${s.channel}:${s.result}`)).toEqual(['consultation:skipped', 'template:failed', 'zns:skipped']);
    expect((await request(http).get('/admin/api/notices?state=sent').set(STAFF)).body.notices).toEqual([]);
    const one = await request(http).get('/admin/api/notices/naaa').set(STAFF);
    expect(one.body).toMatchObject({ id: 'naaa', message: 'x', facts: { code: CODE } });

    zalo.answer = async () => ({ message_id: 'm-ok' });
    const retried = await request(http).post('/admin/api/notices/naaa/retry').set(STAFF);
    expect(retried.body).toMatchObject({ state: 'sent', channel: 'template' });
    expect((await request(http).post('/admin/api/notices/naaa/retry').set(STAFF)).status).toBe(409);
    expect((await request(http).post('/admin/api/notices/nzzz/retry').set(STAFF)).status).toBe(404);

    const counts = await request(http).get('/admin/api/analytics/notices?days=7').set(STAFF);
    expect(counts.body.days).toHaveLength(7);
    expect(counts.body.totals).toMatchObject({ total: 1, states: { sent: 1, unreachable: 0 }, channels: { template: 1, consultation: 0, zns: 0 } });
  });

  it('serves the satisfaction chart and its CSV export', async () => {
    const { http, notify } = app();
    const now = Date.now();
    await notify.survey.settled(
      { id: 'n', bucket: 'b', userId: 'u9', code: CODE, status: 'da_tra_ket_qua', language: 'vi', final: true, state: 'sent', channel: 'consultation', attempts: 1, generation: 0, createdAt: now, updatedAt: now, steps: [], facts: { code: CODE, statusCode: 'da_tra_ket_qua', agency: 'UBND xã Bình Sơn', procedure_name: 'Đăng ký biến động' }, message: { text: '', buttons: [] } },
      now,
    );
    const { newSession } = await import('../../src/dialogue/types.js');
    await notify.survey.handle({ type: 'satisfaction', code: CODE, answer: 'very_satisfied' }, { userId: 'u9', session: newSession('u9'), language: 'vi', t: tFor('vi'), now });
    const month = new Date(now + 7 * 3600_000).toISOString().slice(0, 7);
    const chart = await request(http).get(`/admin/api/satisfaction?from=${month}&to=${month}`).set(STAFF);
    expect(chart.body.months).toEqual([{ month, very_satisfied: 1, satisfied: 0, unsatisfied: 0, total: 1 }]);
    expect(chart.body.rows[0]).toMatchObject({ agency: 'UBND xã Bình Sơn', procedure: 'Đăng ký biến động' });
    const csv = await request(http).get(`/admin/api/satisfaction/export.csv?from=${month}&to=${month}`).set(STAFF);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text).toContain(`${CODE},UBND xã Bình Sơn,,Đăng ký biến động,very_satisfied,`);
    expect((await request(http).get('/admin/api/satisfaction/complaints').set(STAFF)).body).toEqual({ sink: 'none', complaints: [] });
  });
});
