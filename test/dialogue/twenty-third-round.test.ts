import { beforeAll, describe, expect, it } from 'vitest';
import { businessStageSaid } from '../../src/nlu/business-stage.js';
import { readGrievance } from '../../src/nlu/grievance.js';
import { householdBookGoneSaid } from '../../src/nlu/household-book.js';
import { shippedConversations, type Said } from './fixtures/talk.js';

/** Conversations through the real content, matcher and dialogue: what the twenty-third round changed. */
let talk: (...messages: string[]) => Said[];
beforeAll(async () => {
  talk = await shippedConversations();
});

const buttonsOf = (said: Said): string[] => said.reply.buttons.flatMap((b) => (b.kind === 'query' ? [b.payload] : []));

describe("a household business's stage is told by its verb, not by the shop words", () => {
  it('reads opening, changing, closing, pausing, and both a change and a close', () => {
    expect(businessStageSaid('đăng ký hộ kinh doanh quán phở ở chợ')).toBe('open');
    expect(businessStageSaid('hộ kinh doanh tiệm sửa xe giờ chuyển qua chỗ mới')).toBe('change');
    expect(businessStageSaid('tiệm tạp hóa hộ kinh doanh của má dẹp luôn rồi')).toBe('close');
    expect(businessStageSaid('hộ kinh doanh muốn tạm ngừng 3 tháng')).toBe('pause');
    expect(businessStageSaid('hộ kinh doanh của bà muốn sang tên cho con hay nghỉ luôn')).toBe('change-or-close');
    // A licence in general is a company's too: it opens nothing by itself, and a lost certificate is a re-issue.
    expect(businessStageSaid('xin giấy phép kinh doanh bán hàng online')).toBeNull();
    expect(businessStageSaid('mất giấy chứng nhận đăng ký hộ kinh doanh, xin cấp lại')).toBeNull();
    // "hộ cá thể thôi, bán …" is a choice of kind, not "thôi bán" (giving up trade).
    expect(businessStageSaid('hộ cá thể thôi, bán rau ở chợ')).toBe(null);
  });

  it('answers the register for a shop named with it, the change for a move, and asks between change and close', () => {
    const [open] = talk('Thủ tục đăng ký hộ kinh doanh tiệm cà phê ở đường Trần Phú cần gì');
    expect(open!.record).toMatchObject({ decision: 'answer', procedureId: 'dang-ky-ho-kinh-doanh' });
    const [moved] = talk('hộ kinh doanh tiệm sửa xe của tui giờ chuyển qua chỗ mới gần cầu, giấy có phải làm lại không');
    expect(moved!.record).toMatchObject({ decision: 'answer', procedureId: 'thay-doi-ho-kinh-doanh' });
    const [undecided] = talk('hộ kinh doanh của mẹ tôi muốn đổi tên chủ hộ hoặc đóng cửa luôn, chưa biết');
    expect(undecided!.record.decision).toBe('clarify');
    expect(buttonsOf(undecided!).slice(0, 2)).toEqual(['#p:thay-doi-ho-kinh-doanh:overview', '#p:cham-dut-ho-kinh-doanh:overview']);
  });

  it("a pause is the catalogue's notice of a pause, not the close", () => {
    const [paused] = talk('hộ kinh doanh của ba muốn tạm ngừng 3 tháng');
    expect(paused!.record).toMatchObject({ decision: 'answer', procedureId: 'tthc-1-001570' });
  });
});

describe('the old household book said gone is the residence confirmation', () => {
  it('reads the book lost, spoilt or to be made again, but not another residence need', () => {
    expect(householdBookGoneSaid('bà nội tui làm rách cái sổ hộ khẩu giấy, giờ xin lại ở đâu')).toBe(true);
    expect(householdBookGoneSaid('My father lost his household registration book, what replaces it?')).toBe(true);
    expect(householdBookGoneSaid('sổ hộ khẩu mất rồi, muốn nhập hộ khẩu cho con ở nhà mới')).toBe(false);
    expect(householdBookGoneSaid('sổ hộ khẩu nhà tôi còn giữ')).toBe(false);
  });

  it('answers the confirmation where the bot asked among residence procedures', () => {
    const [asked] = talk('bà nội tui làm rách cái sổ hộ khẩu giấy, giờ xin lại ở đâu');
    expect(asked!.record).toMatchObject({ decision: 'answer', procedureId: 'xac-nhan-cu-tru' });
  });
});

