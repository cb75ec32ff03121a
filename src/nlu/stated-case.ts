/**
 * Facts of the citizen's case said in a message, read from its folded words (after abbreviations): the age of
 * the person concerned, and whether the commune's civil-status register is said to be gone. They choose between
 * procedures that differ by that fact (the under-6 ID card, re-registration of a birth), however the rest reads.
 */
import { normaliseText, syllables } from './normalise.js';
import type { Matcher, UnderstandContext, Understanding } from './types.js';

/** Words that state someone's age besides the number ("tuổi", "con nít", "thằng nhỏ", "nó", "dưới 14 tuổi"). */
export const AGE_WORDS: ReadonlySet<string> = new Set(['tuoi', 'nit', 'thang', 'no', 'nho', 'tre', 'dua', 'gai', 'trai', 'duoi', 'tren']);

/** An age bound in a procedure's name, folded ("dưới 6 tuổi"). */
const AGE_BOUND = /\bduoi (\d+) tuoi\b/;

/** The register said to be gone ("sổ gốc ở xã cũng cháy hết", "sổ hộ tịch không còn lưu", "xã cũng không lưu"). */
const REGISTER_LOST = / so (goc|ho tich|luu|bo|sach|o xa|cua xa|xa|hoi do|hoi xua|ngay xua|luc do|nam do)\b(\s\S+){0,6}\s(chay|chim|ngap|mat(?! (bao|may|nhieu|tien|phi|thoi gian|khoang|lau|het (?:bao|may|nhieu|tien|phi|\d)|\d))|hu|khong con|that lac|bi huy|moi an|hong)\b| (khong con|mat|het) (luon |ca |het |luon ca )?(luu |giu )?so (goc|ho tich|luu|bo|sach)\b| (xa|phuong|ubnd|uy ban)( cu| moi)?( cung| van| da)? (khong|ko|k|hong) (con )?(luu|giu)\b| (xa|phuong|ubnd|uy ban)( cung| van| da)? (khong|ko|k|hong|hem) con so\b(?! (ho khau|do|hong|bhxh|tiet kiem|bao hiem))| (chay|mat|hu|that lac|moi an|cuon troi|troi mat) (het )?so (goc|ho tich|luu|bo|sach)\b| so (goc|ho tich|luu|bo|sach)\b(\s\S+){0,6}\s(cuon troi|troi mat)\b| so (cung |van |da )?(khong|ko|k|hong|hem) con\b(?! (gia tri|dung|hieu luc|su dung|ap dung|duoc))| (has|have|keeps?|kept) no (record|records|register)\b| (records?|register) (was|were|is|are|got) (lost|destroyed|gone)\b/;
/** …or said to be kept ("sổ gốc ở xã vẫn còn, chỉ là mất tờ giấy"): a copy from it, not a re-registration. */
const REGISTER_KEPT = / so (goc|ho tich|luu|bo|sach|o xa|cua xa|xa)\b(\s\S+){0,3}\s(?<!khong )(van con|con luu|con giu|van luu|van giu)\b| (xa|phuong|ubnd|uy ban)( \S+)? (van con|van) (luu|giu) so\b/;

/** A civil-status paper named by its kind ("khai sinh", "giấy kết hôn", "hôn thú", "chứng tử", "birth certificate"). */
const PAPER_KIND = / (khai sinh|ket hon|hon thu|khai tu|chung tu|bao tu|birth|marriage|death)\b/;

/**
 * A paper said lost ("giấy khai sinh bị mất", "làm mất bản chính", "thất lạc", "I lost my … certificate"); "mất"
 * before an amount is what it takes ("làm giấy khai sinh mất bao lâu", "mất mấy ngày"), not a loss. The hospital's
 * papers a registration is made from ("giấy báo tử", "giấy chứng sinh") are no civil-status paper to copy.
 */
const PAPER_LOST = / (giay(?! (bao tu|chung sinh|ra vien))|ban chinh|to|certificate)\b(\s\S+){0,8}\s(bi |da |lam )?(mat(?! (bao|may|nhieu|tien|phi|thoi gian|khoang|lau|chi phi|le phi|bn|het|tam|chung|\d))|that lac)\b| (lam|danh|bi) (mat|that lac)(\s\S+){0,3}\s(giay|ban chinh|to)\b|^ (mat|that lac) (\S+ ){0,1}(giay(?! (bao tu|chung sinh|ra vien))|ban chinh|ban goc)\b| (giay|ban chinh|to)\b(\s\S+){0,6}\s(bi )?(rach nat|rach|hu hong|bi chay|chay het|bi uot|mo het chu|bi muc|muc nat|muc het|bi moi|moi an)\b| (lost|misplaced)\b(\s\S+){0,3}\s\S*\s?certificate\b/;
/** What a lost paper's copy is asked by name ("xin bản sao", "trích lục", "a copy"). */
const COPY_ASKED = / (ban sao|trich luc|copy|sao y)\b/;
/** The register or the re-registration spoken of at all ("xã nói sổ cũ…", "không còn lưu sổ", "đăng ký lại"): the citizen knows which. */
const REGISTER_SPOKEN_OF = / so (goc|ho tich|luu|bo|sach|cu|o xa|cua xa|xa)\b| (con|luu|giu) so\b| dang ky lai\b/;

