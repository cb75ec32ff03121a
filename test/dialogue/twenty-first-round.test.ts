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

describe('second batch: words read the way the citizen meant them', () => {
  it('saying one\'s Vietnamese is poor asks for English', () => {
    const [said] = talk('Hello, my Vietnamese is not very good');
    expect(said!.record.intent).toBe('language');
    expect(said!.session.language).toBe('en');
  });

  it('"xã bên nào" asks where to file the procedure just answered', () => {
    const [, where] = talk('đăng ký kết hôn cần giấy gì', 'lam ho so o xa ben nao cung duoc a');
    expect(where!.record).toMatchObject({ intent: 'procedure', procedureId: 'dang-ky-ket-hon', aspect: 'place' });
  });

  it('a house "cất" with its storeys counted in the South\'s words ("1 trệt 1 lầu") is a building permit', () => {
    const [permit] = talk('cất nhà 1 trệt 1 lầu ở ấp 5 có cần giấy phép hông');
    expect(permit!.record).toMatchObject({ intent: 'procedure', procedureId: 'giay-phep-xay-dung', decision: 'answer' });
  });

  it('"sổ cũng hông còn" is the register lost: the paper is registered again, not copied', () => {
    const [again] = talk('mất giấy khai sinh, sổ cũng hông còn');
    expect(again!.record).toMatchObject({ intent: 'procedure', procedureId: 'dang-ky-lai-khai-sinh' });
  });

  it('the fee "per page" after a certified copy is that copy\'s fee', () => {
    const [, fee] = talk('chứng thực bản sao bằng tốt nghiệp làm ở đâu', 'à ý tôi là bao nhiêu một trang');
    expect(fee!.record).toMatchObject({ intent: 'procedure', procedureId: 'chung-thuc-ban-sao', aspect: 'fee' });
  });

  it('a restaurant or a sight recommended is refused; opening an eatery is a procedure', () => {
    expect(intentsOf(['Any good pho restaurant near the bus station?', 'quán ăn nào ngon gần chợ Hạ Long vậy ad', 'mở quán ăn cần giấy phép gì', 'where can I register my restaurant business'])).toEqual([
      'out_of_scope',
      'out_of_scope',
      'procedure',
      'procedure',
    ]);
  });
});

describe('third batch: complaints, contacts and cases told in passing', () => {
  it('a bare thanks while the bot waits for a complaint\'s content closes the talk; nothing is filed', () => {
    const [, asked, thanked] = talk('trang dịch vụ công bị lỗi hoài, đăng nhập hông được', 'tôi muốn kiến nghị', 'ok cảm ơn nha');
    expect(asked!.session.awaiting).toBe('complaint_content');
    expect(thanked!.record.intent).toBe('thanks');
    expect(thanked!.actions.some((a) => a.type === 'file_complaint')).toBe(false);
  });

  it('where to complain about a late file, a trip made twice for nothing, a matter one wants to report', () => {
    expect(
      intentsOf([
        'nộp hồ sơ đăng ký kết hôn mà trễ hẹn 5 ngày rồi, khiếu nại ở đâu',
        'hẹn sáng thứ 3, tui chạy xe từ trong xóm ra 3 lần rồi mà chưa có',
        'xã bắt tui photo thêm giấy tờ, tui muốn phản ánh việc này',
      ]),
    ).toEqual(['complaint', 'complaint', 'complaint']);
  });

  it('a contact question asked before a request that names no need is the question', () => {
    const [asked] = talk('mùng 2 Tết ủy ban có làm việc hông, tui đi làm xa mới về muốn tranh thủ làm giấy tờ');
    expect(asked!.record.intent).toBe('contacts');
  });

  it('an office moved to a new seat after the merger is asked for its address', () => {
    const [asked] = talk('ủy ban xã Tân Hòa sau sáp nhập chuyển về trụ sở mới ở đâu vậy');
    expect(asked!.record.intent).toBe('contacts');
  });

  it('the birth registration for a child of two is the plain one, not the under-sixes bundle', () => {
    const [birth] = talk('đăng ký khai sinh cho con 2 tuổi');
    expect(birth!.record).toMatchObject({ intent: 'procedure', procedureId: 'dang-ky-khai-sinh', decision: 'answer' });
  });

  it('a certificate already held, with something to do, asks which change; the office "bên bảo hiểm" is where', () => {
    const [held] = talk('tui có giấy đăng ký hộ kinh doanh rồi, giờ cần làm thủ tục với nó');
    expect(held!.record.decision).toBe('clarify');
    expect(payloadsOf(held!)).toEqual(expect.arrayContaining([expect.stringContaining('thay-doi-ho-kinh-doanh'), expect.stringContaining('cham-dut-ho-kinh-doanh')]));
    const [, where] = talk('thẻ bảo hiểm y tế của bà tui bị mất, xin cấp lại sao', 'nộp ở xã hay bên bảo hiểm');
    expect(where!.record).toMatchObject({ procedureId: 'the-bhyt', aspect: 'place' });
  });

  it('"tiền bao nhiêu" after a passport is its fee; a foreign father said as a citizenship is a foreign element', () => {
    const [, fee] = talk('làm hộ chiếu cho con gái 12 tuổi', 'tiền bao nhiêu');
    expect(fee!.record).toMatchObject({ intent: 'procedure', procedureId: 'cap-ho-chieu', aspect: 'fee' });
    const [birth] = talk('My wife just had our baby in Can Tho. I am a Korean citizen. How do we register the birth?');
    expect(birth!.record).toMatchObject({ intent: 'procedure', procedureId: 'khai-sinh-yeu-to-nuoc-ngoai' });
  });

  it('a market price with more words before "hôm nay", a thanks at length and what the bot answers are small talk', () => {
    expect(intentsOf(['giá chè búp loại 1 hôm nay bao nhiêu', 'Thank you very much for your help today', 'bot có trả lời được về bảo hiểm xã hội không'])).toEqual([
      'out_of_scope',
      'thanks',
      'help',
    ]);
  });
});

