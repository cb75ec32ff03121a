import type { Aspect } from '../knowledge/schema.js';
import { canonicaliseSynonyms, expandAbbreviations, findAspectCues, withoutWorkAbroad, type AspectHit, type CompiledLexicon, type Tokens } from './lexicon.js';
import { foldDiacritics, normaliseText, syllables } from './normalise.js';

/** A message broken down for matching. */
export interface Analysis {
  /** Syllables as typed (accented) and folded, before any rewriting: for language detection. */
  original: Tokens;
  /** After abbreviation expansion (and typo repair, for queries). */
  expanded: Tokens;
  aspectHits: AspectHit[];
  /** What identifies a procedure: no aspect cues, synonyms collapsed, no stopwords. */
  content: Tokens;
  /** The same with the aspect cues kept: small talk ("hướng dẫn sử dụng") is matched on these. */
  withCues: Tokens;
  /** The same with stopwords kept too: small talk ("bạn làm được gì", "what can you do") is mostly stopwords. */
  spoken: Tokens;
}

/** Optional typo repair applied to unknown syllables after abbreviation expansion. */
export type Repair = (tokens: Tokens) => Tokens;

export function analyse(text: string, lex: CompiledLexicon, repair?: Repair): Analysis {
  const original = syllables(normaliseText(text));
  let expanded = expandAbbreviations(withoutAside(readSouthernSpeech(original)), lex);
  if (repair) {
    const repaired = repair(expanded);
    // Expanding tokens that a first expansion left unchanged changes nothing either; tokens that a rule did
    // rewrite are expanded again, as their new syllables may be abbreviations themselves.
    if (repaired !== original) expanded = expandAbbreviations(repaired, lex);
  }
  expanded = withoutWorkAbroad(readLaos(readThatBook(readRedPaper(readOpeningAnd(expanded)))), lex);
  const aspectHits = findAspectCues(expanded, lex);
  let rest: Tokens = expanded;
  if (aspectHits.length) {
    const folded: string[] = [];
    const accented: string[] = [];
    let h = 0;
    for (let i = 0; i < expanded.folded.length; i++) {
      while (h < aspectHits.length && aspectHits[h]!.end <= i) h++;
      const hit = aspectHits[h];
      if (hit && i >= hit.start && i < hit.end) continue;
      folded.push(expanded.folded[i]!);
      accented.push(expanded.accented[i]!);
    }
    rest = { folded, accented };
  }
  const synonymous = canonicaliseSynonyms(expanded, lex);
  // Without aspect cues the rest is the expanded message itself: its synonyms are already collapsed.
  const content = withoutStopwords(rest === expanded ? synonymous : canonicaliseSynonyms(rest, lex), lex);
  const withCues = rest === expanded ? content : withoutStopwords(synonymous, lex);
  return { original, expanded, aspectHits, content, withCues, spoken: synonymous };
}

const STOREY_COUNT = /^(?:\d{1,2}|mot|hai|ba|bon)$/;

/**
 * Southern speech typed with its accents: "hông" and "hổng" are "không" ("làm thứ 7 hông", "ổng hổng đi được"), "dìa" is
 * "về". Only as accented: without them "hong" is also "hỏng" (broken) and "dia" the "đĩa" of a disc; "lỗ hổng" is a gap.
 * Storeys counted in the South's words ("1 trệt 1 lầu") are floors, with or without accents.
 */
function readSouthernSpeech(tokens: Tokens): Tokens {
  const spoken = (i: number): string | null => {
    const w = tokens.accented[i]!;
    if (w === 'hông' || (w === 'hổng' && tokens.folded[i - 1] !== 'lo')) return 'không';
    if (w === 'dìa') return 'về';
    // Storeys counted ("1 trệt 1 lầu", "nhà 2 lau"): after a number, "lau" is no "lâu" (long).
    return (tokens.folded[i] === 'lau' || tokens.folded[i] === 'tret') && STOREY_COUNT.test(tokens.folded[i - 1] ?? '') ? 'tầng' : null;
  };
  if (!tokens.accented.some((_, i) => spoken(i) !== null)) return tokens;
  return {
    folded: tokens.folded.map((w, i) => (spoken(i) === null ? w : foldDiacritics(spoken(i)!))),
    accented: tokens.accented.map((w, i) => spoken(i) ?? w),
  };
}