/** The father to be named ("có tên bố", "đứng tên cha", "nhận cha", "ba bé muốn có tên", "ghi tên ba nó vào"). */
const FATHER_NAMED = / ((muon|se|dinh|toi|xin) nhan con(?! nuoi)|ten (bo|cha)|(ghi|them|co) (luon |ca |them |luon ca )?ten (ba|bo|cha)|nhan (la )?(cha|bo)|dung ten (cha|bo|ba)|(bo|cha|ba) (\S+ ){0,3}(muon )?(dung ten|nhan|co ten))\b/;
/** A birth still to register ("mới sinh", "làm khai sinh", "chưa làm khai sinh"). */
const BIRTH_TO_REGISTER = / (moi (sinh|de|sanh)|(lam|dang ky|xin) (giay )?khai sinh|chua (lam|dang ky|co) (giay )?khai sinh|khai sinh cho (con|be|chau)|khai sinh luon)\b/;
/**
 * A birth registered already ("có khai sinh từ năm ngoái rồi", "chỉ ghi tên mẹ", "để trống phần cha", "thêm tên bố
 * vào giấy khai sinh"). "Lúc làm khai sinh" says neither: "nhận con luôn lúc làm khai sinh" is the combined procedure.
 */
const BIRTH_REGISTERED = / ((da|co) (co |lam |dang ky )?(giay )?khai sinh (roi|tu|nam)|da (co|lam|dang ky) (giay )?khai sinh|khai sinh roi|(them|bo sung|ghi them) ten|(bo|de) trong|chi (ghi|co) ten me)\b/;

/**
 * A birth and the father's name in one message: the birth still to register makes the combined procedure (birth
 * registration with parentage), a birth registered already the parentage alone. Null when the message says no
 * father to name, or nothing of the birth.
 */
export function birthWithParentageSaid(folded: readonly string[]): 'combined' | 'parentage' | null {
  // Most messages name no father (a cheap test first).
  if (!folded.includes('bo') && !folded.includes('cha') && !folded.includes('ba')) return null;
  // The short forms citizens type for these two words ("giấy ks", "dk khai sinh"), which the lexicon would expand.
  const text = ` ${folded.join(' ')} `.replace(/ ks(?= )/g, ' khai sinh').replace(/ dk(?= )/g, ' dang ky');
  if (!FATHER_NAMED.test(text)) return null;
  if (BIRTH_REGISTERED.test(text)) return 'parentage';
  return BIRTH_TO_REGISTER.test(text) ? 'combined' : null;
}


/**
 * The age a message states ("3 tuổi", "15t" after abbreviations, "8 tháng tuổi" is 0; "dưới 6 tuổi" is just under
 * 6); null when none.
 */
export function ageSaid(folded: readonly string[]): number | null {
  // Typed short, the number and "t" as one word ("mẹ em 77t").
  for (const w of folded) {
    const short = /^(\d{1,3})t$/.exec(w);
    if (short) return Number(short[1]);
  }
  for (let i = 1; i < folded.length; i++) {
    if (folded[i] !== 'tuoi') continue;
    if (/^\d{1,3}$/.test(folded[i - 1]!)) return Number(folded[i - 1]) - (folded[i - 2] === 'duoi' ? 0.5 : 0);
    if (i >= 2 && (folded[i - 1] === 'thang' || folded[i - 1] === 'tuan') && /^\d{1,3}$/.test(folded[i - 2]!)) return 0;
  }
  const spaced = ` ${folded.join(' ')} `;
  // A baby's age in months, weeks or days, said of the child ("cháu mới 2 tháng", "bé được 10 ngày"): not a wait.
  if (BABY_AGE.test(spaced)) return 0;
  // In English: "78 years old", "aged 78", "she is 78" (not "is 2 copies").
  const english = ENGLISH_AGE.exec(spaced);
  return english ? Number(english[1] ?? english[2]) : null;
}

