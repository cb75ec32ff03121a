import { beforeAll, describe, expect, it } from 'vitest';
import { decide, type TurnUnderstanding } from '../../src/dialogue/index.js';
import { newSession, type Action, type Language, type Reply, type Session, type Translate } from '../../src/dialogue/types.js';
import { kb } from './fixtures/knowledge.js';
import { nothingUnderstood } from '../support/understanding.js';
import { loadTranslations } from './fixtures/i18n.js';
import type { Aspect, KnowledgeBase } from '../../src/knowledge/schema.js';
import { TEST_CONTACTS } from '../fixtures/contacts/test-contacts.js';

let tFor: (lng: Language) => Translate;
beforeAll(async () => {
  tFor = await loadTranslations();
});

const NOW = 1_790_000_000_000;
const CODE = '000.00.53.H48-220921-0099';

/** What the matcher would say; by default "nothing understood" in Vietnamese. */
function understood(text: string, over: Partial<TurnUnderstanding> = {}): TurnUnderstanding {
  return { ...nothingUnderstood(text), ...over };
}

/** A button tap: the matcher sees text it does not know. */
const tap = (payload: string): TurnUnderstanding => understood(payload);

function turn(session: Session, text: string, u: TurnUnderstanding = understood(text), base: KnowledgeBase = kb) {
  const out = decide({ text, understanding: u, session, kb: base, tFor, now: NOW });
  const replies = out.actions.filter((a): a is Extract<Action, { type: 'reply' }> => a.type === 'reply').map((a) => a.reply);
  const records = out.actions.filter((a) => a.type === 'record_answer');
  return { ...out, reply: replies[0] as Reply | undefined, replies, records };
}

const payloads = (r: Reply | undefined): string[] => (r?.buttons ?? []).flatMap((b) => (b.kind === 'query' ? [b.payload] : []));
const fresh = (): Session => ({ ...newSession('u1'), updatedAt: 0 });

