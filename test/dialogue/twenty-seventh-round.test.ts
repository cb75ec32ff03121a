import { beforeAll, describe, expect, it } from 'vitest';
import { readGrievance } from '../../src/nlu/grievance.js';
import { readRefusedTopic } from '../../src/nlu/refused-topic.js';
import { normaliseText, syllables } from '../../src/nlu/normalise.js';
import { registerLostSaid } from '../../src/nlu/stated-case.js';
import { shippedConversations, type Said } from './fixtures/talk.js';

/** Conversations through the real content, matcher and dialogue: what the twenty-seventh round changed. */
let talk: (...messages: string[]) => Said[];
beforeAll(async () => {
  talk = await shippedConversations();
});

const words = (text: string) => syllables(normaliseText(text));
const refused = (text: string) => readRefusedTopic(words(text).accented, words(text).folded);
const offered = (said: Said) => said.session.pendingClarification?.candidates ?? [];

describe('the age of the person a card is for', () => {
  it('an age told in an earlier message holds for "làm căn cước cho bé" that says none', () => {
    const [, card] = talk('thẻ bảo hiểm y tế của bé nhà em 2 tuổi hết hạn rồi, gia hạn ở đâu', 'bé chưa có căn cước, làm căn cước cho bé ở đâu');
    expect(card!.record).toMatchObject({ procedureId: 'can-cuoc-duoi-6-tuoi' });
  });

  it('an older child told earlier keeps the ID card', () => {
    const [, card] = talk('con em 15 tuổi cần thẻ bảo hiểm y tế', 'làm căn cước cho con ở đâu');
    expect(card!.record).toMatchObject({ procedureId: 'cap-the-can-cuoc' });
  });

  it('an English age said with the child ("our 3-year-old son") is the under-6 card', () => {
    const [card] = talk('Can my wife get an ID card for our 3-year-old son while I am away?');
    expect(card!.record).toMatchObject({ procedureId: 'can-cuoc-duoi-6-tuoi' });
  });
});

describe('the case told in other words', () => {
  it('a land title put in a child’s name is its transfer', () => {
    const [asked] = talk('bố mẹ muốn cho con trai đứng tên mảnh đất thì làm thủ tục gì');
    expect(asked!.record).toMatchObject({ procedureId: 'dang-ky-bien-dong-dat' });
  });

  it('the register lost "luôn" right after a copy from it asks which record to register again', () => {
    expect(registerLostSaid(words('ở xã cũ mất luôn sổ gốc rồi').folded)).toBe(true);
    const [, lost] = talk('xin bản sao giấy khai sinh ở đâu', 'nhưng xã cũ mất luôn sổ gốc rồi thì làm sao');
    expect(lost!.record).toMatchObject({ decision: 'clarify' });
    expect(offered(lost!)).toContain('dang-ky-lai-khai-sinh');
  });

  it('"nơi thường trú" in a choice of places asks where the procedure talked about is filed', () => {
    const [, where] = talk('xác nhận tình trạng hôn nhân cần giấy gì', 'nộp ở xã nơi tạm trú hay nơi thường trú');
    expect(where!.record).toMatchObject({ procedureId: 'xac-nhan-tinh-trang-hon-nhan', aspect: 'place' });
  });

  it('a child born abroad, said in English, is the birth with a foreign element', () => {
    const [birth] = talk('Our son was born in Seoul last year and we moved back to Vinh. How do we register his birth?');
    expect(birth!.record).toMatchObject({ procedureId: 'khai-sinh-yeu-to-nuoc-ngoai' });
  });

  it('a nationality typed short ("ng TQ") is the foreign element', () => {
    const [asked] = talk('vợ sắp cưới của em là ng TQ, đăng ký kết hôn thế nào');
    expect(asked!.record).toMatchObject({ procedureId: 'ket-hon-yeu-to-nuoc-ngoai' });
  });

  it('a spouse said to be Vietnamese takes back the foreign element told before', () => {
    const [, , asked] = talk('chồng sắp cưới của em người Hàn', 'đăng ký kết hôn cần gì', 'à nhầm, chồng sắp cưới của em là người Việt, đăng ký kết hôn cần gì');
    expect(asked!.record).toMatchObject({ procedureId: 'dang-ky-ket-hon' });
    expect(asked!.session.circumstances ?? []).toEqual([]);
  });

  it('"khai sinh nhận cha" is the birth registered with the father’s recognition (guard, holds at the round start as well)', () => {
    const [asked] = talk('làm khai sinh nhận cha cho bé luôn thì cần gì');
    expect(asked!.record).toMatchObject({ procedureId: 'khai-sinh-nhan-cha-me-con' });
  });

  it('a late birth registration told with many words between is no overdue file', () => {
    expect(readGrievance('dk khai sinh cho con gai dc 3 thang roi bi tre han co bi phat ko')).toBeNull();
    const [asked] = talk('dk khai sinh cho con gai dc 3 thang roi bi tre han co bi phat ko');
    expect(asked!.record).toMatchObject({ procedureId: 'dang-ky-khai-sinh' });
  });
});

