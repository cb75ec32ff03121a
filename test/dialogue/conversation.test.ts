import { beforeAll, describe, expect, it } from 'vitest';
import type { Language, Reply, Translate } from '../../src/dialogue/types.js';
import type { KnowledgeBase } from '../../src/knowledge/schema.js';
import { buildMatcher } from '../../src/nlu/matcher.js';
import type { Matcher } from '../../src/nlu/types.js';
import { loadTranslations } from './fixtures/i18n.js';
import { talkWith, type Said } from './fixtures/talk.js';
import { shippedKnowledge } from '../support/content.js';

/** Conversations through the real content, matcher and dialogue: the cases issue 11 reported. */
let kb: KnowledgeBase;
let matcher: Matcher;
let tFor: (lng: Language) => Translate;

beforeAll(async () => {
  kb = await shippedKnowledge();
  matcher = buildMatcher(kb);
  tFor = await loadTranslations();
});

/** Runs the messages in one conversation; returns what each turn did. */
const talk = (...messages: string[]): Said[] => talkWith({ kb, matcher, tFor }, messages);

const offered = (r: Reply): string[] => r.buttons.flatMap((b) => (b.kind === 'query' && b.payload.startsWith('#p:') ? [b.payload.split(':')[1]!] : []));

describe('topic changes win over carry-over', () => {
  it('"ly hôn" after "kết hôn" is not answered with the marriage procedure', () => {
    const [, divorce] = talk('đăng ký kết hôn cần gì', 'tôi muốn ly hôn thì làm sao');
    expect(divorce!.record).toMatchObject({ intent: 'out_of_scope', decision: 'answer' });
    expect(divorce!.record.procedureId).toBeNull();
    expect(divorce!.reply.text).toContain('Tòa án');
  });

  it("a widow's long message about her husband's death and funeral support is matched on its own", () => {
    const [, widow] = talk(
      'đăng ký kết hôn cần gì',
      'Chồng tôi mới mất tuần trước, tôi già rồi không biết làm giấy tờ khai tử cho ông ấy thế nào, nghe nói còn được hỗ trợ tiền mai táng phải không',
    );
    expect(widow!.record.procedureId).not.toBe('dang-ky-ket-hon');
    const about = [widow!.record.procedureId, ...offered(widow!.reply)];
    expect(about.some((id) => id === 'dang-ky-khai-tu' || id === 'ho-tro-mai-tang')).toBe(true);
  });

  it('a follow-up without a topic of its own keeps the procedure: "còn lệ phí thì sao", "thế nộp ở đâu", "cái đó mất bao lâu"', () => {
    const turns = talk('đăng ký thường trú cần giấy tờ gì', 'còn lệ phí thì sao', 'thế nộp ở đâu', 'cái đó mất bao lâu', 'online được không');
    expect(turns.map((t) => [t.record.procedureId, t.record.aspect])).toEqual([
      ['dang-ky-thuong-tru', 'documents'],
      ['dang-ky-thuong-tru', 'fee'],
      ['dang-ky-thuong-tru', 'place'],
      ['dang-ky-thuong-tru', 'duration'],
      ['dang-ky-thuong-tru', 'online'],
    ]);
  });

  it('a message naming another procedure is answered on its own, and a correction keeps the aspect asked', () => {
    const [, other, fix] = talk('đăng ký thường trú cần giấy tờ gì', 'đăng ký tạm trú thì sao', 'không phải, ý tôi là xóa đăng ký tạm trú');
    expect(other!.record.procedureId).toBe('dang-ky-tam-tru');
    expect(fix!.record).toMatchObject({ procedureId: 'xoa-dang-ky-tam-tru', aspect: 'documents' });
  });

  it('after a dossier look-up, "bao giờ xong" is not about the procedure asked before', () => {
    const [, lookup, when] = talk('đăng ký khai sinh cần gì', 'tra cứu hồ sơ 000.00.53.H48-251120-0004', 'thế hồ sơ này bao giờ xong');
    expect(lookup!.actions).toContainEqual({ type: 'lookup_dossier', code: '000.00.53.H48-251120-0004' });
    expect(when!.record.procedureId).toBeNull();
    // The dossier just looked up is looked up again: its status holds the due date; the code is not asked again.
    expect(when!.actions).toContainEqual({ type: 'lookup_dossier', code: '000.00.53.H48-251120-0004' });
  });

  it('the day the result is due, or whether it is late, asked right after a look-up, is about that dossier', () => {
    for (const asked of ['nếu chưa xong thì hẹn ngày nào trả', 'thế hạn trả là ngày nào', 'Is it overdue?', 'Hồ sơ đó đang nằm ở bộ phận nào xử lý?', 'When can I pick up the result?']) {
      const [, due] = talk('tra cứu hồ sơ 000.00.53.H48-251120-0004', asked);
      expect(due!.actions, asked).toContainEqual({ type: 'lookup_dossier', code: '000.00.53.H48-251120-0004' });
    }
  });

  it('"bao h thi co kq" (the result, abbreviated) right after a look-up is about that dossier', () => {
    const [, when] = talk('tra cứu hồ sơ 000.00.53.H48-251120-0004', 'bao h co kq vay ad');
    expect(when!.actions).toContainEqual({ type: 'lookup_dossier', code: '000.00.53.H48-251120-0004' });
  });

  it('what is missing or what comes next, asked right after a look-up, is about that dossier; in English too', () => {
    const [, missing] = talk('tra ho so giup minh: 000.00.62.H48-251029-0018', 'con thieu giay gi nua khong');
    expect(missing!.actions).toContainEqual({ type: 'lookup_dossier', code: '000.00.62.H48-251029-0018' });
    const [, ready] = talk('Can I check my application status? The code is 000.00.45.H48-260120-0009', 'When will it be ready?');
    expect(ready!.actions).toContainEqual({ type: 'lookup_dossier', code: '000.00.45.H48-260120-0009' });
    // Not two turns later: a question after an answer about a procedure is about the procedure.
    const [, , , later] = talk('tra cứu hồ sơ 000.00.53.H48-251120-0004', 'đăng ký khai sinh cần gì', 'cảm ơn', 'bao giờ xong');
    expect(later!.actions.some((a) => a.type === 'lookup_dossier')).toBe(false);
  });
});

