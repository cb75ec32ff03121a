import { beforeAll, describe, expect, it } from 'vitest';
import { answerProcedure, OFFICIAL_ANSWER_MAX, renderOfficialAnswer, renderProcedureAnswer } from '../../src/dialogue/index.js';
import type { Language, Reply, Translate } from '../../src/dialogue/types.js';
import { knownProcedures, type KnownProcedures } from '../../src/knowledge/known-procedures.js';
import { loadContentFromDir } from '../../src/knowledge/loader.js';
import type { OfficialRecord } from '../../src/knowledge/official.js';
import type { KnowledgeBase, Procedure } from '../../src/knowledge/schema.js';
import { buildMatcher } from '../../src/nlu/matcher.js';
import type { Matcher } from '../../src/nlu/types.js';
import { sharedContentDir } from '../support/content.js';
import { loadTranslations } from './fixtures/i18n.js';
import { talkWith } from './fixtures/talk.js';

let tFor: (lng: Language) => Translate;
let known: KnownProcedures;
let kb: KnowledgeBase;
let matcher: Matcher;
beforeAll(async () => {
  tFor = await loadTranslations();
  const res = await loadContentFromDir(sharedContentDir());
  if ('errors' in res) throw new Error(JSON.stringify(res.errors.slice(0, 3)));
  kb = res.kb;
  known = knownProcedures(kb);
  matcher = buildMatcher(kb);
});

const curated = (id: string): Procedure => known.list.find((k) => k.id === id)!.curated!;
const record = (code: string): OfficialRecord => known.byCode.get(code)!.official!;
const length = (r: Reply) => Array.from(r.text).length;
const queries = (r: Reply) => r.buttons.flatMap((b) => (b.kind === 'query' ? [b.payload] : []));

describe('the legal basis of a curated procedure', () => {
  it('lists every document of the page as a bullet, on one phone screen, in courteous Vietnamese', () => {
    const p = curated('dang-ky-ket-hon');
    expect(p.legalBasis.length).toBeGreaterThan(2);
    const r = answerProcedure(known.list.find((k) => k.id === p.id)!, 'legal', 'vi', tFor('vi'));
    expect(r.text).toContain('Đăng ký kết hôn – Căn cứ pháp lý');
    expect(r.text).toContain('Thủ tục này được quy định tại các văn bản sau:');
    for (const basis of p.legalBasis) expect(r.text.split('\n')).toContain(`• ${basis}`);
    expect(length(r)).toBeLessThanOrEqual(OFFICIAL_ANSWER_MAX);
    // The curated list, not the record's: the page is what the province vouches for.
    expect(r.text).not.toContain('Theo Cơ sở dữ liệu quốc gia');
    // The buttons a citizen most often taps next, as for every other aspect.
    expect(queries(r)).toEqual(['documents', 'fee', 'duration', 'place'].map((a) => `#p:dang-ky-ket-hon:${a}`));
  });

  it('in English, says the titles are Vietnamese', () => {
    const r = renderProcedureAnswer(curated('dang-ky-ket-hon'), 'legal', 'en', tFor('en'));
    expect(r.text).toContain('Marriage registration – Legal basis');
    expect(r.text).toContain('(Some details below are only available in Vietnamese.)');
    expect(r.text).toContain('• Luật Hộ tịch 2014');
  });

  it('a long list keeps to the screen and ends with the official page for the rest', () => {
    const p = curated('dang-ky-ket-hon');
    const long: Procedure = { ...p, legalBasis: Array.from({ length: 30 }, (_, i) => `Nghị định ${i + 1}/2025/NĐ-CP quy định chi tiết một số điều của Luật Hộ tịch`) };
    const r = renderProcedureAnswer(long, 'legal', 'vi', tFor('vi'));
    expect(length(r)).toBeLessThanOrEqual(OFFICIAL_ANSWER_MAX);
    expect(r.text).toContain('• Nghị định 1/2025/NĐ-CP');
    expect(r.text).not.toContain('Nghị định 30/2025/NĐ-CP');
    expect(r.text).toMatch(new RegExp(`còn \\d+ mục nữa, anh/chị xem đầy đủ tại: ${p.officialUrl.replace(/[.?]/g, '\\$&')}`));
  });

  it('adding the aspect leaves the next-aspect buttons of the other answers as they were', () => {
    const p = curated('dang-ky-ket-hon');
    expect(queries(renderProcedureAnswer(p, 'fee', 'vi', tFor('vi')))).toEqual(['documents', 'duration', 'place', 'online'].map((a) => `#p:dang-ky-ket-hon:${a}`));
    expect(queries(renderProcedureAnswer(p, 'result', 'vi', tFor('vi')))).toEqual(['documents', 'fee', 'duration', 'place'].map((a) => `#p:dang-ky-ket-hon:${a}`));
  });
});

describe('the legal basis from the official record', () => {
  it('lists the record’s documents with their numbers, names the database, and fits the screen (1.000005)', () => {
    const rec = record('1.000005');
    const r = answerProcedure(known.byCode.get('1.000005')!, 'legal', 'vi', tFor('vi'));
    expect(r.text).toContain('Theo Cơ sở dữ liệu quốc gia về thủ tục hành chính');
    expect(r.text).toContain('Thủ tục này được quy định tại các văn bản sau:');
    expect(rec.legalBasis.length).toBe(3);
    for (const b of rec.legalBasis) expect(r.text).toContain(b.code!);
    expect(length(r)).toBeLessThanOrEqual(OFFICIAL_ANSWER_MAX);
  });

  it('a long title is cut, never the document number (1.001193)', () => {
    const rec = record('1.001193');
    const r = renderOfficialAnswer(rec, 'dang-ky-khai-sinh', 'legal', 'vi', tFor('vi'));
    expect(length(r)).toBeLessThanOrEqual(OFFICIAL_ANSWER_MAX);
    expect(r.text).toContain('(85/2019/TT-BTC)');
    expect(r.text).toMatch(/… và \d+ mục khác\. Xem đầy đủ: /);
  });

  it('a record without a legal basis says so and points to the official page, inventing nothing', () => {
    const rec: OfficialRecord = { ...record('1.000005'), legalBasis: [] };
    const r = renderOfficialAnswer(rec, 'tthc-1-000005', 'legal', 'vi', tFor('vi'));
    expect(r.text).toContain(`Cơ sở dữ liệu chưa có thông tin này. Anh/chị vui lòng xem trang chính thức: ${rec.sourceUrl}`);
    expect(r.text).not.toContain('•');
  });
});

describe('a conversation through the dialogue core', () => {
  const talk = (...messages: string[]): Reply[] => talkWith({ kb, matcher, tFor }, messages).map((s) => s.reply);

  it('"theo luật nào" after an answer gives that procedure’s legal basis', () => {
    const [, legal] = talk('đăng ký kết hôn cần giấy tờ gì', 'theo luật nào');
    expect(legal!.text).toContain('Đăng ký kết hôn – Căn cứ pháp lý');
    for (const basis of curated('dang-ky-ket-hon').legalBasis) expect(legal!.text).toContain(`• ${basis}`);
  });

  it('"căn cứ pháp lý" with no procedure asks which procedure, naming what was asked', () => {
    const [ask] = talk('căn cứ pháp lý là gì');
    expect(ask!.text).toContain('căn cứ pháp lý của thủ tục nào');
  });
});
