import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildConsole, CONSOLE_JS_BUDGET_BYTES } from '../../scripts/build-console.js';
import { stampVerification } from '../../src/admin/content-editor.js';
import { describeIssue, diffInWords, fieldLabel, formatFieldValue } from '../../src/admin/content-words.js';
import { diffContent } from '../../src/admin/diff.js';
import { formatDate, formatDateTime, formatMoney, formatNumber, formatPercent, parseViDate, parseViTime, vnToday } from '../../src/admin/format-vi.js';
import { fitText, layoutBarChart, layoutDayChart, textWidth } from '../../src/admin/console/charts/layout.js';
import { canSee, matchPage, menuFor, registerPage } from '../../src/admin/console/registry.js';
import { parseTagCsv } from '../../src/announcements/followers.js';
import { loadContentFromDir } from '../../src/knowledge/loader.js';
import { Procedure } from '../../src/knowledge/schema.js';
import { projectRoot } from '../../src/paths.js';

const NBSP = '\u00a0';

async function sampleProcedure(): Promise<Procedure> {
  const loaded = await loadContentFromDir(join(projectRoot(), 'intents'));
  if ('errors' in loaded) throw new Error('content errors');
  return structuredClone(loaded.kb.procedures.find((p) => p.id === 'ly-lich-tu-phap')!);
}

describe('Vietnamese formats', () => {
  it('writes dates as dd/mm/yyyy in Vietnam time, whatever the machine zone', () => {
    // 17:30 UTC on 13 March is 00:30 on 14 March in Vietnam.
    expect(formatDate(Date.UTC(2026, 2, 13, 17, 30))).toBe('14/03/2026');
    expect(formatDateTime(Date.UTC(2026, 2, 13, 17, 30))).toBe('14/03/2026 00:30');
    expect(formatDate('2026-03-14')).toBe('14/03/2026');
    expect(formatDate(null)).toBe('');
    expect(vnToday(Date.UTC(2026, 2, 13, 17, 30))).toBe('2026-03-14');
  });

  it('writes numbers, percentages and money as Vietnamese readers expect', () => {
    expect(formatNumber(1234567)).toBe('1.234.567');
    expect(formatNumber(86.25, 1)).toBe('86,3');
    expect(formatNumber(-1500)).toBe('-1.500');
    expect(formatPercent(0.862)).toBe(`86,2${NBSP}%`);
    expect(formatPercent(1)).toBe(`100${NBSP}%`);
    expect(formatPercent(null)).toBe('–');
    expect(formatMoney(15000)).toBe(`15.000${NBSP}đ`);
  });

  it('reads dates and times typed in Vietnamese order, refusing impossible ones', () => {
    expect(parseViDate('14/03/2026')).toBe('2026-03-14');
    expect(parseViDate(' 4-3-2026 ')).toBe('2026-03-04');
    expect(parseViDate('31/02/2026')).toBeNull();
    expect(parseViDate('2026-03-14')).toBeNull();
    expect(parseViTime('8h05')).toBe('08:05');
    expect(parseViTime('24:00')).toBeNull();
  });
});

