import type { Aspect, KnowledgeBase } from '../knowledge/schema.js';
import { knownProcedures } from '../knowledge/known-procedures.js';
import { foldedSyllables } from './normalise.js';
import { carriedOrPending } from './stated-case.js';
import { paperAsked } from './paper-asked.js';
import { NOT_THE_NEED, jointOfPartsSaid, jointParts, partOfJointSaid, siblingNames, siblingsBothSaid, type JointPart } from './procedure-kin.js';
import { nextAfterDone } from './next-after-done.js';
import { resultOfDone } from './result-of-done.js';
import { temporaryResidence, validityAsked } from './validity-asked.js';
import type { Matcher, UnderstandContext, Understanding } from './types.js';

/**
 * A clarification settled by a name said in full: the leading button is a curated procedure whose own name, short
 * name or keyword the message says word for word ("sao y bằng tốt nghiệp" is a keyword of the certified copy; the
 * copy from the school's register holds "bằng tốt nghiệp" but not "sao y"), and nothing of the other buttons' own is
 * said. The citizen named it; asking which would make them say it again. The answer is listed for review (narrow).
 */

/** A phrase shorter than this says too little to name a procedure ("sổ", "căn cước" alone names a family). */
const MIN_SYLLABLES = 3;
/** Below this confidence, catalogue records offered were only brushed by the message's words. */
const BRUSHED = 0.25;
/** Only the first buttons are weighed: a name said of a far third is no sign the leaders were wrong. */
const WEIGHED_BUTTONS = 3;
/**
 * Words citizens say of many needs ("làm lại giấy khai sinh" may mean a copy, a re-registration or a correction): a
 * name holding one tells nothing apart.
 */
const SAID_OF_MANY: ReadonlySet<string> = new Set(['lai']);

export type Phrases = ReadonlyMap<string, readonly string[]>;

/** A text's syllables with accents folded; the matcher passes its own, abbreviations expanded ("bhyt", "cccd"). */
export type Words = (text: string) => readonly string[];

const foldedWords: Words = foldedSyllables;

/** Per curated procedure: its names and keywords, folded, of at least MIN_SYLLABLES syllables. */
export function namePhrases(kb: KnowledgeBase, words: Words = foldedWords): Phrases {
  const out = new Map<string, readonly string[]>();
  for (const p of kb.procedures) {
    const texts = [p.name.vi, p.shortName?.vi, p.name.en, p.shortName?.en, ...p.keywords].filter((t): t is string => typeof t === 'string');
    const phrases = [...new Set(texts.map((t) => words(t).join(' ')))].filter((t) => {
      const words = t.split(' ');
      return words.length >= MIN_SYLLABLES && !words.some((w) => SAID_OF_MANY.has(w));
    });
    out.set(p.id, phrases);
  }
  return out;
}

/**
 * Whether one of the procedure's phrases is said word for word in the message (spaced, folded) that no other offered
 * procedure's phrases hold ("hộ kinh doanh" is said of every household-business procedure: it tells none apart).
 */
function ownNameSaid(phrases: readonly string[], others: readonly string[], spaced: string): boolean {
  return phrases.some((phrase) => spaced.includes(` ${phrase} `) && !others.some((o) => ` ${o} `.includes(` ${phrase} `)));
}

/**
 * The leading button of a clarification, when it alone among the first buttons is named by words of its own; or null.
 * A catalogue record among them is weighed by its full name (`recordNames`), and never leads: it has no keywords.
 */
export function namedLeader(u: Understanding, phrases: Phrases, words: Words = foldedWords, recordNames?: Phrases): string | null {
  const read = buttonsSaid(u, phrases, words, recordNames);
  return read && read.said[0] && !read.said.slice(1).some(Boolean) && phrases.has(read.weighed[0]!) ? read.weighed[0]! : null;
}

/**
 * Per catalogue record: every run of MIN_SYLLABLES words of its name, folded. Its official name is seldom said whole;
 * a run of it said ("trợ giúp pháp lý", "khai thuế tncn") is the record named as much as a keyword names a curated one.
 */
