import { caseSpaced, caseWords } from './stated-case.js';
import type { UnderstandContext, Understanding } from './types.js';

/**
 * A paper asked about as one the procedure talked about may need ("ko cần giấy khai sinh hả ad" after the identity
 * card, "cần cmnd cũ hay cccd" after the insurance booklet): a short yes/no or either/or question with a verb of needing
 * or bringing right before the paper, and no verb of getting one made. It asks that procedure's documents, not the
 * procedure that issues the paper.
 */
const NEEDS_PAPER = /^ (?:\S+ ){0,3}(?:can|phai|mang|dem|cam|nop|kem|xuat trinh) (?:theo |them |ca |luon |kem )?(?:ban (?:chinh|sao|photo) )?(?:giay|so|cmnd|cccd|can cuoc|chung minh|the|ban chinh|ban sao|hinh|anh) /;
/** A question closing the message: yes/no ("… hả", "… không") or either/or ("… hay cccd"). */
const YES_NO_OR_EITHER = / (?:ha|hay|khong|ko|k|hong|hok|chua|ak|a|nua|ko a|khong a|ha ad|a ad|ha a) (?:\S+ ){0,2}$| hay /;
/** Getting a paper made ("làm", "xin", "cấp", "đăng ký"): a need of its own. */
const MAKES_PAPER = / (?:lam|xin|cap|dang ky|dk|lam lai|cap lai|doi) /;
const MAX_WORDS = 10;

export function paperAsked(u: Understanding, context: UnderstandContext, nationalCodes: ReadonlyMap<string, string | null>): Understanding | null {
  const last = context.lastProcedureId;
  if (!last || !nationalCodes.has(last) || u.intent !== 'procedure' || u.followUp || (context.pendingCandidates?.length ?? 0) > 0) return null;
  if (u.decision === 'answer' && u.procedureId === last) return null;
  if (caseWords(u.text).length > MAX_WORDS) return null;
  const spaced = caseSpaced(u.text);
  if (!NEEDS_PAPER.test(spaced) || !YES_NO_OR_EITHER.test(spaced) || MAKES_PAPER.test(spaced)) return null;
  return { ...u, decision: 'answer', procedureId: last, nationalCode: nationalCodes.get(last) ?? null, aspect: 'documents', alternatives: [], followUp: true, narrow: true };
}
