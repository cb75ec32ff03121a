import { beforeAll, describe, expect, it } from 'vitest';
import { petitionsOutright, readGrievance } from '../../src/nlu/grievance.js';
import { readOfficeQuestion } from '../../src/nlu/office-question.js';
import { afterDenial } from '../../src/nlu/topic.js';
import { jobLeftWithInsuranceAsked } from '../../src/nlu/job-left.js';
import { deathWithPapersAsked } from '../../src/nlu/death-told.js';
import { normaliseText, syllables } from '../../src/nlu/normalise.js';
import { shippedConversations, type Said } from './fixtures/talk.js';

/** Conversations through the real content, matcher and dialogue: what the twenty-fourth round changed. */
let talk: (...messages: string[]) => Said[];
beforeAll(async () => {
  talk = await shippedConversations();
});

const officeFacet = (text: string) => readOfficeQuestion(syllables(normaliseText(text)).folded);
const buttonsOf = (said: Said): string[] => said.reply.buttons.flatMap((b) => (b.kind === 'query' ? [b.payload] : []));

describe('another procedure named in full wins over the one carried or picked', () => {
  it('a need named by its own words after another answer is that need, not the last one', () => {
    const [, moved] = talk('Đăng ký kết hôn cần giấy gì', 'còn vợ sắp cưới đang ở trọ, cưới xong về ở nhà anh, nhập hộ khẩu cho vợ thế nào');
    expect(moved!.record).toMatchObject({ decision: 'answer', procedureId: 'dang-ky-thuong-tru' });
  });

  it("a part of the joint death filing named alone is that part, whether carried or among the buttons", () => {
    const [, joint, alone] = talk('mẹ tôi mới mất, làm giấy khai tử ở đâu', 'làm khai tử, xóa hộ khẩu với xin tiền mai táng một lần luôn được không', 'thôi, chỉ xin hỗ trợ mai táng riêng thì cần giấy gì');
    expect(joint!.record).toMatchObject({ procedureId: 'lien-thong-khai-tu' });
    expect(alone!.record).toMatchObject({ decision: 'answer', procedureId: 'ho-tro-mai-tang', aspect: 'documents' });
  });

  it("a paper brought to the joint filing is still the joint filing's question", () => {
    const [, , paper] = talk('mẹ tôi mới mất, làm giấy khai tử ở đâu', 'làm khai tử, xóa hộ khẩu với xin tiền mai táng một lần luôn được không', 'có cần mang theo giấy báo tử không');
    expect(paper!.record).toMatchObject({ procedureId: 'lien-thong-khai-tu', aspect: 'documents' });
  });
});

describe('words read with their accents', () => {
  it('"sổ đó" typed with its accent points back at the booklet, it is no land title', () => {
    const [, asked] = talk('mất sổ bảo hiểm xã hội, xin cấp lại sổ cần gì', 'cái sổ đó làm online được không');
    expect(asked!.record).toMatchObject({ decision: 'answer', procedureId: 'cap-lai-so-bhxh', aspect: 'online' });
    const [land] = talk('sổ đỏ bị mất');
    expect(land!.record).toMatchObject({ procedureId: 'cap-lai-so-do' });
  });

  it('a Lao partner or parent is a foreign element, typed with accents or without; a worker is not', () => {
    const [married] = talk('đăng ký kết hôn với người Lào cần giấy gì');
    expect(married!.record).toMatchObject({ decision: 'answer', procedureId: 'ket-hon-yeu-to-nuoc-ngoai' });
    const [birth] = talk('lam khai sinh cho con, bo chau la nguoi Lao');
    expect(birth!.record).toMatchObject({ decision: 'answer', procedureId: 'khai-sinh-yeu-to-nuoc-ngoai' });
    const [worker] = talk('người lao động nghỉ việc thì hưởng trợ cấp thất nghiệp thế nào');
    expect(worker!.record).toMatchObject({ procedureId: 'tro-cap-that-nghiep' });
  });
});

describe('a slip owned before a denial', () => {
  it('reads the denial after "à lộn" and keeps the procedure for the aspect meant', () => {
    expect(afterDenial('à lộn, không phải lệ phí, em hỏi thời gian làm bao lâu')).toBe('ý tôi là em hỏi thời gian làm bao lâu');
    expect(afterDenial('à lộn, cho hỏi cái khác')).toBeNull();
    const [, meant] = talk('cấp lại sổ đỏ bị cháy thì lệ phí bao nhiêu', 'ơ nhầm, không phải lệ phí, tôi hỏi mất mấy ngày');
    expect(meant!.record).toMatchObject({ decision: 'answer', procedureId: 'cap-lai-so-do', aspect: 'duration' });
  });
});

