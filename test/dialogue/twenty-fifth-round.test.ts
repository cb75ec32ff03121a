import { beforeAll, describe, expect, it } from 'vitest';
import { readGrievance } from '../../src/nlu/grievance.js';
import { withoutVietnamesePlaceNames } from '../../src/nlu/place-names.js';
import { readRefusedTopic, refusedWhateverMatches } from '../../src/nlu/refused-topic.js';
import { normaliseText, syllables } from '../../src/nlu/normalise.js';
import { paperAsked } from '../../src/nlu/paper-asked.js';
import { shippedConversations, type Said } from './fixtures/talk.js';

/** Conversations through the real content, matcher and dialogue: what the twenty-fifth round changed. */
let talk: (...messages: string[]) => Said[];
beforeAll(async () => {
  talk = await shippedConversations();
});

const words = (text: string) => syllables(normaliseText(text));

describe("a commune's or ward's name is no word of the question", () => {
  it('drops the capitalised name after the unit and keeps the unit', () => {
    expect(withoutVietnamesePlaceNames('Ủy ban xã Phước Vĩnh Đông ở chỗ nào')).toBe('Ủy ban xã ở chỗ nào');
    expect(withoutVietnamesePlaceNames('cán bộ phường Hòa Cường Nam nói chuyện khó nghe')).toBe('cán bộ phường nói chuyện khó nghe');
    // Lower-case words after the unit are the sentence, not a name.
    expect(withoutVietnamesePlaceNames('xã mình làm thứ bảy không')).toBe('xã mình làm thứ bảy không');
  });

  it('an office asked about with its commune named is a contact question, not a procedure', () => {
    const [office] = talk('Ủy ban xã Phước Vĩnh Đông nằm chỗ nào, chiều mấy giờ nghỉ');
    expect(office!.record).toMatchObject({ intent: 'contacts' });
  });
});

describe('refused topics asked in other words', () => {
  it('a divorce opening the message and asking is the court’s, a divorce told as the past is not refused', () => {
    const [asked] = talk('ly hôn thì nộp đơn ở ủy ban hay tòa vậy');
    expect(asked!.record).toMatchObject({ intent: 'out_of_scope' });
    expect(readRefusedTopic(words('ly hôn rồi giờ đăng ký kết hôn lại').accented, words('ly hôn rồi giờ đăng ký kết hôn lại').folded)).toBeNull();
  });

  it("one's own income tax settlement for a year is refused even where a catalogue declaration is in reach", () => {
    expect(refusedWhateverMatches(words('quyết toán thuế tncn năm nay nộp chỗ nào').folded)).toBe(true);
    const [asked] = talk('quyet toan thue thu nhap ca nhan nam 2025 lam sao ad');
    expect(asked!.record).toMatchObject({ intent: 'out_of_scope' });
  });

  it('the sea and a market price asked in English', () => {
    const [sea] = talk('Will a storm hit Quy Nhon tomorrow? How high will the waves be?');
    expect(sea!.record).toMatchObject({ intent: 'out_of_scope' });
    const [price] = talk('what is the price of black pepper today');
    expect(price!.record).toMatchObject({ intent: 'out_of_scope' });
  });
});

describe('complaints told as what an official did', () => {
  it('rudeness asked about rhetorically is a complaint, not a question', () => {
    expect(readGrievance('cô cán bộ ở quầy nói chuyện cộc lốc với mẹ tôi, làm như vậy có được không')).toBe('complaint');
    const [told] = talk('cô cán bộ ở quầy nói chuyện cộc lốc với mẹ tôi, làm như vậy có được không');
    expect(told!.record).toMatchObject({ intent: 'complaint' });
  });

  it('slowness, being made to copy papers over and over, being refused service', () => {
    expect(readGrievance('cán bộ thái độ chậm chạp, hỏi mấy lần ko ai trả lời')).toBe('complaint');
    expect(readGrievance('họ bắt tôi về công chứng lại giấy tờ tới 4 lần')).toBe('complaint');
    expect(readGrievance('phường không cho tôi nộp hồ sơ, bảo hôm khác quay lại')).toBe('complaint');
    // Asking how many times one may copy is no complaint.
    expect(readGrievance('công chứng bản sao được mấy lần')).toBeNull();
  });

  it('after a complaint, a short yes/no question about the procedure it named is that procedure’s question', () => {
    const [, , asked] = talk('tôi đi xin xác nhận cư trú mà cán bộ đòi thêm 300 nghìn mới làm', 'tôi tên Lan, ở thôn 3', 'làm giấy đó có mất tiền không');
    expect(asked!.record).toMatchObject({ decision: 'answer', procedureId: 'xac-nhan-cu-tru', aspect: 'fee' });
  });
});

