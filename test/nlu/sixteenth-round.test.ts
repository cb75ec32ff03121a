import { beforeAll, describe, expect, it } from 'vitest';
import { buildMatcher } from '../../src/nlu/matcher.js';
import { normaliseText, syllables } from '../../src/nlu/normalise.js';
import { ageSaid } from '../../src/nlu/stated-case.js';
import type { Matcher } from '../../src/nlu/types.js';
import { shippedKnowledge } from '../support/content.js';

const words = (text: string): string[] => syllables(normaliseText(text)).folded;

let matcher: Matcher;
beforeAll(async () => {
  matcher = buildMatcher(await shippedKnowledge());
});

describe('the paper named in full, the event around it only why', () => {
  it('answers the procedure named word for word when the answered one is neither named nor its core words said', () => {
    const cases: [string, string][] = [
      ['xin giấy xác nhận độc thân cho bố tôi, ông góa vợ muốn cưới bà khác', 'xac-nhan-tinh-trang-hon-nhan'],
      ['sap cuoi vo, ve o luon ben nha vo, muon nhap ho khau ve do', 'dang-ky-thuong-tru'],
    ];
    for (const [text, id] of cases) {
      expect(matcher.understand(text), text).toMatchObject({ decision: 'answer', intent: 'procedure', procedureId: id, narrow: true });
    }
  });

  it('keeps the answer when the name is told as not done, or the answer is a variant of the one named', () => {
    const cases: [string, string][] = [
      ['chưa đăng ký kết hôn, muốn làm khai sinh cho con có tên bố thì làm sao', 'khai-sinh-nhan-cha-me-con'],
      ['Ck em người Đài Loan, em đẻ cháu ở bệnh viện Yên Bái, giờ làm khai sinh cho bé thế nào', 'khai-sinh-yeu-to-nuoc-ngoai'],
    ];
    for (const [text, id] of cases) expect(matcher.understand(text), text).toMatchObject({ decision: 'answer', procedureId: id });
  });
});

describe('a follow-up about the new paper', () => {
  it('stays on the procedure talked about when "mới" (or "mỗi") is all it adds to the titles\' words', () => {
    const licence = matcher.understand('bao lâu thì nhận được bằng mới', { lastProcedureId: 'doi-giay-phep-lai-xe', recentProcedureIds: ['doi-giay-phep-lai-xe'] });
    expect(licence).toMatchObject({ procedureId: 'doi-giay-phep-lai-xe', aspect: 'duration', followUp: true });
    const copy = matcher.understand('Mỗi bản sao bao nhiêu tiền?', { lastProcedureId: 'trich-luc-ho-tich', recentProcedureIds: ['trich-luc-ho-tich'] });
    expect(copy).toMatchObject({ procedureId: 'trich-luc-ho-tich', aspect: 'fee', followUp: true });
  });

  it('still changes topic when another need is named', () => {
    const u = matcher.understand('còn làm thẻ căn cước mới thì sao', { lastProcedureId: 'doi-giay-phep-lai-xe', recentProcedureIds: ['doi-giay-phep-lai-xe'] });
    expect(u.procedureId).not.toBe('doi-giay-phep-lai-xe');
    expect(u.followUp).toBe(false);
  });
});

describe('"nhận con" alone', () => {
  it('asks between adopting a child and recognising one\'s own, instead of asking what the citizen needs', () => {
    for (const text of ['cho hỏi thủ tục nhận con', 'Thủ tục nhận con làm sao vậy']) {
      const u = matcher.understand(text);
      expect(u, text).toMatchObject({ decision: 'clarify', intent: 'procedure' });
      expect(u.alternatives.map((a) => a.procedureId), text).toEqual(expect.arrayContaining(['nhan-con-nuoi', 'nhan-cha-me-con']));
    }
  });

  it('still answers an adoption or a recognition named in full', () => {
    expect(matcher.understand('thủ tục nhận con nuôi')).toMatchObject({ decision: 'answer', procedureId: 'nhan-con-nuoi' });
    expect(matcher.understand('đăng ký nhận cha con')).toMatchObject({ decision: 'answer', procedureId: 'nhan-cha-me-con' });
  });
});

