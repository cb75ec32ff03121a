import type { KnowledgeBase } from '../knowledge/schema.js';
import { foldedSyllables, saidInOrderFrom } from './normalise.js';
import { caseWords } from './stated-case.js';
import type { Understanding } from './types.js';

/**
 * Curated procedures akin to one another by their names: siblings whose names open alike and end in a thing of their
 * own (the two retail licences), and a joint filing with its parts (the linked birth and death filings). What a
 * message names of them tells which the citizen means.
 */

/** A text's syllables with accents folded; the names' readers pass their own (abbreviations expanded). */
type Words = (text: string) => readonly string[];

const foldedWords: Words = foldedSyllables;

/** A word before a name that makes it the case told, not the need asked (folded). */
export const NOT_THE_NEED: ReadonlySet<string> = new Set(['chua', 'khong', 'ko', 'k', 'da', 'co']);

/** Names share at least this many opening words to be siblings ("Cấp Giấy phép bán lẻ …"). */
const SIBLING_PREFIX = 4;

/** Per curated procedure: its siblings, each with the words that tell its name apart (folded). */
export type Siblings = ReadonlyMap<string, { id: string; own: string; theirs: string }[]>;

/**
 * Curated procedures whose names open alike and end in a thing of their own ("Cấp Giấy phép bán lẻ rượu" and "… bán
 * lẻ sản phẩm thuốc lá"): each told by the last words of its own ending (one word of four letters or more, else two).
 */
export function siblingNames(kb: KnowledgeBase): Siblings {
  const names = kb.procedures.map((p) => ({ id: p.id, words: foldedWords(p.name.vi) }));
  const tell = (rest: readonly string[]): string | null => (rest.length === 1 ? (rest[0]!.length >= 4 ? rest[0]! : null) : rest.slice(-2).join(' '));
  const out = new Map<string, { id: string; own: string; theirs: string }[]>();
  for (const a of names) {
    for (const b of names) {
      if (a.id === b.id) continue;
      let k = 0;
      while (k < a.words.length && k < b.words.length && a.words[k] === b.words[k]) k++;
      if (k < SIBLING_PREFIX || k === a.words.length || k === b.words.length) continue;
      const own = tell(a.words.slice(k));
      const theirs = tell(b.words.slice(k));
      if (own && theirs) out.set(a.id, [...(out.get(a.id) ?? []), { id: b.id, own, theirs }]);
    }
  }
  return out;
}

/**
 * An answer whose sibling's own thing is said with its own ("bán rượu bia với thuốc lá"): two licences, so the
 * citizen chooses which to ask first. Null otherwise.
 */
export function siblingsBothSaid(u: Understanding, siblings: Siblings, nationalCodes: ReadonlyMap<string, string | null>): Understanding | null {
  if (u.intent !== 'procedure' || u.decision !== 'answer' || !u.procedureId) return null;
  // Most procedures have no sibling: the message is read only for those that do.
  const kin = siblings.get(u.procedureId);
  if (!kin) return null;
  const words = caseWords(u.text);
  // Said as wanted, not as what the citizen has or lacks ("đang có hộ kinh doanh, muốn lên công ty").
  const said = (tell: string) => {
    const phrase = tell.split(' ');
    const at = words.findIndex((_, i) => phrase.every((w, k) => words[i + k] === w));
    return at >= 0 && !words.slice(Math.max(0, at - 2), at).some((w) => NOT_THE_NEED.has(w));
  };
  const other = kin.find((s) => said(s.own) && said(s.theirs));
  if (!other) return null;
  const offered = [u.procedureId, other.id].map((id) => ({ procedureId: id, nationalCode: nationalCodes.get(id) ?? null, confidence: 0 }));
  return { ...u, decision: 'clarify', alternatives: offered };
}

/** Words a joint filing's name may slip into a part's short name ("hỗ trợ [chi phí] mai táng"). */
const MAX_SLIPPED = 2;

/**
 * Whether a name holds a short name's words in order, a word or two slipped in ("hỗ trợ chi phí mai táng" holds "hỗ trợ
 * mai táng"); both spaced.
 */
function holdsInOrder(name: string, short: string): boolean {
  const words = name.trim().split(' ');
  const wanted = short.split(' ');
  return words.some((_, start) => saidInOrderFrom(words, start, wanted, MAX_SLIPPED));
}

/** A curated procedure a joint filing's name holds, with the phrases that name it (short name and keywords). */
export type JointPart = { id: string; phrases: readonly string[] };

/**
 * Per joint filing (its name says "liên thông"): its parts, the curated procedures whose short name its name holds
 * ("Liên thông đăng ký khai sinh, đăng ký thường trú, cấp thẻ BHYT …" holds "khai sinh", "thường trú", "thẻ BHYT");
 * loose, also with a word or two slipped in ("hỗ trợ chi phí mai táng" holds "hỗ trợ mai táng").
 */
