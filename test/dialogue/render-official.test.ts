import { beforeAll, describe, expect, it } from 'vitest';
import { answerProcedure, decide, MAX_BUTTON_TITLE, MAX_BUTTONS, OFFICIAL_ANSWER_MAX, renderOfficialAnswer, type TurnUnderstanding } from '../../src/dialogue/index.js';
import { newSession, type Language, type Reply, type Translate } from '../../src/dialogue/types.js';
import { knownProcedures, type KnownProcedures } from '../../src/knowledge/known-procedures.js';
import { loadContentFromDir } from '../../src/knowledge/loader.js';
import type { OfficialRecord } from '../../src/knowledge/official.js';
import { ASPECTS, type KnowledgeBase } from '../../src/knowledge/schema.js';
import { sharedContentDir } from '../support/content.js';
import { loadTranslations } from './fixtures/i18n.js';

let tFor: (lng: Language) => Translate;
let kb: KnowledgeBase;
let known: KnownProcedures;
beforeAll(async () => {
  tFor = await loadTranslations();
  const res = await loadContentFromDir(sharedContentDir());
  if ('errors' in res) throw new Error(JSON.stringify(res.errors.slice(0, 3)));
  kb = res.kb;
  known = knownProcedures(kb);
});

const SOURCE = 'Theo Cơ sở dữ liệu quốc gia về thủ tục hành chính, cập nhật 31/07/2026:';
const record = (code: string): OfficialRecord => kb.catalogue!.records.find((r) => r.nationalCode === code)!;
const official = (code: string, aspect: (typeof ASPECTS)[number], lang: Language = 'vi'): Reply => answerProcedure(known.byCode.get(code)!, aspect, lang, tFor(lang));
const urls = (r: Reply) => r.buttons.flatMap((b) => (b.kind === 'url' ? [b.url] : []));
const queries = (r: Reply) => r.buttons.flatMap((b) => (b.kind === 'query' ? [b.payload] : []));

