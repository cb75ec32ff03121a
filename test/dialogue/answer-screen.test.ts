import { beforeAll, describe, expect, it } from 'vitest';
import { answerProcedure, OFFICIAL_ANSWER_MAX, renderProcedureAnswer } from '../../src/dialogue/index.js';
import type { Language, Translate } from '../../src/dialogue/types.js';
import { knownProcedures, type KnownProcedure } from '../../src/knowledge/known-procedures.js';
import { loadContentFromDir } from '../../src/knowledge/loader.js';
import { ASPECTS } from '../../src/knowledge/schema.js';
import { INTENTS_DIR } from '../support/content.js';
import { factsOnly, withoutInternalNotes } from '../../src/dialogue/plain-wording.js';
import { fitBlocks } from '../../src/dialogue/limits.js';
import { loadTranslations } from './fixtures/i18n.js';

/**
 * Issue 11 point 7, over the content as shipped: every aspect of every curated procedure and of a spread of
 * catalogue procedures, in both languages, reads on one phone screen, with one caveat at most, no hedge on
 * a hedge, no note about our research, and "Xem đầy đủ" wherever something was left out.
 */
let tFor: (lng: Language) => Translate;
let curated: KnownProcedure[];
let catalogue: KnownProcedure[];
beforeAll(async () => {
  tFor = await loadTranslations();
  const res = await loadContentFromDir(INTENTS_DIR);
  if ('errors' in res) throw new Error(JSON.stringify(res.errors.slice(0, 3)));
  const known = knownProcedures(res.kb);
  curated = known.list.filter((k) => k.curated);
  const only = known.list.filter((k) => !k.curated);
  // Every 20th record: about 130 procedures of every field and shape, in the catalogue's own order.
  catalogue = only.filter((_, i) => i % 20 === 0);
}, 60_000);

const INTERNAL_NOTE = /chưa (được )?xác minh|chúng tôi|tài liệu (hiện có|của chúng tôi)|not (yet )?verified|could not verify|our sources/iu;
/** Sentences that ask the reader to check elsewhere: one per answer. */
const CAVEAT = /kiểm tra lại|vui lòng kiểm tra|cần kiểm tra|please check|chưa được xác nhận chính thức/giu;
/** Words that each make a statement approximate; two of them in one sentence is a hedge on a hedge. */
const HEDGE = /(^|[\s(])(khoảng|(?<!(bồi|bất|bình) )thường|about|usually)(?=[\s,)])/giu;
const CUT = /…/u;
const SEE_FULL = /xem đầy đủ|see in full|see the full/iu;

function problems(text: string, buttons: string[] = []): string[] {
  const out: string[] = [];
  if (Array.from(text).length > OFFICIAL_ANSWER_MAX) out.push(`${Array.from(text).length} characters`);
  if (INTERNAL_NOTE.test(text)) out.push(`internal note: ${INTERNAL_NOTE.exec(text)![0]}`);
  const caveats = text.match(CAVEAT) ?? [];
  if (caveats.length > 1) out.push(`${caveats.length} caveats`);
  for (const sentence of text.split(/[.!?\n]+/u)) {
    if ((sentence.match(HEDGE) ?? []).length > 1) out.push(`double hedge: ${sentence.trim()}`);
  }
  if (CUT.test(text) && !SEE_FULL.test(text) && !buttons.some((b) => SEE_FULL.test(b))) out.push('cut without "Xem đầy đủ"');
  return out;
}

function survey(list: () => KnownProcedure[]): string[] {
  const found: string[] = [];
  for (const known of list()) {
    for (const aspect of ASPECTS) {
      for (const lang of ['vi', 'en'] as const) {
        const reply = answerProcedure(known, aspect, lang, tFor(lang));
        const links = reply.buttons.flatMap((b) => (b.kind === 'url' ? [b.title] : []));
        for (const p of problems(reply.text, links)) found.push(`${known.id} ${aspect} ${lang}: ${p}`);
      }
    }
  }
  return found;
}

