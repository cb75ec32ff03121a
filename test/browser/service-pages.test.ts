/// <reference lib="dom" />
import { randomBytes } from 'node:crypto';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SIMULATOR_IDENTITY, type RunningBot } from '../../src/main.js';
import type { ComplaintDetailResponse, ContentView, InboxItem } from '../../src/admin/api-types.js';
import type { ContactPoint } from '../../src/contacts/schema.js';
import { copyContent, INTENTS_DIR } from '../support/content.js';
import { drawReceipt, photograph } from '../support/receipts.js';
import { postEvent, startBot, waitFor } from '../support/bot.js';
import { chromiumPath, dialog, eventually, expectAccessible, flash, launchChromium, login, newContext, shot } from './browser-support.js';

/**
 * The console pages of issue 11's services, driven in Chromium against the whole bot in simulator mode (real
 * webhook, queue, complaints desk, contacts content, media route, fake Zalo): the complaints queue and a
 * complaint's status and answer, the contact point editor (every fact with its source), and the inbox's voice
 * messages, photos, conversation before the hand-off and the announced hand-back. One bot and one browser.
 */

const TOKEN = 'service-pages-admin-token-0123456789';
const PHONE = '02603862123';
const KON_TUM = 'mot-cua-phuong-kon-tum';

/** One second of a 440 Hz tone as a WAV file, a voice message any browser plays. */
function wav(): Buffer {
  const rate = 8000;
  const n = rate;
  const b = Buffer.alloc(44 + n * 2);
  b.write('RIFF', 0);
  b.writeUInt32LE(36 + n * 2, 4);
  b.write('WAVEfmt ', 8);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(rate, 24);
  b.writeUInt32LE(rate * 2, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36);
  b.writeUInt32LE(n * 2, 40);
  for (let i = 0; i < n; i++) b.writeInt16LE(Math.round(3000 * Math.sin((2 * Math.PI * 440 * i) / rate)), 44 + i * 2);
  return b;
}

