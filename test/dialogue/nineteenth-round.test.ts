import { beforeAll, describe, expect, it } from 'vitest';
import { readOfficeQuestion } from '../../src/nlu/office-question.js';
import { readGrievance } from '../../src/nlu/grievance.js';
import { shippedConversations, type Said } from './fixtures/talk.js';

/** Conversations through the real content, matcher and dialogue: what the nineteenth round changed. */
let talk: (...messages: string[]) => Said[];
beforeAll(async () => {
  talk = await shippedConversations();
});

const intentsOf = (texts: string[]): string[] => texts.map((text) => talk(text)[0]!.record.intent);
const words = (folded: string): string[] => folded.split(' ');

describe('a way to reach the office, asked for and nothing else', () => {
  it('reads a channel alone with the words of asking as a contact question', () => {
    expect(readOfficeQuestion(words('cho em xin so dien thoai voi nhe ad'))).toBe('phone');
    expect(readOfficeQuestion(words('khong co zalo thi gui email cung duoc'))).toBe('phone');
    expect(readOfficeQuestion(words('cho xin dia chi luon'))).toBe('address');
  });

  it('does not read a channel beside a need of its own', () => {
    expect(readOfficeQuestion(words('doi dia chi tren can cuoc'))).toBeNull();
    expect(readOfficeQuestion(words('cap nhat so dien thoai vao vneid'))).toBeNull();
  });

  it('answers the contacts for a number asked with particles and a hotline asked with a phone', () => {
    expect(intentsOf(['số điện thoại nhé ad', 'có số điện thoại đường dây nóng không bạn', 'zalo với email luôn nha'])).toEqual(['contacts', 'contacts', 'contacts']);
  });

  it('takes "UB" for ủy ban and the "administrative" centre in English as the office', () => {
    expect(intentsOf(['ub xa may gio dong cua vay', 'Is the public administrative centre open on Sunday?'])).toEqual(['contacts', 'contacts']);
  });
});

describe('what the bot does, a person, a remark', () => {
  it('reads "giúp tui được những việc chi", "làm được chi rứa" as asking what the bot does', () => {
    expect(intentsOf(['chị giúp tui được những việc chi', 'em lam duoc chi rua'])).toEqual(['help', 'help']);
  });

  it('reads "nối máy … với" and "nv" for nhân viên as asking for a person', () => {
    expect(readGrievance('nối máy cho em với cán bộ tư pháp được không')).toBe('handoff');
    expect(readGrievance('chuyen nv tu van giup minh')).toBe('handoff');
    expect(readGrievance('nối dài thời hạn tạm trú với')).not.toBe('handoff');
  });

  it('takes praise of the bot\'s answer ("câu trả lời của bot …") as feedback', () => {
    expect(readGrievance('câu trả lời của bot rất rõ ràng')).toBe('feedback');
    expect(readGrievance('trả lời của bot chi tiết')).toBe('feedback');
  });
});

describe('words shared with a grievance or a refused topic', () => {
  it('a dossier "đi làm, mất mấy ngày" is no dossier lost', () => {
    expect(readGrievance('xin giấy này để nộp hồ sơ đi làm, mất bao lâu vậy')).toBeNull();
    expect(readGrievance('hồ sơ nộp tuần trước mà cán bộ làm mất rồi')).toBe('complaint');
  });

  it('a procedure named in full is answered though one word of a refused topic is said beside it', () => {
    const [said] = talk('đăng ký tạm trú cho con đi học ở Vinh');
    expect(said!.record).toMatchObject({ intent: 'procedure', procedureId: 'dang-ky-tam-tru' });
    expect(intentsOf(['đăng ký học bằng lái xe máy ở đâu'])).toEqual(['out_of_scope']);
  });

  it('closing a household business said as "đóng cửa hẳn" or "dẹp tiệm"', () => {
    const [said] = talk('tiệm tạp hóa có giấy hộ kinh doanh, giờ dẹp tiệm thì làm sao');
    expect(said!.record).toMatchObject({ procedureId: 'cham-dut-ho-kinh-doanh' });
  });
});

