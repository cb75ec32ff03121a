import { beforeAll, describe, expect, it } from 'vitest';
import { buildMatcher } from '../../src/nlu/matcher.js';
import type { Matcher } from '../../src/nlu/types.js';
import { shippedKnowledge } from '../support/content.js';

// The whole knowledge base, catalogue included: near-twins and catalogue rivals are what these rules are about.
let matcher: Matcher;

beforeAll(async () => {
  matcher = buildMatcher(await shippedKnowledge());
});

/** Each message, after an answer about `last`, is a follow-up on it asking `aspect`. */
function expectFollowUps(cases: [last: string, text: string, aspect: string][]): void {
  for (const [last, text, aspect] of cases) {
    const u = matcher.understand(text, { lastProcedureId: last });
    expect([u.decision, u.procedureId, u.aspect, u.followUp], text).toEqual(['answer', last, aspect, true]);
  }
}

describe('qualified twins: the message says which one', () => {
  it('answers the plain procedure when no qualifier is said', () => {
    const u = matcher.understand('làm giấy khai sinh cho con cần những gì');
    expect(u.decision).toBe('answer');
    expect(u.procedureId).toBe('dang-ky-khai-sinh');
    expect(u.aspect).toBe('documents');
  });

  it('"hỏi về" + what is to be done is that procedure; "hỏi về" + a subject asks which', () => {
    const u = matcher.understand('toi hoi ve dang ky ket hon');
    expect(u.decision).toBe('answer');
    expect(u.procedureId).toBe('dang-ky-ket-hon');
    expect(matcher.understand('thủ tục về hộ khẩu').decision).toBe('clarify');
  });

  it('answers the qualified twin when its qualifier is said, in English too', () => {
    const born = matcher.understand('My baby was born last week here, the father is Japanese. How do we register the birth?');
    expect([born.decision, born.procedureId]).toEqual(['answer', 'khai-sinh-yeu-to-nuoc-ngoai']);
    const engaged = matcher.understand('Hello, I am a foreigner engaged to a Vietnamese woman. How do we register our marriage here?');
    expect([engaged.decision, engaged.procedureId]).toEqual(['answer', 'ket-hon-yeu-to-nuoc-ngoai']);
    const foreign = matcher.understand('đăng ký khai sinh cho con có bố là người nước ngoài');
    expect([foreign.decision, foreign.procedureId]).toEqual(['answer', 'khai-sinh-yeu-to-nuoc-ngoai']);
    const again = matcher.understand('re-register our marriage, the certificate and the register are both lost');
    expect([again.decision, again.procedureId]).toEqual(['answer', 'dang-ky-lai-ket-hon']);
  });

  it('a qualifier common in speech ("lại") leaves the choice to the citizen', () => {
    const u = matcher.understand('tôi muốn hỏi lại về đăng ký kết hôn');
    expect(u.decision).toBe('clarify');
    expect([u.procedureId, ...u.alternatives.map((a) => a.procedureId)]).toContain('dang-ky-ket-hon');
  });

  it('a subject the procedures share ("thủ tục đất đai") is asked about, not read as a court case', () => {
    const land = matcher.understand('thủ tục đất đai');
    expect([land.intent, land.decision]).toEqual(['procedure', 'clarify']);
    expect(matcher.understand('tranh chấp đất đai ra tòa').intent).toBe('out_of_scope');
  });

  it('still asks when the message names only the family, with no verb', () => {
    const u = matcher.understand('thủ tục giám hộ');
    expect(u.decision).toBe('clarify');
    const offered = [u.procedureId, ...u.alternatives.map((a) => a.procedureId)];
    expect(offered).toContain('dang-ky-giam-ho');
    expect(offered).toContain('dang-ky-giam-sat-giam-ho');
    const named = matcher.understand('đăng ký giám hộ cho cháu');
    expect([named.decision, named.procedureId]).toEqual(['answer', 'dang-ky-giam-ho']);
  });
});