export function recordNamePhrases(kb: KnowledgeBase): Phrases {
  const out = new Map<string, readonly string[]>();
  for (const p of knownProcedures(kb).list) {
    if (p.curated) continue;
    const words = foldedWords(p.name.vi);
    const runs = new Set<string>();
    for (let i = 0; i + MIN_SYLLABLES <= words.length; i++) runs.add(words.slice(i, i + MIN_SYLLABLES).join(' '));
    out.set(p.id, [...runs]);
  }
  return out;
}

/**
 * The first buttons of a clarification and, for each, whether a phrase of its own is said; null when the message is
 * no clarification or one of its first two buttons has no phrases here (a catalogue record: what it names cannot be
 * compared).
 */
function buttonsSaid(u: Understanding, phrases: Phrases, words: Words, recordNames?: Phrases): { weighed: string[]; said: boolean[]; typed: readonly string[]; spaced: string } | null {
  if (u.intent !== 'procedure' || u.decision !== 'clarify') return null;
  const typed = words(u.text);
  // A catalogue record as a far third is left out of the weighing: a weaker candidate is no sign the leaders were
  // wrong. One among the first two is weighed by its full name when given, else makes the names no evidence.
  // Something done again ("làm lại", "cấp lại") may be a re-issue only a record holds: its name is then no evidence.
  const records = recordNames && !typed.includes('lai') ? recordNames : undefined;
  const of = (id: string): readonly string[] | undefined => phrases.get(id) ?? records?.get(id);
  const weighed = u.alternatives
    .slice(0, WEIGHED_BUTTONS)
    .map((a) => a.procedureId)
    .filter((id, i) => i < 2 || phrases.has(id));
  if (weighed.length < 2 || !weighed.every((id) => of(id) !== undefined)) return null;
  const spaced = ` ${typed.join(' ')} `;
  const said = weighed.map((id) => ownNameSaid(of(id)!, weighed.filter((o) => o !== id).flatMap((o) => of(o)!), spaced));
  return { weighed, said, typed, spaced };
}

/**
 * Words of a name that say for whom or what kind of act, not what: "cấp thẻ căn cước cho người dưới 6 tuổi" is
 * told from a health-insurance card for a child under six by "căn cước" alone.
 */
const NOT_CORE: ReadonlySet<string> = new Set(['cap', 'lam', 'dang', 'ky', 'the', 'giay', 'cho', 'nguoi', 'tre', 'em', 'con', 'be', 'duoi', 'tren', 'tuoi', 'thu', 'tuc', 'va', 'hoac', 'cua', 'lai', 'moi', 'nam']);

/** Per curated procedure: the core words of its names (see NOT_CORE), folded. */
export function coreWords(kb: KnowledgeBase): ReadonlyMap<string, ReadonlySet<string>> {
  const out = new Map<string, ReadonlySet<string>>();
  for (const p of kb.procedures) {
    const names = [p.name.vi, p.shortName?.vi].filter((t): t is string => typeof t === 'string');
    out.set(p.id, new Set(names.flatMap((t) => foldedWords(t)).filter((w) => !NOT_CORE.has(w) && !/^\d+$/.test(w))));
  }
  return out;
}

/**
 * A button other than the leader named word for word by a phrase of its own, when no other button's core name word
 * is said besides ("thẻ bảo hiểm y tế cho con dưới 6 tuổi" offers the child's ID card first for "dưới 6 tuổi", yet
 * says nothing of "căn cước"): the citizen named it. Null otherwise.
 */
export function namedButton(u: Understanding, phrases: Phrases, cores: ReadonlyMap<string, ReadonlySet<string>>, wordsOf: Words = foldedWords): string | null {
  const read = buttonsSaid(u, phrases, wordsOf);
  if (!read || !read.weighed.every((id) => cores.has(id))) return null;
  const { weighed, said, typed: words, spaced } = read;
  if (said.filter(Boolean).length !== 1 || said[0]) return null;
  const named = weighed[said.indexOf(true)]!;
  const phrase = longestSaid(phrases.get(named)!, spaced)!.split(' ');
  const { outside: around } = aroundPhrase(words, phrase);
  // Whom the paper is for ("người khuyết tật nặng", "cho người có công") is the case, not another need.
  const outside = withoutPersonTold(around);
  // A core word both names hold ("bản" of "một bản" in both copies' names) tells neither apart.
  const own = cores.get(named)!;
  const othersSaid = weighed.some((id) => id !== named && outside.some((w) => cores.get(id)!.has(w) && !own.has(w)));
  return othersSaid ? null : named;
}