describe('content in words', () => {
  it('names fields as the form does, rows by their own content', async () => {
    const p = await sampleProcedure();
    expect(fieldLabel('name.vi', p)).toBe('Tên tiếng Việt');
    expect(fieldLabel('fees.0.amountVnd', p)).toBe('Phí cấp Phiếu lý lịch tư pháp');
    expect(fieldLabel('fees.0.condition.vi', p)).toBe('Phí cấp Phiếu lý lịch tư pháp – điều kiện áp dụng');
    expect(fieldLabel('documents.1.form', p)).toMatch(/ – mẫu$/);
    expect(fieldLabel('phrasings.3', p)).toBe('Câu hỏi mẫu');
    expect(fieldLabel('steps.1.vi', p)).toBe('Bước 2');
    expect(fieldLabel('fees.9.amountVnd')).toBe('Khoản phí 10');
  });

  it('gives every validation issue of the content schema a Vietnamese message naming its field', async () => {
    const p = await sampleProcedure();
    const broken = { ...p, name: { vi: '' }, phrasings: p.phrasings.slice(0, 3), officialUrl: 'không phải địa chỉ', fees: [{ ...p.fees[0]!, amountVnd: undefined }, { ...p.fees[1]!, kind: 'free' }] };
    const res = Procedure.safeParse(broken);
    expect(res.success).toBe(false);
    const messages = res.error!.issues.map((i) => describeIssue(i, broken));
    expect(messages).toContain('Tên tiếng Việt: bắt buộc nhập');
    expect(messages).toContain('Câu hỏi mẫu: cần ít nhất 10 câu hỏi mẫu');
    expect(messages).toContain('Trang thủ tục chính thức: phải là một địa chỉ web đầy đủ, bắt đầu bằng https:// (hoặc http://)');
    expect(messages).toContain('Phí cấp Phiếu lý lịch tư pháp: bắt buộc nhập khi loại phí là “Số tiền cố định”');
    expect(messages.some((m) => m.includes('chỉ nhập khi loại phí là “Số tiền cố định”'))).toBe(true);
    // Nothing of zod's English leaks through.
    expect(messages.join(' ')).not.toMatch(/Invalid|expected|required|allowed/);
  });

  it('reads a version diff in words: money, dates, options, added and removed lines', async () => {
    const before = await sampleProcedure();
    before.fees[0]!.label.vi = 'Lệ phí nộp trực tiếp';
    before.fees[0]!.amountVnd = 15000;
    const after = structuredClone(before);
    after.fees[0]!.amountVnd = 25000;
    after.fees[1]!.kind = 'free';
    delete after.fees[1]!.amountVnd;
    after.verifiedAt = '2026-12-03';
    after.phrasings.push('phiếu lý lịch mất bao nhiêu tiền');
    after.level = 'commune';
    const lines = diffInWords(diffContent(before, after), before, after).map((l) => l.text);
    expect(lines).toContain(`Lệ phí nộp trực tiếp: 15.000${NBSP}đ → 25.000${NBSP}đ`);
    expect(lines).toContain(`${before.fees[1]!.label.vi} – loại phí: Số tiền cố định → Miễn phí`);
    expect(lines.some((l) => l.endsWith(`: bỏ ${formatMoney(before.fees[1]!.amountVnd)}`))).toBe(true);
    expect(lines).toContain(`Ngày xác minh: ${formatDate(before.verifiedAt)} → 03/12/2026`);
    expect(lines).toContain('Câu hỏi mẫu: thêm “phiếu lý lịch mất bao nhiêu tiền”');
    expect(lines).toContain('Cấp thực hiện: Cấp tỉnh → Cấp xã');
    expect(formatFieldValue('duration.workingDays', 5)).toBe('5 ngày làm việc');
  });

  it('re-dates the verification when a fact changes, not when only phrasings do', async () => {
    const before = await sampleProcedure();
    const fee = { ...before, fees: [{ ...before.fees[0]!, amountVnd: 210000 }, ...before.fees.slice(1)] };
    expect(stampVerification(before, fee, 'lan', '2026-12-03')).toMatchObject({ verifiedAt: '2026-12-03', verifiedBy: 'lan' });
    const wording = { ...before, phrasings: [...before.phrasings, 'lý lịch tư pháp ở đâu'] };
    expect(stampVerification(before, wording, 'lan', '2026-12-03')).toEqual(wording);
    const byHand = { ...fee, verifiedAt: '2026-11-30' };
    expect(stampVerification(before, byHand, 'lan', '2026-12-03')).toMatchObject({ verifiedAt: '2026-11-30', verifiedBy: 'lan' });
  });
});