describe('small requests in other words', () => {
  it('a person asked for as "cần người hỗ trợ" is a hand-off; help with a procedure is not', () => {
    expect(readGrievance('có ai không, em cần người hỗ trợ gấp')).toBe('handoff');
    expect(readGrievance('em cần người hỗ trợ làm thủ tục khai sinh')).toBeNull();
  });

  it('thanks that tell the matter done are thanks; thanks with a question ask it', () => {
    const [thanks] = talk('cảm ơn nha, hôm bữa hỏi vụ đăng ký tạm trú, làm xong rồi');
    expect(thanks!.record).toMatchObject({ intent: 'thanks' });
    const [asked] = talk('cảm ơn, đăng ký tạm trú xong rồi thì gia hạn ở đâu');
    expect(asked!.record.intent).toBe('procedure');
  });

  it('the hotline asked in English as "is there"', () => {
    const [hotline] = talk('Is there a hotline number?');
    expect(hotline!.record).toMatchObject({ intent: 'contacts' });
  });

  it('a household business moving to another kiosk is its change of registration', () => {
    const [moved] = talk('hộ kinh doanh của tôi ở chợ, giờ dọn sang ki ốt khác thì làm gì');
    expect(moved!.record).toMatchObject({ decision: 'answer', procedureId: 'thay-doi-ho-kinh-doanh' });
  });
});

describe('aspects asked in more words', () => {
  it('"văn bản quy định nào" asks the legal basis, "kiểu gì" how, "người làm chứng" the papers', () => {
    const [, legal] = talk('đăng ký khai tử cần giấy gì', 'việc này theo văn bản quy định nào');
    expect(legal!.record).toMatchObject({ procedureId: 'dang-ky-khai-tu', aspect: 'legal' });
    const [, how] = talk('khóa căn cước điện tử khi mất điện thoại', 'rồi mở lại kiểu gì');
    expect(how!.record).toMatchObject({ procedureId: 'khoa-mo-khoa-can-cuoc-dien-tu', aspect: 'steps' });
    const [, witness] = talk('đăng ký lại khai sinh cho ông nội', 'có cần người làm chứng không');
    expect(witness!.record).toMatchObject({ procedureId: 'dang-ky-lai-khai-sinh', aspect: 'documents' });
  });

  it('an English follow-up with "go to register" or "how many day" stays on the procedure', () => {
    const [, where, long] = talk('I want to register marriage with a Vietnamese woman, what documents?', 'Where do I go to register?', 'How many day?');
    expect(where!.record).toMatchObject({ decision: 'answer', procedureId: 'ket-hon-yeu-to-nuoc-ngoai', aspect: 'place' });
    expect(long!.record).toMatchObject({ decision: 'answer', procedureId: 'ket-hon-yeu-to-nuoc-ngoai', aspect: 'duration' });
  });
});

describe('second batch: a case told whole, two parts of a joint filing, a paper asked about', () => {
  it("guard, holds at the round start as well: an elderly person's whole case (an age, no pension, money asked) is the allowance", () => {
    const [told] = talk('Bà nội tôi năm nay 78 tuổi, cả đời làm ruộng, không có lương hưu. Nghe nói nhà nước có tiền hàng tháng cho người già, bà muốn làm thì lên đâu, có cần cháu đi cùng ký giấy không');
    expect(told!.record).toMatchObject({ decision: 'answer', procedureId: 'tro-cap-huu-tri-xa-hoi' });
  });

  it('two parts of the joint death filing asked together are the joint filing; a part told as done is not asked', () => {
    const [both] = talk('bà cụ nhà tôi mất rồi, giờ tôi xin hỏi đăng ký khai tử với xin hỗ trợ chi phí mai táng thì cần những gì');
    expect(both!.record).toMatchObject({ decision: 'answer', procedureId: 'lien-thong-khai-tu', aspect: 'documents' });
    const [one] = talk('cái hồ sơ vừa tra là khai sinh của con, bây giờ em muốn làm thẻ bảo hiểm y tế cho con thì làm sao');
    expect(one!.record).toMatchObject({ decision: 'answer', procedureId: 'the-bhyt' });
  });

  it('a paper asked about as one the procedure may need is its documents; a paper to be made is its own need', () => {
    const [, paper, made] = talk('làm căn cước cho con trai 15 tuổi cần gì', 'không cần giấy khai sinh hả ad', 'thế làm giấy khai sinh cho con gái mới sinh thì sao');
    expect(paper!.record).toMatchObject({ decision: 'answer', procedureId: 'cap-the-can-cuoc', aspect: 'documents' });
    expect(made!.record).toMatchObject({ decision: 'answer', procedureId: 'dang-ky-khai-sinh' });
    const [, either] = talk('mất sổ bảo hiểm xã hội thì làm lại sao', 'cần cmnd cũ hay cccd');
    expect(either!.record).toMatchObject({ procedureId: 'cap-lai-so-bhxh', aspect: 'documents' });
  });

  it('reads the paper question only when a procedure is talked about and nothing is to be made', () => {
    const u = { text: 'không cần giấy khai sinh hả', intent: 'procedure', decision: 'answer', procedureId: 'dang-ky-khai-sinh', followUp: false, alternatives: [] } as never;
    const codes = new Map([['cap-the-can-cuoc', '1.014061'], ['dang-ky-khai-sinh', '1.001193']]);
    expect(paperAsked(u, {}, codes)).toBeNull();
    expect(paperAsked(u, { lastProcedureId: 'cap-the-can-cuoc' }, codes)).toMatchObject({ procedureId: 'cap-the-can-cuoc', aspect: 'documents' });
    const make = { ...(u as object), text: 'có cần làm giấy khai sinh không' } as never;
    expect(paperAsked(make, { lastProcedureId: 'cap-the-can-cuoc' }, codes)).toBeNull();
  });

  it('a household business that stopped selling is closed; a register said gone in other words is the re-registration', () => {
    const [closed] = talk('tiệm tạp hóa hộ kinh doanh nhà tôi nghỉ buôn bán luôn rồi thì làm gì');
    expect(closed!.record).toMatchObject({ decision: 'answer', procedureId: 'cham-dut-ho-kinh-doanh' });
    const [gone] = talk('giấy khai sinh của mẹ tôi bị ướt nát, hỏi xã thì sổ hồi đó không còn');
    expect(gone!.record).toMatchObject({ decision: 'answer', procedureId: 'dang-ky-lai-khai-sinh' });
  });

  it('a correction naming the sibling meant settles the buttons it would open; "vụ giấy tờ" asks what is needed', () => {
    const [, meant] = talk('cấp lại sổ bhxh cần giấy gì', 'à nhầm, không phải sổ, ý tôi là thẻ bảo hiểm y tế');
    expect(meant!.record).toMatchObject({ decision: 'answer', procedureId: 'the-bhyt', aspect: 'documents' });
    const [vague] = talk('cho tui hỏi vụ giấy tờ');
    expect(vague!.record).toMatchObject({ intent: 'ask_need' });
    expect(readGrievance('bot trả lời vậy cũng tạm được')).toBe('feedback');
  });
});

