import { beforeAll, describe, expect, it } from 'vitest';
import { withoutEnglishPlaceNames } from '../../src/nlu/place-names.js';
import { petitionsOutright, readGrievance } from '../../src/nlu/grievance.js';
import { shippedConversations, type Said } from './fixtures/talk.js';

/** Conversations through the real content, matcher and dialogue: what the twenty-second round changed. */
let talk: (...messages: string[]) => Said[];
beforeAll(async () => {
  talk = await shippedConversations();
});

const intentsOf = (texts: string[]): string[] => texts.map((text) => talk(text)[0]!.record.intent);

describe('"với tiền" (with the money) is no "vòi tiền" (extorting money)', () => {
  it('a death registration asked together with the funeral allowance is the combined procedure, not a complaint', () => {
    const [asked] = talk('đăng ký khai tử với tiền mai táng cho ba tui làm chung được hông');
    expect(asked!.record).toMatchObject({ intent: 'procedure', procedureId: 'lien-thong-khai-tu' });
  });

  it('an official extorting money is still a complaint, with or without marks', () => {
    expect(readGrievance('cán bộ xã vòi tiền mới chịu ký')).toBe('complaint');
    expect(readGrievance('can bo xa voi tien qua')).toBe('complaint');
    expect(readGrievance('khai tu voi tien mai tang lam chung duoc khong')).toBeNull();
  });
});

describe('grievances said in ways the bot missed', () => {
  it('a file strung along "tuần sau rồi tuần sau", money taken with no receipt, a petition to the ward asking a working day', () => {
    expect(
      intentsOf([
        'hồ sơ tách thửa nộp hai tháng chưa xong, cán bộ cứ hẹn tuần sau rồi tuần sau',
        'ra xã chứng thực, cán bộ thu những 200 nghìn mà không có biên lai',
        'Kiến nghị phường cho nộp hồ sơ chủ nhật, tụi tui làm thủ tục không kịp vì đi ca',
      ]),
    ).toEqual(['complaint', 'complaint', 'complaint']);
    // A lost receipt is no grievance.
    expect(readGrievance('tôi làm mất biên lai, không có biên lai thì có lấy kết quả được không')).toBeNull();
  });
});

describe('Vietnamese place names inside English messages', () => {
  it('are dropped after "in", "at", "from", "near"; foreign places and what follows the name stay', () => {
    expect(withoutEnglishPlaceNames('Is there an office in Muong Cha that does it?')).toBe('Is there an office that does it?');
    expect(withoutEnglishPlaceNames('My son was born in Phan Thiet hospital')).toBe('My son was born in hospital');
    expect(withoutEnglishPlaceNames("I'm from the Philippines, she is from Taiwan")).toBe("I'm from the Philippines, she is from Taiwan");
    expect(withoutEnglishPlaceNames('tôi ở xã Mường Chà, làm giấy khai sinh')).toBe('tôi ở xã Mường Chà, làm giấy khai sinh');
    // A Vietnamese message is no English one because a word ends in "i" ("tôi"): "in" there is to print.
    expect(withoutEnglishPlaceNames('tôi muốn in Giấy Khai Sinh bản sao')).toBe('tôi muốn in Giấy Khai Sinh bản sao');
  });

  it('so "Muong Cha" reads no father and "Hoi An" no safety: the need and the office asked are answered', () => {
    const [disability] = talk('Is there an office in Muong Cha that does disability certification for children?');
    expect(disability!.record).toMatchObject({ intent: 'procedure', procedureId: 'xac-dinh-khuyet-tat' });
    expect(intentsOf(['Where is the one-stop office in Hoi An? Address please'])).toEqual(['contacts']);
  });
});

