/// <reference lib="dom" />
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, type Page } from 'playwright-core';
import { ask, startConsoleHarness, type ConsoleHarness } from '../admin/harness.js';
import { chromiumPath, eventually, expectAccessible, launchChromium, login, newContext, shot } from './browser-support.js';
import { editedPages, fileEnv, newProcedure, pageRow, phuongTienInThreeDays, tamTruWithNewFees, TempFiles } from '../catalogue/sync-harness.js';

const files = new TempFiles();
const CHANGED = editedPages({ replace: [tamTruWithNewFees(), phuongTienInThreeDays()], remove: ['1.003658'], add: [newProcedure()] });

describe.skipIf(!chromiumPath)('catalogue pages of the console in headless Chromium', () => {
  let h: ConsoleHarness;
  let browser: Browser;
  let page: Page;
  let source: string;
  const pageErrors: string[] = [];
  const flash = () => page.locator('#flash').textContent();
  const dialog = () => page.getByRole('dialog');

  beforeAll(async () => {
    source = files.write('source.jsonl.gz', CHANGED);
    h = await startConsoleHarness({ env: { ...fileEnv(source), CATALOGUE_SYNC_MAX_REMOVED_PERCENT: '20' } });
    browser = await launchChromium();
    const ctx = await newContext(browser, 1280, 860);
    page = await ctx.newPage();
    page.setDefaultTimeout(5000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await login(page, h.baseUrl, 'admin');
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
    files.remove();
  });

  it('browses the catalogue: search without diacritics or by code, filter by level and field, open a record with its source', async () => {
    await page.getByRole('navigation', { name: 'Trang quản trị' }).getByRole('link', { name: 'Danh mục TTHC' }).click();
    const rows = page.locator('tbody tr[data-code]');
    await eventually(() => rows.count()).toBe(13);
    expect(await page.locator('main').textContent()).toContain('13 thủ tục · Nguồn: tệp danh mục pages.jsonl, đọc ngày 31/07/2026');
    await expectAccessible(page, 'catalogue browser');

    await page.getByLabel('Tìm thủ tục').fill('tam tru');
    await eventually(() => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-code')))).toEqual(['1.002755', '1.004194']);
    await page.getByLabel('Tìm thủ tục').fill('1.003930');
    await eventually(() => rows.count()).toBe(1);
    await page.getByLabel('Tìm thủ tục').fill('');
    // The search is debounced: the full list must be back before the level filter, or the one row found by code
    // would pass for the filtered list.
    await eventually(() => rows.count()).toBe(13);
    await page.getByLabel('Cấp thực hiện').selectOption('ministry');
    await eventually(async () => {
      const cells = await rows.locator('td:nth-child(3)').allTextContents();
      return cells.length > 0 && cells.length < 13 && cells.every((c) => c.includes('Cấp bộ'));
    }).toBe(true);
    await page.getByLabel('Cấp thực hiện').selectOption('');
    const firstField = (await page.getByLabel('Lĩnh vực').locator('option').nth(1).getAttribute('value'))!;
    await page.getByLabel('Lĩnh vực').selectOption(firstField);
    await eventually(async () => (await rows.locator('td:nth-child(4)').allTextContents()).every((c) => c === firstField)).toBe(true);
    await page.getByLabel('Lĩnh vực').selectOption('');
    await page.getByLabel('Tìm thủ tục').fill('đăng ký tạm trú');
    await page.getByRole('link', { name: 'Đăng ký tạm trú' }).click();

    await page.getByRole('heading', { name: 'Đăng ký tạm trú', level: 2 }).waitFor();
    const official = page.getByRole('link', { name: 'Xem trang chính thức của thủ tục' });
    expect(await official.getAttribute('href')).toBe(pageRow('1.004194').detail_url);
    expect(await page.locator('main').textContent()).toContain('Mã thủ tục 1.004194');
    expect(await page.locator('main').textContent()).toContain('qua tệp danh mục pages.jsonl, đọc ngày 31/07/2026');
    expect(await page.getByRole('link', { name: 'dang-ky-tam-tru' }).getAttribute('href')).toBe('#/content/procedure/dang-ky-tam-tru');
    expect(await page.locator('[data-fact="channel.in_person"] dd').textContent()).toContain('3 ngày làm việc');
    expect(await page.locator('main').textContent()).not.toMatch(/\bnull\b|undefined/);
    await expectAccessible(page, 'catalogue record');
    await shot(page, 'catalogue-record.png');
  });

  it('syncs, shows the report fact by fact, approves it as a draft and publishes it: the bot answers from the new catalogue', async () => {
    expect(await ask(h, '2468000000000000701', 'thủ tục 1.003931')).not.toContain('Xóa đăng ký phương tiện thủy nội địa');
    await page.goto(`${h.baseUrl}/admin/#/catalogue/sync`);
    await eventually(() => page.locator('main').textContent()).toContain('Tắt (chỉ đồng bộ khi bấm “Đồng bộ ngay”)');
    expect(await page.locator('main').textContent()).toContain('bản đóng gói kèm phần mềm');
    await expectAccessible(page, 'sync page');
    await page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
    await eventually(() => page.url()).toMatch(/#\/catalogue\/sync\/\d{14}-[0-9a-f]{4}$/);
    await eventually(() => page.locator('#report-state').textContent(), { timeout: 20_000 }).toBe('Chờ duyệt');
    expect(await page.locator('[data-counts]').textContent()).toBe('Đang dùng 13 thủ tục; nguồn có 13: 1 mới, 1 không còn, 2 thay đổi, 10 giữ nguyên.');

    const tamTru = page.locator('li[data-change="1.004194"]');
    await tamTru.waitFor();
    expect(await tamTru.textContent()).toContain('có trang nội dung dang-ky-tam-tru');
    expect(await tamTru.locator('li[data-fact="channel.online"] del').textContent()).toBe('3 ngày làm việc; 7.000 đồng');
    expect(await tamTru.locator('li[data-fact="channel.online"] ins').textContent()).toBe('3 ngày làm việc; 8.000 đồng');
    expect(await tamTru.locator('li[data-fact="channel.online"]').textContent()).toContain('Nộp trực tuyến: thời hạn, phí:');
    const disagreement = page.locator('tr[data-disagreement="dang-ky-tam-tru:fee"]');
    expect(await disagreement.textContent()).toContain('8.000 đ / 12.000 đ');
    await page.getByRole('link', { name: 'Thêm mới (1)' }).click();
    await eventually(() => page.locator('li[data-change]').allTextContents()).toEqual([expect.stringContaining('1.003931 Xóa đăng ký phương tiện thủy nội địa')]);
    await expectAccessible(page, 'sync report');
    await page.getByRole('link', { name: 'Thay đổi (2)' }).click();
    await shot(page, 'catalogue-sync-report.png', true);

    await page.getByRole('button', { name: 'Duyệt…' }).click();
    await eventually(() => dialog().textContent()).toContain('thành bản nháp. Người dân chưa thấy gì cho đến khi xuất bản');
    await expectAccessible(page, 'approve dialog');
    await dialog().getByRole('button', { name: 'Duyệt thành bản nháp' }).click();
    await eventually(() => flash()).toContain('Đã duyệt: danh mục mới là bản nháp');
    await eventually(() => page.locator('#report-state').textContent()).toBe('Đã duyệt, chờ xuất bản');
    expect(await ask(h, '2468000000000000702', 'thủ tục 1.003931')).not.toContain('Xóa đăng ký phương tiện thủy nội địa');
    // "Publish every draft" in the content list would carry the catalogue draft too: its summary says so.
    const report = page.url();
    await page.goto(`${h.baseUrl}/admin/#/content`);
    await page.getByRole('button', { name: 'Xuất bản mọi bản nháp…' }).click();
    await eventually(() => dialog().locator('li[data-official]').textContent()).toContain('Danh mục thủ tục mới (đồng bộ đã duyệt: 13 thủ tục, 1 mới, 1 không còn, 2 thay đổi');
    expect(await dialog().getByRole('button', { name: 'Xuất bản 1 mục' }).isVisible()).toBe(true);
    await dialog().getByRole('button', { name: 'Quay lại' }).click();
    await page.goto(report);

    await page.getByRole('button', { name: 'Xuất bản…' }).click();
    await eventually(() => dialog().textContent()).toContain('1 mục của trang nội dung sẽ ghi khác danh mục mới');
    await dialog().getByRole('button', { name: 'Xuất bản', exact: true }).click();
    await eventually(() => flash()).toContain('Đã xuất bản danh mục mới');
    await eventually(() => page.locator('#report-state').textContent()).toBe('Đã xuất bản');
    expect(await ask(h, '2468000000000000703', 'thủ tục 1.003931')).toContain('Xóa đăng ký phương tiện thủy nội địa');
    expect(await ask(h, '2468000000000000703', 'thủ tục 1.003930 mất bao lâu')).toContain('3 ngày làm việc');

    await page.goto(`${h.baseUrl}/admin/#/catalogue/sync`);
    await eventually(() => page.locator('main').textContent()).toMatch(/phiên bản [0-9a-f]{16} đã xuất bản/);
    expect(await page.locator('tbody tr[data-report] .status').first().textContent()).toBe('Đã xuất bản');
  });

  it('a source that broke stops the sync with the record and the field; nothing changes for citizens', async () => {
    writeFileSync(source, gzipSync(editedPages({ add: [newProcedure()], replace: [tamTruWithNewFees(), phuongTienInThreeDays(), { ...pageRow('1.000969'), ma_thu_tuc: '' }], remove: ['1.003658'] })));
    await page.goto(`${h.baseUrl}/admin/#/catalogue/sync`);
    await page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
    await eventually(() => page.locator('#report-state').textContent(), { timeout: 20_000 }).toBe('Dừng vì lỗi nguồn');
    const alert = page.getByRole('alert');
    expect(await alert.textContent()).toContain('bản ghi không có mã thủ tục');
    expect(await alert.textContent()).toContain('trường “ma_thu_tuc”');
    expect(await alert.textContent()).toContain('Không có gì được xuất bản');
    expect(await page.getByRole('button', { name: 'Duyệt…' }).count()).toBe(0);
    await expectAccessible(page, 'failed sync report');
    expect(await ask(h, '2468000000000000704', 'thủ tục 1.003931')).toContain('Xóa đăng ký phương tiện thủy nội địa');
  });

  it('lists the curated facts the catalogue contradicts, linked to the editor and the record', async () => {
    await page.goto(`${h.baseUrl}/admin/#/catalogue/disagreements`);
    const row = page.locator('tr[data-disagreement="dang-ky-tam-tru:fee"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('7.000 đ / 15.000 đ');
    expect(await row.getByRole('link', { name: 'dang-ky-tam-tru' }).getAttribute('href')).toBe('#/content/procedure/dang-ky-tam-tru');
    expect(await row.getByRole('link', { name: '1.004194' }).getAttribute('href')).toBe('#/catalogue/procedures/1.004194');
    expect(await page.locator('main').textContent()).toContain('1 chênh lệch');
    await page.getByText(/mã trang nội dung nêu nhưng danh mục chưa có/).click();
    expect(await page.locator('details li').count()).toBeGreaterThan(10);
    await expectAccessible(page, 'disagreements');
    await shot(page, 'catalogue-disagreements.png');
  });

  it('staff see the catalogue pages but no sync, approve or publish button, and no editor links', async () => {
    const ctx = await newContext(browser, 390, 800);
    const staff = await ctx.newPage();
    staff.setDefaultTimeout(5000);
    await login(staff, h.baseUrl, 'staff');
    await staff.goto(`${h.baseUrl}/admin/#/catalogue/sync`);
    await staff.locator('tbody tr[data-report]').first().waitFor();
    expect(await staff.getByRole('button', { name: 'Đồng bộ ngay' }).count()).toBe(0);
    await staff.locator('tbody tr[data-report] a').last().click();
    await eventually(() => staff.locator('#report-state').textContent()).toBe('Đã xuất bản');
    expect(await staff.getByRole('button', { name: /Duyệt|Xuất bản|Bỏ báo cáo/ }).count()).toBe(0);
    // A phone: nothing scrolls sideways.
    expect(await staff.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await staff.goto(`${h.baseUrl}/admin/#/catalogue/disagreements`);
    const row = staff.locator('tr[data-disagreement="dang-ky-tam-tru:fee"]');
    await row.waitFor();
    expect(await row.getByRole('link', { name: 'dang-ky-tam-tru' }).count()).toBe(0);
    await expectAccessible(staff, 'disagreements for staff on a phone');
    await ctx.close();
    expect(pageErrors).toEqual([]);
  });
});
