import { beforeAll, describe, expect, it } from 'vitest';
import { petitionOpensWithOffice, readGrievance } from '../../src/nlu/grievance.js';
import { readRefusedTopic } from '../../src/nlu/refused-topic.js';
import { normaliseText, syllables } from '../../src/nlu/normalise.js';
import { ageSaid, registerLostSaid } from '../../src/nlu/stated-case.js';
import { shippedConversations, type Said } from './fixtures/talk.js';

/** Conversations through the real content, matcher and dialogue: what the twenty-sixth round changed. */
let talk: (...messages: string[]) => Said[];
beforeAll(async () => {
  talk = await shippedConversations();
});

const words = (text: string) => syllables(normaliseText(text));
const refused = (text: string) => readRefusedTopic(words(text).accented, words(text).folded);

describe('leave to ask names no office', () => {
  it('"hỏi" alone, or "tiện hỏi luôn", asks what is needed instead of giving a phone number', () => {
    const [bare] = talk('hỏi luôn');
    expect(bare!.record).toMatchObject({ intent: 'ask_need' });
  });
});

describe('complaints and petitions said in other ways', () => {
  it('where to complain officially is the complaint channels', () => {
    expect(readGrievance('tôi muốn khiếu nại chính thức thì nộp ở đâu')).toBe('complaint');
    const [asked] = talk('e muốn kiến nghị chính thức thì gửi đơn ở đâu');
    expect(asked!.record).toMatchObject({ intent: 'complaint' });
  });

  it('an official asking for a sum in "k", or shouting at the citizen, is mistreatment', () => {
    expect(readGrievance('công an xã đòi tui 300k mới cho làm nhanh')).toBe('complaint');
    expect(readGrievance('anh cán bộ địa chính quát tui giữa phòng vì thiếu một tờ giấy')).toBe('complaint');
  });

  it('an English message opening "I have a complaint" about a procedure is a complaint', () => {
    const [told] = talk('I have a complaint. A clerk at the commune office asked my husband for extra money to process our birth registration.');
    expect(told!.record).toMatchObject({ intent: 'complaint' });
  });

  it('a petition about an office’s hours is a complaint, a question about the hours is not', () => {
    expect(petitionOpensWithOffice('Kiến nghị UBND xã làm việc thêm chiều thứ 7 cho bà con đi rẫy')).toBe(true);
    const [petition] = talk('Kiến nghị UBND xã làm việc thêm chiều thứ 7 cho bà con đi rẫy');
    expect(petition!.record).toMatchObject({ intent: 'complaint' });
    const [hours] = talk('UBND xã làm việc chiều thứ 7 không');
    expect(hours!.record).toMatchObject({ intent: 'contacts' });
  });

  it('"the answer just now was wrong" is feedback on the bot', () => {
    expect(readGrievance('trả lời lúc nãy sai bét, chả đúng gì cả')).toBe('feedback');
  });
});

describe('a support phone number is a contact question', () => {
  it('"số điện thoại hỗ trợ" asks the number, not what the bot can do', () => {
    const [asked] = talk('cho xin số điện thoại hỗ trợ với');
    expect(asked!.record).toMatchObject({ intent: 'contacts' });
  });
});

describe('refused topics in more words', () => {
  it("a family member's income tax settlement is the tax office's", () => {
    expect(refused('quyết toán thuế thu nhập cá nhân cho vợ tôi làm ở đâu')).toBe('out_of_scope.tax');
    const [asked] = talk('quyết toán thuế thu nhập cá nhân cho chồng em đi làm công ty thì làm sao');
    expect(asked!.record).toMatchObject({ intent: 'out_of_scope' });
  });

  it('rain asked without accents after a day, the flood season, homework asked as "vt"', () => {
    expect(refused('chieu nay o ha noi co mua ko ad')).toBe('out_of_scope.weather');
    expect(refused('mùa nước nổi năm nay có lớn không')).toBe('out_of_scope.weather');
    expect(refused('vt giup e bai van nghi luan voi')).toBe('out_of_scope.writing');
    // Buying something is no rain: "mua" without a day or a "có … không" question.
    expect(refused('mua xe cu thi sang ten the nao')).toBeNull();
  });
});

