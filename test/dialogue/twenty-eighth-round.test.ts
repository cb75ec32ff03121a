import { beforeAll, describe, expect, it } from 'vitest';
import { businessStageSaid } from '../../src/nlu/business-stage.js';
import { findDossierCodes } from '../../src/nlu/entities.js';
import { readGrievance } from '../../src/nlu/grievance.js';
import { readOfficeQuestion } from '../../src/nlu/office-question.js';
import { normaliseText, syllables } from '../../src/nlu/normalise.js';
import { readsStatusQuestion } from '../../src/nlu/status-question.js';
import { ageSaid } from '../../src/nlu/stated-case.js';
import { afterDenial } from '../../src/nlu/topic.js';
import { withoutClosingVocative } from '../../src/nlu/vocative.js';
import { shippedConversations, type Said } from './fixtures/talk.js';

/** Conversations through the real content, matcher and dialogue: what the twenty-eighth round changed. */
let talk: (...messages: string[]) => Said[];
beforeAll(async () => {
  talk = await shippedConversations();
});

const folded = (text: string) => syllables(normaliseText(text)).folded;
const offered = (said: Said) => said.session.pendingClarification?.candidates ?? [];

describe('a follow-up that names another need', () => {
  it('the plain procedure named in full after its qualified twin is the plain one', () => {
    const [, , next] = talk('Tôi dọn sang phòng trọ khác thì có phải xóa đăng ký tạm trú chỗ cũ không', 'thủ tục đó làm ở đâu', 'còn đăng ký tạm trú chỗ mới thì cần giấy gì');
    expect(next!.record).toMatchObject({ procedureId: 'dang-ky-tam-tru', aspect: 'documents' });
  });

  it('an aspect alone after the qualified one stays on it (guard, holds at the round start as well)', () => {
    const [, next] = talk('chuyển phòng trọ thì có phải xóa đăng ký tạm trú ở phòng cũ không', 'thủ tục đó nộp ở đâu');
    expect(next!.record).toMatchObject({ procedureId: 'xoa-dang-ky-tam-tru', aspect: 'place' });
  });

  it('a pupil to be moved to a school here ("muốn chuyển vô đây học") is a school transfer', () => {
    const [, moved] = talk('tuyển sinh lớp 6 năm nay đăng ký sao', 'còn thằng lớn lớp 9 ở quê muốn chuyển vô đây học thì cần giấy gì');
    expect(moved!.record).toMatchObject({ procedureId: 'chuyen-truong', aspect: 'documents' });
  });
});

describe('slips and languages', () => {
  it('two slips owned one after another, then an aspect, keep the procedure', () => {
    expect(afterDenial('à lộn, gõ nhầm, em hỏi lệ phí')).toBe('ý tôi là em hỏi lệ phí');
    const [, fee] = talk('đăng ký lại kết hôn làm ở đâu', 'à lộn, gõ nhầm, em hỏi lệ phí');
    expect(fee!.record).toMatchObject({ procedureId: 'dang-ky-lai-ket-hon', aspect: 'fee' });
  });

  it('Vietnamese asked for together with a question about the dossier looks the dossier up again', () => {
    const [, again] = talk('Check my file please: 000.00.53.H48-251104-0017', 'thôi chị hỏi tiếng Việt, hồ sơ đó giờ có phải bổ sung gì không');
    expect(again!.actions.some((a) => a.type === 'lookup_dossier' && a.code === '000.00.53.H48-251104-0017')).toBe(true);
    expect(again!.record).toMatchObject({ intent: 'dossier_status' });
  });

  it('"why is it not finished, it was due last week" right after a look-up looks that dossier up again', () => {
    const [, again] = talk('000.00.53.H48-251104-0017', 'Why is it not finished? It was due last week.');
    expect(again!.actions.some((a) => a.type === 'lookup_dossier' && a.code === '000.00.53.H48-251104-0017')).toBe(true);
  });

  it('"còn bao lâu nữa" about the dossier just looked up looks it up again: "nữa" is no other dossier (guard, holds at the round start as well)', () => {
    const [, again] = talk('000.00.53.H48-251104-0017', 'hồ sơ đó còn bao lâu nữa thì xong');
    expect(again!.actions.some((a) => a.type === 'lookup_dossier' && a.code === '000.00.53.H48-251104-0017')).toBe(true);
  });

  it('another dossier asked for right after a look-up asks for its code (guard, holds at the round start as well)', () => {
    const [, other] = talk('000.00.53.H48-251104-0017', 'cho tra hồ sơ khác');
    expect(other!.actions.some((a) => a.type === 'lookup_dossier')).toBe(false);
  });

  it('a Khmer greeting typed in Latin letters is a greeting', () => {
    const [hello] = talk('chum reap suor');
    expect(hello!.record).toMatchObject({ intent: 'greeting' });
  });
});