describe('follow-ups: words that only brush other procedures stay on the conversation', () => {
  it('keeps the last procedure for an aspect asked with everyday words', () => {
    const cases: [string, string, string][] = [
      ['trich-luc-ho-tich', 'mot ban bao nhieu tien', 'fee'],
      ['chuyen-truong', 'cần chuẩn bị hồ sơ gì nhỉ', 'documents'],
      ['cap-so-do-lan-dau', 'mất bao lâu thì cầm được sổ', 'duration'],
      ['doi-giay-phep-lai-xe', 'lệ fí bn', 'fee'],
      // The insurance office named as the place asked is no topic of its own.
      ['bhxh-mot-lan', 'Nộp ở bảo hiểm huyện hay ở đâu?', 'place'],
    ];
    expectFollowUps(cases);
  });

  it('carries nothing over when the citizen says the subject changes ("thôi hỏi cái khác")', () => {
    const u = matcher.understand('Thôi hỏi cái khác, tuần này trời có mưa không bạn?', { lastProcedureId: 'an-toan-thuc-pham', lastAspect: 'duration' });
    expect(u.followUp).toBe(false);
    expect(u.procedureId).not.toBe('an-toan-thuc-pham');
    expect(matcher.understand('thế còn lệ phí', { lastProcedureId: 'an-toan-thuc-pham' })).toMatchObject({ procedureId: 'an-toan-thuc-pham', followUp: true });
  });

  it('a correction that names something replaces the last procedure; one naming only an aspect or an age keeps it', () => {
    const land = matcher.understand('Xin lỗi, sổ nhà tôi có rồi nhưng bị mất, cần xin cấp lại', { lastProcedureId: 'cap-so-do-lan-dau', lastAspect: 'duration' });
    // The sibling it names, told from the buttons by the last procedure's name (listed for review: context was used).
    expect([land.decision, land.procedureId]).toEqual(['answer', 'cap-lai-so-do']);
    expect(matcher.understand('không phải, ý tôi là lệ phí', { lastProcedureId: 'cap-so-do-lan-dau' })).toMatchObject({ procedureId: 'cap-so-do-lan-dau', aspect: 'fee', followUp: true });
    expect(matcher.understand('nhầm, bé nhà tôi 15 tuổi rồi', { lastProcedureId: 'can-cuoc-duoi-6-tuoi', lastAspect: 'duration' })).toMatchObject({ procedureId: 'cap-the-can-cuoc', followUp: true });
  });

  it('a household said to be poor already is a case of the need asked about, not the poor-household recognition', () => {
    expect(matcher.understand('còn bà nhà bác 72 tuổi, nhà thuộc hộ nghèo, có được không con', { lastProcedureId: 'tro-cap-huu-tri-xa-hoi' })).toMatchObject({ procedureId: 'tro-cap-huu-tri-xa-hoi', followUp: true });
    expect(matcher.understand('nhà tôi nghèo lắm, muốn được công nhận hộ nghèo', { lastProcedureId: 'tro-cap-huu-tri-xa-hoi' }).procedureId).toBe('cong-nhan-ho-ngheo');
  });

  it('changes topic when the message names another procedure or a qualifier of the last one', () => {
    const passport = matcher.understand('còn làm hộ chiếu thì mất bao lâu', { lastProcedureId: 'dang-ky-ket-hon' });
    expect([passport.procedureId, passport.followUp]).toEqual(['cap-ho-chieu', false]);
    const death = matcher.understand('bố tôi vừa mất, làm giấy tờ gì', { lastProcedureId: 'dang-ky-khai-sinh' });
    expect([death.procedureId, death.followUp]).toEqual(['dang-ky-khai-tu', false]);
    const remove = matcher.understand('con ho khau cu o que co phai len xa xoa khong', { lastProcedureId: 'dang-ky-thuong-tru' });
    // The last procedure's qualifier said ("xóa") moves to its twin as a follow-up (listed for review).
    expect(remove.procedureId).toBe('xoa-dang-ky-thuong-tru');
  });
});

