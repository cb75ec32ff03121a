import { beforeAll, describe, expect, it } from 'vitest';
import { readGrievance } from '../../src/nlu/grievance.js';
import { buildMatcher } from '../../src/nlu/matcher.js';
import { normaliseText, syllables } from '../../src/nlu/normalise.js';
import { readOfficeQuestion } from '../../src/nlu/office-question.js';
import { readsStatusQuestion } from '../../src/nlu/status-question.js';
import type { Matcher } from '../../src/nlu/types.js';
import { shippedKnowledge } from '../support/content.js';

let matcher: Matcher;
beforeAll(async () => {
  matcher = buildMatcher(await shippedKnowledge());
});

const words = (text: string): string[] => syllables(normaliseText(text)).folded;
const CODE = '000.00.53.H48-260115-0020';

describe('a dossier code told with a grievance', () => {
  it('looks the dossier up when it is only told returned or asked about as late', () => {
    for (const text of [`Hồ sơ ${CODE} bị trả lại mà không rõ lý do`, `hồ sơ tách thửa mã ${CODE} sao quá hẹn rồi vẫn chưa có`]) {
      expect(matcher.understand(text), text).toMatchObject({ intent: 'dossier_status', dossierCode: CODE });
    }
  });

  it('files a complaint about it when mistreatment or a runaround is told, or a complaint is named', () => {
    for (const text of [`Hồ sơ ${CODE} trễ hẹn gần 1 tháng rồi, không ai gọi báo gì hết`, `Tôi muốn khiếu nại: hồ sơ ${CODE} trễ hạn, lên xã thì cán bộ bảo về chờ`]) {
      expect(matcher.understand(text), text).toMatchObject({ intent: 'complaint', dossierCode: CODE });
    }
  });

  it('reads "sao … vẫn chưa có" after a dossier as a status question', () => {
    expect(readsStatusQuestion(words('hồ sơ của tôi sao quá hẹn rồi vẫn chưa có'))).toBe(true);
    expect(readsStatusQuestion(words('hồ sơ của tôi trễ hẹn hai tuần rồi'))).toBe(false);
  });
});

describe('a remark on the facts the bot gave', () => {
  it('is feedback, not the procedure it names, when it asks nothing', () => {
    for (const text of ['thông tin bot đưa về thời gian làm hộ chiếu cũ rồi', 'Thông tin lệ phí bot đưa ra khác với phường thu, bot cập nhật lại đi']) {
      expect(readGrievance(text), text).toBe('feedback');
      expect(matcher.understand(text).intent, text).toBe('feedback');
    }
  });

  it('leaves a question asked with it to the procedure', () => {
    expect(matcher.understand('bot nói lệ phí hộ chiếu cũ rồi, vậy giờ làm hộ chiếu hết bao nhiêu tiền')).toMatchObject({ intent: 'procedure', procedureId: 'cap-ho-chieu' });
  });

  it('"hành dân" said of the officials is a complaint', () => {
    expect(readGrievance('sao nhân viên bảo hiểm xã hội bắt tôi photo công chứng cả chục thứ giấy, hành dân quá')).toBe('complaint');
    expect(matcher.understand('sao nhân viên bảo hiểm xã hội bắt tôi photo công chứng cả chục thứ giấy, hành dân quá').intent).toBe('complaint');
    // "thi hành án dân sự" holds "hành" and "dân" apart: no grievance.
    expect(readGrievance('đơn yêu cầu thi hành án dân sự cần kèm giấy tờ gì')).toBeNull();
  });
});

describe('short messages that name nothing', () => {
  it('a bare number that is no pick falls back, with or without a greeting before', () => {
    for (const text of ['15', '#20', '300.']) expect(matcher.understand(text).intent, text).toBe('fallback');
    expect(matcher.understand('15', { pendingCandidates: [] }).intent).toBe('fallback');
  });

  it('a closing "thôi" names nothing: a correction of the aspect keeps the procedure', () => {
    const u = matcher.understand('nhầm, em chỉ hỏi lệ phí thôi', { lastProcedureId: 'cai-chinh-ho-tich', lastAspect: 'steps' });
    expect(u).toMatchObject({ intent: 'procedure', procedureId: 'cai-chinh-ho-tich', aspect: 'fee', followUp: true });
  });

  it('what the bot can do asked in so many words is help; leave to ask is still asked what is needed', () => {
    for (const text of ['em giúp được gì cho anh', 'Em giúp được những việc gì?', 'bạn làm được gì']) expect(matcher.understand(text).intent, text).toBe('help');
    for (const text of ['cho hỏi thủ tục', 'cho mình hỏi xíu', 'lệ phí bao nhiêu']) expect(matcher.understand(text).intent, text).toBe('ask_need');
  });
});

