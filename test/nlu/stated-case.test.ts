import { beforeAll, describe, expect, it } from 'vitest';
import { buildMatcher } from '../../src/nlu/matcher.js';
import type { Matcher } from '../../src/nlu/types.js';
import { shippedKnowledge } from '../support/content.js';
import { normaliseText, syllables } from '../../src/nlu/normalise.js';
import { ageBoundPairs, ageSaid, birthWithParentageSaid, isReRegistration, paperLostOnlySaid, registerKeptSaid, registerLostSaid } from '../../src/nlu/stated-case.js';

const words = (text: string): string[] => syllables(normaliseText(text)).folded;

describe('facts of the case said in a message', () => {
  it('reads the age stated, months as 0, and none where a number is no age', () => {
    expect(ageSaid(words('còn con tui 3 tuổi thì sao'))).toBe(3);
    expect(ageSaid(words('bé nhà tôi 15 tuổi rồi'))).toBe(15);
    expect(ageSaid(words('cháu mới 8 tháng tuổi'))).toBe(0);
    expect(ageSaid(words('nộp 3 bản sao'))).toBeNull();
    // "dưới 6 tuổi" is younger than 6.
    expect(ageSaid(words('cái cho trẻ dưới 6 tuổi'))).toBeLessThan(6);
  });

  it('reads the register said gone, "không còn lưu" included, and not one said kept', () => {
    expect(registerLostSaid(words('giấy bị mất mà sổ gốc ở xã cũng cháy hồi trước rồi'))).toBe(true);
    expect(registerLostSaid(words('xã nói sổ hộ tịch năm đó không còn lưu'))).toBe(true);
    expect(registerLostSaid(words('sổ gốc ở xã vẫn còn, chỉ là mẹ làm mất tờ giấy khai sinh thôi'))).toBe(false);
    expect(registerLostSaid(words('mất giấy khai sinh'))).toBe(false);
    // The loss said before the register ("không còn lưu sổ gốc").
    expect(registerLostSaid(words('nếu xã không còn lưu sổ gốc hồi đó nữa thì sao'))).toBe(true);
    // "Ủy ban" stands for the commune; "không còn sổ" is the register, not the abolished household book.
    expect(registerLostSaid(words('hồi đó có làm khai tử nhưng giấy giờ mất rồi, ủy ban cũng không còn sổ'))).toBe(true);
    expect(registerLostSaid(words('xã không còn sổ hộ khẩu nữa'))).toBe(false);
  });

  it('reads the register said to hold the record', () => {
    expect(registerKeptSaid(words('giấy khai sinh bị ướt rách hết, ở xã vẫn còn lưu sổ'))).toBe(true);
    expect(registerKeptSaid(words('sổ gốc ở xã vẫn còn'))).toBe(true);
    expect(registerKeptSaid(words('xã không còn lưu sổ'))).toBe(false);
  });

  it('reads a paper lost, not "mất" before what it takes, nor a hospital paper a registration is made from', () => {
    expect(paperLostOnlySaid(words('Giấy đăng ký kết hôn của vợ chồng tôi bị mất rồi, xin lại thế nào'))).toBe(true);
    for (const text of ['làm giấy khai sinh mất bao lâu', 'giấy khai sinh mất mấy ngày', 'xin giấy xác nhận độc thân mất bao nhiêu tiền', 'giấy báo tử của bệnh viện thì nhà tôi làm thất lạc đâu mất rồi']) {
      expect(paperLostOnlySaid(words(text)), text).toBe(false);
    }
  });

  it('pairs an age-bounded procedure with the one its name narrows, and tells re-registrations', () => {
    const names = [words('Cấp, cấp đổi, cấp lại thẻ căn cước'), words('Cấp thẻ căn cước cho người dưới 6 tuổi'), words('Đăng ký lại khai sinh')];
    expect([...ageBoundPairs(names)]).toEqual([[1, { plain: 0, bound: 6 }]]);
    expect(names.map(isReRegistration)).toEqual([false, false, true]);
  });
});