/**
 * "giấy đỏ", as Central and older citizens call the land title, is the "sổ đỏ" (typed with its accent: without it,
 * "giay do" is also "giấy đó", that paper).
 */
function readRedPaper(tokens: Tokens): Tokens {
  const red = (i: number): boolean => tokens.folded[i] === 'giay' && tokens.accented[i + 1] === 'đỏ';
  if (!tokens.folded.some((_, i) => red(i))) return tokens;
  return { folded: tokens.folded.map((w, i) => (red(i) ? 'so' : w)), accented: tokens.accented.map((w, i) => (red(i) ? 'sổ' : w)) };
}

/**
 * "sổ đó" typed with its accent points back at a booklet just talked of ("cái sổ đó nộp online được không" after the
 * social insurance book); folded, it would read as "sổ đỏ", the land title. Spelt "sổ ấy" so.
 */
function readThatBook(tokens: Tokens): Tokens {
  const that = (i: number): boolean => tokens.accented[i] === 'đó' && tokens.folded[i - 1] === 'so';
  if (!tokens.accented.some((_, i) => that(i))) return tokens;
  return { folded: tokens.folded.map((w, i) => (that(i) ? 'ay' : w)), accented: tokens.accented.map((w, i) => (that(i) ? 'ấy' : w)) };
}

/** Words after "người lao" that make it a worker ("người lao động") or a cleaner ("lao công"), not a Lao. */
const NOT_LAOS: ReadonlySet<string> = new Set(['dong', 'cong']);

/**
 * "người Lào", "nước Lào" (accented or not): the neighbour country, spelt as the lexicon's English name so it reads as
 * a foreign element. Folded, "lao" alone is also "lao động" (labour) or the illness: only after "người" or "nước", and
 * not before "động" or "công".
 */
function readLaos(tokens: Tokens): Tokens {
  const f = tokens.folded;
  const laos = (i: number): boolean => f[i] === 'lao' && (f[i - 1] === 'nguoi' || f[i - 1] === 'nuoc') && !NOT_LAOS.has(f[i + 1] ?? '') && (tokens.accented[i] === 'lào' || tokens.accented[i] === 'lao');
  if (!f.some((_, i) => laos(i))) return tokens;
  return { folded: f.map((w, i) => (laos(i) ? 'laotian' : w)), accented: tokens.accented.map((w, i) => (laos(i) ? 'lào' : w)) };
}

/** What follows "tiện" when it only asks leave ("tiện cho hỏi", "tiện hỏi luôn", "tiện thể", "tiện đây"). */
const ASIDE_AFTER: ReadonlySet<string> = new Set(['cho', 'hỏi', 'thể', 'đây']);

/**
 * "Tiện" as typed ("tiện cho hỏi", "nhân tiện", "tiện thể") only asks leave by the way; folded, it would read as
 * "tiền" (money). Without accents it stays: it may be the money.
 */
function withoutAside(tokens: Tokens): Tokens {
  const w = tokens.accented;
  // Not "phương tiện" (a vehicle) nor "thuận tiện": only the aside's own shapes.
  const tien = (i: number): boolean => w[i] === 'tiện' && (i === 0 || w[i - 1] === 'nhân' || ASIDE_AFTER.has(w[i + 1] ?? ''));
  const aside = (i: number): boolean => tien(i) || (w[i] === 'nhân' && tien(i + 1)) || (w[i] === 'thể' && tien(i - 1));
  if (!tokens.accented.some((_, i) => aside(i))) return tokens;
  const keep = tokens.accented.map((_, i) => !aside(i));
  return { folded: tokens.folded.filter((_, i) => keep[i]), accented: tokens.accented.filter((_, i) => keep[i]) };
}