describe('an aspect asked while the buttons of a clarification are open', () => {
  it('asks the same buttons again for that aspect, never the procedure answered before the clarification', () => {
    const open = ['trich-luc-ho-tich', 'dang-ky-lai-ket-hon', 'ban-sao-van-bang'];
    const u = matcher.understand('Một bản tốn bao nhiêu?', { lastProcedureId: 'dang-ky-ket-hon', lastAspect: 'documents', pendingCandidates: open });
    expect(u.decision).toBe('clarify');
    expect(u.aspect).toBe('fee');
    expect(u.alternatives.map((a) => a.procedureId)).toEqual(open);
    // With no buttons open the same words follow the last answer.
    expect(matcher.understand('Một bản tốn bao nhiêu?', { lastProcedureId: 'trich-luc-ho-tich' })).toMatchObject({ procedureId: 'trich-luc-ho-tich', followUp: true });
  });
});

describe('a long story settles a clarification only on the procedure its request names', () => {
  it('answers the leader when the request with its story names it', () => {
    const u = matcher.understand('Nhà tôi ở xã, tính xây nhà 2 tầng trên đất của mình, có phải xin phép xây dựng không, nếu có thì hồ sơ gồm gì');
    expect([u.decision, u.procedureId, u.aspect]).toEqual(['answer', 'giay-phep-xay-dung', 'documents']);
  });

  it('answers the leader when every other button, a catalogue record included, scores at most half of it', () => {
    const u = matcher.understand(
      'Mẹ tôi năm nay 80, ở quê chưa từng làm căn cước, giờ đi khám bệnh người ta đòi. Mẹ yếu, đi lại khó, mắt lại kém. Tôi chở mẹ lên làm thì cần mang theo gì?',
    );
    expect([u.decision, u.procedureId, u.aspect, u.narrow]).toEqual(['answer', 'cap-the-can-cuoc', 'documents', true]);
    const [rival] = u.alternatives;
    expect(rival!.confidence).toBeLessThanOrEqual(u.confidence / 2);
  });

  it('does not settle between twins: the story may hold what tells them apart', () => {
    const u = matcher.understand(
      'Con gái tôi lấy chồng người Hàn Quốc, hai đứa sinh con ở quê ngoại tháng trước, thằng bé giờ ở với tôi. Bố nó chưa sang được. Giờ làm giấy khai sinh cho cháu răng hả chú?',
    );
    expect(u.procedureId === 'dang-ky-khai-sinh' && u.decision === 'answer').toBe(false);
  });
});

describe('contacts, hand-off and language asked in more ways', () => {
  it('recognises them', () => {
    const cases: [string, string][] = [
      ['dip tet duong lich xa nghi may ngay', 'contacts'],
      ['Ngay le 2/9 bo phan mot cua co truc khong a?', 'contacts'],
      ['bộ phận một cửa ở đâu', 'contacts'],
      ['nộp ở đâu cháu', 'ask_need'],
      ['cho hỏi email của ubnd xã với', 'contacts'],
      ['Can I talk to a staff member?', 'handoff'],
      ['nói tiếng Việt được không', 'language'],
    ];
    for (const [text, intent] of cases) expect(matcher.understand(text).intent, text).toBe(intent);
  });

  it('takes office hours asked in so many words for a contact question, though a procedure is named', () => {
    for (const text of ['thứ 7 có làm khai sinh không', 'Bà muốn lên ủy ban hỏi về việc chứng thực giấy tờ. Ủy ban làm việc mấy giờ, thứ bảy có mở cửa không?']) {
      expect(matcher.understand(text).intent, text).toBe('contacts');
    }
    // Where a procedure is filed stays the procedure's answer.
    expect(matcher.understand('làm căn cước ở đâu')).toMatchObject({ intent: 'procedure', procedureId: 'cap-the-can-cuoc', aspect: 'place' });
  });
});

