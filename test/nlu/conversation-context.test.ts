import { beforeAll, describe, expect, it } from 'vitest';
import { buildMatcher } from '../../src/nlu/matcher.js';
import { choiceIndex, parseChoice } from '../../src/nlu/choice.js';
import { afterDenial, afterSubjectChange } from '../../src/nlu/topic.js';
import { dialectVariants } from '../../src/nlu/dialect.js';
import { readGrievance } from '../../src/nlu/grievance.js';
import { readOfficeQuestion } from '../../src/nlu/office-question.js';
import { foldDiacritics, normaliseText } from '../../src/nlu/normalise.js';
import type { Matcher } from '../../src/nlu/types.js';
import { shippedKnowledge } from '../support/content.js';

// What the conversation so far tells a message: the circumstance of the people, the buttons open, the sibling a
// correction names, the bundle a story tells, the name a word cuts short. The whole knowledge base is loaded.
let matcher: Matcher;

beforeAll(async () => {
  matcher = buildMatcher(await shippedKnowledge());
});

const folded = (text: string) => foldDiacritics(normaliseText(text)).split(' ');

describe('a circumstance of the people carries to the next need', () => {
  it('birth after marriage with a foreigner is the birth with a foreign element', () => {
    const u = matcher.understand('Sau này có em bé thì làm khai sinh cho bé thế nào?', { lastProcedureId: 'ket-hon-yeu-to-nuoc-ngoai', lastAspect: 'place' });
    expect([u.decision, u.procedureId, u.followUp]).toEqual(['answer', 'khai-sinh-yeu-to-nuoc-ngoai', true]);
  });

  it('after the plain marriage, or with no conversation, birth stays plain', () => {
    expect(matcher.understand('Sau này có em bé thì làm khai sinh cho bé thế nào?', { lastProcedureId: 'dang-ky-ket-hon' }).procedureId).toBe('dang-ky-khai-sinh');
    expect(matcher.understand('làm khai sinh cho bé thế nào').procedureId).toBe('dang-ky-khai-sinh');
  });

  it('a qualifier of the act ("lại": re-registration) does not carry', () => {
    expect(matcher.understand('còn khai tử thì sao', { lastProcedureId: 'dang-ky-lai-khai-sinh' }).procedureId).not.toBe('dang-ky-lai-khai-tu');
  });
});

describe('a procedure named while buttons are open', () => {
  it('whose qualified twin is one of the buttons is that button', () => {
    const open = ['xoa-dang-ky-thuong-tru', 'xac-nhan-cu-tru', 'xoa-dang-ky-tam-tru'];
    const u = matcher.understand('Cái thường trú', { pendingCandidates: open });
    expect([u.decision, u.procedureId]).toEqual(['answer', 'xoa-dang-ky-thuong-tru']);
    expect(matcher.understand('thường trú ạ, hồi trước họ nhập khẩu vào đây', { pendingCandidates: ['xoa-dang-ky-tam-tru', 'xoa-dang-ky-thuong-tru'] }).procedureId).toBe('xoa-dang-ky-thuong-tru');
  });

  it('a question of its own that offers exactly one of them picks that one, for the aspect the buttons were asked for', () => {
    const open = ['xoa-dang-ky-thuong-tru', 'xac-nhan-cu-tru', 'xoa-dang-ky-tam-tru'];
    const u = matcher.understand('tạm trú', { pendingCandidates: open, lastAspect: 'documents' });
    expect([u.decision, u.procedureId]).toEqual(['answer', 'xoa-dang-ky-tam-tru']);
  });

  it('an office asked about is a contact question even then', () => {
    const u = matcher.understand('cho xin địa chỉ với sđt trung tâm dịch vụ việc làm', { pendingCandidates: ['tro-cap-that-nghiep', 'tthc-1-005411'] });
    expect(u.intent).toBe('contacts');
  });

  it('with no such button keeps its own reading', () => {
    const u = matcher.understand('đăng ký thường trú', { pendingCandidates: ['dang-ky-bien-dong-dat', 'dang-ky-xe'] });
    expect(u.procedureId).toBe('dang-ky-thuong-tru');
  });
});