/** A person told by a standing the state recognises ("người khuyết tật nặng", "người có công"), folded. */
const PERSON_TOLD = / nguoi (?:khuyet tat(?: nang| dac biet nang)?|co cong(?: voi cach mang)?) /g;

/** The words without the people told by their standing. */
function withoutPersonTold(words: readonly string[]): string[] {
  const spaced = ` ${words.join(' ')} `;
  const kept = spaced.replace(PERSON_TOLD, ' ');
  return kept === spaced ? [...words] : kept.trim().split(' ').filter((w) => w !== '');
}

/** The longest of the phrases said in the spaced text: the words around a shorter one may be the rest of the name. */
function longestSaid(list: readonly string[], spaced: string): string | undefined {
  let best: string | undefined;
  for (const p of list) if (spaced.includes(` ${p} `) && (best === undefined || p.length > best.length)) best = p;
  return best;
}

/** Around the first place `phrase` is said in `words` (it is said): the word before it, and every word outside it. */
function aroundPhrase(words: readonly string[], phrase: readonly string[]): { before: string | undefined; outside: string[] } {
  const start = words.findIndex((_, i) => phrase.every((w, k) => words[i + k] === w));
  return { before: start > 0 ? words[start - 1] : undefined, outside: words.filter((_, i) => i < start || i >= start + phrase.length) };
}

/**
 * The one curated procedure a phrase of which is said word for word (folded), not as had or not had ("hồi đó có giấy
 * chứng tử"), or null when none or several are.
 */
function onlyCuratedNamed(text: string, phrases: Phrases, wanted = false): string | null {
  const typed = foldedWords(text);
  const spaced = ` ${typed.join(' ')} `;
  let named: string | null = null;
  for (const [id, list] of phrases) {
    const hit = longestSaid(list, spaced);
    if (hit === undefined) continue;
    const words = hit.split(' ');
    const { before } = aroundPhrase(typed, words);
    if (before !== undefined && NOT_THE_NEED.has(before)) continue;
    // Wanted, when asked for: the filing said ("làm hộ chiếu", "đăng ký kết hôn") or wished for ("muốn … sổ hộ khẩu").
    if (wanted && !DOING.has(words[0]!) && !(before !== undefined && WANTING.has(before))) continue;
    if (named !== null) return null;
    named = id;
  }
  return named;
}

/** Verbs that open a filing's name ("làm hộ chiếu", "đăng ký …", "xin cấp …"), folded. */
const DOING: ReadonlySet<string> = new Set(['lam', 'dang', 'xin', 'cap', 'nop', 'nhan', 'chung', 'doi', 'gia', 'xoa', 'tach', 'chuyen', 'sang']);
/** Words of wanting just before a need's name ("muốn", "cần", "xin"), folded. */
const WANTING: ReadonlySet<string> = new Set(['muon', 'can', 'xin', 'lam', 'di']);

/** A word before a paper that brings it to a filing (folded). */
const BRINGS: ReadonlySet<string> = new Set(['theo', 'mang', 'nop', 'kem', 'cam']);

/**
 * Another curated procedure named word for word by a phrase of its own, when the procedures the message was read as
 * (the answer, or a clarification's buttons) have none of their own phrases or core name words said outside it ("xin
 * giấy xác nhận độc thân cho bố tôi, ông muốn cưới bà khác": the paper asked for is named, the wedding is only why).
 * Null otherwise.
 */