describe('a curated procedure named word for word in a story', () => {
  it('"làm hộ chiếu" with a story only catalogue records brush is the passport', () => {
    const [asked] = talk('ông ngoại tôi muốn làm hộ chiếu để qua Campuchia thăm lại đơn vị cũ với mấy ông bạn lính');
    expect(asked!.record).toMatchObject({ procedureId: 'cap-ho-chieu' });
  });

  it('the criminal record said short ("ltp") is the criminal record', () => {
    const [asked] = talk('e sap di xkld Han, lam ltp het bao nhieu tien');
    expect(asked!.record).toMatchObject({ procedureId: 'ly-lich-tu-phap', aspect: 'fee' });
  });

  it('a child taken in "làm con nuôi" is the adoption', () => {
    const [asked] = talk('Vợ chồng chú ngoài 60 rồi, không có con, muốn nhận thằng cháu mồ côi bên nội về làm con nuôi cho nó có cha có mẹ, cần giấy tờ gì con');
    expect(asked!.record).toMatchObject({ procedureId: 'nhan-con-nuoi', aspect: 'documents' });
  });

  it('whom the card is for ("người khuyết tật nặng") is no second need beside the health-insurance card', () => {
    const [asked] = talk('người khuyết tật nặng làm thẻ bảo hiểm y tế ở đâu vậy');
    expect(asked!.record).toMatchObject({ procedureId: 'the-bhyt', aspect: 'place' });
  });

  it('a wheelchair is the citizen’s frailty, no vehicle', () => {
    const [, asked] = talk('đổi thẻ căn cước mới có tốn tiền không', 'ba tui ngồi xe lăn, công an có xuống nhà làm không');
    expect(asked!.record.procedureId).not.toBe('dang-ky-xe');
  });
});

describe('small talk and refusals', () => {
  it('thanks that praise the help given ("chỉ rất rõ") ask nothing more', () => {
    const [thanked] = talk('Cảm ơn bot, hôm trước chỉ chú làm giấy khai sinh cho cháu rất rõ');
    expect(thanked!.record).toMatchObject({ intent: 'thanks' });
  });

  it('booking a hospital appointment for a disabled relative is refused as medical', () => {
    const [asked] = talk('Can you book a hospital appointment for my disabled son?');
    expect(asked!.record).toMatchObject({ intent: 'out_of_scope' });
  });
});

describe('a dossier looked up by name', () => {
  it('"muốn tra hồ sơ …" with a procedure named asks for the dossier', () => {
    expect(readsStatusQuestion(folded('em muốn tra hồ sơ cấp đổi sổ đỏ'))).toBe(true);
    const [asked] = talk('em muốn tra hồ sơ cấp đổi sổ đỏ');
    expect(asked!.record).toMatchObject({ intent: 'dossier_status' });
  });

  it('a file sent back ("bị trả hồ sơ") reads the same when folded, and is no look-up (guard, holds at the round start as well)', () => {
    expect(readsStatusQuestion(folded('năm ngoái bị trả hồ sơ 2 lần, năm nay cần giấy gì'))).toBe(false);
  });
});

describe('complaints said in other ways', () => {
  it('being made to come back four times, in a story that names the procedure, is a complaint', () => {
    const [told] = talk('cán bộ một cửa bắt tôi đi lại 4 lần để bổ sung giấy cho thủ tục tách hộ, mỗi lần nói một kiểu');
    expect(told!.record).toMatchObject({ intent: 'complaint' });
  });

  it('an official speaking unpleasantly is mistreatment', () => {
    expect(readGrievance('cán bộ xã nói năng khó chịu với mẹ tôi')).toBe('complaint');
  });

  it('a home visit promised and never made is a complaint', () => {
    expect(readGrievance('công an hẹn xuống nhà làm căn cước cho ông tôi bị liệt mà cả tháng nay không ai tới')).toBe('complaint');
  });

  it('"tui muốn tố" closing a story of a fixer and an official is a complaint', () => {
    expect(readGrievance('có người ngoài cổng nhận làm giấy tờ nhanh lấy 1 triệu, cán bộ quen họ, tui muốn tố')).toBe('complaint');
  });

  it('where to send a petition officially, after a procedure, is the complaint channels', () => {
    const [, asked] = talk('tách hộ cần giấy gì', 'giờ em muốn gửi đơn kiến nghị chính thức thì gửi ở đâu');
    expect(asked!.record).toMatchObject({ intent: 'complaint' });
  });
});

