import { beforeAll, describe, expect, it } from 'vitest';
import { buildMatcher } from '../../src/nlu/matcher.js';
import { readOfficeQuestion } from '../../src/nlu/office-question.js';
import type { Matcher } from '../../src/nlu/types.js';
import { shippedKnowledge } from '../support/content.js';
import { shippedConversations, type Said } from './fixtures/talk.js';

/** Conversations through the real content, matcher and dialogue: what the twentieth round changed. */
let talk: (...messages: string[]) => Said[];
/** The shipped matcher alone, for a turn read with a context no conversation above sets up. */
let matcher: Matcher;
beforeAll(async () => {
  talk = await shippedConversations();
  matcher = buildMatcher(await shippedKnowledge());
});

const intentsOf = (texts: string[]): string[] => texts.map((text) => talk(text)[0]!.record.intent);
const words = (folded: string): string[] => folded.split(' ');
const payloadsOf = (said: Said): string[] => said.reply.buttons.map((b) => (b.kind === 'query' ? b.payload : ''));

describe('Nghệ-Tĩnh speech: "tau", "mi", "mô"', () => {
  it('reads "tau là …" after a greeting as an introduction and "mi giúp … chi" as asking what the bot does', () => {
    expect(intentsOf(['chào cháu, tau là Lan ở Nghi Lộc', 'mi giúp tau được chi'])).toEqual(['greeting', 'help']);
  });

  it('asks which office ("cơ quan mô") of the procedure just answered', () => {
    const [, place] = talk('xin giấy phép bán lẻ rượu cần giấy tờ gì', 'cơ quan mô giải quyết');
    expect(place!.record).toMatchObject({ intent: 'procedure', procedureId: 'giay-phep-ban-le-ruou', aspect: 'place' });
  });

  it('a child opening the message ("con tau cần làm căn cước") asks which card, unless the age is said', () => {
    const [asked] = talk('con tau cần làm căn cước thì nộp ở mô');
    expect(asked!.record.decision).toBe('clarify');
    expect(payloadsOf(asked!)).toEqual(expect.arrayContaining([expect.stringContaining('cap-the-can-cuoc'), expect.stringContaining('can-cuoc-duoi-6-tuoi')]));
    const [aged] = talk('con tui 15 tuổi cần làm căn cước thì nộp ở đâu');
    expect(aged!.record).toMatchObject({ decision: 'answer', procedureId: 'cap-the-can-cuoc' });
  });
});

describe('a question after "thôi," or thanks', () => {
  it('"thôi, hỏi …" asks what follows; "hỏi xong rồi" after thanks closes', () => {
    const [asked] = talk('thôi, hỏi làm thẻ bhyt cho người nghèo');
    expect(asked!.record).toMatchObject({ intent: 'procedure', procedureId: 'the-bhyt' });
    expect(intentsOf(['cảm ơn bạn nhiều, hỏi xong rồi'])).toEqual(['thanks']);
  });
});

describe('right after a complaint', () => {
  it('a place asked with the central "ở mô" is a question about the procedure, not more of the complaint', () => {
    const [complaint, place] = talk('cổng dịch vụ công bị lỗi hoài, nộp đăng ký tạm trú online mà không gửi được', 'rứa nộp trực tiếp tạm trú ở mô');
    expect(complaint!.record.intent).toBe('complaint');
    expect(place!.record).toMatchObject({ intent: 'procedure', procedureId: 'dang-ky-tam-tru', aspect: 'place' });
  });

  it('asking how to take the matter higher goes on with the complaint', () => {
    const [, higher] = talk('phản ánh ủy ban xã bắt dân nộp bản sao chứng thực giấy khai sinh nhiều lần không cần thiết', 'giờ muốn đưa chuyện đó lên lãnh đạo xã thì gửi ở đâu');
    expect(higher!.record.intent).toBe('complaint');
    expect(higher!.actions.some((a) => a.type === 'file_complaint')).toBe(true);
  });
});

describe('a petition said outright in a long message', () => {
  it('is a complaint though it names a procedure the matcher would answer', () => {
    const [said] = talk('kiến nghị ủy ban phường bỏ việc bắt dân nộp bản sao công chứng giấy khai sinh');
    expect(said!.record.intent).toBe('complaint');
  });
});

describe('a phone number asked with "số đt" or "gọi trực tiếp"', () => {
  it('reads both as contact questions', () => {
    expect(readOfficeQuestion(words('so dien thoai goi truc tiep la so nao'))).toBe('phone');
    expect(intentsOf(['số đt ủy ban phường Hưng Dũng'])).toEqual(['contacts']);
  });
});