describe('third batch: complaints told in more ways, vehicles, registers under water', () => {
  it('money asked beyond the fee, months without a result, a queue skipped are complaints; a remark that the bot told wrong is feedback', () => {
    expect(readGrievance('hôm qua lên xã làm sổ đỏ, cán bộ bắt nộp thêm 500 nghìn ngoài lệ phí, thế có đúng không')).toBe('complaint');
    expect(readGrievance('mẹ tôi nộp hồ sơ trợ cấp từ tháng 5 mà đến giờ vẫn chưa có kết quả gì')).toBe('complaint');
    expect(readGrievance('lên bộ phận một cửa ngồi chờ 2 tiếng rồi bị bỏ qua gọi người khác')).toBe('complaint');
    expect(readGrievance('hôm trước bot báo sai giờ làm việc của phường, xem lại giúp')).toBe('feedback');
  });

  it('a motorbike named by its model and a transfer asked in English are the vehicle registration', () => {
    const [model] = talk('mới mua lại chiếc Vision cũ của bạn, sang tên cần gì');
    expect(model!.record).toMatchObject({ decision: 'answer', procedureId: 'dang-ky-xe', aspect: 'documents' });
    const [english] = talk('I bought a used motorbike from my neighbour. How do I change the owner name?');
    expect(english!.record).toMatchObject({ decision: 'answer', procedureId: 'dang-ky-xe' });
  });

  it('guard, holds at the round start as well: a register sunk in a flood is gone; a father who wants to acknowledge his child is named', () => {
    const [sunk] = talk('giấy khai tử của bà bị mất, sổ ở xã cũ chìm trong lũ năm 2008 rồi, làm lại thế nào');
    expect(sunk!.record).toMatchObject({ decision: 'answer', procedureId: 'dang-ky-lai-khai-tu' });
    const [father] = talk('chồng em muốn nhận con, lúc làm khai sinh cho cháu chỉ có tên mẹ');
    expect(father!.record).toMatchObject({ decision: 'answer', procedureId: 'nhan-cha-me-con' });
  });

  it('fog and rain asked in English are weather; a result awaited is a duration; the CT01 form is a document', () => {
    const [fog] = talk('Will it be rainy in Sa Pa this weekend?');
    expect(fog!.record).toMatchObject({ intent: 'out_of_scope' });
    const [, waited] = talk('xác định khuyết tật cần gì', 'bao lâu thì có kết quả');
    expect(waited!.record).toMatchObject({ procedureId: 'xac-dinh-khuyet-tat', aspect: 'duration' });
    const [form] = talk('gia hạn tạm trú có cần tờ khai CT01 không');
    expect(form!.record).toMatchObject({ procedureId: 'gia-han-tam-tru', aspect: 'documents' });
  });
});

describe('fourth batch: overdue asked of a dossier, a storm coming', () => {
  it('"quá hẹn chưa" asked of a dossier with its code is its status, not a complaint', () => {
    const [asked] = talk('Hồ sơ tách thửa của mẹ tôi mã 000.00.53.H48-260105-0011, quá hẹn chưa ạ?');
    expect(asked!.record).toMatchObject({ intent: 'dossier_status' });
  });

  it('a storm said to be coming, asked in English, is weather', () => {
    const [storm] = talk('Will the ferry to Cu Lao Cham run? I heard a storm is coming.');
    expect(storm!.record).toMatchObject({ intent: 'out_of_scope' });
  });
});