describe('follow-ups in everyday and regional wording', () => {
  it('keeps the conversation for words too common to be indexed, f for ph, "hông", "mấy tiền"', () => {
    const cases: [string, string, string][] = [
      ['dang-ky-thuong-tru', 'Nộp ở công an xã hả?', 'place'],
      ['cap-the-can-cuoc', 'fi bn a', 'fee'],
      ['chung-thuc-ban-sao', 'Lấy ngay trong ngày được hông?', 'duration'],
      ['trich-luc-ho-tich', 'Mỗi bản mấy tiền?', 'fee'],
      ['dang-ky-giam-ho', 'cả hai ông bà cùng đứng tên được không hay chỉ một người thôi', 'overview'],
      // "ở xã" and "vậy" sit in an official name ("nhà ở xã hội, vay vốn"): words of speech, no need of their own.
      ['cong-nhan-ho-ngheo', 'Nop cho ai o xa vay?', 'place'],
      // "đem" is "mang" (to bring): what to bring is the documents.
      ['cap-the-can-cuoc', 'đem theo gì', 'documents'],
      // "đơn" (a form) names no need: where to hand it in is where the procedure is filed.
      ['cong-nhan-ho-ngheo', 'nop don o dau', 'place'],
      // A case compared with what was answered is a condition of it, not another procedure ("trẻ em").
      ['cap-ho-chieu', 'le phi cho tre em co khac ko', 'fee'],
    ];
    expectFollowUps(cases);
  });

  it('reads "tốn bao nhiêu tiền", "chừng nào", "gửi về nhà" and "tỉnh hay xã" as the aspects they ask', () => {
    expectFollowUps([
      // "tiền" left over after "tốn bao nhiêu" once read as the topic of the driving-school refusal.
      ['dang-ky-xe', 'ton bn tien', 'fee'],
      ['dang-ky-khai-sinh', 'tốn bao nhiêu tiền vậy', 'fee'],
      ['dang-ky-khai-sinh', 'chừng nào có', 'duration'],
      ['cap-the-can-cuoc', 'có gửi về nhà không', 'online'],
      ['dang-ky-khai-sinh', 'ở xã hay huyện', 'place'],
      // "ở xã" left over is speech, not an office asked about.
      ['dang-ky-khai-sinh', 'lên tỉnh hay ở xã', 'place'],
      // Copies asked about are the documents of the procedure in hand, not the certified-copy procedure.
      ['dang-ky-ket-hon', 'có cần photo không', 'documents'],
      ['cap-the-can-cuoc', 'bản chính hay bản sao', 'documents'],
      // "lấy" (to get) is no "lấy chồng": where to get the form, or the paper, is asked of the procedure in hand.
      ['dang-ky-khai-sinh', 'tờ khai lấy ở đâu', 'documents'],
      ['xac-nhan-cu-tru', 'lấy ở đâu', 'place'],
      // "giá" (price) asked of it: "giá" alone once pulled in catalogue records about passports reported lost.
      ['cap-ho-chieu', 'giá bao nhiêu vậy', 'fee'],
    ]);
    expect(matcher.understand('làm hộ chiếu giá bao nhiêu vậy')).toMatchObject({ decision: 'answer', procedureId: 'cap-ho-chieu', aspect: 'fee' });
    // Whether a late filing is fined is a rule of the procedure, not an overdue file complained about.
    const fined = matcher.understand('quá hạn có bị phạt không', { lastProcedureId: 'dang-ky-khai-sinh' });
    expect([fined.intent, fined.procedureId]).toEqual(['procedure', 'dang-ky-khai-sinh']);
    expect(matcher.understand('hồ sơ quá hạn rồi mà chưa thấy ai liên hệ').intent).toBe('complaint');
    // A refused topic needs its own words: "ok" and the question alone share nothing with "ly hôn".
    const ok = matcher.understand('ok còn giấy tờ', { lastProcedureId: 'dang-ky-khai-sinh' });
    expect([ok.intent, ok.procedureId, ok.aspect]).toEqual(['procedure', 'dang-ky-khai-sinh', 'documents']);
    expect(matcher.understand('công an xã ở đâu', { lastProcedureId: 'dang-ky-khai-sinh' }).intent).toBe('contacts');
  });

  it('an explicit request for English inside a longer message is that request', () => {
    const u = matcher.understand('trả lời bằng tiếng Anh được không, chồng tôi là người Úc, bằng lái Việt Nam của anh ấy sắp hết hạn', {
      lastProcedureId: 'doi-giay-phep-lai-xe',
    });
    expect(u.intent).toBe('language');
  });
});

