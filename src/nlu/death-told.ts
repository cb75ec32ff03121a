/**
 * A death told with the family's papers asked in general ("bố tôi mất hôm qua, gia đình phải làm những thủ tục gì"):
 * registering the death, the joint filing that also ends the residence and claims the funeral allowance, and the
 * allowance alone all follow a death, and the message names none of them, so the citizen chooses.
 */
import { askAmong, caseSpaced, carriedOrPending, type ProcedureRef } from './stated-case.js';
import type { Matcher, UnderstandContext, Understanding } from './types.js';

/** The three procedures a death leads to, in the order offered. */
export type DeathProcedures = { registration: ProcedureRef; joint: ProcedureRef; allowance: ProcedureRef };

/** A person of the family, then their death ("bố tôi mất", "ông ngoại mất rồi", "vợ tui qua đời"), folded. */
const DEATH_TOLD =
  / (bo|me|ba|ma|cha|tia|ong|ba noi|ba ngoai|ong noi|ong ngoai|chong|vo|anh|chi|em|con|chau|cu|bac|chu|co|di|cau|thim|nguoi nha|ong nha|ba nha)( \S+){0,5} (mat(?! (giay|so|the|bang|can cuoc|cccd|ho so|tien|bao|may|het|cong|nha|xe|dien|nuoc|viec|tich))|qua doi|tu tran|chet|khuat|ra di|da mat)\b| (passed away|died)\b/;
/** The papers asked in general ("những thủ tục gì", "làm gì", "có mấy loại", "what do we have to do"), folded. */
const ASKED_IN_GENERAL = / ((nhung |cac )?thu tuc (gi|nao|chi)|(phai |can )?lam (nhung )?(gi|chi)|(nhung |cac )?giay to (gi|chi)|may loai|(lam|bat dau) (tu )?dau|what (do|should|must) (we|i) do|what (papers|procedures))\b/;
/** One of the needs named ("khai tử", "mai táng", "xóa hộ khẩu", "thừa kế", "sổ đỏ", "trợ cấp"): that one is asked. */
const NEED_NAMED = / (khai tu|chung tu|bao tu|mai tang|chon cat|xoa|cat khau|thua ke|so do|dat|tro cap|tuat|bhxh|bao hiem|luong huu|death certificate|funeral|burial|inherit\w*)\b/;

export function deathWithPapersAsked(text: string): boolean {
  const spaced = caseSpaced(text);
  return DEATH_TOLD.test(spaced) && ASKED_IN_GENERAL.test(spaced) && !NEED_NAMED.test(spaced);
}

/** A reading of this message that answered one of the three, asked among procedures or understood nothing: the three offered. */
export function withDeathTold(matcher: Matcher, procedures: DeathProcedures | null): Matcher {
  if (!procedures) return matcher;
  const ids = new Set([procedures.registration.procedureId, procedures.joint.procedureId, procedures.allowance.procedureId]);
  return {
    understand(text: string, context: UnderstandContext = {}): Understanding {
      const u = matcher.understand(text, context);
      if (carriedOrPending(u, context)) return u;
      const placed = u.intent === 'procedure' && u.decision === 'answer';
      if ((placed && !ids.has(u.procedureId ?? '')) || (!placed && u.decision !== 'clarify' && u.decision !== 'fallback')) return u;
      if (!deathWithPapersAsked(text)) return u;
      return askAmong(u, [procedures.registration, procedures.joint, procedures.allowance]);
    },
  };
}