describe('generic words, misspellings and bare numbers', () => {
  it('"thủ tục", "thủ tục cho con", "giấy tờ", "hồ sơ" ask what the citizen needs, with the menu', () => {
    for (const text of ['thủ tục', 'thủ tục cho con', 'giấy tờ', 'hồ sơ', 'cho con']) {
      const [said] = talk(text);
      expect(said!.record, text).toMatchObject({ intent: 'ask_need', decision: 'answer', procedureId: null });
      expect(said!.reply.text, text).toMatch(/thủ tục (gì|nào)/);
      expect(said!.reply.buttons.map((b) => (b.kind === 'query' ? b.payload : '')), text).toContain('#i:dossier_status');
    }
  });

  it('the procedure named after generic words keeps the aspect asked with them', () => {
    const [ask, named] = talk('lệ phí bao nhiêu', 'đăng ký kết hôn');
    expect(ask!.reply.text).toContain('lệ phí của thủ tục nào');
    expect(named!.record).toMatchObject({ procedureId: 'dang-ky-ket-hon', aspect: 'fee' });
  });

  it('"đăng kí tạm chú" (tr/ch) is temporary residence, not the driving school', () => {
    const [said] = talk('đăng kí tạm chú');
    expect(said!.record).toMatchObject({ intent: 'procedure', procedureId: 'dang-ky-tam-tru', decision: 'answer' });
  });

  it('other regional spellings: s/x, d/gi, n/l', () => {
    expect(talk('xang tên se máy')[0]!.record.procedureId).toBe('dang-ky-xe');
    expect(talk('đăng ký dám hộ cho em trai')[0]!.record.procedureId).toBe('dang-ky-giam-ho');
    expect(talk('xổ đỏ bị mất, nàm nại thế nào')[0]!.record.procedureId).toBe('cap-lai-so-do');
  });

  it('"SĐT bộ phận một cửa xã" never answers where to lock an electronic ID', () => {
    const [said] = talk('SĐT bộ phận một cửa xã');
    expect(said!.record.procedureId).not.toBe('khoa-mo-khoa-can-cuoc-dien-tu');
    expect(said!.record.intent).not.toBe('procedure');
  });

  it('a bare "1" with no list open means nothing: no clarification, no procedure', () => {
    for (const history of [[], ['xin chào'], ['đăng ký khai sinh cần gì'], ['giá vàng hôm nay bao nhiêu']]) {
      const said = talk(...history, '1').at(-1)!;
      expect(said.record, history.join()).toMatchObject({ decision: 'fallback', procedureId: null });
      expect(said.reply.text).toContain('chưa có danh sách nào để chọn');
    }
  });

  it('a number, a letter or an ordinal after a clarification picks that option, in the order shown', () => {
    for (const pick of ['2', 'số 2', 'chọn 2 nhé', 'b', 'cái thứ hai']) {
      const [ask, chosen] = talk('thủ tục sang tên', pick);
      expect(ask!.record.decision).toBe('clarify');
      expect(chosen!.record, pick).toMatchObject({ decision: 'answer', procedureId: offered(ask!.reply)[1] });
    }
  });
});

