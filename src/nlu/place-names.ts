import { foldDiacritics } from './normalise.js';

/**
 * Vietnamese place names inside English messages ("a child in Muong Cha", "the office in Phan Thiet"): typed without
 * marks, their syllables read as Vietnamese words ("cha" is a father, "an" safety), which pulls the match toward
 * procedures the citizen never named. After "in", "at", "from", "near", a run of capitalised words shaped like
 * Vietnamese syllables is a place; it is dropped before matching. Foreign places ("from Taiwan", "the Philippines")
 * are not syllable-shaped and stay: they tell a procedure with a foreign element.
 */
const SYLLABLE = /^(?:ng|ngh|nh|ch|tr|th|ph|kh|gh|gi|qu|[bcdđghklmnpqrstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?$/i;
const NAME_WORD = String.raw`[A-ZĐ\u00C0-\u1EF9][\p{L}]*`;
const AFTER_PREPOSITION = new RegExp(String.raw`(\s*)\b(in|at|from|near)\s+((?:${NAME_WORD})(?:\s+${NAME_WORD}){0,3})(?![\p{L}\p{N}])`, 'gu');
/** A noun the name is part of ("in Phan Thiet hospital"): the preposition stays with it. */
const PLACE_NOUN = /^\s+(?:hospital|clinic|district|province|city|town|commune|ward|village|market|industrial|office|school|area|port|airport)\b/i;
/** A message with English words of its own: only there are place names dropped (a Vietnamese "in" is no word). */
// Bounded by letters in Unicode's sense: an ASCII \b would take the "i" of "thoại" for a word.
const ENGLISH = /(?<![\p{L}\p{N}])(?:the|is|are|my|our|how|what|where|can|do|does|i|we|please|need)(?![\p{L}\p{N}])/iu;

export function withoutEnglishPlaceNames(text: string): string {
  if (!ENGLISH.test(text)) return text;
  return text.replace(AFTER_PREPOSITION, (whole: string, space: string, preposition: string, name: string, at: number, all: string) => {
    const words = name.split(/\s+/);
    // Only a whole leading run of syllable-shaped words is a place ("in Phan Thiet Hospital": "Hospital" stays).
    const run = words.findIndex((w) => !/^\p{Lu}/u.test(w) || !SYLLABLE.test(foldDiacritics(w)));
    const placeWords = run === -1 ? words.length : run;
    if (placeWords === 0) return whole;
    const rest = words.slice(placeWords).join(' ');
    // The name alone dropped with its preposition ("the office in Hoi An?"); one naming a noun after it keeps it.
    const nounFollows = rest === '' && PLACE_NOUN.test(all.slice(at + whole.length));
    return rest === '' && !nounFollows ? '' : `${space}${preposition}${rest ? ` ${rest}` : ''}`;
  });
}

/**
 * A commune, ward or village named in a Vietnamese message ("Ủy ban xã Long Thành Bắc nằm chỗ nào", "cán bộ phường Quy
 * Nhơn Bắc nói chuyện cộc lốc"): its name's syllables read as words ("thành", "bắc", "nhơn") and pull the match toward
 * procedures never named. A run of capitalised syllables right after the unit's word is the name; it is dropped and
 * the unit kept ("xã" still tells an office). Only capitalised words: "xã mình", "phường này" stay.
 */
const UNIT_WORDS = ['xã', 'xa', 'phường', 'phuong', 'thị trấn', 'thi tran', 'huyện', 'huyen', 'tỉnh', 'thôn', 'thon', 'xóm', 'xom', 'ấp', 'làng', 'bản', 'buôn', 'plei', 'khu phố', 'khu pho', 'tổ dân phố', 'to dan pho'];
// Case matters for the name, not for the unit ("Xã Tân Lập"): the unit's first letter either way, no i flag.
const UNIT = `(?:${UNIT_WORDS.map((w) => `[${w[0]}${w[0]!.toUpperCase()}]${w.slice(1)}`).join('|')})`;
const CAPITALISED = String.raw`\p{Lu}[\p{L}]*`;
const AFTER_UNIT = new RegExp(String.raw`(?<![\p{L}\p{N}])(${UNIT})((?:\s+${CAPITALISED})+)(?![\p{L}\p{N}])`, 'gu');

export function withoutVietnamesePlaceNames(text: string): string {
  return text.replace(AFTER_UNIT, (whole: string, unit: string, name: string) => {
    const words = name.trim().split(/\s+/);
    // Only a leading run of capitalised syllable-shaped words is a name.
    const run = words.findIndex((w) => !/^\p{Lu}/u.test(w) || !SYLLABLE.test(foldDiacritics(w)));
    const nameWords = run === -1 ? words.length : run;
    if (nameWords === 0) return whole;
    const rest = words.slice(nameWords).join(' ');
    return `${unit}${rest ? ` ${rest}` : ''}`;
  });
}
