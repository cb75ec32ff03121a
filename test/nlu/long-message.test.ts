import { beforeAll, describe, expect, it } from 'vitest';
import { shippedKnowledge } from '../support/content.js';
import { clausesOf, readLongMessage, stripFiller } from '../../src/nlu/long-message.js';
import { buildMatcher } from '../../src/nlu/matcher.js';
import type { Matcher, Understanding } from '../../src/nlu/types.js';
import { nothingUnderstood } from '../support/understanding.js';

const reading = nothingUnderstood;

/** A matcher that knows a few words: enough to see which clause the reader trusts. */
const stub: Matcher = {
  understand(text) {
    const aspect = /cần gì|mang gì/.test(text) ? 'documents' : /ở đâu/.test(text) ? 'place' : null;
    if (text.includes('nhân thọ')) return reading(text, { decision: 'answer', intent: 'out_of_scope', intentId: 'out_of_scope.life_insurance', confidence: 0.9 });
    if (text.includes('giám hộ')) return reading(text, { decision: 'answer', intent: 'procedure', procedureId: 'dang-ky-giam-ho', aspect: aspect ?? 'overview', confidence: 0.5 });
    if (text.includes('hưu trí')) return reading(text, { decision: 'answer', intent: 'procedure', procedureId: 'tro-cap-huu-tri-xa-hoi', aspect: aspect ?? 'overview', confidence: 0.7 });
    if (text.includes('thi đại học')) return reading(text, { decision: 'answer', intent: 'procedure', procedureId: 'ban-sao-van-bang', aspect: aspect ?? 'overview', confidence: 0.8 });
    return reading(text, { aspect });
  },
};

const understand = (text: string, whole: Understanding = reading(text)) => readLongMessage(stub, text, {}, whole);

