import { findKnownProcedure, type KnownProcedure } from '../knowledge/known-procedures.js';
import type { Aspect, KnowledgeBase } from '../knowledge/schema.js';
import { isCancel, isSubstantive } from '../complaints/complaint.js';
import { renderAskComplaint, renderAskMore, renderComplaintCancelled } from '../complaints/render.js';
import { facetOfIntent, type ContactFacet } from '../contacts/find.js';
import { renderContactAnswer } from '../contacts/render.js';
import { parsePayload, type MenuKind, type Payload } from './payload.js';
import { foldDiacritics } from '../nlu/normalise.js';
import { choiceIndex, type Choice } from '../nlu/choice.js';
import { isBhxhFileNumber } from '../nlu/entities.js';
import { petitionsOutright } from '../nlu/grievance.js';
import { answerProcedure } from './render-procedure.js';
import { MAX_CLARIFY_OPTIONS, MAX_TEXT } from './limits.js';
import {
  renderAskDossierCode,
  renderAskNeed,
  renderAskFollowCode,
  renderClarify,
  renderDossierCodeInvalid,
  renderSocialInsuranceNumber,
  renderFallback,
  renderUnknownNationalCode,
  renderFeedbackReceived,
  renderFeedbackThanks,
  renderGreeting,
  renderHandoffAck,
  renderHelpMenu,
  renderLanguageSwitched,
  renderNothingToChoose,
  renderOutOfScope,
  renderProcedureGone,
  renderProcedurePrompt,
  renderThanks,
} from './render-system.js';
import type { TurnUnderstanding } from './understanding.js';
import { RECENT_PROCEDURES, type Action, type Language, type Reply, type Session, type Translate } from './types.js';

export interface DecideInput {
  text: string;
  understanding: TurnUnderstanding;
  session: Session;
  kb: KnowledgeBase;
  tFor: (lng: Language) => Translate;
  now: number;
}

export interface Decision {
  actions: Action[];
  session: Session;
}

type Analytics = Extract<Action, { type: 'record_answer' }>;

/** Builds the outcome of one turn: its actions, the new session, and always one analytics record. */
class Turn {
  readonly actions: Action[] = [];
  record: Analytics;
  constructor(
    readonly input: DecideInput,
    public session: Session,
  ) {
    const u = input.understanding;
    this.record = { type: 'record_answer', procedureId: u.procedureId, intent: u.intent, aspect: u.aspect, decision: u.decision };
  }
  get lang(): Language {
    return this.session.language;
  }
  get t(): Translate {
    return this.input.tFor(this.session.language);
  }
  reply(reply: Reply): this {
    this.actions.push({ type: 'reply', reply });
    return this;
  }
  act(action: Action): this {
    this.actions.push(action);
    return this;
  }
  note(record: Partial<Omit<Analytics, 'type'>>): this {
    this.record = { ...this.record, ...record };
    return this;
  }
  done(): Decision {
    return { actions: [...this.actions, ...this.review(), this.record], session: withLastTopic(this.session, this.record) };
  }
  /** An answer that leaned on the conversation or barely passed is listed for staff to check. */
  private review(): Action[] {
    const u = this.input.understanding;
    const r = this.record;
    if (r.decision !== 'answer' || parsePayload(this.input.text) || !(u.followUp || u.narrow)) return [];
    return [{ type: 'record_review', reason: u.followUp ? 'carry_over' : 'narrow', text: this.input.text, intent: r.intent, procedureId: r.procedureId, aspect: r.aspect, confidence: u.confidence }];
  }
}

/** Remembers a complaint or dossier turn for the next message only (see Session.lastTopic). */
function withLastTopic(session: Session, record: Analytics): Session {
  const topic = record.decision === 'fallback' ? undefined : record.intent === 'complaint' ? 'complaint' : record.intent === 'dossier_status' ? 'dossier' : undefined;
  if (topic === session.lastTopic) return session;
  const { lastTopic: _t, ...rest } = session;
  return topic ? { ...rest, lastTopic: topic } : rest;
}

/**
 * Aspects that, asked right after a dossier, ask about that dossier ("bao giờ xong", "bao giờ có kết quả", "còn
 * thiếu giấy gì nữa không", "giờ phải làm gì tiếp"): its status answers them (due date, next step, papers asked for).
 */
const DOSSIER_ASPECTS: ReadonlySet<Aspect | null> = new Set(['duration', 'result', 'documents', 'steps', 'fee', 'place']);

/**
 * A message the matcher could not place, read against the turn before: details of the complaint just filed
 * ("hôm qua khoảng 9h, ở quầy hộ tịch"), or when a dossier will be done, asked right after looking it up.
 */
