import { beforeAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/nlu/analyse.js';
import { parseChoice } from '../../src/nlu/choice.js';
import { PairCounts, dialectVariants, repairDialect } from '../../src/nlu/dialect.js';
import { compileLexicon, type CompiledLexicon } from '../../src/nlu/lexicon.js';
import { topicSignals } from '../../src/nlu/topic.js';
import { shippedKnowledge } from '../support/content.js';

describe('picks from a list', () => {
  it('reads numbers, letters and ordinals, with the words around them', () => {
    const cases: [string, number | 'last'][] = [
      ['1', 1],
      ['số 3', 3],
      ['chọn 2 nhé', 2],
      ['2.', 2],
      ['b', 2],
      ['A', 1],
      ['phương án c', 3],
      ['cái thứ hai', 2],
      ['thứ nhất', 1],
      ['cái đầu tiên', 1],
      ['cái cuối', 'last'],
      ['the second one', 2],
      ['số 2 nha anh', 2],
      ['cái thứ hai'.normalize('NFD'), 2],
    ];
    for (const [text, want] of cases) expect(parseChoice(text), text).toBe(want);
  });

  it('reads a pick wrapped in the words people add around it', () => {
    const cases: [string, number | 'last'][] = [
      ['em muốn hỏi cái số 3 ạ', 3],
      ['cho bác xem cái thứ nhứt', 1],
      ['lấy cái trên cùng', 1],
      ['thôi chọn cái dưới cùng đi', 'last'],
      ['loại thứ hai ấy', 2],
      ['I pick the 2nd', 2],
      ['#1', 1],
      ['the last one', 'last'],
      ['vậy chọn phương án 2 nhé', 2],
    ];
    for (const [text, want] of cases) expect(parseChoice(text), text).toBe(want);
    // Words of a need around a number are a question, not a pick.
    for (const text of ['cho 2 người đi cùng', 'xin 3 bản sao', 'thứ 2 có làm việc không buổi chiều nhé']) expect(parseChoice(text), text).toBeNull();
  });

  it('is not fooled by words that look like numbers or by sentences holding a number', () => {
    for (const text of ['bà', 'năm nay', 'cho con', '2 người', 'tôi có 2 con muốn làm khai sinh', 'a lô', 'bạn ơi', '', 'x'.repeat(5000)]) expect(parseChoice(text), text).toBeNull();
  });
});

describe('regional spellings', () => {
  it('swaps merged initials both ways, and "gi" keeps its own i', () => {
    expect(dialectVariants('tru')).toEqual(['chu']);
    expect(dialectVariants('xo')).toEqual(['so']);
    expect(dialectVariants('di')).toEqual(['gi', 'ri', 'vi']);
    expect(dialectVariants('giay')).toEqual(['day', 'ray']);
    expect(dialectVariants('nha')).toEqual([]);
  });

  it('repairs a word only where the neighbours say so, and only from common pairs', () => {
    const pairs = new PairCounts();
    for (let i = 0; i < 20; i++) pairs.learn(['dang', 'ky', 'tam', 'tru']);
    pairs.learn(['vao', 'giay']);
    const tokens = (words: string[]) => ({ folded: words, accented: words.map(() => '') });
    const repaired = new Set<string>();
    expect(repairDialect(tokens(['dang', 'ky', 'tam', 'chu']), pairs, repaired).folded).toEqual(['dang', 'ky', 'tam', 'tru']);
    expect([...repaired]).toEqual(['tru']);
    // "vào đây": "vào giấy" was seen once, which is no evidence.
    const right = tokens(['vao', 'day', 'lam']);
    expect(repairDialect(right, pairs, new Set())).toBe(right);
    // A word the caller keeps (one spelt as a word pointing back) stays.
    expect(repairDialect(tokens(['tam', 'chu']), pairs, new Set(), (w) => w === 'chu').folded).toEqual(['tam', 'chu']);
  });
});

describe('topic signals', () => {
  let lex: CompiledLexicon;
  beforeAll(async () => {
    lex = compileLexicon((await shippedKnowledge()).lexicon);
  });
  const signals = (text: string) => topicSignals(analyse(text, lex), lex);

  it('a follow-up has no words of its own; a new need has some', () => {
    expect(signals('còn lệ phí thì sao')).toMatchObject({ ownWords: [], refersBack: true });
    expect(signals('thế nộp ở đâu')).toMatchObject({ ownWords: [], refersBack: true });
    expect(signals('cái đó mất bao lâu')).toMatchObject({ ownWords: [], refersBack: true });
    expect(signals('có cần cả hai người cùng có mặt không').yesNo).toBe(true);
    expect(signals('tôi muốn ly hôn thì làm sao').ownWords).toEqual(['≈ly_hon']);
  });

  it('"con" typed without accents is a child, not "còn", unless it opens the message', () => {
    expect(signals('thủ tục cho con').refersBack).toBe(false);
    expect(signals('con le phi thi sao').refersBack).toBe(true);
  });

  it('generic words name no need; a subject is asked about with "về"', () => {
    expect(signals('thủ tục')).toMatchObject({ ownWords: [], mentionsNeed: true, onlyGeneric: true });
    expect(signals('giấy tờ cho mẹ')).toMatchObject({ ownWords: [], mentionsNeed: true });
    expect(signals('hồ sơ giấy tờ')).toMatchObject({ ownWords: [], onlyGeneric: true });
    expect(signals('thủ tục về hộ khẩu').about).toBe(true);
    expect(signals('chuyển hộ khẩu về nhà mới').about).toBe(false);
    // What is to be done said after "về" names one procedure, not a subject.
    expect(signals('tôi hỏi về đăng ký kết hôn').about).toBe(false);
    expect(signals('toi hoi ve dang ky ket hon').about).toBe(false);
  });
});