describe('deregistering a residence without its kind asks which', () => {
  it('asks between permanent and temporary, whatever is said of the person; a kind said is answered', () => {
    const [unkinded] = talk('xoa dang ky cu tru cho thang con di xuat khau lao dong');
    expect(unkinded!.record.decision).toBe('clarify');
    expect(buttonsOf(unkinded!).slice(0, 2)).toEqual(['#p:xoa-dang-ky-thuong-tru:overview', '#p:xoa-dang-ky-tam-tru:overview']);
    const [kinded] = talk('xóa đăng ký tạm trú cho người thuê trọ đã dọn đi');
    expect(kinded!.record).toMatchObject({ decision: 'answer', procedureId: 'xoa-dang-ky-tam-tru' });
  });
});

describe('a curated name said in full settles a question beside a catalogue record that none of whose name is said', () => {
  it('"nhập hộ khẩu" with "con dâu" is permanent residence, not the re-registration of a seal ("con dấu")', () => {
    const [asked] = talk('nhập hộ khẩu cho con dâu về nhà tôi ở thôn 3 cần giấy tờ gì');
    expect(asked!.record).toMatchObject({ decision: 'answer', procedureId: 'dang-ky-thuong-tru', aspect: 'documents' });
  });
});

describe('grievances and contacts said in ways the bot missed', () => {
  it('money taken "của em", a file sent back again and again, a complaint "lodged" in English, "phản ánh việc ni"', () => {
    expect(readGrievance('Bên xã thu của em 100 nghìn khi làm xác nhận độc thân')).toBe('complaint');
    expect(readGrievance('nộp hồ sơ tạm trú cho con 4 lần bị trả về, lần nào cũng đòi thêm giấy')).toBe('complaint');
    expect(readGrievance('mỗi lần lên xã lại đòi một kiểu giấy')).toBe('complaint');
    const intents = ['I would like to lodge a complaint about the ward office', 'cán bộ hẹn hoài không làm, tui phản ánh việc ni'].map((t) => talk(t)[0]!.record.intent);
    expect(intents).toEqual(['complaint', 'complaint']);
  });

  it('a registration made late is no overdue file; a filed dossier overdue still is', () => {
    const [late] = talk('làm giấy khai tử cho ông nội trễ hạn mấy tháng thì sao');
    expect(late!.record).toMatchObject({ intent: 'procedure', procedureId: 'dang-ky-khai-tu' });
    expect(readGrievance('nộp hồ sơ khai sinh cho con mà trễ hạn 2 tuần rồi chưa có')).toBe('complaint');
  });

  it('a special zone\'s office ("đặc khu") and someone on duty on a holiday are contact questions', () => {
    const intents = ['Công an đặc khu Phú Quý có số điện thoại không', 'Lễ 2/9 có ai trực một cửa không'].map((t) => talk(t)[0]!.record.intent);
    expect(intents).toEqual(['contacts', 'contacts']);
    // Someone on duty to answer the citizen is a person asked for.
    expect(talk('có ai trực không cho tui hỏi')[0]!.record.intent).toBe('handoff');
  });
});

describe('out of scope: the sea before going out', () => {
  it('the sea and wind asked is refused courteously, not read as a procedure', () => {
    const intents = ['tối nay biển động không, ghe đi được không', 'gió cấp mấy vậy ad, mai có ra khơi được không'].map((t) => talk(t)[0]!.record.intent);
    expect(intents).toEqual(['out_of_scope', 'out_of_scope']);
    // Folded, "biến động" of land records is the same letters: a land change is still the land procedure.
    expect(talk('đăng ký biến động đất đai cần giấy tờ gì')[0]!.record).toMatchObject({ intent: 'procedure', procedureId: 'dang-ky-bien-dong-dat' });
  });
});

