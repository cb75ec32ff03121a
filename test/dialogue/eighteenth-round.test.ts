import { beforeAll, describe, expect, it } from 'vitest';
import { dialectVariants } from '../../src/nlu/dialect.js';
import { asksForWriting, readRefusedTopic } from '../../src/nlu/refused-topic.js';
import { ageSaid } from '../../src/nlu/stated-case.js';
import { foldDiacritics } from '../../src/nlu/normalise.js';
import { asksProcedure, readGrievance } from '../../src/nlu/grievance.js';
import { shippedConversations, type Said } from './fixtures/talk.js';

/** Conversations through the real content, matcher and dialogue: what the eighteenth round changed. */
let talk: (...messages: string[]) => Said[];
beforeAll(async () => {
  talk = await shippedConversations();
});

const intentsOf = (texts: string[]): string[] => texts.map((text) => talk(text)[0]!.record.intent);

describe('a name said in full settles the buttons', () => {
  it('weighs the longest name said: "chứng thực bản sao bằng tốt nghiệp" is the certified copy, not the copy from the register', () => {
    const [said] = talk('chứng thực bản sao bằng tốt nghiệp cấp 3 thì bao nhiêu tiền một bản');
    expect(said!.record).toMatchObject({ decision: 'answer', procedureId: 'chung-thuc-ban-sao', aspect: 'fee' });
  });

  it('reads the name as the matcher repaired it ("trứng thực" typed for "chứng thực")', () => {
    const [said] = talk('trứng thực bản sao bằng tốt nghiệp mất mấy nghìn 1 trang');
    expect(said!.record).toMatchObject({ decision: 'answer', procedureId: 'chung-thuc-ban-sao' });
  });

  it('still asks when the message names the register the copy comes from', () => {
    const [said] = talk('xin bản sao bằng tốt nghiệp từ sổ gốc hay chứng thực bản photo, cái nào nhanh hơn');
    expect(said!.record.procedureId).not.toBe('chung-thuc-ban-sao');
  });
});

describe('spellings and regional words', () => {
  it('repairs teen-code "j" for "gi" where the neighbours say so', () => {
    expect(dialectVariants('jay')).toContain('giay');
    const [, asked] = talk('đăng ký tạm trú cho con gái đi học', 'cần những jấy tờ j');
    expect(asked!.record).toMatchObject({ intent: 'procedure', procedureId: 'dang-ky-tam-tru', aspect: 'documents' });
  });

  it('reads Central "chi" as "gì" after what it asks about', () => {
    const [, papers, carried] = talk('làm giấy chứng tử cho ôn nội', 'cần giấy chi', 'rứa mang chi theo nữa');
    expect(papers!.record).toMatchObject({ procedureId: 'dang-ky-khai-tu', aspect: 'documents' });
    expect(carried!.record).toMatchObject({ procedureId: 'dang-ky-khai-tu', aspect: 'documents' });
  });

  it('takes "em là ai", "giúp được chi", "người thật hay máy" as asking what the bot is and does', () => {
    expect(intentsOf(['em là ai vậy', 'bot giúp được chi cho tui', 'bạn là người thật hay máy vậy'])).toEqual(['help', 'help', 'help']);
  });
});

describe('requests for a person and refused topics', () => {
  it('a person asked for wins over the grievance told before it', () => {
    expect(readGrievance('hỏi hoài mà trả lời sai bét, tui muốn gặp người')).toBe('handoff');
    expect(intentsOf(['cần tư vấn viên, không phải bot', 'cho tôi gặp người hướng dẫn với'])).toEqual(['handoff', 'handoff']);
  });

  it('meeting a relative is no hand-off', () => {
    expect(readGrievance('muốn gặp người nhà đang ở Hàn Quốc thì làm hộ chiếu')).toBeNull();
  });

  it('refuses an essay whatever procedure its subject names', () => {
    expect(asksForWriting(['viet', 'giup', 'chau', 'bai', 'van', 've', 'thuong', 'binh'])).toBe(true);
    const [said] = talk('Soạn giúp em bài thu hoạch về ngày thương binh liệt sĩ');
    expect(said!.record).toMatchObject({ intent: 'out_of_scope', procedureId: null });
  });

  it('a procedure about martyrs is still answered', () => {
    const [said] = talk('xác nhận thân nhân liệt sĩ cần giấy tờ gì');
    expect(said!.record).toMatchObject({ intent: 'procedure', procedureId: 'xac-nhan-than-nhan-nguoi-co-cong' });
  });
});