describe('a correction that names a sibling of the last procedure', () => {
  it('answers the sibling, asked as the last one was', () => {
    const u = matcher.understand('Ấy chết, tôi định hỏi thường trú cơ', { lastProcedureId: 'dang-ky-tam-tru', lastAspect: 'fee' });
    expect([u.decision, u.procedureId, u.aspect]).toEqual(['answer', 'dang-ky-thuong-tru', 'fee']);
    const lost = matcher.understand('Xin lỗi, sổ nhà tôi có rồi nhưng bị mất, cần xin cấp lại', { lastProcedureId: 'cap-so-do-lan-dau', lastAspect: 'duration' });
    expect([lost.decision, lost.procedureId, lost.aspect]).toEqual(['answer', 'cap-lai-so-do', 'duration']);
  });

  it('asks when the first button shares nothing with the last procedure, or is what the message rules out', () => {
    const copy = matcher.understand('À khoan, tụi em đăng ký rồi nhưng làm mất giấy, giờ muốn xin bản sao', { lastProcedureId: 'dang-ky-ket-hon', lastAspect: 'documents' });
    expect([copy.decision, copy.procedureId]).not.toEqual(['answer', 'dang-ky-lai-ket-hon']);
    const notTemporary = matcher.understand('À không phải tạm trú, nó có hộ khẩu thường trú ở nhà tôi, giờ nó định cư nước ngoài rồi', { lastProcedureId: 'xoa-dang-ky-tam-tru', lastAspect: 'overview' });
    expect([notTemporary.decision, notTemporary.procedureId]).not.toEqual(['answer', 'dang-ky-tam-tru']);
  });

  it('so does a message that is no correction but says what sets the sibling apart', () => {
    const u = matcher.understand('à tui có giấy rồi, giờ muốn đổi địa chỉ cửa hàng thì cần giấy gì', { lastProcedureId: 'dang-ky-ho-kinh-doanh', lastAspect: 'documents' });
    expect([u.decision, u.procedureId, u.aspect]).toEqual(['answer', 'thay-doi-ho-kinh-doanh', 'documents']);
  });

  it('an amendment ("quên nói", "à ko") keeps the aspect asked before', () => {
    const u = matcher.understand('à ko, đất có sổ rồi, giờ muốn tách ra làm 2 sổ cho 2 đứa con', { lastProcedureId: 'cap-so-do-lan-dau', lastAspect: 'documents' });
    expect([u.procedureId, u.aspect]).toEqual(['tach-thua-dat', 'documents']);
  });
});

describe('a need told as the parts of a bundle', () => {
  it('three parts, or two asked together, are the bundle', () => {
    const story =
      'Ông nhà tôi mới mất tuần trước. Tôi già rồi không rành giấy tờ, mấy đứa con bảo phải đi báo tử, rồi cắt hộ khẩu, rồi nghe đâu còn có tiền hỗ trợ mai táng. Có cách nào làm một lần cho xong hết không cháu?';
    expect(matcher.understand(story).procedureId).toBe('lien-thong-khai-tu');
    expect(matcher.understand('bé chưa có giấy khai sinh, giờ muốn vừa khai sinh vừa nhận cha luôn').procedureId).toBe('khai-sinh-nhan-cha-me-con');
  });

  it('one part alone is that part', () => {
    expect(matcher.understand('ck e mất r, e muốn xin hỗ trợ mai tán cho ck').procedureId).toBe('ho-tro-mai-tang');
    expect(matcher.understand('đăng ký khai tử cần giấy tờ gì').procedureId).toBe('dang-ky-khai-tu');
  });
});

describe('follow-ups that lean on the last procedure', () => {
  it('a word that opens one of its names ("bằng" for "bằng lái") is that name cut short', () => {
    const u = matcher.understand('Đổi bằng thì tốn bao nhiêu?', { lastProcedureId: 'doi-giay-phep-lai-xe' });
    expect([u.decision, u.procedureId, u.aspect, u.followUp]).toEqual(['answer', 'doi-giay-phep-lai-xe', 'fee', true]);
    expect(matcher.understand('còn bằng đại học thì sao', { lastProcedureId: 'doi-giay-phep-lai-xe' }).procedureId).toBe('ban-sao-van-bang');
  });

  it('"lấy được" after a time question is picking up the result, not marrying', () => {
    const u = matcher.understand('mấy ngày thì lấy được vậy', { lastProcedureId: 'xac-nhan-tinh-trang-hon-nhan' });
    expect([u.decision, u.procedureId, u.aspect]).toEqual(['answer', 'xac-nhan-tinh-trang-hon-nhan', 'duration']);
  });

  it('a fee its own texts name stays on it, and the Southern "hông" names nothing', () => {
    const u = matcher.understand('có phải đóng tiền sử dụng đất hông', { lastProcedureId: 'cap-so-do-lan-dau' });
    expect([u.decision, u.procedureId, u.aspect]).toEqual(['answer', 'cap-so-do-lan-dau', 'fee']);
  });

  it('"lấy trong ngày" asks how long, and "certifying a copy" names the certification', () => {
    expect(matcher.understand('lấy trong ngày được không chị', { lastProcedureId: 'trich-luc-ho-tich' })).toMatchObject({ procedureId: 'trich-luc-ho-tich', aspect: 'duration', followUp: true });
    expect(matcher.understand('How much does certifying a copy cost?')).toMatchObject({ decision: 'answer', procedureId: 'chung-thuc-ban-sao', aspect: 'fee' });
  });

  it('a business licence asked for is one of the two registrations, not closing the business', () => {
    const u = matcher.understand('em tinh ra giay phep kinh doanh de buon ban online a');
    expect(u.decision).toBe('clarify');
    expect(u.alternatives.map((a) => a.procedureId)).toEqual(expect.arrayContaining(['dang-ky-ho-kinh-doanh', 'dang-ky-doanh-nghiep']));
  });

  it('"will" in an English question is no testament', () => {
    const u = matcher.understand('And how many days will it take?', { lastProcedureId: 'khai-sinh-yeu-to-nuoc-ngoai' });
    expect([u.decision, u.procedureId, u.aspect]).toEqual(['answer', 'khai-sinh-yeu-to-nuoc-ngoai', 'duration']);
  });
});

