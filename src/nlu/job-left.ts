/**
 * A job left with the insurance asked in general ("nghỉ việc ở xưởng may rồi, giờ muốn lãnh tiền bảo hiểm", "vợ em
 * nghỉ làm công nhân rồi, muốn làm bảo hiểm xã hội cho vợ"): the unemployment benefit and the lump-sum withdrawal
 * both follow, and the message names neither, so the citizen chooses. Said by name ("rút một lần", "thất nghiệp"),
 * or of the health card or the booklet, it is that one.
 */
import { askAmong, caseSpaced, carriedOrPending, type ProcedureRef } from './stated-case.js';
import type { Matcher, UnderstandContext, Understanding } from './types.js';

/** The two procedures a job left leads to, in the order offered. */
export type JobLeftProcedures = { unemployment: ProcedureRef; lumpSum: ProcedureRef };

/** Work left, of the citizen or of their family ("nghỉ việc", "nghỉ làm công ty", "bị cho thôi việc"), folded. */
const JOB_LEFT = / (nghi (viec|lam)|thoi viec|mat viec|bi cho nghi|cho nghi viec)\b/;
/** The insurance, in general words ("tiền bảo hiểm", "bảo hiểm xã hội", "bhxh"), folded and abbreviations expanded. */
const INSURANCE = / (bao hiem|bhxh)\b/;
/** Which benefit or paper is said: that one is asked ("một lần", "thất nghiệp", "y tế", "sổ"), folded. */
const WHICH_SAID = / (mot lan|1 lan|mot cuc|that nghiep|y te|bhyt|so (bhxh|bao hiem)|huu|thai san|om dau|tu tuat|tuat)\b/;

export function jobLeftWithInsuranceAsked(text: string): boolean {
  const spaced = caseSpaced(text);
  return JOB_LEFT.test(spaced) && INSURANCE.test(spaced) && !WHICH_SAID.test(spaced);
}

/** A reading of this message that answered or asked among other procedures, or understood nothing: the two offered. */
export function withJobLeft(matcher: Matcher, procedures: JobLeftProcedures | null): Matcher {
  if (!procedures) return matcher;
  return {
    understand(text: string, context: UnderstandContext = {}): Understanding {
      const u = matcher.understand(text, context);
      if (carriedOrPending(u, context) || (u.intent !== 'procedure' && u.decision !== 'fallback')) return u;
      if (!jobLeftWithInsuranceAsked(text)) return u;
      return askAmong(u, [procedures.unemployment, procedures.lumpSum]);
    },
  };
}
