import { afterAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory-store.js';
import { RedisStore } from '../../src/store/redis-store.js';
import type { Store } from '../../src/store/ports.js';
import { testRedisUrl, uniquePrefix } from '../support/redis.js';
import { ComplaintStore } from '../../src/complaints/complaint-store.js';
import { formatReference, isCancel, isSubstantive, normalisePhone, referenceDay, REFERENCE_RE } from '../../src/complaints/complaint.js';
import { renderComplaintFiled } from '../../src/complaints/render.js';
import { buildOutgoingMessages } from '../../src/zalo/messages.js';
import { loadTranslations } from '../dialogue/fixtures/i18n.js';
import { TEST_CONTACTS } from '../fixtures/contacts/test-contacts.js';
import { complaintChannels } from '../../src/contacts/find.js';

const AT = Date.UTC(2026, 10, 19, 20, 30); // 20 Nov 2026, 03:30 in Vietnam

describe('complaint domain', () => {
  it('tells a complaint that says what it is about from a bare "I want to complain"', () => {
    expect(isSubstantive('Tôi muốn phản ánh cán bộ xã gây khó dễ khi nộp hồ sơ')).toBe(true);
    expect(isSubstantive('cán bộ hách dịch, bắt tôi chờ cả buổi sáng')).toBe(true);
    expect(isSubstantive('tôi muốn phản ánh')).toBe(false);
    expect(isSubstantive('cho hỏi gửi kiến nghị ở đâu vậy')).toBe(false);
    expect(isSubstantive('I want to file a complaint')).toBe(false);
  });

  it('reads "thôi", "hủy", "không cần" as a change of mind, and nothing longer', () => {
    for (const t of ['thôi', 'Hủy', 'không cần', 'thoi khong can nua', 'cancel']) expect(isCancel(t), t).toBe(true);
    for (const t of ['thôi được, cán bộ xã không tiếp tôi', 'không ai tiếp']) expect(isCancel(t), t).toBe(false);
  });

  it('normalises the phones Zalo sends (84…, numbers) to what staff dial, and refuses the rest', () => {
    expect(normalisePhone('84912345678')).toBe('0912345678');
    expect(normalisePhone('0912 345 678')).toBe('0912345678');
    expect(normalisePhone('12345')).toBeNull();
    expect(normalisePhone(undefined)).toBeNull();
  });

  it('numbers references by the Vietnam day and a daily sequence', () => {
    expect(referenceDay(AT)).toBe('261120');
    expect(formatReference('261120', 42)).toBe('PA-261120-0042');
    expect(REFERENCE_RE.test('PA-261120-0042')).toBe(true);
  });
});

const redisUrl = testRedisUrl();
const opened: Store[] = [];
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
});
const backends: [string, () => Store][] = [
  ['memory', () => new MemoryStore()],
  ...(redisUrl ? [['redis', () => {
    const s = new RedisStore({ url: redisUrl, prefix: uniquePrefix('complaints'), connectTimeoutMs: 2000 });
    opened.push(s);
    return s;
  }] as [string, () => Store]] : []),
];

describe.each(backends)('complaint store (%s)', (_name, makeStore) => {
  it('files once per webhook event: a retried job gets the complaint it already stored', async () => {
    const store = new ComplaintStore(makeStore());
    const first = await store.file({ identity: 'user_send_text:abc', userId: 'u1', text: 'Cán bộ xã không tiếp dân', language: 'vi', at: AT });
    const again = await store.file({ identity: 'user_send_text:abc', userId: 'u1', text: 'Cán bộ xã không tiếp dân', language: 'vi', at: AT + 5 });
    expect(again.ref).toBe(first.ref);
    const other = await store.file({ identity: 'user_send_text:def', userId: 'u2', text: 'Hồ sơ trễ hẹn', language: 'vi', at: AT + 10 });
    expect(other.ref).not.toBe(first.ref);
    const page = await store.list({ limit: 10, offset: 0 });
    expect(page.items.map((c) => c.ref)).toEqual([other.ref, first.ref]);
    expect(page.counts).toEqual({ new: 2, in_progress: 0, answered: 0 });
  });

  it('moves a complaint through the statuses, keeps every change, and filters the queue by status', async () => {
    const store = new ComplaintStore(makeStore());
    const c = await store.file({ identity: 'e1', userId: 'u1', text: 'x x x x x', language: 'vi', at: AT });
    await store.setStatus(c.ref, 'in_progress', 'staff1', AT + 1);
    const answered = await store.recordAnswer(c.ref, 'Đã xử lý', 'staff1', AT + 2);
    expect(answered.status).toBe('answered');
    expect(answered.history.map((h) => [h.action, h.from, h.to])).toEqual([
      ['filed', undefined, undefined],
      ['status', 'new', 'in_progress'],
      ['answer', 'in_progress', 'answered'],
    ]);
    expect((await store.list({ status: 'new', limit: 10, offset: 0 })).items).toEqual([]);
    expect((await store.list({ status: 'answered', limit: 10, offset: 0 })).items.map((x) => x.ref)).toEqual([c.ref]);
  });

  it('attaches a shared phone to the complaint that asked for it, once', async () => {
    const store = new ComplaintStore(makeStore());
    const c = await store.file({ identity: 'e1', userId: 'u1', text: 'nội dung', language: 'vi', at: AT });
    expect(await store.attachContact('u2', { phone: '0912345678' }, AT + 1)).toBeNull();
    const withPhone = await store.attachContact('u1', { phone: '0912345678', name: 'Nguyễn Văn A' }, AT + 1);
    expect(withPhone?.ref).toBe(c.ref);
    expect((await store.get(c.ref))?.contact).toMatchObject({ phone: '0912345678', name: 'Nguyễn Văn A' });
    expect(await store.attachContact('u1', { phone: '0900000000' }, AT + 2)).toBeNull();
  });

  it('a data-deletion request removes the phone and the link to the citizen', async () => {
    const store = new ComplaintStore(makeStore());
    const c = await store.file({ identity: 'e1', userId: 'u1', text: 'nội dung', language: 'vi', at: AT });
    await store.attachContact('u1', { phone: '0912345678' }, AT + 1);
    expect(await store.forgetUser('u1')).toBe(1);
    const after = await store.get(c.ref);
    expect(after?.userId).toBe('withdrawn');
    expect(after?.contact).toBeUndefined();
  });
});

describe('complaint acknowledgement', () => {
  it("names the reference and the official channels, then sends Zalo's request_user_info card", async () => {
    const t = (await loadTranslations())('vi');
    const replies = renderComplaintFiled('PA-261120-0042', complaintChannels(TEST_CONTACTS), 'vi', t, { imageUrl: 'https://example.gov.vn/card.png' });
    expect(replies[0]!.text).toContain('PA-261120-0042');
    expect(replies[0]!.text).toContain('https://dichvucong.gov.vn');
    expect(replies[0]!.text).toContain('02000000009');
    const wire = replies.flatMap((r) => buildOutgoingMessages(r, { textMaxChars: 2000, buttonTitleMax: 20, maxButtons: 5 }));
    expect(wire.at(-1)).toEqual({
      attachment: {
        type: 'template',
        payload: {
          template_type: 'request_user_info',
          elements: [{ title: 'Chia sẻ số điện thoại để cán bộ liên hệ', subtitle: expect.stringContaining('PA-261120-0042'), image_url: 'https://example.gov.vn/card.png' }],
        },
      },
    });
  });
});
