/**
 * Button titles for a clarifying question that say how the offered procedures differ. Near-twins share most
 * of their names ("Cấp lại chứng nhận đăng ký xe…", "Đổi chứng nhận đăng ký xe…"; the same procedure at
 * province and commune level), so the first 20 characters of each name would read the same: the title is
 * the part of the name that differs ("Cấp lại", "Đổi"), else the level ("Cấp tỉnh", "Cấp xã"), else who files
 * ("Cá nhân", "Tổ chức"). The message text lists the full names beside the numbers.
 */
import type { LocalizedText, Procedure } from '../knowledge/schema.js';
import { pick, truncate } from './limits.js';
import type { Language, Translate } from './types.js';

/** What a clarification shows of a procedure: a curated page, or a catalogue procedure (no short name). */
export interface ClarifyCandidate {
  id: string;
  name: LocalizedText;
  shortName?: Procedure['shortName'];
  /** A curated page's level. */
  level?: Procedure['level'];
  /** A catalogue procedure's record: its levels and who files. */
  official?: { levels: { ministry: boolean; province: boolean; commune: boolean; other: boolean }; applicants: readonly string[] };
}

type Level = 'province' | 'commune' | 'ministry' | 'other';

/** Names of which each keeps this share of its words apart from the others' are of unrelated procedures. */
const UNRELATED_SHARE = 0.7;

/** Words that open many official names and say nothing of the difference. */
const LEADING = /^(thủ tục|procedure)\s+/i;
/** Words that never tell two procedures apart on their own ("thực hiện tại", "đối với", "của"). */
const FILLER = new Set(['thực', 'hiện', 'tại', 'bằng', 'đối', 'với', 'của', 'cho', 'và', 'ở', 'có', 'các', 'về', 'theo', 'for', 'of', 'the', 'and', 'a', 'to']);

/**
 * The words of a name before its first parenthesis (parentheses list cases, not what the procedure is). A
 * dash or another mark standing alone ("Việt Nam – Lào") is no word: a title must not open with it.
 */
function words(name: string): string[] {
  const head = name.replace(LEADING, '').split('(')[0]!;
  return head.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
}

/** Folded for comparison only: "thuỷ" and "thủy", "Cấp" and "cấp" are the same word. */
function key(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[.,;:–-]+$/u, '');
}

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
}

/**
 * The words of each name that not every other name has in the same place ("Cấp lại" beside "Đổi"; "toàn
 * trình" beside "một phần hoặc trực tiếp"), runs joined by commas. A word counts as shared when every other
 * name has it beside the same neighbour, so the "cấp" of "Cấp lại" is not shared with the "cấp xã" of another
 * name. Filler words are kept inside a run, not at its ends. Empty when the name says nothing the others do not.
 */
function differingParts(names: string[][]): string[] {
  const keys = names.map((n) => n.map(key));
  const pairs = keys.map((k) => new Set(k.map((w, j) => `${j > 0 ? k[j - 1] : '^'} ${w}`).concat(k.map((w, j) => `${w} ${j + 1 < k.length ? k[j + 1] : '$'}`))));
  return names.map((n, i) => {
    const k = keys[i]!;
    const runs: string[][] = [];
    let run: string[] = [];
    /** The word before the first run: a lone variant word reads with it ("Cấp lại", not "Lại"). */
    let before = '';
    const close = (): void => {
      while (run.length && FILLER.has(run[run.length - 1]!.normalize('NFC').toLowerCase())) run.pop();
      if (run.length === 1 && runs.length === 0 && before) run.unshift(before);
      if (run.length) runs.push(run);
      run = [];
    };
    n.forEach((w, j) => {
      const left = `${j > 0 ? k[j - 1] : '^'} ${k[j]}`;
      const right = `${k[j]} ${j + 1 < k.length ? k[j + 1] : '$'}`;
      const shared = pairs.every((set, o) => o === i || set.has(left) || set.has(right));
      if (shared || k[j] === '') close();
      else if (run.length || !FILLER.has(w.normalize('NFC').toLowerCase())) {
        // A verb of two words opening the name reads whole ("Đăng ký xe", not "Ký xe").
        if (!run.length && runs.length === 0) before = j > 0 && !FILLER.has(n[j - 1]!.normalize('NFC').toLowerCase()) ? (j === 2 ? n.slice(0, 2).join(' ') : n[j - 1]!) : '';
        run.push(w.replace(/[.,;:–-]+$/u, ''));
      }
    });
    close();
    return runs.map((r) => r.join(' ')).join(', ');
  });
}