describe('what outweighs a follow-up', () => {
  it('a remark on the bot said outright is feedback, not a question about the last procedure', () => {
    const u = matcher.understand('bot trả lời sai rồi, hôm qua tôi ra xã người ta lấy khác', { lastProcedureId: 'chung-thuc-ban-sao', lastAspect: 'fee' });
    expect([u.intent, u.followUp]).toEqual(['feedback', false]);
  });

  it('"X thì Y": Y is the aspect asked', () => {
    expect(matcher.understand('photo công chứng bằng đại học ở ubnd xã thì tính tiền sao')).toMatchObject({ procedureId: 'chung-thuc-ban-sao', aspect: 'fee' });
    expect(matcher.understand('làm căn cước ở đâu')).toMatchObject({ aspect: 'place' });
  });
});

describe('a new subject announced first', () => {
  it('is read on its own', () => {
    expect(afterSubjectChange('Thôi hỏi cái khác, tuần này trời có mưa không bạn?')).toBe('tuần này trời có mưa không bạn?');
    expect(afterSubjectChange('hỏi cái khác nhé')).toBeNull();
    expect(afterSubjectChange('làm căn cước, cần gì')).toBeNull();
    const u = matcher.understand('Thôi hỏi cái khác, tuần này trời có mưa không bạn?', { lastProcedureId: 'an-toan-thuc-pham' });
    expect([u.intent, u.followUp]).toEqual(['out_of_scope', false]);
  });
});

describe('smaller readings', () => {
  it('"cái trước" / "cái sau" pick between two buttons only', () => {
    expect(parseChoice('cái sau')).toBe('latter');
    expect(parseChoice('cái trước nhé')).toBe('former');
    expect(parseChoice('sau')).toBeNull();
    expect(parseChoice('1 nha ad')).toBe(1);
    expect(choiceIndex('latter', 2)).toBe(1);
    expect(choiceIndex('former', 2)).toBe(0);
    expect(choiceIndex('latter', 3)).toBe(-1);
    expect(choiceIndex('last', 3)).toBe(2);
    expect(choiceIndex(2, 3)).toBe(1);
  });

  it('final consonants a Southern accent merges are variants; "ng", "nh", "ch" stay whole', () => {
    expect(dialectVariants('tan')).toContain('tang');
    expect(dialectVariants('sac')).toContain('sat');
    expect(dialectVariants('sac')).toContain('xac');
    expect(dialectVariants('ng')).toEqual([]);
    expect(dialectVariants('anh')).not.toContain('an');
  });

  it('a word typed right with its marks keeps its final consonant', () => {
    expect(matcher.understand('tiệm tạp hóa bị cháy hết hàng, có được giảm thuế thu nhập cá nhân cho hộ kinh doanh không').decision).toBe('answer');
  });

  it('petitions and nobody acting are complaints', () => {
    expect(readGrievance('Kính gửi UBND xã, tôi đề nghị xem xét đoạn đường bê tông thôn 3 bị xe tải cày nát mà không ai sửa')).toBe('complaint');
    expect(readGrievance('quá hạn rồi mà chưa ai gọi')).toBe('complaint');
  });

  it('the hotline of an office named after it is a contact question', () => {
    expect(readOfficeQuestion(folded('Cho xin số đường dây nóng của trung tâm phục vụ hành chính công tỉnh'))).toBe('phone');
    expect(readOfficeQuestion(folded('cho xin địa chỉ với số điện thoại trung tâm dịch vụ việc làm'))).toBe('phone');
  });

  it('"được hông" is "được không", and a leave to ask asks what is needed', () => {
    expect(matcher.understand('Em hỏi xíu được hông ạ').intent).toBe('ask_need');
  });
});

