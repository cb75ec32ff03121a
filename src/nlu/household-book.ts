/**
 * The paper household register book ("sổ hộ khẩu") said lost, spoilt or to be made again. The books are no longer
 * issued since the Law on Residence 2020: what stands for one where it was asked for is the residence information
 * confirmation (CT07), as that procedure's own summary says. A message telling the book gone, read as a question
 * among procedures or not understood, is that confirmation.
 */
import { caseSpaced, carriedOrPending, type ProcedureRef } from './stated-case.js';
import type { Matcher, UnderstandContext, Understanding } from './types.js';

/** The book named ("sổ hộ khẩu", "xổ hộ khẩu", "sổ hk", "household registration book"), folded. */
const BOOK = / (so|xo|cuon|quyen) (ho khau|hk)\b| household (registration )?(book|register)\b/;
/** Gone, spoilt or to be made again ("mất", "mối ăn", "cuốn trôi", "làm lại", "lost", "instead"). */
const GONE = / (mat|that lac|hu|hong|rach|moi an|chay|troi|uot|nat|lam lai|cap lai|xin lai|lam moi|khong con|lost|instead|replace\w*)\b/;
/** Another residence need said besides ("nhập hộ khẩu", "tách hộ", "xóa", "tạm trú", "khai tử"): that need is asked. */
const OTHER_NEED = / (nhap|tach|chuyen|xoa|cat|thuong tru|tam tru|khai tu|khai sinh|move in|split)\b/;

export function householdBookGoneSaid(text: string): boolean {
  const spaced = caseSpaced(text);
  return BOOK.test(spaced) && GONE.test(spaced) && !OTHER_NEED.test(spaced);
}

/**
 * Answers the residence confirmation for the book said gone, when the reading of this message asked which procedure
 * or understood nothing (listed for review: read from the case, not from the scores).
 */
export function withHouseholdBookGone(matcher: Matcher, confirmation: ProcedureRef | null): Matcher {
  if (!confirmation) return matcher;
  return {
    understand(text: string, context: UnderstandContext = {}): Understanding {
      const u = matcher.understand(text, context);
      if (carriedOrPending(u, context)) return u;
      const unsure = (u.intent === 'procedure' && u.decision === 'clarify') || u.decision === 'fallback';
      if (!unsure || !householdBookGoneSaid(text)) return u;
      return { ...u, ...confirmation, intent: 'procedure', intentId: null, decision: 'answer', aspect: u.aspect ?? 'overview', alternatives: [], narrow: true };
    },
  };
}