describe('language of each message', () => {
  it('English is answered in English, Vietnamese in Vietnamese, and a number keeps the last language', () => {
    const [en, pick, vi] = talk('I want to transfer ownership', '2', 'bao lâu thì xong');
    expect(en!.session.language).toBe('en');
    expect(pick!.session.language).toBe('en');
    expect(pick!.record.decision).toBe('answer');
    expect(vi!.session.language).toBe('vi');
    expect(vi!.record.aspect).toBe('duration');
  });

  it('the English button sets a preference that a Vietnamese message overrides; a button goes back to Vietnamese', () => {
    const [english, code, vietnamese] = talk('#lang:en', '000.00.53.H48-251120-0004', 'cảm ơn');
    expect(english!.session).toMatchObject({ language: 'en', languageChosen: true });
    expect(code!.session.language).toBe('en');
    expect(vietnamese!.session.language).toBe('vi');
    expect(english!.reply.buttons.map((b) => (b.kind === 'query' ? b.payload : ''))).toContain('#lang:vi');
  });
});

describe('the whole answer when the citizen asks for it (issue 11 point 7)', () => {
  it('"xem đầy đủ" after an answer cut to one screen gives the same aspect up to one Zalo message', () => {
    // A curated answer the one-screen limit cuts (it ends with the "Xem đầy đủ" line).
    const aspects = ['documents', 'overview', 'fee', 'steps'] as const;
    const cut = kb.procedures
      .flatMap((p) => aspects.map((a) => ({ id: p.id, aspect: a, said: talk(`#p:${p.id}:${a}`)[0]! })))
      .find((x) => x.said.reply.text.includes('Xem đầy đủ'));
    expect(cut, 'some curated answer is cut to one screen').toBeDefined();
    const [first, whole] = talk(`#p:${cut!.id}:${cut!.aspect}`, 'xem đầy đủ');
    expect(whole!.record).toMatchObject({ intent: 'procedure', procedureId: cut!.id, aspect: cut!.aspect, decision: 'answer' });
    expect(Array.from(whole!.reply.text).length).toBeGreaterThan(Array.from(first!.reply.text).length);
    expect(Array.from(whole!.reply.text).length).toBeLessThanOrEqual(2000);
  });

  it('with no answer before it, asks what is needed', () => {
    const [said] = talk('cho tôi xem đầy đủ');
    expect(said!.record.intent).toBe('ask_need');
  });
});

