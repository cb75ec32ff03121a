import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { knownProcedures } from '../../src/knowledge/known-procedures.js';
import type { KnowledgeBase } from '../../src/knowledge/schema.js';
import { evaluate, parseEvalFile } from '../../src/nlu/evaluate.js';
import { buildMatcher } from '../../src/nlu/matcher.js';
import type { Matcher } from '../../src/nlu/types.js';
import { shippedKnowledge } from '../support/content.js';

const fixtures = join(import.meta.dirname, '../fixtures/nlu-eval');
const files = ['tune.jsonl', 'tune-2.jsonl', 'holdout.jsonl'].map((f) => join(fixtures, f));
const catalogueParts = ['catalogue-tune.jsonl', 'catalogue-holdout.jsonl'].map((f) => join(fixtures, f));
const present = [...files, ...catalogueParts].every(existsSync);
if (!present) console.error('accuracy floor skipped: an evaluation file in test/fixtures/nlu-eval does not exist');

let kb: KnowledgeBase;
let matcher: Matcher;

// With the whole catalogue loaded (as the bot runs): loading and building take seconds on a loaded machine.
describe.skipIf(!present)('accuracy floor with the whole catalogue loaded', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    kb = await shippedKnowledge();
    matcher = buildMatcher(kb);
  }, 120_000);

  it('the curated parts (tune + tune-2 + holdout): answers right ≥ 92 %, wrong ≤ 2 %, aspect right ≥ 90 %', () => {
    // The floor holds with the whole official catalogue loaded beside the curated pages.
    expect(kb.catalogue?.records.length).toBeGreaterThan(2500);
    const items = files.flatMap((f) => parseEvalFile(readFileSync(f, 'utf8')));
    const r = evaluate(matcher, items);
    const summary = `right ${r.right}/${r.total}, wrong ${r.wrong}, aspect ${r.aspectRight}/${r.aspectChecked}`;
    expect(r.right / r.total, summary).toBeGreaterThanOrEqual(0.92);
    expect(r.wrong / r.total, summary).toBeLessThanOrEqual(0.02);
    expect(r.aspectRight / r.aspectChecked, summary).toBeGreaterThanOrEqual(0.9);
  });

  // Catalogue-only procedures in everyday words, written by a tester who read no code: found = answered with an
  // acceptable national code or offered among the (at most three) buttons; confidently wrong = answered otherwise.
  for (const file of catalogueParts) {
    it(`${file.split('/').pop()}: found ≥ 85 %, confidently wrong ≤ 3 %`, () => {
      const items = parseEvalFile(readFileSync(file, 'utf8'));
      expect(items.length).toBeGreaterThanOrEqual(150);
      expect(items.every((i) => i.nationalCodes && i.nationalCodes.length > 0)).toBe(true);
      const byCode = knownProcedures(kb).byCode;
      const r = evaluate(matcher, items, (code) => byCode.get(code)?.id);
      const c = r.catalogue;
      const summary = `found ${c.found}/${c.total} (answered ${c.answered}, clarified ${c.clarified}), confidently wrong ${c.wrong}`;
      expect(c.total).toBe(items.length);
      expect(c.found / c.total, summary).toBeGreaterThanOrEqual(0.85);
      expect(c.wrong / c.total, summary).toBeLessThanOrEqual(0.03);
    });
  }
});