describe('seventh round: readings general to many messages', () => {
  it('a language asked for with a verb of talking is the language intent, whatever else the message tells', () => {
    const u = matcher.understand('em ơi chat tiếng anh đc ko, chồng chị người Úc muốn tự hỏi');
    expect([u.intent, u.language]).toEqual(['language', 'en']);
    expect(matcher.understand('dịch giấy khai sinh sang tiếng anh ở đâu').intent).toBe('procedure');
  });

  it('politics and an English divorce are refused as out of scope', () => {
    const politics = matcher.understand('bạn nghĩ sao về bầu cử tổng thống mỹ');
    expect([politics.intent, politics.intentId]).toEqual(['out_of_scope', 'out_of_scope.politics']);
    expect(matcher.understand('I want to file for divorce, where do I go?').intentId).toBe('out_of_scope.divorce');
  });

  it('an overdue dossier told with anger is a complaint, not a status query', () => {
    expect(readGrievance('hồ sơ đổi gplx của tôi quá hạn 2 tuần rồi mà chưa trả, làm ăn kiểu gì vậy')).toBe('complaint');
    expect(matcher.understand('hồ sơ đổi gplx của tôi quá hạn 2 tuần rồi mà chưa trả, làm ăn kiểu gì vậy').intent).toBe('complaint');
  });

  it('a pick said first, then a reason, is the pick; a digit ordered "first" is a digit', () => {
    expect(parseChoice('cái thứ hai, bằng gốc mất rồi')).toBe(2);
    expect(parseChoice('số 2 trước')).toBe(2);
    expect(parseChoice('hồ sơ số 2, nộp ở đâu')).toBeNull();
    // With nothing pending, "số 2 trước" is no criminal-record certificate no. 2.
    expect(matcher.understand('số 2 trước').intent).toBe('fallback');
  });

  it('two needs joined ("rượu với thuốc lá") ask which first', () => {
    const u = matcher.understand('Tiệm tạp hóa nhà tôi muốn bán thêm rượu với thuốc lá thì xin giấy phép ở đâu');
    expect(u.decision).toBe('clarify');
    expect(u.alternatives.map((a) => a.procedureId).sort()).toEqual(['giay-phep-ban-le-ruou', 'giay-phep-ban-le-thuoc-la']);
    expect(u.aspect).toBe('place');
    // A qualifier joined by "với" is one need.
    expect(matcher.understand('đăng ký kết hôn với người nước ngoài').decision).toBe('answer');
  });

  it('an opening "con" that can only be "còn" points back, and "nếu" names nothing', () => {
    const u = matcher.understand('con neu nghi han ko ban nua thi sao', { lastProcedureId: 'thay-doi-ho-kinh-doanh' });
    expect([u.decision, u.procedureId]).toEqual(['answer', 'cham-dut-ho-kinh-doanh']);
  });

  it('the family at large ("con cháu bảo") and reported speech name no child and no need', () => {
    const story =
      'Hai ông bà tôi cưới nhau từ năm 1975, có đăng ký ở xã hẳn hoi, giờ giấy kết hôn mất, xã nói sổ cũ cũng bị mối ăn không còn, con cháu bảo phải đăng ký lại, vậy làm thế nào';
    expect(matcher.understand(story).procedureId).toBe('dang-ky-lai-ket-hon');
    expect(matcher.understand('con cháu bảo phải làm').intent).not.toBe('procedure');
  });

  it('"luôn lúc" asks two parts of a bundle together', () => {
    expect(matcher.understand('đăng ký khai sinh cho con, bố cháu muốn nhận con luôn lúc làm khai sinh vì chưa cưới').procedureId).toBe('khai-sinh-nhan-cha-me-con');
  });

  it('aspect cues: days over money, hours, cheaper, "ở đó"', () => {
    expect(matcher.understand('lam lai can cuoc bi mat het bao nhieu ngay').aspect).toBe('duration');
    expect(matcher.understand('mấy tiếng thì có', { lastProcedureId: 'xac-nhan-cu-tru' }).aspect).toBe('duration');
    expect(matcher.understand('nộp online thì rẻ hơn đúng ko', { lastProcedureId: 'tach-ho' }).aspect).toBe('fee');
    expect(matcher.understand('Nộp hồ sơ cấp giấy phép xây dựng cũng ở đó luôn hả').aspect).toBe('place');
  });
});

describe("one's own thing, and nothing said of what to do with it", () => {
  it('asks among the procedures its name belongs to', () => {
    const u = matcher.understand('Hộ kinh doanh nhà tôi muốn làm thủ tục, nộp hồ sơ ở đâu?');
    expect(u.decision).toBe('clarify');
    expect(u.alternatives.map((a) => a.procedureId)).toEqual(expect.arrayContaining(['dang-ky-ho-kinh-doanh', 'thay-doi-ho-kinh-doanh', 'cham-dut-ho-kinh-doanh']));
    expect(u.aspect).toBe('place');
  });

  it('answers when another word of the name says which, or when "của tôi" belongs to someone else', () => {
    expect(matcher.understand('đăng ký hộ kinh doanh của tôi ở đâu').procedureId).toBe('dang-ky-ho-kinh-doanh');
    expect(matcher.understand('đăng ký hộ kinh doanh của tôi ở đâu').decision).toBe('answer');
    expect(matcher.understand('làm khai sinh cho con của tôi').decision).toBe('answer');
  });
});

describe('a name several procedures share, said after one of them was talked about', () => {
  it('means the one already talked about, and is listed for review', () => {
    const u = matcher.understand('bao lâu thì sang tên xong', { lastProcedureId: 'chung-thuc-hop-dong', recentProcedureIds: ['chung-thuc-hop-dong', 'dang-ky-bien-dong-dat'] });
    expect([u.decision, u.procedureId, u.aspect, u.narrow]).toEqual(['answer', 'dang-ky-bien-dong-dat', 'duration', true]);
  });

  it('still asks which when none or several of them were talked about', () => {
    expect(matcher.understand('bao lâu thì sang tên xong', { lastProcedureId: 'chung-thuc-hop-dong', recentProcedureIds: ['chung-thuc-hop-dong'] }).decision).toBe('clarify');
    expect(matcher.understand('bao lâu thì sang tên xong').decision).toBe('clarify');
    expect(matcher.understand('bao lâu thì sang tên xong', { recentProcedureIds: ['dang-ky-xe', 'dang-ky-bien-dong-dat'] }).decision).toBe('clarify');
  });
});