describe('complaints told in everyday words', () => {
  it('a place and time told right after a complaint, without a question, is a detail of it', () => {
    const [, detail] = talk('cán bộ một cửa gây khó dễ, bắt tôi đi lại 4 lần', 'ở trung tâm hành chính công tỉnh, sáng nay');
    expect(detail!.record.intent).toBe('complaint');
    expect(detail!.actions.some((a) => a.type === 'file_complaint')).toBe(true);
    const [, question] = talk('cán bộ một cửa gây khó dễ, bắt tôi đi lại 4 lần', 'trung tâm hành chính công tỉnh ở đâu?');
    expect(question!.record.intent).toBe('contacts');
  });

  it('a question after a complaint that named a procedure is about that procedure; more told of the case is the complaint', () => {
    const complaint = 'I applied for a passport three weeks ago and nobody at the office answers the phone. This is unacceptable.';
    const [filed, asked] = talk(complaint, 'How long is it supposed to take normally?');
    expect(filed!.record.intent).toBe('complaint');
    expect(asked!.record).toMatchObject({ intent: 'procedure', procedureId: 'cap-ho-chieu', aspect: 'duration' });
    const [, told] = talk('cong dich vu cong loi hoai, nop ho so dang ky ho kinh doanh bam nop la bao loi tu hom qua', 'di 3 lan roi chua xong, nghi lam mat 3 buoi');
    expect(told!.record.intent).toBe('complaint');
    expect(told!.actions.some((a) => a.type === 'file_complaint')).toBe(true);
  });

  it('where and to whom the file was handed, told after a complaint, is a detail of it; asked, it is a question', () => {
    const complaint = 'hồ sơ sang tên đất của tôi quá hẹn hai tháng, gọi lên chỉ bảo chờ, tôi muốn phản ánh';
    const [, told] = talk(complaint, 'Hồ sơ nộp ở bộ phận một cửa xã, anh cán bộ tên Hùng nhận.');
    expect(told!.record.intent).toBe('complaint');
    expect(told!.actions.some((a) => a.type === 'file_complaint')).toBe(true);
    const [, asked] = talk(complaint, 'thế bình thường nộp ở đâu?');
    expect(asked!.actions.some((a) => a.type === 'file_complaint')).toBe(false);
  });

  it('a phone number asked for right after a complaint ("số máy là gì") is a contact question', () => {
    const [, complaint, asked] = talk('mã hồ sơ của tôi là 000.00.25.H55-260212-0130', 'quá hạn hẹn trả 10 ngày rồi mà không ai gọi, làm ăn kiểu gì vậy', 'Tôi muốn gọi thẳng cho bộ phận một cửa, số máy là gì');
    expect(complaint!.record.intent).toBe('complaint');
    expect(asked!.record.intent).toBe('contacts');
    expect(asked!.actions.some((a) => a.type === 'file_complaint')).toBe(false);
  });

  it('a button named while a clarification is open is answered for the aspect that question asked, not an older one', () => {
    const [, asked, picked] = talk('Tôi định thành lập công ty TNHH một thành viên, nộp hồ sơ ở đâu vậy', 'Tôi muốn sang tên cho thằng con út', 'sổ đỏ đó');
    expect(asked!.record.decision).toBe('clarify');
    expect(picked!.record).toMatchObject({ procedureId: 'dang-ky-bien-dong-dat', aspect: 'overview' });
  });

  it('a contact question while the bot waits for a complaint\'s content is answered, not filed', () => {
    const [, asked, question] = talk('Cán bộ một cửa xã hẹn tôi 3 lần vẫn không nhận hồ sơ tách thửa, thái độ rất khó chịu', 'tôi muốn gửi kiến nghị lên lãnh đạo', 'đường dây nóng tiếp nhận phản ánh của tỉnh là số nào');
    expect(asked!.record.intent).toBe('complaint');
    expect(question!.record.intent).toBe('contacts');
    expect(question!.actions.some((a) => a.type === 'file_complaint')).toBe(false);
  });

  it('a request for another number right after a complaint is a contact question, not a detail of it', () => {
    const [, asked] = talk('tôi gọi đường dây nóng mấy lần không ai nghe máy', 'vậy cho tui xin số khác của bộ phận một cửa');
    expect(asked!.record.intent).toBe('contacts');
    expect(asked!.actions.some((a) => a.type === 'file_complaint')).toBe(false);
  });

  it('the portal failing again and again, or a long wait at the desk, is a complaint', () => {
    for (const text of ['cong dich vu cong loi hoai, up file cu bao loi, nop 3 lan khong duoc', 'cán bộ chứng thực hôm qua làm chậm quá, chờ 2 tiếng mới tới lượt']) {
      expect(talk(text)[0]!.record.intent, text).toBe('complaint');
    }
  });

  it('a dossier told as overdue or strung along is a complaint, and filed; asking how far it is stays a status query', () => {
    for (const text of ['nộp hồ sơ từ tháng trước đến giờ quá hạn mà chưa có kết quả, cán bộ cứ hẹn lần hẹn lữa', 'hồ sơ 000.00.53.H48-251120-0004 trễ hẹn rồi']) {
      const [said] = talk(text);
      expect(said!.record.intent, text).toBe('complaint');
      expect(said!.actions.some((a) => a.type === 'file_complaint'), text).toBe(true);
    }
    expect(talk('ma ho so cua toi h48.12–251201–0007 sao chua xong')[0]!.record.intent).toBe('dossier_status');
  });
});

