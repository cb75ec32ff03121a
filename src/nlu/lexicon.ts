import type { Aspect, Lexicon } from '../knowledge/schema.js';
import { foldDiacritics, normaliseText } from './normalise.js';

/** A phrase (folded syllables) rewritten to other syllables. */
interface PhraseRule {
  from: string[];
  to: string[];
}

interface AspectRule {
  from: string[];
  aspect: Aspect;
}

/** The lexicon turned into lookup tables once per knowledge-base version. */
export interface CompiledLexicon {
  abbreviations: Map<string, PhraseRule[]>;
  synonyms: Map<string, PhraseRule[]>;
  aspects: Map<string, AspectRule[]>;
  stopwords: Set<string>;
  /** Folded words that name no need on their own (one syllable each); `genericPhrases` holds the longer ones. */
  generic: Set<string>;
  genericPhrases: Map<string, PhraseRule[]>;
  /** Generic words written with accents: folded → the spellings that are generic ("bản", not "bạn"). */
  genericSpellings: Map<string, Set<string>>;
  /** Folded reference word → its accented spellings. */
  references: Map<string, Set<string>>;
}

/** A message as syllables: folded forms drive matching, accented forms (or '' when unknown) add precision. */
export interface Tokens {
  folded: string[];
  accented: string[];
}

export interface AspectHit {
  aspect: Aspect;
  start: number;
  end: number;
  /** Said as not asked ("chứ không phải lệ phí", "not the fee"). */
  negated?: boolean;
}

/** Synonym groups collapse to one token that never collides with a real syllable. */
export const SYNONYM_PREFIX = '≈';

function phraseTokens(phrase: string): string[] {
  const n = foldDiacritics(normaliseText(phrase));
  return n === '' ? [] : n.split(' ');
}

function addRule<R extends { from: string[] }>(map: Map<string, R[]>, rule: R): void {
  const head = rule.from[0];
  if (head === undefined) return;
  const list = map.get(head) ?? [];
  if (list.some((r) => r.from.join(' ') === rule.from.join(' '))) return;
  list.push(rule);
  // Longest phrase first, so "giay phep lai xe" wins over "giay phep".
  list.sort((a, b) => b.from.length - a.from.length);
  map.set(head, list);
}

function matchAt(tokens: string[], i: number, from: string[]): boolean {
  if (i + from.length > tokens.length) return false;
  for (let k = 0; k < from.length; k++) if (tokens[i + k] !== from[k]) return false;
  return true;
}

/** The first (longest) rule matching at position i, or undefined. */
function ruleAt<R extends { from: string[] }>(tokens: string[], i: number, rules: Map<string, R[]>): R | undefined {
  const candidates = rules.get(tokens[i]!);
  if (candidates === undefined) return undefined;
  for (let k = 0; k < candidates.length; k++) if (matchAt(tokens, i, candidates[k]!.from)) return candidates[k];
  return undefined;
}

function rewrite(tokens: Tokens, rules: Map<string, PhraseRule[]>): Tokens {
  // Most messages have nothing to rewrite: find the first match before allocating anything.
  const n = tokens.folded.length;
  let first = 0;
  while (first < n && ruleAt(tokens.folded, first, rules) === undefined) first++;
  if (first === n) return tokens;
  const folded = tokens.folded.slice(0, first);
  const accented: string[] = [];
  for (let i = 0; i < first; i++) accented.push(tokens.accented[i] ?? '');
  for (let i = first; i < n; ) {
    const rule = ruleAt(tokens.folded, i, rules);
    if (rule) {
      for (const t of rule.to) {
        folded.push(t);
        accented.push('');
      }
      i += rule.from.length;
    } else {
      folded.push(tokens.folded[i]!);
      accented.push(tokens.accented[i] ?? '');
      i++;
    }
  }
  return { folded, accented };
}

export function expandAbbreviations(tokens: Tokens, lex: CompiledLexicon): Tokens {
  return rewrite(tokens, lex.abbreviations);
}