describe('a long message reduced to its need', () => {
  it('splits into clauses and drops politeness around them, keeping what says something', () => {
    expect(clausesOf('Dạ cháu ơi, ông nhà bác đau chân. Bác muốn hỏi giấy tờ ạ')).toEqual(['ông nhà bác đau chân', 'bác muốn hỏi giấy tờ']);
    expect(stripFiller('cho bác hỏi chút làm giấy giám hộ nhé')).toBe('làm giấy giám hộ');
    // "nhà" (house) is a word of its own, not the particle "nha".
    expect(stripFiller('ông cụ ở nhà')).toBe('ông cụ ở nhà');
    expect(clausesOf('ạ, nhé, dạ')).toEqual([]);
  });

  it('takes the clause stating the request over the story around it, and the aspect from the last clause asking one', () => {
    const text = 'Bác năm nay bảy mươi tuổi, con cái đi làm xa cả, thằng cháu nội ở với bác. Người ta bảo phải làm giấy giám hộ, bác không biết cần gì';
    const u = understand(text);
    expect(u.decision).toBe('answer');
    expect(u.procedureId).toBe('dang-ky-giam-ho');
    expect(u.aspect).toBe('documents');
    // Found in part of the message: listed for staff to check.
    expect(u.narrow).toBe(true);
    expect(u.text).toBe(text);
  });

  it('leaves a short message and a confident whole reading alone', () => {
    expect(understand('giám hộ thì sao').decision).toBe('fallback');
    const whole = reading('x', { decision: 'answer', intent: 'procedure', procedureId: 'ban-sao-van-bang', confidence: 0.8 });
    const text = 'Con tôi thi đại học năm nay, trường cần bản sao bằng tốt nghiệp, làm bản sao ở đâu được hả cháu';
    // The story agrees with the whole reading: it stays, with the aspect the last clause asks ("ở đâu").
    expect(understand(text, whole)).toMatchObject({ procedureId: 'ban-sao-van-bang', aspect: 'place' });
  });

  it('does not let one word of the story win: out of scope as a whole is overruled only by the request', () => {
    const text = 'Bà tôi thọ chín mươi tuổi, đóng bảo hiểm nhân thọ từ lâu, giờ bà muốn biết làm giám hộ cho cháu thế nào';
    const whole = reading(text, { decision: 'answer', intent: 'out_of_scope', intentId: 'out_of_scope.life_insurance', confidence: 0.9 });
    expect(understand(text, whole).procedureId).toBe('dang-ky-giam-ho');
    const story = 'Bà tôi thọ chín mươi tuổi, đóng bảo hiểm nhân thọ từ lâu, các con cháu đều khỏe mạnh cả, ở gần nhau';
    const storyWhole = reading(story, { decision: 'answer', intent: 'out_of_scope', intentId: 'out_of_scope.life_insurance', confidence: 0.9 });
    expect(understand(story, storyWhole)).toBe(storyWhole);
  });

  it('leaves a clarification to the citizen: a guess from part of the message would pick among near-twins', () => {
    const text = 'Ông nhà tôi mất rồi, tôi không có lương hưu trí gì cả, con cháu ở xa, giờ tôi muốn hỏi làm giấy giám hộ';
    const whole = reading(text, { decision: 'clarify', intent: 'procedure', procedureId: 'nhan-con-nuoi', alternatives: [{ procedureId: 'dang-ky-giam-ho', nationalCode: null, confidence: 0.3 }] });
    expect(understand(text, whole)).toBe(whole);
  });

  it('answers a clarification\'s curated leader at least twice as strong as every other button, marked narrow', () => {
    // No clause names the leader (the stub knows none of these words): only the margin can settle it.
    const text = 'Ông nhà tôi mất rồi, con cháu ở xa cả, giờ tôi muốn hỏi làm giấy cho thằng cháu nội ở đâu';
    const alternatives = (second: number) => [
      { procedureId: 'dang-ky-giam-ho', nationalCode: null, confidence: 0.3 },
      { procedureId: 'nhan-con-nuoi', nationalCode: null, confidence: second },
    ];
    const clear = reading(text, { decision: 'clarify', intent: 'procedure', procedureId: 'dang-ky-giam-ho', aspect: 'place', alternatives: alternatives(0.15) });
    expect(readLongMessage(stub, text, {}, clear, { curated: () => true })).toMatchObject({ decision: 'answer', procedureId: 'dang-ky-giam-ho', aspect: 'place', narrow: true });
    // A runner-up above half the leader, a leader from the catalogue, a twin among the buttons: the citizen chooses.
    const close = reading(text, { decision: 'clarify', intent: 'procedure', procedureId: 'dang-ky-giam-ho', alternatives: alternatives(0.16) });
    expect(readLongMessage(stub, text, {}, close, { curated: () => true }).decision).toBe('clarify');
    expect(readLongMessage(stub, text, {}, clear, { curated: (id) => id !== 'dang-ky-giam-ho' }).decision).toBe('clarify');
    expect(readLongMessage(stub, text, {}, clear, { curated: () => true, twins: () => true }).decision).toBe('clarify');
    // A short message is no story: its clarification stands.
    const short = 'giấy giám hộ';
    expect(readLongMessage(stub, short, {}, reading(short, { decision: 'clarify', intent: 'procedure', procedureId: 'dang-ky-giam-ho', alternatives: alternatives(0.1) }), { curated: () => true }).decision).toBe('clarify');
  });

  it('lets only a window holding the request answer, and only with a curated page when told which those are', () => {
    const text = 'Ông nhà tôi mất rồi, con cháu ở xa cả, giờ tôi muốn hỏi làm giấy giám hộ cho thằng cháu nội';
    expect(readLongMessage(stub, text, {}, reading(text), { curated: (id) => id === 'dang-ky-giam-ho' }).procedureId).toBe('dang-ky-giam-ho');
    expect(readLongMessage(stub, text, {}, reading(text), { curated: () => false }).decision).toBe('fallback');
  });

  it('reads a grievance the matcher could not place as a complaint', () => {
    const u = understand('tôi lên xã ba lần rồi mà không ai giải quyết');
    expect(u.intent).toBe('complaint');
    expect(u.decision).toBe('answer');
  });
});

