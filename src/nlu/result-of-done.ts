import { caseSpaced } from './stated-case.js';
import type { Phrases } from './keyword-said.js';
import type { UnderstandContext, Understanding } from './types.js';

/**
 * What one gets once a procedure is done ("làm xong thì được giấy khai sinh bản chính luôn hả", "đăng ký kết hôn xong
 * thì được nhận giấy gì, có bản sao không"): the paper, original or copy, is that procedure's result, not the copy
 * procedure nor a need of its own. The procedure named before "xong", else the conversation's.
 */
const RESULT_AFTER_DONE = /(?:^| )xong (?:roi )?(?:thi )?(?:se )?(?:duoc(?: nhan| cap| lay)?|nhan|cap|lay|co|cho|tra)(?! (?:khong|ko|k|hong|chua)\b)(?: |$)/;

export function resultOfDone(u: Understanding, context: UnderstandContext, phrases: Phrases, nationalCodes: ReadonlyMap<string, string | null>): Understanding | null {
  if (u.intent !== 'procedure' || (context.pendingCandidates?.length ?? 0) > 0) return null;
  const spaced = caseSpaced(u.text);
  const at = RESULT_AFTER_DONE.exec(spaced);
  if (!at) return null;
  const before = `${spaced.slice(0, at.index)} `;
  const named = [...phrases].filter(([, list]) => list.some((p) => before.includes(` ${p} `))).map(([id]) => id);
  const procedureId = named.length === 1 ? named[0]! : named.length === 0 ? (context.lastProcedureId ?? null) : null;
  if (procedureId === null || !phrases.has(procedureId)) return null;
  if (u.decision === 'answer' && u.procedureId === procedureId && u.aspect === 'result') return null;
  return { ...u, decision: 'answer', procedureId, nationalCode: nationalCodes.get(procedureId) ?? null, aspect: 'result', alternatives: [], followUp: named.length === 0, narrow: true };
}
