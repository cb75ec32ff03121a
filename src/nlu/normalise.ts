/**
 * Text normalisation for Vietnamese messages typed on a phone. Pure functions, no I/O.
 *
 * Two parallel forms come out of one message: the accented form (NFC, lower case) and the folded form
 * (diacritics stripped, đ→d). Folding keeps every character count-neutral at the token level, so the two
 * token lists stay aligned and the matcher can use the accents when the citizen typed them.
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;
/**
 * Anything that is not a letter or a digit separates tokens. That includes emoji, pictographs, variation
 * selectors, zero-width joiners, keycaps and skin tones, so one pass drops them with the punctuation.
 */
const NON_WORD = /[^\p{L}\p{N}]+/gu;
/**
 * Three or more of the same letter ("alooo", "nhiềuuu") are one letter; doubles are real spelling ("xoong").
 * A consonant run opening a word is an acronym ("cccd"), not an elongation.
 */
const REPEATED_LETTERS = /(\p{L})\1{2,}/gu;
const VOWELS = /[aeiouyăâêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/;
function collapseRun(run: string, letter: string, offset: number, whole: string): string {
  const startsWord = offset === 0 || whole[offset - 1] === ' ';
  return startsWord && !VOWELS.test(letter) ? run : letter;
}
const HAS_MARK = /[^\p{ASCII}]/u;

/**
 * NFD stripping does not remove the bar of đ (it is a separate letter, not a combining mark),
 * so it is folded explicitly.
 */
export function foldDiacritics(text: string): string {
  if (!HAS_MARK.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const f = c < FOLD_TABLE.length ? FOLD_TABLE[c]! : 0;
    if (f !== 0) out += String.fromCharCode(f);
    else if (c < 0x0300 || c > 0x036f) out += text[i];
  }
  return out;
}

function foldSlow(ch: string): string {
  return ch.normalize('NFD').replace(COMBINING_MARKS, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

/** Latin letters with marks (up to U+1EFF, which covers Vietnamese) → their base letter; 0 = unchanged. */
const FOLD_TABLE: Uint16Array = (() => {
  const table = new Uint16Array(0x1f00);
  for (let c = 0xc0; c < table.length; c++) {
    const folded = foldSlow(String.fromCharCode(c));
    if (folded.length === 1 && folded.charCodeAt(0) < 0x80) table[c] = folded.charCodeAt(0);
  }
  return table;
})();

export function hasDiacritics(text: string): boolean {
  return HAS_MARK.test(text) && foldDiacritics(text) !== text;
}

/**
 * NFC, lower case, emoji and punctuation to spaces, long letter runs collapsed, spaces squeezed.
 * NFD input (as some keyboards and copy-paste produce) becomes NFC first, so "đăng ký" is the same
 * string however it was typed.
 */
export function normaliseText(text: string): string {
  // Messages typed without diacritics (about half) are plain ASCII, which NFC leaves as it is.
  const words = (HAS_MARK.test(text) ? text.normalize('NFC') : text).toLowerCase().replace(NON_WORD, ' ');
  return (mayRepeat(words) ? words.replace(REPEATED_LETTERS, collapseRun) : words).trim();
}

/**
 * False when no letter can occur three times in a row: no three equal code units and no surrogate pair (an
 * astral letter repeated is not three equal code units). Skips the back-referencing regex for most messages.
 */
function mayRepeat(s: string): boolean {
  let a = -1;
  let b = -2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === a && c === b) return true;
    if (c >= 0xd800 && c <= 0xdfff) return true;
    b = a;
    a = c;
  }
  return false;
}

/** Splits normalised text into aligned accented and folded syllables. */
export function syllables(normalised: string): { accented: string[]; folded: string[] } {
  if (normalised === '') return { accented: [], folded: [] };
  const accented = normalised.split(' ');
  const foldedText = foldDiacritics(normalised);
  // A message typed without diacritics folds to itself: copy its syllables instead of splitting it again.
  const folded = foldedText === normalised ? accented.slice() : foldedText.split(' ');
  // Folding never adds or removes a space, but stay safe if a rare code point decomposes oddly.
  if (folded.length !== accented.length) return { accented: accented.map(foldDiacritics), folded: accented.map(foldDiacritics) };
  return { accented, folded };
}

/** A text's syllables, normalised and with accents folded ("Khai sinh ở đâu?" → khai, sinh, o, dau). */
export function foldedSyllables(text: string): string[] {
  return syllables(normaliseText(text)).folded;
}

/**
 * Whether `phrase` is said in `words` from `start` on, in order, with at most `maxGap` other words slipped in ("cán bộ
 * [địa chính] đòi tiền", "hỗ trợ [chi phí] mai táng").
 */
export function saidInOrderFrom(words: readonly string[], start: number, phrase: readonly string[], maxGap: number): boolean {
  if (words[start] !== phrase[0]) return false;
  let k = 1;
  let gap = 0;
  for (let j = start + 1; j < words.length && k < phrase.length && gap <= maxGap; j++) {
    if (words[j] === phrase[k]) k++;
    else gap++;
  }
  return k === phrase.length && gap <= maxGap;
}