describe('answers from the official record', () => {
  it('one channel with a sum and a time in calendar days (1.000969)', () => {
    const fee = official('1.000969', 'fee');
    expect(fee.text).toContain(SOURCE);
    expect(fee.text).toContain('• Trực tiếp: 12.500.000 đồng');
    expect(official('1.000969', 'duration').text).toContain('• Trực tiếp: 35 ngày');
    expect(urls(fee)).toEqual([record('1.000969').sourceUrl]);
    expect(queries(fee)).toEqual(['#p:tthc-1-000969:documents', '#p:tthc-1-000969:duration', '#p:tthc-1-000969:place', '#p:tthc-1-000969:online']);
  });

  it('three channels with one value say it once (1.003930)', () => {
    expect(official('1.003930', 'fee').text).toContain('• Mọi hình thức nộp: 70.000 đồng');
    expect(official('1.003930', 'duration').text).toContain('• Mọi hình thức nộp: 2 ngày làm việc');
    const overview = official('1.003930', 'overview');
    expect(overview.text).toMatch(/Thời hạn giải quyết: 2 ngày làm việc\.\nPhí, lệ phí: 70\.000 đồng\./);
    expect(queries(overview)).toEqual(['#p:tthc-1-003930:documents', '#p:tthc-1-003930:fee', '#fb:up:tthc-1-003930', '#fb:down:tthc-1-003930']);
  });

  it('an unknown cell is said to be unclear and points to the page, never filled in (1.001193: times without their unit)', () => {
    const r = renderOfficialAnswer(record('1.001193'), 'dang-ky-khai-sinh', 'duration', 'vi', tFor('vi'));
    expect(r.text).toContain('• Mọi hình thức nộp: chưa có thông tin rõ ràng');
    expect(r.text).toContain(`Mục nào chưa rõ, anh/chị vui lòng xem trang chính thức: ${record('1.001193').sourceUrl}`);
    expect(r.text).not.toMatch(/\d+ ngày/);
    expect(renderOfficialAnswer(record('1.001193'), 'dang-ky-khai-sinh', 'fee', 'vi', tFor('vi')).text).toContain('• Mọi hình thức nộp: miễn phí');
    // 1.003677 publishes no fee at all.
    expect(official('1.003677', 'fee').text).toContain('• Trực tuyến: chưa có thông tin rõ ràng');
    expect(official('1.003677', 'fee').text).not.toContain('miễn phí');
  });

  it('a long documents list shows its first items and "Xem đầy đủ" with the link (1.002656, ministry only)', () => {
    const r = official('1.002656', 'documents');
    const docs = record('1.002656').documents.flatMap((g) => g.documents);
    expect(docs.length).toBeGreaterThan(5);
    expect(r.text).toContain(`• ${docs[0]!.name.replace(/[.;:,]+$/u, '').slice(0, 30)}`);
    expect(r.text).toMatch(new RegExp(`… và \\d+ mục khác\\. Xem đầy đủ: ${record('1.002656').sourceUrl}`));
    expect(official('1.002656', 'overview').text).toContain('Cấp thực hiện: cấp bộ, ngành trung ương.');
  });

  it('documents grouped by case: the first case, and how many more there are (1.000005)', () => {
    const r = official('1.000005', 'documents');
    expect(r.text).toContain('1. Chứng từ phải nộp:');
    expect(r.text).toContain(`Thủ tục còn 2 trường hợp hồ sơ khác. Xem đầy đủ: ${record('1.000005').sourceUrl}`);
  });

  it('every aspect of every sample procedure fits a phone screen, names its source, links the page, in both languages', () => {
    for (const k of known.list.filter((p) => !p.curated)) {
      for (const aspect of ASPECTS) {
        for (const lang of ['vi', 'en'] as const) {
          const r = answerProcedure(k, aspect, lang, tFor(lang));
          expect(Array.from(r.text).length, `${k.id} ${aspect} ${lang}`).toBeLessThanOrEqual(OFFICIAL_ANSWER_MAX);
          expect(r.text).toContain(lang === 'vi' ? SOURCE : 'According to the National Database of Administrative Procedures, updated 31/07/2026:');
          expect(r.text).not.toMatch(/\{\{|answer\.|undefined|NaN/);
          expect(urls(r)).toContain(k.official!.sourceUrl);
          expect(r.buttons.length).toBeLessThanOrEqual(MAX_BUTTONS);
          for (const b of r.buttons) expect(Array.from(b.title).length).toBeLessThanOrEqual(MAX_BUTTON_TITLE);
        }
      }
    }
  });

  it('in English: plural units, and a note that the record is in Vietnamese', () => {
    const r = official('1.003930', 'duration', 'en');
    expect(r.text).toContain('• Every way of applying: 2 working days');
    expect(r.text).toContain('(Some details below are only available in Vietnamese.)');
  });
});

describe('curated pages and the record', () => {
  it('a fee the record confirms is answered from the page', () => {
    const r = answerProcedure(known.byId.get('dang-ky-tam-tru')!, 'fee', 'vi', tFor('vi'));
    expect(r.text).toContain('15.000 đồng');
    expect(r.text).not.toContain('Cơ sở dữ liệu quốc gia');
  });

  it('a fee the page states beside the sums of the record is answered from the page (gia hạn tạm trú)', () => {
    const r = answerProcedure(known.byId.get('gia-han-tam-tru')!, 'fee', 'vi', tFor('vi'));
    expect(r.text).toContain('15.000 đồng');
    expect(r.text).toContain('10.000 đồng');
    expect(r.text).not.toContain('Cơ sở dữ liệu quốc gia');
  });

  it('a fee the record contradicts is answered from the record, said as such (gia hạn tạm trú with its individual sums only)', () => {
    const page = kb.procedures.find((p) => p.id === 'gia-han-tam-tru')!;
    const contradicting = { ...page, fees: page.fees.filter((f) => f.amountVnd === 15000 || f.amountVnd === 7000) };
    const variant = knownProcedures({ ...kb, procedures: kb.procedures.map((p) => (p === page ? contradicting : p)) });
    const r = answerProcedure(variant.byId.get('gia-han-tam-tru')!, 'fee', 'vi', tFor('vi'));
    expect(r.text).toContain(SOURCE);
    expect(r.text).toContain('• Trực tuyến: 5.000 đồng');
    expect(r.text).toContain('• Trực tiếp: 10.000 đồng');
    expect(r.text).not.toContain('15.000');
    const overview = answerProcedure(variant.byId.get('gia-han-tam-tru')!, 'overview', 'vi', tFor('vi'));
    expect(overview.text).toContain('Phí, lệ phí: tùy hình thức nộp (xem chi tiết) (theo Cơ sở dữ liệu quốc gia về thủ tục hành chính).');
    expect(overview.text).toContain('Thời hạn giải quyết: 3 ngày làm việc (theo Cơ sở dữ liệu quốc gia về thủ tục hành chính).');
    // The rest of the page stays curated.
    expect(answerProcedure(known.byId.get('gia-han-tam-tru')!, 'documents', 'vi', tFor('vi')).text).not.toContain('Cơ sở dữ liệu quốc gia');
  });
});

describe('decide with catalogue procedures', () => {
  const understood = (text: string, over: Partial<TurnUnderstanding>): TurnUnderstanding => ({
    text,
    decision: 'answer',
    intent: 'procedure',
    intentId: null,
    procedureId: null,
    aspect: null,
    dossierCode: null,
    confidence: 1,
    alternatives: [],
    language: 'vi',
    followUp: false,
    entities: {},
    ...over,
  });
  const run = (text: string, u: TurnUnderstanding) => decide({ text, understanding: u, session: newSession('u1'), kb, tFor, now: 1 });

  it('answers a catalogue procedure (a tap on its button) from its record', () => {
    const out = run('#p:tthc-1-003930:fee', understood('#p:tthc-1-003930:fee', { decision: 'fallback', intent: 'fallback' }));
    const reply = out.actions.find((a) => a.type === 'reply');
    expect(reply && 'reply' in reply && reply.reply.text).toContain('70.000 đồng');
    expect(out.session).toMatchObject({ lastProcedureId: 'tthc-1-003930', lastAspect: 'fee' });
  });

  it('clarifies between near-twins with buttons in the matcher\'s order', () => {
    const out = run('bến thủy nội địa', understood('bến thủy nội địa', { decision: 'clarify', procedureId: 'tthc-1-009454', alternatives: [{ procedureId: 'tthc-1-009454', confidence: 0.4 }, { procedureId: 'tthc-1-003658', confidence: 0.35 }] }));
    const reply = out.actions.find((a) => a.type === 'reply');
    if (!reply || !('reply' in reply)) throw new Error('no reply');
    expect(reply.reply.text).toContain('1. Công bố hoạt động bến thủy nội địa');
    expect(reply.reply.text).toContain('2. Công bố lại hoạt động bến thủy nội địa');
    expect(reply.reply.buttons.slice(0, 2).map((b) => (b.kind === 'query' ? b.payload : ''))).toEqual(['#p:tthc-1-009454:overview', '#p:tthc-1-003658:overview']);
    expect(out.session.pendingClarification?.candidates).toEqual(['tthc-1-009454', 'tthc-1-003658']);
  });
});
