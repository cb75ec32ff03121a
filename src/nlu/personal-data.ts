/**
 * Personal data in a citizen's free text, masked before the text is kept for or shown to staff (analytics,
 * the unanswered list, the inbox preview). Pragmatic, not exhaustive: ID numbers, phone numbers, e-mail
 * addresses and the house-level part of an address (house number with a street, "số nhà", hamlet, group,
 * alley). Dossier codes and social-insurance file numbers are not personal data and are kept as typed.
 *
 * Every pattern is linear: each starts at a bounded anchor (a keyword, a digit not preceded by a digit, the
 * start of a word) and repeats only bounded or separator-delimited parts, so no run of spaces, digits or
 * letters is rescanned from each of its positions.
 */

export const MASK = { id: '[số định danh]', phone: '[số điện thoại]', email: '[email]', address: '[địa chỉ]' } as const;

/** Dossier codes (any case, any dash, a space around it) and BHXH file numbers: kept. */
const KEPT = new RegExp(
  [
    String.raw`(?<![0-9A-Za-z.])(?:\d{3}\.\d{2}\.\d{2}\.[A-Za-z]\d{2}|[A-Ya-y]\d{2}(?:\.[0-9A-Za-z]{1,6}){0,6}) ?[-\u2010-\u2015\u2212] ?\d{6} ?[-\u2010-\u2015\u2212] ?\d{4,5}(?!\d)`,
    String.raw`(?<![\d/])\d{5}\/\d{4}\/\d{5}(?![\d/])`,
  ].join('|'),
  'g',
);

/**
 * Vietnamese phones: 0, 84 or +84, then 9 digits (mobile) or 10 (landline with its area code), with single
 * spaces, dots or hyphens between digits ("0905 123 456", "+84 255.3822.123").
 */
const PHONE = /(?<![\d+])(?:\+84|84|0)(?:[ .-]?\d){9,10}(?!\d)/g;
const EMAIL = /(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,5}/g;
/** 9 or more digits in a row (single spaces allowed): CCCD (12), CMND (9), BHXH (10), tax codes, cards. */
const LONG_NUMBER = /(?<!\d)\d(?: ?\d){8,}(?!\d)/g;

const W = String.raw`[\p{L}\d]{1,30}`;
const SP = String.raw`[ \t]{1,3}`;
const HOUSE_NO = String.raw`\d{1,5}[a-zA-Z]?(?:\/\d{1,5}[a-zA-Z]?){0,3}`;
/** Words that name a street; "pho" and "duong" are also the unaccented forms. */
const STREET = String.raw`(?:đường|duong|phố|pho|đ\.)`;
/** Units below the ward: hamlet, village, residential group, quarter, alley. */
const LOCALITY = String.raw`(?:tổ dân phố|to dan pho|tdp|khu phố|khu pho|kp|khu dân cư|khu dan cu|tổ|to|thôn|thon|xóm|xom|ấp|ap|khối|khoi|bản|buôn|ngõ|ngo|ngách|ngach|hẻm|hem|kiệt|kiet)`;
/** Hamlet words that are never anything else, so a name may follow instead of a number ("thôn Phú Lộc"). */
const NAMED_LOCALITY = String.raw`(?:tổ dân phố|to dan pho|khu phố|khu pho|thôn|thon|xóm|ấp)`;
const START = String.raw`(?<![\p{L}\d])`;
const END = String.raw`(?![\p{L}\d])`;

/** ", đường Lê Lợi" after a house number: the street word, then up to four words of the name. */
const STREET_TAIL = String.raw`,?${SP}${STREET}${SP}${W}(?:${SP}${W}){0,3}`;

const ADDRESS = new RegExp(
  [
    // "12/3 đường Lê Lợi" ("45 Nguyễn Huệ" alone is not told from a quantity: it needs the street word).
    String.raw`${START}${HOUSE_NO}${STREET_TAIL}`,
    // "số nhà 12", "nhà số 12B đường Trần Hưng Đạo", "sn 7".
    String.raw`${START}(?:số nhà|so nha|nhà số|nha so|sn)${SP}?${HOUSE_NO}(?:${STREET_TAIL}|${END})`,
    // "tổ 5", "thôn 3", "kp 2", "hẻm 45/12", "ngõ số 7".
    String.raw`${START}${LOCALITY}${SP}(?:số${SP}|so${SP})?${HOUSE_NO}${END}`,
    // "thôn Phú Lộc", "ấp Bình An".
    String.raw`${START}${NAMED_LOCALITY}${SP}${W}(?:${SP}${W})?`,
  ].join('|'),
  'giu',
);

function maskFree(text: string): string {
  return text.replace(PHONE, MASK.phone).replace(EMAIL, MASK.email).replace(ADDRESS, MASK.address).replace(LONG_NUMBER, MASK.id);
}

/** The text with ID numbers, phones, e-mail addresses and house-level addresses replaced by a label. */
export function maskPersonalData(text: string): string {
  let out = '';
  let from = 0;
  KEPT.lastIndex = 0;
  for (const m of text.matchAll(KEPT)) {
    out += maskFree(text.slice(from, m.index)) + m[0];
    from = m.index + m[0].length;
  }
  return from === 0 ? maskFree(text) : out + maskFree(text.slice(from));
}
