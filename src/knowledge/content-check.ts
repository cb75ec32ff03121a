/**
 * Where the curated tier disagrees with the official record it names: the national code (a code that names
 * another procedure), the name, the fee and the processing time. `npm run -s content:check` prints the list and
 * the console shows it; a code that names another procedure is an error (the page would overlay the wrong
 * record), the rest are for an editor to settle (fix the page, or say why it differs in its certainty note).
 */
import { compareDuration, compareFee, officialFeeFacts, officialWorkingDays } from './agreement.js';
import type { OfficialCatalogue, OfficialRecord } from './official.js';
import type { Lexicon, Procedure } from './schema.js';
import { foldDiacritics } from '../nlu/normalise.js';
import { formatNumber } from '../dialogue/limits.js';

export type CheckedFact = 'nationalCode' | 'name' | 'fee' | 'duration';

export interface Disagreement {
  procedureId: string;
  nationalCode: string;
  /** Whether the page names the code as its own (`nationalCode`) or as one it also covers. */
  role: 'nationalCode' | 'alsoCovers';
  fact: CheckedFact;
  /** error: the code names another procedure; warning: a fact to settle. */
  severity: 'error' | 'warning';
  curated: string;
  official: string;
}

export interface ContentCheck {
  disagreements: Disagreement[];
  /** Codes the curated pages name that the catalogue does not hold (nothing to compare them with). */
  unchecked: { procedureId: string; nationalCode: string }[];
  /** Pages whose every named code agrees on name, fee and time (or states nothing comparable). */
  agreeing: number;
}

/** Words every procedure name shares; they say nothing about which procedure it is. */
const GENERIC = new Set(['thu', 'tuc', 'cap', 'va', 'cho', 'cua', 'tai', 'doi', 'voi', 'truong', 'hop', 'nguoi', 'cac', 'viec', 've', 'theo', 'thuc', 'hien', 'trong', 'hoac', 'mot', 'so', 'la']);

/** Folded words of a name, abbreviations ("BHXH") spelled out as the lexicon does. */
function nameWords(name: string, abbreviations: Readonly<Record<string, string>>): Set<string> {
  const folded = foldDiacritics(name.normalize('NFC').toLowerCase()).replace(/đ/g, 'd');
  const words = folded.split(/[^a-z0-9]+/).flatMap((w) => (abbreviations[w] ?? w).split(' '));
  return new Set(words.filter((w) => w.length > 0 && !GENERIC.has(w)));
}

/**
 * How much of the curated name the record's name carries (0..1): curated names are short and plain, official
 * names long ("Cấp thẻ căn cước" / "Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên"), so only the curated
 * words are counted.
 */
export function nameOverlap(curated: string, official: string, abbreviations: Readonly<Record<string, string>> = {}): number {
  const c = nameWords(curated, abbreviations);
  if (c.size === 0) return 1;
  const o = nameWords(official, abbreviations);
  let shared = 0;
  for (const w of c) if (o.has(w)) shared++;
  return shared / c.size;
}

/** Below this overlap the record is another procedure; between it and 1 the names differ in wording. */
export const OTHER_PROCEDURE_BELOW = 0.34;
export const SAME_NAME_FROM = 0.6;

function sums(values: Iterable<number>, unit: string): string {
  const list = [...values].sort((a, b) => a - b).map((v) => `${formatNumber(v, 'vi')} ${unit}`);
  return list.length ? list.join(' / ') : '—';
}

function curatedFees(p: Procedure): string {
  const stated = p.fees.filter((f) => f.certainty === 'confirmed' && (f.kind === 'free' || f.kind === 'amount'));
  return sums(new Set(stated.map((f) => (f.kind === 'free' ? 0 : f.amountVnd!))), 'đ');
}

function nameCheck(p: Procedure, code: string, role: Disagreement['role'], record: OfficialRecord, abbreviations: Readonly<Record<string, string>>): Disagreement | null {
  const overlap = nameOverlap(p.name.vi, record.name, abbreviations);
  const other = overlap < OTHER_PROCEDURE_BELOW;
  // A page names the variants it also covers in its own words ("cấp lần đầu, sang tên"): only another procedure counts.
  if (overlap >= SAME_NAME_FROM || (role === 'alsoCovers' && !other)) return null;
  return { procedureId: p.id, nationalCode: code, role, fact: other ? 'nationalCode' : 'name', severity: other ? 'error' : 'warning', curated: p.name.vi, official: record.name };
}

/** Compares every curated page with the records of the codes it names. */
export function checkContent(procedures: readonly Procedure[], catalogue: OfficialCatalogue | undefined, lexicon?: Pick<Lexicon, 'abbreviations'>): ContentCheck {
  const abbreviations = lexicon?.abbreviations ?? {};
  const records = new Map((catalogue?.records ?? []).map((r) => [r.nationalCode, r]));
  const out: ContentCheck = { disagreements: [], unchecked: [], agreeing: 0 };
  for (const p of [...procedures].sort((a, b) => a.id.localeCompare(b.id))) {
    const before = out.disagreements.length;
    const codes: [string, Disagreement['role']][] = [];
    if (p.nationalCode) codes.push([p.nationalCode, 'nationalCode']);
    for (const c of p.alsoCovers ?? []) codes.push([c, 'alsoCovers']);
    let checked = 0;
    for (const [code, role] of codes) {
      const record = records.get(code);
      if (!record) {
        out.unchecked.push({ procedureId: p.id, nationalCode: code });
        continue;
      }
      checked++;
      const name = nameCheck(p, code, role, record, abbreviations);
      if (name) out.disagreements.push(name);
      // Fee and time are the page's own procedure's facts: a code it also covers may differ (re-issue vs issue).
      if (role !== 'nationalCode' || name?.severity === 'error') continue;
      if (compareFee(p, record) === 'contradicts') {
        out.disagreements.push({ procedureId: p.id, nationalCode: code, role, fact: 'fee', severity: 'warning', curated: curatedFees(p), official: sums(officialFeeFacts(record.channels), 'đ') });
      }
      if (compareDuration(p, record) === 'contradicts') {
        out.disagreements.push({ procedureId: p.id, nationalCode: code, role, fact: 'duration', severity: 'warning', curated: `${formatNumber(p.duration.workingDays!, 'vi')} ngày làm việc`, official: sums(officialWorkingDays(record.channels), 'ngày làm việc') });
      }
    }
    if (checked > 0 && out.disagreements.length === before) out.agreeing++;
  }
  return out;
}