describe('chart layout', () => {
  const days = Array.from({ length: 30 }, (_, i) => ({ date: `2026-11-${String(i + 1).padStart(2, '0')}`, segments: [{ key: 'answer', value: i * 37 }, { key: 'fallback', value: 5 }] }));

  for (const width of [390, 720, 1168]) {
    it(`keeps day labels inside a ${width} px chart and never overlapping; today is labelled`, () => {
      const l = layoutDayChart(days, width);
      const half = textWidth('00/00') / 2;
      for (const t of l.xLabels) expect(t.x - half >= 0 && t.x + half <= width).toBe(true);
      for (let i = 1; i < l.xLabels.length; i++) expect(l.xLabels[i]!.x - l.xLabels[i - 1]!.x).toBeGreaterThanOrEqual(textWidth('00/00'));
      expect(l.xLabels.at(-1)!.text).toBe('30/11');
      for (const t of l.yTicks) expect(t.x - textWidth(t.text)).toBeGreaterThanOrEqual(0);
      for (const r of l.rects) expect(r.x + r.width).toBeLessThanOrEqual(width);
      // Stacked heights add up to the day's total on the axis's scale.
      const last = l.rects.filter((r) => r.date === '2026-11-30');
      expect(last.reduce((s, r) => s + r.height, 0)).toBeCloseTo(((29 * 37 + 5) / l.max) * (l.plot.bottom - l.plot.top), 5);
    });
  }

  it('puts bar labels above the bars on a phone and beside them on a desktop, cutting only what cannot fit', () => {
    const rows = [
      { label: 'Đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi', value: 1234 },
      { label: 'Cấp hộ chiếu', value: 7 },
    ];
    const phone = layoutBarChart(rows, 358);
    expect(phone.stacked).toBe(true);
    for (const r of phone.rows) {
      expect(r.label.x + textWidth(r.label.text)).toBeLessThanOrEqual(358);
      expect(r.value.x + textWidth(r.value.text)).toBeLessThanOrEqual(358);
      expect(r.label.y).toBeLessThan(r.bar.y);
    }
    expect(phone.rows[1]!.label.text).toBe('Cấp hộ chiếu');
    const desk = layoutBarChart(rows, 1100);
    expect(desk.stacked).toBe(false);
    expect(desk.rows[1]!.label.text).toBe('Cấp hộ chiếu');
    for (const r of desk.rows) expect(r.label.x + textWidth(r.label.text)).toBeLessThanOrEqual(r.bar.x);
    expect(fitText('abcdefghij', 5 * 7)).toBe('abcd…');
  });
});

describe('page registry', () => {
  it('matches addresses with parameters and shows each role only its pages', () => {
    const Stub = () => null;
    registerPage({ path: '/zz-reports', title: 'Báo cáo', role: 'admin', nav: { label: 'Báo cáo', order: 1 }, component: Stub });
    registerPage({ path: '/zz-notices/:id', title: 'Thông báo', role: 'any', component: Stub });
    registerPage({ path: '/zz-inbox', title: 'Hộp thư', role: 'any', nav: { label: 'Hộp thư', order: 2 }, component: Stub });
    expect(matchPage('/zz-notices/a%20b')).toMatchObject({ page: { title: 'Thông báo' }, params: { id: 'a b' } });
    expect(matchPage('/zz-notices')).toBeNull();
    expect(menuFor('staff').map((p) => p.path)).toEqual(['/zz-inbox']);
    expect(menuFor('admin').map((p) => p.path)).toEqual(['/zz-reports', '/zz-inbox']);
    expect(canSee(matchPage('/zz-reports')!.page, 'staff')).toBe(false);
    expect(() => registerPage({ path: '/zz-inbox', title: 'x', role: 'any', component: Stub })).toThrow(/twice/);
  });
});

describe('tag CSV import', () => {
  it('reads pairs with a header, commas, semicolons and quotes; reports bad lines by number; drops repeats', () => {
    const { pairs, errors, rows } = parseTagCsv('\uFEFFuser_id,tag\r\n123,xã Bình Sơn\n"456";"phường 1"\n123,xã Bình Sơn\n\nabc!,xã A\n789\n790,nhãn*sai');
    expect(pairs).toEqual([
      { userId: '123', tag: 'xã Bình Sơn' },
      { userId: '456', tag: 'phường 1' },
    ]);
    expect(rows).toBe(6);
    expect(errors.map((e) => e.line)).toEqual([6, 7, 8]);
    expect(errors[0]!.message).toContain('Mã người dùng Zalo không hợp lệ');
    expect(errors[1]!.message).toContain('Thiếu nhãn');
    expect(errors[2]!.message).toContain('Nhãn không hợp lệ');
  });
});

describe('console bundle', () => {
  it(`builds the console under its ${CONSOLE_JS_BUDGET_BYTES / 1024} KB gzip budget, with the page and styles`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'console-build-'));
    try {
      const r = await buildConsole(dir);
      const js = await readFile(join(dir, 'console.js'));
      expect(r.jsGzipBytes).toBe(gzipSync(js, { level: 9 }).length);
      expect(r.jsGzipBytes).toBeLessThan(CONSOLE_JS_BUDGET_BYTES);
      console.log(`console.js: ${(r.jsGzipBytes / 1024).toFixed(1)} KB gzip`);
      expect(await readFile(join(dir, 'index.html'), 'utf8')).toContain('/admin/console.js');
      expect(js.toString()).not.toMatch(/node:crypto|require\("fs"\)/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