function continuesTopic(turn: Turn, s: Session): Turn | null {
  const u = turn.input.understanding;
  const folded = foldDiacritics(turn.input.text.toLowerCase());
  // The folded text between spaces, for the word-bounded patterns below.
  const spaced = ` ${folded} `;
  // Not placed: a fallback, a question back, or a clarification among procedures the message only brushes. Right
  // after a complaint, a place and time told without a question ("ở trung tâm hành chính công, sáng nay") is a detail.
  const detail = s.lastTopic === 'complaint' && u.intent === 'contacts' && !asksSomething(folded);
  const asksAspect = u.aspect !== null && u.aspect !== 'overview';
  // The procedure a complaint named answers a question about it ("thường mất bao lâu?"); more told about the case
  // without a question ("đi 3 lần rồi chưa xong", "ổng nói thiếu giấy mà …") is the complaint going on.
  const asksQuestion = s.lastTopic === 'complaint' && ASKS_ABOUT_PROCEDURE.test(spaced);
  // So is a story of what happened that names a procedure without asking or wanting anything ("chuyện xảy ra khoảng
  // 9h sáng thứ Ba, lúc tôi đi nộp hồ sơ tách thửa"): the procedure is where it happened, not a new need.
  const toldCase = s.lastTopic === 'complaint' && u.intent === 'procedure' && !asksQuestion && tellsWithoutAsking(folded);
  // Who is complaining, told right after it ("tui tên …, số điện thoại …", "muốn giấu tên được không"): for the complaint.
  const identifies = s.lastTopic === 'complaint' && (Boolean(u.entities.phone) || ANONYMITY.test(spaced) || NAME_TOLD.test(spaced));
  // How to take the matter further, asked right after it ("muốn kiến nghị việc này lên cấp trên thì gửi thế nào"): the
  // complaint going on, not the procedure it named.
  const escalates = s.lastTopic === 'complaint' && ((u.followUp && ESCALATES.test(spaced)) || (u.decision !== 'answer' && TAKEN_HIGHER.test(spaced)));
  const toldMore = s.lastTopic === 'complaint' && (((u.followUp || toldCase) && !asksQuestion) || identifies || escalates);
  // Right after a dossier, what it was sent back for or which desk holds it ("bị trả về bổ sung gì hả", "hồ sơ này
  // đang nằm ở bộ phận nào") asks about that dossier, though it reads like a complaint or an office asked about.
  // So is whether it is overdue, asked ("trễ hạn chưa"): its status answers it.
  // A petition said outright with it ("… ai chịu trách nhiệm, em muốn kiến nghị chính thức") stays a complaint.
  const askedOfDossier = s.lastTopic === 'dossier' && ((u.intent === 'complaint' && (ASKS_WHAT_FOR.test(spaced) || OVERDUE_ASKED.test(spaced)) && !petitionsOutright(turn.input.text)) || (u.intent === 'contacts' && HELD_WHERE.test(spaced)));
  // News of the dossier asked right after it ("any update on it?", "có gì mới chưa") is its status, whatever word of
  // a procedure the question brushes ("update" is a change of a registration).
  const newsAsked = s.lastTopic === 'dossier' && NEWS_ASKED.test(spaced);
  // Being told when it is done, asked right after it ("báo cho tui khi xong nha", "có kết quả thì nhắn em"): follow it.
  if (s.lastTopic === 'dossier' && s.lastDossierCode && !u.dossierCode && FOLLOW_ASKED.test(spaced)) {
    return turn.act({ type: 'follow_dossier', code: s.lastDossierCode }).note({ intent: 'follow_dossier', decision: 'answer', procedureId: null, aspect: null });
  }
  const unplaced = u.decision !== 'answer' || u.intent === 'fallback' || u.intent === 'ask_need' || detail || toldMore || askedOfDossier || newsAsked;
  if (!unplaced || u.dossierCode || !s.lastTopic) return null;
  // An aspect read in a statement ("hồ sơ nộp ở bộ phận một cửa xã, anh cán bộ tên Hùng nhận") is told, not asked.
  // Who the citizen is belongs to the complaint however short ("tôi tên Lan, ở thôn 3").
  if (s.lastTopic === 'complaint' && u.intent !== 'ask_need' && (toldMore || !asksAspect || !asksQuestion) && (isSubstantive(turn.input.text) || identifies)) {
    turn.note({ intent: 'complaint', decision: 'answer', procedureId: null, aspect: null });
    return turn.act({ type: 'file_complaint', text: turn.input.text, append: Boolean(s.complaintRef) });
  }
  // The dossier just looked up is looked up again (its status is the answer); asking for its code again would make
  // the citizen repeat what they just sent.
  // A procedure named in so many words ("đăng ký thường trú có phải mang bản chính không?") is a new question,
  // though its aspect is one a dossier's status answers.
  const aboutDossier = newsAsked || askedOfDossier || DOSSIER_ASPECTS.has(u.aspect) || DOSSIER_FOLLOW_UP.test(spaced);
  if (s.lastTopic === 'dossier' && aboutDossier && !namesProcedure(turn.input.kb, folded)) {
    return s.lastDossierCode ? lookup(turn, s.lastDossierCode) : askDossierCode(turn).note({ procedureId: null, aspect: null });
  }
  return null;
}

