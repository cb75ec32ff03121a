import { beforeAll, describe, expect, it } from 'vitest';
import { namedLeader, namePhrases } from '../../src/nlu/keyword-said.js';
import { buildMatcher } from '../../src/nlu/matcher.js';
import type { Matcher, Understanding } from '../../src/nlu/types.js';
import { normaliseText, syllables } from '../../src/nlu/normalise.js';
import { shippedKnowledge } from '../support/content.js';
import type { KnowledgeBase } from '../../src/knowledge/schema.js';

let kb: KnowledgeBase;
let matcher: Matcher;
beforeAll(async () => {
  kb = await shippedKnowledge();
  matcher = buildMatcher(kb);
});

/** A clarification offering these buttons, in this order, for the text. */
function clarifying(text: string, buttons: string[]): Understanding {
  return {
    text,
    decision: 'clarify',
    intent: 'procedure',
    intentId: null,
    procedureId: buttons[0]!,
    nationalCode: null,
    aspect: 'overview',
    dossierCode: null,
    confidence: 0.4,
    alternatives: buttons.map((procedureId) => ({ procedureId, nationalCode: null, confidence: 0.4 })),
    language: 'vi',
    followUp: false,
    entities: {},
  };
}

describe('a clarification settled by the leader named in full', () => {
  it('leaves a catalogue record offered third out of the weighing, but not one offered second', () => {
    const phrases = namePhrases(kb);
    const record = 'tthc-1-000253'; // a national-catalogue record: it has no curated names to compare
    const text = 'cần sao y bằng tốt nghiệp để xin việc';
    expect(namedLeader(clarifying(text, ['chung-thuc-ban-sao', 'ban-sao-van-bang', record]), phrases)).toBe('chung-thuc-ban-sao');
    expect(namedLeader(clarifying(text, ['chung-thuc-ban-sao', record, 'ban-sao-van-bang']), phrases)).toBeNull();
  });

  it('picks the leader when a name or keyword of its own is said word for word and none of the others is', () => {
    const phrases = namePhrases(kb);
    expect(namedLeader(clarifying('cần sao y bằng tốt nghiệp để xin việc', ['chung-thuc-ban-sao', 'ban-sao-van-bang']), phrases)).toBe('chung-thuc-ban-sao');
  });

  it('leaves it when the words are shared by the buttons, say of many needs, name another button, or a record is offered', () => {
    const phrases = namePhrases(kb);
    // "hộ kinh doanh" is in every household-business name: it tells none apart.
    expect(namedLeader(clarifying('thủ tục hộ kinh doanh', ['dang-ky-ho-kinh-doanh', 'cham-dut-ho-kinh-doanh', 'thay-doi-ho-kinh-doanh']), phrases)).toBeNull();
    // "làm lại" is said of a copy, a re-registration and a correction alike.
    expect(namedLeader(clarifying('làm lại giấy khai sinh', ['dang-ky-lai-khai-sinh', 'trich-luc-ho-tich']), phrases)).toBeNull();
    // The second button is the one named: the leader is not settled on.
    expect(namedLeader(clarifying('cần sao y bằng tốt nghiệp để xin việc', ['ban-sao-van-bang', 'chung-thuc-ban-sao']), phrases)).toBeNull();
    expect(namedLeader(clarifying('cần sao y bằng tốt nghiệp để xin việc', ['chung-thuc-ban-sao', 'tthc-2-000942']), phrases)).toBeNull();
  });

  it('answers the procedure through the matcher, listed for review; buttons left open are the pick rules\' to settle', () => {
    expect(matcher.understand('cần sao y bằng tốt nghiệp để xin việc')).toMatchObject({ decision: 'answer', procedureId: 'chung-thuc-ban-sao', narrow: true });
    expect(matcher.understand('thủ tục hộ kinh doanh').decision).toBe('clarify');
  });

  it('"thẻ bhyt" names the health-insurance card once the abbreviation is expanded (tried after the words as typed)', () => {
    const text = 'the bhyt cua me toi het han roi, gia han o dau';
    const buttons = ['the-bhyt', 'gia-han-tam-tru', 'doi-giay-phep-lai-xe'];
    expect(namedLeader(clarifying(text, buttons), namePhrases(kb))).toBeNull();
    // The matcher passes its own expansion (the lexicon's abbreviations); this one knows "bhyt" only.
    const expanded = (t: string): string[] => syllables(normaliseText(t.replace(/\bbhyt\b/gi, 'bảo hiểm y tế'))).folded;
    expect(namedLeader(clarifying(text, buttons), namePhrases(kb, expanded), expanded)).toBe('the-bhyt');
    expect(matcher.understand(text)).toMatchObject({ decision: 'answer', procedureId: 'the-bhyt', aspect: 'place', narrow: true });
  });
});
