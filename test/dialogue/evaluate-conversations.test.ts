import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateConversations, formatDialogueReport, parseConversations, type Conversation } from '../../src/dialogue/evaluate-conversations.js';
import type { Understander } from '../../src/dialogue/turn.js';
import type { Language, Translate } from '../../src/dialogue/types.js';
import type { TurnUnderstanding } from '../../src/dialogue/understanding.js';
import { kb } from './fixtures/knowledge.js';
import { loadTranslations } from './fixtures/i18n.js';

let tFor: (lng: Language) => Translate;
beforeAll(async () => {
  tFor = await loadTranslations();
});

function u(text: string, over: Partial<TurnUnderstanding>): TurnUnderstanding {
  return { text, decision: 'fallback', intent: 'fallback', intentId: null, procedureId: null, aspect: null, dossierCode: null, confidence: 0.8, alternatives: [], language: 'vi', followUp: false, entities: {}, ...over };
}

/** A matcher that says what the script says, and records the context it was given. */
function scripted(script: Record<string, Partial<TurnUnderstanding>>): Understander & { contexts: unknown[] } {
  const contexts: unknown[] = [];
  return {
    contexts,
    understand(text, context) {
      contexts.push(context);
      return u(text, script[text] ?? {});
    },
  };
}

const CODE = '000.00.53.H48-251120-0004';

function run(conversations: Conversation[], matcher: Understander) {
  return evaluateConversations(conversations, { matcher, kb, tFor });
}

