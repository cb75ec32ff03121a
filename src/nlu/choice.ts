import { foldDiacritics, normaliseText } from './normalise.js';

/**
 * A message that only picks an option of a list: "2", "số 2", "chọn 2 nhé", "cái thứ hai", "thứ nhất",
 * "cái đầu tiên", "cái cuối", "cái trước" / "cái sau" (of two), "A"/"b" (letters count from a), "the second
 * one". Such a message means the pending choice or nothing: it is never matched as words.
 */
export type Choice = number | 'last' | 'former' | 'latter';

/** The 0-based option a choice picks among `count` shown, or -1: "the former/latter" picks only between two. */
export function choiceIndex(choice: Choice, count: number): number {
  if (choice === 'last') return count - 1;
  if (choice === 'former' || choice === 'latter') return count === 2 ? (choice === 'former' ? 0 : 1) : -1;
  return choice - 1;
}

/** Words around a pick that carry nothing ("số 2 nhé", "chọn cái thứ hai", "the second one please"). Accented forms. */
const FILLER = new Set(
  `số so cái cai thứ thu chọn chon lấy lay mục muc câu cau phương án phuong an đáp dap option number no choose pick
  the one please nhé nhe nha nhá ạ à ơi oi đi di đó do đấy day em tôi toi mình minh anh chị chi thì thi là la ok
  vâng vang dạ da ừ u ấy á nhá với voi giúp giup cho xem hỏi hoi muốn muon lựa lua loại loai ý y vậy vay thế the
  thôi thoi được duoc luôn luon nào nao kia của cua bạn ban bác bac cháu chau cô co ad admin shop i want take go with`
    .split(/\s+/)
    .filter(Boolean),
);

/** Ordinals and number words (folded); the list is short and closed, so a bare word is never a topic. */
const NUMBER_WORDS = new Map<string, number>([
  ['mot', 1],
  ['nhat', 1],
  ['nhut', 1],
  ['dau', 1],
  ['first', 1],
  ['hai', 2],
  ['nhi', 2],
  ['second', 2],
  ['ba', 3],
  ['third', 3],
  ['bon', 4],
  ['tu', 4],
  ['fourth', 4],
  ['nam', 5],
  ['fifth', 5],
]);

/** Number words as Vietnamese spells them with accents ("thứ nhất", "thứ hai", "số bốn", "đầu"). */
const ORDINAL_ACCENTED = new Set(['một', 'nhất', 'nhứt', 'đầu', 'hai', 'nhì', 'ba', 'bốn', 'tư', 'năm']);

/** Two-word forms: "đầu tiên" (first), "cuối cùng" (last). */
const PAIRS = new Map<string, Choice>([
  ['dau tien', 1],
  ['tren cung', 1],
  ['cuoi cung', 'last'],
  ['duoi cung', 'last'],
  ['sau cung', 'last'],
]);

/** "First", after a digit: the order the citizen wants the options in. */
const FIRST: ReadonlySet<string> = new Set(['truoc', 'trc', 'first']);

/** Letters a–e stand for 1–5, but only alone or after a word that introduces an option ("chọn b", "câu a"). */
const LETTER = /^[a-e]$/;
const LETTER_LEAD = new Set(['chọn', 'chon', 'câu', 'cau', 'phương', 'phuong', 'án', 'an', 'đáp', 'dap', 'option', 'mục', 'muc']);

/** At most this many words: a pick is short, a sentence with a number in it is not a pick. */
const MAX_WORDS = 8;

/** Longer than this, a message is not a pick (and is not normalised here at all). */
const MAX_CHARS = 60;

/** At most MAX_WORDS runs of non-spaces (bounded, so linear): checked before normalising anything. */
const FEW_WORDS = /^\s*\S+(?:\s+\S+){0,7}\s*$/;

/** A pick holds a digit, a lone letter, or an ordinal word: most messages have none and stop here. */
const MAY_PICK = /(?:^|[\s.,!?])(?:#?[1-9](?:st|nd|rd|th)?|[a-e]|một|mot|nhất|nhat|nhứt|nhut|nhì|nhi|đầu|dau|hai|ba|bốn|bon|tư|tu|năm|nam|cuối|cuoi|cùng|cung|sau|trước|truoc|first|second|third|fourth|fifth|last)(?=$|[\s.,!?)])/iu;

/** A pick said first, then a reason or a question ("cái thứ hai, bằng gốc mất rồi"): the words that open an option. */
const PICK_LEAD = /^\s*(?:cái|cai|số|so|thứ|thu|chọn|chon|câu|cau|mục|muc|option|number)\s/iu;
/** Where such a pick ends. */
const PICK_END = /[,.;!?]/;

export function parseChoice(text: string): Choice | null {
  const end = text.search(PICK_END);
  if (end > 0 && end < text.length - 1 && PICK_LEAD.test(text)) {
    const pick = parseChoice(text.slice(0, end));
    if (pick !== null) return pick;
  }
  if (text.length > MAX_CHARS || !MAY_PICK.test(text.normalize('NFC')) || !FEW_WORDS.test(text)) return null;
  const words = normaliseText(text).split(' ').filter(Boolean);
  if (words.length === 0 || words.length > MAX_WORDS) return null;
  let rest = words.filter((w) => !FILLER.has(w));
  // "Số 2 trước" (number 2 first): "trước" after a digit orders the picks, it is no "cái trước".
  if (rest.length === 2 && /^[1-9]$/.test(rest[0]!) && FIRST.has(foldDiacritics(rest[1]!))) rest = [rest[0]!];
  if (rest.length === 1) {
    const w = rest[0]!;
    // "2", "2nd", "#2" (the "#" is dropped when the text is normalised).
    const digit = /^([1-9])(?:st|nd|rd|th)?$/.exec(w);
    if (digit) return Number(digit[1]);
    if (w === 'last') return 'last';
    const folded = foldDiacritics(w);
    if (folded === 'cuoi') return 'last';
    // "Cái trước" / "cái sau" (the former, the latter) pick only with "cái": alone they are "before" and "after".
    if ((folded === 'truoc' || folded === 'sau') && words.some((x) => foldDiacritics(x) === 'cai')) return folded === 'truoc' ? 'former' : 'latter';
    const n = NUMBER_WORDS.get(folded);
    // "bà", "năm", "tư" with their accents are other words (grandmother, year, private); the plain or ordinal spellings are numbers.
    if (n !== undefined && (folded === w || ORDINAL_ACCENTED.has(w))) return n;
    if (LETTER.test(w) && (words.length === 1 || words.slice(0, -1).every((x) => LETTER_LEAD.has(x)))) return w.charCodeAt(0) - 96;
    return null;
  }
  if (rest.length === 2) {
    const pair = PAIRS.get(foldDiacritics(rest.join(' ')));
    if (pair !== undefined) return pair;
  }
  return null;
}