describe('decide: procedures', () => {
  it('answers the asked aspect and remembers the procedure', () => {
    const u = understood('le phi lam ho chieu', { decision: 'answer', intent: 'procedure', procedureId: 'cap-ho-chieu', aspect: 'fee', confidence: 0.9 });
    const r = turn(fresh(), u.text, u);
    expect(r.reply?.text).toContain('200.000 đồng');
    expect(r.session.lastProcedureId).toBe('cap-ho-chieu');
    expect(r.session.lastAspect).toBe('fee');
    expect(r.session.updatedAt).toBe(NOW);
    expect(r.records).toEqual([{ type: 'record_answer', procedureId: 'cap-ho-chieu', intent: 'procedure', aspect: 'fee', decision: 'answer' }]);
  });

  it('remembers the last three procedures answered, most recent first, each once', () => {
    let s: Session = { ...fresh(), recentProcedureIds: ['dang-ky-thuong-tru', 'dang-ky-ket-hon'] };
    for (const id of ['cap-ho-chieu', 'dang-ky-khai-sinh', 'cap-ho-chieu']) {
      s = turn(s, id, understood(id, { decision: 'answer', intent: 'procedure', procedureId: id, aspect: 'overview', confidence: 0.9 })).session;
    }
    expect(s.recentProcedureIds).toEqual(['cap-ho-chieu', 'dang-ky-khai-sinh', 'dang-ky-thuong-tru']);
  });

  it('a follow-up without a procedure applies to the last one', () => {
    const s = { ...fresh(), lastProcedureId: 'dang-ky-khai-sinh', lastAspect: 'documents' as const };
    const u = understood('nop o dau?', { decision: 'answer', intent: 'procedure', aspect: 'place', followUp: true, confidence: 0.7 });
    const r = turn(s, u.text, u);
    expect(r.reply?.text).toContain('Đăng ký khai sinh – Nơi nộp hồ sơ');
    expect(r.session.lastAspect).toBe('place');
  });

  it('clarify offers up to 3 candidates, records the question, and a tap resolves it', () => {
    const u = understood('ket hon', {
      decision: 'clarify',
      intent: 'procedure',
      procedureId: 'ket-hon-yeu-to-nuoc-ngoai',
      aspect: 'documents',
      confidence: 0.5,
      alternatives: [
        { procedureId: 'dang-ky-khai-sinh', confidence: 0.45 },
        { procedureId: 'cap-ho-chieu', confidence: 0.4 },
        { procedureId: 'no-such-procedure', confidence: 0.3 },
      ],
    });
    const first = turn(fresh(), u.text, u);
    expect(payloads(first.reply)).toEqual([
      '#p:ket-hon-yeu-to-nuoc-ngoai:documents',
      '#p:dang-ky-khai-sinh:documents',
      '#p:cap-ho-chieu:documents',
      '#i:help',
    ]);
    expect(first.reply?.buttons.at(-1)?.title).toBe('Không phải mục trên');
    expect(first.session.pendingClarification).toEqual({ candidates: ['ket-hon-yeu-to-nuoc-ngoai', 'dang-ky-khai-sinh', 'cap-ho-chieu'], aspect: 'documents', text: 'ket hon' });
    expect(first.actions).toContainEqual({ type: 'record_unanswered', text: 'ket hon', decision: 'clarify', candidates: ['ket-hon-yeu-to-nuoc-ngoai', 'dang-ky-khai-sinh', 'cap-ho-chieu'] });
    expect(first.records[0]).toMatchObject({ decision: 'clarify' });

    const second = turn(first.session, '#p:dang-ky-khai-sinh:documents', tap('#p:dang-ky-khai-sinh:documents'));
    expect(second.reply?.text).toContain('Đăng ký khai sinh – Hồ sơ cần chuẩn bị');
    expect(second.session.pendingClarification).toBeUndefined();
    expect(second.session.lastProcedureId).toBe('dang-ky-khai-sinh');
    expect(second.records[0]).toMatchObject({ procedureId: 'dang-ky-khai-sinh', aspect: 'documents', decision: 'answer' });

    // Then a follow-up applies to the chosen procedure.
    const third = turn(second.session, 'le phi?', understood('le phi?', { decision: 'answer', intent: 'procedure', aspect: 'fee', followUp: true }));
    expect(third.reply?.text).toContain('Đăng ký khai sinh – Phí, lệ phí');
  });

  it('typing the number of a candidate after a clarification picks it', () => {
    const s: Session = { ...fresh(), pendingClarification: { candidates: ['dang-ky-khai-sinh', 'cap-ho-chieu'], aspect: 'duration', text: 'x' } };
    const r = turn(s, '2', understood('2', { choice: 2, languageDetected: false }));
    expect(r.reply?.text).toContain('Cấp hộ chiếu phổ thông ở trong nước – Thời hạn giải quyết');
    expect(r.session.pendingClarification).toBeUndefined();
    const last = turn(s, 'cái cuối', understood('cái cuối', { choice: 'last' }));
    expect(last.session.lastProcedureId).toBe('cap-ho-chieu');
  });

  it('an answer that carried the previous procedure over or passed narrowly is listed for review; a tap or a clear answer is not', () => {
    const s = { ...fresh(), lastProcedureId: 'dang-ky-khai-sinh', lastAspect: 'documents' as const };
    const carried = turn(s, 'thế nộp ở đâu', understood('thế nộp ở đâu', { decision: 'answer', intent: 'procedure', procedureId: 'dang-ky-khai-sinh', aspect: 'place', followUp: true, confidence: 0.6 }));
    expect(carried.actions).toContainEqual({ type: 'record_review', reason: 'carry_over', text: 'thế nộp ở đâu', intent: 'procedure', procedureId: 'dang-ky-khai-sinh', aspect: 'place', confidence: 0.6 });
    const narrow = turn(fresh(), 'ho chieu', understood('ho chieu', { decision: 'answer', intent: 'procedure', procedureId: 'cap-ho-chieu', aspect: 'overview', narrow: true, confidence: 0.37 }));
    expect(narrow.actions.filter((a) => a.type === 'record_review')).toMatchObject([{ reason: 'narrow', procedureId: 'cap-ho-chieu' }]);
    const clear = turn(fresh(), 'lam ho chieu', understood('lam ho chieu', { decision: 'answer', intent: 'procedure', procedureId: 'cap-ho-chieu', confidence: 0.9 }));
    expect(clear.actions.some((a) => a.type === 'record_review')).toBe(false);
    const tapped = turn(s, '#p:cap-ho-chieu:fee', understood('#p:cap-ho-chieu:fee', { narrow: true }));
    expect(tapped.actions.some((a) => a.type === 'record_review')).toBe(false);
    const asked = turn(fresh(), 'x', understood('x', { decision: 'clarify', intent: 'procedure', procedureId: 'cap-ho-chieu', narrow: true }));
    expect(asked.actions.some((a) => a.type === 'record_review')).toBe(false);
  });

  it('a bare number with no list open means nothing: it says so, records it unanswered, and answers no procedure', () => {
    const s: Session = { ...fresh(), lastProcedureId: 'dang-ky-khai-sinh', lastAspect: 'documents' };
    const r = turn(s, '1', understood('1', { choice: 1, languageDetected: false }));
    expect(r.reply?.text).toContain('chưa có danh sách nào để chọn');
    expect(payloads(r.reply)).toContain('#i:procedures');
    expect(r.records[0]).toMatchObject({ decision: 'fallback', procedureId: null });
    expect(r.actions).toContainEqual({ type: 'record_unanswered', text: '1', decision: 'fallback', candidates: [] });
  });

  it('a number beyond the list asks the same question again', () => {
    const s: Session = { ...fresh(), pendingClarification: { candidates: ['dang-ky-khai-sinh', 'cap-ho-chieu'], aspect: null, text: 'x' } };
    const r = turn(s, '3', understood('3', { choice: 3 }));
    expect(r.records[0]).toMatchObject({ decision: 'clarify' });
    expect(r.session.pendingClarification?.candidates).toEqual(['dang-ky-khai-sinh', 'cap-ho-chieu']);
  });

  it('a clarification remembers only the candidates it shows, in their order', () => {
    const u = understood('x', {
      decision: 'clarify',
      intent: 'procedure',
      procedureId: 'dang-ky-khai-sinh',
      alternatives: [
        { procedureId: 'cap-ho-chieu', confidence: 0.4 },
        { procedureId: 'ket-hon-yeu-to-nuoc-ngoai', confidence: 0.4 },
        { procedureId: 'dang-ky-khai-sinh', confidence: 0.3 },
      ],
    });
    const r = turn(fresh(), 'x', u);
    expect(r.session.pendingClarification?.candidates).toEqual(['dang-ky-khai-sinh', 'cap-ho-chieu', 'ket-hon-yeu-to-nuoc-ngoai']);
    expect(payloads(r.reply).slice(0, 3)).toEqual(r.session.pendingClarification!.candidates.map((id) => `#p:${id}:overview`));
  });

  it('fallback shows the menu with a hand-off offer and records the unanswered question', () => {
    const u = understood('con meo nha toi bi lac', { alternatives: [{ procedureId: 'cap-ho-chieu', confidence: 0.1 }] });
    const r = turn(fresh(), u.text, u);
    expect(r.reply?.text).toContain('chưa hiểu');
    expect(payloads(r.reply)).toContain('#i:handoff');
    expect(r.actions).toContainEqual({ type: 'record_unanswered', text: 'con meo nha toi bi lac', decision: 'fallback', candidates: ['cap-ho-chieu'] });
    expect(r.records[0]).toMatchObject({ decision: 'fallback' });
  });

  it('an answer for a procedure missing from the content falls back instead of guessing', () => {
    const u = understood('x', { decision: 'answer', intent: 'procedure', procedureId: 'gone', aspect: 'fee' });
    const r = turn(fresh(), 'x', u);
    expect(r.actions.some((a) => a.type === 'record_unanswered')).toBe(true);
    expect(r.session.lastProcedureId).toBeUndefined();
  });
});