const ENGLISH_AGE = / (\d{1,3}) (?:years?|yrs?) old\b| (?:aged|turning|(?:\S+) (?:is|s|am|was|turned|turns)) (\d{1,3})(?= (?:and|but|now|this|next|so|with|without|already)\b| ?$)/;

/** A child, then "mới" / "được", then a number of months, weeks or days (folded). */
const BABY_AGE = / (?:chau|be|con|em be|dua nho|thang nho|con nho|no|con (?:toi|tui|em|minh)) (?:moi|duoc|moi duoc|moi co|vua|vua duoc|moi sinh duoc|moi de duoc) \d{1,2} (?:thang|tuan|ngay)\b/;

/** Words one of the register's patterns holds: most messages hold none. */
const REGISTER_HINTS: ReadonlySet<string> = new Set(['so', 'luu', 'giu', 'record', 'records', 'register']);

/** Whether the message says the commune's register is gone (what "đăng ký lại" is for), and not that it is kept. */
export function registerLostSaid(folded: readonly string[]): boolean {
  // Most messages hold none of the words the patterns need (a cheap test first).
  if (!folded.some((w) => REGISTER_HINTS.has(w))) return false;
  const text = ` ${folded.join(' ')} `;
  return REGISTER_LOST.test(text) && !REGISTER_KEPT.test(text);
}

/** Whether the message says the commune's register still holds the record ("ở xã vẫn còn lưu sổ"). */
export function registerKeptSaid(folded: readonly string[]): boolean {
  if (!folded.includes('so')) return false;
  return REGISTER_KEPT.test(` ${folded.join(' ')} `);
}

/**
 * A relative who died ("bố tôi mất hôm qua", "mẹ tui mới mất tuần trước", "ôn tui mới mất"): "mất" of a person is a
 * death, not a paper lost ("giấy khai tử cho bố tôi mất hôm qua" registers the death). Said with when or since ("hôm
 * qua", "rồi", "năm ngoái") or as just now ("mới", "vừa"); "bị mất" is always a loss.
 */
const RELATIVE_DIED = / (?<!cua )(bo|me|cha|ba|ong|on|vo|chong|ma|bac|chu|di|cau|anh|chi|em|con|chau|nguoi than|ama|ami)( (noi|ngoai))?( (toi|tui|em|minh|chau|con|nha toi|nha tui))? ((moi |vua |vua moi )mat\b|(da )?mat (hom|tuan|thang|nam|roi|luc|ngay|sang|chieu|toi qua|dem)\b)/;

/** The words up to where the message says a paper was lost ("giấy kết hôn … bị mục, khai sinh còn" → "… bị mục"). */
export function upToPaperLost(folded: readonly string[]): readonly string[] {
  const text = ` ${folded.join(' ')} `;
  const m = PAPER_LOST.exec(text);
  return m ? text.slice(0, m.index + m[0].length).trim().split(' ') : folded;
}

/** Whether the message says a paper was lost and speaks neither of its copy nor of the register. */
export function paperLostOnlySaid(folded: readonly string[]): boolean {
  const text = ` ${folded.join(' ')} `;
  return PAPER_LOST.test(text) && !RELATIVE_DIED.test(text) && !COPY_ASKED.test(text) && !REGISTER_SPOKEN_OF.test(text) && !registerLostSaid(folded);
}

/**
 * Age-bounded procedures and the ones they narrow, from folded names: the name before "cho …" ("cấp thẻ căn cước
 * [cho người dưới 6 tuổi]") is all in the other's name ("cấp, cấp đổi, cấp lại thẻ căn cước"). Keyed by the
 * bounded one's index in `names`.
 */
export function ageBoundPairs(names: readonly (readonly string[])[]): Map<number, { plain: number; bound: number }> {
  const pairs = new Map<number, { plain: number; bound: number }>();
  const bounded = names.map((words) => AGE_BOUND.exec(words.join(' ')));
  names.forEach((words, q) => {
    const bound = bounded[q];
    const cut = words.indexOf('cho');
    if (!bound || cut <= 0) return;
    const core = words.slice(0, cut);
    const plain = names.findIndex((other, p) => p !== q && !bounded[p] && core.every((w) => other.includes(w)));
    if (plain >= 0) pairs.set(q, { plain, bound: Number(bound[1]) });
  });
  return pairs;
}

/** Whether a folded procedure name is a re-registration ("đăng ký lại …"). */
export function isReRegistration(words: readonly string[]): boolean {
  return words[0] === 'dang' && words[1] === 'ky' && words[2] === 'lai';
}

