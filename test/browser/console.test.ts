/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { projectRoot } from '../../src/paths.js';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { SIMULATOR_IDENTITY } from '../../src/main.js';
import type { EvalCase } from '../../src/admin/api-types.js';
import { vnToday } from '../../src/admin/format-vi.js';
import type { Procedure } from '../../src/knowledge/schema.js';
import { postEvent, waitFor } from '../support/bot.js';
import { ADMIN_TOKEN, startConsoleHarness, userText, type ConsoleHarness } from '../admin/harness.js';
import { chromiumPath, dialog, eventually, expectAccessible, flash, launchChromium, login, newContext as contextOf, shot } from './browser-support.js';

const QUESTION = 'lệ phí cấp phiếu lý lịch tư pháp bao nhiêu';
const FEE = '[data-path="fees.0.amountVnd"]';
const ADMIN_ZALO_ID = '2468000000000000899';

async function ask(h: ConsoleHarness, userId: string, text: string): Promise<string> {
  const before = h.fakeZalo.messagesFor(userId).length;
  const res = await postEvent(h.baseUrl, userText(userId, text), SIMULATOR_IDENTITY.oaSecretKey);
  expect(res.status).toBe(200);
  await waitFor(() => h.fakeZalo.messagesFor(userId).length > before, 5000, `reply to "${text}"`);
  return String((h.fakeZalo.messagesFor(userId).at(-1)!.message as { text?: string }).text ?? '');
}

