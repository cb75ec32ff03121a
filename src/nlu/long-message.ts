import { asksProcedure, complaintOutweighs, petitionOpensWithOffice, petitionsOutright, readGrievance, type Grievance } from './grievance.js';
import { readsStatusQuestion } from './status-question.js';
import { caseSpaced, caseWords } from './stated-case.js';
import { foldDiacritics, normaliseText } from './normalise.js';
import type { Aspect } from '../knowledge/schema.js';
import type { IntentName, Matcher, UnderstandContext, Understanding } from './types.js';

/**
 * Reading a long message down to its need. Elderly citizens tell the whole story ("Ông cụ nhà tôi mất hôm qua,
 * con cháu đang lo đám. Người ta bảo phải đi báo tử với xã, mà tôi không biết cần cầm theo cái gì"): the family
 * context drowns the request when the message is matched as a whole. When the whole message is not understood
 * (a fallback or a question back), each clause and each run of two or three clauses is matched
 * on its own; the clause that states a request wins, then the most confident, then the last one (the last,
 * most specific need is what the citizen came for). A grievance said outright is recognised the same way.
 */

/** Shorter messages are matched whole only: they have no story to strip. */
const MIN_WORDS = 12;
/** Longer messages are not read clause by clause (a story told to a clerk is a few hundred characters). */
const MAX_STORY_CHARS = 2000;
/** Clauses read at most: a story longer than this is cut (the request is said by then or never). */
const MAX_CLAUSES = 12;
/** Clauses per window: a request often spans two ("phải đi báo tử với xã, mà không biết cần cầm theo gì"). */
const MAX_WINDOW = 3;
/** How much a window that states a request counts over one that only tells the story. */
const REQUEST_BONUS = 0.15;
/** Small-talk intents a grievance said in the same message outweighs. */
const SMALL_TALK: ReadonlySet<IntentName> = new Set(['help', 'greeting', 'thanks']);
/** A request is about the clause just before it more than one said earlier ("sắp cưới, bên nhà trai đòi giấy xác nhận độc thân, em xin ở đâu"). */
const SKIP_PENALTY = 0.2;
/** A catalogue record offered at this share of the leader's confidence keeps a clarification open. */
const OFFICIAL_RIVAL = 0.5;
/** A long message's clarification is settled on its leader when the runner-up scores at most this share of it… */
const CLEAR_LEAD_SHARE = 0.5;
/** …and the leader scores at least this. */
const CLEAR_LEAD_MIN = 0.25;
/** A contact question read in the request's clauses is trusted at this confidence (they are asked in set words). */
const CONTACT_WINDOW_MIN = 0.75;
/** An out-of-scope topic read in one clause is trusted at this confidence, when nothing else was understood. */
const OUT_OF_SCOPE_WINDOW_MIN = 0.7;
/** A window answered below this is not trusted over the whole message. */
const MIN_CONFIDENCE = 0.3;

/** Clause breaks: sentence ends, commas, and the words that open a new clause in speech. */
const CLAUSE_BREAK = /[.!?;:\n…,]+|\s(?=(?:mà|nhưng|giờ|bây giờ|nên)\s)/iu;

/** Politeness and filler that open a clause and say nothing of the need (as typed, accents or none). */
const FILLER_HEAD =
  /^(?:(?:dạ|da|vâng|vang|ạ|ơi|oi|alo|(?:cháu|chau|em|cô|co|chị|chi|anh|bạn|ban) (?:ơi|oi)|(?:bà|ba|ông|ong|bác|bac|tôi|toi) hỏi cái này|(?:bà|ba|ông|ong|bác|bac|tôi|toi) hỏi|cho (?:tôi|toi|bác|bac|bà|ba|ông|ong|em|mình|minh|cháu|chau) hỏi(?: chút| chut)?|xin hỏi|xin hoi|làm ơn|lam on|nhờ (?:em|cháu|bạn))(?:\s+|$))+/u;