/** Words that follow "còn" (and … ?) but never "con" (a child): "con neu nghi ban thi sao" is "còn nếu …". */
const NEVER_AFTER_CHILD: ReadonlySet<string> = new Set(['neu', 'thi', 'nua', 'ben', 'phi', 'le', 'viec', 'vu', 'ho']);

/** An opening "con" typed without accents that can only be "còn", spelt so. */
function readOpeningAnd(tokens: Tokens): Tokens {
  if (tokens.folded[0] !== 'con' || tokens.accented[0] !== 'con' || !NEVER_AFTER_CHILD.has(tokens.folded[1] ?? '')) return tokens;
  return { folded: tokens.folded, accented: ['còn', ...tokens.accented.slice(1)] };
}

/**
 * A stopword, or a word spelt as one that points back to the conversation ("còn", "thế", "nhầm"): neither says
 * which procedure is meant. Typed without accents, "con" may be a child and stays.
 */
function carriesNothing(tokens: Tokens, i: number, lex: CompiledLexicon): boolean {
  const f = tokens.folded[i]!;
  return lex.stopwords.has(f) || (lex.references.size > 0 && lex.references.get(f)?.has(tokens.accented[i]!) === true);
}

function withoutStopwords(tokens: Tokens, lex: CompiledLexicon): Tokens {
  let i = 0;
  while (i < tokens.folded.length && !carriesNothing(tokens, i, lex)) i++;
  // Token lists are never mutated once built, so a list without stopwords is shared, not copied.
  if (i === tokens.folded.length) return tokens;
  const folded: string[] = [];
  const accented: string[] = [];
  for (let i = 0; i < tokens.folded.length; i++) {
    const f = tokens.folded[i]!;
    if (carriesNothing(tokens, i, lex)) continue;
    folded.push(f);
    accented.push(tokens.accented[i]!);
  }
  return { folded, accented };
}

/** Where the clause after the last "thì" that a cue follows starts (0 when there is none). */
function afterLastThen(hits: readonly AspectHit[], folded: readonly string[]): number {
  for (let i = folded.length - 1; i > 0; i--) {
    if (folded[i] === 'thi' && hits.some((h) => !h.negated && h.start > i)) return hits.some((h) => !h.negated && h.start < i) ? i : 0;
  }
  return 0;
}

/**
 * How specific a cue's aspect is. A question that names a concrete aspect ("online", "ở đâu", "bao lâu") is
 * about that aspect even when it also says "làm thế nào" or "thông tin": steps and overview cues are the
 * ways people open any question, so they only decide when nothing more specific was asked.
 */
const RANK: Record<Aspect, number> = { overview: 0, steps: 1, documents: 2, fee: 2, duration: 2, place: 2, online: 2, result: 2, legal: 2 };

/**
 * The aspect asked: the most specific kind of cue, then the longest cue (it is the most specific:
 * "bao nhiêu ngày" over "bao nhiêu"); between equally long cues, the first one asked.
 */
export function pickAspect(hits: AspectHit[], folded?: readonly string[]): Aspect | null {
  // "X thì Y": Y is the question ("photo công chứng ở ubnd xã thì tính tiền sao" asks the fee, not the place).
  const asked = folded ? afterLastThen(hits, folded) : 0;
  let best: AspectHit | null = null;
  for (const h of hits) {
    if (h.negated || h.start < asked) continue;
    if (!best) {
      best = h;
      continue;
    }
    const byRank = RANK[h.aspect] - RANK[best.aspect];
    if (byRank > 0 || (byRank === 0 && h.end - h.start > best.end - best.start)) best = h;
  }
  return best ? best.aspect : null;
}