/** A complaint named or taken higher ("kiến nghị việc này", "gửi lên cấp trên"), accents folded. */
const ESCALATES = / (phan anh|kien nghi|khieu nai|to cao|cap tren|lanh dao) /;
/** The matter taken to a higher level ("đưa việc này lên lãnh đạo xã", "phản ánh chuyện đó lên cấp trên"), accents folded. */
const TAKEN_HIGHER = / (phan anh|kien nghi|khieu nai|to cao|dua|gui|chuyen|bao) (\S+ ){0,4}(len )?(cap tren|lanh dao|chu tich) /;

/** Asking to be told when a dossier is done ("báo cho tui khi xong", "có kết quả thì nhắn em"), accents folded. */
const FOLLOW_ASKED = / ((bao|nhan|nhan tin) (lai )?(cho |giup |dum |gium )?(tui|toi|em|minh|chau|con|bac|me) (khi|luc|neu|ngay khi|lien khi) (\S+ ){0,3}(xong|co ket qua|co giay|duyet|tra ket qua)|(xong|co ket qua|duyet) (roi )?(thi|la) (bao|nhan|nhan tin)|let me know when|notify me when|tell me when) /;

/** The citizen's own name told ("tôi tên Lan, ở thôn 3", "my name is …"), accents folded. */
const NAME_TOLD = /^ (?:(?:da|a|vang) )?(?:toi|tui|em|chau|con|minh|bac|co|chu) (?:ten|ho ten) (?:la )?\S+|\bmy name is\b/;

/** Staying anonymous asked about a complaint ("giấu tên", "ẩn danh", "không muốn nêu tên"), accents folded. */
const ANONYMITY = / (giau ten|an danh|khong (muon )?(neu|de|ghi) ten|anonymous|anonymously) /;

/** Asking for news ("any update?", "any news on it", "có gì mới chưa", "có tin gì chưa"), accents folded. */
const NEWS_ASKED = /\b(any (update|news|progress)|update on (it|this|that|my)|still (pending|waiting|processing|not (finished|done|ready))|not (finished|done|ready) yet|(is|it s|its) not (finished|done|ready)|(was|is) due (last|this|on|yesterday)|past due|co (gi|tin gi|tin) moi (chua|khong|ko)|co tin gi chua)\b/;
/**
 * Words that, right after a dossier was looked up and with no procedure placed, ask about that dossier: its status
 * ("tình trạng sao rồi"), papers or money it is asked for ("có cần bổ sung gì không", "có phải nộp thêm tiền gì
 * không"), its result ("lên đâu lấy kết quả", "lên tận nơi lấy hay gửi về nhà").
 */
const DOSSIER_FOLLOW_UP = /\b((len|den|ra) (tan noi )?lay|gui ve (nha|tan nha)|qua buu (dien|chinh)|bo sung|nop them|dong them|them tien|ket qua|tinh trang|trang thai|xong chua|chua xong|van chua|duyet chua|toi dau roi|den dau roi|hen tra|han tra|ngay tra|hen ngay|ngay hen|tra ket qua|trong han|qua han|tre han|bo phan nao|ai dang giu|kq|dang nam o|ket o (khau|buoc) nao|khau nao|status|ready|overdue|pick up)\b/;

/** Another dossier than the one just looked up ("tra hồ sơ khác", "another application"), folded and spaced. */
const ANOTHER_DOSSIER = / (khac|another|other|second) /;

/**
 * A status asked with no code right after a look-up ("thôi hỏi tiếng Việt, hồ sơ đó giờ sao rồi"): that dossier,
 * looked up again, unless another one is meant; otherwise its code is asked for.
 */
function dossierAskedAgain(turn: Turn): Turn {
  const { lastTopic, lastDossierCode } = turn.session;
  const another = ANOTHER_DOSSIER.test(` ${foldDiacritics(turn.input.text.toLowerCase())} `);
  return lastTopic === 'dossier' && lastDossierCode && !another ? lookup(turn, lastDossierCode) : askDossierCode(turn);
}

/** Whether a dossier is overdue, asked ("trễ hạn chưa", "quá hạn rồi à"). */
const OVERDUE_ASKED = /\b(qua|tre) (han|hen) (chua|khong|ko|hong|roi a|roi ha)\b/;
/** What a dossier was sent back for, asked ("bổ sung gì", "thiếu giấy gì"). */
const ASKS_WHAT_FOR = /\b(bo sung (gi|cai gi|them gi|nhung gi|giay gi)|thieu (gi|giay gi|cai gi))\b/;
/** Where a dossier is held ("đang nằm ở bộ phận nào", "ai đang giữ"), or its result collected ("thế lấy ở đâu"). */
const HELD_WHERE = /\b(bo phan nao|dang nam o|ai dang giu|dang o dau|(lay|nhan|lanh) (\S+ ){0,2}o dau)\b/;

/**
 * Whether the message (folded) holds the name or a keyword of a curated procedure ("thời hạn giải quyết giấy phép xây
 * dựng là bao nhiêu ngày" names one, though the matcher led with a catalogue record).
 */
function namesProcedure(kb: KnowledgeBase, folded: string): boolean {
  const words = ` ${folded.replace(/[^a-z0-9]+/g, ' ')} `;
  return procedureNames(kb).some((name) => words.includes(` ${name} `));
}