describe('a status query names a dossier', () => {
  it('"sổ đỏ bị rách" is no dossier asked about, though "bị" is in "hồ sơ bị trả lại"; a look-up asked bare still is', () => {
    expect(matcher.understand('sổ đỏ bị rách').intent).not.toBe('dossier_status');
    for (const text of ['hồ sơ bị trả lại', 'tra cứu', 'đã có kết quả chưa']) expect(matcher.understand(text).intent, text).toBe('dossier_status');
  });
});

describe('a refused topic held by its words as typed', () => {
  it('"đi" is no "ly dị": working abroad is not the divorce refusal, which still answers with or without accents', () => {
    expect(matcher.understand('đi xuất khẩu lao động cần giấy tờ gì').intentId).not.toBe('out_of_scope.divorce');
    expect(matcher.understand('ly di can giay to gi').intentId).toBe('out_of_scope.divorce');
    expect(matcher.understand('tôi muốn ly hôn chồng tôi nhậu nhẹt suốt').intentId).toBe('out_of_scope.divorce');
  });
});

describe('a refused topic said word for word', () => {
  it('is out of scope though a catalogue record bears its name or a procedure was being discussed', () => {
    expect(matcher.understand('quyết toán thuế thu nhập cá nhân online làm sao vậy')).toMatchObject({ intent: 'out_of_scope', intentId: 'out_of_scope.tax' });
    expect(matcher.understand('vậy đặt lịch khám ở bệnh viện tỉnh giùm tui dc ko', { lastProcedureId: 'doi-giay-phep-lai-xe' }).intent).toBe('out_of_scope');
  });

  it('only word for word: "xin việc, nộp ở đâu" asks where a criminal record certificate is filed', () => {
    expect(matcher.understand('Em cần xin phiếu lý lịch tư pháp để nộp hồ sơ xin việc, nộp ở đâu ạ?')).toMatchObject({ intent: 'procedure', procedureId: 'ly-lich-tu-phap' });
    expect(matcher.understand('có phải đi khám sức khỏe không', { lastProcedureId: 'doi-giay-phep-lai-xe' }).procedureId).toBe('doi-giay-phep-lai-xe');
  });
});

describe('an ID card for a child', () => {
  it('the age stated in the first message picks the card; "bé", "đứa nhỏ" without an age ask which', () => {
    expect(matcher.understand('tiện hỏi luôn, làm căn cước cho con 4 tuổi ở đâu')).toMatchObject({ decision: 'answer', procedureId: 'can-cuoc-duoi-6-tuoi', aspect: 'place' });
    expect(matcher.understand('làm căn cước cho con 10 tuổi')).toMatchObject({ decision: 'answer', procedureId: 'cap-the-can-cuoc' });
    const unsure = matcher.understand('Cần làm CCCD cho đứa nhỏ nhà mình thì tốn bao nhiêu?');
    expect(unsure.decision).toBe('clarify');
    expect(unsure.alternatives.map((a) => a.procedureId)).toEqual(expect.arrayContaining(['can-cuoc-duoi-6-tuoi', 'cap-the-can-cuoc']));
  });
});