describe('the second batch of the fifteenth round', () => {
  it('a button named word for word is answered when nothing of the other buttons\' names is said besides', () => {
    // Offered first for "dưới 6 tuổi", the child's ID card: "căn cước" is not said.
    expect(matcher.understand('thẻ bảo hiểm y tế cho con dưới 6 tuổi làm sao')).toMatchObject({ decision: 'answer', procedureId: 'the-bhyt', narrow: true });
    expect(matcher.understand('Em sắp cưới, bên nhà trai đòi giấy xác nhận độc thân, em xin ở đâu ạ')).toMatchObject({ decision: 'answer', procedureId: 'xac-nhan-tinh-trang-hon-nhan', aspect: 'place' });
    // "căn cước" said besides: the health-insurance card is not picked over it.
    expect(matcher.understand('thẻ bảo hiểm y tế với căn cước cho con dưới 6 tuổi làm sao').procedureId).not.toBe('the-bhyt');
  });

  it('several things done "chung một lần" is no BHXH paid "một lần"', () => {
    const story = 'Ông nhà tôi mất hôm mùng 5 ở nhà. Đám xong xuôi rồi, con cháu bảo phải ra xã khai tử, rồi còn cắt khẩu, lại nghe nói ông là thương binh thì được tiền mai táng. Có làm chung một lần được không hay phải đi mấy nơi';
    expect(matcher.understand(story).procedureId).toBe('lien-thong-khai-tu');
    expect(matcher.understand('Tôi đang hưởng trợ cấp thất nghiệp, giờ muốn rút bảo hiểm xã hội một lần luôn được không?').procedureId).toBe('bhxh-mot-lan');
  });

  it('a holiday asked about with a need added is still a contact question; a lawsuit over land is out of scope', () => {
    expect(matcher.understand('ngày lễ 30/4 có ai trực không ạ, em cần làm giấy gấp').intent).toBe('contacts');
    expect(matcher.understand('Alo, có ai trực không').intent).toBe('greeting');
    expect(matcher.understand('tranh chấp đất với nhà hàng xóm, muốn kiện ra tòa thì làm sao').intent).toBe('out_of_scope');
  });
});

describe('the third batch of the fifteenth round', () => {
  it('a child born in Cambodia is a birth with a foreign element', () => {
    expect(matcher.understand('Con tui sanh bên Campuchia, chưa làm giấy khai sinh, cha nó người Việt, giờ về Bù Đốp ở').procedureId).toBe('khai-sinh-yeu-to-nuoc-ngoai');
    expect(matcher.understand('My baby was born in Cambodia and was never registered there. How do I register the birth?').procedureId).toBe('khai-sinh-yeu-to-nuoc-ngoai');
  });

  it('an office with a place name after it, or an English centre, asked about is a contact question', () => {
    expect(matcher.understand('Chi nhánh văn phòng đăng ký đất đai Bình Long ở đâu vậy').intent).toBe('contacts');
    expect(matcher.understand('What are the opening hours of the Da Nang Public Administration Centre?').intent).toBe('contacts');
    // A filing verb between: where the procedure is filed.
    expect(matcher.understand('văn phòng đăng ký đất đai nộp hồ sơ ở đâu').intent).toBe('procedure');
  });

  it('promises broken with words between, and money taken without a receipt, are complaints', () => {
    expect(readGrievance('phan anh: can bo xa hen tui 3 lan roi van chua lam giay xac nhan ho ngheo')).toBe('complaint');
    expect(matcher.understand('phan anh: can bo xa Tam Xuan hen tui 3 lan roi van chua lam giay xac nhan ho ngheo').intent).toBe('complaint');
    expect(matcher.understand('với lại cán bộ công an phường thu tiền không đưa biên lai, tui muốn phản ánh').intent).toBe('complaint');
  });

  it('"bot này hỗ trợ những việc gì" asks for help', () => {
    expect(matcher.understand('tui người Stiêng ở Bù Gia Mập, chữ nghĩa ít, bot này hỗ trợ những việc gì').intent).toBe('help');
  });
});