describe('the case said settles the procedure', () => {
  it('a register the old commune no longer keeps makes a lost marriage paper a re-registration', () => {
    expect(registerLostSaid(words('ủy ban xã cũ cũng không còn lưu sổ').folded)).toBe(true);
    const [asked] = talk('Bố mẹ tôi cưới năm 1980, giấy đăng ký kết hôn mất rồi, ủy ban xã cũ cũng không còn lưu sổ, giờ làm sao');
    expect(asked!.record).toMatchObject({ decision: 'answer', procedureId: 'dang-ky-lai-ket-hon' });
  });

  it('a baby\'s age in months said of "nó" makes the identity card the under-6 one', () => {
    expect(ageSaid(words('nó mới 3 tháng').folded)).toBe(0);
    const [asked] = talk('làm căn cước cho nó luôn, nó mới 3 tháng, cần mang gì');
    expect(asked!.record).toMatchObject({ decision: 'answer', procedureId: 'can-cuoc-duoi-6-tuoi' });
  });

  it('closing the household business, said after another licence, is its close', () => {
    const [closed] = talk('không bán rượu nữa, dẹp luôn hộ kinh doanh thì thủ tục sao');
    expect(closed!.record).toMatchObject({ decision: 'answer', procedureId: 'cham-dut-ho-kinh-doanh' });
  });

  it('opening a household business while asking a licence stays the licence (guard, holds at the round start as well)', () => {
    const [asked] = talk('nhà em có đăng ký hộ kinh doanh rồi, giờ muốn bán thêm rượu thì xin giấy phép gì');
    expect(asked!.record).toMatchObject({ procedureId: 'giay-phep-ban-le-ruou' });
  });

  it('being recognised as the father, asked in English', () => {
    const [asked] = talk('My daughter was born before our wedding. I want to be recognized as her father. What should I do?');
    expect(asked!.record).toMatchObject({ decision: 'answer', procedureId: 'nhan-cha-me-con' });
  });
});

describe('the citizen’s own case told with a follow-up keeps the procedure', () => {
  it('someone doing it on the citizen’s behalf ("con trai về làm hộ bố") is a question about the same procedure', () => {
    const [, proxy] = talk('sổ đỏ nhà tôi bị cháy mất rồi, xin cấp lại thế nào', 'thằng con trai tôi về làm hộ bố được không');
    expect(proxy!.record).toMatchObject({ decision: 'answer', procedureId: 'cap-lai-so-do' });
  });

  it('a passport is no one acting on one’s behalf ("làm hộ chiếu") (guard, holds at the round start as well)', () => {
    const [asked] = talk('làm hộ chiếu cho con gái thì cần gì');
    expect(asked!.record).toMatchObject({ decision: 'answer', procedureId: 'cap-ho-chieu' });
  });

  it('online asked with a reason the citizen cannot go ("ko đi được") stays on the card', () => {
    const [, online] = talk('mat cccd roi lam lai o dau a', 'online duoc khong, tui ban hang ngoai cho ko di dc');
    expect(online!.record).toMatchObject({ decision: 'answer', procedureId: 'cap-the-can-cuoc', aspect: 'online' });
  });
});

describe('grievances told in more ways, and what is no grievance', () => {
  it('a divorce asked as "the commune does not handle it?" is the court’s, not a complaint', () => {
    const [asked] = talk('ly hôn thì ủy ban không giải quyết à, vậy đi đâu');
    expect(asked!.record).toMatchObject({ intent: 'out_of_scope' });
  });

  it('a mistake reported many times, a file with no news for weeks, money asked to go faster', () => {
    expect(readGrievance('ngày sinh của mẹ ghi sai, tôi báo 4 lần rồi mà vẫn thế')).toBe('complaint');
    expect(readGrievance('hồ sơ trợ cấp nộp 3 tuần rồi không thấy gì, hỏi thì bảo chờ')).toBe('complaint');
    expect(readGrievance('cán bộ nói đưa thêm 2 triệu thì làm nhanh cho')).toBe('complaint');
  });

  it('where to report, asked as "chỗ nào", is the complaint channels', () => {
    const [asked] = talk('làm giấy tờ đất mà bị gợi ý đưa thêm 3 triệu thì làm nhanh, tôi phản ánh chỗ nào');
    expect(asked!.record).toMatchObject({ intent: 'complaint' });
  });
});

describe('a dossier asked whether overdue right after it was looked up', () => {
  it('"lâu quá, trễ hẹn chưa" looks the same dossier up again', () => {
    const said = talk('tra giúp hồ sơ 000.00.53.H48-251120-0004', 'lâu quá, trễ hẹn chưa ad');
    expect(said[1]!.actions).toContainEqual({ type: 'lookup_dossier', code: '000.00.53.H48-251120-0004' });
  });
});

describe('one procedure done, the next asked', () => {
  it('"được công nhận hộ nghèo rồi thì làm thẻ bhyt …" asks the health insurance card', () => {
    const [asked] = talk('nhà em được công nhận hộ nghèo rồi thì làm thẻ bhyt cho mấy đứa nhỏ sao ad');
    expect(asked!.record).toMatchObject({ decision: 'answer', procedureId: 'the-bhyt' });
  });
});

