import { beforeAll, describe, expect, it } from 'vitest';
import { decide, type TurnUnderstanding } from '../../src/dialogue/index.js';
import { parsePayload, payload } from '../../src/dialogue/payload.js';
import { newSession, type Language, type Session, type Translate } from '../../src/dialogue/types.js';
import type { NoticeRecord } from '../../src/notify/notices.js';
import { monthsBetween, PENDING_COMPLAINTS, satisfactionCsv, SatisfactionSurvey, vnMonth, type ComplaintSink, type SatisfactionComplaint } from '../../src/notify/satisfaction.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { ComplaintStore } from '../../src/complaints/complaint-store.js';
import { complaintQueueSink } from '../../src/notify/complaint-sink.js';
import { kb } from '../dialogue/fixtures/knowledge.js';
import { loadTFor } from '../onestop/helpers.js';

const CODE = '000.00.53.H48-251120-0009';
const USER = '2468000000000009100';
const MARCH = Date.UTC(2026, 2, 10, 3);

let tFor: (lng: Language) => Translate;
beforeAll(async () => {
  tFor = await loadTFor();
});

const understood = (text: string): TurnUnderstanding => ({ text, decision: 'fallback', intent: 'fallback', intentId: null, procedureId: null, aspect: null, dossierCode: null, confidence: 0, alternatives: [], language: 'vi', followUp: false, entities: {} });

function ctx(session: Session, now = MARCH) {
  return { userId: USER, session, language: 'vi' as const, t: tFor('vi'), now };
}

/** The record of a final notice that went out by consultation (its question with it). */
function finalRecord(over: Partial<NoticeRecord> = {}): NoticeRecord {
  return {
    id: 'n1',
    bucket: 'b',
    userId: USER,
    code: CODE,
    status: 'da_tra_ket_qua',
    language: 'vi',
    final: true,
    state: 'sent',
    channel: 'consultation',
    attempts: 1,
    generation: 0,
    createdAt: MARCH,
    updatedAt: MARCH,
    steps: [],
    facts: { code: CODE, statusCode: 'da_tra_ket_qua', agency: 'UBND xã Bình Sơn', procedure_name: 'Chứng thực bản sao', procedureCode: '2.000815' },
    message: { text: '', buttons: [] },
    ...over,
  };
}

describe('satisfaction payloads and the dialogue', () => {
  it('parses the three answers and "skip"; builds them back', () => {
    expect(parsePayload(`#sat:3:${CODE.toLowerCase()}`)).toEqual({ kind: 'satisfaction', answer: 'very_satisfied', code: CODE });
    expect(parsePayload(`#sat:1:${CODE}`)).toEqual({ kind: 'satisfaction', answer: 'unsatisfied', code: CODE });
    expect(parsePayload(`#sat:skip:${CODE}`)).toEqual({ kind: 'satisfaction', answer: 'skip', code: CODE });
    expect(parsePayload('#sat:4:X')).toBeNull();
    expect(payload.satisfaction('satisfied', CODE)).toBe(`#sat:2:${CODE}`);
  });

  it('a tap becomes a satisfaction action; the next typed message after a rating is its comment, once', () => {
    const session = { ...newSession(USER), updatedAt: 0 };
    const tapped = decide({ text: `#sat:1:${CODE}`, understanding: understood(`#sat:1:${CODE}`), session, kb, tFor, now: MARCH });
    expect(tapped.actions).toContainEqual({ type: 'satisfaction', code: CODE, answer: 'unsatisfied' });
    const waiting: Session = { ...tapped.session, awaiting: 'satisfaction_comment', pendingSatisfactionCode: CODE };
    const comment = decide({ text: 'chờ lâu quá', understanding: understood('chờ lâu quá'), session: waiting, kb, tFor, now: MARCH });
    expect(comment.actions).toContainEqual({ type: 'satisfaction_comment', code: CODE, text: 'chờ lâu quá' });
    expect(comment.session.awaiting).toBeUndefined();
    // A tap instead of a comment ends the wait: the message after it is an ordinary one.
    const tapInstead = decide({ text: '#i:help', understanding: understood('#i:help'), session: waiting, kb, tFor, now: MARCH });
    expect(tapInstead.session.awaiting).toBeUndefined();
    expect(tapInstead.session.pendingSatisfactionCode).toBeUndefined();
  });
});