/**
 * The message's folded words, for the case readings (here and in business-stage.ts, death-told.ts, household-book.ts,
 * job-left.ts, poverty-status.ts, residence-kind.ts, procedure-kin.ts, result-of-done.ts). Each message passes through
 * every reading in turn with the same text, so the last folding (and its spaced join, caseSpaced) is kept and reused
 * instead of normalising the text once per reading.
 */
let lastText: string | null = null;
let lastWords: readonly string[] = [];
let lastSpaced = '';
export function caseWords(text: string): readonly string[] {
  if (text !== lastText) {
    lastWords = syllables(normaliseText(text)).folded;
    lastSpaced = ` ${lastWords.join(' ')} `;
    lastText = text;
  }
  return lastWords;
}

/** The same words joined and spaced at both ends (" khai sinh cho con "), for the readings' whole-word patterns. */
export function caseSpaced(text: string): string {
  caseWords(text);
  return lastSpaced;
}

/** A question among these procedures, the first leading: the message says which family, the citizen says which one. */
export function askAmong(u: Understanding, procedures: readonly ProcedureRef[]): Understanding {
  const offered = procedures.map((p) => ({ ...p, confidence: 0 }));
  return { ...u, ...procedures[0]!, intent: 'procedure', intentId: null, decision: 'clarify', alternatives: offered };
}

/** The reading carried the conversation's procedure or answers open buttons: the case said is not read again. */
export function carriedOrPending(u: Understanding, context: UnderstandContext): boolean {
  return u.followUp || (context.pendingCandidates?.length ?? 0) > 0;
}

/** A procedure as an understanding names it. */
export type ProcedureRef = { procedureId: string; nationalCode: string | null };

/**
 * The re-registrations: the one of a registration (`of`), all of them, and the one whose paper a message names
 * ("giấy khai sinh gốc" names the birth's).
 */
export type ReRegistrations = { of: (procedureId: string) => ProcedureRef | null; all: ProcedureRef[]; named?: (folded: readonly string[]) => ProcedureRef | null; copy?: ProcedureRef | null };

/** Registering again asked, folded and spaced ("muốn đăng ký lại"). */
const AGAIN_ASKED = / dang ky lai\b/;
/** Papers said gone, all of them ("giấy tờ cũ mất hết", "cháy hết giấy tờ"), folded and spaced. */
const PAPERS_ALL_GONE = / (giay to|ho so|so sach)\b(\s\S+){0,3}\s(mat|chay|troi|hu|that lac|cuon troi) het\b| (mat|chay|troi|that lac) het (\S+ ){0,2}(giay to|ho so|so sach)\b/;

/**
 * The commune's register said to be gone decides between a registration and its re-registration, however the
 * message was read: a story read clause by clause may answer from a clause that names the registration ("có khai
 * tử ở xã đàng hoàng") while another says the books are gone ("sổ sách cũ không còn nữa"). Said with no record
 * named ("sổ hộ tịch ở xã bị cháy hết, giờ tôi muốn đăng ký lại"), it asks which record to register again.
 */