describe('eighth round: requests told by their shape', () => {
  const CODE = '000.00.12.H48-251118-0045';

  it('a code sent with "còn … nữa" is looked up; following and leaving need their own words', () => {
    expect(matcher.understand(`còn cái này nữa ${CODE}`).intent).toBe('dossier_status');
    expect(matcher.understand(`hồ sơ ${CODE} nữa`).intent).toBe('dossier_status');
    expect(matcher.understand(`theo dõi hồ sơ ${CODE} giúp tôi`).intent).toBe('follow_dossier');
    expect(matcher.understand(`thôi khỏi báo nữa ${CODE}`).intent).toBe('unfollow_dossier');
    expect(matcher.understand(`stop notifications for ${CODE}`).intent).toBe('unfollow_dossier');
  });

  it('an English correction names the aspect meant and the one not meant', () => {
    for (const text of ['Sorry, I meant the fee, not the processing time', 'I meant the fee not the duration', 'sorry, the fee']) {
      const u = matcher.understand(text, { lastProcedureId: 'ly-lich-tu-phap', lastAspect: 'duration' });
      expect([text, u.decision, u.procedureId, u.aspect]).toEqual([text, 'answer', 'ly-lich-tu-phap', 'fee']);
    }
    expect(matcher.understand('lệ phí chứ không phải là thời gian', { lastProcedureId: 'ly-lich-tu-phap' }).aspect).toBe('fee');
  });

  it('the online service failing the citizen is a complaint; asking how to use it is not', () => {
    expect(readGrievance('kiến nghị cổng dịch vụ công cả tuần nay ko đăng nhập được bằng VNeID')).toBe('complaint');
    expect(readGrievance('thử cả máy tính lẫn điện thoại đều báo lỗi hệ thống')).toBe('complaint');
    expect(readGrievance('làm sao đăng nhập cổng dịch vụ công bằng vneid')).toBeNull();
    expect(matcher.understand('kiến nghị cổng dịch vụ công cả tuần nay ko đăng nhập được bằng VNeID').intent).toBe('complaint');
  });

  it('a remark that the bot said too little is feedback', () => {
    expect(readGrievance('bot trả lời thiếu rồi, không nói mẫu đơn số mấy')).toBe('feedback');
  });

  it('the midday break, the working schedule and a number to reach someone are contact questions', () => {
    expect(readOfficeQuestion(folded('trưa có nghỉ không ạ'))).toBe('hours');
    expect(readOfficeQuestion(folded('mấy giờ nghỉ trưa'))).toBe('hours');
    expect(readOfficeQuestion(folded('lịch làm việc của bộ phận một cửa xã thế nào'))).toBe('hours');
    expect(readOfficeQuestion(folded('có số zalo nào để nhắn hỏi trực tiếp cán bộ không'))).toBe('phone');
    expect(readOfficeQuestion(folded('hôm qua trưa tôi có nghỉ ở nhà rồi chiều mới đi nộp hồ sơ khai sinh cho con'))).toBeNull();
    expect(matcher.understand('trua co nghi khong').intentId).toBe('contacts.hours');
  });

  it('a correction opening with what was not meant is read without it, and keeps the aspect asked', () => {
    const ctx = { lastProcedureId: 'ket-hon-yeu-to-nuoc-ngoai', lastAspect: 'place' as const };
    const u = matcher.understand('không phải kết hôn, tụi em cưới rồi, giờ làm khai sinh cho con, bố cháu là người Đài Loan', ctx);
    expect([u.decision, u.procedureId, u.aspect]).toEqual(['answer', 'khai-sinh-yeu-to-nuoc-ngoai', 'place']);
    expect(matcher.understand('not the passport, the ID card', { lastProcedureId: 'cap-ho-chieu', lastAspect: 'fee' }).procedureId).toBe('cap-the-can-cuoc');
    expect(afterDenial('không phải, ý tôi là lệ phí')).toBeNull();
    expect(afterDenial('đăng ký kết hôn, không phải khai sinh')).toBeNull();
  });

  it('where the citizen lives, said as the case, asks where to file the procedure talked about', () => {
    const u = matcher.understand('em đang ở trọ bên xã khác, đăng ký ở chỗ trọ được không hay phải về quê', { lastProcedureId: 'dang-ky-khai-sinh', lastAspect: 'fee' });
    expect([u.decision, u.procedureId, u.aspect, u.followUp]).toEqual(['answer', 'dang-ky-khai-sinh', 'place', true]);
    expect(matcher.understand('còn đăng ký tạm trú ở đâu', { lastProcedureId: 'dang-ky-khai-sinh' }).procedureId).toBe('dang-ky-tam-tru');
    expect(matcher.understand('còn tạm trú thì sao', { lastProcedureId: 'dang-ky-thuong-tru', lastAspect: 'fee' }).procedureId).toBe('dang-ky-tam-tru');
  });

  it('the register said gone and no record named asks which record to register again', () => {
    const u = matcher.understand('Sổ hộ tịch ở xã bị cháy hết từ hồi chiến tranh, giờ tôi muốn đăng ký lại');
    expect(u.decision).toBe('clarify');
    expect(u.alternatives.map((a) => a.procedureId).sort()).toEqual(['dang-ky-lai-ket-hon', 'dang-ky-lai-khai-sinh', 'dang-ky-lai-khai-tu']);
  });

  it('being late or fined is a condition of the procedure talked about, not a new topic', () => {
    const ctx = { lastProcedureId: 'dang-ky-khai-sinh', lastAspect: 'fee' as const };
    for (const text of ['e đi làm trễ hơn 2 tháng rồi có sao k', 'làm trễ 2 tháng có bị phạt không']) {
      const u = matcher.understand(text, ctx);
      expect([text, u.decision, u.procedureId, u.followUp]).toEqual([text, 'answer', 'dang-ky-khai-sinh', true]);
    }
    expect(matcher.understand('hồ sơ nộp tuần trước trễ hẹn 2 ngày rồi mà chưa có kết quả', ctx).intent).toBe('complaint');
    expect(matcher.understand('còn khai tử trễ thì sao', ctx).procedureId).toBe('dang-ky-khai-tu');
  });

  it('certification named without its kind asks which kind; a kind named answers', () => {
    for (const text of ['Tôi cần làm chứng thực', 'chứng thực giấy tờ ở xã mất bao lâu', 'công chứng giấy tờ ở đâu']) {
      const u = matcher.understand(text);
      expect([text, u.decision]).toEqual([text, 'clarify']);
      expect(u.alternatives.filter((a) => a.procedureId.startsWith('chung-thuc-')).length).toBeGreaterThanOrEqual(2);
    }
    // The four kinds share the name: all four are offered (with "not listed", Zalo's five buttons).
    expect(matcher.understand('Tôi cần làm chứng thực').alternatives.map((a) => a.procedureId).sort()).toEqual(['chung-thuc-ban-sao', 'chung-thuc-chu-ky', 'chung-thuc-chu-ky-nguoi-dich', 'chung-thuc-hop-dong']);
    expect(matcher.understand('sao y bản chính căn cước ở xã được không').procedureId).toBe('chung-thuc-ban-sao');
    expect(matcher.understand('photo công chứng').procedureId).toBe('chung-thuc-ban-sao');
    expect(matcher.understand('chứng thực chữ ký').procedureId).toBe('chung-thuc-chu-ky');
    expect(matcher.understand('công chứng hợp đồng mua bán đất').procedureId).toBe('chung-thuc-hop-dong');
  });

  it('checking a filed dossier\'s status, and abbreviations of hospitals and income tax', () => {
    expect(matcher.understand('Tôi nộp hồ sơ xin cấp đổi căn cước, giờ muốn kiểm tra tình trạng thì sao?').intent).toBe('dossier_status');
    expect(matcher.understand('bạn đặt lịch khám ở bv nhi giúp mình đc ko').intentId).toBe('out_of_scope.medical');
  });

  it('the commune\'s old books said to be gone is a re-registration', () => {
    const u = matcher.understand('bố tôi mất năm 1979, có khai tử ở xã, giấy tờ thất lạc hết, cán bộ nói sổ sách cũ không còn nữa, giờ tôi phải làm sao');
    expect([u.decision, u.procedureId]).toEqual(['answer', 'dang-ky-lai-khai-tu']);
  });

  it('a thing registered long ago is not to be registered again: what changes is the need', () => {
    const u = matcher.understand('hộ kd của em đăng ký từ 2020, giờ chuyển chỗ bán sang địa chỉ khác thì phải làm gì');
    expect([u.decision, u.procedureId]).toEqual(['answer', 'thay-doi-ho-kinh-doanh']);
    expect(matcher.understand('đăng ký hộ kinh doanh cần giấy tờ gì').procedureId).toBe('dang-ky-ho-kinh-doanh');
  });
});

