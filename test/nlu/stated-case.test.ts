import { describe, expect, it } from 'vitest';
import { normaliseText, syllables } from '../../src/nlu/normalise.js';
import { ageBoundPairs, ageSaid, isReRegistration, registerLostSaid } from '../../src/nlu/stated-case.js';

const words = (text: string): string[] => syllables(normaliseText(text)).folded;

describe('facts of the case said in a message', () => {
  it('reads the age stated, months as 0, and none where a number is no age', () => {
    expect(ageSaid(words('còn con tui 3 tuổi thì sao'))).toBe(3);
    expect(ageSaid(words('bé nhà tôi 15 tuổi rồi'))).toBe(15);
    expect(ageSaid(words('cháu mới 8 tháng tuổi'))).toBe(0);
    expect(ageSaid(words('nộp 3 bản sao'))).toBeNull();
    // "dưới 6 tuổi" is younger than 6.
    expect(ageSaid(words('cái cho trẻ dưới 6 tuổi'))).toBeLessThan(6);
  });

  it('reads the register said gone, "không còn lưu" included, and not one said kept', () => {
    expect(registerLostSaid(words('giấy bị mất mà sổ gốc ở xã cũng cháy hồi trước rồi'))).toBe(true);
    expect(registerLostSaid(words('xã nói sổ hộ tịch năm đó không còn lưu'))).toBe(true);
    expect(registerLostSaid(words('sổ gốc ở xã vẫn còn, chỉ là mẹ làm mất tờ giấy khai sinh thôi'))).toBe(false);
    expect(registerLostSaid(words('mất giấy khai sinh'))).toBe(false);
    // The loss said before the register ("không còn lưu sổ gốc").
    expect(registerLostSaid(words('nếu xã không còn lưu sổ gốc hồi đó nữa thì sao'))).toBe(true);
  });

  it('pairs an age-bounded procedure with the one its name narrows, and tells re-registrations', () => {
    const names = [words('Cấp, cấp đổi, cấp lại thẻ căn cước'), words('Cấp thẻ căn cước cho người dưới 6 tuổi'), words('Đăng ký lại khai sinh')];
    expect([...ageBoundPairs(names)]).toEqual([[1, { plain: 0, bound: 6 }]]);
    expect(names.map(isReRegistration)).toEqual([false, false, true]);
  });
});