export function withRegisterLost(matcher: Matcher, reRegistration: ReRegistrations): Matcher {
  return {
    understand(text: string, context: UnderstandContext = {}): Understanding {
      const u = matcher.understand(text, context);
      if (carriedOrPending(u, context)) return u;
      const answered = u.decision === 'answer' && u.intent === 'procedure' && u.procedureId;
      const clarified = u.decision === 'clarify' && u.intent === 'procedure';
      if (!answered && !clarified && u.decision !== 'fallback') return u;
      const folded = caseWords(text);
      const spaced = caseSpaced(text);
      const lost = registerLostSaid(folded);
      // A registration asked again with no paper named ("đăng ký lại, sổ gốc ở xã bị mất hết rồi"), though the original
      // register's words brush a diploma's copy: which record.
      const againUnnamed = AGAIN_ASKED.test(spaced) && !DIPLOMA.test(spaced);
      const isAgain = reRegistration.all.some((r) => r.procedureId === u.procedureId);
      // A question among procedures while the register is said gone and one record is named ("giấy kết hôn bị mất, sổ
      // ở xã cũng không còn, … để làm sổ đỏ"): that record's re-registration.
      if (clarified) {
        const again = lost ? (reRegistration.named?.(folded) ?? null) : null;
        if (again) return { ...u, ...again, decision: 'answer', intentId: null, alternatives: [], narrow: true };
        return lost && againUnnamed && !isAgain && reRegistration.all.length >= 2 ? askAmong(u, reRegistration.all) : u;
      }
      // Re-registering asked for papers all gone, with no record named ("tôi muốn đăng ký lại, giấy tờ cũ mất hết
      // trong trận lũ"): any of the re-registrations may be the one, as when the register is said gone.
      const againForAllGone = !answered && AGAIN_ASKED.test(spaced) && PAPERS_ALL_GONE.test(spaced);
      if (!lost && !againForAllGone) return u;
      if (answered) {
        // A copy answered while the register is said gone ("sổ hộ tịch bị lũ cuốn trôi, không cấp bản sao được"):
        // there is nothing to copy from; the paper named is registered again.
        const again = isAgain ? null : (reRegistration.of(u.procedureId!) ?? reRegistration.named?.(folded) ?? null);
        // Said right after a copy from the register ("nếu ở xã cũng mất luôn sổ gốc thì sao"): there is nothing to
        // copy from, and the paper was named in an earlier message, so the bot asks which to register again.
        const afterCopy = reRegistration.copy !== undefined && reRegistration.copy !== null && context.lastProcedureId === reRegistration.copy.procedureId && !DIPLOMA.test(spaced);
        // So is a registration asked again with no paper named (againUnnamed).
        if (!isAgain && !again && (afterCopy || againUnnamed) && reRegistration.all.length >= 2) return askAmong(u, reRegistration.all);
        if (!isAgain && !again) return u;
        // The papers named in general ("giấy tờ hộ tịch mất hết"): any of the re-registrations may be the one.
        if (PAPER_KIND.test(spaced) || reRegistration.all.length < 2) return again ? { ...u, ...again } : u;
      }
      // Nothing sure read, one paper named ("… người ta hỏi giấy kết hôn của ông bà"): that paper registered again.
      const named = answered ? null : (reRegistration.named?.(folded) ?? null);
      if (named && PAPER_KIND.test(spaced)) return { ...u, ...named, decision: 'answer', intent: 'procedure', intentId: null, aspect: u.aspect ?? 'overview', alternatives: [], narrow: true };
      if (reRegistration.all.length < 2) return u;
      return askAmong(u, reRegistration.all);
    },
  };
}

/**
 * A civil-status paper said lost, with nothing said of the commune's register ("bị mất giấy khai sinh, xin lại ở
 * đâu"): a copy from the register serves when the register holds the record, a re-registration when it does not.
 * Only the citizen knows which, so the bot asks between the two rather than answering either (or the registration
 * itself, whose words the message repeats).
 */
export function withPaperLost(matcher: Matcher, records: ReRegistrations & { copy: ProcedureRef | null }): Matcher {
  // A re-registration is its own; a registration has its twin's.
  const reRegistrationFor = (id: string): ProcedureRef | null => records.all.find((r) => r.procedureId === id) ?? records.of(id);
  return {
    understand(text: string, context: UnderstandContext = {}): Understanding {
      const u = matcher.understand(text, context);
      const copy = records.copy;
      if (!copy || carriedOrPending(u, context) || u.intent !== 'procedure' || !u.procedureId) return u;
      const folded = caseWords(text);
      // The register said to hold the record, with the copy or a re-registration weighed: the copy is what serves
      // ("giấy khai sinh bị ướt rách hết, ở xã vẫn còn lưu sổ, xin bản sao lại được không").
      if (registerKeptSaid(folded)) {
        const weighed = [u.procedureId, ...u.alternatives.map((a) => a.procedureId)];
        if (weighed.includes(copy.procedureId) || weighed.some((id) => records.all.some((r) => r.procedureId === id))) {
          return { ...u, decision: 'answer', intentId: null, procedureId: copy.procedureId, nationalCode: copy.nationalCode, alternatives: [], narrow: true };
        }
        return u;
      }
      if ((u.decision !== 'answer' && u.decision !== 'clarify') || !paperLostOnlySaid(folded)) return u;
      // The record: the answered procedure's, or for an answered copy the first runner-up that is a registration; of a
      // question among procedures led by a registration or the copy ("giấy khai sinh bị mất" offers the birth first),
      // the first of its two leading buttons that is a registration.
      const firstRecord = (candidates: readonly string[]): ProcedureRef | null => candidates.map(reRegistrationFor).find((r) => r !== null) ?? null;
      const leading = u.alternatives.slice(0, 2).map((a) => a.procedureId);
      const ledByRecord = leading[0] !== undefined && (leading[0] === copy.procedureId || reRegistrationFor(leading[0]) !== null);
      if (u.decision === 'clarify' && !ledByRecord) return u;
      // The paper said lost names its record first ("giấy kết hôn … bị mục, khai sinh còn" is the marriage's).
      const againNamed = records.named?.(upToPaperLost(folded)) ?? null;
      const again = againNamed ?? (u.decision === 'clarify' ? firstRecord(leading) : u.procedureId === copy.procedureId ? firstRecord(u.alternatives.map((a) => a.procedureId)) : reRegistrationFor(u.procedureId));
      if (!again) return u;
      return askAmong(u, [copy, again]);
    },
  };
}

