/**
 * A poor household said as the citizen's standing, with another need asked ("hộ cận nghèo có được cấp thẻ bảo hiểm y
 * tế không", "nhà em là hộ nghèo, có được hỗ trợ chi phí mai táng không"): the standing is why they ask, the other
 * procedure is what they ask for. The recognition itself ("xin công nhận hộ nghèo", "bình xét hộ cận nghèo") is asked
 * in its own words.
 */
import { caseSpaced, carriedOrPending, type ProcedureRef } from './stated-case.js';
import type { Matcher, UnderstandContext, Understanding } from './types.js';

/** The standing said ("nhà em là hộ nghèo", "hộ cận nghèo có được …", "được hộ nghèo rồi", "người trong hộ nghèo"), folded. */
const POOR_AS_STANDING =
  / ((la|thuoc|duoc|da la|da co) (\S+ )?ho (can )?ngheo|ho (can )?ngheo (co duoc|duoc|thi|di|co phai|co can|co mat)|(nguoi|thanh vien|con|tre em) (trong|thuoc|cua|o) ho (can )?ngheo|cho (nguoi |cac )?ho (can )?ngheo|ho (can )?ngheo roi)\b/;
/** The recognition asked in its own words ("công nhận", "bình xét", "rà soát", "xin vào hộ nghèo", "tiêu chí"), folded. */
const RECOGNITION_ASKED =
  / (cong nhan|xet|binh xet|ra soat|(lam|dang ky|xin|vao|len) (\S+ )?(dien )?ho (can )?ngheo|thoat ngheo|tieu chi|dieu kien|chuan ngheo|so ho ngheo|giay (chung nhan|xac nhan) ho (can )?ngheo|poor household (recognition|status))\b/;

export function povertyAsStandingSaid(text: string): boolean {
  const spaced = caseSpaced(text);
  return POOR_AS_STANDING.test(spaced) && !RECOGNITION_ASKED.test(spaced);
}

/** A reading weighing the recognition beside another need, settled for that need when the standing is only said. */
export function withPovertyAsStanding(matcher: Matcher, recognition: ProcedureRef | null): Matcher {
  if (!recognition) return matcher;
  return {
    understand(text: string, context: UnderstandContext = {}): Understanding {
      const u = matcher.understand(text, context);
      if (carriedOrPending(u, context)) return u;
      if (u.intent !== 'procedure' || (u.decision !== 'answer' && u.decision !== 'clarify')) return u;
      const weighed = (u.decision === 'answer' ? [u.procedureId, ...u.alternatives.map((a) => a.procedureId)] : u.alternatives.map((a) => a.procedureId)).slice(0, 3);
      if (!weighed.includes(recognition.procedureId)) return u;
      const other = u.alternatives.find((a) => a.procedureId !== recognition.procedureId && weighed.includes(a.procedureId));
      const need = u.decision === 'answer' && u.procedureId !== recognition.procedureId ? { procedureId: u.procedureId!, nationalCode: u.nationalCode ?? null } : other;
      if (!need || !povertyAsStandingSaid(text)) return u;
      return { ...u, procedureId: need.procedureId, nationalCode: need.nationalCode ?? null, decision: 'answer', intentId: null, alternatives: [], narrow: true };
    },
  };
}