/** …and that close it ("ạ", "nhé", "với ạ"); "nhà" (house) is not "nha". */
const FILLER_TAIL = /(?:(?:^|\s+)(?:ạ|a|nhé|nhe|nha|nhá|với ạ|voi a|ơi|oi))+$/u;

/** Words that state what the citizen wants: the clause holding one is the request (folded). */
const REQUEST =
  /\b(muon|can|phai|lam sao|lam the nao|the nao|ra sao|o dau|bao lau|bao nhieu|gi|khong biet|hoi|xin|giup|duoc khong|co duoc|nhu the nao|thu tuc|may gio|khi nao|bao gio|mo cua|lam viec|rang|the nao|how|what|where|when|which)\b/;

/**
 * What a window may answer: a procedure. Small talk, contacts, complaints and out-of-scope topics read from one
 * clause of a story are too often a word out of context ("đi lại khó khăn", "thọ 92 tuổi", "xin công nhận ở đâu").
 */
const WINDOW_INTENTS: ReadonlySet<IntentName> = new Set(['procedure']);
/** A request clause read as one of these names no need of its own. */
const VAGUE_INTENTS: ReadonlySet<IntentName> = new Set(['ask_need', 'fallback']);

interface Window {
  text: string;
  /** Clauses in the window. */
  size: number;
  request: boolean;
  /** Position of the window's last clause, from 0 (first) to 1 (last). */
  position: number;
  /** The window holds the clause that states the request. */
  holdsRequest: boolean;
  /** An earlier clause joined to the request over the clauses between them. */
  skips: boolean;
}

/** The clauses of a message, filler trimmed, empty ones dropped. */
export function clausesOf(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.slice(0, MAX_STORY_CHARS).split(CLAUSE_BREAK)) {
    if (out.length >= MAX_CLAUSES) break;
    const clause = stripFiller(raw ?? '');
    if (clause) out.push(clause);
  }
  return out;
}

/** A clause without the politeness around it, as typed (accents kept); '' when nothing else is left. */
export function stripFiller(clause: string): string {
  const text = normaliseText(clause);
  return text.replace(FILLER_HEAD, '').replace(FILLER_TAIL, '').trim();
}

/** The clause that states the request: the last one with a request word, else the last one. */
function requestClause(clauses: string[]): number {
  for (let i = clauses.length - 1; i >= 0; i--) if (REQUEST.test(foldDiacritics(clauses[i]!))) return i;
  return clauses.length - 1;
}

/**
 * Runs of up to MAX_WINDOW clauses, then the request clause joined with each clause of the story before it (the
 * story may hold what makes the request specific: "con gái tôi lấy chồng người Hàn Quốc … làm giấy khai sinh").
 */