/** The curated procedures' names and keywords, folded, per knowledge base (content edited live is a new one). */
const foldedNames = new WeakMap<KnowledgeBase, string[]>();
function procedureNames(kb: KnowledgeBase): string[] {
  let names = foldedNames.get(kb);
  if (!names) {
    names = kb.procedures.flatMap((p) => [p.name.vi, ...p.keywords]).map((text) => foldDiacritics(text.toLowerCase()).replace(/[^a-z0-9]+/g, ' ').trim());
    foldedNames.set(kb, names);
  }
  return names;
}

/**
 * Question words of a contact question ("mấy giờ", "số điện thoại", "ở đâu", "… không"), or a request for one
 * ("cho tui xin số khác"), accents or none.
 */
const CONTACT_QUESTION = /\?|\b(may gio|bao nhieu|o dau|cho nao|khi nao|so dien thoai|sdt|so khac|xin so|cho (toi |tui |em |chau )?(xin )?so|duong day nong|gio lam viec|so may|so nao|la gi|dia chi|email|zalo|hotline|khong|ko|hong|hem|hok|chua|where|when|what|which|how|(give me|send me|can i have|may i have) (\S+ ){0,3}(phone|number|address|hours))\b/;

/** Question words of a question about a procedure ("bao nhiêu ngày", "nộp ở đâu", "gồm gì", "how long"), accents or none. */
// The central "mô" (where) and "răng" (how) in the pairs where they ask, as the lexicon reads them.
/** Vietnamese question words both readings below share ("bao nhiêu", "ở đâu", "cần … gì", "thế nào"), accents folded. */
const VI_QUESTION_WORDS = String.raw`bao nhieu|bao lau|may ngay|khi nao|bao gio|o dau|den dau|ra dau|len dau|di dau|cho nao|o mo|lam rang|the rang|(mang|gom|can|nop|chuan bi) (\S+ ){0,2}gi|nhung gi|the nao|ra sao|lam sao|duoc khong`;
// A yes/no question typed short ("… được ko", "có mất tiền không") asks as well.
const ASKS_ABOUT_PROCEDURE = new RegExp(String.raw`\?|\b(${VI_QUESTION_WORDS}|duoc (ko|k|hong|hok|hem)|nop mo|cho mo|ra rang|thi rang|how|what|where|when|which)\b|\bco (\S+ ){0,3}(khong|ko|k|hong|hok|hem)\s*$`);

/** A wish or a request ("muốn", "cần", "xin", "cho hỏi", "giúp"), accents or none. */
// "cán bộ" folds to "can bo" and names a person, not a need; "đi xin", "lên xin" tell where the citizen went.
const WANTS = /\b(muon|can(?! (?:bo|cuoc)\b)|(?<!\b(?:di|len|ra|den|toi|xuong) )xin|hoi|giup|nho|lam on|want|need|please|help)\b/;
/** A story told is longer than a need named ("đăng ký khai sinh cho con"). */
const MIN_STORY_WORDS = 8;

/**
 * A question asked at all: a mark, a question word, a yes/no ending ("… không", "… chưa"). Unlike CONTACT_QUESTION, "không" inside a sentence is a plain no ("không cho ký biên bản"),
 * and "what" inside one is told ("nobody explained what was missing").
 */
const ASKS_AT_ALL = new RegExp(String.raw`\?|\b(${VI_QUESTION_WORDS}|co phai|phai khong|dung khong|tai sao|vi sao|may gio|la gi|so nao|so may|la so)\b|\b(khong|ko|k|hong|hem|hok|chua)\s*$`);
/** An English question by its opening word (read only in English: folded, "đo" is "do"). */
const ENGLISH_QUESTION_OPENS = /^\s*(how|what|where|when|which|why|can|could|do|does|is|are|will)\b/;
/** A call back asked for ("mong cán bộ gọi lại", "liên hệ lại giúp"), accents folded. */
const CALL_BACK = /\b(goi (dien )?lai|lien he lai|lien lac lai|call (me )?back)\b/;
/** What a message is besides a detail of the case, whatever it tells. */
const NOT_A_DETAIL: ReadonlySet<string> = new Set(['thanks', 'greeting', 'language', 'feedback', 'help', 'contacts', 'dossier_status', 'follow_dossier', 'unfollow_dossier']);

/**
 * Right after a complaint, more of the case told without a question: who the citizen is and a call back wished ("em
 * tên …, mong cán bộ gọi lại"), or what happened ("đo hôm 12/11, tổ đo đạc không cho ký biên bản"), whatever else the
 * words read as. It is added to the complaint. A dossier's code sent then is looked up, as anywhere.
 */