describe('decide: language', () => {
  it('English chosen by button holds for messages that show no language; a Vietnamese message is answered in Vietnamese', () => {
    const sw = turn(fresh(), 'english please', understood('english please', { decision: 'answer', intent: 'language', intentId: 'language.en', language: 'en' }));
    expect(sw.session).toMatchObject({ language: 'en', languageChosen: true });
    expect(sw.reply?.text).toBe('OK, from now on I will reply in English.');

    const number = turn(sw.session, '2', understood('2', { choice: 2, languageDetected: false }));
    expect(number.session.language).toBe('en');
    expect(number.reply?.text).toContain('There is no list to choose from');

    const next = turn(number.session, 'xin chào', understood('xin chào', { decision: 'answer', intent: 'greeting', language: 'vi' }));
    expect(next.session.language).toBe('vi');
    expect(next.reply?.text).toMatch(/^Xin chào/);
    // The menu then offers English again.
    expect(payloads(next.reply)).toContain('#lang:en');
  });

  it('in English, the menu offers a button back to Vietnamese', () => {
    const r = turn(fresh(), 'hello', understood('hello', { decision: 'answer', intent: 'greeting', language: 'en' }));
    expect(payloads(r.reply)).toContain('#lang:vi');
  });

  it('without a choice, replies in the language the message was written in', () => {
    const r = turn(fresh(), 'hello', understood('hello', { decision: 'answer', intent: 'greeting', language: 'en' }));
    expect(r.reply?.text).toMatch(/^Hello!/);
    expect(r.session.languageChosen).toBe(false);
    const v = turn(r.session, 'chào bạn', understood('chào bạn', { decision: 'answer', intent: 'greeting', language: 'vi' }));
    expect(v.reply?.text).toMatch(/^Xin chào/);
  });

  it('the #lang button switches and a button tap keeps the chosen language', () => {
    const sw = turn(fresh(), '#lang:en', tap('#lang:en'));
    expect(sw.session.languageChosen).toBe(true);
    const a = turn(sw.session, '#p:cap-ho-chieu:fee', tap('#p:cap-ho-chieu:fee'));
    expect(a.reply?.text).toContain('Passport fee: 200,000 VND.');
    const back = turn(a.session, '#lang:vi', tap('#lang:vi'));
    expect(back.session.language).toBe('vi');
    expect(back.reply?.text).toContain('tiếng Việt');
  });
});

