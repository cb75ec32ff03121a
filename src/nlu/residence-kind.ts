/**
 * Deregistering a residence said without its kind ("xóa đăng ký cư trú cho thằng em đi làm xa"): permanent and
 * temporary residence are deregistered by two procedures, and the words about the person ("đi làm xa", "định cư")
 * tell neither apart, so the citizen chooses.
 */
import { askAmong, caseSpaced, carriedOrPending, type ProcedureRef } from './stated-case.js';
import type { Matcher, UnderstandContext, Understanding } from './types.js';

/** The two deregistrations, permanent first. */
export type Deregistrations = { permanent: ProcedureRef; temporary: ProcedureRef };

/** "xóa (đăng ký) cư trú", folded ("dk" as typed too). */
const DEREGISTER_UNKINDED = / xoa (dang ky |dang ki |dk )?cu tru\b/;
/** The kind said anyway ("thường trú", "tạm trú", "hộ khẩu", "tạm vắng"). */
const KIND = / (thuong tru|tam tru|ho khau|tam vang|permanent|temporary)\b/;

export function withResidenceKindUnsaid(matcher: Matcher, pair: Deregistrations | null): Matcher {
  if (!pair) return matcher;
  const ids = new Set([pair.permanent.procedureId, pair.temporary.procedureId]);
  return {
    understand(text: string, context: UnderstandContext = {}): Understanding {
      const u = matcher.understand(text, context);
      if (carriedOrPending(u, context)) return u;
      if (u.intent !== 'procedure' || u.decision !== 'answer' || !u.procedureId || !ids.has(u.procedureId)) return u;
      const spaced = caseSpaced(text);
      if (!DEREGISTER_UNKINDED.test(spaced) || KIND.test(spaced)) return u;
      return askAmong(u, [pair.permanent, pair.temporary]);
    },
  };
}