/** Working, studying or going somewhere: "đi làm bên Nhật", "xuất khẩu lao động sang Hàn", "du học ở Úc", "đi nước ngoài". */
const ABROAD_LEADS: readonly string[][] = [['di', 'lam'], ['di'], ['ra'], ['dang', 'lam'], ['lam', 'viec'], ['lam', 'thue'], ['xuat', 'khau', 'lao', 'dong'], ['lao', 'dong'], ['xkld'], ['du', 'hoc']];
const ABROAD_PREPOSITIONS: ReadonlySet<string> = new Set(['o', 'ben', 'tai', 'sang', 'qua']);
const FOREIGN = ['nuoc', 'ngoai'];

/**
 * A country named as where a Vietnamese citizen works or studies ("chồng em đang đi làm bên Nhật chưa về") is no
 * foreign element of the case: the person is Vietnamese, away for a while. The country's words become "xa" (away),
 * so they do not read as the foreign-element circumstance the synonyms give "người Nhật" or "lấy chồng Hàn Quốc".
 */
export function withoutWorkAbroad(tokens: Tokens, lex: CompiledLexicon): Tokens {
  const f = tokens.folded;
  const foreign = ruleAt(FOREIGN, 0, lex.synonyms)?.to.join(' ');
  if (foreign === undefined) return tokens;
  for (let i = 0; i < f.length; i++) {
    const lead = ABROAD_LEADS.find((l) => matchAt(f, i, l));
    if (lead === undefined) continue;
    const start = i + lead.length;
    const country = (at: number): PhraseRule | undefined => (at < f.length ? ruleAt(f, at, lex.synonyms) : undefined);
    let j = start;
    let rule = country(j);
    // "bên Nhật" is a member of the group itself; "ở Hàn Quốc" is a preposition and a member.
    if (rule?.to.join(' ') !== foreign && ABROAD_PREPOSITIONS.has(f[j] ?? '')) rule = country(++j);
    if (rule?.to.join(' ') !== foreign) continue;
    const end = j + rule.from.length;
    const folded = [...f.slice(0, start), 'xa', ...f.slice(end)];
    const accented = [...tokens.accented.slice(0, start), 'xa', ...tokens.accented.slice(end)];
    return withoutWorkAbroad({ folded, accented }, lex);
  }
  return tokens;
}

export function canonicaliseSynonyms(tokens: Tokens, lex: CompiledLexicon): Tokens {
  return rewrite(tokens, lex.synonyms);
}

/** Per syllable: whether it is a generic word or part of a generic phrase ("hồ sơ", "gia đình"). */
export function genericMask(tokens: Tokens, lex: CompiledLexicon): boolean[] {
  const { folded, accented } = tokens;
  const mask = new Array<boolean>(folded.length).fill(false);
  for (let i = 0; i < folded.length; ) {
    const rule = lex.genericPhrases.size ? ruleAt(folded, i, lex.genericPhrases) : undefined;
    if (rule) {
      for (let k = 0; k < rule.from.length; k++) mask[i + k] = true;
      i += rule.from.length;
    } else {
      mask[i] = lex.generic.has(folded[i]!) || lex.genericSpellings.get(folded[i]!)?.has(accented[i]!) === true;
      i++;
    }
  }
  return mask;
}

/** "không phải lệ phí", "chứ không phải …", "not the fee": the cue after these is what the citizen did not ask. */
function negatedAt(folded: string[], i: number): boolean {
  // Words that may stand between the negation and the cue ("not the processing time", "không phải là lệ phí").
  let j = i - 1;
  while (j >= i - 2 && j >= 0 && NEGATION_GAP.has(folded[j]!)) j--;
  return folded[j] === 'not' || (folded[j - 1] === 'khong' && folded[j] === 'phai');
}

const NEGATION_GAP: ReadonlySet<string> = new Set(['the', 'a', 'an', 'la', 've', 'cai', 'hoi']);