export function namedInstead(read: readonly string[], text: string, phrases: Phrases, cores: ReadonlyMap<string, ReadonlySet<string>>, words: Words = foldedWords, partsOfJoint = false): string | null {
  const own = read.filter((id) => phrases.has(id) && cores.has(id));
  if (own.length === 0) return null;
  const typed = words(text);
  const spaced = ` ${typed.join(' ')} `;
  const theirs = own.flatMap((id) => phrases.get(id)!);
  if (theirs.some((p) => spaced.includes(` ${p} `))) return null;
  const hits: { id: string; phrase: string[] }[] = [];
  for (const [id, list] of phrases) {
    if (read.includes(id)) continue;
    const hit = longestSaid(list.filter((p) => !theirs.some((o) => ` ${o} `.includes(` ${p} `))), spaced);
    if (hit) hits.push({ id, phrase: hit.split(' ') });
  }
  if (hits.length !== 1) return null;
  const { id: named, phrase } = hits[0]!;
  // What was read is a variant of the one named ("khai sinh" said, a birth with a foreign parent told): it stands.
  const namedCore = [...(cores.get(named) ?? [])];
  // A part of a joint filing named is no variant of it: the part is asked alone.
  if (!partsOfJoint && own.some((id) => namedCore.every((w) => cores.get(id)!.has(w)))) return null;
  const { before, outside } = aroundPhrase(typed, phrase);
  // Named as not done or already done ("chưa đăng ký kết hôn", "đã có giấy xác nhận độc thân"): the case, not the need.
  if (before !== undefined && NOT_THE_NEED.has(before)) return null;
  // A part's paper brought to the joint filing ("có phải mang theo giấy báo tử không") is no part asked alone.
  if (partsOfJoint && (phrase[0] === 'giay' || (before !== undefined && BRINGS.has(before)))) return null;
  // Of a joint filing, only its words beyond the part named speak for it.
  const speaksFor = (id: string, w: string) => cores.get(id)!.has(w) && !(partsOfJoint && namedCore.includes(w));
  return outside.some((w) => own.some((id) => speaksFor(id, w))) ? null : named;
}

/** The buttons of a clarification named only as what the citizen already has ("đã có giấy xác nhận khuyết tật rồi"). */
export function doneButtons(u: Understanding, phrases: Phrases): string[] {
  const typed = foldedWords(u.text);
  const out: string[] = [];
  for (const a of u.alternatives) {
    const list = phrases.get(a.procedureId);
    if (!list) continue;
    let doneSaid = false;
    let otherwise = false;
    for (const p of list) {
      const words = p.split(' ');
      for (let i = 0; i + words.length <= typed.length; i++) {
        if (!words.every((w, k) => typed[i + k] === w)) continue;
        if (i > 0 && (typed[i - 1] === 'da' || (typed[i - 1] === 'co' && typed[i - 2] === 'da'))) doneSaid = true;
        else otherwise = true;
      }
    }
    if (doneSaid && !otherwise) out.push(a.procedureId);
  }
  return out;
}