async function api(h: ConsoleHarness, method: string, path: string, body?: unknown) {
  const res = await fetch(`${h.baseUrl}/admin/api${path}`, { method, headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe.skipIf(!chromiumPath)('admin console in headless Chromium', () => {
  let h: ConsoleHarness;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  const newContext = (width: number, height: number) => contextOf(browser, width, height);

  beforeAll(async () => {
    h = await startConsoleHarness();
    browser = await launchChromium();
    ctx = await newContext(1280, 860);
    page = await ctx.newPage();
    page.setDefaultTimeout(5000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('shows nothing but the login form before login; a wrong password is refused; the admin gets the menu', async () => {
    await page.goto(`${h.baseUrl}/admin/`);
    await page.getByLabel('Tên đăng nhập').waitFor();
    expect(await page.getByRole('navigation').count()).toBe(0);
    expect(await page.locator('main').textContent()).not.toContain('Nội dung');
    await expectAccessible(page, 'login');
    await page.getByLabel('Tên đăng nhập').fill('admin');
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await eventually(() => page.getByRole('alert').textContent()).toContain('không đúng');
    await login(page, h.baseUrl, 'admin', 'login.png');
    await eventually(() => page.locator('#whoami').textContent()).toContain('admin');
    const nav = page.getByRole('navigation', { name: 'Trang quản trị' });
    for (const item of ['Nội dung', 'Thử trợ lý', 'Thông báo', 'Nhãn người nhận', 'Tài khoản', 'Nhật ký']) expect(await nav.getByRole('link', { name: item, exact: true }).isVisible()).toBe(true);
  });

  it('validates a procedure in Vietnamese, per field, and hides the amount of a free fee', async () => {
    await page.goto(`${h.baseUrl}/admin/#/content`);
    await page.getByLabel('Tìm nội dung').fill('ly lich tu phap');
    await page.getByRole('link', { name: /lý lịch tư pháp/i }).first().click();
    await page.locator(FEE).waitFor();
    expect(await page.locator('main').textContent()).not.toMatch(/\bnull\b|undefined/);
    await expectAccessible(page, 'procedure editor');

    // An amount left empty: the message names the fee and says why, at the field and in the summary; focus goes there.
    await page.locator(FEE).fill('');
    await page.locator('[data-path="name.vi"]').fill('');
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    const summary = page.locator('#form-errors');
    await eventually(() => summary.textContent()).toContain('Tên tiếng Việt: bắt buộc nhập');
    expect(await summary.textContent()).toContain('Phí cấp Phiếu lý lịch tư pháp: bắt buộc nhập khi loại phí là “Số tiền cố định”');
    expect(await page.locator('.field[data-field="fees.0.amountVnd"] .ferr').textContent()).toBe('bắt buộc nhập khi loại phí là “Số tiền cố định”');
    expect(await page.locator('[data-path="name.vi"]').evaluate((e) => e === document.activeElement)).toBe(true);

    // A free fee has no amount box, and switching back to a fixed amount brings it back empty.
    await page.locator('[data-path="fees.0.kind"]').selectOption('free');
    expect(await page.locator(FEE).count()).toBe(0);
    await page.locator('[data-path="fees.0.kind"]').selectOption('amount');
    expect(await page.locator(FEE).inputValue()).toBe('');
    await page.reload();
    await page.locator(FEE).waitFor();
    expect(await page.locator('[data-path="name.vi"]').inputValue()).toContain('lý lịch tư pháp');
  });

  it('edits a fee: the sticky bar tells the draft state, the publish summary reads in words, cancel keeps it unpublished', async () => {
    expect(await ask(h, '2468000000000000801', QUESTION)).toContain('200.000');
    await page.locator(FEE).fill('250.000');
    expect(await page.locator('.actionbar').textContent()).toContain('Có thay đổi chưa lưu');
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await eventually(() => flash(page)).toContain('Đã lưu bản nháp phiên bản 2');
    await eventually(() => page.locator('.actionbar').textContent()).toContain('Bản nháp phiên bản 2');
    // Editing a fact re-dates the verification and names who verified it.
    const view = await api(h, 'GET', '/procedures/ly-lich-tu-phap');
    const draft = (view.json.draft as { data: Procedure }).data;
    expect(draft.fees[0]!.amountVnd).toBe(250000);
    expect([draft.verifiedAt, draft.verifiedBy]).toEqual([vnToday(), 'admin']);
    // The bar stays on screen while the form scrolls.
    await page.mouse.wheel(0, 4000);
    expect(await page.locator('.actionbar').isVisible()).toBe(true);
    const bar = await page.locator('.actionbar').boundingBox();
    expect(bar!.y + bar!.height).toBeLessThanOrEqual(860 + 1);

    await page.getByLabel('Câu hỏi thử').fill(QUESTION);
    await page.getByRole('button', { name: 'Thử', exact: true }).click();
    await eventually(() => page.locator('#preview-result .bubble').first().textContent()).toContain('250.000');

    await page.getByRole('button', { name: 'Xuất bản…' }).click();
    const d = dialog(page);
    await d.waitFor();
    await eventually(() => d.textContent()).toContain('Phí cấp Phiếu lý lịch tư pháp: 200.000\u00a0đ → 250.000\u00a0đ');
    expect(await d.textContent()).toMatch(/Ngày xác minh: \d\d\/\d\d\/\d{4} → \d\d\/\d\d\/\d{4}/);
    await expectAccessible(page, 'publish summary');
    await shot(page, 'content-publish.png');
    await d.getByRole('button', { name: 'Quay lại' }).click();
    await eventually(() => dialog(page).count()).toBe(0);
    expect(await ask(h, '2468000000000000802', QUESTION)).toContain('200.000');

    await page.getByRole('button', { name: 'Xuất bản…' }).click();
    await dialog(page).getByRole('button', { name: 'Xuất bản', exact: true }).click();
    await eventually(() => flash(page)).toContain('Đã xuất bản');
    expect(await ask(h, '2468000000000000803', QUESTION)).toContain('250.000');
    await eventually(() => page.locator('.actionbar').textContent()).toContain('Đang dùng phiên bản 2');
    await page.mouse.wheel(0, -8000);
    await shot(page, 'content-editor.png');
  });

  it('shows versions with their changes in words and restores one after a summary', async () => {
    await page.getByRole('link', { name: 'Các phiên bản và khôi phục' }).click();
    const v2 = page.locator('li[data-version="2"]');
    await v2.waitFor();
    expect(await v2.textContent()).toContain('Phí cấp Phiếu lý lịch tư pháp: 200.000\u00a0đ → 250.000\u00a0đ');
    expect(await v2.textContent()).not.toContain('amountVnd');
    await expectAccessible(page, 'versions');
    await page.locator('button[data-rollback="1"]').click();
    await eventually(() => dialog(page).textContent()).toContain('Phí cấp Phiếu lý lịch tư pháp: 250.000\u00a0đ → 200.000\u00a0đ');
    await dialog(page).getByRole('button', { name: 'Khôi phục và xuất bản' }).click();
    await eventually(() => flash(page)).toContain('Đã khôi phục phiên bản 1');
    expect(await ask(h, '2468000000000000804', QUESTION)).toContain('200.000');
    await page.locator('li[data-version="3"]').waitFor();
    await shot(page, 'content-versions.png', true);
  });

  it('publishes every draft after listing them, and shows content containing HTML as text', async () => {
    const proc = (await api(h, 'GET', '/procedures/cap-ho-chieu')).json.published as Procedure;
    const evil = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script><b>Hộ chiếu</b>';
    expect((await api(h, 'PUT', '/procedures/cap-ho-chieu', { ...proc, name: { ...proc.name, vi: evil } })).status).toBe(200);
    const other = (await api(h, 'GET', '/procedures/ly-lich-tu-phap')).json.published as Procedure;
    expect((await api(h, 'PUT', '/procedures/ly-lich-tu-phap', { ...other, keywords: [...other.keywords, 'phiếu lý lịch'] })).status).toBe(200);
    await page.goto(`${h.baseUrl}/admin/#/content`);
    await page.getByLabel('Tìm nội dung').fill('cap-ho-chieu');
    const link = page.locator('a[href="#/content/procedure/cap-ho-chieu"]');
    await eventually(() => link.textContent()).toBe(evil);
    await page.getByLabel('Tìm nội dung').fill('');
    await page.getByRole('button', { name: 'Xuất bản mọi bản nháp…' }).click();
    const d = dialog(page);
    await eventually(() => d.textContent()).toContain(`Tên tiếng Việt: “Cấp hộ chiếu phổ thông ở trong nước” → “${evil}”`);
    expect(await d.textContent()).toContain('Từ khoá: thêm “phiếu lý lịch”');
    expect(await page.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('main img, main script, main b, dialog img, dialog b').count()).toBe(0);
    await d.getByRole('button', { name: 'Quay lại' }).click();
    await api(h, 'POST', '/procedures/cap-ho-chieu/discard', {});
    await page.getByRole('button', { name: 'Xuất bản mọi bản nháp…' }).click();
    await eventually(() => dialog(page).getByRole('button', { name: 'Xuất bản 1 mục' }).isVisible()).toBe(true);
    await dialog(page).getByRole('button', { name: 'Xuất bản 1 mục' }).click();
    await eventually(() => flash(page)).toContain('Đã xuất bản 1 bản nháp');
    expect((await api(h, 'GET', '/content/publish-preview')).json.items).toEqual([]);
    await expectAccessible(page, 'content list');
    await shot(page, 'content-list.png');
  });

  it('creates a new intent from the intents tab: Vietnamese errors first, then a draft at its own address', async () => {
    await page.goto(`${h.baseUrl}/admin/#/content`);
    await page.getByRole('link', { name: 'Ý định hệ thống' }).click();
    await page.locator('a[href="#/content/intent/greeting"]').waitFor();
    await page.getByRole('link', { name: 'Thêm ý định' }).click();
    await page.locator('[data-path="id"]').fill('out_of_scope.weather');
    await page.locator('[data-path="kind"]').selectOption('out_of_scope');
    await page.locator('[data-path="phrasings"]').fill('câu cá ở đâu');
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await eventually(() => page.locator('#form-errors').textContent()).toContain('Câu mẫu: cần ít nhất 3 câu mẫu');
    await page.locator('[data-path="phrasings"]').fill('câu cá ở đâu\ncó được câu cá ở hồ không\nxin giấy phép câu cá');
    // The id of an existing intent is refused rather than overwritten.
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await eventually(() => page.locator('#form-errors').textContent()).toContain('Mã ý định: đã có mục “out_of_scope.weather”');
    expect((await api(h, 'GET', '/intents/out_of_scope.weather')).json.draft).toBeNull();
    await page.locator('[data-path="id"]').fill('out_of_scope.fishing');
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await eventually(() => page.url()).toContain('#/content/intent/out_of_scope.fishing');
    await eventually(() => flash(page)).toContain('Đã lưu bản nháp phiên bản 1');
    await eventually(() => page.locator('.actionbar').textContent()).toContain('Bản nháp phiên bản 1');
    expect(((await api(h, 'GET', '/intents/out_of_scope.fishing')).json.draft as { data: { phrasings: string[] } }).data.phrasings).toHaveLength(3);
    // A new item that is discarded leaves nothing behind.
    await page.getByRole('button', { name: 'Bỏ bản nháp…' }).click();
    await dialog(page).getByRole('button', { name: 'Bỏ bản nháp' }).click();
    await eventually(() => page.url()).toMatch(/#\/content\/intents$/);
    expect((await api(h, 'GET', '/intents/out_of_scope.fishing')).status).toBe(404);
  });

  it('runs a conversation of several turns, explains each, continues by a button, and saves it as an evaluation case', async () => {
    await page.goto(`${h.baseUrl}/admin/#/test`);
    await page.getByLabel('Tin nhắn thử').fill(QUESTION);
    await page.getByRole('button', { name: 'Gửi', exact: true }).click();
    const turn1 = page.getByRole('region', { name: 'Lượt 1' });
    await eventually(() => turn1.locator('[data-k="decision"]').getAttribute('data-value')).toBe('answer');
    expect(await turn1.locator('[data-k="procedure"]').textContent()).toBe('Cấp Phiếu lý lịch tư pháp');
    expect(await turn1.locator('.why').textContent()).toMatch(/Chọn “Cấp Phiếu lý lịch tư pháp” vì khớp \d+(,\d)?\u00a0%/);
    expect(await turn1.locator('.turn-result .bubble').first().textContent()).toContain('200.000');
    await page.getByLabel('Tin nhắn thử').fill('mất bao lâu');
    await page.getByRole('button', { name: 'Gửi', exact: true }).click();
    const turn2 = page.getByRole('region', { name: 'Lượt 2' });
    await eventually(() => turn2.locator('[data-k="procedure"]').getAttribute('data-value')).toBe('ly-lich-tu-phap');
    expect(await turn2.textContent()).toContain('Thời hạn giải quyết');
    expect(await turn2.locator('.why').textContent()).toContain('hỏi tiếp');
    // A button of the last reply continues the conversation as a tap.
    const button = turn2.locator('button.zbutton').first();
    const title = (await button.textContent())!;
    await button.click();
    const turn3 = page.getByRole('region', { name: 'Lượt 3' });
    await eventually(() => turn3.locator('.citizen-bubble').textContent()).toBe(`Bấm nút “${title}”`);
    await expectAccessible(page, 'test console');
    await shot(page, 'test-console.png', true);

    await page.getByRole('button', { name: 'Lưu thành ca kiểm thử…' }).click();
    await dialog(page).getByRole('button', { name: 'Lưu ca kiểm thử' }).click();
    await eventually(() => dialog(page).textContent()).toContain('Tên ca kiểm thử: bắt buộc nhập');
    await dialog(page).getByLabel('Tên ca kiểm thử').fill('Hỏi phí rồi hỏi thời hạn');
    expect(await dialog(page).getByLabel('Thủ tục đúng, lượt 2').inputValue()).toBe('ly-lich-tu-phap');
    await expectAccessible(page, 'save evaluation case');
    await dialog(page).getByRole('button', { name: 'Lưu ca kiểm thử' }).click();
    await eventually(() => flash(page)).toContain('Đã lưu ca kiểm thử “Hỏi phí rồi hỏi thời hạn” (3 lượt)');
    const cases = (await api(h, 'GET', '/eval-cases')).json.cases as EvalCase[];
    expect(cases[0]!.turns.map((t) => [t.text.startsWith('#') ? 'tap' : t.text, t.expected.procedureId])).toEqual([
      [QUESTION, 'ly-lich-tu-phap'],
      ['mất bao lâu', 'ly-lich-tu-phap'],
      ['tap', expect.anything()],
    ]);
    expect(cases[0]!.createdBy).toBe('admin');
    await page.locator(`[data-case="${cases[0]!.id}"]`).waitFor();
  });

  it('adds an unanswered message as a sample question of a procedure (as a draft)', async () => {
    await ask(h, '2468000000000000811', 'cho hỏi có bán vé máy bay không ạ');
    await ask(h, '2468000000000000812', 'có bán vé máy bay không');
    await page.goto(`${h.baseUrl}/admin/#/unanswered`);
    const row = page.locator('tr', { hasText: 'vé máy bay' }).first();
    await row.waitFor();
    expect(await row.textContent()).toContain('2 lần / 2 người');
    expect(await row.textContent()).toMatch(/\d\d\/\d\d\/\d{4} – \d\d\/\d\d\/\d{4}/);
    await expectAccessible(page, 'unanswered');
    await shot(page, 'unanswered.png');
    await row.locator('select').selectOption('cap-ho-chieu');
    await row.getByRole('button', { name: 'Thêm làm câu hỏi mẫu' }).click();
    await eventually(() => flash(page)).toContain('Đã thêm vào bản nháp');
    const draft = (await api(h, 'GET', '/procedures/cap-ho-chieu')).json.draft as { data: Procedure; by: string };
    expect(draft.by).toBe('admin');
    expect(['cho hỏi có bán vé máy bay không ạ', 'có bán vé máy bay không']).toContain(draft.data.phrasings.at(-1));
    await api(h, 'POST', '/procedures/cap-ho-chieu/discard', {});
  });

  it('lists answers to check again (a follow-up carried over) below the unanswered questions, and marks one seen', async () => {
    await ask(h, '2468000000000000813', 'đăng ký khai sinh cần giấy tờ gì');
    await ask(h, '2468000000000000813', 'thế nộp ở đâu');
    // The page is already open from the test before: a reload fetches the list again.
    await page.goto(`${h.baseUrl}/admin/#/unanswered`);
    await page.reload();
    await page.getByRole('heading', { name: 'Câu trả lời cần xem lại' }).waitFor();
    const row = page.locator('tr[data-review]', { hasText: 'thế nộp ở đâu' }).first();
    await row.waitFor();
    expect(await row.textContent()).toContain('Nối tiếp thủ tục của câu trước');
    expect(await row.textContent()).toContain('Nơi nộp');
    // The conversation around it: the question before, the one reviewed marked, the bot's replies.
    await row.getByText('Xem cuộc trò chuyện').click();
    const turns = row.locator('.review-conversation li');
    await eventually(() => turns.count()).toBeGreaterThanOrEqual(3);
    expect(await turns.first().textContent()).toBe('Người dân: đăng ký khai sinh cần giấy tờ gì');
    expect(await row.locator('.review-conversation li.asked').textContent()).toBe('Người dân: thế nộp ở đâu');
    expect(await row.locator('.review-conversation').textContent()).toContain('Trợ lý:');
    await expectAccessible(page, 'unanswered with the review list');
    await row.getByRole('button', { name: 'Đã xem' }).click();
    await eventually(() => flash(page)).toContain('Đã đánh dấu là đã xem');
    await eventually(async () => ((await api(h, 'GET', '/unanswered')).json.review as { text: string }[]).some((r) => r.text === 'thế nộp ở đâu')).toBe(false);
    expect(await page.locator('tr[data-review]', { hasText: 'thế nộp ở đâu' }).count()).toBe(0);
  });

  it('edits a system sentence: the new text is live after saving, and the default comes back on request', async () => {
    await page.goto(`${h.baseUrl}/admin/#/content/sentences`);
    await page.getByLabel('Tìm câu').fill('smalltalk.thanks');
    const row = page.locator('tr[data-sentence="smalltalk.thanks"]');
    await row.getByRole('button', { name: 'Sửa' }).click();
    await row.getByLabel('Tiếng Việt').fill('Dạ, cảm ơn anh/chị đã liên hệ ạ.');
    await expectAccessible(page, 'system sentence editor');
    await row.getByRole('button', { name: 'Lưu và áp dụng' }).click();
    await eventually(() => flash(page)).toContain('Đã lưu và áp dụng câu mới');
    await eventually(async () => ((await api(h, 'GET', '/sentences/defaults')).json.items as { id: string; override: { vi: string } | null }[]).find((i) => i.id === 'smalltalk.thanks')?.override?.vi).toBe('Dạ, cảm ơn anh/chị đã liên hệ ạ.');
    // The list reloads after the save.
    await eventually(() => row.textContent()).toContain('Đã sửa');
    await row.getByRole('button', { name: 'Sửa' }).click();
    await row.getByRole('button', { name: 'Dùng câu mặc định' }).click();
    await eventually(() => flash(page)).toContain('Đã dùng lại câu mặc định');
    await eventually(async () => ((await api(h, 'GET', '/sentences/defaults')).json.items as { id: string; override: unknown }[]).find((i) => i.id === 'smalltalk.thanks')?.override).toBe(null);
  });

  it('shows analytics in Vietnamese formats with charts whose labels fit', async () => {
    await page.goto(`${h.baseUrl}/admin/#/analytics`);
    await page.locator('svg.chart').first().waitFor();
    expect(Number(await page.locator('[data-stat="messages"] b').textContent())).toBeGreaterThanOrEqual(6);
    expect(await page.locator('[data-stat="answer"] b').textContent()).toMatch(/^\d+(,\d)?\u00a0%$/);
    const labels = await page.locator('svg.chart').first().locator('text').allTextContents();
    expect(labels.filter((t) => /^\d\d\/\d\d$/.test(t)).length).toBeGreaterThan(3);
    await expectNoOverflowingText(page);
    await expectAccessible(page, 'analytics');
    await shot(page, 'analytics.png', true);
  });

  it('manages tags: create, assign by commune, import a CSV after a check that lists errors and new tags', async () => {
    const followers = ['2468000000000000821', '2468000000000000822', '2468000000000000823'];
    for (const f of [...followers, ADMIN_ZALO_ID]) {
      h.fakeZalo.followers.add(f);
      await h.announcements.followers.follow(f, Date.now());
    }
    await page.goto(`${h.baseUrl}/admin/#/tags`);
    await page.getByLabel('Tên nhãn').fill('xã Bình Sơn');
    await page.getByRole('button', { name: 'Tạo nhãn' }).click();
    await eventually(() => flash(page)).toContain('Đã tạo nhãn “xã Bình Sơn”');
    await page.getByLabel('Nhãn', { exact: true }).selectOption('xã Bình Sơn');
    await page.getByLabel('Mã người dùng Zalo').fill(`${followers[0]}\n${followers[1]}`);
    await page.getByRole('button', { name: 'Gắn nhãn' }).click();
    await eventually(() => flash(page)).toContain('cho 2 người mới');
    await eventually(() => page.locator('tr[data-tag="xã Bình Sơn"]').textContent()).toBe('xã Bình Sơn22');

    await page.getByLabel('Hoặc dán nội dung CSV').fill(`user_id,tag\n${followers[2]},phường 1\nkhông-hợp-lệ!,phường 1`);
    await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    await eventually(() => page.locator('.import-report').textContent()).toContain('Dòng 3: Mã người dùng Zalo không hợp lệ');
    expect(await page.getByRole('button', { name: 'Nhập…' }).count()).toBe(0);
    await page.getByLabel('Chọn tệp CSV…').setInputFiles({ name: 'nhan-phuong-1.csv', mimeType: 'text/csv', buffer: Buffer.from(`user_id;tag\n${followers[2]};phường 1\n${followers[0]};phường 1\n`) });
    await eventually(() => page.getByLabel('Hoặc dán nội dung CSV').inputValue()).toContain(`${followers[0]};phường 1`);
    expect(await page.locator('form', { hasText: 'Nhập nhãn từ tệp CSV' }).textContent()).toContain('nhan-phuong-1.csv');
    await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    await eventually(() => page.locator('.import-report').textContent()).toContain('Nhãn mới sẽ được tạo: “phường 1”');
    await page.getByRole('button', { name: 'Nhập…' }).click();
    await dialog(page).getByRole('button', { name: 'Gắn 2 nhãn' }).click();
    await eventually(() => page.locator('tr[data-tag="phường 1"]').textContent()).toBe('phường 122');
    await expectAccessible(page, 'tags');
    await shot(page, 'tags.png', true);
  });

  it('registers the Zalo id of the admin for test sends and manages accounts with a confirmation to delete', async () => {
    await page.goto(`${h.baseUrl}/admin/#/users`);
    await page.getByRole('button', { name: 'Sửa mã Zalo nhận tin thử của admin' }).click();
    await page.getByLabel('Mã Zalo của admin').fill(ADMIN_ZALO_ID);
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await eventually(() => page.locator('tr[data-user="admin"]').textContent()).toContain(ADMIN_ZALO_ID);
    await page.getByLabel('Tên đăng nhập').fill('can-bo-xa');
    await page.getByLabel('Mật khẩu').fill('ngắn');
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await eventually(() => page.locator('main').textContent()).toContain('Mật khẩu: cần ít nhất 8 ký tự');
    await page.getByLabel('Mật khẩu').fill('mat-khau-du-dai-2026');
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await page.locator('tr[data-user="can-bo-xa"]').waitFor();
    // A role change is confirmed first, and takes effect on the server.
    await page.getByLabel('Vai trò của can-bo-xa').selectOption('admin');
    await eventually(() => dialog(page).textContent()).toContain('can-bo-xa: cán bộ → quản trị');
    await dialog(page).getByRole('button', { name: 'Đổi thành quản trị' }).click();
    await eventually(async () => ((await api(h, 'GET', '/users')).json.users as { username: string; role: string }[]).find((u) => u.username === 'can-bo-xa')?.role).toBe('admin');
    await expectAccessible(page, 'users');
    await shot(page, 'users.png');
    await page.locator('tr[data-user="can-bo-xa"]').getByRole('button', { name: 'Xoá…' }).click();
    await dialog(page).getByRole('button', { name: 'Xoá can-bo-xa' }).click();
    await eventually(() => page.locator('tr[data-user="can-bo-xa"]').count()).toBe(0);
    // The session learns the new test recipient at the next sign-in; reload re-reads /me.
    await page.reload();
    await page.getByRole('navigation', { name: 'Trang quản trị' }).waitFor();
  });

  it('sends an announcement only after choosing an audience, reviewing it, testing it on oneself and confirming', async () => {
    const tagged = ['2468000000000000821', '2468000000000000822'];
    await page.goto(`${h.baseUrl}/admin/#/announcements`);
    await page.getByLabel('Tiêu đề').fill('Nghỉ lễ');
    await page.getByLabel('Nội dung').fill('Bộ phận một cửa nghỉ lễ ngày 2/9. Anh/chị vui lòng nộp hồ sơ trực tuyến.');
    expect(await page.locator('.audience-size').textContent()).toBe('Chưa chọn người nhận.');
    await page.getByRole('button', { name: 'Xem lại và gửi…' }).click();
    await eventually(() => page.locator('.audience .ferr').textContent()).toBe('Người nhận: vui lòng chọn người nhận');
    await page.getByLabel('Người có nhãn (xã, phường, chủ đề)').check();
    await page.getByRole('checkbox', { name: /xã Bình Sơn/ }).check();
    await eventually(() => page.locator('.audience-size').textContent()).toBe('Sẽ đến 2 người.');
    await page.getByRole('button', { name: 'Thêm nút' }).click();
    await page.getByLabel('Nút 1 – chữ trên nút').fill('Nộp trực tuyến');
    await page.getByLabel('Nút 1 – địa chỉ trang').fill('dichvucong');
    await page.getByRole('button', { name: 'Xem lại và gửi…' }).click();
    await eventually(() => page.locator('.buttons-edit .ferr').textContent()).toContain('Nút 1 – địa chỉ trang: phải là một địa chỉ web đầy đủ');
    await page.getByLabel('Nút 1 – địa chỉ trang').fill('https://dichvucong.gov.vn');
    await page.getByRole('button', { name: 'Xem lại và gửi…' }).click();

    const d = dialog(page);
    await eventually(() => d.locator('[data-k="audience"]').textContent()).toBe('Người có nhãn “xã Bình Sơn” (2 người)');
    expect(await d.locator('.bubble').textContent()).toContain('Nghỉ lễ');
    expect(await d.locator('.zbutton').textContent()).toContain('Nộp trực tuyến');
    await expectAccessible(page, 'announcement review');
    await shot(page, 'announcement-review.png');
    await d.getByRole('button', { name: 'Gửi thử cho tôi' }).click();
    await eventually(() => d.textContent()).toContain('Đã gửi thử tới Zalo của anh/chị');
    await waitFor(() => h.fakeZalo.messagesFor(ADMIN_ZALO_ID).length === 1, 5000, 'test send to the admin');
    // Going back sends nothing; the draft waits in the list.
    await d.getByRole('button', { name: 'Quay lại' }).click();
    const row = page.locator('tbody tr', { hasText: 'Nghỉ lễ' }).first();
    await eventually(() => row.locator('[data-status]').getAttribute('data-status')).toBe('draft');
    expect(tagged.every((u) => h.fakeZalo.messagesFor(u).length === 0)).toBe(true);

    await row.getByRole('button', { name: 'Xem lại và gửi…' }).click();
    await dialog(page).getByRole('button', { name: 'Gửi cho 2 người' }).click();
    await eventually(() => flash(page)).toContain('Đang gửi “Nghỉ lễ” cho 2 người');
    await eventually(() => row.locator('[data-status]').getAttribute('data-status'), { timeout: 10_000 }).toBe('done');
    expect(await row.locator('.progress-text').textContent()).toContain('2 đã gửi');
    for (const u of tagged) await waitFor(() => h.fakeZalo.messagesFor(u).length === 1, 5000, 'announcement delivered');
    expect(h.fakeZalo.messagesFor('2468000000000000823')).toHaveLength(0);
    await expectAccessible(page, 'announcements');
    await shot(page, 'announcements.png', true);
  });

  it('cancels a scheduled announcement after a confirmation', async () => {
    const created = await api(h, 'POST', '/announcements', { title: 'Lịch tiếp dân tháng sau', text: 'Thứ Năm hằng tuần.', audience: { tags: ['phường 1'] }, sendAt: new Date(Date.now() + 7 * 86_400_000).toISOString() });
    expect(created.status).toBe(201);
    const row = page.locator(`tr[data-id="${String(created.json.id)}"]`);
    await eventually(() => row.locator('[data-status]').getAttribute('data-status')).toBe('scheduled');
    await row.getByRole('button', { name: 'Huỷ…' }).click();
    expect(await dialog(page).textContent()).toContain('Chưa ai nhận thông báo này');
    await dialog(page).getByRole('button', { name: 'Huỷ thông báo' }).click();
    await eventually(() => row.locator('[data-status]').getAttribute('data-status')).toBe('cancelled');
  });

  it('shows staff only their pages, replies from the hand-off inbox and hands the conversation back', async () => {
    const user = '2468000000000000831';
    await ask(h, '2468000000000000832', 'xin cấp giấy phép nuôi rồng');
    await ask(h, user, 'tôi muốn gặp cán bộ');
    await postEvent(h.baseUrl, userText(user, 'Hồ sơ <b>của tôi</b> bị trả lại'), SIMULATOR_IDENTITY.oaSecretKey);
    await eventually(async () => (await h.handoff.messages(user)).map((m) => m.text)).toEqual(['tôi muốn gặp cán bộ', 'Hồ sơ <b>của tôi</b> bị trả lại']);
    const staffCtx = await newContext(1280, 800);
    const staff = await staffCtx.newPage();
    staff.setDefaultTimeout(5000);
    staff.on('pageerror', (e) => pageErrors.push(e.message));
    try {
      await login(staff, h.baseUrl, 'staff');
      const nav = staff.getByRole('navigation', { name: 'Trang quản trị' });
      expect(await nav.getByRole('link', { name: 'Nội dung', exact: true }).count()).toBe(0);
      expect(await nav.getByRole('link', { name: 'Tài khoản', exact: true }).count()).toBe(0);
      expect(await nav.getByRole('link', { name: 'Thông báo', exact: true }).isVisible()).toBe(true);
      // A page of another role is not rendered, even by its address; its API refuses too.
      await staff.goto(`${h.baseUrl}/admin/#/content/procedure/ly-lich-tu-phap`);
      await eventually(() => staff.locator('main').textContent()).toBe('Trang này chỉ dành cho quản trị viên.');
      expect(await staff.locator('[data-path]').count()).toBe(0);
      // Unanswered questions are readable by staff, without the admin's actions.
      await staff.goto(`${h.baseUrl}/admin/#/unanswered`);
      await staff.locator('table').first().waitFor();
      expect(await staff.getByRole('button', { name: 'Đã xem' }).count()).toBe(0);
      expect(await staff.getByRole('button', { name: 'Thêm làm câu hỏi mẫu' }).count()).toBe(0);

      await staff.goto(`${h.baseUrl}/admin/#/inbox`);
      await staff.locator(`button[data-user="${user}"]`).click({ timeout: 7000 });
      await eventually(() => staff.locator('.thread').textContent()).toContain('Hồ sơ <b>của tôi</b> bị trả lại');
      await staff.getByLabel('Nội dung trả lời').fill('Chào anh/chị, cán bộ đang kiểm tra hồ sơ.');
      await staff.getByRole('button', { name: 'Gửi trả lời' }).click();
      await waitFor(() => h.fakeZalo.messagesFor(user).some((m) => (m.message as { text?: string }).text === 'Chào anh/chị, cán bộ đang kiểm tra hồ sơ.'), 5000, 'staff reply');
      expect(h.fakeZalo.messagesFor(user).at(-1)!.endpoint).toBe('cs');
      await eventually(() => staff.locator('.thread .msg.staff').count()).toBe(1);
      await expectAccessible(staff, 'inbox');
      await shot(staff, 'inbox.png');
      await staff.getByRole('button', { name: 'Trả lại cho trợ lý tự động…' }).click();
      await dialog(staff).getByRole('button', { name: 'Trả lại và báo người dân' }).click();
      await eventually(() => h.handoff.isActive(user)).toBe(false);
      expect(await ask(h, user, 'xin chào')).not.toBe('');
    } finally {
      await staffCtx.close();
    }
  });

  it('shows the audit log and the glossary', async () => {
    await page.goto(`${h.baseUrl}/admin/#/audit`);
    await page.locator('tr[data-action="procedure.publish"]').first().waitFor();
    expect(await page.locator('tr[data-action="procedure.publish"]').first().textContent()).toContain('Xuất bản thủ tục');
    await expectAccessible(page, 'audit');
    await shot(page, 'audit.png');
    await page.goto(`${h.baseUrl}/admin/#/glossary`);
    await page.getByText('Độ tin cậy', { exact: true }).first().waitFor();
    await expectAccessible(page, 'glossary');
  });

  it('is usable on a 390 px phone: a menu button, no sideways scrolling, readable charts, dialogs on screen', async () => {
    const phoneCtx = await newContext(390, 844);
    const phone = await phoneCtx.newPage();
    phone.setDefaultTimeout(5000);
    phone.on('pageerror', (e) => pageErrors.push(e.message));
    try {
      await login(phone, h.baseUrl, 'admin');
      const nav = phone.getByRole('navigation', { name: 'Trang quản trị' });
      expect(await nav.isVisible()).toBe(false);
      await phone.getByRole('button', { name: 'Menu' }).click();
      await nav.getByRole('link', { name: 'Thống kê' }).click();
      await phone.locator('svg.chart').first().waitFor();
      await expectNoOverflowingText(phone);
      await shot(phone, 'analytics-phone.png', true);
      for (const path of ['content', 'content/procedure/ly-lich-tu-phap', 'test', 'unanswered', 'analytics', 'inbox', 'announcements', 'tags', 'users', 'audit']) {
        await phone.goto(`${h.baseUrl}/admin/#/${path}`);
        await phone.locator('main h2').first().waitFor();
        await phone.waitForTimeout(150);
        expect(await phone.evaluate(() => document.documentElement.scrollWidth), `no sideways scroll on ${path}`).toBeLessThanOrEqual(390);
      }
      await expectAccessible(phone, 'audit on a phone');
      await phone.goto(`${h.baseUrl}/admin/#/content/procedure/ly-lich-tu-phap`);
      await phone.locator(FEE).fill('260000');
      await phone.getByRole('button', { name: 'Xuất bản…' }).click();
      const box = await dialog(phone).boundingBox();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(390);
      expect(await dialog(phone).getByRole('button', { name: 'Xuất bản', exact: true }).isVisible()).toBe(true);
      await expectAccessible(phone, 'publish summary on a phone');
      await dialog(phone).getByRole('button', { name: 'Quay lại' }).click();
      await api(h, 'POST', '/procedures/ly-lich-tu-phap/discard', {});
    } finally {
      await phoneCtx.close();
    }
  });

  it('keeps keyboard users in charge: skip link, focus moves into dialogs, Escape closes them', async () => {
    await page.goto(`${h.baseUrl}/admin/#/content`);
    await page.reload();
    await page.locator('tbody tr').first().waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Bỏ qua thanh điều hướng');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.getByRole('button', { name: 'Xuất bản mọi bản nháp…' }).focus();
    await page.keyboard.press('Enter');
    await dialog(page).waitFor();
    expect(await page.evaluate(() => !!document.activeElement?.closest('dialog'))).toBe(true);
    await page.keyboard.press('Escape');
    await eventually(() => dialog(page).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});

/** Every text of every chart lies inside its chart (nothing cut at an edge). */
async function expectNoOverflowingText(page: Page): Promise<void> {
  const outside = await page.evaluate(() =>
    [...document.querySelectorAll('svg.chart')].flatMap((svg) => {
      const box = svg.getBoundingClientRect();
      return [...svg.querySelectorAll('text')].map((t) => ({ t: t.textContent, r: t.getBoundingClientRect() })).filter(({ r }) => r.left < box.left - 1 || r.right > box.right + 1).map(({ t }) => t);
    }),
  );
  expect(outside).toEqual([]);
}

describe.skipIf(!chromiumPath)('console pages of dossier notices (templates, notices, satisfaction)', () => {
  let h: ConsoleHarness;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const CODE = '000.00.53.H48-251120-0004';
  const CITIZEN = '2468000000000000871';

  beforeAll(async () => {
    h = await startConsoleHarness();
    browser = await launchChromium();
    page = await (await contextOf(browser, 1280, 860)).newPage();
    page.setDefaultTimeout(5000);
    page.on('pageerror', (e) => errors.push(e.message));
    await login(page, h.baseUrl, 'admin');
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('lists a notice nobody could receive with its reason and steps, then sends it again after a template is registered', async () => {
    // No template yet and no phone key: the citizen, silent for over 7 days, cannot be reached.
    await h.notify.service.deliver({ id: 'nbrowser1', bucket: '20260301', userId: CITIZEN, language: 'vi', facts: { code: CODE, statusCode: 'co_ket_qua', status: 'Đã có kết quả, chờ trả' }, message: { text: 'x', buttons: [] }, final: false });
    await page.goto(`${h.baseUrl}/admin/#/notices`);
    const row = page.locator('tr[data-notice="nbrowser1"]');
    await eventually(() => row.textContent()).toContain('Không liên lạc được');
    expect(await row.textContent()).toContain('chưa cấu hình khoá mã hoá số điện thoại');
    await row.getByText('Các bước (3)').click();
    expect(await row.locator('ol li').allTextContents()).toEqual([expect.stringContaining('Tin tư vấn: bỏ qua – quá 7 ngày người dân chưa nhắn tin'), expect.stringContaining('Tin mẫu theo người dùng: bỏ qua – chưa có mẫu đang dùng'), expect.stringContaining('ZNS theo số điện thoại: bỏ qua')]);
    await eventually(() => page.locator('[data-stat="unreachable"] b').textContent()).toBe('1');
    await expectAccessible(page, 'notices');

    // Zalo approved a template by user id; it is registered and the notice is sent again, by a person.
    h.fakeZalo.approveTemplate('251234');
    expect((await api(h, 'POST', '/notify/templates', { name: 'Báo hồ sơ', templateId: '251234', channel: 'template', tag: 1, params: [{ name: 'ma_ho_so', field: 'code' }], active: true })).status).toBe(201);
    await row.getByRole('button', { name: `Gửi lại thông báo hồ sơ ${CODE}` }).click();
    await dialog(page).getByRole('button', { name: 'Gửi lại', exact: true }).click();
    await eventually(() => flash(page)).toContain('qua tin mẫu theo người dùng');
    await eventually(() => row.getAttribute('data-state')).toBe('sent');
    expect(h.fakeZalo.messagesFor(CITIZEN).map((m) => [m.endpoint, (m.message as { template_data?: unknown }).template_data])).toEqual([['template', { ma_ho_so: CODE }]]);
    await shot(page, 'notices.png');
  });

  it('registers a template with Vietnamese errors first, switches the chain on, previews it and sends a test', async () => {
    await page.goto(`${h.baseUrl}/admin/#/notice-templates`);
    await eventually(() => page.locator('[data-step="zns"]').textContent()).toContain('NOTIFY_PHONE_KEY');
    const form = page.getByRole('form', { name: 'Đăng ký mẫu' });
    await form.getByLabel('Tên mẫu').fill('ZNS hồ sơ');
    await form.getByLabel('Mã mẫu Zalo').fill('mẫu-1');
    await form.getByLabel('Kênh', { exact: true }).selectOption('zns');
    await form.getByLabel('Tag của mẫu').selectOption('3');
    await form.getByLabel('Tên tham số 1').fill('ma_ho_so');
    await form.getByRole('button', { name: 'Đăng ký mẫu' }).click();
    await eventually(() => form.locator('.ferr').allTextContents()).toEqual(['Mã mẫu do Zalo cấp (chỉ gồm chữ số)', 'Chỉ mẫu Tag 1 (Giao dịch) mới dùng để báo tình trạng hồ sơ']);
    await expectAccessible(page, 'template form with errors');
    await form.getByLabel('Mã mẫu Zalo').fill('300001');
    await form.getByLabel('Tag của mẫu').selectOption('1');
    await form.getByRole('button', { name: 'Thêm tham số' }).click();
    await form.getByLabel('Tên tham số 2').fill('ngay_hen');
    await form.getByLabel('Lấy từ (tham số 2)').selectOption('due_date');
    await form.getByRole('button', { name: 'Đăng ký mẫu' }).click();
    await eventually(() => flash(page)).toContain('Đã đăng ký mẫu “ZNS hồ sơ”');
    await eventually(() => page.locator('tr[data-template="zns-300001"]').textContent()).toContain('ma_ho_so ← Mã hồ sơ; ngay_hen ← Ngày hẹn trả');

    const preview = page.getByRole('form', { name: 'Xem trước và gửi thử' });
    await preview.getByLabel('Mẫu', { exact: true }).selectOption('template-251234');
    await preview.getByRole('button', { name: 'Xem trước' }).click();
    await eventually(() => preview.locator('pre').textContent()).toContain('"ma_ho_so": "000.00.53.H48-251120-0001"');
    await preview.getByLabel('Mã Zalo của cán bộ nhận tin thử').fill('2468000000000000899');
    await preview.getByRole('button', { name: 'Gửi thử…' }).click();
    await dialog(page).getByRole('button', { name: 'Gửi thử', exact: true }).click();
    await eventually(() => flash(page)).toContain('Zalo đã nhận tin thử');
    expect(h.fakeZalo.messagesFor('2468000000000000899').map((m) => m.endpoint)).toEqual(['template']);
    await expectAccessible(page, 'templates');
    await shot(page, 'notice-templates.png', true);
    expect(errors).toEqual([]);
  });

  it('shows satisfaction by month, agency and procedure with a chart and a CSV link; staff see it but not the templates', async () => {
    const now = Date.now();
    const { newSession } = await import('../../src/dialogue/types.js');
    const tVi = (await import('../../src/i18n/i18n.js')).translatorFor(await (await import('../../src/i18n/i18n.js')).createI18n(join(projectRoot(), 'locales')))('vi');
    const answers = [['2468000000000000881', 'very_satisfied'], ['2468000000000000882', 'very_satisfied'], ['2468000000000000883', 'unsatisfied']] as const;
    for (const [userId, answer] of answers) {
      await h.notify.survey.settled({ id: 'n', bucket: 'b', userId, code: CODE, status: 'da_tra_ket_qua', language: 'vi', final: true, state: 'sent', channel: 'consultation', attempts: 1, generation: 0, createdAt: now, updatedAt: now, steps: [], facts: { code: CODE, statusCode: 'da_tra_ket_qua', agency: 'UBND xã Bình Sơn', procedure_name: 'Đăng ký biến động đất đai' }, message: { text: '', buttons: [] } }, now);
      await h.notify.survey.handle({ type: 'satisfaction', code: CODE, answer }, { userId, session: newSession(userId), language: 'vi', t: tVi, now });
    }
    await page.goto(`${h.baseUrl}/admin/#/satisfaction`);
    await eventually(() => page.locator('[data-stat="answers"] b').textContent()).toBe('3');
    expect(await page.locator('[data-stat="very_satisfied"]').textContent()).toContain('Rất hài lòng (2)');
    expect(await page.locator('tbody tr').first().textContent()).toContain('UBND xã Bình Sơn');
    expect(await page.getByRole('img', { name: /Đánh giá trong khoảng đã chọn: Rất hài lòng 2 lượt; Hài lòng 0 lượt; Chưa hài lòng 1 lượt/ }).count()).toBe(1);
    const href = await page.getByRole('link', { name: 'Tải tệp CSV' }).getAttribute('href');
    const csv = await page.evaluate(async (u) => (await fetch(u!)).text(), href);
    expect(csv).toContain(`${CODE},UBND xã Bình Sơn,,Đăng ký biến động đất đai,unsatisfied`);
    await expectNoOverflowingText(page);
    await expectAccessible(page, 'satisfaction');
    await shot(page, 'satisfaction.png');

    const staffPage = await (await contextOf(browser, 390, 800)).newPage();
    await login(staffPage, h.baseUrl, 'staff');
    await staffPage.getByRole('button', { name: 'Menu' }).click();
    const nav = staffPage.getByRole('navigation', { name: 'Trang quản trị' });
    expect(await nav.getByRole('link', { name: 'Mức độ hài lòng', exact: true }).isVisible()).toBe(true);
    expect(await nav.getByRole('link', { name: 'Thông báo hồ sơ', exact: true }).isVisible()).toBe(true);
    expect(await nav.getByRole('link', { name: 'Mẫu tin Zalo', exact: true }).count()).toBe(0);
    await staffPage.goto(`${h.baseUrl}/admin/#/notice-templates`);
    await eventually(() => staffPage.locator('main').textContent()).toBe('Trang này chỉ dành cho quản trị viên.');
    expect(errors).toEqual([]);
  });
});