describe('how long the paper just talked about stays valid', () => {
  it('"giấy đó dùng được bao lâu, có hết hạn không" is its result, not extending a residence', () => {
    const [, valid] = talk('xin giấy xác nhận tình trạng hôn nhân cần gì', 'cái giấy đó dùng được bao lâu, có hết hạn không');
    expect(valid!.record).toMatchObject({ decision: 'answer', procedureId: 'xac-nhan-tinh-trang-hon-nhan', aspect: 'result' });
  });

  it('a temporary residence running out is still its extension (guard, holds at the round start as well)', () => {
    const [, extend] = talk('xin giấy xác nhận tình trạng hôn nhân cần gì', 'còn tạm trú của em sắp hết hạn thì làm sao');
    expect(extend!.record).toMatchObject({ procedureId: 'gia-han-tam-tru' });
  });
});

describe('contact questions in more words', () => {
  it('the hotline asked with "số", the service centre’s hours asked in English', () => {
    const [hotline] = talk('cho em xin số hotline với');
    expect(hotline!.record).toMatchObject({ intent: 'contacts' });
    const [hours] = talk('What are the opening hours of the public service centre?');
    expect(hours!.record).toMatchObject({ intent: 'contacts' });
  });
});

describe('the fourth batch: what the bot does in teen-code, frost and snow, a hospital booking in English, a part already had', () => {
  it('"bot lm dc j" asks what the bot can do', () => {
    const [asked] = talk('ad lm dc j cho tui');
    expect(asked!.record).toMatchObject({ intent: 'help' });
  });

  it('frost and snow asked about are weather', () => {
    expect(refused('mai ở Mộc Châu có sương muối không')).toBe('out_of_scope.weather');
    expect(refused('will it snow in Mau Son this weekend')).toBe('out_of_scope.weather');
  });

  it('a hospital appointment asked to be booked in English is refused', () => {
    const [asked] = talk('Can I make an appointment at the district hospital with this bot? My son has a fever.');
    expect(asked!.record).toMatchObject({ intent: 'out_of_scope' });
  });

  it('a joint filing with one part already had is the part left to do', () => {
    const [asked] = talk('làm thẻ bhyt cho bé 1 tuổi, bé sinh ở nhà nhưng đã có giấy khai sinh rồi');
    expect(asked!.record).toMatchObject({ decision: 'answer', procedureId: 'the-bhyt' });
    // Steps told one after the other ("khai tử rồi còn cắt khẩu") are the joint filing still.
    const [steps] = talk('Mẹ tôi mới mất, con cháu bảo ra xã khai tử rồi còn xóa hộ khẩu, làm chung một lần được không');
    expect(steps!.record).toMatchObject({ decision: 'answer', procedureId: 'lien-thong-khai-tu' });
  });
});

describe('the fifth batch: the household business’s holder changed, a question sentence beside told ones', () => {
  it('"đổi người đứng tên hộ kinh doanh" is a change of the household business', () => {
    const [asked] = talk('muốn đổi người đứng tên hộ kinh doanh tiệm tạp hóa từ mẹ sang con');
    expect(asked!.record).toMatchObject({ decision: 'answer', procedureId: 'thay-doi-ho-kinh-doanh' });
  });

  it('a follow-up question with a sentence about the citizen’s case stays on the procedure', () => {
    const [, where] = talk('My wife is Vietnamese and I am Australian. How do we register our baby’s birth?', 'How long does it take? We are renting in Go Vap district now.');
    expect(where!.record).toMatchObject({ decision: 'answer', procedureId: 'khai-sinh-yeu-to-nuoc-ngoai', aspect: 'duration' });
  });

  it('a question comparing what the told sentence names is not carried (guard, holds at the round start as well)', () => {
    const [, , other] = talk('I need a certified copy of my degree. Where can I get it?', 'How much per page?', 'My translator also needs his signature certified. Is that a separate procedure?');
    expect(other!.record.procedureId).not.toBe('chung-thuc-ban-sao');
  });
});

describe('checked by hand in the simulator', () => {
  it('the hotline’s number asked for alone is the hotline, an office named after it that office’s phone', async () => {
    const { readOfficeQuestion } = await import('../../src/nlu/office-question.js');
    expect(readOfficeQuestion(words('cho em xin số hotline với nha').folded)).toBe('hotline');
    expect(readOfficeQuestion(words('cho xin số đường dây nóng của bộ phận một cửa xã').folded)).toBe('phone');
  });
});