describe('a death told, the family asking what to do', () => {
  it('offers registering the death, the joint filing and the funeral allowance; a named need is answered', () => {
    const [told] = talk('Mẹ tôi qua đời sáng nay, nhà tôi cần làm những giấy tờ gì');
    expect(told!.record.decision).toBe('clarify');
    expect(buttonsOf(told!).slice(0, 3)).toEqual(['#p:dang-ky-khai-tu:overview', '#p:lien-thong-khai-tu:overview', '#p:ho-tro-mai-tang:overview']);
    expect(talk('ông nội tôi mất tuần trước, làm khai tử ở đâu')[0]!.record).toMatchObject({ decision: 'answer', procedureId: 'dang-ky-khai-tu' });
  });
});

describe('right after a complaint, more of the case told is added to it', () => {
  it('what happened, told without a question, and a call back wished go to the complaint', () => {
    const said = talk('Tôi muốn phản ánh: xã hẹn trả kết quả chứng thực từ tuần trước mà giờ chưa có', 'cán bộ tiếp nhận hôm đó bảo về chờ điện thoại nhưng không thấy ai gọi');
    expect(said[1]!.record.intent).toBe('complaint');
    expect(said[1]!.actions).toContainEqual(expect.objectContaining({ type: 'file_complaint', append: false }));
    const callBack = talk('tôi khiếu nại việc hồ sơ tách thửa trễ hẹn hai tháng', 'tôi tên Lan ở thôn Đông, mong cán bộ gọi lại cho tôi');
    expect(callBack[1]!.record.intent).toBe('complaint');
  });

  it('a question, a code to look up, or a contact asked after it is still answered as itself', () => {
    const asked = talk('tôi khiếu nại việc hồ sơ tách thửa trễ hẹn hai tháng', 'số đường dây nóng của tỉnh là số mấy');
    expect(asked[1]!.record.intent).toBe('contacts');
    const code = talk('tôi khiếu nại việc hồ sơ tách thửa trễ hẹn hai tháng', 'mã hồ sơ là 000.00.53.H48-251104-0031');
    expect(code[1]!.record.intent).toBe('dossier_status');
  });
});

describe('a dossier asked after, a poor household said as standing, a wait', () => {
  it('"tra giúp tui với" after a filed dossier asks its status (the bot asks for the code)', () => {
    expect(talk('hồ sơ cấp lại sổ đỏ của bố nộp tuần rồi, tra giúp tui với')[0]!.record.intent).toBe('dossier_status');
  });

  it('a poor household said as the standing is why the need is asked; the recognition asked stays', () => {
    expect(talk('nhà tui thuộc hộ cận nghèo, làm thẻ bảo hiểm y tế cho con ở đâu')[0]!.record).toMatchObject({ decision: 'answer', procedureId: 'the-bhyt' });
    expect(talk('nhà tôi muốn xin công nhận hộ cận nghèo thì làm sao')[0]!.record).toMatchObject({ decision: 'answer', procedureId: 'cong-nhan-ho-ngheo' });
  });

  it('"bao lâu lấy được" asks the wait of the procedure talked about, not a marriage ("lấy chồng")', () => {
    const wait = talk('xin xác nhận cư trú CT07 cho con đi học', 'bao lâu lấy đc');
    expect(wait[1]!.record).toMatchObject({ decision: 'answer', procedureId: 'xac-nhan-cu-tru', aspect: 'duration' });
  });
});

describe('an English remark that the answers do not help', () => {
  it('is feedback on the bot, not a procedure its words brush', () => {
    const intents = ["Your reply doesn't tell me anything, it just repeats the same link", 'Your answer was not very helpful'].map((t) => talk(t)[0]!.record.intent);
    expect(intents).toEqual(['feedback', 'feedback']);
  });
});

describe('work on a day off, and the hotline out of hours', () => {
  it('are contact questions; "lệ phí" is no holiday', () => {
    const intents = ['sáng chủ nhật nộp hồ sơ được không ad', 'lễ 2/9 với mùng 3 phường mình có làm việc ko', 'hotline có nghe máy ngoài giờ không em'].map((t) => talk(t)[0]!.record.intent);
    expect(intents).toEqual(['contacts', 'contacts', 'contacts']);
    expect(talk('lệ phí đăng ký kết hôn có không')[0]!.record).toMatchObject({ intent: 'procedure', procedureId: 'dang-ky-ket-hon', aspect: 'fee' });
  });
});