describe('with the real matcher and the whole catalogue', () => {
  let matcher: Matcher;
  beforeAll(async () => {
    matcher = buildMatcher(await shippedKnowledge());
  });

  it('answers office hours asked at the end of a story, when nothing else in it was understood', () => {
    const story = 'Bà già rồi, chân yếu, con cháu đi làm xa cả, không ai chở. Bà muốn tự đi hỏi cho rõ, xã làm việc từ mấy giờ, chủ nhật có mở cửa không cháu?';
    expect(matcher.understand(story)).toMatchObject({ decision: 'answer', intent: 'contacts', narrow: true });
  });

  it('takes a remark on the bot for feedback though it reads like asking what the bot can do', () => {
    expect(matcher.understand('bot chả lời chung chung quá, chẳng giúp được gì').intent).toBe('feedback');
    expect(matcher.understand('bạn giúp được gì').intent).toBe('help');
  });

  it('reads a request as about the clause just before it, not one said earlier', () => {
    const u = matcher.understand('Em sắp cưới, bên nhà trai đòi giấy xác nhận độc thân, em xin ở đâu ạ');
    expect(u.decision === 'answer' && u.procedureId === 'dang-ky-ket-hon').toBe(false);
    expect([u.procedureId, ...u.alternatives.map((a) => a.procedureId)]).toContain('xac-nhan-tinh-trang-hon-nhan');
  });

  it('finds the death registration in a widow\'s story and the documents she asks for', () => {
    const u = matcher.understand('Chồng tôi mới qua đời tuần trước, thọ tám mươi lăm tuổi, nhà đã lo hậu sự xong. Cán bộ thôn dặn phải đi báo tử, mà tôi chưa biết phải mang theo giấy tờ gì');
    expect(u.intent).toBe('procedure');
    expect(u.procedureId).toBe('dang-ky-khai-tu');
    expect(u.aspect).toBe('documents');
  });

  it('files a complaint told as a story, and a remark on the bot as feedback', () => {
    expect(matcher.understand('sáng nào lên phường cũng không có ai ngồi ở quầy tiếp nhận').intent).toBe('complaint');
    expect(matcher.understand('chatbot nên có thêm mục hỏi đáp về đất đai').intent).toBe('feedback');
  });

  it('takes a remark on the bot\'s answer for feedback even where catalogue records share its words', () => {
    // "nộp online" brushes official records; the remark is about the answer just given.
    expect(matcher.understand('câu trả lời thiếu cái link nộp online rồi bạn ơi').intent).toBe('feedback');
  });
});

describe('a window holding the request that reads as the whole did', () => {
  /** The card named with the baby reads as the under-6 card, weakly; the asking clause alone reads the birth. */
  const cards: Matcher = {
    understand(text) {
      if (text.includes('căn cước')) return reading(text, { decision: 'answer', intent: 'procedure', procedureId: 'can-cuoc-duoi-6-tuoi', aspect: 'documents', confidence: 0.29 });
      if (text.includes('tháng')) return reading(text, { decision: 'answer', intent: 'procedure', procedureId: 'dang-ky-khai-sinh', aspect: 'documents', confidence: 0.37 });
      return reading(text);
    },
  };

  it('agrees with the whole, however diluted: the clause that lost the card\'s name does not win', () => {
    const text = 'thế làm luôn cái căn cước cho thằng cu, nó mới được hai tháng thì cần giấy tờ gì';
    const whole = cards.understand(text);
    expect(readLongMessage(cards, text, {}, whole).procedureId).toBe('can-cuoc-duoi-6-tuoi');
  });
});

describe('a window whose words the whole answer names as well', () => {
  /** Reads "làm lại cái sổ" alone as the social insurance book, as a fresh clause would. */
  const books: Matcher = {
    understand(text) {
      if (text.includes('làm lại cái sổ') && !text.includes('sổ đỏ')) return reading(text, { decision: 'answer', intent: 'procedure', procedureId: 'cap-lai-so-bhxh', aspect: 'overview', confidence: 0.6 });
      return reading(text);
    },
  };
  const text = 'Nhà tôi có cái sổ đỏ đất ruộng cất lâu năm, giờ lục cả tủ không thấy đâu, chắc mất hồi dọn nhà. Giờ muốn làm lại cái sổ thì sao';
  const whole = reading(text, { decision: 'answer', intent: 'procedure', procedureId: 'cap-lai-so-do', aspect: 'overview', confidence: 0.4 });

  it('keeps the whole answer when its titles hold what the window names', () => {
    const holds = (id: string, part: string) => id === 'cap-lai-so-do' && part.includes('làm lại cái sổ');
    expect(readLongMessage(books, text, {}, whole, { curated: () => true, holds }).procedureId).toBe('cap-lai-so-do');
  });

  it('lets the window decide when nothing says the whole answer holds its words', () => {
    expect(readLongMessage(books, text, {}, whole, { curated: () => true }).procedureId).toBe('cap-lai-so-bhxh');
  });
});