function complaintDetail(turn: Turn, s: Session): Turn | null {
  const u = turn.input.understanding;
  // A dossier's code sent then is looked up, as anywhere.
  if (s.lastTopic !== 'complaint' || u.dossierCode) return null;
  const folded = foldDiacritics(turn.input.text.toLowerCase()).replace(/[^a-z0-9?]+/g, ' ').trim();
  const asks = ASKS_AT_ALL.test(folded) || (u.language === 'en' && ENGLISH_QUESTION_OPENS.test(folded));
  if (NOT_A_DETAIL.has(u.intent) || asks || !isSubstantive(turn.input.text)) return null;
  const callBack = u.intent === 'handoff' && CALL_BACK.test(folded);
  const story = u.intent !== 'handoff' && folded.split(' ').length >= MIN_STORY_WORDS && !WANTS.test(folded);
  if (!callBack && !story) return null;
  turn.note({ intent: 'complaint', decision: 'answer', procedureId: null, aspect: null });
  return turn.act({ type: 'file_complaint', text: turn.input.text, append: Boolean(s.complaintRef) });
}

/** On the message folded (lower case, no accents). */
function tellsWithoutAsking(folded: string): boolean {
  return folded.split(/\s+/).filter(Boolean).length >= MIN_STORY_WORDS && !WANTS.test(folded) && !asksSomething(folded);
}

/** On the message folded (lower case, no accents). */
function asksSomething(folded: string): boolean {
  return CONTACT_QUESTION.test(folded);
}

/**
 * A procedure asked outright while a complaint's content is awaited ("làm công nhận hộ nghèo thì cần giấy gì"):
 * understood confidently on its own words, with a question word. It is answered; the complaint is left unfiled.
 */
function asksProcedureOutright(u: TurnUnderstanding, text: string): boolean {
  return u.intent === 'procedure' && u.decision === 'answer' && !u.followUp && !u.narrow && ASKS_ABOUT_PROCEDURE.test(` ${foldDiacritics(text.toLowerCase())} `);
}

/** A contact question asked outright: understood as one, with a question word or mark. */
function asksForContact(u: TurnUnderstanding, text: string): boolean {
  return u.intent === 'contacts' && u.decision === 'answer' && asksSomething(foldDiacritics(text.toLowerCase()));
}

/** A curated or catalogue procedure by id (ids of both tiers share one space). */
function findProcedure(kb: KnowledgeBase, id: string | null | undefined): KnownProcedure | undefined {
  return findKnownProcedure(kb, id);
}

/**
 * The pure dialogue step: button payloads first (a tap is exact), then what the matcher understood.
 * Nothing here waits on the network; lookups and hand-offs are actions the bot carries out.
 */
export function decide(input: DecideInput): Decision {
  const { understanding: u, session: previous } = input;
  const tapped = parsePayload(input.text);
  const session: Session = { ...previous, updatedAt: input.now };
  // Reply in the language of each message; a message that shows none (a number, a code) and a tap keep the
  // conversation's language, which is where the language button's choice lives.
  if (!tapped && u.languageDetected !== false) session.language = u.language;
  const turn = new Turn(input, session);
  // Asked for the content of a complaint: whatever the citizen types next is that content, unless it asks for a
  // contact ("đường dây nóng tiếp nhận phản ánh của tỉnh là số nào"): that is answered, the complaint left unfiled.
  // A bare thanks ("cảm ơn", "ok cảm ơn nha") closes the talk: it is no content to file.
  if (!tapped && (session.awaiting === 'complaint_content' || session.awaiting === 'complaint_more')) {
    const thanksOnly = u.intent === 'thanks' && !isSubstantive(input.text);
    if (!thanksOnly && !asksForContact(u, input.text) && !asksProcedureOutright(u, input.text)) return complaintContent(turn).done();
    const { awaiting: _a, ...rest } = turn.session;
    turn.session = rest;
  }
  if (tapped) return onPayload(turn, tapped).done();
  return onUnderstanding(turn).done();
}

function answer(turn: Turn, procedure: KnownProcedure, aspect: Aspect, full = false): Turn {
  const { pendingClarification: _clarified, awaiting: _awaiting, ...rest } = turn.session;
  const asked = parsePayload(turn.input.text) || full ? rest.lastQuestion : turn.input.text;
  const recentProcedureIds = [procedure.id, ...(rest.recentProcedureIds ?? []).filter((id) => id !== procedure.id)].slice(0, RECENT_PROCEDURES);
  turn.session = { ...rest, lastProcedureId: procedure.id, lastAspect: aspect, lastQuestion: asked, recentProcedureIds };
  return turn
    .reply(answerProcedure(procedure, aspect, turn.lang, turn.t, full ? MAX_TEXT : undefined))
    .note({ procedureId: procedure.id, intent: 'procedure', aspect, decision: 'answer' });
}

function fallback(turn: Turn, candidates: string[], nationalCode?: string): Turn {
  turn.act({ type: 'record_unanswered', text: turn.input.text, decision: 'fallback', candidates });
  // A national code we do not hold is said back, so the citizen can check it rather than rephrase.
  const reply = nationalCode ? renderUnknownNationalCode(nationalCode, turn.lang, turn.t) : renderFallback(turn.lang, turn.t);
  return turn.reply(reply).note({ decision: 'fallback', procedureId: null, aspect: null });
}