describe('dialogue evaluation: scoring one turn', () => {
  it('right procedure, wrong procedure, a fallback where an answer was due, and the aspect apart', () => {
    const m = scripted({
      'khai sinh cần gì': { decision: 'answer', intent: 'procedure', procedureId: 'dang-ky-khai-sinh', aspect: 'documents' },
      'hộ chiếu bao nhiêu': { decision: 'answer', intent: 'procedure', procedureId: 'dang-ky-khai-sinh', aspect: 'fee' },
      'lệ phí': { decision: 'answer', intent: 'procedure', procedureId: 'dang-ky-khai-sinh', aspect: 'duration', followUp: true },
    });
    const r = run(
      [
        {
          id: 'c1',
          tags: ['follow-up'],
          turns: [
            { text: 'khai sinh cần gì', expect: { intent: 'procedure', procedureId: 'dang-ky-khai-sinh', aspect: 'documents', decision: 'answer' } },
            { text: 'lệ phí', expect: { intent: 'procedure', aspect: 'fee', decision: 'answer' } },
          ],
        },
        { id: 'c2', tags: ['topic-change'], turns: [{ text: 'hộ chiếu bao nhiêu', expect: { intent: 'procedure', procedureId: 'cap-ho-chieu', decision: 'answer' } }] },
        { id: 'c3', tags: ['typo'], turns: [{ text: 'xyz', expect: { intent: 'procedure', procedureId: 'cap-ho-chieu', decision: 'answer' } }] },
      ],
      m,
    );
    expect(r.outcomes.map((o) => o.verdict)).toEqual(['right', 'right', 'wrong', 'missed']);
    // The aspect-only turn inherits the labelled procedure; its aspect was wrong.
    expect(r.outcomes[1]).toMatchObject({ expectedProcedure: 'dang-ky-khai-sinh', aspectRight: false });
    expect(r).toMatchObject({ turns: 4, right: 2, wrong: 1, missed: 1, aspectChecked: 2, aspectRight: 1, conversationsAllRight: 0 });
    // The matcher got the session's context: the second turn knew the procedure of the first.
    expect(m.contexts[1]).toMatchObject({ lastProcedureId: 'dang-ky-khai-sinh', lastAspect: 'documents' });
    const text = formatDialogueReport(r, { misses: true });
    expect(text).toContain('right:         2 (50.0 %)');
    expect(text).toContain('[wrong] c2#1 hộ chiếu bao nhiêu');
  });

  it('clarifications count when they offer the listed procedures; a pick answers the n-th option the bot showed', () => {
    const m = scripted({
      'giấy tờ': {
        decision: 'clarify',
        intent: 'procedure',
        procedureId: 'cap-ho-chieu',
        alternatives: [{ procedureId: 'dang-ky-khai-sinh', confidence: 0.5 }],
      },
      '2': { choice: 2, languageDetected: false },
      'bao lâu': { decision: 'answer', intent: 'procedure', procedureId: 'dang-ky-khai-sinh', aspect: 'duration', followUp: true },
    });
    const r = run(
      [
        {
          id: 'c1',
          tags: ['choice'],
          turns: [
            { text: 'giấy tờ', expect: { intent: 'procedure', decision: 'clarify', procedureIds: ['dang-ky-khai-sinh', 'cap-ho-chieu'] } },
            { text: '2', expect: { intent: 'procedure', choice: 2 } },
            { text: 'bao lâu', expect: { intent: 'procedure', aspect: 'duration', decision: 'answer' } },
          ],
        },
      ],
      m,
    );
    expect(r.outcomes.map((o) => o.verdict)).toEqual(['right', 'right', 'right']);
    // The bot shows the matcher's leader first: option 2 is the runner-up.
    expect(r.outcomes[1]!.expectedProcedure).toBe('dang-ky-khai-sinh');
    expect(r.outcomes[0]!.got.offered).toEqual(['cap-ho-chieu', 'dang-ky-khai-sinh']);
    expect(r.conversationsAllRight).toBe(1);
  });

  it('a clarification that offers only one of two listed procedures is missed; answering one of them is missed, not wrong', () => {
    const m = scripted({
      a: { decision: 'clarify', intent: 'procedure', procedureId: 'cap-ho-chieu', alternatives: [{ procedureId: 'ket-hon-yeu-to-nuoc-ngoai', confidence: 0.4 }] },
      b: { decision: 'answer', intent: 'procedure', procedureId: 'cap-ho-chieu' },
      c: { decision: 'answer', intent: 'procedure', procedureId: 'ket-hon-yeu-to-nuoc-ngoai' },
    });
    const expect2 = { intent: 'procedure', decision: 'clarify' as const, procedureIds: ['cap-ho-chieu', 'dang-ky-khai-sinh'] };
    const r = run(
      ['a', 'b', 'c'].map((text) => ({ id: text, tags: [], turns: [{ text, expect: expect2 }] })),
      m,
    );
    expect(r.outcomes.map((o) => o.verdict)).toEqual(['missed', 'missed', 'wrong']);
  });

  it('bare numbers, generic words, dossier codes and system intents', () => {
    const m = scripted({
      '1': { choice: 1, languageDetected: false },
      'thủ tục': { decision: 'answer', intent: 'ask_need' },
      [CODE]: { decision: 'answer', intent: 'dossier_status', dossierCode: CODE },
      'tra cứu hồ sơ': { decision: 'answer', intent: 'dossier_status' },
      'cảm ơn': { decision: 'answer', intent: 'thanks' },
      'chào': { decision: 'answer', intent: 'greeting' },
    });
    const r = run(
      [
        { id: 'n', tags: [], turns: [{ text: '1', expect: { intent: 'fallback' } }] },
        { id: 'g', tags: [], turns: [{ text: 'thủ tục', expect: { intent: 'ask_need' } }] },
        { id: 'd', tags: [], turns: [{ text: CODE, expect: { intent: 'dossier_status', dossierCode: CODE } }] },
        { id: 'e', tags: [], turns: [{ text: 'tra cứu hồ sơ', expect: { intent: 'dossier_status', dossierCode: null } }] },
        { id: 't', tags: [], turns: [{ text: 'chào', expect: { intent: 'thanks' } }] },
        { id: 'x', tags: [], turns: [{ text: 'cảm ơn', expect: { intent: 'complaint' } }] },
      ],
      m,
    );
    expect(r.outcomes.map((o) => o.verdict)).toEqual(['right', 'right', 'right', 'right', 'wrong', 'wrong']);
    expect(r.outcomes[2]!.got.dossierCode).toBe(CODE);
  });

  it('a follow-up labelled with no code is right when it looks up the dossier of the conversation, wrong with another', () => {
    const OTHER = '000.00.53.H48-251120-0005';
    const m = scripted({
      [CODE]: { decision: 'answer', intent: 'dossier_status', dossierCode: CODE },
      [OTHER]: { decision: 'answer', intent: 'dossier_status', dossierCode: OTHER },
      'bao giờ xong': { decision: 'answer', intent: 'ask_need', aspect: 'duration' },
    });
    const followUp = { intent: 'dossier_status' as const, dossierCode: null };
    const r = run(
      [
        { id: 'same', tags: [], turns: [{ text: CODE, expect: { intent: 'dossier_status', dossierCode: CODE } }, { text: 'bao giờ xong', expect: followUp }] },
        // The scripted matcher reads a code here; the label says the text holds none and no dossier came before.
        { id: 'other', tags: [], turns: [{ text: OTHER, expect: followUp }] },
      ],
      m,
    );
    expect(r.outcomes.map((o) => [o.got.dossierCode, o.verdict])).toEqual([
      [CODE, 'right'],
      [CODE, 'right'],
      [OTHER, 'wrong'],
    ]);
  });

  it('following the dossier counts as the dossier-status turn the labels have (they have no intent for following)', () => {
    const m = scripted({
      [CODE]: { decision: 'answer', intent: 'dossier_status', dossierCode: CODE },
      'có kết quả thì báo tôi nhé': { decision: 'answer', intent: 'follow_dossier' },
    });
    const r = run([{ id: 'follow', tags: [], turns: [{ text: CODE, expect: { intent: 'dossier_status', dossierCode: CODE } }, { text: 'có kết quả thì báo tôi nhé', expect: { intent: 'dossier_status', dossierCode: null } }] }], m);
    expect(r.outcomes.map((o) => [o.got.intent, o.verdict])).toEqual([
      ['dossier_status', 'right'],
      ['dossier_status', 'right'],
    ]);
  });

  it('the reply language is checked on every turn (Vietnamese unless labelled)', () => {
    const m = scripted({
      'How much is a passport?': { decision: 'answer', intent: 'procedure', procedureId: 'cap-ho-chieu', aspect: 'fee', language: 'en' },
      'lệ phí hộ chiếu': { decision: 'answer', intent: 'procedure', procedureId: 'cap-ho-chieu', aspect: 'fee', language: 'vi' },
    });
    const r = run(
      [
        { id: 'en', tags: ['language'], turns: [{ text: 'How much is a passport?', expect: { intent: 'procedure', procedureId: 'cap-ho-chieu', decision: 'answer', language: 'en' } }] },
        { id: 'vi', tags: ['language'], turns: [{ text: 'lệ phí hộ chiếu', expect: { intent: 'procedure', procedureId: 'cap-ho-chieu', decision: 'answer', language: 'en' } }] },
      ],
      m,
    );
    expect(r.outcomes.map((o) => [o.verdict, o.languageWrong])).toEqual([
      ['right', false],
      ['missed', true],
    ]);
  });

  it('rejects a line that is not a conversation, naming the line', () => {
    expect(() => parseConversations('{"id":"a","turns":[{"text":"x","expect":{"intent":"greeting"}}]}\n{"id":"b"}')).toThrow(/line 2/);
  });
});
