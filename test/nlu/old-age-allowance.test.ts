import { describe, expect, it } from 'vitest';
import { withOldAgeAllowance } from '../../src/nlu/stated-case.js';
import type { Matcher, Understanding } from '../../src/nlu/types.js';
import { nothingUnderstood } from '../support/understanding.js';

const allowances = { pension: { procedureId: 'tro-cap-huu-tri-xa-hoi', nationalCode: null }, social: { procedureId: 'tro-cap-xa-hoi', nationalCode: null } };

/**
 * Answers the disability assessment as a reading listed for review (narrow), with the monthly social allowance as the
 * other button, whenever the assessment is named; an allowance alone it answers as the social allowance.
 */
const stub: Matcher = {
  understand(text): Understanding {
    if (/khuyết tật/.test(text)) {
      return nothingUnderstood(text, { decision: 'answer', intent: 'procedure', procedureId: 'xac-dinh-khuyet-tat', aspect: 'place', confidence: 0.5, narrow: true, alternatives: [{ procedureId: 'tro-cap-xa-hoi', nationalCode: null, confidence: 0.35 }] });
    }
    if (/trợ cấp/.test(text)) return nothingUnderstood(text, { decision: 'answer', intent: 'procedure', procedureId: 'tro-cap-xa-hoi', aspect: 'overview', confidence: 0.5 });
    return nothingUnderstood(text);
  },
};
const matcher = withOldAgeAllowance(stub, allowances);

describe('an old-age allowance read from an age said', () => {
  it('keeps another procedure whose purpose the allowance is ("… xác định khuyết tật để được trợ cấp"), even listed for review', () => {
    const u = matcher.understand('ông nhà bác 78 tuổi liệt nửa người, muốn xin xác định mức độ khuyết tật để được trợ cấp thì nộp ở đâu');
    expect(u).toMatchObject({ decision: 'answer', procedureId: 'xac-dinh-khuyet-tat', aspect: 'place' });
  });

  it('still answers the social pension for a person of 75 to 79 when the allowance is what is asked', () => {
    expect(matcher.understand('bố tôi 77 tuổi không có lương hưu, xin trợ cấp hằng tháng được không')).toMatchObject({ decision: 'answer', procedureId: 'tro-cap-huu-tri-xa-hoi' });
    // Listed for review and not said as a purpose, the disability reading yields to the age: the allowance is asked.
    expect(matcher.understand('bố tôi 77 tuổi bị khuyết tật, có được trợ cấp hằng tháng không').procedureId).toBe('tro-cap-huu-tri-xa-hoi');
  });

  it('asks which allowance for "ông bà già" in general, in a question of up to sixteen words', () => {
    const u = matcher.understand('trợ cấp cho ông bà già ở thôn mình thì làm thủ tục thế nào');
    expect(u.decision).toBe('clarify');
    expect(u.alternatives.map((a) => a.procedureId)).toEqual(['tro-cap-huu-tri-xa-hoi', 'tro-cap-xa-hoi']);
  });
});
