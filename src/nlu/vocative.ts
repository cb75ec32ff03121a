/**
 * How an elder calls the bot at the end of a question ("ai xét vậy con", "được không cháu", "mất mấy ngày hả con"):
 * after a closing particle, "con" or "cháu" is the person addressed, not a child the question is about. Read without
 * it; "làm giấy cho con" (no particle before it) keeps its child. Typed without accents, "ko con" is "không còn" (no
 * longer there): only the accented "không" closes a question here.
 */
const CLOSING_VOCATIVE =
  /(?<=(?:^|[\s,])(?:vậy|vay|dậy|dzậy|nha|nhé|nhe|hả|ha|hở|nghen|nghe|hen|không|hông|chưa|đi|ạ|à|rứa|hỉ|hè|nà))\s+(?:con|cháu|chau)(?=\s*(?:[,.;!?]|$))/giu;

/** Only a short question is read without it: a long story is read clause by clause, the address included. */
const MAX_CHARS = 80;

export function withoutClosingVocative(text: string): string {
  return text.length > MAX_CHARS ? text : text.replace(CLOSING_VOCATIVE, '');
}
