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

// Through the same core as the bot (matcher with the session's context, then decide), the whole catalogue loaded.
describe('multi-turn evaluation (test/fixtures/dialogue-eval), through the dialogue core', { timeout: 120_000 }, () => {
  it('tune part: the issue floor — ≥ 95 % of turns on the right procedure or intent, ≤ 2 % confidently wrong', async () => {
    const r = await run('dialogue-tune.jsonl');
    expect(r.turns).toBeGreaterThanOrEqual(200);
    expect(r.right / r.turns, summary(r)).toBeGreaterThanOrEqual(0.95);
    expect(r.wrong / r.turns, summary(r)).toBeLessThanOrEqual(0.02);
  });

  // The held-out part is below the floor (README, "Dialogue evaluation"); this guards it from getting
  // worse without tuning on it. Raise the bounds as it improves; the goal stays 95 % and 2 %.
  // Measured 180/238 on main before the catalogue matcher (issue 10: record context, catalogue near-twins, curated
  // pages asked about beside catalogue neighbours) joined it, 176/238 (73.9 %) after, wrong 8 both times; the
  // guard follows the merged figure rather than tuning on held-out turns.
  it('held-out part: no worse than measured (right ≥ 73.5 %, wrong ≤ 3.5 %)', async () => {
    const r = await run('dialogue-holdout.jsonl');
    expect(r.turns).toBeGreaterThanOrEqual(200);
    expect(r.right / r.turns, summary(r)).toBeGreaterThanOrEqual(0.735);
    expect(r.wrong / r.turns, summary(r)).toBeLessThanOrEqual(0.035);
  });
});