describe('a topic outside the bot\'s work asked in one clause of a longer message', () => {
  it('is out of scope when nothing else in the message is understood', () => {
    for (const text of ['Mai có bão không em, tàu tui tính ra khơi đánh mực', 'Mai ở Huế có mưa không, tôi định đưa bà đi viếng mộ ông']) {
      expect(matcher.understand(text), text).toMatchObject({ decision: 'answer', intent: 'out_of_scope', intentId: 'out_of_scope.weather' });
    }
  });

  it('leaves a procedure asked in the same message to the procedure', () => {
    const text = 'Mai có mưa không thì tôi cũng phải lên xã, cho hỏi đổi bằng lái xe máy bị hỏng cần mang theo giấy tờ gì';
    expect(matcher.understand(text)).toMatchObject({ intent: 'procedure', procedureId: 'doi-giay-phep-lai-xe' });
  });
});

describe('a clarification among procedures the message does not name', () => {
  it('answers the one it names in full instead ("thẻ bảo hiểm y tế" for a child under six)', () => {
    expect(matcher.understand('Thẻ bảo hiểm y tế cho trẻ dưới 6 tuổi làm ở đâu')).toMatchObject({ decision: 'answer', procedureId: 'the-bhyt', narrow: true });
  });

  it('leaves out a button named only as a paper already had, and answers the one left', () => {
    const text = 'Con tôi bị khuyết tật nặng, đã có giấy xác nhận khuyết tật rồi, giờ xin trợ cấp hằng tháng thì nộp ở đâu';
    expect(matcher.understand(text)).toMatchObject({ decision: 'answer', procedureId: 'tro-cap-xa-hoi', aspect: 'place', narrow: true });
    // Asked for, the same paper is the need.
    expect(matcher.understand('xin giấy xác nhận khuyết tật cho con ở đâu')).toMatchObject({ decision: 'answer', procedureId: 'xac-dinh-khuyet-tat' });
  });
});

describe('insurance money after leaving a job', () => {
  it('asks between the unemployment benefit and the one-time social-insurance payment', () => {
    const u = matcher.understand('Nghỉ làm rồi thì được lãnh tiền bảo hiểm gì vậy chị');
    expect(u).toMatchObject({ decision: 'clarify', intent: 'procedure' });
    expect(u.alternatives.map((a) => a.procedureId)).toEqual(expect.arrayContaining(['tro-cap-that-nghiep', 'bhxh-mot-lan']));
  });
});

describe('third batch', () => {
  it('"ra riêng một hộ" is splitting a household', () => {
    expect(matcher.understand('con trai tui cuoi vo roi, o chung nha ma muon ra rieng 1 ho')).toMatchObject({ decision: 'answer', procedureId: 'tach-ho' });
  });

  it('"adopting" is an adoption, no marriage registration', () => {
    const u = matcher.understand("It's about adopting my wife's daughter from her first marriage. What is the procedure?");
    expect(u.procedureId).toBe('nhan-con-nuoi');
    expect(u.decision === 'answer' ? u.procedureId : u.alternatives[0]?.procedureId).toBe('nhan-con-nuoi');
  });

  it('a baby\'s age in months or days said of the child is an age; a wait in months is not', () => {
    expect(ageSaid(words('làm căn cước cho cháu được không, cháu mới 2 tháng'))).toBe(0);
    expect(ageSaid(words('bé được 10 ngày, làm khai sinh ở đâu'))).toBe(0);
    expect(ageSaid(words('hồ sơ chờ 2 tháng rồi chưa có'))).toBeNull();
    expect(matcher.understand('làm căn cước cho cháu được không, cháu mới 2 tháng')).toMatchObject({ decision: 'answer', procedureId: 'can-cuoc-duoi-6-tuoi' });
  });

  it('answers an English question on a curated page though a catalogue record stands among the leaders', () => {
    expect(matcher.understand("I'd like to marry my Vietnamese fiancee in Dong Nai. What papers do I need?")).toMatchObject({ decision: 'answer', procedureId: 'ket-hon-yeu-to-nuoc-ngoai', aspect: 'documents' });
    expect(matcher.understand('I need certified copies of my passport and university degree for a work permit. Where can I get them certified?')).toMatchObject({ decision: 'answer', procedureId: 'chung-thuc-ban-sao' });
    // In Vietnamese the record's own words can tell the need apart: the question stays.
    expect(matcher.understand('Tui mới về xã này ở, muốn đăng ký thường trú theo diện ở nhờ nhà bà con').decision).toBe('clarify');
  });
});