describe('English needs and circumstances the bot did not know', () => {
  it('"unemployment money" is the unemployment benefit', () => {
    const [asked] = talk('He lost his job last month. Where does he apply for unemployment money?');
    expect(asked!.record).toMatchObject({ intent: 'procedure', procedureId: 'tro-cap-that-nghiep', aspect: 'place' });
  });

  it('being married to a Vietnamese is a foreign element, not a marriage asked for: the birth asked is the one with a foreign parent', () => {
    const [birth] = talk("I'm married to a Vietnamese woman and our son was born last week. How do we register his birth?");
    expect(birth!.record).toMatchObject({ intent: 'procedure', procedureId: 'khai-sinh-yeu-to-nuoc-ngoai' });
  });

  it('a bride "bên kia biên giới" makes the marriage one with a foreign element', () => {
    const [marriage] = talk('em muốn đăng ký kết hôn với bạn gái ở bên kia biên giới');
    expect(marriage!.record).toMatchObject({ intent: 'procedure', procedureId: 'ket-hon-yeu-to-nuoc-ngoai' });
  });

  it('"at our ward office" after a procedure asks where to file it', () => {
    const [, where] = talk('How do I register the birth of my baby? My husband is Korean', 'Can we do it at our ward office?');
    expect(where!.record).toMatchObject({ intent: 'procedure', procedureId: 'khai-sinh-yeu-to-nuoc-ngoai' });
  });
});

describe('topics refused though the official catalogue holds a near procedure', () => {
  it('personal income tax settled online and a divorce itself are refused; the recording of a divorce granted abroad is not', () => {
    expect(intentsOf(['quyết toán thuế thu nhập cá nhân trên mạng làm thế nào', 'ra xã làm thủ tục ly hôn được không'])).toEqual(['out_of_scope', 'out_of_scope']);
    const [recorded] = talk('ghi vào sổ hộ tịch việc ly hôn ở nước ngoài');
    expect(recorded!.record.intent).toBe('procedure');
  });

  it('a speech asked to be written is refused, in Vietnamese and English', () => {
    expect(intentsOf(['soạn giúp bài phát biểu đám cưới', 'Write a speech for my school opening ceremony please'])).toEqual(['out_of_scope', 'out_of_scope']);
  });
});

describe('more grievances, hand-offs and remarks', () => {
  it('a file months overdue, money promised and never paid, staff who never answer: complaints', () => {
    expect(
      intentsOf([
        'nộp hồ sơ đăng ký biến động hơn 3 tháng rồi vẫn chưa có',
        'tiền đền bù giải tỏa hứa từ tháng 6 tới giờ vẫn chưa có',
        'I filed my land papers a month ago and the staff never answer my calls, so slow',
      ]),
    ).toEqual(['complaint', 'complaint', 'complaint']);
  });

  it('a late registration is no overdue file; a child months without a birth certificate is no complaint', () => {
    const [late] = talk('làm khai tử trễ hạn cho ông thì có bị phạt không');
    expect(late!.record).toMatchObject({ intent: 'procedure', procedureId: 'dang-ky-khai-tu' });
    expect(readGrievance('con tôi hơn 2 tháng chưa có giấy khai sinh thì làm sao')).toBeNull();
  });

  it('"kêu nhân viên ra đây" after a remark is a hand-off; "your answer was wrong" is a remark on the bot', () => {
    expect(intentsOf(['bot trả lời không đúng ý, kêu nhân viên ra đây', 'Your answer was wrong, the ward charged a different fee'])).toEqual(['handoff', 'feedback']);
  });

  it('an English request for the office phone while a complaint is awaited is answered, not filed', () => {
    const [, asked] = talk('I want to make a complaint', 'Please give me the phone number of the office');
    expect(asked!.record.intent).toBe('contacts');
  });
});

describe('offices and small talk', () => {
  it('a commune named first, then when it works or where it is; a number to call directly', () => {
    expect(intentsOf(['xã Tân Hòa làm việc mấy giờ', 'cho số điện thoại để tôi gọi thẳng cũng được'])).toEqual(['contacts', 'contacts']);
  });

  it('"Cheers" thanks, in English', () => {
    const [thanks] = talk('Cheers');
    expect(thanks!.record.intent).toBe('thanks');
    expect(thanks!.session.language).toBe('en');
  });

  it('a place name with its marks is dropped whole, and "Taiwan people" is a foreign element', () => {
    expect(withoutEnglishPlaceNames('she is a nurse in Ba Bể, I am from Taiwan')).toBe('she is a nurse, I am from Taiwan');
    const [marriage] = talk("I'm getting married to my girlfriend, she is a nurse in Ba Bể, I am Taiwan people. What papers?");
    expect(marriage!.record).toMatchObject({ intent: 'procedure', procedureId: 'ket-hon-yeu-to-nuoc-ngoai' });
  });
});

