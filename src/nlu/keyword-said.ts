import type { KnowledgeBase } from '../knowledge/schema.js';
import { normaliseText, syllables } from './normalise.js';
import type { Matcher, UnderstandContext, Understanding } from './types.js';

/**
 * A clarification settled by a name said in full: the leading button is a curated procedure whose own name, short
 * name or keyword the message says word for word ("sao y bằng tốt nghiệp" is a keyword of the certified copy; the
 * copy from the school's register holds "bằng tốt nghiệp" but not "sao y"), and nothing of the other buttons' own is
 * said. The citizen named it; asking which would make them say it again. The answer is listed for review (narrow).
 */

/** A phrase shorter than this says too little to name a procedure ("sổ", "căn cước" alone names a family). */
const MIN_SYLLABLES = 3;
/** Only the first buttons are weighed: a name said of a far third is no sign the leaders were wrong. */
const WEIGHED_BUTTONS = 3;
/**
 * Words citizens say of many needs ("làm lại giấy khai sinh" may mean a copy, a re-registration or a correction): a
 * name holding one tells nothing apart.
 */
const SAID_OF_MANY: ReadonlySet<string> = new Set(['lai']);

type Phrases = ReadonlyMap<string, readonly string[]>;

/** A text's syllables with accents folded; the matcher passes its own, abbreviations expanded ("bhyt", "cccd"). */
export type Words = (text: string) => readonly string[];

const foldedWords: Words = (text) => syllables(normaliseText(text)).folded;

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

/** The leading button of a clarification, when it alone among the first buttons is named by words of its own; or null. */
export function namedLeader(u: Understanding, phrases: Phrases, words: Words = foldedWords): string | null {
  if (u.intent !== 'procedure' || u.decision !== 'clarify') return null;
  const weighed = u.alternatives.slice(0, WEIGHED_BUTTONS).map((a) => a.procedureId);
  // A catalogue record among the buttons has no phrases here: what it names cannot be compared.
  if (weighed.length < 2 || !weighed.every((id) => phrases.has(id))) return null;
  const spaced = ` ${words(u.text).join(' ')} `;
  const said = weighed.map((id) => ownNameSaid(phrases.get(id)!, weighed.filter((o) => o !== id).flatMap((o) => phrases.get(o)!), spaced));
  return said[0] && !said.slice(1).some(Boolean) ? weighed[0]! : null;
}

export function withNamesSaid(matcher: Matcher, kb: KnowledgeBase, expanded?: Words): Matcher {
  const phrases = namePhrases(kb);
  // Abbreviations expanded ("thẻ bhyt", "gplx") only when the words as typed name no leader: an expansion may make a
  // second button's keyword said too ("gpkd hộ cá thể").
  const expandedPhrases = expanded ? namePhrases(kb, expanded) : null;
  return {
    understand(text: string, context: UnderstandContext = {}): Understanding {
      const u = matcher.understand(text, context);
      // Buttons still open are settled by the pick rules; a carried procedure by the conversation.
      if (u.followUp || (context.pendingCandidates?.length ?? 0) > 0) return u;
      // An aspect asked in the middle of a conversation may name a procedure as part of the case ("làm ở xã nơi
      // đăng ký khai sinh hay xã đang ở" after a correction of civil status): the clarification stands.
      if (context.lastProcedureId && u.aspect !== null && u.aspect !== 'overview') return u;
      const named = namedLeader(u, phrases) ?? (expandedPhrases ? namedLeader(u, expandedPhrases, expanded) : null);
      if (named === null) return u;
      const chosen = u.alternatives[0]!;
      return { ...u, decision: 'answer', procedureId: named, nationalCode: chosen.nationalCode, alternatives: u.alternatives.slice(1), narrow: true };
    },
  };
}