describe('an age stated in a follow-up', () => {
  it('moves the conversation to the procedure for that age, and keeps it when the age fits', () => {
    const cases: [last: string, text: string, want: string][] = [
      ['cap-the-can-cuoc', 'còn con tui 3 tuổi thì sao', 'can-cuoc-duoi-6-tuoi'],
      ['can-cuoc-duoi-6-tuoi', 'nham, be nha toi 15 tuoi roi', 'cap-the-can-cuoc'],
      ['can-cuoc-duoi-6-tuoi', 'bé 4 tuổi thì mất bao lâu', 'can-cuoc-duoi-6-tuoi'],
      ['cap-the-can-cuoc', 'thế cho bé 15 tuổi thì sao', 'cap-the-can-cuoc'],
      // Someone's age is a case of the need asked about, not a need of its own ("tui" is Southern for "tôi").
      ['cap-ho-chieu', 'con nit 8 tuoi thi sao', 'cap-ho-chieu'],
      ['cap-ho-chieu', 'con tui 5 tuổi làm được không, cần thêm gì', 'cap-ho-chieu'],
      ['cap-the-can-cuoc', 'con thang anh no 10 tuoi thi sao', 'cap-the-can-cuoc'],
    ];
    for (const [last, text, want] of cases) {
      const u = matcher.understand(text, { lastProcedureId: last });
      expect([u.decision, u.procedureId], text).toEqual(['answer', want]);
    }
  });
});

describe("the last procedure's qualifier said on its own", () => {
  it('moves to its qualified twin, keeping the aspect asked before', () => {
    const u = matcher.understand('chồng em là người Nhật', { lastProcedureId: 'dang-ky-ket-hon', lastAspect: 'documents' });
    expect(u).toMatchObject({ decision: 'answer', procedureId: 'ket-hon-yeu-to-nuoc-ngoai', aspect: 'documents' });
  });

  it('a case said after "còn … thì sao" keeps the aspect asked before, on the procedure for that case', () => {
    expect(matcher.understand('còn con tui 3 tuổi thì sao', { lastProcedureId: 'cap-the-can-cuoc', lastAspect: 'fee' })).toMatchObject({ procedureId: 'can-cuoc-duoi-6-tuoi', aspect: 'fee' });
    expect(matcher.understand('con nit 8 tuoi thi sao', { lastProcedureId: 'cap-ho-chieu', lastAspect: 'fee' })).toMatchObject({ procedureId: 'cap-ho-chieu', aspect: 'fee' });
  });

  it('a nationality named as "người Hàn Quốc", "người Đài Loan" is the foreign qualifier', () => {
    // The last procedure leads by name ("bé"), yet the qualifier moves the conversation off it.
    for (const text of ['ba bé là người Hàn Quốc thì sao ạ', 'bố bé là người Nhật thì sao']) {
      expect(matcher.understand(text, { lastProcedureId: 'dang-ky-khai-sinh' }).procedureId, text).toBe('khai-sinh-yeu-to-nuoc-ngoai');
    }
    expect(matcher.understand('chồng sắp cưới của em là người Đài Loan', { lastProcedureId: 'dang-ky-ket-hon' }).procedureId).toBe('ket-hon-yeu-to-nuoc-ngoai');
    // "người Úc" is left out: its folded form repairs from "người yêu".
    expect(matcher.understand('bạn có người yêu chưa').decision).not.toBe('answer');
  });

  it('not over a leader the message names', () => {
    const u = matcher.understand('voi lai co phai xoa ho khau cho me khong', { lastProcedureId: 'dang-ky-khai-tu' });
    expect(u.procedureId).not.toBe('lien-thong-khai-tu');
  });
});