export function withNamesSaid(
  matcher: Matcher,
  kb: KnowledgeBase,
  expanded?: Words,
  aspectOf?: (text: string) => Aspect | null,
  joints: ReadonlyMap<string, JointPart[]> = jointParts(kb, expanded ?? foldedWords),
): Matcher {
  const phrases = namePhrases(kb);
  // Abbreviations expanded ("thẻ bhyt", "gplx") only when the words as typed name no leader: an expansion may make a
  // second button's keyword said too ("gpkd hộ cá thể").
  const expandedPhrases = expanded ? namePhrases(kb, expanded) : null;
  const cores = coreWords(kb);
  const recordNames = recordNamePhrases(kb);
  const nationalCodes = new Map(kb.procedures.map((p) => [p.id, p.nationalCode ?? null]));
  const looseJoints = jointParts(kb, expanded ?? foldedWords, true);
  const siblings = siblingNames(kb);
  const residence = temporaryResidence(kb);
  // Answered with a procedure the names settle, listed for review.
  const answeredWith = (u: Understanding, procedureId: string, alternatives = u.alternatives): Understanding => ({
    ...u,
    decision: 'answer',
    procedureId,
    nationalCode: nationalCodes.get(procedureId) ?? null,
    alternatives,
    narrow: true,
  });
  return {
    understand(text: string, context: UnderstandContext = {}): Understanding {
      const u = matcher.understand(text, context);
      const done = resultOfDone(u, context, phrases, nationalCodes);
      if (done !== null) return done;
      const paper = paperAsked(u, context, nationalCodes);
      if (paper !== null) return paper;
      const next = nextAfterDone(u, expandedPhrases ?? phrases, expanded ?? foldedWords, nationalCodes);
      if (next !== null) return next;
      const validity = validityAsked(u, context, nationalCodes, residence);
      if (validity !== null) return validity;
      // Buttons still open are settled by the pick rules; a carried procedure by the conversation, unless the answer
      // they give leaves its own names unsaid while another curated procedure is named in full ("À mà … nhập hộ khẩu
      // cho vợ thế nào" after the marriage): the one named. So is a part of a joint filing named alone ("nếu xin hỗ
      // trợ mai táng riêng thì hồ sơ gồm gì" after the linked death filing).
      if (carriedOrPending(u, context)) {
        const instead = u.decision === 'answer' && u.intent === 'procedure' && u.procedureId ? namedInstead([u.procedureId], u.text, phrases, cores, foldedWords, joints.has(u.procedureId)) : null;
        return instead === null ? u : answeredWith(u, instead);
      }
      // An aspect asked in the middle of a conversation may name a procedure as part of the case ("làm ở xã nơi
      // đăng ký khai sinh hay xã đang ở" after a correction of civil status): the clarification stands.
      // An aspect only carried over to a sibling named ("còn thường trú thì sao, em lấy chồng ở đây rồi") asks nothing
      // of its own: the names decide.
      if (context.lastProcedureId && u.aspect !== null && u.aspect !== 'overview' && (aspectOf === undefined || aspectOf(u.text) !== null)) return u;
      // An answer whose own names go unsaid while another curated procedure is named in full: the one named.
      const instead = u.decision === 'answer' && u.intent === 'procedure' && u.procedureId ? namedInstead([u.procedureId], u.text, phrases, cores) : null;
      if (instead !== null) return answeredWith(u, instead);
      // Two parts of a joint filing asked together, answered or offered as buttons: the joint filing does both.
      const joint = jointOfPartsSaid(u, looseJoints, expanded ?? foldedWords);
      if (joint !== null) return answeredWith(u, joint, []);
      if (u.decision === 'clarify' && u.intent === 'procedure') {
        // Buttons none of which the message names, while it names another curated procedure in full: the one named.
        const offered = u.alternatives.map((a) => a.procedureId);
        const other = namedInstead(offered, u.text, phrases, cores) ?? (expandedPhrases && expanded ? namedInstead(offered, u.text, expandedPhrases, cores, expanded) : null);
        if (other !== null) return answeredWith(u, other);
        // Only catalogue records offered, brushed by the story ("… để sang Lào thăm lại chiến trường cũ"), while one
        // curated procedure is named word for word ("làm hộ chiếu"): the one named. Records the message speaks of clearly
        // ("giải quyết tranh chấp đất", "đất chưa có sổ" as the case) stand.
        const onlyNamed = u.confidence < BRUSHED && offered.every((id) => !phrases.has(id)) ? onlyCuratedNamed(u.text, phrases) : null;
        if (onlyNamed !== null) return answeredWith(u, onlyNamed);
        // Buttons named only as what the citizen already has leave the need: one curated button left is answered.
        const done = doneButtons(u, phrases);
        const left = u.alternatives.filter((a) => !done.includes(a.procedureId));
        if (done.length > 0 && left.length === 1 && phrases.has(left[0]!.procedureId)) return answeredWith(u, left[0]!.procedureId, []);
      }
      const both = siblingsBothSaid(u, siblings, nationalCodes);
      if (both !== null) return both;
      const part = partOfJointSaid(u, joints, expanded ?? foldedWords);
      if (part !== null) return answeredWith(u, part, u.alternatives.filter((a) => a.procedureId !== part));
      // Nothing sure read while one curated procedure is named word for word in a story that drowns it ("Ông nội tôi muốn
      // làm hộ chiếu để sang Lào thăm lại chiến trường cũ ở Sê Pôn với đồng đội"): the one named.
      if (u.decision === 'fallback' && (context.pendingCandidates?.length ?? 0) === 0) {
        const only = onlyCuratedNamed(u.text, phrases, true);
        if (only !== null) return { ...answeredWith(u, only, []), intent: 'procedure', aspect: u.aspect ?? 'overview' };
      }
      const named =
        namedLeader(u, phrases, foldedWords, recordNames) ??
        (expandedPhrases ? namedLeader(u, expandedPhrases, expanded, recordNames) : null) ??
        namedButton(u, phrases, cores) ??
        (expandedPhrases ? namedButton(u, expandedPhrases, cores, expanded) : null);
      if (named === null) return u;
      return answeredWith(u, named, u.alternatives.filter((a) => a.procedureId !== named));
    },
  };
}