describe('ninth round: a lost paper, and questions about one\'s case', () => {
  it('a civil-status paper said lost asks between a copy from the register and re-registration', () => {
    for (const text of ['bị mất giấy khai sinh rồi, xin lại ở đâu vậy', 'I lost my birth certificate, what should I do?']) {
      const u = matcher.understand(text);
      expect(u.decision, text).toBe('clarify');
      expect(u.alternatives.map((a) => a.procedureId).slice(0, 2).sort(), text).toEqual(['dang-ky-lai-khai-sinh', 'trich-luc-ho-tich']);
    }
    const death = matcher.understand('giấy chứng tử của mẹ tôi bị thất lạc');
    expect([death.decision, death.alternatives.map((a) => a.procedureId)]).toEqual(['clarify', ['trich-luc-ho-tich', 'dang-ky-lai-khai-tu']]);
  });

  it('a lost paper whose copy is asked, or whose register is spoken of, is answered; a person who died is not a paper', () => {
    expect(matcher.understand('làm mất bản chính giấy khai sinh, xin cấp bản sao').procedureId).toBe('trich-luc-ho-tich');
    const gone = matcher.understand('giấy khai sinh bị mất, xã nói sổ lưu cũng không còn');
    expect([gone.decision, gone.procedureId]).toEqual(['answer', 'dang-ky-lai-khai-sinh']);
    const died = matcher.understand('bố tôi bị mất hôm qua, làm khai tử ở đâu');
    expect([died.decision, died.procedureId]).toEqual(['answer', 'dang-ky-khai-tu']);
  });

  it('a yes/no question about one\'s case that only brushes another procedure stays on the one talked about', () => {
    const u = matcher.understand('bà hổng đi lại được thì có ai tới nhà coi giùm hông', { lastProcedureId: 'xac-dinh-khuyet-tat' });
    expect([u.decision, u.procedureId, u.followUp]).toEqual(['answer', 'xac-dinh-khuyet-tat', true]);
    // "có … không hay …" asks yes or no too, though the message goes on.
    const both = matcher.understand('hom do co bat buoc ca hai cung di khong hay mot nguoi di la du', { lastProcedureId: 'dang-ky-ket-hon' });
    expect([both.decision, both.procedureId, both.followUp]).toEqual(['answer', 'dang-ky-ket-hon', true]);
  });

  it('where one lives said as the case does not make the residence procedure the topic', () => {
    for (const text of ['anh đi làm ở Bình Dương mà thường trú ở Quảng Ngãi, làm ngoài đó được không', 'tôi ở Hà Nội nhưng thường trú ở Nam Định, nộp ngoài Hà Nội được không']) {
      const u = matcher.understand(text, { lastProcedureId: 'cap-ho-chieu' });
      expect([u.decision, u.procedureId, u.followUp], text).toEqual(['answer', 'cap-ho-chieu', true]);
    }
    // Named with its verb, it is the residence procedure.
    expect(matcher.understand('đăng ký thường trú ở Quảng Trị cần gì', { lastProcedureId: 'cap-ho-chieu' }).procedureId).toBe('dang-ky-thuong-tru');
  });

  it('a question that a catalogue procedure answers, however weakly, is not carried over', () => {
    const u = matcher.understand('đất nhà tôi bị lấn chiếm thì có kiện được không', { lastProcedureId: 'dang-ky-ket-hon' });
    expect(u.procedureId).not.toBe('dang-ky-ket-hon');
    expect(u.followUp).toBe(false);
  });
});