describe('domain calls the testers label by (test/fixtures/dialogue-eval/README.md, rule 13)', () => {
  it('asks which allowance for an 80-year-old without a pension, answers the social pension at 76', () => {
    const u = matcher.understand('Bà nội tui 80 tuổi rồi, hồi trước làm ruộng nên hông có lương hưu, giờ xin trợ cấp được hông');
    expect(u.decision).toBe('clarify');
    expect([u.procedureId, ...u.alternatives.map((a) => a.procedureId)]).toEqual(expect.arrayContaining(['tro-cap-huu-tri-xa-hoi', 'tro-cap-xa-hoi']));
    expect(matcher.understand('ông tôi 76 tuổi không có lương hưu xin trợ cấp')).toMatchObject({ decision: 'answer', procedureId: 'tro-cap-huu-tri-xa-hoi' });
  });

  it('answers a lost household book with the residence confirmation that replaced it', () => {
    expect(matcher.understand('so ho khau nha tui bi mat, xin lai cuon moi o dau')).toMatchObject({ decision: 'answer', procedureId: 'xac-nhan-cu-tru' });
    expect(matcher.understand('mất sổ đỏ làm lại ở đâu').procedureId).toBe('cap-lai-so-do');
  });
});

describe('the commune register said to be gone', () => {
  it('is what re-registration is for, though "lại" alone is common in speech', () => {
    expect(matcher.understand('à không phải, hồi đó có làm rồi mà giấy bị mất, sổ ở xã cũng cháy hết', { lastProcedureId: 'dang-ky-khai-tu' })).toMatchObject({ decision: 'answer', procedureId: 'dang-ky-lai-khai-tu' });
    expect(matcher.understand('còn giấy khai sinh mất cả bản chính, sổ gốc ở xã cũng không còn thì sao', { lastProcedureId: 'dang-ky-khai-sinh' }).procedureId).toBe('dang-ky-lai-khai-sinh');
    // "không còn lưu" is gone, not kept.
    expect(matcher.understand('hồi đó có khai tử ở xã nhưng giấy tờ thất lạc hết, xã nói sổ hộ tịch năm đó không còn lưu, giờ làm sao', { lastProcedureId: 'dang-ky-khai-tu' }).procedureId).toBe('dang-ky-lai-khai-tu');
  });

  it('an age said while both ID cards are offered picks the one for that age', () => {
    const pendingCandidates = ['can-cuoc-duoi-6-tuoi', 'cap-the-can-cuoc', 'nhan-cha-me-con'];
    expect(matcher.understand('bé nhà tôi 15 tuổi rồi', { pendingCandidates }).procedureId).toBe('cap-the-can-cuoc');
    expect(matcher.understand('con tôi mới 3 tuổi', { pendingCandidates }).procedureId).toBe('can-cuoc-duoi-6-tuoi');
    expect(matcher.understand('cái cho trẻ dưới 6 tuổi', { pendingCandidates }).procedureId).toBe('can-cuoc-duoi-6-tuoi');
  });

  it('picks the one re-registration among open buttons', () => {
    const pendingCandidates = ['dang-ky-lai-ket-hon', 'trich-luc-ho-tich', 'dang-ky-ket-hon'];
    for (const text of ['nếu xã không còn lưu sổ gốc hồi đó nữa thì sao', 'xa noi so luu bi hu het roi']) {
      expect(matcher.understand(text, { pendingCandidates }), text).toMatchObject({ decision: 'answer', procedureId: 'dang-ky-lai-ket-hon' });
    }
    // Long enough for the story reading, which must not overrule a pick among the buttons ("sổ gốc" is in the
    // official name of diploma copies).
    const birth = ['trich-luc-ho-tich', 'dang-ky-lai-khai-sinh', 'chung-thuc-ban-sao'];
    expect(matcher.understand('giấy bị mất mà sổ gốc ở xã cũng cháy hồi trước rồi', { pendingCandidates: birth }).procedureId).toBe('dang-ky-lai-khai-sinh');
  });
});

describe('English follow-ups said with "we"', () => {
  it('ask the aspect of the conversation', () => {
    const cases: [string, string, string][] = [
      ['cap-ho-chieu', 'How long is it supposed to take normally?', 'duration'],
      ['cap-ho-chieu', 'Where do we submit it?', 'place'],
    ];
    expectFollowUps(cases);
    expect(matcher.understand('My baby was born last week here, the father is Japanese. How do we register the birth?')).toMatchObject({ procedureId: 'khai-sinh-yeu-to-nuoc-ngoai', aspect: 'steps' });
  });
});
