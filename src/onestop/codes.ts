import { DOSSIER_CODE_RE, findDossierCodes, normaliseCodeText } from '../nlu/entities.js';

/**
 * Dossier codes (reference §1.3): `<agency>-<yyMMdd>-<4 or 5 digit sequence>`, e.g. 000.00.53.H48-220921-0099.
 * The shape check is shared with the matcher (src/nlu/entities.ts); this module adds the calendar check
 * and the province filter that only the dossier module needs.
 */

/** The example shown to citizens: a real Quảng Ngãi code shape (reference §1.1). */
export const DOSSIER_CODE_EXAMPLE = '000.00.53.H48-220921-0099';

export interface DossierCodeParts {
  code: string;
  agency: string;
  /** Receipt date, yyMMdd, as printed in the code. */
  date: string;
  sequence: string;
}

/** Trim, upper case, en/em dashes to "-", no spaces around "-". */
export function normaliseDossierCode(raw: string): string {
  return normaliseCodeText(raw.trim()).trim();
}

function isRealDate(yymmdd: string): boolean {
  const year = 2000 + Number(yymmdd.slice(0, 2));
  const month = Number(yymmdd.slice(2, 4));
  const day = Number(yymmdd.slice(4, 6));
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** The parts of a well-formed code with a real receipt date, or null. */
export function parseDossierCode(raw: string): DossierCodeParts | null {
  const code = normaliseDossierCode(raw);
  const m = DOSSIER_CODE_RE.exec(code);
  if (!m) return null;
  const [, agency, date, sequence] = m;
  if (!agency || !date || !sequence || !isRealDate(date)) return null;
  return { code, agency, date, sequence };
}

/** True when the agency part belongs to one of the province level-1 codes (legacy or left-to-right form). */
export function isProvinceAgency(agency: string, prefixes: readonly string[]): boolean {
  return prefixes.some((h) => agency === h || agency.endsWith('.' + h) || agency.startsWith(h + '.'));
}

export type CodeCheck = { ok: true; parts: DossierCodeParts } | { ok: false; reason: 'malformed' | 'other_province'; code: string };

/** Validates a code for lookup in this province's system. */
export function checkDossierCode(raw: string, prefixes: readonly string[]): CodeCheck {
  const parts = parseDossierCode(raw);
  if (!parts) return { ok: false, reason: 'malformed', code: normaliseDossierCode(raw) };
  if (!isProvinceAgency(parts.agency, prefixes)) return { ok: false, reason: 'other_province', code: parts.code };
  return { ok: true, parts };
}

/** Well-formed codes with real dates found in a free-text message, normalised, in order, without duplicates. */
export function findDossierCodesInText(text: string): string[] {
  return findDossierCodes(text).codes.filter((c) => parseDossierCode(c) !== null);
}

/** DOSSIER_PROVINCE_PREFIXES ("H48,H56") as a list. */
export function parseProvincePrefixes(value: string | undefined): string[] {
  const list = (value ?? 'H48')
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  return list.length > 0 ? list : ['H48'];
}