describe('second batch', () => {
  it('a code typed with spaces around its dots and hyphens is read whole', () => {
    expect(findDossierCodes('tra giúp hồ sơ 000 . 00 . 21 . H34 - 251103 - 0156 với').codes).toEqual(['000.00.21.H34-251103-0156']);
  });

  it('a registration asked again with no paper named, the register said lost, asks which record', () => {
    const [asked] = talk('đăng ký lại, sổ gốc ở xã bị mất hết rồi');
    expect(asked!.record).toMatchObject({ decision: 'clarify' });
    expect(offered(asked!)).toEqual(expect.arrayContaining(['dang-ky-lai-khai-sinh', 'dang-ky-lai-ket-hon']));
  });

  it('an age typed short ("82t") is an age', () => {
    expect(ageSaid(folded('ba e 82t ko co luong huu'))).toBe(82);
    const [asked] = talk('ba e 78t ko co luong huu, xin tro cap hang thang the nao');
    expect(asked!.record).toMatchObject({ procedureId: 'tro-cap-huu-tri-xa-hoi' });
  });

  it('the bot called "con" after a closing particle is no child the question is about', () => {
    expect(withoutClosingVocative('ai duyệt vậy con, thôn hay xã')).toBe('ai duyệt vậy, thôn hay xã');
    expect(withoutClosingVocative('làm giấy khai sinh cho con')).toBe('làm giấy khai sinh cho con');
    expect(withoutClosingVocative('so luu bi mat ko con')).toBe('so luu bi mat ko con');
    const [, who] = talk('xin công nhận hộ nghèo thì làm sao', 'ai xét vậy con, thôn hay xã');
    expect(who!.record).toMatchObject({ procedureId: 'cong-nhan-ho-ngheo' });
  });

  it('a part of the death bundle set apart with "còn" and a verb is asked alone; its paper stays with the bundle', () => {
    const [, part, paper] = talk('bố tôi mới mất, muốn làm khai tử, xóa thường trú, xin mai táng phí một lần', 'Còn xóa đăng ký thường trú cho bố tôi thì cần giấy gì', 'còn giấy báo tử thì lấy ở đâu');
    expect(part!.record).toMatchObject({ procedureId: 'xoa-dang-ky-thuong-tru', aspect: 'documents' });
    expect(paper!.record.procedureId).not.toBe('xoa-dang-ky-thuong-tru');
  });

  it('the hotline asked to call it directly, after a complaint, is the hotline', () => {
    const [, hotline] = talk('gửi hồ sơ qua bưu điện hẹn 3 ngày mà 2 tuần chưa thấy, gọi không ai nghe', 'thôi cho em số hotline để em gọi thẳng');
    expect(hotline!.record).toMatchObject({ intent: 'contacts' });
  });
});

describe('third batch', () => {
  it('honey ("mật ong") sold by a business to be registered is no lost certificate', () => {
    expect(businessStageSaid('nhà em muốn đăng ký hộ kinh doanh bán mật ong rừng với măng khô thì cần giấy tờ gì')).toBe('open');
    expect(businessStageSaid('đăng ký hộ kinh doanh quán hủ tiếu')).toBe('open');
    expect(businessStageSaid('bị mất giấy chứng nhận đăng ký hộ kinh doanh thì làm sao')).toBeNull();
  });

  it('a long story of registers burnt that names the marriage paper asked for is its re-registration', () => {
    const [asked] = talk('Ba má tui cưới năm 1972 ở quê, có làm giấy ở xã mà hồi đó chiến tranh cháy hết sổ sách, giờ hai người đã già, mấy đứa con làm giấy tờ nhà thì người ta đòi giấy kết hôn của ba má, giờ tính sao');
    expect(asked!.record).toMatchObject({ decision: 'answer', procedureId: 'dang-ky-lai-ket-hon' });
  });
});

describe('fourth batch: contact questions said at the end or with the midday reception', () => {
  it('an office named, then its address asked "chỗ nào", is its address', () => {
    expect(readOfficeQuestion(folded('cho hỏi phòng tư pháp huyện cũ giờ địa chỉ chỗ nào vậy'))).toBe('address');
  });

  it('reception at noon asked ("buổi trưa có tiếp dân không") is the hours', () => {
    expect(readOfficeQuestion(folded('buoi trua co tiep dan ko, em di ca ve tre'))).toBe('hours');
  });

  it('when the office closes, asked at the end of a longer message, is the hours', () => {
    const [asked] = talk('Sáng mai tôi ra bộ phận một cửa nộp giấy tờ đất, làm xong việc ở chợ mới đi được, mấy giờ đóng cửa');
    expect(asked!.record).toMatchObject({ intent: 'contacts' });
  });
});