function clarify(turn: Turn, candidates: KnownProcedure[], aspect: Aspect | null): Turn {
  // Only what the citizen sees can be picked by its number.
  const ids = candidates.slice(0, MAX_CLARIFY_OPTIONS).map((p) => p.id);
  turn.session = { ...turn.session, pendingClarification: { candidates: ids, aspect, text: turn.input.text } };
  turn.act({ type: 'record_unanswered', text: turn.input.text, decision: 'clarify', candidates: ids });
  return turn.reply(renderClarify(candidates.map((k) => k.curated ?? k), aspect, turn.lang, turn.t)).note({ decision: 'clarify', procedureId: null, aspect });
}

function switchLanguage(turn: Turn, lang: Language): Turn {
  turn.session = { ...turn.session, language: lang, languageChosen: true };
  return turn.reply(renderLanguageSwitched(lang, turn.t)).note({ intent: 'language', decision: 'answer' });
}

function handoff(turn: Turn): Turn {
  return turn.act({ type: 'handoff' }).reply(renderHandoffAck(turn.lang, turn.t)).note({ intent: 'handoff', decision: 'answer' });
}

/** A dossier is a topic of its own: a later "bao giờ xong" is about the dossier, not the last procedure. */
function leaveProcedure(turn: Turn): void {
  const { lastProcedureId: _p, lastAspect: _a, ...rest } = turn.session;
  turn.session = rest;
}

function askDossierCode(turn: Turn): Turn {
  leaveProcedure(turn);
  turn.session = { ...turn.session, awaiting: 'dossier_code' };
  return turn.reply(renderAskDossierCode(turn.lang, turn.t)).note({ intent: 'dossier_status', decision: 'answer' });
}

/** The reply to a lookup is rendered by the dossier module from the facts it fetches. */
function lookup(turn: Turn, code: string, proof?: string): Turn {
  leaveProcedure(turn);
  if (isBhxhFileNumber(code)) return turn.reply(renderSocialInsuranceNumber(code, turn.t)).note({ intent: 'dossier_status', decision: 'answer', procedureId: null, aspect: null });
  const { awaiting: _a, pendingDossierCode: _c, ...rest } = turn.session;
  turn.session = { ...rest, lastDossierCode: code };
  turn.act(proof ? { type: 'lookup_dossier', code, proof } : { type: 'lookup_dossier', code });
  return turn.note({ intent: 'dossier_status', decision: 'answer', procedureId: null, aspect: null });
}

/** Generic words only: ask what is needed, keeping the aspect asked for the procedure named next. */
function askNeed(turn: Turn, aspect: Aspect | null): Turn {
  leaveProcedure(turn);
  turn.session = { ...turn.session, awaiting: 'need', ...(aspect ? { lastAspect: aspect } : {}) };
  return turn.reply(renderAskNeed(turn.input.kb, aspect, turn.lang, turn.t)).note({ intent: 'ask_need', decision: 'answer', procedureId: null, aspect });
}

function startComplaint(turn: Turn, text: string | null): Turn {
  turn.note({ intent: 'complaint', decision: 'answer', procedureId: null, aspect: null });
  if (text && isSubstantive(text)) return turn.act({ type: 'file_complaint', text, append: false });
  turn.session = { ...turn.session, awaiting: 'complaint_content' };
  return turn.reply(renderAskComplaint(turn.lang, turn.t));
}

function complaintContent(turn: Turn): Turn {
  const { awaiting, ...rest } = turn.session;
  turn.session = rest;
  turn.note({ intent: 'complaint', decision: 'answer', procedureId: null, aspect: null });
  if (isCancel(turn.input.text)) return turn.reply(renderComplaintCancelled(turn.lang, turn.t));
  return turn.act({ type: 'file_complaint', text: turn.input.text, append: awaiting === 'complaint_more' && Boolean(rest.complaintRef) });
}

function contacts(turn: Turn, facet: ContactFacet, text: string): Turn {
  return turn.reply(renderContactAnswer(turn.input.kb.contacts ?? [], facet, text, turn.lang, turn.t)).note({ intent: 'contacts', decision: 'answer', procedureId: null, aspect: null });
}

function menu(turn: Turn, kind: MenuKind): Turn {
  const t = turn.t;
  switch (kind) {
    case 'help':
      return turn.reply(renderHelpMenu(turn.lang, t)).note({ intent: 'help', decision: 'answer' });
    case 'greeting':
      return turn.reply(renderGreeting(turn.lang, t)).note({ intent: 'greeting', decision: 'answer' });
    case 'handoff':
      return handoff(turn);
    case 'dossier_status':
      return dossierAskedAgain(turn);
    case 'procedures':
      return turn.reply(renderProcedurePrompt(turn.input.kb, turn.lang, t)).note({ intent: 'help', decision: 'answer' });
    case 'contacts':
      return contacts(turn, 'general', '');
    case 'complaint':
      return startComplaint(turn, null);
  }
}