/** Words after which an unaccented "gia" is "già" (old), not "giá" (price): "người già thế nào" asks no fee. */
const OLD_AFTER: ReadonlySet<string> = new Set(['nguoi', 'cu', 'tuoi', 'ba', 'ong']);

/** Words after which an unaccented "dat" is "đất" (land), not "đắt" (dear): "tiền sử dụng đất không" asks no price. */
const LAND_AFTER: ReadonlySet<string> = new Set(['dung', 'manh', 'lo', 'thua', 'mieng', 'nha', 'o', 'tho', 'ruong', 'vuon', 'chu', 'so']);

/**
 * Whether the syllable at i is a word that only shares its folded spelling with a cue's first word: "già" (old) for
 * "giá" (price), "đất" (land) for "đắt" (dear), as typed or read from the word before it.
 */
function notTheCueWord(tokens: Tokens, i: number): boolean {
  const folded = tokens.folded[i];
  const typed = tokens.accented[i]!;
  const before = tokens.folded[i - 1] ?? '';
  if (folded === 'gia') return typed === 'già' || (typed === 'gia' && OLD_AFTER.has(before));
  if (folded === 'dat') return typed === 'đất' || (typed === 'dat' && LAND_AFTER.has(before));
  return false;
}

/** An amount of money typed as one token ("8k", "000đ" of "50.000đ", "2tr"), folded. */
const MONEY_TOKEN = /^\d+(k|d|vnd|tr|trieu|nghin|ngan|dong)$/;
/** Units said after a number ("8 nghìn", "20.000 đồng", "2 triệu"), folded. */
const MONEY_UNITS: ReadonlySet<string> = new Set(['nghin', 'ngan', 'dong', 'trieu', 'vnd']);

/** Digit groups an amount is read across ("2.000.000.000" is four); bounded so a run of digits is read in linear time. */
const MONEY_GROUPS = 5;

/** How many tokens from i say an amount of money (0 when none): a sum named asks or checks the fee ("8k 1 bản đúng ko"). */
function moneyAt(folded: readonly string[], i: number): number {
  if (MONEY_TOKEN.test(folded[i]!)) return 1;
  if (!/^\d+$/.test(folded[i]!)) return 0;
  let j = i + 1;
  while (j < folded.length && j - i < MONEY_GROUPS && /^\d+$/.test(folded[j]!)) j++;
  return j < folded.length && (MONEY_UNITS.has(folded[j]!) || MONEY_TOKEN.test(folded[j]!)) ? j + 1 - i : 0;
}

/** Verbs of going or filing before "ở" ("nộp ở", "làm ở"), folded. */
const FILED_AT: ReadonlySet<string> = new Set(['nop', 'lam', 'len', 'den', 'ra', 'xin']);

/** Words that say where after a verb of filing: "nộp ở", "nộp tại", "nộp cho xã", "gửi về huyện". */
const TO_PLACE: ReadonlySet<string> = new Set(['cho', 've', 'len', 'tai']);

/**
 * "nộp ở trường mới hay lên sở", "làm ở xã hay ở tỉnh", "nộp cho xã hay lên sở", "xin giấy ở trường cũ hay ở phòng
 * giáo dục": a choice between two places asks where.
 */
export function asksPlaceChoice(folded: readonly string[]): boolean {
  // The last "hay" once, so a long message is read in linear time.
  const lastOr = folded.lastIndexOf('hay');
  if (lastOr < 0) return false;
  // "ở trường cũ hay ở phòng giáo dục": "ở" on both sides of "hay" ("ở với mẹ" is whom one lives with).
  if (folded[lastOr + 1] === 'o' && folded[lastOr + 2] !== 'voi' && folded.slice(0, lastOr).includes('o')) return true;
  for (let i = 0; i + 3 <= lastOr; i++) {
    const verb = folded[i]!;
    const next = folded[i + 1]!;
    if ((FILED_AT.has(verb) && (next === 'o' || next === 'tai')) || ((verb === 'nop' || verb === 'gui') && TO_PLACE.has(next))) return true;
  }
  return false;
}