describe('tenth round: old age is not a price', () => {
  it('"người già thế nào" asks how, not what it costs, typed with or without accents', () => {
    for (const text of ['làm trợ cấp người già thế nào', 'tro cap cho nguoi gia the nao']) {
      const u = matcher.understand(text);
      expect(u.aspect, text).not.toBe('fee');
      expect([...u.alternatives.map((a) => a.procedureId), u.procedureId], text).toContain('tro-cap-huu-tri-xa-hoi');
    }
  });

  it('a price is still a price', () => {
    expect(matcher.understand('làm hộ chiếu giá bao nhiêu').aspect).toBe('fee');
    expect(matcher.understand('lam ho chieu gia the nao').aspect).toBe('fee');
  });

  it('an elderly allowance asked in English is one of the two old-age allowances, not a fallback', () => {
    const u = matcher.understand('elderly allowance');
    expect(u.intent).toBe('procedure');
    const ids = [u.procedureId, ...u.alternatives.map((a) => a.procedureId)];
    expect(ids).toContain('tro-cap-huu-tri-xa-hoi');
    expect(ids).toContain('tro-cap-xa-hoi');
  });
});

describe('tenth round: what is not meant, what is lacking, sums and places', () => {
  it('a closing "chứ không phải …" drops the procedure it names', () => {
    const u = matcher.understand('không, tôi muốn lập doanh nghiệp chứ không phải hộ kinh doanh', { lastProcedureId: 'dang-ky-ho-kinh-doanh', lastAspect: 'duration' });
    expect([u.decision, u.procedureId]).toEqual(['answer', 'dang-ky-doanh-nghiep']);
    const v = matcher.understand('nham, thuoc la chu ko phai ruou', { lastProcedureId: 'giay-phep-ban-le-ruou' });
    expect([v.decision, v.procedureId]).toEqual(['answer', 'giay-phep-ban-le-thuoc-la']);
  });

  it('something of the case missing or refused, asked "thì sao", stays on the procedure talked about', () => {
    const u = matcher.understand('nhà chồng chưa có sổ đỏ thì sao ạ', { lastProcedureId: 'dang-ky-thuong-tru', lastAspect: 'documents' });
    expect([u.procedureId, u.followUp]).toEqual(['dang-ky-thuong-tru', true]);
    const v = matcher.understand('chu tro ko chiu ky xac nhan thi sao', { lastProcedureId: 'dang-ky-tam-tru' });
    expect([v.procedureId, v.followUp]).toEqual(['dang-ky-tam-tru', true]);
    // "còn …" opens another need.
    expect(matcher.understand('còn sổ đỏ thì sao', { lastProcedureId: 'dang-ky-thuong-tru' }).procedureId).not.toBe('dang-ky-thuong-tru');
  });

  it('a sum of money asks or checks the fee', () => {
    for (const text of ['8k 1 ban dung ko', 'nghe nói 50.000đ phải không', '2 triệu hả']) {
      const u = matcher.understand(text, { lastProcedureId: 'trich-luc-ho-tich' });
      expect([u.procedureId, u.aspect], text).toEqual(['trich-luc-ho-tich', 'fee']);
    }
    expect(matcher.understand('con 3 tuoi', { lastProcedureId: 'cap-the-can-cuoc' }).aspect).not.toBe('fee');
  });

  it('a choice between two places asks where', () => {
    const u = matcher.understand('nộp ở trường mới hay lên sở', { lastProcedureId: 'chuyen-truong' });
    expect([u.decision, u.procedureId, u.aspect]).toEqual(['answer', 'chuyen-truong', 'place']);
    const v = matcher.understand('xin giấy ở trường cũ hay ở phòng giáo dục', { lastProcedureId: 'chuyen-truong' });
    expect([v.decision, v.procedureId, v.aspect]).toEqual(['answer', 'chuyen-truong', 'place']);
  });

  it('"hồ sơ đó" points back to the file talked about; it is no "sổ đỏ" and no office', () => {
    const u = matcher.understand('hồ sơ đó nộp ở chỗ nào', { lastProcedureId: 'lien-thong-khai-tu' });
    expect([u.intent, u.procedureId, u.aspect]).toEqual(['procedure', 'lien-thong-khai-tu', 'place']);
  });

  it('a denial closing a clause leaves the clause after it: "…chứ không phải ở viện, không có giấy báo tử thì sao"', () => {
    const u = matcher.understand('bà mất ở nhà chứ không phải ở viện, không có giấy báo tử thì sao', { lastProcedureId: 'dang-ky-khai-tu', lastAspect: 'documents' });
    expect([u.decision, u.procedureId, u.aspect]).toEqual(['answer', 'dang-ky-khai-tu', 'documents']);
  });

  it('a correction giving an age moves to the age-bounded twin', () => {
    const u = matcher.understand('à nhầm, bé lớn 15 tuổi rồi, tôi nhớ nhầm sang đứa út', { lastProcedureId: 'can-cuoc-duoi-6-tuoi' });
    expect([u.decision, u.procedureId]).toEqual(['answer', 'cap-the-can-cuoc']);
    expect(matcher.understand('nhầm, bé mới 3 tuổi', { lastProcedureId: 'cap-the-can-cuoc' }).procedureId).toBe('can-cuoc-duoi-6-tuoi');
  });

  it('"đất" typed without accents is land, not "đắt"; the land-use levy is no criminal record', () => {
    const u = matcher.understand('co phai dong tien su dung dat ko', { lastProcedureId: 'cap-so-do-lan-dau' });
    expect([u.procedureId, u.aspect]).toEqual(['cap-so-do-lan-dau', 'fee']);
    expect(matcher.understand('lam so do co dat khong').aspect).toBe('fee');
  });

  it('a husband or wife said is no divorce; a divorce said in English is', () => {
    expect(matcher.understand('chong em o tinh khac thi nop o dau', { lastProcedureId: 'dang-ky-ket-hon' }).intent).toBe('procedure');
    expect(matcher.understand('I want to divorce my Vietnamese husband. Can the commune office handle that?').intent).toBe('out_of_scope');
    expect(matcher.understand('ly hôn làm ở đâu').intent).toBe('out_of_scope');
  });

  it('marrying a Vietnamese, asked in English, is a marriage with a foreign element', () => {
    expect(matcher.understand('I want to marry a Vietnamese woman. What documents do I need?').procedureId).toBe('ket-hon-yeu-to-nuoc-ngoai');
    expect(matcher.understand('how do I get a certificate of my marital status?').procedureId).toBe('xac-nhan-tinh-trang-hon-nhan');
  });

  it('indignation at the desk is a complaint', () => {
    expect(matcher.understand('Tôi già rồi đi lại khó khăn, lên xã ba lần mà cán bộ cứ bảo thiếu giấy, tôi rất bức xúc').intent).toBe('complaint');
  });
});