describe('complaints said in other ways', () => {
  it('an official refusing to come out, told with what they said, is a complaint', () => {
    expect(readGrievance('cán bộ bảo phải đưa bà lên tận nơi, không chịu xuống nhà làm cho bà')).toBe('complaint');
  });

  it('a file with no news "from two months ago until now" is a complaint, said with the central "chừ" too', () => {
    expect(readGrievance('nộp hồ sơ chuyển mục đích đất từ 2 tháng trước mà chừ vẫn chưa có gì')).toBe('complaint');
  });

  it('how to send a complaint officially is the complaint channels', () => {
    expect(readGrievance('làm sao để gửi đơn khiếu nại chính thức')).toBe('complaint');
  });

  it('a family abandoning a child is no mistreatment by an office; an office leaving people waiting is', () => {
    expect(readGrievance('ba mẹ nó đi làm xa rồi bỏ mặc con bé cho bà nuôi')).toBeNull();
    expect(readGrievance('cán bộ bỏ mặc dân chờ cả buổi sáng')).toBe('complaint');
  });

  it('after a complaint, when and where it happened is added to it, though it names the ID card', () => {
    const [, detail] = talk('cán bộ một cửa nói chuyện cộc cằn với bố tôi, quát ông trước mặt mọi người', 'sáng thứ Hai tuần này, ông đi làm lại căn cước ở quầy số 2');
    expect(detail!.actions.some((a) => a.type === 'file_complaint')).toBe(true);
  });

  it('after a complaint, "cần hồ sơ gì" asks a procedure and is not added to it (guard, holds at the round start as well)', () => {
    const [, asked] = talk('cán bộ xã quát tôi trước mặt mọi người', 'giờ tôi cần hồ sơ gì để làm lại giấy khai sinh bị mất cho con');
    expect(asked!.actions.some((a) => a.type === 'file_complaint')).toBe(false);
  });
});

describe('rain asked for the week', () => {
  it('"cuối tuần này … có mưa không" is the weather', () => {
    expect(refused('cuoi tuan nay Pleiku co mua khong de phoi tieu')).toBe('out_of_scope.weather');
  });
});

describe('second batch: petitions and remarks on the bot', () => {
  it('wanting to send a petition letter, or to petition officially, is a complaint', () => {
    const [letter] = talk('tui muốn gửi đơn kiến nghị chính thức về việc này');
    expect(letter!.record).toMatchObject({ intent: 'complaint' });
  });

  it('right after a dossier, an overdue file with a petition said outright stays a complaint (guard, holds at the round start as well)', () => {
    const [, , asked] = talk('hồ sơ tách thửa của tôi quá hẹn 3 tuần rồi mà chưa có', 'mã đây 000.00.53.H48-260101-0001, xem giúp đang ở đâu', 'trễ hạn thế này ai chịu trách nhiệm, tôi muốn kiến nghị chính thức');
    expect(asked!.record).toMatchObject({ intent: 'complaint' });
  });

  it('text too small to read, or the bot easy to use, is feedback on the bot', () => {
    expect(readGrievance('chữ nhỏ quá, ông đọc không được')).toBe('feedback');
    expect(readGrievance('ok cảm ơn, bot này dễ dùng ghê')).toBe('feedback');
  });
});

