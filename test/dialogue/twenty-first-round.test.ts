import { beforeAll, describe, expect, it } from 'vitest';
import { shippedConversations, type Said } from './fixtures/talk.js';

/** Conversations through the real content, matcher and dialogue: what the twenty-first round changed. */
let talk: (...messages: string[]) => Said[];
beforeAll(async () => {
  talk = await shippedConversations();
});

const intentsOf = (texts: string[]): string[] => texts.map((text) => talk(text)[0]!.record.intent);
const payloadsOf = (said: Said): string[] => said.reply.buttons.map((b) => (b.kind === 'query' ? b.payload : ''));

describe('Southern speech typed with accents', () => {
  it('"hông" closing a question is "không", and "dzậy" is "vậy"', () => {
    expect(intentsOf(['bộ phận một cửa có mở cửa thứ bảy hông', 'giấy tờ cần mang theo những gì dzậy'])).toEqual(['contacts', 'ask_need']);
  });
});

describe('topics the bot refuses, told inside a longer message', () => {
  it('a divorce wanted is refused; one told as the past is no request', () => {
    expect(intentsOf(['hai vợ chồng cháu sống không hợp, giờ tính ly hôn thì làm đơn gửi xã được không', 'We both agree. We want to get a divorce, where do we go?'])).toEqual([
      'out_of_scope',
      'out_of_scope',
    ]);
    const [married] = talk('tôi đã ly hôn năm 2019, nay muốn đăng ký kết hôn với người khác cần giấy gì');
    expect(married!.record.intent).toBe('procedure');
  });

  it('a tropical depression asked about is the weather', () => {
    expect(intentsOf(['nghe nói có áp thấp hông vậy, thuyền tôi định ra đảo chở hàng'])).toEqual(['out_of_scope']);
  });
});

describe('grievances said in ways the bot missed', () => {
  it('a file strung along for weeks, a request that the authorities deal with a hazard, an unreasonable demand', () => {
    expect(
      intentsOf([
        'Tôi nộp hồ sơ tách thửa ở xã gần hai tháng rồi mà chưa có, cán bộ hẹn tới hẹn lui',
        'Cống thoát nước đầu ngõ 5 bị tắc, mưa là ngập vào nhà dân, đề nghị xã cho người khắc phục',
        'Đi chứng thực bản sao mà cán bộ bắt tui phải mang cả sổ đỏ bản gốc theo, vô lý quá',
        'My residence file has been stuck for two weeks past the promised date and nobody contacted me',
        'Tui muốn phản ánh cây cầu khỉ ở ấp 4 bị gãy tay vịn, học sinh đi qua rất nguy hiểm',
      ]),
    ).toEqual(['complaint', 'complaint', 'complaint', 'complaint', 'complaint']);
  });

  it('asking to meet an official in person is a hand-off, even after a remark on the bot; passing the answer on is not', () => {
    expect(intentsOf(['cho tôi gặp trực tiếp cán bộ địa chính, chuyển giúp tôi', 'Your answers are not what I need. Can I speak with an officer?'])).toEqual(['handoff', 'handoff']);
    const [, vietnamese] = talk('Can you answer in English?', 'Trả lời bằng tiếng Việt được không, để tôi chuyển cho nhân viên của tôi đọc');
    expect(vietnamese!.record.intent).toBe('language');
  });

  it('asking whether anyone is on duty, to ask a person, is a hand-off', () => {
    expect(intentsOf(['có ai trực không ạ, em cần hỏi người'])).toEqual(['handoff']);
  });

  it('a person asked for with a remark on language is the hand-off', () => {
    const [asked] = talk("I don't speak Vietnamese. Can I talk to a real person, please?");
    expect(asked!.record.intent).toBe('handoff');
  });
});

describe('a new need named after an answer', () => {
  it('extending temporary residence, said with where one lives, leaves the residence confirmation', () => {
    const [, extend] = talk('xin giấy xác nhận cư trú để bổ sung hồ sơ vay vốn ở Đồng Nai', 'còn tạm trú ở Đồng Nai của em tháng sau hết hạn, gia hạn thế nào');
    expect(extend!.record).toMatchObject({ intent: 'procedure', procedureId: 'gia-han-tam-tru' });
  });

  it('the ID card named with what to do, after the birth and with the baby\'s age, is the card for under-sixes', () => {
    const [, card] = talk('làm giấy khai sinh cho bé mới sinh nộp ở đâu', 'còn làm căn cước cho bé thì nộp online được không, bé mới được 1 tháng');
    expect(card!.record).toMatchObject({ intent: 'procedure', procedureId: 'can-cuoc-duoi-6-tuoi', aspect: 'online' });
  });

  it('a correction that asks only "thời gian giải quyết" keeps the procedure', () => {
    const [, duration] = talk('đăng ký kết hôn với người nước ngoài mất phí bao nhiêu', 'à nhầm, em hỏi thời gian giải quyết thôi');
    expect(duration!.record).toMatchObject({ intent: 'procedure', procedureId: 'ket-hon-yeu-to-nuoc-ngoai', aspect: 'duration' });
  });
});

describe('names and bundles', () => {
  it('the bundle the message names itself wins over one whose parts its words also hold', () => {
    const [asked] = talk('Vợ chồng em đều là công nhân may, muốn làm liên thông khai sinh, thường trú và thẻ BHYT cho con một lượt thì làm ở đâu');
    expect(asked!.record).toMatchObject({ intent: 'procedure', procedureId: 'lien-thong-khai-sinh' });
  });

  it('a bare name whose family holds only its special cases is the plain procedure; a family of other acts still asks', () => {
    const [death] = talk('thủ tục khai tử');
    expect(death!.record).toMatchObject({ decision: 'answer', procedureId: 'dang-ky-khai-tu' });
    const [business] = talk('hộ kinh doanh');
    expect(business!.record.decision).toBe('clarify');
    const [stay] = talk('thủ tục tạm trú');
    expect(stay!.record.decision).toBe('clarify');
  });

  it('a bundle that extends another procedure is no special case of the one named ("nhận cha cho con" still asks)', () => {
    const [father] = talk('thủ tục nhận cha cho con');
    expect(father!.record.decision).toBe('clarify');
    expect(payloadsOf(father!)).toEqual(expect.arrayContaining([expect.stringContaining(':nhan-cha-me-con:'), expect.stringContaining('khai-sinh-nhan-cha-me-con')]));
  });
});

describe('English', () => {
  it('a need said with its purpose ("for my …") is the need; said with whom it is for, it still asks', () => {
    const [record] = talk('My company needs a criminal record certificate for my work visa extension, where to apply?');
    expect(record!.record).toMatchObject({ intent: 'procedure', procedureId: 'ly-lich-tu-phap', aspect: 'place' });
    const [card] = talk('How do I get an ID card for my daughter?');
    expect(card!.record.decision).toBe('clarify');
    expect(payloadsOf(card!)).toEqual(expect.arrayContaining([expect.stringContaining('can-cuoc-duoi-6-tuoi')]));
  });

  it('saying one does not speak Vietnamese asks for English', () => {
    const [said] = talk("Sorry, I don't speak Vietnamese");
    expect(said!.record.intent).toBe('language');
    expect(said!.session.language).toBe('en');
  });
});

describe('a greeting with an introduction', () => {
  it('where one comes from and works is no question', () => {
    expect(intentsOf(['chào ad, em quê Thái Bình đang làm ở khu công nghiệp Quế Võ'])).toEqual(['greeting']);
  });
});