describe.skipIf(!chromiumPath)('console pages for complaints, contact points and the inbox (Chromium)', () => {
  let bot: RunningBot;
  let base: string;
  let removeContent: () => void;
  let browser: Browser;
  let staffCtx: BrowserContext;
  let adminCtx: BrowserContext;
  let staff: Page;
  let admin: Page;
  let ref = '';
  const pageErrors: string[] = [];
  const complainant = '2468000000000021001';

  const envelope = (userId: string) => ({ app_id: SIMULATOR_IDENTITY.appId, user_id_by_app: `55${userId.slice(2)}`, timestamp: String(Date.now()), sender: { id: userId }, recipient: { id: SIMULATOR_IDENTITY.oaId } });
  const messages = (userId: string) => bot.fakeZalo!.messagesFor(userId).map((m) => m.message as { text?: string; attachment?: unknown });
  /** Posts a signed event and waits for `count` replies; returns their texts. */
  async function send(userId: string, event: Record<string, unknown>, count = 1): Promise<string[]> {
    const before = messages(userId).length;
    expect((await postEvent(base, { ...envelope(userId), ...event }, SIMULATOR_IDENTITY.oaSecretKey)).status).toBe(200);
    await waitFor(() => messages(userId).length >= before + count, 10_000, `reply to ${String(event.event_name)}`);
    return messages(userId).slice(before).map((m) => m.text ?? '');
  }
  const say = (userId: string, text: string, count = 1) => send(userId, { event_name: 'user_send_text', message: { msg_id: randomBytes(8).toString('hex'), text } }, count);
  async function api<T>(path: string): Promise<T> {
    const res = await fetch(`${base}/admin/api${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  }
  async function host(bytes: Buffer, type: string): Promise<string> {
    const res = await fetch(`${base}/sim/zalo-media/upload`, { method: 'POST', headers: { 'content-type': type }, body: new Uint8Array(bytes) });
    return `${base}/sim/zalo-media${((await res.json()) as { path: string }).path}`;
  }
  async function page(ctx: BrowserContext): Promise<Page> {
    const p = await ctx.newPage();
    p.setDefaultTimeout(6000);
    p.on('pageerror', (e) => pageErrors.push(e.message));
    return p;
  }

  beforeAll(async () => {
    // The shipped content with the sample of the official tier, and the shipped contact points.
    const content = copyContent('sample');
    removeContent = content.remove;
    cpSync(join(INTENTS_DIR, 'contacts'), join(content.dir, 'contacts'), { recursive: true });
    bot = await startBot({ CONTENT_DIR: content.dir, ADMIN_API_TOKEN: TOKEN });
    base = `http://127.0.0.1:${bot.port}`;
    browser = await launchChromium();
    [staffCtx, adminCtx] = await Promise.all([newContext(browser, 1280, 900), newContext(browser, 1280, 900)]);
    [staff, admin] = await Promise.all([page(staffCtx), page(adminCtx)]);
    await Promise.all([login(staff, base, 'staff'), login(admin, base, 'admin')]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await bot?.stop();
    removeContent?.();
  });

  it('lists a filed complaint with its content masked, filters by status and opens it by its reference', async () => {
    const [ack] = await say(complainant, 'Tôi muốn phản ánh cán bộ xã gây khó dễ khi tôi nộp hồ sơ đất, bắt đi lại ba lần, số của tôi 0912345678', 2);
    ref = /PA-\d{6}-\d{4,}/.exec(ack!)?.[0] ?? '';
    expect(ref, ack).not.toBe('');
    await send(complainant, { event_name: 'user_submit_info', info: { name: 'Nguyen Van A', phone: '84912345678' } });

    const nav = staff.getByRole('navigation', { name: 'Trang quản trị' });
    expect(await nav.getByRole('link', { name: 'Nội dung', exact: true }).count()).toBe(0);
    await nav.getByRole('link', { name: 'Phản ánh', exact: true }).click();
    const row = staff.locator(`tr[data-ref="${ref}"]`);
    await eventually(() => row.textContent()).toContain('[số điện thoại]');
    expect(await row.textContent()).not.toContain('0912345678');
    expect(await row.locator('td').nth(1).textContent()).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d$/);
    expect(await row.locator('[data-status]').textContent()).toBe('Mới');
    expect(await row.locator('td').last().textContent()).toBe('Đã chia sẻ');
    await expectAccessible(staff, 'complaints queue');
    await shot(staff, 'complaints.png');

    await staff.getByRole('button', { name: 'Đang xử lý (0)' }).click();
    await eventually(() => staff.locator('main').textContent()).toContain('Không có phản ánh nào ở trạng thái “Đang xử lý”');
    await staff.getByRole('button', { name: 'Mới (1)' }).click();
    await row.waitFor();

    await staff.getByLabel('Mở theo số tham chiếu').fill('PA-1');
    await staff.getByRole('button', { name: 'Mở', exact: true }).click();
    await eventually(() => staff.locator('.field.invalid .ferr').textContent()).toBe('Số tham chiếu: phải có dạng PA-251120-0042');
    await staff.getByLabel('Mở theo số tham chiếu').fill(` ${ref.toLowerCase()} `);
    await staff.getByRole('button', { name: 'Mở', exact: true }).click();
    await eventually(() => staff.locator('main h2').textContent()).toBe(`Phản ánh ${ref}`);
  });

  it('shows who filed it with the phone masked, and changes the status only after a confirmation', async () => {
    expect(await staff.locator('.complaint-text').first().textContent()).toContain('gây khó dễ');
    expect(await staff.locator('[data-k="display-name"]').textContent()).toBe('Người dùng 1001');
    const phone = staff.locator('[data-k="phone"]');
    expect(await phone.textContent()).toContain('091•••••78');
    expect(await phone.textContent()).not.toContain('0912345678');
    // The full number is fetched (and audited) on request.
    await phone.getByRole('button', { name: 'Hiện số' }).click();
    await eventually(() => phone.textContent()).toContain('0912345678');
    await phone.getByRole('button', { name: 'Ẩn số' }).click();
    await eventually(() => phone.textContent()).not.toContain('0912345678');

    await staff.getByLabel('Trạng thái mới').selectOption('in_progress');
    await staff.getByRole('button', { name: 'Đổi trạng thái…' }).click();
    const d = dialog(staff);
    expect(await d.textContent()).toContain('Mới → Đang xử lý');
    expect(await d.textContent()).toContain('Người dân không nhận tin nhắn nào khi đổi trạng thái');
    await expectAccessible(staff, 'status confirmation');
    await d.getByRole('button', { name: 'Quay lại' }).click();
    await eventually(() => dialog(staff).count()).toBe(0);
    expect((await api<ComplaintDetailResponse>(`/complaints/${ref}`)).complaint.status).toBe('new');

    const sent = messages(complainant).length;
    await staff.getByRole('button', { name: 'Đổi trạng thái…' }).click();
    await dialog(staff).getByRole('button', { name: 'Đổi sang “Đang xử lý”' }).click();
    await eventually(() => flash(staff)).toContain(`Đã đổi trạng thái phản ánh ${ref} sang “Đang xử lý”`);
    expect((await api<ComplaintDetailResponse>(`/complaints/${ref}`)).complaint.status).toBe('in_progress');
    await eventually(() => staff.locator('.history li[data-action="status"]').textContent()).toContain('staff đổi trạng thái: Mới → Đang xử lý');
    expect(messages(complainant)).toHaveLength(sent);
  });

  it('answers the citizen after a preview of the message as Zalo shows it and a confirmation', async () => {
    await staff.getByRole('button', { name: 'Xem trước và gửi…' }).click();
    await eventually(() => staff.locator('.answer-form .ferr').textContent()).toBe('Nội dung trả lời: bắt buộc nhập');
    expect(await staff.getByLabel('Nội dung trả lời').evaluate((e) => e === document.activeElement)).toBe(true);

    const answer = 'UBND xã đã làm việc với cán bộ liên quan; hồ sơ của anh/chị được giải quyết trong tuần này.';
    await staff.getByLabel('Nội dung trả lời').fill(answer);
    await staff.getByRole('button', { name: 'Xem trước và gửi…' }).click();
    const d = dialog(staff);
    await eventually(() => d.locator('.bubble').textContent()).toBe(`Trả lời phản ánh ${ref}:\n${answer}`);
    expect(await d.locator('.zbutton').count()).toBeGreaterThan(0);
    await expectAccessible(staff, 'answer preview');
    await shot(staff, 'complaint-answer.png');
    const sent = messages(complainant).length;
    await d.getByRole('button', { name: 'Quay lại' }).click();
    await eventually(() => dialog(staff).count()).toBe(0);
    expect(messages(complainant)).toHaveLength(sent);

    await staff.getByRole('button', { name: 'Xem trước và gửi…' }).click();
    await dialog(staff).getByRole('button', { name: 'Gửi cho người dân' }).click();
    await eventually(() => flash(staff)).toContain(`Đã gửi câu trả lời qua Zalo. Phản ánh ${ref} chuyển sang “Đã trả lời”`);
    await waitFor(() => messages(complainant).length > sent, 5000, 'answer delivered');
    expect(messages(complainant).at(-1)!.text).toBe(`Trả lời phản ánh ${ref}:\n${answer}`);
    await eventually(() => staff.locator('.card [data-status]').first().getAttribute('data-status')).toBe('answered');
    expect(await staff.locator('.previous-answer').textContent()).toContain(answer);
    expect(await staff.getByLabel('Nội dung trả lời thêm').inputValue()).toBe('');
    await expectAccessible(staff, 'complaint after the answer');
  });

  it('edits a contact point: a stated fact needs a source, added in one step; publishing shows the changes and citizens get them', async () => {
    await admin.goto(`${base}/admin/#/content`);
    await admin.getByRole('link', { name: 'Điểm liên hệ', exact: true }).click();
    const link = admin.locator(`a[href="#/content/contact/${KON_TUM}"]`);
    await link.waitFor();
    expect(await admin.locator('tbody tr').count()).toBe(5);
    expect(await link.locator('xpath=ancestor::tr').textContent()).toContain('Bộ phận Một cửa cấp xã, phường');
    await expectAccessible(admin, 'contact points');
    await link.click();
    const phone = admin.locator('[data-path="phone"]');
    await phone.waitFor();
    expect(await admin.locator('main').textContent()).not.toMatch(/\bnull\b|undefined/);
    expect(await admin.locator('[data-fact="phone"]').textContent()).toContain('Đang ghi là chưa có nguồn: Chưa tìm thấy số điện thoại');

    // A phone without a source: refused in Vietnamese at the field and in the summary.
    await phone.fill(PHONE);
    await admin.locator('[data-path="phone"]').blur();
    await admin.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await eventually(() => admin.locator('#form-errors').textContent()).toContain('Số điện thoại: chưa có nguồn: hãy đánh dấu thông tin này ở một nguồn');
    expect(await admin.locator('.field[data-field="phone"] .ferr').textContent()).toContain('chưa có nguồn');
    expect(await admin.locator('[data-fact="phone"]').textContent()).toContain('Số điện thoại chưa có nguồn.');

    // Saturday morning hours, then one source that confirms the phone (added by the button) and the hours.
    await admin.getByRole('button', { name: 'Thêm buổi sáng thứ Bảy' }).click();
    await admin.locator('[data-path="hours.0.from"]').fill('07:30');
    await admin.locator('[data-path="hours.0.to"]').fill('11:00');
    await admin.getByRole('button', { name: 'Thêm nguồn cho Số điện thoại' }).click();
    const title = admin.locator('[data-path="sources.0.title"]');
    await eventually(() => title.evaluate((e) => e === document.activeElement)).toBe(true);
    expect(await admin.locator('[data-field="sources.0.facts"]').getByLabel('Số điện thoại').isChecked()).toBe(true);
    expect(await admin.locator('[data-path^="unsourced."][data-path$=".fact"]').evaluateAll((els) => els.map((e) => (e as HTMLSelectElement).value))).not.toContain('phone');
    await title.fill('Cổng thông tin điện tử phường Kon Tum – Liên hệ');
    await admin.locator('[data-path="sources.0.url"]').fill('https://kontum.example.gov.vn/lien-he');
    expect(await admin.locator('[data-path="sources.0.retrieved"]').inputValue()).toMatch(/^\d\d\/\d\d\/\d{4}$/);
    await admin.locator('[data-field="sources.0.facts"]').getByLabel('Giờ làm việc').check();
    // The hours are sourced now: their "chưa có nguồn" line is dropped.
    await admin.getByRole('button', { name: 'Xoá dòng: chưa có nguồn Giờ làm việc' }).click();
    await expectAccessible(admin, 'contact editor');
    await admin.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await eventually(() => flash(admin)).toContain('Đã lưu bản nháp phiên bản 2');
    const draft = (await api<ContentView>(`/contacts/${KON_TUM}`)).draft!.data as ContactPoint;
    expect(draft).toMatchObject({ phone: PHONE, hours: [{ days: ['sat'], from: '07:30', to: '11:00' }], sources: [{ facts: ['phone', 'hours'] }] });
    expect(draft.unsourced.map((u) => u.fact)).toEqual(['address', 'coordinates']);
    await admin.mouse.wheel(0, -8000);
    await shot(admin, 'contact-editor.png');

    expect((await say('2468000000000021010', 'số điện thoại bộ phận một cửa phường kon tum'))[0]).not.toContain(PHONE);
    await admin.getByRole('button', { name: 'Xuất bản…' }).click();
    const d = dialog(admin);
    await eventually(() => d.textContent()).toContain(`Số điện thoại: thêm “${PHONE}”`);
    expect(await d.textContent()).toContain('Giờ làm việc: thêm Thứ Bảy: 07:30–11:00');
    expect(await d.textContent()).toContain('Nguồn 1: thêm “Cổng thông tin điện tử phường Kon Tum – Liên hệ” (Số điện thoại, Giờ làm việc');
    expect(await d.textContent()).toContain('Thông tin chưa có nguồn: bỏ Số điện thoại, Giờ làm việc');
    expect(await d.textContent()).not.toMatch(/unsourced|sources\.0|\{"/);
    await expectAccessible(admin, 'contact publish summary');
    await shot(admin, 'contact-publish.png');
    await d.getByRole('button', { name: 'Xuất bản', exact: true }).click();
    await eventually(() => flash(admin)).toContain('Đã xuất bản');
    expect((await say('2468000000000021011', 'số điện thoại bộ phận một cửa phường kon tum'))[0]).toContain(PHONE);
    expect((await say('2468000000000021012', 'phường kon tum thứ 7 có làm không'))[0]).toContain('07:30–11:00');

    await admin.getByRole('link', { name: 'Các phiên bản và khôi phục' }).click();
    const v2 = admin.locator('li[data-version="2"]');
    await eventually(() => v2.textContent()).toContain(`Số điện thoại: thêm “${PHONE}”`);
    await expectAccessible(admin, 'contact versions');
  });

  it('plays the voice message and shows the photo a citizen sent, with the bot conversation before, and announces the hand-back', async () => {
    const user = '2468000000000021020';
    await say(user, 'căn cước của tôi số 051080003456 bị mất thì làm lại thế nào');
    await say(user, 'gặp cán bộ');
    const media = (name: string, type: string, url: string) => ({ event_name: name, message: { msg_id: randomBytes(8).toString('hex'), attachments: [{ type, payload: { url } }] } });
    for (const event of [media('user_send_audio', 'audio', await host(wav(), 'audio/wav')), media('user_send_image', 'image', await host(photograph(await drawReceipt({ seed: 5 }), { angle: 2, width: 480, seed: 4 }), 'image/jpeg'))]) {
      expect((await postEvent(base, { ...envelope(user), ...event }, SIMULATOR_IDENTITY.oaSecretKey)).status).toBe(200);
    }
    await eventually(async () => (await api<{ messages: unknown[] }>(`/handoffs/${user}/messages`)).messages.length).toBe(3);

    await staff.goto(`${base}/admin/#/inbox`);
    const item = staff.locator(`button[data-user="${user}"]`);
    await eventually(() => item.textContent()).toContain('Người dùng 1020');
    expect((await api<{ items: InboxItem[] }>('/handoffs')).items.find((i) => i.userId === user)?.last?.attachment?.type).toBe('image');
    await item.click();
    const thread = staff.locator('.thread');
    await eventually(() => thread.textContent()).toContain('Trò chuyện với trợ lý tự động trước khi chuyển cán bộ');
    expect(await staff.locator('#conversation h3').textContent()).toBe('Người dùng 1020');
    const before = await thread.locator('.msg.citizen').first().textContent();
    expect(before).toContain('căn cước của tôi số [số định danh]');
    expect(await thread.textContent()).not.toContain('051080003456');
    expect(await thread.locator('.msg.bot').count()).toBeGreaterThan(0);
    // "gặp cán bộ" opens the hand-off thread and is not repeated above it.
    expect((await thread.locator('.msg.citizen').allTextContents()).filter((t) => t.includes('gặp cán bộ'))).toHaveLength(1);

    // The voice message and the photo load through the console's own origin (the media route, behind the login).
    const audio = thread.locator('audio');
    await eventually(() => audio.evaluate((a: HTMLAudioElement) => (a.readyState >= 1 ? Math.round(a.duration) : -1))).toBe(1);
    expect(await audio.getAttribute('src')).toMatch(new RegExp(`^/admin/api/handoffs/${user}/media\\?url=`));
    expect(await audio.getAttribute('aria-label')).toMatch(/^Tin nhắn thoại người dân gửi lúc \d\d\/\d\d\/\d{4} \d\d:\d\d$/);
    const img = thread.locator('img');
    await eventually(() => img.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(480);
    await expectAccessible(staff, 'inbox with media');
    // The README shows the hand-off point: the bot's last turn above it, the voice message and photo below.
    await thread.evaluate((el: HTMLElement) => (el.scrollTop = (el.querySelector<HTMLElement>('.thread-note:last-of-type')?.offsetTop ?? 0) - el.offsetTop - 140));
    await shot(staff, 'inbox-media.png');

    await staff.getByRole('button', { name: 'Trả lại cho trợ lý tự động…' }).click();
    const d = dialog(staff);
    expect(await d.textContent()).toContain('Người dân sẽ nhận một tin nhắn báo rằng cán bộ đã kết thúc hỗ trợ trực tiếp');
    await expectAccessible(staff, 'hand-back confirmation');
    await d.getByRole('button', { name: 'Quay lại' }).click();
    await eventually(() => dialog(staff).count()).toBe(0);
    expect((await api<{ items: InboxItem[] }>('/handoffs')).items.some((i) => i.userId === user)).toBe(true);

    const sent = messages(user).length;
    await staff.getByRole('button', { name: 'Trả lại cho trợ lý tự động…' }).click();
    await dialog(staff).getByRole('button', { name: 'Trả lại và báo người dân' }).click();
    await eventually(() => flash(staff)).toContain('Đã trả cuộc trò chuyện với Người dùng 1020 cho trợ lý tự động và đã báo cho người dân qua Zalo.');
    expect(messages(user).slice(sent).map((m) => m.text)).toEqual([expect.stringContaining('Cán bộ đã kết thúc hỗ trợ trực tiếp')]);
    expect((await api<{ items: InboxItem[] }>('/handoffs')).items.some((i) => i.userId === user)).toBe(false);
  });

  it('is usable on a 390 px phone: no sideways scrolling, the answer preview on screen, staff kept out of the contact editor', async () => {
    const phoneCtx = await newContext(browser, 390, 844);
    try {
      const phone = await page(phoneCtx);
      await login(phone, base, 'admin');
      for (const path of ['complaints', `complaints/${ref}`, 'content/contacts', `content/contact/${KON_TUM}`, 'inbox']) {
        await phone.goto(`${base}/admin/#/${path}`);
        await phone.locator('main h2').first().waitFor();
        await phone.waitForTimeout(150);
        expect(await phone.evaluate(() => document.documentElement.scrollWidth), `no sideways scroll on ${path}`).toBeLessThanOrEqual(390);
      }
      await phone.goto(`${base}/admin/#/complaints/${ref}`);
      await phone.getByLabel('Nội dung trả lời thêm').fill('Cán bộ sẽ gọi lại cho anh/chị trong hôm nay.');
      await phone.getByRole('button', { name: 'Xem trước và gửi…' }).click();
      const box = await dialog(phone).boundingBox();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(390);
      expect(await dialog(phone).getByRole('button', { name: 'Gửi cho người dân' }).isVisible()).toBe(true);
      await expectAccessible(phone, 'answer preview on a phone');
      await shot(phone, 'complaint-phone.png');
      await dialog(phone).getByRole('button', { name: 'Quay lại' }).click();

      await staff.goto(`${base}/admin/#/content/contact/${KON_TUM}`);
      await eventually(() => staff.locator('main').textContent()).toBe('Trang này chỉ dành cho quản trị viên.');
    } finally {
      await phoneCtx.close();
    }
    expect(pageErrors).toEqual([]);
  });
});