describe('third batch: complaints, contacts, refusals and the southern "hôn"', () => {
  it('a "tip" asked in millions, extra copies demanded, a promised date weeks past, hours of waiting: complaints', () => {
    expect(readGrievance('cán bộ bảo phải bồi dưỡng 3 triệu thì hồ sơ mới nhanh')).toBe('complaint');
    expect(readGrievance('công an xã bắt tôi photo thêm cả đống giấy tờ linh tinh')).toBe('complaint');
    expect(readGrievance('xã hẹn trả giấy 5 ngày mà 2 tuần rồi vẫn chưa có')).toBe('complaint');
    expect(readGrievance('ngồi chờ ở một cửa phường ba tiếng mà không ai tiếp')).toBe('complaint');
  });

  it('a report closing with "tôi muốn tố cáo", or opening "muốn phản ánh là cán bộ …", is a complaint', () => {
    const [tip] = talk('cán bộ nói phải bồi dưỡng 3 triệu thì sổ hồng mới ra sớm, vậy có đúng không, tôi muốn tố cáo');
    expect(tip!.record).toMatchObject({ intent: 'complaint' });
    const [copies] = talk('tui cũng muốn phản ánh là cán bộ phường bắt tui chứng thực thêm cả chục bản sao không cần thiết');
    expect(copies!.record).toMatchObject({ intent: 'complaint' });
  });

  it('receiving citizens on a Saturday, the hotline to ask about procedures, where the new commune seat is: contacts', () => {
    const [hours] = talk('sáng thứ bảy UBND xã có tiếp dân không');
    expect(hours!.record).toMatchObject({ intent: 'contacts' });
    const [hotline] = talk('so hotline de hoi thu tuc');
    expect(hotline!.record).toMatchObject({ intent: 'contacts' });
    const [seat] = talk('trụ sở xã mới sau khi sáp nhập ở đâu vậy');
    expect(seat!.record).toMatchObject({ intent: 'contacts' });
  });

  it('a hospital check-up booked, in Vietnamese or English, is refused as medical', () => {
    expect(refused('đặt lịch khám sức khỏe đi xuất khẩu lao động ở bệnh viện tỉnh qua đây được không')).toBe('out_of_scope.medical');
    expect(refused('can you book me a health check at the provincial hospital')).toBe('out_of_scope.medical');
  });

  it('the southern "hôn" closing a question is "không", not marriage', () => {
    const [, online] = talk('rút bảo hiểm xã hội một lần cần giấy gì', 'làm online được hôn anh');
    expect(online!.record).toMatchObject({ procedureId: 'bhxh-mot-lan', aspect: 'online' });
  });
});

describe('fourth batch: a relative just died, the father’s name written on the birth', () => {
  it('"mới mất" said of a relative is a death to register, not a paper lost', () => {
    const [died] = talk('làm giấy khai tử cho bà nội tui vừa mất thì cần mang gì');
    expect(died!.record).toMatchObject({ procedureId: 'dang-ky-khai-tu' });
  });

  it('a paper "of" a relative that "mới mất" is still a paper lost (guard, holds at the round start as well)', () => {
    const [lost] = talk('giấy khai sinh của con tôi mới mất, xin lại ở đâu');
    expect(lost!.record).toMatchObject({ decision: 'clarify' });
  });

  it('a birth for parents not married with the father’s name written "luôn" is the joint filing', () => {
    const [joint] = talk('bé nhà em mới sinh, tụi em chưa đăng ký kết hôn, làm khai sinh có ghi luôn tên ba được không');
    expect(joint!.record).toMatchObject({ procedureId: 'khai-sinh-nhan-cha-me-con' });
  });
});

describe('fifth batch: a circumstance told alone after the procedure', () => {
  it('a foreign partner told after the marriage question, with a story the bot cannot place, is the marriage with a foreigner', () => {
    const [, told] = talk('đăng ký kết hôn cần những giấy tờ gì ạ', 'à em quên, người yêu em là người Canada, quen nhau hồi anh ấy sang Hội An du lịch');
    expect(told!.record).toMatchObject({ procedureId: 'ket-hon-yeu-to-nuoc-ngoai', aspect: 'documents' });
  });
});
