import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateConversations, parseConversations, type DialogueReport } from '../../src/dialogue/evaluate-conversations.js';
import { loadContentFromDir } from '../../src/knowledge/loader.js';
import { buildMatcher } from '../../src/nlu/matcher.js';
import { loadTranslations } from './fixtures/i18n.js';

const fixtures = join(import.meta.dirname, '../fixtures/dialogue-eval');

async function run(file: string): Promise<DialogueReport> {
  const res = await loadContentFromDir(join(import.meta.dirname, '../../intents'));
  if ('errors' in res) throw new Error('content does not load');
  const conversations = parseConversations(readFileSync(join(fixtures, file), 'utf8'));
  return evaluateConversations(conversations, { matcher: buildMatcher(res.kb), kb: res.kb, tFor: await loadTranslations() });
}

const summary = (r: DialogueReport) => `right ${r.right}/${r.turns}, wrong ${r.wrong}, missed ${r.missed}`;

/** Runs one part and holds it to its bounds (shares of all turns). */
async function holds(file: string, minTurns: number, right: number, wrong: number): Promise<void> {
  const r = await run(file);
  expect(r.turns).toBeGreaterThanOrEqual(minTurns);
  expect(r.right / r.turns, summary(r)).toBeGreaterThanOrEqual(right);
  expect(r.wrong / r.turns, summary(r)).toBeLessThanOrEqual(wrong);
}

// Through the same core as the bot (matcher with the session's context, then decide), the whole catalogue loaded.
describe('multi-turn evaluation (test/fixtures/dialogue-eval), through the dialogue core', { timeout: 180_000 }, () => {
  it('tune part: the issue floor — ≥ 95 % of turns on the right procedure or intent, ≤ 2 % confidently wrong', () => holds('dialogue-tune.jsonl', 200, 0.95, 0.02));

  // The other parts are below the floor (README, "Dialogue evaluation"). Each is guarded at its measured
  // level, never lowered; the goal stays 95 % and 2 %. History of the measurements is in
  // test/fixtures/dialogue-eval/README.md. Measured 3 Dec 2026 (second session), at the commit that set these:
  //   tune-2 165/203 right, 5 wrong   tune-3 178/192, 2   tune-4 156/195, 6     (tuned on)
  //   holdout 206/238, 6              holdout-2 164/197, 10   holdout-3 162/204, 13   (never read; totals only)
  it('second tuning part: no worse than measured (right ≥ 81 %, wrong ≤ 3 %)', () => holds('dialogue-tune-2.jsonl', 200, 0.81, 0.03));
  it('third tuning part: no worse than measured (right ≥ 92.5 %, wrong ≤ 1.5 %)', () => holds('dialogue-tune-3.jsonl', 180, 0.925, 0.015));
  it('fourth tuning part: no worse than measured (right ≥ 80 %, wrong ≤ 3.5 %)', () => holds('dialogue-tune-4.jsonl', 180, 0.8, 0.035));
  it('held-out part: no worse than measured (right ≥ 86.5 %, wrong ≤ 2.6 %)', () => holds('dialogue-holdout.jsonl', 200, 0.865, 0.026));
  it('second held-out part: no worse than measured (right ≥ 83 %, wrong ≤ 5.5 %)', () => holds('dialogue-holdout-2.jsonl', 180, 0.83, 0.055));
  it('third held-out part: no worse than measured (right ≥ 79 %, wrong ≤ 6.5 %)', () => holds('dialogue-holdout-3.jsonl', 180, 0.79, 0.065));
  // A fifth blind set, all held out, measured once on arrival (235/289 right, 15 wrong).
  it('fourth held-out part: no worse than measured (right ≥ 81 %, wrong ≤ 5.5 %)', () => holds('dialogue-holdout-4.jsonl', 250, 0.81, 0.055));
});
