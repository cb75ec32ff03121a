import { caseSpaced } from './stated-case.js';
import type { Phrases, Words } from './keyword-said.js';
import type { Understanding } from './types.js';

/**
 * One procedure told done and the next asked ("được công nhận hộ nghèo rồi thì làm thẻ bhyt cho cả nhà thế nào",
 * "tách thửa xong thì sang tên sao"): the need is the one named after "thì", not the one already done. Folded, spaced.
 */
const DONE_THEN = / (?:xong|roi|r) (?:roi |r )?thi (?:(?:phai|can|muon|di|tiep) )?(?:lam|xin|dang ky|dk|lam tiep|nop) /;

/** The procedure named after "… rồi thì làm", when exactly one is named there and another was read; null otherwise. */
export function nextAfterDone(u: Understanding, phrases: Phrases, words: Words, nationalCodes: ReadonlyMap<string, string | null>): Understanding | null {
  if (u.intent !== 'procedure' || u.decision !== 'answer' || u.followUp || u.procedureId === null) return null;
  const spaced = caseSpaced(u.text);
  const at = DONE_THEN.exec(spaced);
  if (!at) return null;
  // The words after "thì", abbreviations expanded as the phrases were ("thẻ bhyt").
  const after = ` ${words(spaced.slice(at.index + at[0].length)).join(' ')} `;
  const named = [...phrases].filter(([, list]) => list.some((p) => after.includes(` ${p} `))).map(([id]) => id);
  if (named.length !== 1 || named[0] === u.procedureId) return null;
  const procedureId = named[0]!;
  return { ...u, procedureId, nationalCode: nationalCodes.get(procedureId) ?? null, alternatives: [], narrow: true };
}
