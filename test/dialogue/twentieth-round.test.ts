import { beforeAll, describe, expect, it } from 'vitest';
import { readOfficeQuestion } from '../../src/nlu/office-question.js';
import { shippedConversations, type Said } from './fixtures/talk.js';

/** Conversations through the real content, matcher and dialogue: what the twentieth round changed. */
let talk: (...messages: string[]) => Said[];
beforeAll(async () => {
  talk = await shippedConversations();
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