describe('second batch', () => {
  it('a name, a phone number or anonymity asked right after a complaint is for the complaint', () => {
    // "tên" alone would read as a correction of a name in the civil register.
    const [, who] = talk('phản ánh cán bộ địa chính xã gây khó dễ, bắt đi lại 4 lần', 'tôi tên Trần Văn Bảy, số điện thoại 0912 345 678, muốn giấu tên được không?');
    expect(who!.record).toMatchObject({ intent: 'complaint', procedureId: null });
    expect(who!.actions).toContainEqual(expect.objectContaining({ type: 'file_complaint' }));
  });

  it('a refused topic\'s word that the procedure talked about holds is its question ("biển" of a number plate)', () => {
    const [, plate] = talk('xe máy mới mua thì đăng ký biển số ở đâu', 'Bao lâu có biển ạ?');
    expect(plate!.record).toMatchObject({ intent: 'procedure', procedureId: 'dang-ky-xe', aspect: 'duration' });
    expect(talk('mai biển có động không em')[0]!.record.intent).toBe('out_of_scope');
  });

  it('working through lunch, an English service centre\'s hours, and a score given to the bot', () => {
    expect(intentsOf(['bên mình có làm xuyên trưa không', 'What are the opening hours of the public administration service centre in Hue?', 'bot chỉ đúng rồi đó, 9 điểm'])).toEqual([
      'contacts',
      'contacts',
      'feedback',
    ]);
  });

  it('an English relative names no need: the follow-up stays on the procedure', () => {
    const [, , online] = talk('My grandfather died last week. How do we register his death?', 'What papers are needed?', 'Could my cousin file it online instead?');
    expect(online!.record).toMatchObject({ intent: 'procedure', procedureId: 'dang-ky-khai-tu', aspect: 'online' });
  });

  it('"được hông", "được ko" ask whether a thing can be done, as "được không" does', () => {
    expect(asksProcedure('nhà ở xa, nộp một lần cho cả ba thủ tục được hông')).toBe(true);
    expect(asksProcedure('làm thay cho mẹ được ko')).toBe(true);
  });
});

describe('third batch', () => {
  const words = (text: string) => text.toLowerCase().split(/\s+/);
  const refused = (text: string) => readRefusedTopic(words(text), words(foldDiacritics(text)));

  it('"cho gặp người" asks for a person', () => {
    expect(intentsOf(['alo có ai trực hông, cho gặp người'])).toEqual(['handoff']);
  });

  it('a petition to the commune or a report handed to the bot is a complaint, though the catalogue holds its subject', () => {
    expect(intentsOf(['kiến nghị xã sửa lại con đường đất ở xóm tôi', 'đèn đường xóm tôi hỏng cả tháng nay, phản ánh giúp tôi'])).toEqual(['complaint', 'complaint']);
  });

  it('unfairness and "asked, and told to wait" past the appointment are complaints', () => {
    expect(readGrievance('phản ánh việc bình xét hộ nghèo ở thôn không công bằng')).toBe('complaint');
    expect(readGrievance('giấy hẹn ghi ngày 5, giờ ngày 20 rồi vẫn chưa có, hỏi thì bảo chờ')).toBe('complaint');
  });

  it('candidates for election and a market price today are refused; extending a stay today is not a price', () => {
    expect(refused('năm nay ai ra ứng cử đại biểu ở huyện mình')).toBe('out_of_scope.politics');
    expect(refused('giá tiêu hôm nay bao nhiêu 1 ký')).toBe('out_of_scope.prices');
    expect(refused('gia hạn tạm trú hôm nay được không')).toBeNull();
  });

  it('learning to drive is a driving school; repeating a school year is not', () => {
    expect(refused('học lái xe máy ở trung tâm nào rẻ')).toBe('out_of_scope.driving_school');
    expect(refused('cháu muốn học lại lớp 10 ở trường khác')).toBeNull();
  });

  it('teen-code "f" for "ph" is repaired where the neighbours say so', () => {
    const [, where] = talk('xin giấy phép xây dựng nhà ở', 'làm ở xã hay fải lên huyện');
    expect(where!.record).toMatchObject({ intent: 'procedure', procedureId: 'giay-phep-xay-dung', aspect: 'place' });
  });

  it('reads an age said in English ("she is 78", "aged 80", "77 years old")', () => {
    expect(ageSaid(['she', 'is', '78'])).toBe(78);
    expect(ageSaid(['aged', '80'])).toBe(80);
    expect(ageSaid(['77', 'years', 'old'])).toBe(77);
    expect(ageSaid(['how', 'much', 'is', '2', 'copies'])).toBeNull();
    const [said] = talk('My grandfather is 77 and never had a pension. Can he get a monthly allowance?');
    expect(said!.record.procedureId).toBe('tro-cap-huu-tri-xa-hoi');
  });

  it('"báo cho tôi khi xong" right after a look-up follows that dossier', () => {
    const code = '000.00.53.H48-251120-0004';
    const [, follow] = talk(code, 'báo cho tôi khi hồ sơ xong nhé');
    expect(follow!.actions).toContainEqual({ type: 'follow_dossier', code });
  });
});