describe('answers a person reads on a phone (all curated procedures, a spread of the catalogue)', () => {
  it('curated: within 600 characters, at most one caveat, no double hedge, no internal note, "Xem đầy đủ" when cut', () => {
    expect(curated.length).toBeGreaterThanOrEqual(60);
    expect(survey(() => curated)).toEqual([]);
  });

  it('catalogue: the same over every 20th official record', () => {
    expect(catalogue.length).toBeGreaterThanOrEqual(100);
    expect(survey(() => catalogue)).toEqual([]);
  });

  it('the checks catch what the issue saw', () => {
    expect(problems('Thời hạn giải quyết: thường khoảng thời hạn giải quyết chưa được xác minh (thường khoảng 5 ngày).')).toHaveLength(2);
    expect(problems('Thời hạn giải quyết: khoảng khoảng 8 ngày làm việc.')).toEqual(['double hedge: Thời hạn giải quyết: khoảng khoảng 8 ngày làm việc']);
    expect(problems('Lệ phí: khoảng 50.000 đồng (cần kiểm tra lại). Thời hạn: 5 ngày (anh/chị vui lòng kiểm tra lại).')).toEqual(['2 caveats']);
    expect(problems(`${'a'.repeat(598)}…`)).toEqual(['cut without "Xem đầy đủ"']);
  });

  it('an unsure time keeps the content figure, said once, and the answer ends with its one caveat', () => {
    // The page's own time, not the record's (which answers when the catalogue has this procedure).
    const passport = curated.find((k) => k.id === 'cap-ho-chieu')!.curated!;
    const text = renderProcedureAnswer(passport, 'duration', 'vi', tFor('vi')).text;
    expect(text).toContain('Thời hạn giải quyết: khoảng 8 ngày làm việc');
    expect(text).toMatch(/kiểm tra lại tại trang chính thức: https:\/\//u);
  });
});

describe('research notes and pointers out of content text', () => {
  it('drops notes about our research, keeps the facts and the rest of the sentence', () => {
    expect(withoutInternalNotes('Khoảng 8 ngày làm việc kể từ khi nhận đủ hồ sơ (chưa xác minh; anh/chị vui lòng xem trang thủ tục).')).toBe('Khoảng 8 ngày làm việc kể từ khi nhận đủ hồ sơ.');
    expect(withoutInternalNotes('Thời hạn chưa được xác minh trong tài liệu hiện có; anh/chị nên nộp sớm.')).toBe('Anh/chị nên nộp sớm.');
    expect(withoutInternalNotes('Công chức tư pháp kiểm tra, xác minh hồ sơ.')).toBe('Công chức tư pháp kiểm tra, xác minh hồ sơ.');
  });

  it('for an unsure fact, also drops its own "check the page" pointers (the answer says it once)', () => {
    expect(factsOnly('Chưa xác minh được thời hạn. Anh/chị xem trên trang thủ tục hoặc hỏi UBND cấp xã.')).toBe('');
    expect(factsOnly('Khoảng 5 ngày làm việc; anh/chị vui lòng kiểm tra trên trang chính thức.')).toBe('Khoảng 5 ngày làm việc.');
  });
});

describe('fitting one screen', () => {
  it('a text that must be cut keeps heading and links whole, shortens the summary first, and ends with "Xem đầy đủ"', () => {
    const url = 'https://dichvucong.gov.vn/p/1';
    const text = fitBlocks(
      [{ lines: ['Tiêu đề'] }, { lines: ['Tóm tắt '.repeat(40)], shortenFirst: true }, { lines: ['Thời hạn giải quyết: 5 ngày làm việc.', `Chi tiết: ${url}`] }],
      200,
      `Xem đầy đủ: ${url}`,
    );
    expect(Array.from(text).length).toBeLessThanOrEqual(200);
    expect(text.split('\n')).toEqual(['Tiêu đề', expect.stringMatching(/^Tóm tắt.*…$/u), 'Thời hạn giải quyết: 5 ngày làm việc.', `Chi tiết: ${url}`, `Xem đầy đủ: ${url}`]);
  });
});