describe('decide: dossiers', () => {
  it('asks for the code with an example, then looks it up when it comes', () => {
    const ask = turn(fresh(), 'tra cuu ho so', understood('tra cuu ho so', { decision: 'answer', intent: 'dossier_status' }));
    expect(ask.reply?.text).toContain(CODE);
    expect(ask.session.awaiting).toBe('dossier_code');
    expect(ask.actions.some((a) => a.type === 'lookup_dossier')).toBe(false);

    const bad = turn(ask.session, 'ma cua toi la 12345');
    expect(bad.reply?.text).toContain('chưa nhận ra mã hồ sơ');
    expect(bad.session.awaiting).toBe('dossier_code');

    const got = turn(bad.session, CODE.toLowerCase(), understood(CODE.toLowerCase(), { dossierCode: CODE }));
    expect(got.actions).toContainEqual({ type: 'lookup_dossier', code: CODE });
    // The dossier module renders the lookup's reply from the facts it fetches.
    expect(got.replies).toHaveLength(0);
    expect(got.session.awaiting).toBeUndefined();
    expect(got.records[0]).toMatchObject({ intent: 'dossier_status', decision: 'answer' });
  });

  it('a message with a code is looked up at once', () => {
    const r = turn(fresh(), `ho so ${CODE} sao roi`, understood('x', { decision: 'answer', intent: 'dossier_status', dossierCode: CODE }));
    expect(r.actions).toContainEqual({ type: 'lookup_dossier', code: CODE });
  });

  it('a social-insurance file number is not sent to the one-stop system: the citizen is pointed to the BHXH channels', () => {
    const bhxh = '03706/2026/07906';
    const r = turn(fresh(), `tra giup ho so bhxh ${bhxh}`, understood('x', { decision: 'answer', intent: 'dossier_status', dossierCode: bhxh }));
    expect(r.actions.some((a) => a.type === 'lookup_dossier')).toBe(false);
    expect(r.reply?.text).toContain(bhxh);
    expect(r.reply?.text).toContain('bảo hiểm xã hội');
    expect(r.session.lastDossierCode).toBeUndefined();
    expect(r.records[0]).toMatchObject({ intent: 'dossier_status', decision: 'answer' });
    const en = turn({ ...fresh(), language: 'en', languageChosen: true }, `check ${bhxh}`, understood('x', { decision: 'answer', intent: 'dossier_status', dossierCode: bhxh, language: 'en' }));
    expect(en.reply?.text).toContain('social insurance');
  });

  it('while awaiting a code, another question moves on', () => {
    const s: Session = { ...fresh(), awaiting: 'dossier_code' };
    const r = turn(s, 'lam ho chieu', understood('lam ho chieu', { decision: 'answer', intent: 'procedure', procedureId: 'cap-ho-chieu' }));
    expect(r.reply?.text).toContain('Cấp hộ chiếu');
    expect(r.session.awaiting).toBeUndefined();
  });

  it('a second factor completes a pending lookup', () => {
    const s: Session = { ...fresh(), awaiting: 'dossier_proof', pendingDossierCode: CODE };
    const r = turn(s, '0905123456', understood('0905123456', { entities: { phone: '0905123456' } }));
    expect(r.actions).toContainEqual({ type: 'lookup_dossier', code: CODE, proof: '0905123456' });
    expect(r.session.pendingDossierCode).toBeUndefined();
  });

  it('dossier buttons become actions', () => {
    expect(turn(fresh(), `#d:lookup:${CODE}`, tap(`#d:lookup:${CODE}`)).actions).toContainEqual({ type: 'lookup_dossier', code: CODE });
    expect(turn(fresh(), `#d:follow:${CODE}`, tap(`#d:follow:${CODE}`)).actions).toContainEqual({ type: 'follow_dossier', code: CODE });
    expect(turn(fresh(), `#d:unfollow:${CODE}`, tap(`#d:unfollow:${CODE}`)).actions).toContainEqual({ type: 'unfollow_dossier', code: CODE });
    expect(turn(fresh(), '#d:unfollow:', tap('#d:unfollow:')).actions).toContainEqual({ type: 'unfollow_dossier', code: null });
  });

  it('follow without a code asks for one; with a code it is an action', () => {
    const ask = turn(fresh(), 'theo doi ho so', understood('theo doi ho so', { decision: 'answer', intent: 'follow_dossier' }));
    expect(ask.reply?.text).toContain('theo dõi');
    expect(ask.actions.some((a) => a.type === 'follow_dossier')).toBe(false);
    const f = turn(fresh(), 'x', understood('x', { decision: 'answer', intent: 'follow_dossier', dossierCode: CODE }));
    expect(f.actions).toContainEqual({ type: 'follow_dossier', code: CODE });
    expect(f.actions.some((a) => a.type === 'lookup_dossier')).toBe(false);
  });

  it('follow without a code right after a look-up follows the dossier looked up', () => {
    const after: Session = { ...fresh(), lastDossierCode: CODE };
    const r = turn(after, 'co gi bao toi nhe', understood('co gi bao toi nhe', { decision: 'answer', intent: 'follow_dossier' }));
    expect(r.actions).toContainEqual({ type: 'follow_dossier', code: CODE });
  });
});

