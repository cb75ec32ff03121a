import type { Tokens } from './lexicon.js';

/** "hồ sơ" typed with or without its accents; "hộ sổ", "sổ hộ (khẩu)" are other words. */
const FILE_WORD: readonly [string, string][] = [['hồ', 'sơ'], ['ho', 'so']];
const FILE_VERBS = new Set(['nộp', 'nop', 'làm', 'lam']);
/** "(để) nộp hồ sơ xin việc" tells what the papers are for, which says which procedure makes them. */
const PURPOSE = new Set(['de', 'to']);

function fileWordAt(t: Tokens, i: number): boolean {
  return FILE_WORD.some(([a, b]) => t.accented[i] === a && t.accented[i + 1] === b);
}

/**
 * The procedure query without "hồ sơ" (and the "nộp"/"làm" before it) when the message names something else:
 * citizens say "nộp hồ sơ …" of every procedure, and catalogue names that hold the words ("gia hạn nộp hồ sơ
 * khai thuế") would otherwise come close to the procedure the message names. `said` is the message as typed
 * (stopwords kept), to tell a purpose ("để nộp hồ sơ xin việc").
 */
export function withoutFileWords(content: Tokens, said: Tokens): Tokens {
  let found = false;
  for (let i = 0; i + 1 < said.folded.length; i++) {
    if (!fileWordAt(said, i)) continue;
    found = true;
    const before = FILE_VERBS.has(said.accented[i - 1] ?? '') ? i - 2 : i - 1;
    if (PURPOSE.has(said.folded[before] ?? '')) return content;
  }
  if (!found) return content;
  const keep: boolean[] = content.folded.map(() => true);
  for (let i = 0; i + 1 < content.folded.length; i++) {
    if (!fileWordAt(content, i)) continue;
    keep[i] = keep[i + 1] = false;
    if (i > 0 && FILE_VERBS.has(content.accented[i - 1]!)) keep[i - 1] = false;
  }
  const out: Tokens = { folded: content.folded.filter((_, i) => keep[i]), accented: content.accented.filter((_, i) => keep[i]) };
  return out.folded.length > 0 ? out : content;
}
