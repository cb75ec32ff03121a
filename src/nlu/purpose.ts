import type { Matcher, UnderstandContext, Understanding } from './types.js';

/**
 * A need said with what it is for ("xin giấy xác nhận tình trạng hôn nhân để về quê đăng ký kết hôn", "sao y bằng tốt
 * nghiệp để nộp hồ sơ xin việc"): the purpose names another procedure, so the whole message asks between the two. The
 * need is what is asked before "để": when that part alone answers one of the buttons offered, it is the answer
 * (listed for review).
 */

/** Whom a need is for ("an ID card for my son"): a person, not a purpose. */
const PEOPLE = String.raw`(?:son|daughter|child|children|kids?|baby|babies|wife|husband|mother|father|mom|mum|dad|parents?|family|grand\w*|brothers?|sisters?|uncle|aunt|nephew|niece|cousins?|friends?|workers?|employees?|staff|partner|fianc\w*|boss|relatives?)\b`;
/**
 * "để" (in order to) as typed with its accent: folded, "de" is also "dễ" (easy) or "đề" (a topic). Not "để lại" (left
 * behind: "miếng đất ông bà để lại") nor "để dành" (saved). In English, "for my …" or "in order to …" ("a criminal record
 * certificate for my visa extension"), not "for my son" (whom it is for).
 */
const PURPOSE = new RegExp(String.raw`\s+(?:(?:để|đặng)\s+(?!(?:lại|dành)(?![\p{L}\p{N}]))|(?:for (?:my|our|his|her|their)\s+(?!${PEOPLE})|in order to\s+|so that (?:i|we) can\s+))`, 'iu');
/** "Làm sao để …" asks how to do what follows: the need is after "để", not before it. */
const HOW_TO = /(?:làm sao|làm thế nào|thế nào|như thế nào|cách nào|phải làm gì|cần làm gì|how)\s*$/iu;
/**
 * A purpose that is itself a filing ("để làm đám cưới", "để đi đăng ký kết hôn", "để nộp hồ sơ"), typed with or without
 * marks or with the l/n merge; not "để trống" (left blank), "để sau" (later) nor a reason ("để chữa bệnh").
 */
const FILING_PURPOSE = /^(?:(?:đi|di|về|ve)\s+)?(?:làm|nàm|lam|nam|nộp|nop|đăng ký|đăng kí|dang ky|dang ki|bổ sung|bo sung|cưới|cuoi|kết hôn|ket hon)(?![\p{L}\p{N}])/iu;
/** The need before the purpose must say something: a few words at least. */
const MIN_NEED_WORDS = 3;

export function withPurposeDropped(matcher: Matcher): Matcher {
  return {
    understand(text: string, context: UnderstandContext = {}): Understanding {
      const u = matcher.understand(text, context);
      if (u.intent !== 'procedure' || (u.decision !== 'clarify' && u.decision !== 'answer') || (context.pendingCandidates?.length ?? 0) > 0) return u;
      const m = PURPOSE.exec(text);
      if (!m) return u;
      const need = text.slice(0, m.index).trim();
      if (need.split(/\s+/).length < MIN_NEED_WORDS || HOW_TO.test(need)) return u;
      // Answered with what the purpose names, misspelt words having weakened the need ("sin giấy sác nhận độc thân để
      // nàm đám cưới"): the need said before "để" is what is asked, when it alone answers another procedure. The cheap
      // tests first: most answers with "để" are read no further.
      const rest = text.slice(m.index + m[0].length);
      if (u.decision === 'answer' && (u.followUp || !FILING_PURPOSE.test(rest) || /[.;!?]/.test(need))) return u;
      const v = matcher.understand(need, context);
      if (v.decision !== 'answer' || v.intent !== 'procedure' || !v.procedureId) return u;
      if (u.decision === 'clarify') {
        if (!u.alternatives.some((a) => a.procedureId === v.procedureId)) return u;
        return { ...v, text, aspect: u.aspect ?? v.aspect, alternatives: u.alternatives.filter((a) => a.procedureId !== v.procedureId), narrow: true };
      }
      if (v.procedureId === u.procedureId) return u;
      const purpose = matcher.understand(rest, {});
      if (purpose.decision !== 'answer' || purpose.procedureId !== u.procedureId) return u;
      return { ...v, text, aspect: u.aspect ?? v.aspect, alternatives: [], narrow: true };
    },
  };
}