function windowsOf(clauses: string[]): Window[] {
  const out: Window[] = [];
  const n = clauses.length;
  const r = requestClause(clauses);
  const push = (text: string, size: number, last: number, hasRequest: boolean, skips = false) =>
    out.push({ text, size, request: REQUEST.test(foldDiacritics(text)), position: n > 1 ? last / (n - 1) : 1, holdsRequest: hasRequest, skips });
  for (let size = 1; size <= Math.min(MAX_WINDOW, n); size++) {
    for (let i = 0; i + size <= n; i++) push(clauses.slice(i, i + size).join(', '), size, i + size - 1, i <= r && r < i + size);
  }
  for (let i = 0; i < r - 1; i++) push(`${clauses[i]!}, ${clauses[r]!}`, 2, r, true, true);
  return out;
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/**
 * Whether the whole message's reading leaves room for a closer look: not understood, or, for a long message,
 * taken as out of scope (one word of a story, "thọ 92 tuổi", can look like "bảo hiểm nhân thọ").
 */
function unsure(u: Understanding, long: boolean): boolean {
  return u.decision !== 'answer' || u.intent === 'fallback' || u.intent === 'ask_need' || (long && u.intent === 'out_of_scope');
}

function grievanceUnderstanding(whole: Understanding, kind: 'complaint' | 'feedback' | 'handoff', curated?: (id: string) => boolean): Understanding {
  // The curated procedure the message was answered with is what a complaint is about (see aboutProcedureId).
  const named = whole.intent === 'procedure' && whole.decision === 'answer' && !whole.followUp && whole.procedureId && curated?.(whole.procedureId) ? whole.procedureId : undefined;
  const about = kind === 'complaint' ? (named ?? whole.aboutProcedureId) : undefined;
  return { ...systemUnderstanding(whole, kind), ...(about ? { aboutProcedureId: about } : {}) };
}

/** The message read as one of the bot's own intents, listed for review (narrow): no procedure, aspect or buttons. */
function systemUnderstanding(whole: Understanding, kind: 'complaint' | 'feedback' | 'handoff' | 'thanks'): Understanding {
  const { aboutProcedureId: _a, ...rest } = whole;
  return { ...rest, decision: 'answer', intent: kind, intentId: kind, procedureId: null, nationalCode: null, aspect: null, confidence: 0.6, alternatives: [], followUp: false, choice: null, narrow: true };
}

/** Thanks opening the message, folded and spaced. */
const THANKS_OPENS = /^ (?:(?:da|a|oi) )?(?:cam on|thank you|thanks|tks|thank)\b/;
/** The matter told done ("làm xong rồi", "đã nhận được giấy rồi"), folded and spaced. */
const DONE_TOLD = / (?:xong (?:roi|xuoi|het roi)|lam duoc roi|nhan duoc (?:\S+ ){0,2}roi|co (?:giay|ket qua) roi|(?:got|received) it|all done|done now) /;
/** The help praised ("chỉ bà làm giấy khai tử rất rõ"), folded and spaced. */
const HELP_PRAISED = / (?:rat|qua|that|de|ky|ki) (?:ro(?: rang)?|de hieu|tan tinh|nhiet tinh|chi tiet|chu dao|can than)(?: (?:lam|qua|that|a|nha|nhe|ghe))* $/;
/** A question: a question word anywhere or a yes/no ending, folded and spaced (the mark is read on the text). */
const ASKS = / (?:o dau|bao nhieu|bao lau|the nao|lam sao|ra sao|can gi|gi khong|duoc khong|how|what|where|when) | (?:khong|ko|chua) $/;

function thanksForDone(text: string): boolean {
  const t = caseSpaced(text);
  return THANKS_OPENS.test(t) && (DONE_TOLD.test(t) || HELP_PRAISED.test(t)) && !ASKS.test(t) && !text.includes('?');
}

/** The aspect a clause asks, cues of any kind included; null when it asks none. */
export type AspectOf = (text: string) => Aspect | null;

/** What the story reading needs from the matcher's side besides understanding. */
export interface StoryReading {
  aspectOf?: AspectOf;
  /**
   * Whether a procedure is one of the curated pages. A window answers only those: they are the common needs
   * of citizens who tell a story, while a catalogue record matched from part of a message rests on a rare word.
   */
  curated?: (procedureId: string) => boolean;
  /** Whether one procedure is the other with qualifying words ("khai sinh" / "khai sinh có yếu tố nước ngoài"). */
  twins?: (a: string, b: string) => boolean;
  /** Whether a procedure's titles hold every word a part of a message names of its own. */
  holds?: (procedureId: string, text: string) => boolean;
}

export function readLongMessage(matcher: Matcher, text: string, context: UnderstandContext, whole: Understanding, reading: StoryReading = {}): Understanding {
  const { aspectOf, curated } = reading;
  if (whole.choice != null) return whole;
  const long = wordCount(text) >= MIN_WORDS;
  const answered = whole.intent === 'procedure' && whole.decision === 'answer' && !whole.followUp;
  // A dossier told as overdue, lost or strung along ("quá hạn mà không ai báo", "cứ hẹn lần hẹn lữa") is a complaint
  // about the service, not a status query: staff must see it. Asked as a question ("hồ sơ … sao chưa có kết quả,
  // trễ hẹn rồi") it stays a status query: the look-up answers it, and an overdue status says whom to call.
  const statusAsked = whole.intent === 'dossier_status' && whole.decision === 'answer' && !readsStatusQuestion(caseWords(text));
  // So is a petition said outright ("phản ánh bộ phận một cửa xã bắt dân photo công chứng …"): the procedure it names
  // is what it is about.
  if ((answered || statusAsked) && (complaintOutweighs(text) || petitionsOutright(text))) return grievanceUnderstanding(whole, 'complaint', curated);
  // Thanks that tell the procedure done ("Cảm ơn bot nhé, hôm trước hỏi thủ tục tách hộ, làm xong rồi") or praise the
  // help ("… chỉ bà làm giấy khai tử rất rõ") ask nothing more.
  if (whole.intent === 'procedure' && thanksForDone(text)) return systemUnderstanding(whole, 'thanks');
  // The grievance the message tells, read once (its patterns are long) and only when a step below needs it.
  let told: Grievance | null | undefined;
  const grievanceTold = (): Grievance | null => (told === undefined ? (told = readGrievance(text)) : told);
  // A remark on the bot or a request for a person said outright outweighs carrying the last procedure over ("bot trả
  // lời sai rồi, hôm qua tôi ra xã người ta lấy khác" after a fee answer).
  if (whole.followUp) {
    const grievance = grievanceTold();
    if (grievance === 'feedback' || grievance === 'handoff') return grievanceUnderstanding(whole, grievance, curated);
    if (petitionsOutright(text)) return grievanceUnderstanding(whole, 'complaint', curated);
  }
  // A person asked for outright ("có ai gọi điện cho bà giải thích được không, bà hỏi về tiền trợ cấp …") wins over
  // the need told with it: the citizen says how they want to be helped.
  // So does a remark on the bot's own facts that asks nothing ("thông tin bot đưa về thời gian làm hộ chiếu cũ rồi"):
  // the procedure it names is what the remark is about.
  if (whole.intent === 'procedure') {
    const grievance = grievanceTold();
    if (grievance === 'handoff' || (grievance === 'feedback' && !asksProcedure(text))) return grievanceUnderstanding(whole, grievance, curated);
  }
  // Small talk read in a remark ("bot chả lời chung chung quá, chẳng giúp được gì" is no question what it can do);
  // a remark that goes on to ask for a person ("bot trả lời không đúng ý, tôi cần nhân viên hỗ trợ") is that request,
  // as is a greeting that does ("có ai trực không, tôi cần hỏi người").
  if (whole.decision === 'answer' && SMALL_TALK.has(whole.intent)) {
    const grievance = grievanceTold();
    if (grievance === 'feedback' || grievance === 'complaint' || (grievance === 'handoff' && whole.intent === 'greeting')) return grievanceUnderstanding(whole, grievance, curated);
  }
  // A person asked for in an office's name ("chuyển giúp mình sang bộ phận tiếp nhận") is a hand-off, not its address.
  // So is one said with a remark on language ("Can I talk to a real person? My Vietnamese is not good.").
  if (whole.decision === 'answer' && (whole.intent === 'feedback' || whole.intent === 'contacts' || whole.intent === 'language') && grievanceTold() === 'handoff') return grievanceUnderstanding(whole, 'handoff', curated);
  // A petition about an office's hours or place said outright ("Kiến nghị UBND phường mở cửa sáng thứ 7 …") asks
  // for a change, not the hours.
  if (whole.decision === 'answer' && whole.intent === 'contacts' && petitionOpensWithOffice(text)) return grievanceUnderstanding(whole, 'complaint', curated);
  // A hand-off read from words it shares with a request ("cán bộ nói chuyện …") while no person is asked for and
  // mistreatment is told ("cô cán bộ nói chuyện trống không, còn lớn tiếng"): a complaint.
  if (whole.decision === 'answer' && whole.intent === 'handoff' && grievanceTold() === 'complaint' && complaintOutweighs(text)) return grievanceUnderstanding(whole, 'complaint', curated);
  const sure = !unsure(whole, long);
  // An answer among the buttons still open settles the question just asked: the story is not read again.
  if (sure && answered && whole.procedureId && context.pendingCandidates?.includes(whole.procedureId)) return whole;
  // A confident answer is questioned only for a long message, and never when it is a catalogue record (specific).
  if (sure && !(long && answered && (!curated || curated(whole.procedureId ?? '')))) return whole;
  // Procedures offered, led by an official catalogue record: a question about that specific procedure.
  const officialLead = whole.decision === 'clarify' && curated !== undefined && !curated(whole.procedureId ?? '');
  // Led by an official record, only a grievance told outright (mistreatment, a runaround, a remark on the bot's
  // own answer, a request for a person) outweighs it.
  const grievance = sure ? null : grievanceTold();
  if (grievance && (grievance !== 'complaint' || !officialLead || complaintOutweighs(text) || petitionsOutright(text))) {
    // "cán bộ gây khó dễ, muốn tố cáo thì gửi đơn ở đâu" asks the procedure, not to complain.
    // Nor does a remark on the bot that goes on to ask ("bot nói lệ phí cũ rồi, vậy giờ hết bao nhiêu tiền").
    // A petition opening with whom it is addressed to ("Kiến nghị xã cho làm thủ tục cả ngày thứ bảy") asks no procedure.
    if (!(grievance !== 'handoff' && asksProcedure(text) && !petitionsOutright(text))) return grievanceUnderstanding(whole, grievance, curated);
  }
  // A clarification: the matcher found the procedures the message names and could not tell them apart. A guess
  // from part of the message would be a pick among near-twins (measured: it answered official catalogue questions
  // with the wrong button), so the citizen chooses.
  // Only when the request itself names the clarification's leader is the story read to settle on it ("… chưa từng
  // làm căn cước …, tôi chở mẹ lên làm thì cần mang theo gì?").
  // Not among twins: what tells them apart may be in the story the window leaves out ("lấy chồng người Hàn Quốc").
  const leader = whole.decision === 'clarify' && !officialLead ? whole.procedureId : null;
  // Nor when an official catalogue record comes close: the catalogue may hold the specific procedure asked.
  const contested = (a: Understanding['alternatives'][number]): boolean =>
    a.procedureId !== leader && (reading.twins?.(leader!, a.procedureId) === true || (curated !== undefined && !curated(a.procedureId) && a.confidence >= whole.confidence * OFFICIAL_RIVAL));
  const settleOn = leader && !whole.alternatives.some(contested) ? leader : null;
  // A story dilutes every name it holds, so the leader of a long message's clarification can fall short of the
  // answer threshold though nothing comes close to it; then it is the need (listed for review, as narrow).
  if (long && clearLeader(whole, reading)) return { ...whole, decision: 'answer', alternatives: whole.alternatives.slice(1), narrow: true };
  if (whole.decision === 'clarify' && !settleOn) {
    // Buttons offered from a few words of a long message are no reading of it: a clause asking a topic outside the
    // bot's work says what the message is ("Mai ở Quy Nhơn có mưa không, tôi định chở mẹ đi khám mắt ở bệnh viện").
    const story = whole.confidence < MIN_CONFIDENCE ? storyClauses(text, long) : null;
    const outside = story ? outsideClause(matcher, story, context) : null;
    return outside ? asWhole(outside, whole, text) : whole;
  }
  const clauses = storyClauses(text, long);
  if (!clauses) return whole;
  // Out of scope as a whole: only a window that states a request for a procedure may overrule it.
  const onlyRequests = whole.intent === 'out_of_scope';
  // A window is read as a message of its own: no procedure carried over from before the story.
  const fresh = freshContext(context);
  let best: Understanding | null = null;
  let bestText = '';
  let bestScore = -1;
  let lastAspect: Understanding['aspect'] = null;
  // Whether a window holding the request names the whole message's procedure too: then the story agrees with it.
  let wholeAgreed = false;
  // A contact question asked in so many words in the request ("…, xã làm việc từ mấy giờ, thứ bảy có làm không?").
  let contact: Understanding | null = null;
  // …or in a clause of its own before a request that names no need ("mùng 4 Tết xã có làm việc hông, tui … muốn tranh
  // thủ làm giấy tờ"): the request clause alone is read among the single clauses.
  let contactClause: Understanding | null = null;
  let requestRead: Understanding | null = null;
  for (const w of windowsOf(clauses)) {
    const u = matcher.understand(w.text, fresh);
    if (w.size === 1 && w.holdsRequest) requestRead = u;
    const asksContact = w.request && u.decision === 'answer' && u.intent === 'contacts' && u.confidence >= CONTACT_WINDOW_MIN;
    if (!contact && w.holdsRequest && asksContact) contact = u;
    if (!contactClause && w.size === 1 && asksContact) contactClause = u;
    // Single clauses come first, in order: the last one asking an aspect is the aspect asked.
    const asked = w.size === 1 ? (aspectOf ? aspectOf(w.text) : u.aspect === 'overview' ? null : u.aspect) : null;
    if (asked) lastAspect = asked;
    // A window holding the request that reads as the whole did agrees with it, however diluted ("còn làm căn cước cho
    // bé luôn, bé mới 2 tháng thì cần giấy tờ gì": the clause asking alone reads the birth, its window with the card
    // reads the card as the whole does).
    if (sure && w.holdsRequest && u.decision === 'answer' && u.procedureId === whole.procedureId) wholeAgreed = true;
    if (u.decision !== 'answer' || !WINDOW_INTENTS.has(u.intent) || u.followUp || u.confidence < MIN_CONFIDENCE) continue;
    // Only a window holding the request may answer: the story alone never does.
    if (!w.holdsRequest) continue;
    if (curated && !curated(u.procedureId ?? '')) continue;
    if (onlyRequests && !w.request) continue;
    const score = u.confidence + (w.holdsRequest ? REQUEST_BONUS : w.request ? REQUEST_BONUS / 3 : 0) + 0.01 * w.position - (w.skips ? SKIP_PENALTY : 0);
    if (score > bestScore) {
      best = u;
      bestText = w.text;
      bestScore = score;
    }
  }
  const vagueRequest = requestRead !== null && (VAGUE_INTENTS.has(requestRead.intent) || (requestRead.decision !== 'answer' && requestRead.confidence < MIN_CONFIDENCE));
  if (vagueRequest && contactClause) contact = contactClause;
  if (settleOn && best?.procedureId !== settleOn) return whole;
  // A window naming a twin of the whole's answer lost the words that chose between them ("… bố cháu là người Hàn Quốc").
  if (sure && best && whole.procedureId && best.procedureId && reading.twins?.(best.procedureId, whole.procedureId)) return withAspect(whole, lastAspect);
  // Nor does a window whose words the whole's answer names as well ("giờ muốn làm lại cái sổ thì sao" after the story
  // of a lost land title): the story told which "sổ" it is.
  if (sure && best && whole.procedureId && best.procedureId && best.procedureId !== whole.procedureId && reading.holds?.(whole.procedureId, bestText)) return withAspect(whole, lastAspect);
  // Only when nothing else was understood: a story that asks a procedure keeps the procedure.
  if (!best && !sure && contact && whole.decision === 'fallback') return asWhole(contact, whole, text);
  // Nor anything else: a topic outside the bot's work asked in a clause of its own ("Mai có bão không em, tàu tui tính
  // ra khơi đánh mực").
  const outside = !best && !sure && whole.decision === 'fallback' ? outsideClause(matcher, clauses, context) : null;
  if (outside) return asWhole(outside, whole, text);
  if (!best || (sure && (wholeAgreed || best.intent !== 'procedure'))) return sure ? withAspect(whole, lastAspect) : whole;
  const aspect = best.intent === 'procedure' ? (lastAspect ?? best.aspect) : best.aspect;
  return { ...asWhole(best, whole, text), aspect };
}

/** A story's clauses, when it is one to read clause by clause (long enough, not too long, two clauses or more); null otherwise. */
function storyClauses(text: string, long = wordCount(text) >= MIN_WORDS): string[] | null {
  if (!long || text.length > MAX_STORY_CHARS) return null;
  const clauses = clausesOf(text);
  return clauses.length < 2 ? null : clauses;
}

/** The context a part of the message is read in: as a message of its own, no procedure carried over or pending. */
function freshContext(context: UnderstandContext): UnderstandContext {
  return { ...context, lastProcedureId: undefined, recentProcedureIds: undefined, pendingCandidates: undefined };
}

/** A part of the message read on its own, standing for the whole: its text, language and entities, listed for review. */
function asWhole(part: Understanding, whole: Understanding, text: string): Understanding {
  return { ...part, text, language: whole.language, languageDetected: whole.languageDetected, entities: whole.entities, narrow: true };
}

/** A clause read on its own as a topic outside the bot's work, confidently; null when none is. */
function outsideClause(matcher: Matcher, clauses: string[], context: UnderstandContext): Understanding | null {
  if (clauses.length < 2) return null;
  const fresh = freshContext(context);
  for (const clause of clauses) {
    const u = matcher.understand(clause, fresh);
    if (u.decision === 'answer' && u.intent === 'out_of_scope' && u.confidence >= OUT_OF_SCOPE_WINDOW_MIN) return u;
  }
  return null;
}

/** A curated leader well ahead of every other button, none of them its twin. */
function clearLeader(u: Understanding, reading: StoryReading): boolean {
  if (u.decision !== 'clarify' || u.intent !== 'procedure' || !u.procedureId) return false;
  const [lead, second] = u.alternatives;
  if (!lead || lead.procedureId !== u.procedureId || lead.confidence < CLEAR_LEAD_MIN) return false;
  if (reading.curated && !reading.curated(lead.procedureId)) return false;
  if (u.alternatives.some((a) => a !== lead && reading.twins?.(lead.procedureId, a.procedureId) === true)) return false;
  return !second || second.confidence <= lead.confidence * CLEAR_LEAD_SHARE;
}

/** A long message answered whole keeps the aspect its last asking clause asks, when the whole read none. */
function withAspect(whole: Understanding, lastAspect: Understanding['aspect']): Understanding {
  return lastAspect && lastAspect !== whole.aspect ? { ...whole, aspect: lastAspect } : whole;
}

/** The matcher, reading long and grieving messages down to their need when the whole is not understood. */
export function withLongMessages(matcher: Matcher, reading: StoryReading = {}): Matcher {
  return {
    understand(text: string, context: UnderstandContext = {}): Understanding {
      return readLongMessage(matcher, text, context, matcher.understand(text, context), reading);
    },
  };
}

/**
 * A long message nothing understood, whose request asks which of a family ("Em là công nhân cảng Chùa Vẽ, muốn hỏi về
 * bảo hiểm xã hội"): the request's question among curated procedures, whose buttons serve the citizen better than the
 * help menu. Read last, after every reading of the story (an age, a lost register) has had its say.
 */
export function withRequestClarified(outer: Matcher, windows: Matcher, reading: StoryReading = {}): Matcher {
  return {
    understand(text: string, context: UnderstandContext = {}): Understanding {
      const u = outer.understand(text, context);
      const clauses = u.decision === 'fallback' && u.intent === 'fallback' ? storyClauses(text) : null;
      if (!clauses) return u;
      const fresh = freshContext(context);
      for (const w of windowsOf(clauses)) {
        if (!w.holdsRequest) continue;
        const v = windows.understand(w.text, fresh);
        if (v.decision === 'clarify' && v.intent === 'procedure' && v.confidence >= MIN_CONFIDENCE && (!reading.curated || reading.curated(v.procedureId ?? ''))) return asWhole(v, u, text);
      }
      return u;
    },
  };
}