describe('where a procedure is filed, asked in more words', () => {
  it('"nộp đơn cho ai", "lên tận ủy ban nộp" ask where the last procedure is filed', () => {
    const [, whom] = talk('xin công nhận hộ cận nghèo thì làm sao', 'nộp đơn cho ai, trưởng ấp hay ủy ban');
    expect(whom!.record).toMatchObject({ decision: 'answer', procedureId: 'cong-nhan-ho-ngheo', aspect: 'place' });
    const [, up] = talk('làm giấy khai sinh cho cháu nội cần gì', 'bà không rành điện thoại, phải lên tận ủy ban nộp hả');
    expect(up!.record).toMatchObject({ decision: 'answer', procedureId: 'dang-ky-khai-sinh', aspect: 'place' });
  });

  it('an office weighed against another place is where the procedure is filed, not its address', () => {
    expect(officeFacet('nop o dau, cong an xa hay o dau')).toBeNull();
    expect(officeFacet('công an xã ở đâu')).toBe('address');
  });
});

describe("an office's own contact asked in more words", () => {
  it('reads hours asked "giờ nào", a Saturday for papers, an address asked "cụ thể", a phone to ask ahead', () => {
    expect(officeFacet('UBND xã Hòa Bắc có bộ phận một cửa không, làm việc giờ nào')).toBe('hours');
    expect(officeFacet('chiều thứ 7 lên xã làm giấy tờ được không')).toBe('hours');
    expect(officeFacet('địa chỉ cụ thể của UBND phường Thạch Thang là gì')).toBe('address');
    expect(officeFacet('nhà tôi ở xa lắm, có số điện thoại để hỏi trước không')).toBe('phone');
    // A filing's own words stay the procedure's.
    expect(officeFacet('làm căn cước ở đâu')).toBeNull();
  });

  it('an address asked right after a procedure answer is a contact question, not the procedure again', () => {
    const [, address] = talk('đăng ký khai sinh nộp ở đâu', 'địa chỉ cụ thể của UBND phường Hòa Khánh là gì');
    expect(address!.record.intent).toBe('contacts');
  });
});

describe('complaints and a person asked in more words', () => {
  it('reads a remark on the commune as a complaint, where to complain as one, and a person asked directly', () => {
    expect(readGrievance('tôi muốn góp ý là phường giải quyết chậm quá, đợi hai tuần')).toBe('complaint');
    expect(petitionsOutright('cán bộ bắt tôi photo thêm giấy thì tôi khiếu nại ở đâu')).toBe(true);
    expect(petitionsOutright('khiếu nại quyết định hành chính cần giấy gì')).toBe(false);
    expect(readGrievance('tôi cần hỏi trực tiếp cán bộ tư pháp')).toBe('handoff');
    // A remark on the bot stays feedback.
    expect(readGrievance('tôi muốn góp ý là bot trả lời hay quá')).toBe('feedback');
  });

  it('where to complain asked after a procedure answer is the complaint, not the procedure carried', () => {
    const [, where] = talk('đăng ký tạm trú cần gì', 'còn chuyện công an xã bắt nộp thêm giấy không cần thiết thì tôi phản ánh ở đâu');
    expect(where!.record.intent).toBe('complaint');
  });
});

describe('a job left with the insurance asked in general', () => {
  it('reads the job left and the insurance unnamed, not a benefit or a paper named', () => {
    expect(jobLeftWithInsuranceAsked('chồng tôi nghỉ việc ở nhà máy rồi, muốn nhận bảo hiểm xã hội')).toBe(true);
    expect(jobLeftWithInsuranceAsked('em nghi lam cty roi, lanh tien bao hiem the nao')).toBe(true);
    expect(jobLeftWithInsuranceAsked('nghỉ việc rồi, rút bhxh 1 lần được không')).toBe(false);
    expect(jobLeftWithInsuranceAsked('nghỉ việc rồi thì thẻ bảo hiểm y tế làm ở đâu')).toBe(false);
    expect(jobLeftWithInsuranceAsked('nghỉ việc rồi mất sổ bảo hiểm xã hội')).toBe(false);
  });

  it('offers the unemployment benefit and the lump sum, and the pick carries on', () => {
    const [asked, picked, when] = talk('vợ tôi nghỉ làm ở xưởng may rồi, giờ muốn làm bảo hiểm xã hội cho vợ', 'số 2', 'bao lâu có tiền');
    expect(asked!.record.decision).toBe('clarify');
    expect(buttonsOf(asked!).slice(0, 2)).toEqual(['#p:tro-cap-that-nghiep:overview', '#p:bhxh-mot-lan:overview']);
    expect(picked!.record).toMatchObject({ procedureId: 'bhxh-mot-lan' });
    expect(when!.record).toMatchObject({ procedureId: 'bhxh-mot-lan', aspect: 'duration' });
  });
});

describe('a death told with the papers asked, more words between', () => {
  it('reads the person and the death apart by up to five words', () => {
    expect(deathWithPapersAsked('bà ngoại của mấy đứa nhỏ vừa mất hôm qua, nhà cần làm những thủ tục gì')).toBe(true);
    expect(deathWithPapersAsked('bà ngoại của mấy đứa nhỏ vừa mất hôm qua, làm khai tử ở đâu')).toBe(false);
  });
});