describe('an aspect asked while a clarification is open', () => {
  it('offers the same buttons again for that aspect, and the pick answers it', () => {
    const [ask, again, pick] = talk('thủ tục sang tên', 'mất mấy ngày?', '2');
    expect(ask!.record.decision).toBe('clarify');
    expect(again!.record).toMatchObject({ decision: 'clarify', aspect: 'duration' });
    expect(offered(again!.reply)).toEqual(offered(ask!.reply));
    expect(pick!.record).toMatchObject({ decision: 'answer', procedureId: offered(ask!.reply)[1], aspect: 'duration' });
  });

  it('a button picked by name answers the aspect the question was asked for, as a pick by number does', () => {
    const [, again, named] = talk('thủ tục sang tên', 'mất mấy ngày?', 'đăng ký xe');
    expect(again!.record).toMatchObject({ decision: 'clarify', aspect: 'duration' });
    expect(named!.record).toMatchObject({ decision: 'answer', procedureId: 'dang-ky-xe', aspect: 'duration' });
  });

  it('keeps the buttons when the other words name nothing, and answers the one named', () => {
    for (const [text, aspect] of [['cần mang gì theo?', 'documents'], ['rứa nộp trực tuyến được không?', 'online'], ['neu can thi nop o dau', 'place'], ['mấy ngày thì lấy được', 'duration']] as const) {
      const [ask, again] = talk('thủ tục sang tên', text);
      expect(again!.record, text).toMatchObject({ decision: 'clarify', aspect });
      expect(offered(again!.reply), text).toEqual(offered(ask!.reply));
    }
    const [, named] = talk('thủ tục sang tên', 'sang tên xe máy thì mất mấy ngày');
    expect(named!.record).toMatchObject({ decision: 'answer', procedureId: 'dang-ky-xe', aspect: 'duration' });
  });

  it('generic words alone offer the same buttons again, keeping the aspect asked before, and thanks stay thanks', () => {
    const [ask, again, generic, pick] = talk('thủ tục sang tên', 'mất mấy ngày?', 'hồ sơ', '1');
    expect(generic!.record).toMatchObject({ decision: 'clarify', aspect: 'duration' });
    expect(offered(generic!.reply)).toEqual(offered(ask!.reply));
    expect(again!.record.decision).toBe('clarify');
    expect(pick!.record).toMatchObject({ decision: 'answer', procedureId: offered(ask!.reply)[0], aspect: 'duration' });
    const [, thanks] = talk('thủ tục sang tên', 'cảm ơn');
    expect(thanks!.record.intent).toBe('thanks');
  });
});