describe('the satisfaction survey', () => {
  it('accepts an answer only for a question it asked, once per citizen and dossier', async () => {
    const store = new MemoryStore();
    const survey = new SatisfactionSurvey(store, tFor);
    const session = newSession(USER);
    const notAsked = await survey.handle({ type: 'satisfaction', code: CODE, answer: 'satisfied' }, ctx(session));
    expect(notAsked.text).toContain('chưa gửi câu hỏi đánh giá');
    // Only a final notice sent by consultation carried the question.
    await survey.settled(finalRecord({ channel: 'template' }), MARCH);
    expect((await survey.handle({ type: 'satisfaction', code: CODE, answer: 'satisfied' }, ctx(session))).text).toContain('chưa gửi câu hỏi');
    await survey.settled(finalRecord(), MARCH);
    const ok = await survey.handle({ type: 'satisfaction', code: CODE, answer: 'satisfied' }, ctx(session));
    expect(ok.text).toContain('Cảm ơn anh/chị đã đánh giá');
    expect(ok.buttons).toEqual([{ kind: 'query', title: 'Bỏ qua', payload: `#sat:skip:${CODE}` }]);
    expect(session).toMatchObject({ awaiting: 'satisfaction_comment', pendingSatisfactionCode: CODE });
    expect((await survey.handle({ type: 'satisfaction', code: CODE, answer: 'unsatisfied' }, ctx(newSession(USER)))).text).toContain('đã đánh giá hồ sơ');
    expect(await survey.counts('2026-03', '2026-03')).toEqual([{ month: '2026-03', agency: 'UBND xã Bình Sơn', procedure: 'Chứng thực bản sao', very_satisfied: 0, satisfied: 1, unsatisfied: 0 }]);
  });

  it('a "not satisfied" with a comment goes to the complaint sink, or waits in a list when none is wired', async () => {
    const complaints: SatisfactionComplaint[] = [];
    const sink: ComplaintSink = {
      submit: async (c) => {
        complaints.push(c);
      },
    };
    for (const wired of [true, false]) {
      const store = new MemoryStore();
      const survey = new SatisfactionSurvey(store, tFor, wired ? sink : undefined);
      await survey.settled(finalRecord(), MARCH);
      await survey.handle({ type: 'satisfaction', code: CODE, answer: 'unsatisfied' }, ctx(newSession(USER)));
      const reply = await survey.handle({ type: 'satisfaction_comment', code: CODE, text: '  Chờ lâu, phải đi lại ba lần. ' }, ctx(newSession(USER), MARCH + 60_000));
      expect(reply.text).toContain('ghi nhận góp ý');
      // A second comment does not overwrite the first.
      await survey.handle({ type: 'satisfaction_comment', code: CODE, text: 'khác' }, ctx(newSession(USER)));
      const expected = { userId: USER, language: 'vi', code: CODE, agency: 'UBND xã Bình Sơn', procedureCode: '2.000815', procedureName: 'Chứng thực bản sao', comment: 'Chờ lâu, phải đi lại ba lần.', at: MARCH + 60_000 };
      if (wired) {
        expect(complaints).toEqual([expected]);
        expect(await store.llen(PENDING_COMPLAINTS)).toBe(0);
      } else {
        expect(await survey.pendingComplaints()).toEqual([expected]);
      }
      const rows = await survey.rows('2026-03', '2026-03');
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ level: 'unsatisfied', comment: 'Chờ lâu, phải đi lại ba lần.' });
    }
  });

  it('wired to the complaints queue of issue 11: filed once as a complaint, and the citizen hears its reference', async () => {
    const store = new MemoryStore();
    const queue = new ComplaintStore(store);
    const survey = new SatisfactionSurvey(store, tFor, complaintQueueSink(queue, tFor));
    await survey.settled(finalRecord(), MARCH);
    await survey.handle({ type: 'satisfaction', code: CODE, answer: 'unsatisfied' }, ctx(newSession(USER)));
    const reply = await survey.handle({ type: 'satisfaction_comment', code: CODE, text: 'Chờ lâu quá' }, ctx(newSession(USER)));
    const page = await queue.list({ limit: 10, offset: 0 });
    expect(page.items).toHaveLength(1);
    const filed = page.items[0]!;
    expect(filed).toMatchObject({ userId: USER, status: 'new' });
    expect(filed.parts[0]!.text).toBe(`Chưa hài lòng với việc giải quyết hồ sơ ${CODE} (Chứng thực bản sao, UBND xã Bình Sơn): Chờ lâu quá`);
    expect(reply.text).toContain(filed.ref);
    expect(await survey.pendingComplaints()).toEqual([]);
  });

  it('a satisfied comment is kept with the answer but is not a complaint', async () => {
    const store = new MemoryStore();
    const survey = new SatisfactionSurvey(store, tFor);
    await survey.settled(finalRecord(), MARCH);
    await survey.handle({ type: 'satisfaction', code: CODE, answer: 'very_satisfied' }, ctx(newSession(USER)));
    await survey.handle({ type: 'satisfaction_comment', code: CODE, text: 'Cán bộ nhiệt tình' }, ctx(newSession(USER)));
    expect(await survey.pendingComplaints()).toEqual([]);
    expect((await survey.rows('2026-01', '2026-12'))[0]!.comment).toBe('Cán bộ nhiệt tình');
  });

  it('exports CSV that survives commas, quotes, new lines and spreadsheet formulas', () => {
    const csv = satisfactionCsv([
      { month: '2026-03', at: MARCH, code: CODE, agency: 'UBND xã "Bình Sơn"', procedureCode: '2.000815', procedureName: 'Chứng thực, bản sao', level: 'unsatisfied', comment: '=HYPERLINK("x")\nhai dòng' },
    ]);
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('month,answered_at,dossier_code,agency,procedure_code,procedure_name,level,comment');
    expect(lines[1]).toBe(`2026-03,2026-03-10T03:00:00.000Z,${CODE},"UBND xã ""Bình Sơn""",2.000815,"Chứng thực, bản sao",unsatisfied,"'=HYPERLINK(""x"")\nhai dòng"`);
  });

  it('counts months in Vietnam time and walks month ranges across a year', () => {
    expect(vnMonth(Date.UTC(2026, 2, 31, 18))).toBe('2026-04');
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-03', '2026-01')).toEqual([]);
  });
});
