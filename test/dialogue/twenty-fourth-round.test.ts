import { beforeAll, describe, expect, it } from 'vitest';
import { petitionsOutright, readGrievance } from '../../src/nlu/grievance.js';
import { readOfficeQuestion } from '../../src/nlu/office-question.js';
import { afterDenial } from '../../src/nlu/topic.js';
import { normaliseText, syllables } from '../../src/nlu/normalise.js';
import { shippedConversations, type Said } from './fixtures/talk.js';

/** Conversations through the real content, matcher and dialogue: what the twenty-fourth round changed. */
let talk: (...messages: string[]) => Said[];
beforeAll(async () => {
  talk = await shippedConversations();
});

const officeFacet = (text: string) => readOfficeQuestion(syllables(normaliseText(text)).folded);

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