describe('a birth and the father to name, said together', () => {
  let matcher: Matcher;
  beforeAll(async () => {
    matcher = buildMatcher(await shippedKnowledge());
  });

  it('reads a birth still to register as the combined procedure, one registered already as the parentage alone', () => {
    expect(birthWithParentageSaid(words('bé mới sinh, tụi em chưa đăng ký kết hôn, ba bé muốn có tên trong giấy khai sinh'))).toBe('combined');
    expect(birthWithParentageSaid(words('lam giay khai sinh cho con, bo chau muon dung ten cha luon'))).toBe('combined');
    expect(birthWithParentageSaid(words('bố cháu muốn nhận con luôn lúc làm khai sinh vì chưa cưới'))).toBe('combined');
    expect(birthWithParentageSaid(words('cháu có khai sinh từ năm ngoái rồi, chỉ là bỏ trống phần cha, giờ bố cháu mới nhận'))).toBe('parentage');
    expect(birthWithParentageSaid(words('thêm tên bố vào giấy khai sinh'))).toBe('parentage');
    expect(birthWithParentageSaid(words('chưa đăng ký kết hôn, giờ đi làm khai sinh cho con mà muốn ghi tên ba nó vào luôn'))).toBe('combined');
    // "… vào giấy khai sinh luôn": at the same time as the birth is registered; "ks" and "dk" typed short.
    expect(birthWithParentageSaid(words('chưa cưới, muốn ghi tên bố vào giấy khai sinh luôn'))).toBe('combined');
    expect(birthWithParentageSaid(words('bo me chua dk ket hon, muon ghi ten bo vao giay ks luon'))).toBe('combined');
    // No father to name, or nothing of the birth: no case said.
    expect(birthWithParentageSaid(words('làm khai sinh cho con ở đâu'))).toBeNull();
    expect(birthWithParentageSaid(words('bố tôi mất rồi, khai tử ở đâu'))).toBeNull();
  });

  it('answers the procedure the case makes, listed for review, and leaves a plain birth registration alone', () => {
    const combined = matcher.understand('còn em bé chị em mới sinh tuần trước, bố bé chưa cưới mẹ, muốn làm khai sinh có tên bố luôn');
    expect(combined).toMatchObject({ decision: 'answer', procedureId: 'khai-sinh-nhan-cha-me-con', narrow: true });
    expect(matcher.understand('Tôi có đứa con trai, lúc làm khai sinh chỉ ghi tên mẹ vì không cưới hỏi, giờ muốn cháu có tên cha').procedureId).toBe('nhan-cha-me-con');
    expect(matcher.understand('đăng ký khai sinh cho con ở đâu')).toMatchObject({ decision: 'answer', procedureId: 'dang-ky-khai-sinh', aspect: 'place' });
  });

  it('answers how long a registration takes, not which copy of a lost paper; the copy when the register holds the record', () => {
    expect(matcher.understand('làm giấy khai sinh mất bao lâu')).toMatchObject({ decision: 'answer', procedureId: 'dang-ky-khai-sinh', aspect: 'duration' });
    const kept = matcher.understand('Giấy khai sinh bản chính của con tôi bị nước ngập ướt rách hết, ở xã vẫn còn lưu sổ. Xin cấp bản sao lại được không?');
    expect(kept).toMatchObject({ decision: 'answer', procedureId: 'trich-luc-ho-tich' });
    const lost = matcher.understand('Ông nội tôi mất năm 2001, hồi đó có làm khai tử nhưng giấy giờ mất rồi, ủy ban cũng không còn sổ. Giờ cần giấy đó để làm thừa kế đất, phải làm sao?');
    expect(lost).toMatchObject({ decision: 'answer', procedureId: 'dang-ky-lai-khai-tu' });
    // Nothing said of the register: the citizen chooses.
    const unsaid = matcher.understand('Giấy đăng ký kết hôn của vợ chồng tôi bị mất rồi, xin lại thế nào');
    expect(unsaid.decision).toBe('clarify');
    expect(unsaid.alternatives.map((a) => a.procedureId)).toEqual(expect.arrayContaining(['trich-luc-ho-tich', 'dang-ky-lai-ket-hon']));
  });

  it('asks which card for a child whose age is not said, at the start of a talk; an age said, even typed short, answers', () => {
    for (const text of ['muốn làm thẻ căn cước cho cháu nhà em thì làm thế nào ạ', 'làm căn cước cho bé']) {
      const u = matcher.understand(text);
      expect(u.decision, text).toBe('clarify');
      expect(u.alternatives.map((a) => a.procedureId).sort(), text).toEqual(['can-cuoc-duoi-6-tuoi', 'cap-the-can-cuoc']);
    }
    expect(matcher.understand('lam cccd lan dau cho con 14t can mang gi')).toMatchObject({ decision: 'answer', procedureId: 'cap-the-can-cuoc' });
    expect(matcher.understand('làm căn cước cho con 4 tuổi')).toMatchObject({ decision: 'answer', procedureId: 'can-cuoc-duoi-6-tuoi' });
    // Said after another procedure, the conversation may hold the age: left as understood.
    expect(matcher.understand('còn căn cước cho cháu thì sao', { lastProcedureId: 'cap-ho-chieu', lastAspect: 'documents' }).decision).toBe('answer');
  });

  it('civil-status papers lost in general with the register gone ask which re-registration; one named answers it', () => {
    const u = matcher.understand('Nhà bị cháy năm ngoái, giấy tờ hộ tịch mất hết, hỏi xã thì sổ lưu cũng không còn. Giờ muốn đăng ký lại thì sao?');
    expect(u.decision).toBe('clarify');
    expect(u.alternatives.map((a) => a.procedureId).sort()).toEqual(['dang-ky-lai-ket-hon', 'dang-ky-lai-khai-sinh', 'dang-ky-lai-khai-tu']);
    const burnt = matcher.understand('Ông nội tôi mất năm 1990, hồi đó có khai tử nhưng xã bị cháy sổ sách, bản chính giấy chứng tử nhà cũng không còn. Giờ làm thừa kế cần giấy chứng tử thì phải làm sao?');
    expect(burnt).toMatchObject({ decision: 'answer', procedureId: 'dang-ky-lai-khai-tu' });
    const english = matcher.understand("I'm Vietnamese but I grew up in Canada. My original birth certificate is lost and the commune has no record of it. Can I register my birth again?");
    expect(english).toMatchObject({ decision: 'answer', procedureId: 'dang-ky-lai-khai-sinh' });
  });

  it('the original lost while a certified copy is talked about makes the copy from the register that holds it', () => {
    const certify = { lastProcedureId: 'chung-thuc-ban-sao', lastAspect: 'fee' as const };
    expect(matcher.understand('mà bằng gốc tui làm mất rồi, chỉ còn bản photo', certify)).toMatchObject({ decision: 'answer', procedureId: 'ban-sao-van-bang', aspect: 'fee', narrow: true });
    expect(matcher.understand('à không phải, bản chính mất rồi, tôi cần xin bản sao từ sổ hộ tịch', certify)).toMatchObject({ decision: 'answer', procedureId: 'trich-luc-ho-tich' });
    // "mất bao lâu" is what it takes; nothing is lost.
    expect(matcher.understand('bản chính mất bao lâu', certify).procedureId).toBe('chung-thuc-ban-sao');
    // Not talking about a certified copy: the reading does not apply.
    expect(matcher.understand('mà bằng gốc tui làm mất rồi, chỉ còn bản photo', { lastProcedureId: 'dang-ky-ket-hon' }).procedureId).not.toBe('ban-sao-van-bang');
  });

  it('an old-age allowance for an age said: the social pension from 75, either from 80; another procedure stays', () => {
    expect(matcher.understand('Bố tôi 77 tuổi, không có lương hưu, không có trợ cấp gì, có được nhận tiền hằng tháng không')).toMatchObject({ decision: 'answer', procedureId: 'tro-cap-huu-tri-xa-hoi', narrow: true });
    const both = matcher.understand('Mẹ tôi năm nay 80 tuổi, muốn xin trợ cấp người cao tuổi cho bà');
    expect(both.decision).toBe('clarify');
    expect(both.alternatives.map((a) => a.procedureId).sort()).toEqual(['tro-cap-huu-tri-xa-hoi', 'tro-cap-xa-hoi']);
    expect(matcher.understand('bố tôi 80 tuổi làm thẻ bhyt ở đâu').procedureId).toBe('the-bhyt');
  });

  it('a copy answered while the register is said washed away is the re-registration of the paper named', () => {
    const u = matcher.understand('Giấy khai sinh gốc của tôi mất lâu rồi, lên xã hỏi thì bảo sổ hộ tịch năm 1990 bị lũ cuốn trôi, không cấp bản sao được. Giờ phải làm thủ tục gì?');
    expect(u).toMatchObject({ decision: 'answer', procedureId: 'dang-ky-lai-khai-sinh' });
  });

  it('leaves the question open when a father from abroad puts the foreign-element birth among the buttons', () => {
    const u = matcher.understand('chồng Đài Loan chưa đăng ký kết hôn, bé mới sinh, muốn khai sinh có tên cha');
    expect(u.decision).toBe('clarify');
    expect(u.alternatives.map((a) => a.procedureId)).toContain('khai-sinh-yeu-to-nuoc-ngoai');
  });
});