describe('decide: small talk, menu, feedback', () => {
  it('feedback buttons record the verdict and thank the citizen', () => {
    const r = turn(fresh(), '#fb:down:cap-ho-chieu', tap('#fb:down:cap-ho-chieu'));
    expect(r.actions).toContainEqual({ type: 'feedback', procedureId: 'cap-ho-chieu', helpful: false });
    expect(r.reply?.text).toContain('Cảm ơn');
    expect(payloads(r.reply)).toContain('#i:handoff');
    const up = turn(fresh(), '#fb:up:cap-ho-chieu', tap('#fb:up:cap-ho-chieu'));
    expect(up.actions).toContainEqual({ type: 'feedback', procedureId: 'cap-ho-chieu', helpful: true });
  });

  it('hand-off is an action plus an acknowledgement', () => {
    for (const r of [turn(fresh(), '#i:handoff', tap('#i:handoff')), turn(fresh(), 'gap can bo', understood('gap can bo', { decision: 'answer', intent: 'handoff' }))]) {
      expect(r.actions).toContainEqual({ type: 'handoff' });
      expect(r.reply?.text).toContain('cán bộ');
    }
  });

  it('menu buttons: help, procedures prompt, dossier', () => {
    expect(payloads(turn(fresh(), '#i:help', tap('#i:help')).reply)).toContain('#i:dossier_status');
    const prompt = turn(fresh(), '#i:procedures', tap('#i:procedures'));
    expect(payloads(prompt.reply)).toContain('#p:dang-ky-khai-sinh:overview');
    expect(turn(fresh(), '#i:dossier_status', tap('#i:dossier_status')).session.awaiting).toBe('dossier_code');
  });

  it('out-of-scope, thanks and greeting use their own texts', () => {
    const oos = turn(fresh(), 'ly hon', understood('ly hon', { decision: 'answer', intent: 'out_of_scope', intentId: 'out_of_scope.divorce' }));
    expect(oos.reply?.text).toContain('Tòa án');
    expect(turn(fresh(), 'cam on', understood('cam on', { decision: 'answer', intent: 'thanks' })).reply?.text).toContain('không có gì');
    expect(turn(fresh(), '#i:greeting', tap('#i:greeting')).reply?.text).toMatch(/^Xin chào/);
  });

  it('typed text that merely starts with # is not taken for a button', () => {
    const r = turn(fresh(), '#p:', understood('#p:'));
    expect(r.actions.some((a) => a.type === 'record_unanswered')).toBe(true);
  });

  it('every turn records exactly one analytics entry, never mutates its input, and fits Zalo', () => {
    const inputs: [string, TurnUnderstanding][] = [
      ['#p:cap-ho-chieu:overview', tap('#p:cap-ho-chieu:overview')],
      ['#i:help', tap('#i:help')],
      ['#lang:en', tap('#lang:en')],
      ['#fb:up:cap-ho-chieu', tap('#fb:up:cap-ho-chieu')],
      [`#d:follow:${CODE}`, tap(`#d:follow:${CODE}`)],
      ['hi', understood('hi', { decision: 'answer', intent: 'greeting', language: 'en' })],
      ['??', understood('??')],
      ['thoi tiet', understood('thoi tiet', { decision: 'answer', intent: 'out_of_scope', intentId: 'out_of_scope.weather' })],
      ['gop y', understood('gop y', { decision: 'answer', intent: 'feedback' })],
    ];
    for (const [text, u] of inputs) {
      const s = fresh();
      const frozen = JSON.stringify(s);
      const r = turn(s, text, u);
      expect(r.records).toHaveLength(1);
      expect(JSON.stringify(s)).toBe(frozen);
      expect(r.replies.length).toBeLessThanOrEqual(1);
      for (const reply of r.replies) {
        expect(reply.text.length).toBeLessThanOrEqual(2000);
        expect(reply.buttons.length).toBeLessThanOrEqual(5);
      }
    }
  });
});

describe('decide: right after a dossier', () => {
  it('"when will it be done" with no code asks about the dossier, not what the citizen needs', () => {
    const looked = turn(fresh(), CODE, understood(CODE, { decision: 'answer', intent: 'dossier_status', dossierCode: CODE, confidence: 1 }));
    expect(looked.session.lastTopic).toBe('dossier');
    const when = turn(looked.session, 'khi nào mới xong vậy', understood('khi nào mới xong vậy', { decision: 'answer', intent: 'ask_need', aspect: 'duration', confidence: 1 }));
    expect(when.records[0]).toMatchObject({ intent: 'dossier_status', decision: 'answer' });
    // That dossier is looked up again (its status holds the due date), not asked for again.
    expect(when.actions).toContainEqual({ type: 'lookup_dossier', code: CODE });
    expect(when.session.awaiting).toBeUndefined();
    // A session saved before the code was remembered asks for it.
    const { lastDossierCode: _c, ...older } = looked.session;
    const asked = turn(older, 'khi nào mới xong vậy', understood('khi nào mới xong vậy', { decision: 'answer', intent: 'ask_need', aspect: 'duration', confidence: 1 }));
    expect(asked.session.awaiting).toBe('dossier_code');
    // Without a dossier before it, the same words ask what the citizen needs.
    const alone = turn(fresh(), 'khi nào mới xong vậy', understood('khi nào mới xong vậy', { decision: 'answer', intent: 'ask_need', aspect: 'duration', confidence: 1 }));
    expect(alone.records[0]).toMatchObject({ intent: 'ask_need' });
  });

  it('its status, papers asked for or result, not placed as a procedure, ask about that dossier; a procedure named does not', () => {
    const looked = turn(fresh(), CODE, understood(CODE, { decision: 'answer', intent: 'dossier_status', dossierCode: CODE, confidence: 1 }));
    const unsure = (text: string, procedureId: string, aspect: Aspect | null) =>
      understood(text, { decision: 'clarify', intent: 'procedure', procedureId, aspect, confidence: 0.3, alternatives: [{ procedureId, confidence: 0.3 }] });
    for (const text of ['có cần bổ sung gì không', 'tinh trang sao r ad', 'thế bác phải lên đâu lấy kết quả']) {
      const r = turn(looked.session, text, unsure(text, 'xac-nhan-tinh-trang-hon-nhan', text.includes('đâu') ? 'place' : 'overview'));
      expect(r.actions, text).toContainEqual({ type: 'lookup_dossier', code: CODE });
    }
    const named = 'Đăng ký khai sinh có phải mang bản chính giấy chứng sinh không?';
    const r = turn(looked.session, named, unsure(named, 'dang-ky-khai-sinh', 'documents'));
    expect(r.actions.some((a) => a.type === 'lookup_dossier')).toBe(false);
    expect(r.records[0]).toMatchObject({ intent: 'procedure' });
  });

  it('money asked of it or where to collect it, not placed as a procedure, ask about that dossier too', () => {
    const looked = turn(fresh(), CODE, understood(CODE, { decision: 'answer', intent: 'dossier_status', dossierCode: CODE, confidence: 1 }));
    const cases: [string, Aspect | null][] = [
      ['hồ sơ đó có phải nộp thêm tiền gì không', 'overview'],
      ['rứa còn phải đóng thêm tiền chi nữa không', 'overview'],
      ['xong rồi thì tôi có phải lên xã lấy không', 'place'],
      ['có mất thêm tiền gì không', 'fee'],
    ];
    for (const [text, aspect] of cases) {
      const u = understood(text, { decision: 'clarify', intent: 'procedure', procedureId: 'tro-cap-that-nghiep', aspect, confidence: 0.29, alternatives: [{ procedureId: 'tro-cap-that-nghiep', confidence: 0.29 }] });
      expect(turn(looked.session, text, u).actions, text).toContainEqual({ type: 'lookup_dossier', code: CODE });
      // With no dossier before it, the same words stay a question about procedures.
      expect(turn(fresh(), text, u).actions.some((a) => a.type === 'lookup_dossier'), text).toBe(false);
    }
  });

  it('thanks that mention the papers to bring are thanks, not another look-up', () => {
    const looked = turn(fresh(), CODE, understood(CODE, { decision: 'answer', intent: 'dossier_status', dossierCode: CODE, confidence: 1 }));
    const text = 'ok mai tôi mang lên bổ sung, cảm ơn';
    const r = turn(looked.session, text, understood(text, { decision: 'answer', intent: 'thanks', intentId: 'thanks', confidence: 1 }));
    expect(r.actions.some((a) => a.type === 'lookup_dossier')).toBe(false);
    expect(r.records[0]).toMatchObject({ intent: 'thanks' });
  });
});