export function jointParts(kb: KnowledgeBase, words: Words, loose = false): ReadonlyMap<string, JointPart[]> {
  const out = new Map<string, JointPart[]>();
  const spacedName = (p: KnowledgeBase['procedures'][number]) => ` ${words(p.name.vi).join(' ')} `;
  for (const joint of kb.procedures) {
    const name = spacedName(joint);
    if (!name.includes(' lien thong ')) continue;
    const parts: JointPart[] = [];
    for (const p of kb.procedures) {
      const short = p.shortName?.vi ? words(p.shortName.vi).join(' ') : '';
      if (p.id === joint.id || short === '' || !(loose ? holdsInOrder(name, short) : name.includes(` ${short} `))) continue;
      const own = [p.shortName?.vi, ...p.keywords].filter((t): t is string => typeof t === 'string').map((t) => words(t).join(' '));
      parts.push({ id: p.id, phrases: [...new Set(own.filter((t) => t.includes(' ')))] });
    }
    if (parts.length >= 2) out.set(joint.id, parts);
  }
  return out;
}

/**
 * A question between a joint filing and one of its parts, when the message names that part and no other ("làm thẻ
 * bhyt cho bé" offers the card and the linked birth filing, yet says nothing of the birth or the residence): the part
 * named; when it names two of its parts, the joint filing. Null otherwise.
 */
export function partOfJointSaid(u: Understanding, joints: ReadonlyMap<string, JointPart[]>, words: Words): string | null {
  if (u.intent !== 'procedure' || u.decision !== 'clarify') return null;
  // One joint filing among the buttons: a part two of them hold ("hộ khẩu" of both linked filings) tells nothing.
  if (u.alternatives.filter((a) => joints.has(a.procedureId)).length !== 1) return null;
  const firstTwo = u.alternatives.slice(0, 2).map((a) => a.procedureId);
  const joint = firstTwo.find((id) => joints.has(id));
  const other = firstTwo.find((id) => id !== joint);
  if (joint === undefined || other === undefined) return null;
  const parts = joints.get(joint)!;
  const part = parts.find((p) => p.id === other);
  if (!part) return null;
  const spaced = ` ${words(u.text).join(' ')} `;
  const said = (p: JointPart) => p.phrases.some((phrase) => spaced.includes(` ${phrase} `));
  const partsSaid = parts.filter(said).length;
  // Two of its parts named ("làm luôn thẻ bhyt với nhập khẩu cho cháu"): the joint filing does both.
  if (partsSaid >= 2) return joint;
  return said(part) && partsSaid === 1 ? part.id : null;
}

/** Where a request opens ("muốn", "cần", "xin", "cho hỏi"), folded and spaced. */
const REQUEST_OPENS = / (?:muon|can(?! bo )|xin|hoi) /;
/** Two needs joined ( "và", "với", "luôn", "cùng"), folded and spaced. */
const JOINED = / (?:va|voi|luon|cung|kem) /;

/**
 * An answer with one part of a joint filing, or buttons it leads, while the message asks two of its parts ("làm giấy
 * khai tử cho bà thì cần giấy gì, và có được hỗ trợ tiền mai táng không"): the joint filing, which does both. Null
 * otherwise.
 */
export function jointOfPartsSaid(u: Understanding, joints: ReadonlyMap<string, JointPart[]>, words: Words): string | null {
  if (u.intent !== 'procedure' || (u.decision !== 'answer' && u.decision !== 'clarify') || u.procedureId === null || joints.has(u.procedureId)) return null;
  const holding = [...joints].filter(([, parts]) => parts.some((p) => p.id === u.procedureId));
  if (holding.length !== 1) return null;
  const [joint, parts] = holding[0]!;
  // Both asked, joined ("khai tử … và … tiền mai táng"), after the request opens ("hồ sơ đó là khai sinh, giờ muốn làm
  // thẻ BHYT" asks the card only).
  const spaced = ` ${words(u.text).join(' ')} `;
  const opens = REQUEST_OPENS.exec(spaced);
  const asked = opens ? spaced.slice(opens.index) : spaced;
  const at = parts.map((p) => Math.min(...p.phrases.map((phrase) => asked.indexOf(` ${phrase} `)).filter((i) => i >= 0))).filter(Number.isFinite).sort((a, b) => a - b);
  return at.length >= 2 && JOINED.test(asked.slice(at[0]!, at[1]! + 1)) ? joint : null;
}

/**
 * A part said already had ("đã có giấy khai sinh rồi", "đã làm khai sinh"), read before its phrase; folded, spaced. Not
 * "… rồi" after it: "khai tử rồi còn cắt khẩu" is one step then the next.
 */
const HAD_BEFORE = / da (?:co |lam |dang ky |xin )?(?:\S+ ){0,1}$/;

/**
 * A joint filing answered while one of its parts is said already had and one other part is named ("làm thẻ BHYT cho
 * con 3 tuổi, con đẻ ở nhà nhưng đã có giấy khai sinh rồi"): the part named is what is left to do.
 */
export function partLeftOfJoint(u: Understanding, joints: ReadonlyMap<string, JointPart[]>, words: Words): string | null {
  if (u.intent !== 'procedure' || u.decision !== 'answer' || u.followUp || u.procedureId === null) return null;
  const parts = joints.get(u.procedureId);
  if (!parts) return null;
  const spaced = ` ${words(u.text).join(' ')} `;
  const had = new Set<string>();
  const named = new Set<string>();
  for (const part of parts) {
    for (const phrase of part.phrases) {
      for (let at = spaced.indexOf(` ${phrase} `); at >= 0; at = spaced.indexOf(` ${phrase} `, at + 1)) {
        const done = HAD_BEFORE.test(spaced.slice(0, at + 1));
        (done ? had : named).add(part.id);
      }
    }
  }
  const left = [...named].filter((id) => !had.has(id));
  return had.size > 0 && left.length === 1 ? left[0]! : null;
}