describe('a civil-status paper said lost, read among procedures', () => {
  it('asks between the copy and the re-registration when the bot would have asked among the birth procedures', () => {
    const [lost] = talk('giấy khai sinh của bà bị mất trong đợt lụt, giờ làm sao');
    expect(lost!.record.decision).toBe('clarify');
    expect(buttonsOf(lost!).slice(0, 2)).toEqual(['#p:trich-luc-ho-tich:steps', '#p:dang-ky-lai-khai-sinh:steps']);
  });
});

describe('a joint filing and its parts', () => {
  it('the health card named alone is the card, not the linked birth filing', () => {
    const [card] = talk('lam the bhyt cho be nha em');
    expect(card!.record).toMatchObject({ decision: 'answer', procedureId: 'the-bhyt' });
  });

  it('two of its parts named together are the joint filing', () => {
    const [both] = talk('làm luôn thẻ bhyt với nhập hộ khẩu cho cháu một lần được không');
    expect(both!.record).toMatchObject({ decision: 'answer', procedureId: 'lien-thong-khai-sinh' });
  });
});

describe('two sibling licences named together', () => {
  it('asks which licence when both goods are said, answers one said alone, and not what the citizen already has', () => {
    const [both] = talk('xin giấy phép bán rượu bia thuốc lá cho tiệm nhà tôi thì hồ sơ cần gì');
    expect(both!.record.decision).toBe('clarify');
    expect(buttonsOf(both!).slice(0, 2)).toEqual(['#p:giay-phep-ban-le-ruou:documents', '#p:giay-phep-ban-le-thuoc-la:documents']);
    const [one] = talk('xin giấy phép bán rượu ở đâu');
    expect(one!.record).toMatchObject({ decision: 'answer', procedureId: 'giay-phep-ban-le-ruou' });
    const [has] = talk('tôi đang có hộ kinh doanh bán tạp hóa, giờ muốn lên doanh nghiệp thì đăng ký doanh nghiệp ở đâu');
    expect(has!.record).toMatchObject({ decision: 'answer', procedureId: 'dang-ky-doanh-nghiep' });
  });
});

describe('the father acknowledged at the birth, said "nhận là bố"', () => {
  it('is the birth registered with parentage', () => {
    const [said] = talk('làm khai sinh cho con, tụi em chưa cưới nhưng anh ấy muốn nhận là bố của cháu');
    expect(said!.record).toMatchObject({ decision: 'answer', procedureId: 'khai-sinh-nhan-cha-me-con' });
  });
});

describe('what one gets once a procedure is done', () => {
  it('is the result of the procedure named before "xong", or of the conversation, not the copy procedure', () => {
    const [named] = talk('đăng ký khai sinh xong thì được mấy bản chính, có bản sao không');
    expect(named!.record).toMatchObject({ decision: 'answer', procedureId: 'dang-ky-khai-sinh', aspect: 'result' });
    const [, carried] = talk('đăng ký kết hôn cần giấy gì', 'làm xong thì được mấy bản chính vậy');
    expect(carried!.record).toMatchObject({ decision: 'answer', procedureId: 'dang-ky-ket-hon', aspect: 'result' });
  });
});

describe('a booklet lost, then the land title named', () => {
  it('offers the land title among the booklets, and its name picks the re-issue', () => {
    const [asked, picked] = talk('mất sổ rồi, làm lại ở đâu', 'sổ đỏ');
    expect(buttonsOf(asked!)).toContain('#p:cap-lai-so-do:place');
    expect(picked!.record).toMatchObject({ decision: 'answer', procedureId: 'cap-lai-so-do' });
  });
});

describe('a civil-status paper spoilt', () => {
  it('reads a paper eaten by termites or rotten as lost, and the paper said lost names the record', () => {
    const [rotten] = talk('giấy khai sinh của mẹ tôi bị mối ăn hết rồi');
    expect(rotten!.record.decision).toBe('clarify');
    expect(buttonsOf(rotten!).slice(0, 2)).toEqual(['#p:trich-luc-ho-tich:overview', '#p:dang-ky-lai-khai-sinh:overview']);
    const [which] = talk('giấy kết hôn của ông bà bị mục nát rồi, giấy khai sinh thì còn');
    expect(buttonsOf(which!)).toContain('#p:dang-ky-lai-ket-hon:overview');
  });
});

describe('short follow-ups in more words', () => {
  it('"gồm mấy bước" asks the steps of the procedure talked about', () => {
    const [, steps] = talk('tách thửa đất cần giấy gì', 'thủ tục này gồm mấy bước');
    expect(steps!.record).toMatchObject({ decision: 'answer', procedureId: 'tach-thua-dat', aspect: 'steps' });
  });

  it('an unaccented "con" opening before "bên", "phí", "việc" is "còn" (and), not a child', () => {
    const [, where] = talk('tách thửa đất cần giấy gì', 'con ben phuong no lam o dau');
    expect(where!.record).toMatchObject({ decision: 'answer', procedureId: 'tach-thua-dat', aspect: 'place' });
  });
});