describe('second factor for a dossier', () => {
  it('reads the last 4 digits, a whole ID number or a phone number, and nothing else', async () => {
    const { ownerProofIn } = await import('../../src/dialogue/decide.js');
    expect(ownerProofIn('1234')).toBe('1234');
    expect(ownerProofIn('4 số cuối là 5678 ạ')).toBe('5678');
    expect(ownerProofIn('cccd 0511 9900 1234')).toBe('051199001234');
    expect(ownerProofIn('0912.345.678')).toBe('0912345678');
    expect(ownerProofIn('12')).toBeNull();
    expect(ownerProofIn('không nhớ')).toBeNull();
  });
});

describe('decide: complaints (phản ánh, kiến nghị)', () => {
  const complaint = (text: string) => understood(text, { decision: 'answer', intent: 'complaint', intentId: 'complaint', confidence: 0.9 });
  const files = (r: ReturnType<typeof turn>) => r.actions.filter((a): a is Extract<Action, { type: 'file_complaint' }> => a.type === 'file_complaint');

  it('files a complaint that already says what it is about, with no question first', () => {
    const text = 'Tôi muốn phản ánh cán bộ xã gây khó dễ khi tôi nộp hồ sơ đất';
    const r = turn(fresh(), text, complaint(text));
    expect(files(r)).toEqual([{ type: 'file_complaint', text, append: false }]);
    expect(r.replies).toHaveLength(0);
    expect(r.records[0]).toMatchObject({ intent: 'complaint', decision: 'answer' });
  });

  it('asks for the content when the message only says "phản ánh", then files the next message whatever the matcher thinks of it', () => {
    const first = turn(fresh(), 'tôi muốn phản ánh', complaint('tôi muốn phản ánh'));
    expect(files(first)).toEqual([]);
    expect(first.reply?.text).toMatch(/nội dung/);
    expect(first.session.awaiting).toBe('complaint_content');
    // The content names a procedure: it is still the complaint's content, not a procedure question.
    const content = 'Hồ sơ khai sinh của con tôi nộp từ tháng trước vẫn chưa có, cán bộ không giải thích';
    const second = turn(first.session, content, understood(content, { decision: 'answer', intent: 'procedure', procedureId: 'dang-ky-khai-sinh', confidence: 0.8 }));
    expect(files(second)).toEqual([{ type: 'file_complaint', text: content, append: false }]);
    expect(second.session.awaiting).toBeUndefined();
  });

  it('"thôi" instead of the content files nothing', () => {
    const first = turn(fresh(), 'phản ánh', complaint('phản ánh'));
    const r = turn(first.session, 'thôi');
    expect(files(r)).toEqual([]);
    expect(r.reply?.text).toMatch(/chưa ghi nhận/);
    expect(r.session.awaiting).toBeUndefined();
  });

  it('a tapped menu button instead of the content leaves the complaint question', () => {
    const first = turn(fresh(), 'phản ánh', complaint('phản ánh'));
    const r = turn(first.session, '#i:help', tap('#i:help'));
    expect(files(r)).toEqual([]);
    expect(r.session.awaiting).toBeUndefined();
  });

  it('"Bổ sung nội dung" adds the next message to the complaint just filed', () => {
    const s = { ...fresh(), complaintRef: 'PA-261203-0001' };
    const ask = turn(s, '#c:add', tap('#c:add'));
    expect(ask.reply?.text).toContain('PA-261203-0001');
    expect(ask.session.awaiting).toBe('complaint_more');
    const r = turn(ask.session, 'Việc xảy ra sáng thứ Hai tuần trước');
    expect(files(r)).toEqual([{ type: 'file_complaint', text: 'Việc xảy ra sáng thứ Hai tuần trước', append: true }]);
  });

  it('a complaint naming a dossier code is filed, not looked up', () => {
    const text = `phản ánh hồ sơ ${CODE} trễ hẹn mà không ai giải thích`;
    const r = turn(fresh(), text, { ...complaint(text), dossierCode: CODE });
    expect(files(r)).toEqual([{ type: 'file_complaint', text, append: false }]);
    expect(r.actions.some((a) => a.type === 'lookup_dossier')).toBe(false);
  });

  it('details the matcher cannot place, right after a complaint, are added to it; a question or a later message is not', () => {
    const text = 'cán bộ địa chính bắt tôi đi lại bốn lần vẫn chưa nhận hồ sơ';
    const filed = turn(fresh(), text, complaint(text));
    expect(filed.session.lastTopic).toBe('complaint');
    // The complaint service stores the complaint and keeps its reference in the session.
    const session = { ...filed.session, complaintRef: 'PA-0042' };
    const detail = turn(session, 'chiều thứ sáu vừa rồi, ở phòng số 2');
    expect(files(detail)).toEqual([{ type: 'file_complaint', text: 'chiều thứ sáu vừa rồi, ở phòng số 2', append: true }]);
    expect(detail.records[0]).toMatchObject({ intent: 'complaint', decision: 'answer' });
    // A clarification among procedures the details only brush ("phòng tư pháp") is not what the citizen meant either.
    const brushed = understood('sáng thứ hai, ở phòng tư pháp', { decision: 'clarify', intent: 'procedure', procedureId: 'cap-ho-chieu', aspect: 'overview', alternatives: [{ procedureId: 'cap-ho-chieu', confidence: 0.3 }] });
    expect(files(turn(session, brushed.text, brushed))).toEqual([{ type: 'file_complaint', text: brushed.text, append: true }]);
    // Where it happened, told with the procedure the citizen went for and no question, is a detail; a need named
    // after the complaint ("đăng ký khai sinh cho con") or wanted ("tôi muốn …") is answered.
    const story = 'chuyện xảy ra khoảng 9h sáng thứ Ba, lúc tôi đi nộp hồ sơ làm hộ chiếu';
    const named = (t: string) => understood(t, { decision: 'answer', intent: 'procedure', procedureId: 'cap-ho-chieu', aspect: 'overview', confidence: 0.8 });
    expect(files(turn(session, story, named(story)))).toEqual([{ type: 'file_complaint', text: story, append: true }]);
    expect(files(turn(session, 'làm hộ chiếu cho con', named('làm hộ chiếu cho con')))).toEqual([]);
    const wanted = 'giờ tôi muốn làm hộ chiếu cho thằng con trai đi du học năm sau';
    expect(files(turn(session, wanted, named(wanted)))).toEqual([]);
    // An aspect question after a complaint asks about a procedure: it is not appended.
    const asked = turn(session, 'thường thì mất bao lâu', understood('thường thì mất bao lâu', { aspect: 'duration' }));
    expect(files(asked)).toEqual([]);
    // Two turns later the complaint is no longer the topic.
    const later = turn(turn(session, 'cảm ơn', understood('cảm ơn', { decision: 'answer', intent: 'thanks', confidence: 0.9 })).session, 'chiều thứ sáu vừa rồi, ở phòng số 2');
    expect(files(later)).toEqual([]);
    expect(later.records[0]).toMatchObject({ decision: 'fallback' });
  });

  it('the menu payload #i:complaint opens the complaint conversation', () => {
    const r = turn(fresh(), '#i:complaint', tap('#i:complaint'));
    expect(r.session.awaiting).toBe('complaint_content');
  });
});