/** A procedure whose name joins two others' ("Đăng ký khai sinh kết hợp nhận cha, mẹ, con"), with its parts. */
export type CombinedProcedure = { combined: ProcedureRef; first: ProcedureRef; second: ProcedureRef };

/**
 * A birth and the father's name said together decide between the birth registration, the parentage registration
 * and the procedure that does both: the citizen's case says which, however the words weigh (the parentage's
 * keywords hold "giấy khai sinh", the birth's hold none of the father). The answer is listed for review.
 */
export function withBirthParentage(matcher: Matcher, joined: CombinedProcedure | null): Matcher {
  if (!joined) return matcher;
  const family = new Set([joined.combined.procedureId, joined.first.procedureId, joined.second.procedureId]);
  return {
    understand(text: string, context: UnderstandContext = {}): Understanding {
      const u = matcher.understand(text, context);
      if (carriedOrPending(u, context) || u.intent !== 'procedure' || !u.procedureId) return u;
      if (u.decision !== 'answer' && u.decision !== 'clarify') return u;
      // A question between the family's procedures only: a button beside them (the foreign-element birth for a
      // father from abroad) is a case this reading does not tell.
      const read = u.decision === 'answer' ? [u.procedureId] : u.alternatives.slice(0, 2).map((a) => a.procedureId);
      if (!read.every((id) => family.has(id))) return u;
      const said = birthWithParentageSaid(caseWords(text));
      if (!said) return u;
      const meant = said === 'combined' ? joined.combined : joined.second;
      if (u.decision === 'answer' && u.procedureId === meant.procedureId) return u;
      return { ...u, ...meant, decision: 'answer', intentId: null, alternatives: [], aspect: u.aspect, narrow: true };
    },
  };
}

/**
 * A child named as the one the procedure is for ("cho con", "cho cháu nhà em", "cho bé", "cho thằng út", "cho đứa nhỏ",
 * "for my son"), or opening the message as the one who needs it ("con tui cần làm căn cước").
 */
const FOR_CHILD =
  / cho (?:\S+ )?(?:con|chau|be|cu|ut|dua nho|thang nho|con nho|em be)\b| for (?:my|our) (?:son|daughter|child|kid|baby|boy|girl)\b|^ (?:con|be|chau) (?:trai |gai )?(?:cua )?(?:toi|tui|tau|em|minh)(?: \S+){0,2} (?:can|muon|phai|sap|dinh) (?:lam|xin|di lam|cap)\b/;

/** An age typed short ("14t", "15 t", "2th"), which ageSaid reads only after the lexicon's abbreviations. */
const AGE_SHORT = / \d{1,3} ?(?:t|th|tuoi|thang|tuan|ngay|yo|y)\b/;

/** An age-bounded pair ("cấp thẻ căn cước" and "… cho người dưới 6 tuổi"): the other of the two, or null. */
export type AgePairOf = (procedureId: string) => ProcedureRef | null;

/**
 * A procedure of an age-bounded pair asked for a child whose age the message does not say ("làm căn cước cho cháu
 * nhà em"): either card may be the one, so the citizen chooses. Only at the start of a talk: an age said in an
 * earlier message ("hộ chiếu cho con 10 tuổi", then "còn căn cước cho cháu") is the conversation's.
 */
export function withChildAgeUnsaid(matcher: Matcher, agePairOf: AgePairOf): Matcher {
  return {
    understand(text: string, context: UnderstandContext = {}): Understanding {
      const u = matcher.understand(text, context);
      if (carriedOrPending(u, context) || context.lastProcedureId || u.decision !== 'answer' || u.intent !== 'procedure' || !u.procedureId) return u;
      const other = agePairOf(u.procedureId);
      if (!other) return u;
      const folded = caseWords(text);
      const spaced = caseSpaced(text);
      if (ageSaid(folded) !== null || AGE_SHORT.test(spaced) || !FOR_CHILD.test(spaced)) return u;
      const offered = [{ procedureId: u.procedureId, nationalCode: u.nationalCode, confidence: u.confidence }, { ...other, confidence: 0 }];
      return { ...u, decision: 'clarify', intentId: null, alternatives: offered };
    },
  };
}