describe('fourth batch', () => {
  it('"extend" is the extension of temporary residence', () => {
    const text = "My wife and I are Vietnamese and rent a flat in Vinh. We need to extend our temporary residence. What's the fee?";
    expect(matcher.understand(text)).toMatchObject({ decision: 'answer', procedureId: 'gia-han-tam-tru', aspect: 'fee' });
  });

  it('a clause outside the bot\'s work outweighs buttons offered from a few words of a long message', () => {
    expect(matcher.understand('Mai ở Quy Nhơn có mưa không, tôi định chở mẹ đi khám mắt ở bệnh viện')).toMatchObject({ intent: 'out_of_scope', intentId: 'out_of_scope.weather' });
    // A procedure asked in the same message still wins.
    expect(matcher.understand('Mai có mưa không thì tôi cũng phải lên xã, cho hỏi đổi bằng lái xe máy bị hỏng cần mang theo giấy tờ gì')).toMatchObject({ intent: 'procedure', procedureId: 'doi-giay-phep-lai-xe' });
  });

  it('a hospital check-up booked in English is out of scope', () => {
    expect(matcher.understand('Can I book a check-up at Da Nang Hospital through this chat?')).toMatchObject({ intent: 'out_of_scope', intentId: 'out_of_scope.medical' });
  });
});

describe('fifth batch', () => {
  it('"giấy đỏ" typed with its accent is the land title; "giấy đó" (that paper) is not', () => {
    const lost = 'Bão năm rồi sập cái nhà, cái giấy đỏ cũng mất luôn. Tui ở Tiên Phước, 70 tuổi rồi, chừ muốn xin lại cái giấy đỏ thì răng?';
    expect(matcher.understand(lost)).toMatchObject({ decision: 'answer', procedureId: 'cap-lai-so-do' });
    expect(matcher.understand('làm giấy đỏ lần đầu')).toMatchObject({ decision: 'answer', procedureId: 'cap-so-do-lan-dau' });
    expect(matcher.understand('giấy đó mất rồi làm lại sao').procedureId).not.toBe('cap-lai-so-do');
  });

  it('an acknowledgement first, then a question: the question', () => {
    for (const text of ["OK. Meanwhile, what's the address of the ward office?", "Thanks. What's the address of the ward office?"]) {
      expect(matcher.understand(text), text).toMatchObject({ decision: 'answer', intent: 'contacts', intentId: 'contacts.address' });
    }
    expect(matcher.understand('ok thanks, what are the opening hours?')).toMatchObject({ intent: 'contacts', intentId: 'contacts.hours' });
    // Thanks alone is still thanks.
    expect(matcher.understand('ok thanks')).toMatchObject({ intent: 'thanks' });
  });
});

describe('sixth batch', () => {
  it('of the birth and the marriage with a foreigner offered together, the one whose plain name is said', () => {
    const text = 'Con gái tôi lấy chồng người Hàn Quốc, hai đứa sinh con ở quê ngoại tháng trước, thằng bé giờ ở với tôi. Bố nó chưa sang được. Giờ làm giấy khai sinh cho cháu răng hả chú?';
    // Listed for review: a question the bot would have asked is answered.
    expect(matcher.understand(text)).toMatchObject({ decision: 'answer', procedureId: 'khai-sinh-yeu-to-nuoc-ngoai', narrow: true });
    // Naming both ("kết hôn" and "khai sinh") leaves the question.
    expect(matcher.understand('Con gái tôi lấy chồng người Hàn Quốc, muốn hỏi đăng ký kết hôn và làm giấy khai sinh cho cháu thế nào').decision).toBe('clarify');
  });
});