describe('decide: contacts', () => {
  const withContacts: KnowledgeBase = { ...kb, contacts: TEST_CONTACTS };
  const contacts = (text: string, intentId: string) => understood(text, { decision: 'answer', intent: 'contacts', intentId, confidence: 0.9 });

  it('"SĐT bộ phận một cửa xã" gives the centre\'s phone, a call button and how to find the commune desk', () => {
    const r = turn(fresh(), 'SĐT bộ phận một cửa xã', contacts('SĐT bộ phận một cửa xã', 'contacts.phone'), withContacts);
    expect(r.reply?.text).toContain('02000000001');
    expect(r.reply?.text).toMatch(/Mỗi xã, phường có Bộ phận Một cửa riêng/);
    expect(r.reply?.buttons).toContainEqual(expect.objectContaining({ kind: 'phone', phone: '02000000001' }));
    expect(r.records[0]).toMatchObject({ intent: 'contacts', decision: 'answer' });
  });

  it('"thứ 7 có làm không" answers for Saturday from the hours', () => {
    const r = turn(fresh(), 'thứ 7 có làm không', contacts('thứ 7 có làm không', 'contacts.hours'), withContacts);
    expect(r.reply?.text).toMatch(/có làm việc vào Thứ 7: 07:30–11:30/);
  });

  it('a named ward gets its own desk; a fact nobody sourced is said to be unknown, never guessed', () => {
    const a = turn(fresh(), 'một cửa phường Thử A ở đâu', contacts('một cửa phường Thử A ở đâu', 'contacts.address'), withContacts);
    expect(a.reply?.text).toContain('2 Đường Thử A');
    const b = turn(fresh(), 'số điện thoại xã Thử B', contacts('số điện thoại xã Thử B', 'contacts.phone'), withContacts);
    expect(b.reply?.text).toMatch(/chưa có số điện thoại đã được xác minh/);
    expect(b.reply?.buttons.some((x) => x.kind === 'phone')).toBe(false);
  });

  it('"đường dây nóng" gives the hotline', () => {
    const r = turn(fresh(), 'đường dây nóng', contacts('đường dây nóng', 'contacts.hotline'), withContacts);
    expect(r.reply?.text).toContain('Đường dây nóng: 02000000009');
  });

  it('with no contacts in the content it says so instead of inventing', () => {
    const r = turn(fresh(), 'số điện thoại', contacts('số điện thoại', 'contacts.phone'));
    expect(r.reply?.text).toMatch(/chưa có thông tin liên hệ/);
  });
});