/** The procedure of an age-bounded pair for a given age (the under-6 card for 3, the ID card for 15), or null. */
export type ProcedureForAge = (procedureId: string, age: number) => ProcedureRef | null;

/**
 * The card of an age-bounded pair is the one for the age of the person it is for, whether the message was answered
 * with the other or the two were offered: the age the message says ("ID card for our 4-year-old daughter"), or else
 * the one told earlier in the conversation ("thẻ BHYT của cháu nội tôi 3 tuổi …", then "làm căn cước cho cháu ở
 * đâu") when the message asks for a child.
 */
export function withAgeOfPerson(u: Understanding, text: string, ageTold: number | undefined, forAge: ProcedureForAge): Understanding {
  if (u.intent !== 'procedure' || u.decision === 'fallback') return u;
  const said = ageSaid(caseWords(text));
  if (said === null && ageTold === undefined) return u;
  const spaced = caseSpaced(text);
  if (said === null && (AGE_SHORT.test(spaced) || !FOR_CHILD.test(spaced))) return u;
  const age = said ?? ageTold!;
  if (u.decision === 'answer' && u.procedureId) {
    const meant = forAge(u.procedureId, age);
    return meant && meant.procedureId !== u.procedureId ? { ...u, ...meant, alternatives: [], narrow: true } : u;
  }
  // Both of the pair offered (with others or not): each gives the one for the age.
  const fits = u.alternatives.flatMap((a) => forAge(a.procedureId, age) ?? []);
  if (fits.length !== 2 || fits[0]!.procedureId !== fits[1]!.procedureId) return u;
  return { ...u, ...fits[0]!, decision: 'answer', intentId: null, alternatives: [], narrow: true };
}

/** The original said lost ("bản chính mất rồi", "bằng gốc tui làm mất", "I lost the original"). */
const ORIGINAL_LOST =
  / (ban chinh|ban goc|bang goc|giay goc|original)\b(\s\S+){0,5}\s(bi |da |lam )?(mat|that lac|lost)\b(?! (bao|may|nhieu|tien|phi|thoi gian|het|\d))| (lam|danh|bi) (mat|that lac) (\S+ ){0,2}(ban chinh|ban goc|bang goc|giay goc)\b| lost (\S+ ){0,3}original\b/;
/** A diploma or certificate of study ("bằng đại học", "văn bằng", "chứng chỉ", "học bạ"). */
const DIPLOMA = / (bang (goc|dai hoc|tot nghiep|cap|trung cap|cao dang|thac si)|van bang|chung chi|hoc ba|diploma|degree)\b/;
/** A civil-status paper or its register ("giấy khai sinh", "sổ hộ tịch"). */
const CIVIL_STATUS = / (khai sinh|ket hon|khai tu|ho tich|birth|marriage|death)\b/;

export type CopyProcedures = { certified: ProcedureRef; diploma: ProcedureRef | null; record: ProcedureRef | null };

/**
 * The original said lost while a certified copy is talked about ("mà bằng gốc tui làm mất rồi, chỉ còn bản photo"):
 * a copy is certified only from its original, so the need is a copy from the register that holds it — the school's
 * for a diploma, the commune's for a civil-status paper — asked as the last question was. Listed for review.
 */
export function withOriginalLost(matcher: Matcher, copies: CopyProcedures | null): Matcher {
  if (!copies) return matcher;
  return {
    understand(text: string, context: UnderstandContext = {}): Understanding {
      const u = matcher.understand(text, context);
      if (context.lastProcedureId !== copies.certified.procedureId || (context.pendingCandidates?.length ?? 0) > 0 || u.intent !== 'procedure') return u;
      const spaced = caseSpaced(text);
      if (!ORIGINAL_LOST.test(spaced)) return u;
      const meant = DIPLOMA.test(spaced) ? copies.diploma : CIVIL_STATUS.test(spaced) ? copies.record : null;
      if (!meant) return u;
      const aspect = u.aspect && u.aspect !== 'overview' ? u.aspect : (context.lastAspect ?? 'overview');
      return { ...u, ...meant, decision: 'answer', intentId: null, aspect, alternatives: [], followUp: false, narrow: true };
    },
  };
}

/** A monthly allowance for old age asked about ("lương hưu", "trợ cấp", "tiền hằng tháng", "tiền người già"). */
const OLD_AGE_MONEY = / (luong huu|tro cap|tien hang thang|hang thang|tien gia|nguoi gia|nguoi cao tuoi|pension|allowance)\b/;
/**
 * Ages of the two old-age allowances' rules (Luật Bảo hiểm xã hội 2024, Điều 21; the curated pages' conditions):
 * the social pension from 75 without a pension; from 80 the monthly social allowance may apply as well, and the
 * higher of the two is paid, so the citizen chooses.
 */
