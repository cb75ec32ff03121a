/**
 * Entities found in free text: one-stop dossier codes (reference §1.3), national procedure codes
 * ("thủ tục 1.001193") and Vietnamese phone numbers. Each finder also returns the text with the entity
 * blanked out, so its digits do not disturb the matcher.
 */
import { findLooseDossierCodes } from './loose-codes.js';

// Agency part: legacy 4-group form (000.00.53.H48) or the QĐ 20/2020 left-to-right form (H56.14).
const AGENCY = String.raw`(?:\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}|[A-Y]\d{2}(?:\.[0-9A-Z]{1,6}){0,6})`;
const YYMMDD = String.raw`\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])`;

/** Whole-string check for a normalised dossier code such as 000.00.53.H48-220921-0099. */
export const DOSSIER_CODE_RE = new RegExp(`^(${AGENCY})-(${YYMMDD})-(\\d{4,5})$`);
const DOSSIER_CODE_IN_TEXT = new RegExp(`(?<![0-9A-Z.])(${AGENCY})-(${YYMMDD})-(\\d{4,5})(?!\\d)`, 'g');

const DASHES = /[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g;

/**
 * "a - b" → "a-b" in one pass. Not a global regex of optional spaces, a hyphen and optional spaces: it
 * retries from every space of a long run and scans the whole run each time, so a message of spaces froze the
 * process (quadratic time). `trim` removes exactly what `\s` matches.
 */
function squeezeSpacesAroundHyphens(s: string): string {
  if (!s.includes('-')) return s;
  const parts = s.split('-');
  const last = parts.length - 1;
  for (let i = 0; i <= last; i++) {
    const p = parts[i]!;
    parts[i] = i === 0 ? p.trimEnd() : i === last ? p.trimStart() : p.trim();
  }
  return parts.join('-');
}

/**
 * Upper case, en/em dashes to "-", no spaces around "-". Only used to find codes: the positions it returns
 * refer to this string, not the original.
 */
export function normaliseCodeText(text: string): string {
  return squeezeSpacesAroundHyphens(text.normalize('NFC').toUpperCase().replace(DASHES, '-'));
}

export function normaliseDossierCode(code: string): string | null {
  const n = normaliseCodeText(code.trim());
  return DOSSIER_CODE_RE.test(n) ? n : null;
}

export interface Found<T> {
  value: T;
  /** The message without the entity (replaced by a space). */
  rest: string;
}

/** Social-insurance (BHXH) file numbers such as 03706/2026/07906: kept as typed, routed by the caller. */
const BHXH_FILE_IN_TEXT = /(?<![\d/])\d{5}\/\d{4}\/\d{5}(?![\d/])/g;

export function isBhxhFileNumber(code: string): boolean {
  return /^\d{5}\/\d{4}\/\d{5}$/.test(code);
}

const MAY_HOLD_CODE = /[-/\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/;

/** All dossier codes in a message, normalised, in order of appearance, without duplicates. */
export function findDossierCodes(text: string): { codes: string[]; rest: string } {
  const found = findStrictDossierCodes(text);
  // Codes typed with spaces or without dots: read loosely when the strict forms found none.
  if (!MAY_HOLD_LOOSE_CODE.test(text)) return found;
  const loose = findLooseDossierCodes(text.normalize('NFC').toUpperCase());
  if (!found.codes.length) return loose.codes.length ? loose : found;
  // A legacy code typed with spaces in its agency ("000 00 21 H34 - 251103 - 0156") ends with what reads strictly as a
  // left-to-right one ("H34-251103-0156"): the whole of it is the code.
  const widened = found.codes.map((code) => loose.codes.find((l) => l.endsWith(`.${code}`)) ?? code);
  return widened.some((code, i) => code !== found.codes[i]) ? { codes: widened, rest: loose.rest } : found;
}

/** A loose code holds a letter right before two digits after at least seven digits; most messages have none. */
const MAY_HOLD_LOOSE_CODE = /\d(?: ?\. ?| )?\d{2}(?: ?\. ?| )?[A-Za-z]\d{2}/;

function findStrictDossierCodes(text: string): { codes: string[]; rest: string } {
  const codes: string[] = [];
  // Both kinds of code contain a dash or a slash; NFC and upper-casing never create one. Most messages have
  // neither, and skip the normalisation.
  if (!MAY_HOLD_CODE.test(text)) return { codes, rest: text };
  const n = normaliseCodeText(text);
  DOSSIER_CODE_IN_TEXT.lastIndex = 0;
  BHXH_FILE_IN_TEXT.lastIndex = 0;
  if (!DOSSIER_CODE_IN_TEXT.test(n) && !BHXH_FILE_IN_TEXT.test(n)) return { codes, rest: text };
  const take = (m: string): string => {
    if (!codes.includes(m)) codes.push(m);
    return ' ';
  };
  // The rest is upper case now; the matcher lower-cases anyway.
  const rest = n.replace(DOSSIER_CODE_IN_TEXT, take).replace(BHXH_FILE_IN_TEXT, take);
  return { codes, rest };
}

const NATIONAL_CODE = /(?<![\d.])([1-9])\.(\d{6})(?!\d)/;

/** A national procedure code such as 1.001193 (also "1.001193.000.00.00.H48", the local form). */
export function findNationalCode(text: string): Found<string> | null {
  const m = NATIONAL_CODE.exec(text);
  if (!m) return null;
  const local = new RegExp(String.raw`${m[1]}\.${m[2]}(?:\.\d{3}\.\d{2}\.\d{2}\.[A-Za-z]\d{2}(?:\.\d+)?)?`);
  return { value: `${m[1]}.${m[2]}`, rest: text.replace(local, ' ') };
}

// Mobile numbers: 0 or +84/84, then a 3/5/7/8/9 prefix and 8 digits; dots, spaces or dashes between groups.
const PHONE = /(?<![\d.])(?:\+?84|0)[\s.-]?([35789])(?:[\s.-]?\d){8}(?![\d])/;

export function findPhone(text: string): Found<string> | null {
  const m = PHONE.exec(text);
  if (!m) return null;
  const digits = m[0].replace(/\D/g, '');
  const local = digits.startsWith('84') ? '0' + digits.slice(2) : digits;
  return { value: local, rest: text.slice(0, m.index) + ' ' + text.slice(m.index + m[0].length) };
}
