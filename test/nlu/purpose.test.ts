import { describe, expect, it } from 'vitest';
import { withPurposeDropped } from '../../src/nlu/purpose.js';
import type { Matcher, Understanding } from '../../src/nlu/types.js';
import { nothingUnderstood } from '../support/understanding.js';

const button = (procedureId: string, confidence: number) => ({ procedureId, nationalCode: null, confidence });

/**
 * Knows a certificate of marital status and a marriage: both named, it asks between them; the certificate alone it
 * answers. Any text naming neither is not understood.
 */
const stub: Matcher = {
  understand(text): Understanding {
    const certificate = /xác nhận độc thân/.test(text);
    const marriage = /kết hôn/.test(text);
    if (certificate && marriage) {
      return nothingUnderstood(text, { decision: 'clarify', intent: 'procedure', procedureId: 'dang-ky-ket-hon', aspect: 'place', alternatives: [button('dang-ky-ket-hon', 0.4), button('xac-nhan-tinh-trang-hon-nhan', 0.38)] });
    }
    if (certificate) return nothingUnderstood(text, { decision: 'answer', intent: 'procedure', procedureId: 'xac-nhan-tinh-trang-hon-nhan', aspect: 'overview', confidence: 0.7 });
    if (marriage) return nothingUnderstood(text, { decision: 'answer', intent: 'procedure', procedureId: 'dang-ky-ket-hon', aspect: 'overview', confidence: 0.7 });
    return nothingUnderstood(text);
  },
};
const matcher = withPurposeDropped(stub);

describe('a need said with what it is for ("… để …")', () => {
  it('answers what is asked before "để" when it is among the buttons, keeping the aspect asked and listing it for review', () => {
    const u = matcher.understand('em cần xin giấy xác nhận độc thân để về quê đăng ký kết hôn thì nộp ở đâu');
    expect(u).toMatchObject({ decision: 'answer', procedureId: 'xac-nhan-tinh-trang-hon-nhan', aspect: 'place', narrow: true });
    expect(u.alternatives.map((a) => a.procedureId)).toEqual(['dang-ky-ket-hon']);
  });

  it('leaves the question when "để" is "để lại" (left behind) or follows "làm sao" (how to do what comes after)', () => {
    expect(matcher.understand('giấy xác nhận độc thân bố để lại, kết hôn thì sao').decision).toBe('clarify');
    expect(matcher.understand('xác nhận độc thân xong thì làm sao để đăng ký kết hôn').decision).toBe('clarify');
  });

  it('leaves it when the words before "để" say too little or no button is answered by them', () => {
    expect(matcher.understand('xin giấy để đăng ký kết hôn và xác nhận độc thân').decision).toBe('clarify');
    expect(matcher.understand('hỏi chút để làm xác nhận độc thân và kết hôn').decision).toBe('clarify');
  });

  it('answers the need before "để" when misspelt words let the purpose win outright and the purpose alone names the answer', () => {
    // The whole reads as the marriage (the certificate's words misspelt weigh less); the need alone is the certificate.
    const weakNeed: Matcher = {
      understand(text): Understanding {
        if (/^sin giấy sác nhận độc thân$/.test(text)) return nothingUnderstood(text, { decision: 'answer', intent: 'procedure', procedureId: 'xac-nhan-tinh-trang-hon-nhan', aspect: 'overview', confidence: 0.6 });
        if (/đám cưới|kết hôn/.test(text)) return nothingUnderstood(text, { decision: 'answer', intent: 'procedure', procedureId: 'dang-ky-ket-hon', aspect: 'documents', confidence: 0.7 });
        return nothingUnderstood(text);
      },
    };
    const reading = withPurposeDropped(weakNeed);
    expect(reading.understand('sin giấy sác nhận độc thân để nàm đám cưới thì cần dấy tờ gì')).toMatchObject({ decision: 'answer', procedureId: 'xac-nhan-tinh-trang-hon-nhan', aspect: 'documents', narrow: true });
    // "để trống" (left blank) and "để chữa bệnh" (a reason) are no filing purpose: the whole reading stands.
    expect(reading.understand('sin giấy sác nhận độc thân để trống tên, kết hôn').procedureId).toBe('dang-ky-ket-hon');
    expect(reading.understand('sin giấy sác nhận độc thân để chữa bệnh rồi đám cưới').procedureId).toBe('dang-ky-ket-hon');
  });
});