describe('the fourth batch of the fifteenth round', () => {
  it('southern "hết nhiêu tiền" after a procedure asks its fee', () => {
    expect(matcher.understand('Vậy phí làm lại hết nhiêu tiền ạ', { lastProcedureId: 'cap-ho-chieu', lastAspect: 'overview' })).toMatchObject({ intent: 'procedure', procedureId: 'cap-ho-chieu', aspect: 'fee' });
  });

  it('an office\'s hours asked for with generic words, and a message headed "Phản ánh:", are what they say', () => {
    expect(matcher.understand('cho xin giờ làm việc của bộ phận một cửa').intent).toBe('contacts');
    expect(matcher.understand('Phản ánh: bộ phận một cửa xã đóng cửa trong giờ hành chính, tôi đi 30 cây số đường núi đến mà không ai làm').intent).toBe('complaint');
  });
});

describe('the fifth batch of the fifteenth round (complaints and elderly stories)', () => {
  it('reads more runarounds, a portal that logs one out, and a petition that opens by naming the office', () => {
    for (const text of [
      'Eng ơi, tui lên xã xin cái giấy xác nhận cư trú ba bận rồi mà cán bộ cứ biểu chừ bận, mai lên. Răng mà khổ rứa?',
      'Tui gọi đường dây nóng phường từ sáng tới giờ hổng ai bắt máy hết trơn, bực quá trời.',
      'Đăng nhập bằng VNeID vào dịch vụ công toàn bị văng ra, thử 5 lần rồi, mất cả buổi sáng.',
      'Cán bộ bảo về lấy thêm giấy này giấy kia, đi đi về về bốn lần vẫn chưa xong, tôi mệt lắm các cháu ạ.',
      'Kiến nghị UBND xã bố trí làm việc sáng thứ Bảy để công nhân còn có thời gian đi làm thủ tục.',
    ]) {
      expect(readGrievance(text), text).toBe('complaint');
    }
    // A petition that asks how a procedure goes is the procedure's question.
    expect(readGrievance('kiến nghị xã cho tôi hỏi thủ tục tách thửa làm thế nào')).toBeNull();
  });

  it('asks for a person in English or for an official to call back; the bot saying it does not understand is feedback', () => {
    expect(readGrievance('This chatbot keeps giving me answers that don\'t help. Please connect me to a real staff member.')).toBe('handoff');
    expect(readGrievance('Tôi cần cán bộ gọi lại tư vấn về hồ sơ nhận cha cho con.')).toBe('handoff');
    expect(readGrievance('Hỏi gì chatbot này cũng bảo không hiểu, phí thời gian.')).toBe('feedback');
  });

  it('a commune\'s own contact asked by name, a ward office in English, and "dùng cái này thế nào" are read', () => {
    expect(matcher.understand('Vậy cho tui xin địa chỉ với giờ làm việc của phường Bến Thành để tui lên thẳng luôn.').intent).toBe('contacts');
    expect(readOfficeQuestion(words('What\'s the address of the ward office?'))).toBe('address');
    expect(readOfficeQuestion(words('cho xin số điện thoại xã Tam Xuân'))).toBe('phone');
    expect(matcher.understand('Dùng cái này thế nào em?').intent).toBe('help');
  });

  it('a dossier whose code is forgotten is a status question; a plot cut into several certificates is split', () => {
    expect(matcher.understand('Mẹ tôi nộp hồ sơ hỗ trợ mai táng cho bố mà tôi không nhớ mã, xem giúp được không?').intent).toBe('dossier_status');
    const story = 'Ông bà tôi để lại cho bố tôi mảnh đất vườn gần hai nghìn mét, sổ đỏ đứng tên bố tôi. Bố tôi năm nay 81 tuổi, muốn chia làm ba phần cho ba anh em tôi, mỗi người một sổ riêng. Cắt mảnh đất ra làm ba sổ thì làm thủ tục gì?';
    expect(matcher.understand(story).procedureId).toBe('tach-thua-dat');
  });
});
