import express from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/admin/audit.js';
import { createAuth } from '../../src/admin/auth.js';
import type { ComplaintAnswerPreview, ComplaintDetailResponse, ComplaintListResponse } from '../../src/admin/api-types.js';
import { ComplaintStore } from '../../src/complaints/complaint-store.js';
import { createComplaintsRouter } from '../../src/complaints/routes.js';
import type { Reply } from '../../src/dialogue/types.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { loadTranslations } from '../dialogue/fixtures/i18n.js';

/** The complaints staff API as the console uses it: masked queue, display names, the answer preview. */

const TOKEN = 'complaints-staff-api-token-0123456789';
const auth = { authorization: `Bearer ${TOKEN}` };

describe('complaints staff API for the console', () => {
  const store = new MemoryStore();
  const complaints = new ComplaintStore(store);
  const audit = new AuditLog(store);
  const sent: { userId: string; reply: Reply }[] = [];
  const names: Record<string, string> = { '2468000000000031001': 'Trần Thị B' };
  let app: express.Express;

  beforeAll(async () => {
    app = express();
    app.use(
      createComplaintsRouter({
        auth: createAuth({ adminApiToken: TOKEN }),
        store: complaints,
        audit,
        sender: { sendReply: async (userId, reply) => (sent.push({ userId, reply }), { messageIds: ['m1'] }) },
        tFor: await loadTranslations(),
        logger: pino({ level: 'silent' }),
        displayNames: { nameOf: async (userId) => names[userId] ?? null },
      }),
    );
  });

  const file = (userId: string, text: string, language: 'vi' | 'en' = 'vi') => complaints.file({ identity: `${userId}:${text.length}`, userId, text, language, at: Date.now() });

  it('shows the queue without ID numbers, phones or house addresses, and the full text with the display name on the complaint', async () => {
    const text = 'Cán bộ xã bắt tôi đi lại ba lần. CCCD 051080003456, điện thoại 0912 345 678, nhà tôi số nhà 12 đường Lê Lợi.';
    const c = await file('2468000000000031001', text);
    const list = await request(app).get('/admin/api/complaints').set(auth);
    expect(list.status).toBe(200);
    const row = (list.body as ComplaintListResponse).items.find((i) => i.ref === c.ref)!;
    expect(row.preview).toContain('[số định danh]');
    expect(row.preview).toContain('[số điện thoại]');
    expect(row.preview).toContain('[địa chỉ]');
    expect(row.preview).not.toMatch(/051080003456|0912 345 678|Lê Lợi/);

    const detail = await request(app).get(`/admin/api/complaints/${c.ref.toLowerCase()}`).set(auth);
    expect(detail.status).toBe(200);
    expect(detail.body as ComplaintDetailResponse).toMatchObject({ text, displayName: 'Trần Thị B', complaint: { ref: c.ref } });
    const unnamed = await file('2468000000000031002', 'Bộ phận một cửa đóng cửa sớm hơn giờ niêm yết ba mươi phút');
    expect((await request(app).get(`/admin/api/complaints/${unnamed.ref}`).set(auth)).body).toMatchObject({ displayName: null });
  });

  it('sends the shared phone masked; the full number only on request, each reading in the audit log', async () => {
    const c = await file('2468000000000031006', 'Cán bộ hẹn tôi ba lần mà vẫn chưa trả kết quả hồ sơ đất');
    await complaints.attachContact('2468000000000031006', { phone: '0912345678' }, Date.now());
    const detail = (await request(app).get(`/admin/api/complaints/${c.ref}`).set(auth)).body as ComplaintDetailResponse;
    expect(detail.complaint.contact?.phone).toBe('091•••••78');
    expect(JSON.stringify(detail)).not.toContain('0912345678');
    const status = await request(app).post(`/admin/api/complaints/${c.ref}/status`).set(auth).send({ status: 'in_progress' });
    expect(JSON.stringify(status.body)).not.toContain('0912345678');

    expect((await audit.list()).filter((e) => e.action === 'complaint.phone.reveal')).toEqual([]);
    expect((await request(app).post(`/admin/api/complaints/${c.ref}/phone`)).status).toBe(401);
    const reveal = await request(app).post(`/admin/api/complaints/${c.ref}/phone`).set(auth);
    expect(reveal.status).toBe(200);
    expect(reveal.body).toEqual({ phone: '0912345678' });
    expect((await audit.list()).filter((e) => e.action === 'complaint.phone.reveal').map((e) => e.target)).toEqual([c.ref]);
    const none = await file('2468000000000031007', 'Bộ phận một cửa không có ghế chờ cho người già');
    expect((await request(app).post(`/admin/api/complaints/${none.ref}/phone`).set(auth)).status).toBe(404);
  });

  it('previews an answer as the citizen will read it, in their language, and sends nothing', async () => {
    const vi = await file('2468000000000031003', 'Cán bộ tiếp dân không đeo thẻ và trả lời thiếu tôn trọng');
    const preview = await request(app).post(`/admin/api/complaints/${vi.ref}/answer/preview`).set(auth).send({ text: '  Xã đã nhắc nhở cán bộ.  ' });
    expect(preview.status).toBe(200);
    const [reply] = (preview.body as ComplaintAnswerPreview).replies;
    expect(reply!.text).toBe(`Trả lời phản ánh ${vi.ref}:\nXã đã nhắc nhở cán bộ.`);
    expect(reply!.buttons.length).toBeGreaterThan(0);

    const en = await file('2468000000000031004', 'The officer asked me to come back three times for the same form', 'en');
    const english = await request(app).post(`/admin/api/complaints/${en.ref}/answer/preview`).set(auth).send({ text: 'We have spoken to the officer.' });
    expect((english.body as ComplaintAnswerPreview).replies[0]!.text).toBe(`Answer to complaint ${en.ref}:\nWe have spoken to the officer.`);
    expect(sent).toEqual([]);
    expect((await complaints.get(vi.ref))!.status).toBe('new');
  });

  it('refuses a preview without text, of an unknown reference, or of a complaint whose citizen withdrew', async () => {
    const c = await file('2468000000000031005', 'Hồ sơ của tôi bị trả lại mà không nói lý do rõ ràng');
    expect((await request(app).post(`/admin/api/complaints/${c.ref}/answer/preview`).set(auth).send({ text: '   ' })).status).toBe(400);
    expect((await request(app).post('/admin/api/complaints/PA-261120-9999/answer/preview').set(auth).send({ text: 'Đã xử lý.' })).status).toBe(404);
    expect((await request(app).post(`/admin/api/complaints/${c.ref}/answer/preview`).send({ text: 'Đã xử lý.' })).status).toBe(401);
    await complaints.forgetUser('2468000000000031005');
    const withdrawn = await request(app).post(`/admin/api/complaints/${c.ref}/answer/preview`).set(auth).send({ text: 'Đã xử lý.' });
    expect(withdrawn.status).toBe(409);
    expect(withdrawn.body.message).toContain('yêu cầu xoá dữ liệu');
    expect((await request(app).get(`/admin/api/complaints/${c.ref}`).set(auth)).body).toMatchObject({ displayName: null });
  });
});