function levelOf(c: ClarifyCandidate): Level | null {
  if (c.official) {
    const { province, commune, ministry, other } = c.official.levels;
    const set = [province && 'province', commune && 'commune', ministry && 'ministry', other && 'other'].filter(Boolean) as Level[];
    return set.length === 1 ? set[0]! : null;
  }
  if (c.level === 'central') return 'ministry';
  if (c.level === 'province' || c.level === 'commune') return c.level;
  return null;
}

/** Who files, when the record names only individuals or only organisations. */
function filerOf(c: ClarifyCandidate): 'person' | 'organisation' | null {
  const applicants = c.official?.applicants ?? [];
  if (!applicants.length) return null;
  const people = applicants.filter((a) => /công dân|cá nhân|người/i.test(a)).length;
  if (people === applicants.length) return 'person';
  if (people === 0) return 'organisation';
  return null;
}

function distinct(titles: (string | null)[]): titles is string[] {
  if (titles.some((t) => !t)) return false;
  return new Set(titles.map((t) => key(t!))).size === titles.length;
}

/**
 * One title per candidate (in order), at most `max` characters, that tells the candidates apart; `t` names the
 * levels and filers (clarify.level.*, clarify.filer.*). A lone candidate keeps its short name.
 */
export function clarifyTitles(candidates: ClarifyCandidate[], lang: Language, t: Translate, max: number): string[] {
  const shortNames = candidates.map((c) => c.shortName?.[lang] ?? c.shortName?.vi ?? pick(c.name, lang, () => undefined));
  const fit = (titles: string[]): string[] => titles.map((x) => truncate(capitalise(x), max));
  if (candidates.length < 2) return fit(shortNames);
  // Different procedures with short names of their own (curated pages) are told apart by them.
  if (candidates.every((c) => c.shortName) && distinct(shortNames)) return fit(shortNames);
  const names = candidates.map((c) => words(pick(c.name, lang, () => undefined)));
  // A name that says nothing the others do not is the plain variant ("Cấp" beside "Cấp lại"): its first word
  // when another title starts with it, else its short name.
  const found = differingParts(names);
  const parts = found.map((p, i) => {
    if (p) return p;
    const first = names[i]![0] ?? '';
    return found.some((o) => o && key(o.split(' ')[0]!) === key(first)) ? first : shortNames[i]!;
  });
  const levels = candidates.map(levelOf);
  const filers = candidates.map(filerOf);
  const byLevel = levels.map((l) => (l ? t(`dialogue.clarify.level.${l}`) : null));
  const byFiler = filers.map((f) => (f ? t(`dialogue.clarify.filer.${f}`) : null));
  const fits = (titles: string[]): boolean => titles.every((x) => Array.from(x).length <= max);
  // Procedures that share little of their names are not twins: each is told by its own short name.
  const unrelated = found.every((p, i) => p.split(/[\s,]+/).filter(Boolean).length >= UNRELATED_SHARE * names[i]!.length);
  if (unrelated && distinct(shortNames.map((x) => truncate(capitalise(x), max)))) return fit(shortNames);
  if (distinct(parts) && fits(parts)) return fit(parts);
  if (distinct(byLevel)) return fit(byLevel);
  // The same variant at two levels beside another procedure: "Giải quyết (tỉnh)", "Giải quyết (xã)", "Hòa giải".
  const firstRuns = parts.map((p) => p.split(', ')[0]!);
  const withLevel = firstRuns.map((p, i) => (levels[i] && firstRuns.filter((o) => key(o) === key(p)).length > 1 ? t('dialogue.clarify.withLevel', { part: p, level: t(`dialogue.clarify.levelShort.${levels[i]}`) }) : p));
  if (distinct(withLevel) && fits(withLevel)) return fit(withLevel);
  if (distinct(byFiler)) return fit(byFiler);
  for (const titles of [parts, withLevel, shortNames]) if (distinct(titles.map((x) => truncate(capitalise(x), max)))) return fit(titles);
  return candidates.map((_, i) => t('dialogue.clarify.option', { n: i + 1 }));
}
