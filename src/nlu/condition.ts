import type { Matcher, UnderstandContext, Understanding } from './types.js';

/**
 * "Nếu X thì Y": the need is Y, X is the case it depends on ("nếu được công nhận hộ nghèo thì có được cấp thẻ BHYT
 * không" asks about the health-insurance card, not about being recognised as poor). When the clause after "thì"
 * names a procedure on its own, clearly and other than the whole message's answer (or the whole message only asked
 * which), that procedure is answered (marked narrow, so the answer is listed for review). "Có X rồi thì Y" is read the
 * same way.
 */
const IF_THEN = /(?:^|[\s,.;:])(?:nếu|neu|giả sử|gia su)\s+(.+?)\s+(?:thì|thi)\s+(.+)$/iu;
/** "(Đã) có X rồi thì Y": X is held already, the need is Y ("có giấy xác nhận khuyết tật rồi thì xin trợ cấp ở đâu"). */
const HELD_THEN = /(?:^|[\s,.;:])(?:đã\s+|da\s+)?(?:có|co)\s+(.+?)\s+(?:rồi|roi)\s*,?\s+(?:thì|thi)\s+(.+)$/iu;

/** The consequent's reading is trusted from this confidence. */
const MIN_CONSEQUENT = 0.5;

/** Whether two procedures are one need told apart by a case (twins, an age-bounded pair): the case is in the "nếu" clause. */
export type SameNeed = (a: string, b: string) => boolean;

export function readCondition(matcher: Matcher, text: string, context: UnderstandContext, whole: Understanding, sameNeed: SameNeed = () => false): Understanding {
  if (whole.intent !== 'procedure' || (whole.decision !== 'answer' && whole.decision !== 'clarify') || whole.choice != null) return whole;
  const m = IF_THEN.exec(text) ?? HELD_THEN.exec(text);
  if (!m) return whole;
  const then = matcher.understand(m[2]!, { ...context, pendingCandidates: undefined });
  if (then.decision !== 'answer' || then.intent !== 'procedure' || then.followUp || !then.procedureId) return whole;
  if ((then.procedureId === whole.procedureId && whole.decision === 'answer') || then.confidence < MIN_CONSEQUENT) return whole;
  // "nếu con dưới 6 tuổi thì làm căn cước ở đâu": the case picked the twin; the "thì" clause alone names the plain one.
  if (whole.procedureId && sameNeed(whole.procedureId, then.procedureId)) return whole;
  return { ...then, text, language: whole.language, languageDetected: whole.languageDetected, entities: whole.entities, narrow: true };
}

export function withConditions(matcher: Matcher, sameNeed?: SameNeed): Matcher {
  return {
    understand(text: string, context: UnderstandContext = {}): Understanding {
      return readCondition(matcher, text, context, matcher.understand(text, context), sameNeed);
    },
  };
}