describe('decide: a dossier just looked up, asked about in words a complaint or a contact question also uses', () => {
  const looked = (): Session => turn(fresh(), CODE, understood(CODE, { decision: 'answer', intent: 'dossier_status', dossierCode: CODE, confidence: 1 })).session;

  it('what it was sent back for, or which desk holds it, looks it up again', () => {
    const back = turn(looked(), 'bi tra ve bo sung gi ha', understood('bi tra ve bo sung gi ha', { decision: 'answer', intent: 'complaint', confidence: 0.6 }));
    expect(back.actions).toContainEqual({ type: 'lookup_dossier', code: CODE });
    const desk = turn(looked(), 'hồ sơ này đang nằm ở bộ phận nào', understood('hồ sơ này đang nằm ở bộ phận nào', { decision: 'answer', intent: 'contacts', intentId: 'contacts.address', confidence: 0.6 }));
    expect(desk.actions).toContainEqual({ type: 'lookup_dossier', code: CODE });
  });

  it('a grievance told about it is still a complaint', () => {
    const text = 'quá hạn 2 tuần rồi mà không ai gọi báo gì hết';
    const r = turn(looked(), text, understood(text, { decision: 'answer', intent: 'complaint', confidence: 0.7 }));
    expect(r.actions.some((a) => a.type === 'lookup_dossier')).toBe(false);
    expect(r.records[0]).toMatchObject({ intent: 'complaint' });
  });
});

describe('decide: a contact question right after a complaint', () => {
  it('asked with a southern "hông" is answered, not added to the complaint', () => {
    const text = 'Kiến nghị xã nên làm việc sáng thứ bảy cho công nhân';
    const filed = turn(fresh(), text, understood(text, { decision: 'answer', intent: 'complaint', intentId: 'complaint', confidence: 0.9 }));
    expect(filed.session.lastTopic).toBe('complaint');
    const ask = 'vậy giờ thứ bảy xã có làm việc hông';
    const r = turn({ ...filed.session, complaintRef: 'PA-0042' }, ask, understood(ask, { decision: 'answer', intent: 'contacts', intentId: 'contacts.hours', confidence: 0.8 }));
    expect(r.actions.some((a) => a.type === 'file_complaint')).toBe(false);
    expect(r.records[0]).toMatchObject({ intent: 'contacts' });
  });
});

describe('decide: the fifteenth round\'s fifth batch', () => {
  it('"vẫn chưa xong hả" right after a dossier looks it up again; the hotline asked for after a complaint is answered', () => {
    const looked = turn(fresh(), CODE, understood(CODE, { decision: 'answer', intent: 'dossier_status', dossierCode: CODE, confidence: 1 })).session;
    const still = turn(looked, 'van chua xong ha', understood('van chua xong ha', { decision: 'clarify', intent: 'procedure', procedureId: 'cap-so-do-lan-dau', aspect: 'overview', alternatives: [{ procedureId: 'cap-so-do-lan-dau', confidence: 0.3 }] }));
    expect(still.actions).toContainEqual({ type: 'lookup_dossier', code: CODE });
    const text = 'cán bộ xã thái độ rất khó chịu';
    const filed = turn(fresh(), text, understood(text, { decision: 'answer', intent: 'complaint', intentId: 'complaint', confidence: 0.9 }));
    const ask = 'Cho tôi số đường dây nóng của ủy ban';
    const r = turn({ ...filed.session, complaintRef: 'PA-0042' }, ask, understood(ask, { decision: 'answer', intent: 'contacts', intentId: 'contacts.hotline', confidence: 0.8 }));
    expect(r.actions.some((a) => a.type === 'file_complaint')).toBe(false);
  });
});
