/**
 * Dossier codes typed the way people copy them off a receipt: spaces instead of hyphens or dots
 * ("000.00.53.h48 251120 0004", "000 00 53 H48 251120 0004", "000 . 00 . 53 . H48 - 260301 - 0044") or no dots at all ("0000053H48-251120-0004").
 * Only the legacy four-group agency form (digits, then a letter and two digits) is read loosely: its letter
 * keeps phone and ID numbers, which are digits only, from ever matching. Every separator is bounded, so the
 * scan stays linear in the length of the message.
 */

const YYMMDD = String.raw`\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])`;
/** Between the groups of the agency part: a dot (spaced or not, "000 . 00 . 53"), a space, or nothing. */
const IN_AGENCY = String.raw`(?:[ \t]{0,2}\.[ \t]{0,2}|[ \t])?`;
/** Between agency, date and sequence: a hyphen or dash with up to three spaces around it, or one to three spaces. */
const BETWEEN = String.raw`(?:[ \t]{0,3}[-\u2010-\u2015\u2212][ \t]{0,3}|[ \t]{1,3})`;
const LOOSE_CODE = new RegExp(
  String.raw`(?<![0-9A-Z.])(\d{3})${IN_AGENCY}(\d{2})${IN_AGENCY}(\d{2})${IN_AGENCY}([A-Z]\d{2})${BETWEEN}(${YYMMDD})${BETWEEN}(\d{4,5})(?!\d)`,
  'g',
);

/** Codes found loosely in `text` (NFC, upper case), normalised, and the text with each replaced by a space. */
export function findLooseDossierCodes(upper: string): { codes: string[]; rest: string } {
  const codes: string[] = [];
  LOOSE_CODE.lastIndex = 0;
  const rest = upper.replace(LOOSE_CODE, (_m, a: string, b: string, c: string, letter: string, date: string, seq: string) => {
    const code = `${a}.${b}.${c}.${letter}-${date}-${seq}`;
    if (!codes.includes(code)) codes.push(code);
    return ' ';
  });
  return { codes, rest };
}
