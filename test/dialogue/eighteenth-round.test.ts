import { beforeAll, describe, expect, it } from 'vitest';
import { dialectVariants } from '../../src/nlu/dialect.js';
import { asksForWriting } from '../../src/nlu/refused-topic.js';
import { readGrievance } from '../../src/nlu/grievance.js';
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