function onPayload(turn: Turn, p: Payload): Turn {
  turn.note({ procedureId: null, aspect: null, decision: 'answer' });
  // Any tap ends a pending clarification: a later bare "2" must not pick from a stale list.
  const { pendingClarification: _p, ...rest } = turn.session;
  if (rest.awaiting === 'complaint_content' || rest.awaiting === 'complaint_more') delete rest.awaiting;
  turn.session = rest;
  // A tap also ends a wait for a satisfaction comment: the next typed message is not taken as one.
  if (rest.awaiting === 'satisfaction_comment') {
    const { awaiting: _a, pendingSatisfactionCode: _c, ...others } = rest;
    turn.session = others;
  }
  switch (p.kind) {
    case 'procedure': {
      const procedure = findProcedure(turn.input.kb, p.procedureId);
      if (!procedure) return turn.reply(renderProcedureGone(turn.lang, turn.t)).note({ intent: 'procedure', decision: 'fallback' });
      return answer(turn, procedure, p.aspect);
    }
    case 'intent':
      return menu(turn, p.intent);
    case 'language':
      return switchLanguage(turn, p.language);
    case 'feedback':
      return turn
        .act({ type: 'feedback', procedureId: p.procedureId, helpful: p.helpful, text: turn.session.lastQuestion })
        .reply(renderFeedbackThanks(p.helpful, turn.lang, turn.t))
        .note({ intent: 'feedback', procedureId: p.procedureId });
    case 'satisfaction':
      // The notify module checks the question was asked and writes the reply.
      return turn.act({ type: 'satisfaction', code: p.code, answer: p.answer }).note({ intent: 'satisfaction' });
    case 'dossier':
      if (p.verb === 'lookup') return lookup(turn, p.code!);
      if (p.verb === 'follow') return turn.act({ type: 'follow_dossier', code: p.code! }).note({ intent: 'follow_dossier' });
      return turn.act({ type: 'unfollow_dossier', code: p.code }).note({ intent: 'unfollow_dossier' });
    case 'complaint':
      if (!turn.session.complaintRef) return startComplaint(turn, null);
      turn.session = { ...turn.session, awaiting: 'complaint_more' };
      return turn.reply(renderAskMore(turn.session.complaintRef!, turn.lang, turn.t)).note({ intent: 'complaint' });
  }
}

/** A pick ("2", "cái thứ hai") after a clarifying question: that candidate, in the order shown. */
function pickedCandidate(turn: Turn, choice: Choice): { procedure: KnownProcedure; aspect: Aspect } | null {
  const pending = turn.session.pendingClarification;
  if (!pending) return null;
  const index = choiceIndex(choice, pending.candidates.length);
  const procedure = findProcedure(turn.input.kb, pending.candidates[index]);
  return procedure ? { procedure, aspect: pending.aspect ?? 'overview' } : null;
}

/** A bare number or letter picks from the pending list, or means nothing: it is never read as a question. */
function onChoice(turn: Turn, choice: Choice): Turn {
  const picked = pickedCandidate(turn, choice);
  if (picked) return answer(turn, picked.procedure, picked.aspect);
  const pending = turn.session.pendingClarification;
  if (pending) {
    const candidates = pending.candidates.map((id) => findProcedure(turn.input.kb, id)).filter((p): p is KnownProcedure => p !== undefined);
    if (candidates.length > 0) return clarify(turn, candidates, pending.aspect);
  }
  turn.act({ type: 'record_unanswered', text: turn.input.text, decision: 'fallback', candidates: [] });
  return turn.reply(renderNothingToChoose(turn.lang, turn.t)).note({ intent: 'fallback', decision: 'fallback', procedureId: null, aspect: null });
}

