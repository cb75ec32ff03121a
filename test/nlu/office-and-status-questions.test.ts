import { beforeAll, describe, expect, it } from 'vitest';
import { buildMatcher } from '../../src/nlu/matcher.js';
import { normaliseText, syllables } from '../../src/nlu/normalise.js';
import { readOfficeQuestion } from '../../src/nlu/office-question.js';
import { readsStatusQuestion } from '../../src/nlu/status-question.js';
import type { Matcher } from '../../src/nlu/types.js';
import { shippedKnowledge } from '../support/content.js';

const words = (text: string): string[] => syllables(normaliseText(text)).folded;

describe('a question about an office', () => {
  it('reads where it is, its phone or Zalo, its hours, the office named before or after the question', () => {
    const cases: [string, string][] = [
      ['công an xã ở chỗ nào vậy, tui muốn làm căn cước', 'address'],
      ['cho xin địa chỉ phòng xuất nhập cảnh công an tỉnh', 'address'],
      ['ủy ban xã nằm ở đâu', 'address'],
      ['công an xã có zalo ko, tui muốn hỏi đăng ký xe máy', 'phone'],
      ['so dien thoai van phong dang ky dat dai chi nhanh o huyen cu', 'phone'],
      ['mấy giờ bộ phận một cửa nghỉ trưa, tui muốn lên chứng thực giấy tờ', 'hours'],
      ['What are the opening hours of the commune office? I need to certify copies of my passport.', 'hours'],
      // A commune official stands for the office; two offices share a first word ("công an", "công chức").
      ['Cho tôi xin số điện thoại của cán bộ tư pháp xã', 'phone'],
      ['công chức địa chính xã có zalo không', 'phone'],
      ['What are your office hours?', 'hours'],
      // "chỗ đó" points back to the place just answered.
      ['Chỗ đó mở cửa mấy giờ?', 'hours'],
      // The hotline's number asked with words between ("để gọi hỏi trực tiếp"): no office named, still its phone.
      ['số hotline để gọi hỏi trực tiếp là số mấy', 'phone'],
      ['duong day nong cua tinh la so nao', 'phone'],
    ];
    for (const [text, facet] of cases) expect(readOfficeQuestion(words(text)), text).toBe(facet);
  });

  it('finds none where a procedure is filed or an office is only where something happens', () => {
    for (const text of ['làm căn cước ở đâu', 'nộp ở công an xã hả', 'làm lại sổ bhxh ở đâu', 'rút bhxh một lần ở đâu', 'cập nhật địa chỉ lên công an xã', 'cán bộ tư pháp xã không nghe máy', 'chỗ đó có nhận hồ sơ online không', 'Chào Zalo ủy ban', 'gọi hotline mấy lần không ai nghe máy']) {
      expect(readOfficeQuestion(words(text)), text).toBeNull();
    }
  });
});

describe('a question about how far a dossier has got', () => {
  it('reads the dossier followed by a status question, whatever procedure names it', () => {
    for (const text of ['ho so cap doi can cuoc cua toi sao roi', 'toi co giay bien nhan ho so sang ten xe may, muon biet da xong chua', 'hồ sơ khai tử nộp tuần trước, giờ tới đâu rồi', 'vậy hồ sơ của tôi còn trong hạn không']) {
      expect(readsStatusQuestion(words(text)), text).toBe(true);
    }
  });

  it('leaves how long a procedure takes, what it needs, and "tình trạng hôn nhân" to the procedure', () => {
    for (const text of ['hồ sơ đăng ký kết hôn bao lâu thì xong', 'hồ sơ làm sổ đỏ gồm những gì', 'xác nhận tình trạng hôn nhân cần gì']) {
      expect(readsStatusQuestion(words(text)), text).toBe(false);
    }
  });
});

describe('the matcher takes them for what they are', () => {
  let matcher: Matcher;
  beforeAll(async () => {
    matcher = buildMatcher(await shippedKnowledge());
  });

  it('answers an office question with the contact facet and a dossier question as a status query', () => {
    expect(matcher.understand('công an xã ở chỗ nào vậy, tui muốn làm căn cước')).toMatchObject({ intent: 'contacts', intentId: 'contacts.address' });
    expect(matcher.understand('công an xã có zalo ko, tui muốn hỏi đăng ký xe máy')).toMatchObject({ intent: 'contacts', intentId: 'contacts.phone' });
    // The shape tells the facet where a contact phrasing alone would not ("commune" is read as "xã").
    expect(matcher.understand('What are the opening hours of the commune office? I need to certify copies of my passport.')).toMatchObject({ intent: 'contacts', intentId: 'contacts.hours' });
    // "tới mô" is Central speech for "tới đâu".
    expect(matcher.understand('hồ sơ khai tử cho ba tui nộp tuần trước, chừ tới mô rồi').intent).toBe('dossier_status');
    expect(matcher.understand('làm căn cước ở đâu')).toMatchObject({ intent: 'procedure', procedureId: 'cap-the-can-cuoc', aspect: 'place' });
  });

  it('leaves the buttons of an open clarification to be answered first', () => {
    const u = matcher.understand('công an xã ở chỗ nào', { pendingCandidates: ['cap-the-can-cuoc', 'can-cuoc-duoi-6-tuoi'] });
    expect(u.intent).not.toBe('contacts');
  });

  it('reads a change of address as a case of a procedure, never as a question for the address of an office', () => {
    for (const text of ['đổi địa chỉ cửa hàng', 'muốn chuyển địa chỉ thường trú', 'cap nhat dia chi tren can cuoc']) {
      expect(matcher.understand(text).intent, text).not.toBe('contacts');
    }
    expect(matcher.understand('doi dia chi ho kinh doanh')).toMatchObject({ intent: 'procedure', procedureId: 'thay-doi-ho-kinh-doanh' });
    expect(matcher.understand('địa chỉ bộ phận một cửa ở đâu')).toMatchObject({ intent: 'contacts', intentId: 'contacts.address' });
  });
});

describe('an office that moved after communes merged', () => {
  it('asking where it moved or which building it works in is asked about its address, a place name between', () => {
    for (const text of ['công an phường Hòa Bình cũ giờ chuyển về đâu', 'ủy ban xã sau sáp nhập làm việc ở trụ sở nào', 'ủy ban xã mới sau sáp nhập nằm ở đâu']) {
      expect(readOfficeQuestion(words(text)), text).toBe('address');
    }
  });
});

describe('hours asked after the office and its place', () => {
  it('a place name between the office and "làm việc từ mấy giờ" still asks its hours', () => {
    expect(readOfficeQuestion(words('UBND phường Hòa Thuận ở thành phố Tam Kỳ làm việc từ mấy giờ'))).toBe('hours');
  });
});

describe('a provincial department asked about', () => {
  it('its phone or address is a contact question; the place to file a procedure at it stays the procedure\'s', () => {
    expect(readOfficeQuestion(words('cho hỏi số điện thoại Sở Tư pháp tỉnh'))).toBe('phone');
    expect(readOfficeQuestion(words('sở giáo dục ở đâu'))).toBe('address');
    expect(readOfficeQuestion(words('chuyển trường cấp 3 nộp hồ sơ ở sở giáo dục hay ở trường'))).toBeNull();
  });
});