describe('fourth batch', () => {
  it('a legacy code typed with spaces in its agency is read whole, not as the left-to-right code at its end', () => {
    const [said] = talk('hồ sơ mã 000 00 53 H48 - 251120 - 0004 tới đâu rồi');
    expect(said!.actions).toContainEqual({ type: 'lookup_dossier', code: '000.00.53.H48-251120-0004' });
  });

  it('grievances told in more ways: a rude tone, money asked in English, months without a decision, a dossier sent back without a reason', () => {
    for (const text of [
      'chị cán bộ thái độ quá trời, quát bà con giữa sân ủy ban',
      'The officer asked me for extra money to do it faster',
      'hồ sơ trợ cấp của bố tôi nộp đã 3 tháng mà chưa được giải quyết, đề nghị xã làm rõ',
      'hồ sơ cấp sổ đỏ bị trả về mà không ghi rõ lý do',
    ]) {
      expect(readGrievance(text), text).toBe('complaint');
    }
  });

  it('"I want to make a complaint" is a complaint though the catalogue leads its other words', () => {
    const [said] = talk('I want to make a complaint. The ward officer kept my papers for a week');
    expect(said!.record.intent).toBe('complaint');
  });

  it('what the bot can do, asked with "có thể giúp tui"', () => {
    expect(intentsOf(['bạn có thể giúp tui những việc gì'])).toEqual(['help']);
  });

  it('a final "ch" typed without its h ("lý lịc") is repaired where the neighbours say so', () => {
    expect(dialectVariants('lic')).toContain('lich');
    const [said] = talk('xin ly lic tu phap can giay to gi');
    expect(said!.record).toMatchObject({ intent: 'procedure', procedureId: 'ly-lich-tu-phap' });
  });
});

describe('fifth batch', () => {
  it('a button other than the leader is also named by the words as repaired ("trứng thực" for "chứng thực")', () => {
    const [said] = talk('trứng thực bản sao bằng tốt nghiệp đại học thì bao nhiêu tiền một bản');
    expect(said!.record).toMatchObject({ decision: 'answer', procedureId: 'chung-thuc-ban-sao', aspect: 'fee' });
  });
});

describe('after the session\'s looks', () => {
  it('being told when it is done, asked right after a look-up without accents, follows that dossier', () => {
    const code = '000.00.53.H48-251120-0004';
    for (const text of ['co ket qua thi nhan em nha', 'nhan cho tui khi co giay nha']) {
      const [, follow] = talk(code, text);
      expect(follow!.actions, text).toContainEqual({ type: 'follow_dossier', code });
    }
  });

  it('"a certified copy of" a diploma in English is the certified copy from the original', () => {
    const [said] = talk('My husband needs a certified copy of his high school diploma for a job. Where do we go?');
    expect(said!.record).toMatchObject({ decision: 'answer', procedureId: 'chung-thuc-ban-sao', aspect: 'place' });
  });
});