describe('a long message nothing understood whose request asks about a family', () => {
  it('offers the family\'s buttons instead of the help menu', () => {
    const [said] = talk('Tôi làm bốc xếp ở cảng Cửa Lò đã mười năm, cho tôi hỏi về bảo hiểm xã hội');
    expect(said!.record.decision).toBe('clarify');
    expect(payloadsOf(said!).some((p) => p.includes('bhxh'))).toBe(true);
  });
});

describe('another procedure named in full with a case asked of it', () => {
  it('is that procedure, not the last one ("thế lý lịch tư pháp cho sinh viên … có được giảm …")', () => {
    const [, asked] = talk('Em làm mất bằng tốt nghiệp cấp ba, muốn xin bản sao từ sổ gốc', 'thế lý lịch tư pháp cho sinh viên mới ra trường có được giảm lệ phí không');
    expect(asked!.record).toMatchObject({ procedureId: 'ly-lich-tu-phap', aspect: 'fee' });
  });
});

describe('central and southern words for people', () => {
  it('"o ơi" calls an aunt and "thằng cu" is a child: a need left unsaid', () => {
    expect(intentsOf(['o ơi cho cháu hỏi cái này', 'làm giấy cho thằng cu nhà em'])).toEqual(['ask_need', 'ask_need']);
  });
});

describe('the commune register said gone, one record named', () => {
  it('answers that record\'s re-registration instead of asking among procedures', () => {
    const [said] = talk('ông bà ngoại tôi lấy nhau năm 1968, giấy kết hôn bị mất, sổ của xã cũng không còn');
    expect(said!.record).toMatchObject({ decision: 'answer', procedureId: 'dang-ky-lai-ket-hon' });
  });
});

describe("one's own household business, nothing said of what to do with it", () => {
  it('asks among the family when the business is said to exist already', () => {
    const [said] = talk('quán tạp hóa của tui có giấy hộ kinh doanh rồi, giờ muốn làm thủ tục');
    expect(said!.record.decision).toBe('clarify');
    expect(payloadsOf(said!)).toEqual(expect.arrayContaining([expect.stringContaining('thay-doi-ho-kinh-doanh'), expect.stringContaining('cham-dut-ho-kinh-doanh')]));
  });

  it('what happened to one\'s thing says the need ("căn cước của tôi bị hỏng chip")', () => {
    const [said] = talk('căn cước của tôi bị hỏng chip');
    expect(said!.record).toMatchObject({ decision: 'answer', procedureId: 'cap-the-can-cuoc' });
  });
});

describe('follow-ups that point back or give a reason', () => {
  it('"giấy xác nhận đó …" is the paper just answered, though its words brush its siblings', () => {
    const u = matcher.understand('giấy xác nhận đó dùng để làm việc gì, có thời hạn không', { lastProcedureId: 'xac-nhan-than-nhan-nguoi-co-cong' });
    expect(u).toMatchObject({ decision: 'answer', procedureId: 'xac-nhan-than-nhan-nguoi-co-cong', followUp: true });
  });

  it('being frail said as the reason ("ông đi lại khó khăn") keeps the place question on the last procedure', () => {
    const u = matcher.understand('nộp giấy ở đâu hả cháu, ông đi lại khó khăn lắm', { lastProcedureId: 'xac-nhan-cu-tru' });
    expect(u).toMatchObject({ decision: 'answer', procedureId: 'xac-nhan-cu-tru', aspect: 'place' });
  });

  it('"… mới là cái tôi hỏi" corrects the aspect', async () => {
    const { rightOneSaid } = await import('../../src/nlu/topic.js');
    expect(rightOneSaid('à không, lệ phí mới là cái tôi hỏi')).toBe('ý tôi là lệ phí');
    expect(rightOneSaid('cái đó mới là giấy tôi cần mang')).toBeNull();
  });
});

describe('the ID card for a baby asked after the birth registration', () => {
  it('is the under-6 card: the card named through its plain twin is a topic of its own', () => {
    const [, card] = talk('đăng ký khai sinh cho con', 'làm căn cước cho bé nữa, bé mới được 4 tháng thì cần những giấy tờ gì');
    expect(card!.record).toMatchObject({ procedureId: 'can-cuoc-duoi-6-tuoi', aspect: 'documents' });
  });
});

describe('a correction naming only what the last procedure acted on', () => {
  it('keeps the action ("xóa") on the register now named', () => {
    const [, corrected] = talk('xóa đăng ký thường trú cho con trai đi định cư nước ngoài', 'nhầm, cháu nó chỉ có đăng ký tạm trú ở nhà tôi');
    expect(corrected!.record.procedureId).toBe('xoa-dang-ky-tam-tru');
  });

  it('a new need asked without correcting is that need', () => {
    const [, asked] = talk('xóa đăng ký thường trú cho con trai đi định cư nước ngoài', 'còn đăng ký tạm trú thì sao');
    expect(asked!.record.procedureId).toBe('dang-ky-tam-tru');
  });
});