/** Cue phrases for aspects, longest match at each position; an amount of money is a fee cue. */
export function findAspectCues(tokens: Tokens, lex: CompiledLexicon): AspectHit[] {
  const folded = tokens.folded;
  const hits: AspectHit[] = [];
  for (let i = 0; i < folded.length; ) {
    const rule = notTheCueWord(tokens, i) ? undefined : ruleAt(folded, i, lex.aspects);
    const money = rule ? 0 : moneyAt(folded, i);
    if (money > 0) {
      hits.push({ aspect: 'fee', start: i, end: i + money });
      i += money;
    } else if (rule) {
      const hit: AspectHit = { aspect: rule.aspect, start: i, end: i + rule.from.length };
      if (negatedAt(folded, i)) hit.negated = true;
      // Cues that overlap ("bao lâu thì" + "thì lấy được") are one question: the hit spans both, so no word of
      // the second is left over to look like a topic.
      for (let j = i + 1; j < hit.end; j++) {
        const next = notTheCueWord(tokens, j) ? undefined : ruleAt(folded, j, lex.aspects);
        if (next && j + next.from.length > hit.end) hit.end = j + next.from.length;
      }
      hits.push(hit);
      i = hit.end;
    } else i++;
  }
  return hits;
}

export function compileLexicon(lexicon: Lexicon): CompiledLexicon {
  const abbreviations = new Map<string, PhraseRule[]>();
  for (const [key, value] of Object.entries(lexicon.abbreviations)) {
    const from = phraseTokens(key);
    const to = phraseTokens(value);
    if (from.length && to.length) addRule(abbreviations, { from, to });
  }
  const compiled: CompiledLexicon = { abbreviations, synonyms: new Map(), aspects: new Map(), stopwords: new Set(), generic: new Set(), genericPhrases: new Map(), genericSpellings: new Map(), references: new Map() };
  const expand = (phrase: string): string[] => {
    const t = phraseTokens(phrase);
    return expandAbbreviations({ folded: t, accented: t.map(() => '') }, compiled).folded;
  };
  for (const group of lexicon.synonyms) {
    const members = group.map(expand).filter((m) => m.length > 0);
    const head = members[0];
    if (!head) continue;
    const canonical = SYNONYM_PREFIX + head.join('_');
    for (const from of members) addRule(compiled.synonyms, { from, to: [canonical] });
  }
  for (const [aspect, cues] of Object.entries(lexicon.aspects) as [Aspect, string[]][]) {
    for (const cue of cues) {
      const from = expand(cue);
      if (from.length) addRule(compiled.aspects, { from, aspect });
    }
  }
  for (const w of lexicon.stopwords) for (const t of expand(w)) compiled.stopwords.add(t);
  for (const w of lexicon.generic ?? []) {
    const accented = normaliseText(w);
    if (!accented.includes(' ') && foldDiacritics(accented) !== accented) {
      const spellings = compiled.genericSpellings.get(foldDiacritics(accented)) ?? new Set<string>();
      compiled.genericSpellings.set(foldDiacritics(accented), spellings.add(accented));
      continue;
    }
    // Matched against content words, whose synonyms are collapsed ("registration" is "đăng ký").
    const expanded = expand(w);
    const from = canonicaliseSynonyms({ folded: expanded, accented: expanded.map(() => '') }, compiled).folded;
    if (from.length === 1) compiled.generic.add(from[0]!);
    else if (from.length > 1) addRule(compiled.genericPhrases, { from, to: from });
  }
  for (const w of lexicon.references ?? []) {
    for (const accented of normaliseText(w).split(' ').filter(Boolean)) {
      const folded = foldDiacritics(accented);
      const spellings = compiled.references.get(folded) ?? new Set<string>();
      spellings.add(accented);
      compiled.references.set(folded, spellings);
    }
  }
  return compiled;
}
