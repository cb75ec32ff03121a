import { beforeAll, describe, expect, it } from 'vitest';
import { ASPECTS, Procedure } from '../../src/knowledge/schema.js';
import {
  MAX_BUTTONS,
  MAX_BUTTON_TITLE,
  MAX_TEXT,
  formatNumber,
  renderClarify,
  renderFallback,
  renderHelpMenu,
  renderOutOfScope,
  renderProcedureAnswer,
  renderProcedurePrompt,
} from '../../src/dialogue/index.js';
import type { Language, Reply, Translate } from '../../src/dialogue/types.js';
import { birth, foreignMarriage, kb, passport } from './fixtures/knowledge.js';
import { loadTranslations } from './fixtures/i18n.js';

let tFor: (lng: Language) => Translate;
beforeAll(async () => {
  tFor = await loadTranslations();
});

const vi = (): Translate => tFor('vi');
const queryPayloads = (r: Reply): string[] => r.buttons.flatMap((b) => (b.kind === 'query' ? [b.payload] : []));
const urls = (r: Reply): string[] => r.buttons.flatMap((b) => (b.kind === 'url' ? [b.url] : []));

function expectWithinZaloLimits(r: Reply): void {
  expect(Array.from(r.text).length).toBeLessThanOrEqual(MAX_TEXT);
  expect(r.buttons.length).toBeLessThanOrEqual(MAX_BUTTONS);
  for (const b of r.buttons) expect(Array.from(b.title).length).toBeLessThanOrEqual(MAX_BUTTON_TITLE);
  // No raw i18n key or unfilled placeholder ever reaches a citizen.
  expect(r.text).not.toMatch(/\{\{|answer\.|dialogue\.|smalltalk\./);
}

describe('renderProcedureAnswer', () => {
  it('overview: summary, body, time and fee headline, with aspect buttons, the link and feedback', () => {
    const r = renderProcedureAnswer(passport, 'overview', 'vi', vi());
    expect(r.text).toContain('Cấp hộ chiếu phổ thông cho công dân Việt Nam.');
    expect(r.text).toContain('Phòng Quản lý xuất nhập cảnh Công an tỉnh');
    expect(r.text).toContain('8 ngày làm việc');
    expect(r.text).toContain('200.000 đồng');
    expect(queryPayloads(r)).toEqual(['#p:cap-ho-chieu:documents', '#p:cap-ho-chieu:fee', '#fb:up:cap-ho-chieu', '#fb:down:cap-ho-chieu']);
    expect(urls(r)).toEqual(['https://dichvucong.bocongan.gov.vn/ho-chieu']);
    expect(r.text).toContain('hữu ích');
  });

  it('overview headline follows the first (common) fee, not the late-registration one', () => {
    const r = renderProcedureAnswer(birth, 'overview', 'vi', vi());
    expect(r.text).toMatch(/Lệ phí: miễn phí/);
  });

  it('documents: numbered, with form codes, original or copy, and conditional items', () => {
    const r = renderProcedureAnswer(birth, 'documents', 'vi', vi());
    expect(r.text).toContain('1. Tờ khai đăng ký khai sinh (mẫu TK01, bản chính)');
    expect(r.text).toContain('2. Giấy chứng sinh (bản chính)');
    expect(r.text).toMatch(/3\. Văn bản ủy quyền \(bản sao có chứng thực, nếu thuộc trường hợp này\) – Khi người khác đi đăng ký thay/);
    expect(queryPayloads(r)).not.toContain('#p:dang-ky-khai-sinh:documents');
  });

  it('fee: every line in Vietnamese money format, the online discount and the legal basis', () => {
    const r = renderProcedureAnswer(passport, 'fee', 'vi', vi());
    expect(r.text).toContain('Lệ phí cấp hộ chiếu: 200.000 đồng.');
    expect(r.text).toContain('Lệ phí khi nộp trực tuyến: 180.000 đồng.');
    expect(r.text).toContain('Giảm 10% khi nộp hồ sơ trực tuyến');
    expect(r.text).toContain('Căn cứ pháp lý: Thông tư 25/2021/TT-BTC');
    // A fee answer is about the fee, not the whole record.
    expect(r.text).not.toContain('Tờ khai đề nghị cấp hộ chiếu');
  });

  it('fee set by the council is never stated as a number, and links the official page', () => {
    const r = renderProcedureAnswer(foreignMarriage, 'fee', 'vi', vi());
    expect(r.text).toContain('do Hội đồng nhân dân tỉnh quy định');
    expect(r.text).toContain(foreignMarriage.officialUrl);
    expect(r.text).not.toMatch(/\d[\d.]*\s*đồng/);
    const o = renderProcedureAnswer(foreignMarriage, 'overview', 'vi', vi());
    expect(o.text).toContain('Lệ phí: do Hội đồng nhân dân tỉnh quy định');
  });

  it('an unverified or unknown fee is hedged and points to where to check', () => {
    const hedged = Procedure.parse({
      ...passport,
      fees: [
        { label: { vi: 'Lệ phí' }, kind: 'amount', amountVnd: 50000, certainty: 'unverified' },
        { label: { vi: 'Phí công bố' }, kind: 'unknown', certainty: 'unverified' },
      ],
    });
    const r = renderProcedureAnswer(hedged, 'fee', 'vi', vi());
    expect(r.text).toContain('khoảng 50.000 đồng');
    expect(r.text).not.toContain('khoảng khoảng');
    // One caveat for the whole answer, with the page to check.
    expect(r.text.match(/kiểm tra lại/g)).toHaveLength(1);
    expect(r.text).toMatch(/Phí công bố: chưa có mức thu/);
    expect(r.text).toContain(passport.officialUrl);
    expect(r.text).not.toMatch(/Lệ phí: 50\.000 đồng\./);
  });

  it('duration: working days, condition and legal basis when confirmed', () => {
    const r = renderProcedureAnswer(birth, 'duration', 'vi', vi());
    expect(r.text).toContain('Thời hạn giải quyết: Ngay trong ngày tiếp nhận hồ sơ.');
    expect(r.text).toContain('Lưu ý: Nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo.');
    expect(r.text).toContain('Căn cứ pháp lý: Luật Hộ tịch 2014, Điều 16.');
  });

  it('duration: unverified is hedged once ("khoảng") and asks to check, never certain', () => {
    const r = renderProcedureAnswer(foreignMarriage, 'duration', 'vi', vi());
    expect(r.text).toContain('Thời hạn giải quyết: khoảng 5 ngày làm việc');
    expect(r.text).toContain('kiểm tra lại');
    expect(r.text).toContain(foreignMarriage.officialUrl);
    expect(r.text).not.toContain('Thời hạn giải quyết: 5 ngày làm việc');
  });

  it('place: body, places and channels', () => {
    const r = renderProcedureAnswer(birth, 'place', 'vi', vi());
    expect(r.text).toContain('Ủy ban nhân dân cấp xã');
    expect(r.text).toContain('• Bộ phận Một cửa của UBND xã nơi cư trú');
    expect(r.text).toContain('Hình thức nộp: trực tiếp, trực tuyến, qua bưu chính.');
  });

  it('online: availability and link; no online button when filing online is impossible', () => {
    const full = renderProcedureAnswer(birth, 'online', 'vi', vi());
    expect(full.text).toContain('trực tuyến toàn trình tại: https://dichvucong.gov.vn/khai-sinh');
    const partial = renderProcedureAnswer(passport, 'online', 'vi', vi());
    expect(partial.text).toContain('một phần');
    const none = renderProcedureAnswer(foreignMarriage, 'documents', 'vi', vi());
    expect(queryPayloads(none)).not.toContain('#p:ket-hon-yeu-to-nuoc-ngoai:online');
    expect(urls(none)).toEqual([foreignMarriage.officialUrl]);
  });

  it('steps are numbered and result is stated', () => {
    expect(renderProcedureAnswer(birth, 'steps', 'vi', vi()).text).toMatch(/1\. Chuẩn bị[^\n]*\n2\. Nộp hồ sơ[^\n]*\n3\. Nhận Giấy khai sinh/);
    expect(renderProcedureAnswer(birth, 'result', 'vi', vi()).text).toContain('Giấy khai sinh (bản chính)');
  });

  it('every aspect of every procedure in both languages fits Zalo and offers the other aspects', () => {
    for (const p of kb.procedures) {
      for (const lang of ['vi', 'en'] as const) {
        for (const aspect of ASPECTS) {
          const r = renderProcedureAnswer(p, aspect, lang, tFor(lang));
          expectWithinZaloLimits(r);
          expect(urls(r)).toHaveLength(1);
          expect(queryPayloads(r).filter((x) => x.startsWith('#p:')).length).toBeGreaterThanOrEqual(2);
          expect(queryPayloads(r)).not.toContain(`#p:${p.id}:${aspect}`);
        }
      }
    }
  });

  it('a very long list is cut gracefully within 2,000 characters and points to the official page', () => {
    const longDocs = Array.from({ length: 80 }, (_, i) => ({
      name: { vi: `Giấy tờ số ${i + 1} có tên rất dài để kiểm tra giới hạn độ dài tin nhắn của Zalo` },
      copy: 'copy' as const,
    }));
    const big = Procedure.parse({ ...birth, documents: longDocs });
    const r = renderProcedureAnswer(big, 'documents', 'vi', vi());
    expectWithinZaloLimits(r);
    expect(r.text).toContain('1. Giấy tờ số 1 ');
    expect(r.text).not.toContain('80. Giấy tờ số 80');
    expect(r.text).toMatch(/… còn \d+ mục nữa, anh\/chị xem đầy đủ tại: https:\/\/dichvucong\.gov\.vn/);
  });

  it('English uses English content, without a note when everything is translated', () => {
    const r = renderProcedureAnswer(passport, 'fee', 'en', tFor('en'));
    expect(r.text).toContain('Passport fee: 200,000 VND.');
    expect(r.text).toContain('10% off when applying online');
    expect(r.text).not.toContain('only available in Vietnamese');
  });

  it('English falls back to Vietnamese content with a short note', () => {
    const r = renderProcedureAnswer(foreignMarriage, 'documents', 'en', tFor('en'));
    expect(r.text).toContain('(Some details below are only available in Vietnamese.)');
    expect(r.text).toContain('Tờ khai đăng ký kết hôn (original)');
    expect(r.text).toContain('Documents to prepare');
    const d = renderProcedureAnswer(foreignMarriage, 'duration', 'en', tFor('en'));
    expect(d.text).toContain('Processing time: about 5 working days');
  });
});

describe('system replies', () => {
  it('help menu offers the four entries, English switch in Vietnamese and back', () => {
    const r = renderHelpMenu('vi', vi());
    expect(r.buttons.map((b) => b.title)).toEqual(['Tra cứu thủ tục', 'Tra cứu hồ sơ', 'Gặp cán bộ', 'English']);
    expect(queryPayloads(r)).toEqual(['#i:procedures', '#i:dossier_status', '#i:handoff', '#lang:en']);
    expect(queryPayloads(renderHelpMenu('en', tFor('en')))).toContain('#lang:vi');
    expectWithinZaloLimits(r);
  });

  it('fallback offers the menu and a hand-off', () => {
    const r = renderFallback('vi', vi());
    expect(r.text).toContain('chưa hiểu');
    expect(queryPayloads(r)).toContain('#i:handoff');
  });

  it('clarify: full names in the text, short numbered buttons, and a way out', () => {
    const r = renderClarify([birth, passport, foreignMarriage], 'fee', 'vi', vi());
    expect(r.text).toContain('lệ phí của thủ tục nào');
    expect(r.text).toContain('3. Đăng ký kết hôn có yếu tố nước ngoài');
    expect(queryPayloads(r)).toEqual(['#p:dang-ky-khai-sinh:fee', '#p:cap-ho-chieu:fee', '#p:ket-hon-yeu-to-nuoc-ngoai:fee', '#i:help']);
    expect(r.buttons.map((b) => b.title)).toEqual(['Khai sinh', 'Hộ chiếu', 'Kết hôn nước ngoài', 'Không phải mục trên']);
    expectWithinZaloLimits(r);
  });

  it('clarify: buttons carry the short names, distinct, while the text keeps the full names', () => {
    const r = renderClarify([birth, passport, foreignMarriage], null, 'vi', vi());
    const titles = r.buttons.slice(0, 3).map((b) => b.title);
    expect(titles).toEqual(['Khai sinh', 'Hộ chiếu', 'Kết hôn nước ngoài']);
    expect(new Set(r.buttons.map((b) => b.title)).size).toBe(r.buttons.length);
    expect(r.text).toContain('1. Đăng ký khai sinh');
    expect(r.text).toContain('2. Cấp hộ chiếu phổ thông ở trong nước');
    expect(r.text).toContain('3. Đăng ký kết hôn có yếu tố nước ngoài');
    expect(r.text).not.toMatch(/^\d\. (Khai sinh|Hộ chiếu)$/m);
    expectWithinZaloLimits(r);
  });

  it('clarify in English: English short names, the Vietnamese one when there is none, the full name when no short name', () => {
    const noShort = Procedure.parse({ ...birth, id: 'dang-ky-lai-khai-sinh', shortName: undefined, name: { vi: 'Đăng ký lại khai sinh', en: 'Re-registration of a birth' } });
    const r = renderClarify([passport, foreignMarriage, noShort], null, 'en', tFor('en'));
    expect(r.buttons.slice(0, 3).map((b) => b.title)).toEqual(['Passport', 'Kết hôn nước ngoài', 'Re-registration of…']);
    expect(new Set(r.buttons.map((b) => b.title)).size).toBe(r.buttons.length);
    expect(r.text).toContain('Ordinary passport issued in Vietnam');
    expectWithinZaloLimits(r);
  });

  it('the procedure prompt offers the popular procedures by their short names', () => {
    const r = renderProcedurePrompt(kb, 'vi', vi());
    expect(r.buttons.map((b) => b.title)).toContain('Khai sinh');
    expect(r.buttons.map((b) => b.title)).not.toContain('Đăng ký khai sinh');
  });

  it('each out-of-scope topic has its own courteous redirect in both languages', () => {
    for (const topic of ['court', 'divorce', 'driving_school', 'jobs', 'lottery', 'medical', 'power_outage', 'prices', 'tax', 'weather']) {
      for (const lang of ['vi', 'en'] as const) {
        const r = renderOutOfScope(`out_of_scope.${topic}`, lang, tFor(lang));
        expect(r.text).not.toContain('out_of_scope');
        expect(r.text).not.toBe(tFor(lang)('dialogue.outOfScope'));
        expectWithinZaloLimits(r);
      }
    }
    expect(renderOutOfScope('out_of_scope.divorce', 'vi', vi()).text).toContain('Tòa án');
    expect(renderOutOfScope('out_of_scope.court', 'vi', vi()).text).toContain('Tòa án nhân dân khu vực');
    expect(renderOutOfScope('out_of_scope.medical', 'vi', vi()).text).toContain('115');
    expect(renderOutOfScope('out_of_scope.unheard_of', 'vi', vi()).text).toBe(vi()('dialogue.outOfScope'));
  });

  it('formats money the Vietnamese way', () => {
    expect(formatNumber(15000, 'vi')).toBe('15.000');
    expect(formatNumber(1250000, 'vi')).toBe('1.250.000');
    expect(formatNumber(500, 'vi')).toBe('500');
    expect(formatNumber(135000, 'en')).toBe('135,000');
  });
});