const SOCIAL_PENSION_FROM = 75;
/** No pension of one's own, said ( "không có lương hưu", "hổng có lương hưu gì"), folded and spaced. */
const NO_PENSION = / (khong|ko|k|hong|chua|chang) (co |duoc |huong |lanh |an )?(luong huu|che do huu|huu tri)\b/;
/** An allowance said as what another paper is for ("để được trợ cấp", "để hưởng chế độ"). */
const ALLOWANCE_AS_PURPOSE = / (de|dang) (duoc |xin |huong |nhan |lanh |co )?(duoc )?(tro cap|che do|luong huu|tien hang thang) /;
/** The elderly named in general ("người già", "người cao tuổi", "các cụ"). */
const OLD_PEOPLE = / (nguoi gia|nguoi cao tuoi|cac cu|cu gia|ong ba gia|ba gia|ong gia|elderly|old people)\b/;
/** A question about the elderly this short says nothing else of their case (alone, disabled, poor: another reading). */
const OLD_AGE_PLAIN_WORDS = 16;
const BOTH_ALLOWANCES_FROM = 80;

export type OldAgeAllowances = { pension: ProcedureRef; social: ProcedureRef };

/**
 * An old-age allowance asked for someone whose age the message says ("bố tôi 77 tuổi, không có lương hưu, có được
 * nhận tiền hằng tháng không"): from 75 to 79 the social pension; from 80 either, so the citizen chooses. Only when
 * the matcher weighed one of the two (or understood nothing): a BHYT card asked for an 80-year-old stays the card.
 */
/** An age of SOCIAL_PENSION_FROM or more, no pension of one's own, and money for the elderly, all said. */
function oldAgeCaseTold(text: string): boolean {
  const age = ageSaid(caseWords(text));
  const spaced = caseSpaced(text);
  return age !== null && age >= SOCIAL_PENSION_FROM && NO_PENSION.test(spaced) && OLD_AGE_MONEY.test(spaced);
}

export function withOldAgeAllowance(matcher: Matcher, allowances: OldAgeAllowances | null): Matcher {
  if (!allowances) return matcher;
  const ids = new Set([allowances.pension.procedureId, allowances.social.procedureId]);
  return {
    understand(text: string, context: UnderstandContext = {}): Understanding {
      const u = matcher.understand(text, context);
      if (carriedOrPending(u, context)) return u;
      const weighed = u.intent === 'procedure' && (u.decision === 'answer' || u.decision === 'clarify') && [u.procedureId, ...u.alternatives.map((a) => a.procedureId)].some((id) => id !== null && ids.has(id));
      // An elderly person's whole case told (an age, no pension, money asked) is the allowance, whatever a side clause
      // of a long story read as ("… có cần kêu con về ký tên không"); read only when nothing else brings the allowance in.
      if (!weighed && u.decision !== 'fallback' && !(u.intent === 'procedure' && oldAgeCaseTold(text))) return u;
      const folded = caseWords(text);
      const spaced = caseSpaced(text);
      const age = ageSaid(folded);
      // Another procedure answered, named in so many words ("làm giấy xác định khuyết tật nặng để hưởng trợ cấp"):
      // the allowance it leads to is no reason to leave it.
      // So is one answered from a reading of the message that says the allowance is only its purpose ("… xin xác định
      // mức độ khuyết tật để được trợ cấp"), though it was listed for review.
      if (u.decision === 'answer' && u.procedureId !== null && !ids.has(u.procedureId) && (!u.narrow || ALLOWANCE_AS_PURPOSE.test(spaced))) return u;
      const either = (): Understanding => ({ ...askAmong(u, [allowances.pension, allowances.social]), narrow: true });
      // The elderly in general, with no age and nothing else of their case ("trợ cấp cho người già ở xã mình"):
      // either allowance may be meant, so the citizen chooses.
      if (age === null && weighed && folded.length <= OLD_AGE_PLAIN_WORDS && OLD_PEOPLE.test(spaced) && OLD_AGE_MONEY.test(spaced)) return either();
      if (age === null || age < SOCIAL_PENSION_FROM || !OLD_AGE_MONEY.test(spaced)) return u;
      if (age < BOTH_ALLOWANCES_FROM) return { ...u, ...allowances.pension, intent: 'procedure', intentId: null, narrow: true, decision: 'answer', alternatives: [] };
      return either();
    },
  };
}
