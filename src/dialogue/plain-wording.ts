/**
 * Content written by researchers sometimes keeps their own notes ("chưa được xác minh trong tài liệu của chúng
 * tôi") and its own "check the page" pointers. A citizen should see neither: the answer states what is known
 * and carries one caveat of its own. These helpers take such clauses out of a content sentence.
 */

/** A clause that talks about our research rather than the procedure. */
const INTERNAL_NOTE = /chưa (được )?xác (minh|nhận)|chúng tôi|tài liệu (hiện có|của chúng tôi)|not (yet )?verified|could not verify|our (documents|sources)/iu;
/** A clause that only sends the reader elsewhere to check (the answer's own caveat line does that once). */
const CHECK_POINTER = /^(anh\/chị )?(nên |vui lòng )?(xem|kiểm tra|đối chiếu|hỏi)\b|^(please )?(check|see)\b|(vui lòng|nên) (xem|kiểm tra)|thời hạn giải quyết cụ thể anh\/chị/iu;

/** Clauses of a content text, each with the punctuation that closed it. */
function clauses(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if ((c === '.' || c === ';') && (i + 1 === text.length || text[i + 1] === ' ')) {
      out.push(text.slice(start, i + 1).trim());
      start = i + 1;
    }
  }
  const rest = text.slice(start).trim();
  if (rest) out.push(rest);
  return out.filter((s) => s.length > 0);
}

/** Drops parenthesised notes about our research: "Khoảng 8 ngày (chưa xác minh; …)" → "Khoảng 8 ngày". */
function withoutNoteAsides(text: string): string {
  let out = '';
  let depth = 0;
  let aside = '';
  for (const c of text) {
    if (c === '(') {
      depth++;
      aside += c;
    } else if (c === ')' && depth > 0) {
      aside += c;
      if (--depth === 0) {
        if (!INTERNAL_NOTE.test(aside)) out += aside;
        aside = '';
      }
    } else if (depth > 0) aside += c;
    else out += c;
  }
  return (out + aside).replace(/\s+([.;,])/gu, '$1').replace(/\s{2,}/gu, ' ').trim();
}

/** Ends the text as a sentence: the last clause's ";" becomes ".". */
function closeSentence(kept: string[]): string {
  const text = kept.join(' ').trim();
  return text.endsWith(';') ? `${text.slice(0, -1)}.` : text;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The text without notes about our research; '' when nothing else was said. */
export function withoutInternalNotes(text: string): string {
  const kept = clauses(withoutNoteAsides(text)).filter((c) => !INTERNAL_NOTE.test(c));
  return capitalise(closeSentence(kept));
}

/** The text without research notes and without its own "check the page" pointers; '' when nothing is left. */
export function factsOnly(text: string): string {
  const kept = clauses(withoutNoteAsides(text)).filter((c) => !INTERNAL_NOTE.test(c) && !CHECK_POINTER.test(c));
  return capitalise(closeSentence(kept));
}
