import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { SIMULATOR_IDENTITY } from '../../src/main.js';
import { projectRoot } from '../../src/paths.js';
import type { Procedure } from '../../src/knowledge/schema.js';
import { postEvent, waitFor } from '../support/bot.js';
import { ADMIN_TOKEN, startConsoleHarness, userText, type ConsoleHarness } from '../admin/harness.js';

function findChromium(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}
const chromiumPath = findChromium();
const shots = join(projectRoot(), 'docs', 'screenshots');
const QUESTION = 'lệ phí cấp phiếu lý lịch tư pháp bao nhiêu';

/** README screenshots: written when missing, or refreshed with SCREENSHOTS=1 (so a test run does not churn tracked PNGs). */
async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  const path = join(shots, name);
  if (process.env.SCREENSHOTS === '1' || !existsSync(path)) await page.screenshot({ path, fullPage });
}

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

async function login(page: Page, base: string, username: string, shotName?: string): Promise<void> {
  await page.goto(`${base}/admin/`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill('simulator');
  if (shotName) await shot(page, shotName);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('navigation').waitFor();
}


/**
 * expect.poll with a longer default wait: with the whole suite running on two cores a login (scrypt) or a
 * publish can take longer than poll's default second; a real failure still fails, just later.
 */
function eventually<T>(fn: () => T, options: { timeout?: number } = {}) {
  return expect.poll(fn, { timeout: 8000, ...options });
}
describe.skipIf(!chromiumPath)('admin console in headless Chromium', () => {
  let h: ConsoleHarness;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    h = await startConsoleHarness();
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--headless'] });
    ctx = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    page = await ctx.newPage();
    page.setDefaultTimeout(5000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('dialog', (d) => void d.accept());
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('logs in (wrong password refused, then the admin sees the console)', async () => {
    await page.goto(`${h.baseUrl}/admin/`);
    await page.getByLabel('Tên đăng nhập').fill('admin');
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await eventually(() => page.getByRole('alert').textContent()).toContain('không đúng');
    await login(page, h.baseUrl, 'admin', 'login.png');
    await eventually(() => page.locator('#whoami').textContent()).toContain('admin');
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Nội dung', exact: true }).isVisible()).toBe(true);
  });

  it('edits a fee, previews the draft, publishes, and the bot answers with the new fee; rollback restores it', async () => {
    expect(await ask(h, '2468000000000000801', QUESTION)).toContain('200.000');
    await page.goto(`${h.baseUrl}/admin/#/content`);
    await page.getByLabel('Tìm nội dung').fill('ly lich tu phap');
    await page.getByRole('link', { name: /lý lịch tư pháp/i }).first().click();
    await page.locator('[data-path="fees.0.amountVnd"]').fill('250000');
    await page.locator('[data-path="fees.0.amountVnd"]').blur();
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await eventually(() => page.locator('#flash').textContent()).toContain('Đã lưu bản nháp phiên bản 2');

    await page.getByLabel('Câu hỏi thử').fill(QUESTION);
    await page.getByRole('button', { name: 'Thử', exact: true }).click();
    await eventually(() => page.locator('#preview-result .reply-text').first().textContent()).toContain('250.000');
    await shot(page, 'content-editor.png', false);
    // Not live before publishing.
    expect(await ask(h, '2468000000000000802', QUESTION)).toContain('200.000');

    await page.getByRole('button', { name: 'Xuất bản', exact: true }).click();
    await eventually(() => page.locator('#flash').textContent()).toContain('Đã xuất bản');
    expect(await ask(h, '2468000000000000803', QUESTION)).toContain('250.000');

    // Roll back to version 1: the content that came from the files.
    await page.locator('li[data-version="1"] button[data-rollback]').click();
    await eventually(() => page.locator('#flash').textContent()).toContain('Đã khôi phục phiên bản 1');
    expect(await ask(h, '2468000000000000804', QUESTION)).toContain('200.000');
    await page.locator('li[data-version="3"]').waitFor();
    await shot(page, 'content-versions.png', true);
  });

  it('shows per-field errors from the schema', async () => {
    await page.locator('[data-path="fees.0.amountVnd"]').fill('');
    await page.locator('[data-path="fees.0.amountVnd"]').blur();
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    const field = page.locator('.field[data-field="fees.0.amountVnd"]');
    await eventually(() => field.getAttribute('class')).toContain('invalid');
    expect(await field.locator('.ferr').textContent()).toContain('amountVnd is required when kind is amount');
    expect(await page.locator('[data-path="fees.0.amountVnd"]').evaluate((e) => e === (e as unknown as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement)).toBe(true);
  });

  it('shows content containing HTML or script as text', async () => {
    const view = await api(h, 'GET', '/procedures/cap-ho-chieu');
    const proc = view.json.published as Procedure;
    const evil = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script><b>Hộ chiếu</b>';
    expect((await api(h, 'PUT', '/procedures/cap-ho-chieu', { ...proc, name: { ...proc.name, vi: evil } })).status).toBe(200);
    await page.goto(`${h.baseUrl}/admin/#/content`);
    await page.getByLabel('Tìm nội dung').fill('cap-ho-chieu');
    const link = page.locator('a[href="#/content/procedure/cap-ho-chieu"]');
    await eventually(() => link.textContent()).toBe(evil);
    await link.click();
    await eventually(() => page.locator('h2').textContent()).toContain(evil);
    expect(await page.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('main img, main script, main b').count()).toBe(0);
    await api(h, 'POST', '/procedures/cap-ho-chieu/discard', {});
  });

  it('runs the test console', async () => {
    await page.goto(`${h.baseUrl}/admin/#/test`);
    await page.getByLabel('Tin nhắn thử').fill('lam can cuoc cho be duoi 6 tuoi can giay to gi');
    await page.getByRole('button', { name: 'Thử', exact: true }).click();
    await eventually(() => page.locator('#test-result [data-k="decision"]').textContent()).toMatch(/answer|clarify/);
    await shot(page, 'test-console.png');
  });

  it('adds an unanswered message as a phrasing of a procedure (as a draft)', async () => {
    await ask(h, '2468000000000000811', 'cho hỏi có bán vé máy bay không ạ');
    await ask(h, '2468000000000000812', 'có bán vé máy bay không');
    await page.goto(`${h.baseUrl}/admin/#/unanswered`);
    const row = page.locator('tr', { hasText: 'vé máy bay' }).first();
    await row.waitFor();
    expect(await row.textContent()).toContain('2 lần / 2 người');
    await shot(page, 'unanswered.png');
    await row.locator('select').selectOption('cap-ho-chieu');
    await row.getByRole('button', { name: 'Thêm làm câu hỏi mẫu' }).click();
    await eventually(() => page.locator('#flash').textContent()).toContain('Đã thêm vào bản nháp');
    const view = await api(h, 'GET', '/procedures/cap-ho-chieu');
    const draft = view.json.draft as { data: Procedure; by: string };
    expect(draft.by).toBe('admin');
    const added = draft.data.phrasings.at(-1)!;
    expect(['cho hỏi có bán vé máy bay không ạ', 'có bán vé máy bay không']).toContain(added);
    await api(h, 'POST', '/procedures/cap-ho-chieu/discard', {});
  });

  it('shows analytics with charts', async () => {
    await page.goto(`${h.baseUrl}/admin/#/analytics`);
    await page.locator('svg.chart').first().waitFor();
    expect(Number(await page.locator('[data-stat="messages"] b').textContent())).toBeGreaterThanOrEqual(6);
    await shot(page, 'analytics.png', true);
  });

  it('creates an announcement (dry run first) and watches its progress to the end', async () => {
    const followers = ['2468000000000000821', '2468000000000000822', '2468000000000000823'];
    for (const f of followers) {
      h.fakeZalo.followers.add(f);
      await h.announcements.followers.follow(f, Date.now());
    }
    await page.goto(`${h.baseUrl}/admin/#/announcements`);
    await page.getByLabel('Tiêu đề').fill('Nghỉ lễ');
    await page.getByLabel('Nội dung').fill('Bộ phận một cửa nghỉ lễ ngày 2/9. Anh/chị vui lòng nộp hồ sơ trực tuyến.');
    await page.getByLabel('Chạy thử').check();
    await page.getByRole('button', { name: 'Gửi thông báo' }).click();
    await eventually(() => page.locator('#flash').textContent()).toContain('sẽ đến 3 người');
    await page.getByLabel('Chạy thử').uncheck();
    await page.getByRole('button', { name: 'Gửi thông báo' }).click();
    await eventually(() => page.locator('#flash').textContent()).toContain('Đã tạo thông báo cho 3 người');
    const row = page.locator('tbody tr', { hasText: 'Nghỉ lễ' }).first();
    await eventually(() => row.locator('[data-status]').getAttribute('data-status'), { timeout: 10_000 }).toBe('done');
    expect(await row.locator('.progress-text').textContent()).toContain('3 đã gửi');
    await shot(page, 'announcements.png');
    for (const f of followers) await waitFor(() => h.fakeZalo.messagesFor(f).length > 0, 5000, 'announcement delivered');
  });

  it('lets staff reply from the hand-off inbox through Zalo and hand the conversation back', async () => {
    const user = '2468000000000000831';
    await ask(h, user, 'tôi muốn gặp cán bộ');
    await postEvent(h.baseUrl, userText(user, 'Hồ sơ <b>của tôi</b> bị trả lại'), SIMULATOR_IDENTITY.oaSecretKey);
    // The message that asked for a human opens the conversation; the next one follows it.
    await eventually(async () => (await h.handoff.messages(user)).map((m) => m.text)).toEqual(['tôi muốn gặp cán bộ', 'Hồ sơ <b>của tôi</b> bị trả lại']);
    const staffCtx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const staff = await staffCtx.newPage();
    staff.setDefaultTimeout(5000);
    try {
      await login(staff, h.baseUrl, 'staff');
      expect(await staff.getByRole('navigation').getByRole('link', { name: 'Nội dung', exact: true }).isVisible()).toBe(false);
      await staff.goto(`${h.baseUrl}/admin/#/inbox`);
      await staff.locator(`button[data-user="${user}"]`).waitFor({ timeout: 7000 });
      await staff.locator(`button[data-user="${user}"]`).click();
      await eventually(() => staff.locator('.thread').textContent()).toContain('Hồ sơ <b>của tôi</b> bị trả lại');
      await staff.getByLabel('Nội dung trả lời').fill('Chào anh/chị, cán bộ đang kiểm tra hồ sơ.');
      await staff.getByRole('button', { name: 'Gửi trả lời' }).click();
      await waitFor(() => h.fakeZalo.messagesFor(user).some((m) => (m.message as { text?: string }).text === 'Chào anh/chị, cán bộ đang kiểm tra hồ sơ.'), 5000, 'staff reply');
      expect(h.fakeZalo.messagesFor(user).at(-1)!.endpoint).toBe('cs');
      await eventually(() => staff.locator('.thread .msg.staff').count()).toBe(1);
      await shot(staff, 'inbox.png');
      await staff.getByRole('button', { name: 'Trả lại cho trợ lý tự động' }).click();
      await eventually(() => h.handoff.isActive(user)).toBe(false);
      // The bot answers again.
      expect(await ask(h, user, 'xin chào')).not.toBe('');
    } finally {
      await staffCtx.close();
    }
  });

  it('shows users and the audit log, and the page never threw', async () => {
    await page.goto(`${h.baseUrl}/admin/#/users`);
    await page.locator('td', { hasText: 'staff' }).first().waitFor();
    await shot(page, 'users.png');
    await page.goto(`${h.baseUrl}/admin/#/audit`);
    await page.locator('td', { hasText: 'procedure.publish' }).first().waitFor();
    await shot(page, 'audit.png');
    await page.goto(`${h.baseUrl}/admin/#/content`);
    await page.locator('tbody tr').first().waitFor();
    await shot(page, 'content-list.png');
    expect(pageErrors).toEqual([]);
  });
});
