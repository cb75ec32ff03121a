import { describe, expect, it } from 'vitest';
import { evaluate, formatReport, judge, parseEvalFile, type EvalItem } from '../../src/nlu/evaluate.js';
import type { Alternative, Matcher, Understanding } from '../../src/nlu/types.js';
import { nothingUnderstood } from '../support/understanding.js';

/** Scoring of the catalogue label format: every acceptable national code listed, no procedure id. */

const understanding = (over: Partial<Understanding>): Understanding => nothingUnderstood('', { confidence: 0.5, ...over });

const alt = (procedureId: string, nationalCode: string | null): Alternative => ({ procedureId, nationalCode, confidence: 0.4 });

const item: EvalItem = { text: 'xóa thế chấp sổ đỏ', intent: 'procedure', nationalCodes: ['1.011443'], aspect: 'steps', expect: 'answer' };

describe('judging catalogue items (nationalCodes)', () => {
  it('an answer with an acceptable code is found; with another code it is confidently wrong', () => {
    expect(judge(item, understanding({ decision: 'answer', intent: 'procedure', procedureId: 'tthc-1-011443', nationalCode: '1.011443' }))).toBe('right');
    expect(judge(item, understanding({ decision: 'answer', intent: 'procedure', procedureId: 'tthc-1-011441', nationalCode: '1.011441' }))).toBe('wrong');
    // Answering small talk or an out-of-scope topic to a procedure question is as wrong.
    expect(judge(item, understanding({ decision: 'answer', intent: 'out_of_scope', intentId: 'out_of_scope.tax' }))).toBe('wrong');
  });

  it('a clarification is found when one of its (at most three) buttons has an acceptable code', () => {
    const offered = understanding({ decision: 'clarify', intent: 'procedure', procedureId: 'tthc-1-011441', alternatives: [alt('tthc-1-011441', '1.011441'), alt('tthc-1-011443', '1.011443')] });
    expect(judge(item, offered)).toBe('right');
    const missing = understanding({ decision: 'clarify', intent: 'procedure', alternatives: [alt('tthc-1-011441', '1.011441'), alt('tthc-1-011442', '1.011442')] });
    expect(judge(item, missing)).toBe('unanswered');
    // Only the three buttons count, whatever a longer list would hold.
    const fourth = understanding({ decision: 'clarify', intent: 'procedure', alternatives: [alt('a', '1.000001'), alt('b', '1.000002'), alt('c', '1.000003'), alt('d', '1.011443')] });
    expect(judge(item, fourth)).toBe('unanswered');
    expect(judge(item, understanding({}))).toBe('unanswered');
  });

  it('a code answered by a curated page counts through the owner map (the page names its own code)', () => {
    const covered: EvalItem = { ...item, nationalCodes: ['3.000277'] };
    const got = understanding({ decision: 'answer', intent: 'procedure', procedureId: 'khoa-mo-khoa-can-cuoc-dien-tu', nationalCode: '3.000276' });
    expect(judge(covered, got)).toBe('wrong');
    expect(judge(covered, got, (code) => (code === '3.000277' ? 'khoa-mo-khoa-can-cuoc-dien-tu' : undefined))).toBe('right');
  });

  it('the report counts found (answered / clarified) and confidently wrong; curated items keep their scoring', () => {
    const replies: Record<string, Understanding> = {
      a: understanding({ decision: 'answer', intent: 'procedure', procedureId: 'tthc-1-011443', nationalCode: '1.011443', aspect: 'steps' }),
      b: understanding({ decision: 'clarify', intent: 'procedure', alternatives: [alt('x', '1.000001'), alt('tthc-1-011443', '1.011443')] }),
      c: understanding({ decision: 'answer', intent: 'procedure', procedureId: 'tthc-1-000001', nationalCode: '1.000001' }),
      d: understanding({}),
      e: understanding({ decision: 'answer', intent: 'procedure', procedureId: 'dang-ky-tam-tru', aspect: 'fee' }),
    };
    const matcher: Matcher = { understand: (text) => ({ ...replies[text]!, text }) };
    const items = parseEvalFile(
      [
        ...['a', 'b', 'c', 'd'].map((text) => JSON.stringify({ ...item, text })),
        JSON.stringify({ text: 'e', intent: 'procedure', procedureId: 'dang-ky-tam-tru', aspect: 'fee', dossierCode: null, expect: 'answer' }),
      ].join('\n'),
    );
    const r = evaluate(matcher, items);
    expect(r.catalogue).toEqual({ total: 4, found: 2, answered: 1, clarified: 1, wrong: 1 });
    expect(r.right).toBe(3);
    expect(r.wrong).toBe(1);
    expect(r.aspectChecked).toBe(2);
    const text = formatReport(r, { misses: true });
    expect(text).toContain('found:             2 (50.0 %)');
    expect(text).toContain('confidently wrong: 1 (25.0 %)');
    expect(text).toContain('want procedure:1.011443 answer; got answer procedure:tthc-1-000001');
  });
});