describe('fourth batch', () => {
  it('"hồ sơ sao" right after an answer asks its papers; "hồ sơ sao rồi" still asks a dossier\'s status', () => {
    const [, papers] = talk('đăng ký thường trú cho con', 'hồ sơ sao');
    expect(papers!.record).toMatchObject({ intent: 'procedure', procedureId: 'dang-ky-thuong-tru', aspect: 'documents' });
    expect(intentsOf(['hồ sơ sao rồi'])).toEqual(['dossier_status']);
  });

  it('"tiện cho hỏi" is an aside, not money; "phương tiện" keeps its word', () => {
    const [, card] = talk('làm giấy khai sinh cho bé mới sinh', 'tiện cho hỏi làm căn cước cho bé luôn được không, bé mới 1 tháng');
    expect(card!.record).toMatchObject({ intent: 'procedure', procedureId: 'can-cuoc-duoi-6-tuoi' });
  });

  it('"t7" is Saturday and "bản chính" asked is the papers', () => {
    const [, , saturday] = talk('làm lại căn cước bị mất ở đâu', 'bao nhiêu tiền', 'cong an xa co lam t7 ko');
    expect(saturday!.record.intent).toBe('contacts');
    const [, original] = talk('chứng thực bản sao học bạ ở đâu', 'co can mang ban chinh ko');
    expect(original!.record).toMatchObject({ intent: 'procedure', procedureId: 'chung-thuc-ban-sao', aspect: 'documents' });
  });

  it('rudeness told after an answer is a complaint, though "and" points back', () => {
    const [, complaint] = talk('Do I need a food safety certificate for a small bakery?', 'Staff at the commune office were rude to me and my father today, I want to make a complaint');
    expect(complaint!.record.intent).toBe('complaint');
    expect(intentsOf(['Bot nói khó hiểu quá, chuyển cho người trực giúp tôi'])).toEqual(['handoff']);
  });

  it('a disability certificate named for an old man is that certificate, not the old-age allowance', () => {
    const [named] = talk('Bố tôi 78 tuổi bị liệt, muốn làm giấy xác định khuyết tật để được hưởng trợ cấp');
    expect(named!.record).toMatchObject({ intent: 'procedure', procedureId: 'xac-dinh-khuyet-tat' });
  });

  it('a part of the bundle just answered, asked with an aspect, stays on the bundle', () => {
    const [, paper] = talk('bà tôi mất, làm liên thông khai tử với xóa thường trú một lần được không', 'có cần mang giấy báo tử không');
    expect(paper!.record).toMatchObject({ intent: 'procedure', procedureId: 'lien-thong-khai-tu', aspect: 'documents' });
  });

  it('"có mất lệ phí không" asks the fee, not a lost paper; a seat after the merger and an English place question', () => {
    const [fee] = talk('đăng ký khai sinh có mất lệ phí không');
    expect(fee!.record).toMatchObject({ intent: 'procedure', procedureId: 'dang-ky-khai-sinh', aspect: 'fee', decision: 'answer' });
    expect(intentsOf(['trụ sở ủy ban phường An Bình mới sau sáp nhập đặt ở đâu'])).toEqual(['contacts']);
    const [, where] = talk('We want to register our marriage, my husband is from Japan', 'Do we submit at the commune or at the province?');
    expect(where!.record).toMatchObject({ procedureId: 'ket-hon-yeu-to-nuoc-ngoai', aspect: 'place' });
  });
});

describe('fifth batch', () => {
  it('"my business" said in English is a household business; a company stays a company', () => {
    const [mine] = talk('Where can I register my business? I sell noodles at the market');
    expect(mine!.record).toMatchObject({ intent: 'procedure', procedureId: 'dang-ky-ho-kinh-doanh', aspect: 'place' });
    const [company] = talk('How do I register a company?');
    expect(company!.record).toMatchObject({ intent: 'procedure', procedureId: 'dang-ky-doanh-nghiep' });
  });
});

describe('sixth batch: everyday names of two procedures', () => {
  it('"làm thất nghiệp" is the unemployment benefit; "chuyển mục đích đất" the land-use change', () => {
    expect(talk('làm thất nghiệp cần giấy gì')[0]!.record).toMatchObject({ procedureId: 'tro-cap-that-nghiep', aspect: 'documents', decision: 'answer' });
    expect(talk('nộp hồ sơ chuyển mục đích đất ở đâu vậy')[0]!.record).toMatchObject({ procedureId: 'chuyen-muc-dich-dat', aspect: 'place', decision: 'answer' });
  });
});