describe('the third batch', () => {
  it('"tách thửa đất" said in full is the land split, though the children moving out ("ra ở riêng") read like a household split', () => {
    const [split] = talk('tôi định tách thửa đất cho thằng út ra ở riêng');
    expect(split!.record).toMatchObject({ decision: 'answer', procedureId: 'tach-thua-dat' });
  });

  it('"hết khoảng bao nhiêu" after a procedure asks its fee', () => {
    const [, fee] = talk('tách thửa đất cho con', 'lệ phí hết khoảng bao nhiêu');
    expect(fee!.record).toMatchObject({ intent: 'procedure', procedureId: 'tach-thua-dat', aspect: 'fee' });
  });

  it('a result promised and still missing, with whom to blame, is a complaint; a petition said last is filed as one', () => {
    expect(readGrievance('đăng ký kết hôn hẹn trả tuần trước mà đến thứ sáu vẫn chưa có')).toBe('complaint');
    expect(readGrievance('hẹn lấy kết quả hôm qua, giờ chưa có, ai chịu trách nhiệm vậy')).toBe('complaint');
    expect(readGrievance('ai chịu trách nhiệm ký giấy này')).toBeNull();
    expect(petitionsOutright('trưởng thôn không đưa nhà tôi vào danh sách bình xét, tôi kiến nghị')).toBe(true);
    expect(petitionsOutright('tôi kiến nghị thì gửi đơn ở đâu')).toBe(false);
  });
});

describe('the fourth batch', () => {
  const recordOf = (...messages: string[]) => talk(...messages).at(-1)!.record;

  it('health insurance named as "bảo hiểm y tế" is the card, and "ảnh thẻ" after it asks its papers', () => {
    expect(recordOf('bhyt cho con đi học mua ở đâu')).toMatchObject({ decision: 'answer', procedureId: 'the-bhyt', aspect: 'place' });
    expect(recordOf('cấp lại thẻ bhyt', 'có cần ảnh thẻ không')).toMatchObject({ procedureId: 'the-bhyt', aspect: 'documents' });
  });

  it('an office named after a filing verb is where the procedure is filed; "tính răng" asks how the fee is counted', () => {
    expect(recordOf('tách hộ khẩu', 'nop o ubnd phuong hay o dau')).toMatchObject({ intent: 'procedure', procedureId: 'tach-ho', aspect: 'place' });
    expect(recordOf('chuyển mục đích sử dụng đất', 'tiền nộp tính răng')).toMatchObject({ intent: 'procedure', procedureId: 'chuyen-muc-dich-dat', aspect: 'fee' });
  });

  it('a slip of the finger then a greeting is a greeting; someone on duty asked for is a hand-off', () => {
    expect(intentsOf(['ủa bấm nhầm, chào ad', 'co ai truc ko de tui hoi'])).toEqual(['greeting', 'handoff']);
    expect(recordOf('em mần được những chi').intent).not.toBe('fallback');
  });

  it('the register and papers "mất hết" is a re-registration; the zalo of a named commune is a contact', () => {
    const lost = recordOf('hồi xưa bà có làm khai sinh nhưng sổ sách với giấy tờ mất hết hồi bão, giờ làm căn cước người ta đòi giấy khai sinh');
    expect(lost).toMatchObject({ intent: 'procedure', procedureId: 'dang-ky-lai-khai-sinh' });
    expect(recordOf('zalo của phường An Phú là số mấy').intent).toBe('contacts');
  });

  it('"any update?" with a code asks the status now; "send me updates" asks to follow', () => {
    const [now] = talk('My file code is h48.07 - 260112 - 0015, any update?');
    expect(now!.actions.find((a) => a.type === 'lookup_dossier')).toMatchObject({ code: 'H48.07-260112-0015' });
    const [later] = talk('please send me updates on 000.00.53.H48-251120-0004');
    expect(later!.record.intent).toBe('follow_dossier');
  });
});
