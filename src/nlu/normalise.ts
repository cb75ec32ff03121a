/**
 * Text normalisation for Vietnamese messages typed on a phone. Pure functions, no I/O.
 *
 * Two parallel forms come out of one message: the accented form (NFC, lower case) and the folded form
 * (diacritics stripped, đ→d). Folding keeps every character count-neutral at the token level, so the two
 * token lists stay aligned and the matcher can use the accents when the citizen typed them.
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;
/** Emoji, pictographs, variation selectors, zero-width joiners, keycaps and skin tones. */
const EMOJI = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\u200d\ufe0e\ufe0f\u20e3]/gu;
/** Anything that is not a letter or a digit separates tokens. */
const NON_WORD = /[^\p{L}\p{N}]+/gu;
/** Three or more of the same letter ("alooo", "nhiềuuu") are one letter; doubles are real spelling ("xoong"). */
const REPEATED_LETTERS = /(\p{L})\1{2,}/gu;
const HAS_MARK = /[^\u0000-\u007f]/;

/**
 * NFD stripping does not remove the bar of đ (it is a separate letter, not a combining mark),
 * so it is folded explicitly.
 */
export function foldDiacritics(text: string): string {
  if (!HAS_MARK.test(text)) return text;
  return text.normalize('NFD').replace(COMBINING_MARKS, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

export function hasDiacritics(text: string): boolean {
  return HAS_MARK.test(text) && foldDiacritics(text) !== text;
}

/**
 * NFC, lower case, emoji and punctuation to spaces, long letter runs collapsed, spaces squeezed.
 * NFD input (as some keyboards and copy-paste produce) becomes NFC first, so "đăng ký" is the same
 * string however it was typed.
 */
export function normaliseText(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(EMOJI, ' ')
    .replace(NON_WORD, ' ')
    .replace(REPEATED_LETTERS, '$1')
    .trim();
}

/** Splits normalised text into aligned accented and folded syllables. */
export function syllables(normalised: string): { accented: string[]; folded: string[] } {
  if (normalised === '') return { accented: [], folded: [] };
  const accented = normalised.split(' ');
  const folded = foldDiacritics(normalised).split(' ');
  // Folding never adds or removes a space, but stay safe if a rare code point decomposes oddly.
  if (folded.length !== accented.length) return { accented: accented.map(foldDiacritics), folded: accented.map(foldDiacritics) };
  return { accented, folded };
}