describe('a circumstance of the people, remembered for the conversation', () => {
  it('a foreign spouse told first makes a later marriage or birth question the foreign-element one', () => {
    const [told, marriage, birth] = talk('vợ tôi là người Nhật, mới sang Việt Nam', 'đăng ký kết hôn ở xã cần giấy gì', 'sau này khai sinh cho con thì sao');
    expect(told!.session.circumstances).toEqual(['co yeu to nuoc ngoai']);
    expect(marriage!.record).toMatchObject({ procedureId: 'ket-hon-yeu-to-nuoc-ngoai', aspect: 'documents' });
    expect(birth!.record.procedureId).toBe('khai-sinh-yeu-to-nuoc-ngoai');
  });

  it('said in English in the same long message as the question, it still counts', () => {
    const [said] = talk("Hello, I'm a Canadian teacher living here, married to a local woman. Our daughter was born two weeks ago at the district hospital. How do we register her birth?");
    expect(said!.record.procedureId).toBe('khai-sinh-yeu-to-nuoc-ngoai');
    expect(said!.session.language).toBe('en');
  });

  it('a country worked in or gone to is no foreign element', () => {
    const [worked, birth] = talk('chồng em đi làm bên Hàn Quốc ba năm nay', 'em đăng ký khai sinh cho con ở đâu');
    expect(worked!.session.circumstances ?? []).toEqual([]);
    expect(birth!.record.procedureId).toBe('dang-ky-khai-sinh');
    const [, again] = talk('con tôi sắp đi nước ngoài', 'làm khai sinh cho cháu nội cần gì');
    expect(again!.record.procedureId).toBe('dang-ky-khai-sinh');
  });
});

describe('buttons open and another procedure named by its official name', () => {
  it('answers the one named, not a button whose texts hold its words', async () => {
    const { buildMatcher } = await import('../../src/nlu/matcher.js');
    const { shippedKnowledge } = await import('../support/content.js');
    const matcher = buildMatcher(await shippedKnowledge());
    const u = matcher.understand('giờ em đăng ký khai sinh cho con', { pendingCandidates: ['ket-hon-yeu-to-nuoc-ngoai', 'nhan-con-nuoi', 'dang-ky-giam-sat-giam-ho'] });
    expect(u).toMatchObject({ decision: 'answer', procedureId: 'dang-ky-khai-sinh' });
  });
});

describe('contacts asked with a reason beside them', () => {
  it('reads the midday break asked first, then why, and asked with the verb first', () => {
    expect(readOfficeQuestion(words('trua co nghi khong a em di lam ve tam 12 gio'))).toBe('hours');
    expect(readOfficeQuestion(words('co nhan ho so buoi trua khong'))).toBe('hours');
  });

  it('reads a commune that has a channel, the officer or place just named, and the address asked in its own clause', () => {
    expect(readOfficeQuestion(words('phuong tan mai co so zalo khong vay'))).toBe('phone');
    expect(readOfficeQuestion(words('so dien thoai can bo do la bao nhieu'))).toBe('phone');
    expect(readOfficeQuestion(words('minh o xa ben muon toi nop truc tiep thi dia chi o dau a'))).toBe('address');
    expect(readOfficeQuestion(words('xac nhan dia chi cu tru o dau'))).toBeNull();
    expect(readOfficeQuestion(words('hom 30 4 thi lam den may gio'))).toBe('hours');
  });

  it('names the hotline facet when the hotline is asked beside a phone', () => {
    expect(readOfficeQuestion(words('co so dien thoai duong day nong khong'))).toBe('hotline');
    expect(readOfficeQuestion(words('cho xin so dien thoai'))).toBe('phone');
  });
});

describe('a correction closed with "mới đúng"', () => {
  it('reads what was meant without the marker, as a correction', async () => {
    const { rightOneSaid } = await import('../../src/nlu/topic.js');
    expect(rightOneSaid('à không, tạm trú mới đúng')).toBe('ý tôi là tạm trú');
    expect(rightOneSaid('làm xong mới dùng được')).toBeNull();
    const [, corrected] = talk('cho em hỏi đăng ký kết hôn', 'à không, đăng ký lại kết hôn mới đúng, giấy cũ mất rồi');
    expect(corrected!.record.procedureId).toBe('dang-ky-lai-ket-hon');
  });
});