function onUnderstanding(turn: Turn): Turn {
  const u = turn.input.understanding;
  const s = turn.session;

  // The optional comment after a satisfaction rating: the message right after it, whatever it says.
  if (s.awaiting === 'satisfaction_comment' && s.pendingSatisfactionCode) {
    const code = s.pendingSatisfactionCode;
    const { awaiting: _a, pendingSatisfactionCode: _c, ...rest } = turn.session;
    turn.session = rest;
    return turn.act({ type: 'satisfaction_comment', code, text: turn.input.text }).note({ intent: 'satisfaction', decision: 'answer', procedureId: null, aspect: null });
  }

  const waitingOnDossier = s.awaiting === 'dossier_code' || s.awaiting === 'dossier_proof';
  if (u.choice !== undefined && u.choice !== null && !waitingOnDossier) return onChoice(turn, u.choice);

  // A second factor the dossier module asked for (owner's ID number or phone).
  // Accepted: the last 4 digits, or a whole ID number (9 or 12 digits) or phone number (10-11 digits).
  const proof = s.awaiting === 'dossier_proof' ? ownerProofIn(turn.input.text) : null;
  if (s.awaiting === 'dossier_proof' && s.pendingDossierCode && proof && !u.dossierCode) return lookup(turn, s.pendingDossierCode, proof);

  const detail = complaintDetail(turn, s);
  if (detail) return detail;

  if (u.dossierCode && u.intent !== 'follow_dossier' && u.intent !== 'unfollow_dossier' && u.intent !== 'complaint') {
    // A code is unambiguous: whether asked for, typed with "tra cứu", or pasted alone.
    if (s.awaiting === 'dossier_code' || u.intent === 'dossier_status' || u.intent !== 'procedure' || u.decision !== 'answer') {
      return lookup(turn, u.dossierCode);
    }
  }
  if (s.awaiting === 'dossier_code' && u.decision === 'fallback') {
    return turn.reply(renderDossierCodeInvalid(turn.lang, turn.t)).note({ intent: 'dossier_status', decision: 'fallback' });
  }

  // Any other message moves on from what was asked.
  const { awaiting: _a, pendingDossierCode: _c, pendingClarification: _p, ...rest } = turn.session;
  turn.session = rest;

  const continued = continuesTopic(turn, s);
  if (continued) return continued;
  if (u.intent === 'procedure') return onProcedure(turn, s);
  if (u.decision === 'fallback' || u.intent === 'fallback') {
    return fallback(
      turn,
      u.alternatives.map((a) => a.procedureId),
      u.entities.nationalCode,
    );
  }
  const t = turn.t;
  switch (u.intent) {
    case 'greeting':
      return turn.reply(renderGreeting(turn.lang, t));
    case 'thanks':
      return turn.reply(renderThanks(turn.lang, t));
    case 'help':
      return turn.reply(renderHelpMenu(turn.lang, t));
    case 'handoff':
      return handoff(turn);
    case 'language': {
      const target = u.intentId === 'language.en' ? 'en' : u.intentId === 'language.vi' ? 'vi' : u.language;
      return switchLanguage(turn, target);
    }
    case 'dossier_status':
      return dossierAskedAgain(turn);
    case 'follow_dossier': {
      // "Có gì báo tui nha" right after a look-up follows the dossier just looked up.
      const code = u.dossierCode ?? turn.session.lastDossierCode;
      if (code) return turn.act({ type: 'follow_dossier', code });
      return turn.reply(renderAskFollowCode(turn.lang, t));
    }
    case 'unfollow_dossier':
      return turn.act({ type: 'unfollow_dossier', code: u.dossierCode });
    case 'feedback':
      return turn.reply(renderFeedbackReceived(turn.lang, t));
    case 'out_of_scope':
      leaveProcedure(turn);
      return turn.reply(renderOutOfScope(u.intentId, turn.lang, t));
    case 'ask_need':
      return askNeed(turn, u.aspect);
    case 'complaint':
      leaveProcedure(turn);
      // The procedure the complaint names is what a later aspect question asks about ("bình thường mất bao lâu").
      if (u.aboutProcedureId && findProcedure(turn.input.kb, u.aboutProcedureId)) turn.session = { ...turn.session, lastProcedureId: u.aboutProcedureId };
      return startComplaint(turn, turn.input.text);
    case 'contacts':
      leaveProcedure(turn);
      return contacts(turn, facetOfIntent(u.intentId), turn.input.text);
    case 'more_detail': {
      // The whole of the last answer, in one message up to Zalo's limit; with no answer before it, ask the need.
      const last = findProcedure(turn.input.kb, s.lastProcedureId);
      if (last) return answer(turn, last, s.lastAspect ?? 'overview', true);
      return askNeed(turn, null);
    }
    default:
      return fallback(turn, []);
  }
}

function onProcedure(turn: Turn, before: Session): Turn {
  const u = turn.input.understanding;
  const kb = turn.input.kb;
  // A follow-up ("lệ phí bao nhiêu?") applies to the procedure of the last answer.
  const id = u.procedureId ?? (u.followUp ? before.lastProcedureId : undefined);
  // One of the buttons picked by name with no aspect of its own ("cái cho trẻ dưới 6 tuổi") answers what the
  // clarifying question was asked for, as a pick by number does.
  const pending = before.pendingClarification;
  const pickedByName = u.decision === 'answer' && id !== undefined && pending?.candidates.includes(id) === true && (u.aspect ?? 'overview') === 'overview';
  const aspect: Aspect = (pickedByName ? pending?.aspect : null) ?? u.aspect ?? 'overview';
  if (u.decision === 'answer') {
    const procedure = findProcedure(kb, id);
    if (procedure) return answer(turn, procedure, aspect);
    return fallback(turn, u.alternatives.map((a) => a.procedureId));
  }
  if (u.decision === 'clarify') {
    const ids = [...new Set([...(u.procedureId ? [u.procedureId] : []), ...u.alternatives.map((a) => a.procedureId)])];
    const candidates = ids.map((i) => findProcedure(kb, i)).filter((p): p is KnownProcedure => p !== undefined);
    // The same buttons offered again for a message with no aspect of its own keep the aspect they were asked for.
    const again = pending !== undefined && ids.every((i) => pending.candidates.includes(i));
    if (candidates.length > 0) return clarify(turn, candidates, u.aspect ?? (again ? pending.aspect : null));
  }
  return fallback(turn, u.alternatives.map((a) => a.procedureId));
}

/** The owner's second factor in a reply: a lone run of 4, 9, 10, 11 or 12 digits (spaces and dots ignored). */
export function ownerProofIn(text: string): string | null {
  const compact = text.replace(/(?<=\d)[\s.]+(?=\d)/g, '');
  const runs = compact.match(/(?<!\d)\d+(?!\d)/g) ?? [];
  const hit = runs.find((r) => r.length === 4 || (r.length >= 9 && r.length <= 12));
  return hit ?? null;
}