describe('eleventh session: what the conversation already holds', () => {
  it('a language asked for with a question about the procedure talked about answers it in that language', () => {
    const ctx = { lastProcedureId: 'cap-the-can-cuoc', lastAspect: 'documents' as const };
    const u = matcher.understand('ok giờ nói tiếng Việt cho vợ tôi đọc, phí bao nhiêu', ctx);
    expect([u.intent, u.procedureId, u.aspect, u.language]).toEqual(['procedure', 'cap-the-can-cuoc', 'fee', 'vi']);
    const v = matcher.understand('please answer in English, how long does it take', ctx);
    expect([v.intent, v.procedureId, v.aspect, v.language]).toEqual(['procedure', 'cap-the-can-cuoc', 'duration', 'en']);
    // The request alone is still the language intent.
    expect(matcher.understand('nói tiếng việt đi', ctx).intent).toBe('language');
  });

  it('a message closing with thanks, nothing else understood, is thanks; a question with thanks is the question', () => {
    expect(matcher.understand('ok mai tôi mang lên bổ sung, cảm ơn').intent).toBe('thanks');
    const q = matcher.understand('làm khai sinh ở đâu, cảm ơn');
    expect([q.intent, q.procedureId]).toEqual(['procedure', 'dang-ky-khai-sinh']);
  });

  it('the commune said to keep no record makes the re-registration of the paper named', () => {
    const u = matcher.understand('còn bà nội mất năm 1995, hồi đó có khai tử mà giấy thất lạc, xã cũng không lưu, giờ làm lại được không', { lastProcedureId: 'dang-ky-lai-khai-sinh' });
    expect([u.decision, u.procedureId]).toEqual(['answer', 'dang-ky-lai-khai-tu']);
  });
});
