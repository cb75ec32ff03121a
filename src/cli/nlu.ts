/**
 * Matcher command line.
 *   nlu match            one message per stdin line → one JSON object per stdout line
 *   nlu eval FILE.jsonl  scores a labelled file (see test/fixtures/nlu-eval/README.md)
 * Content comes from intents/ (or NLU_CONTENT_DIR).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { knownProcedures } from '../knowledge/known-procedures.js';
import { loadContentFromDir } from '../knowledge/loader.js';
import type { KnowledgeBase } from '../knowledge/schema.js';
import { buildMatcher } from '../nlu/matcher.js';
import { evaluate, formatReport, parseEvalFile } from '../nlu/evaluate.js';
import type { Matcher } from '../nlu/types.js';
import { toMatchJson } from '../nlu/match-json.js';
import { projectRoot } from '../paths.js';

async function loadMatcher(): Promise<{ kb: KnowledgeBase; matcher: Matcher }> {
  const dir = process.env.NLU_CONTENT_DIR ?? join(projectRoot(), 'intents');
  const res = await loadContentFromDir(dir);
  if ('errors' in res) {
    for (const e of res.errors) console.error(`${e.file}:${e.line}: ${e.field}: ${e.message}`);
    process.exit(2);
  }
  return { kb: res.kb, matcher: buildMatcher(res.kb) };
}

async function match(): Promise<void> {
  const { matcher } = await loadMatcher();
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    const u = matcher.understand(line);
    const out = toMatchJson(u);
    process.stdout.write(JSON.stringify(out) + '\n');
  }
}

async function evalFile(file: string, verbose: boolean): Promise<void> {
  const { kb, matcher } = await loadMatcher();
  const items = parseEvalFile(readFileSync(file, 'utf8'));
  const byCode = knownProcedures(kb).byCode;
  const report = evaluate(matcher, items, (code) => byCode.get(code)?.id);
  process.stdout.write(formatReport(report, { misses: verbose }) + '\n');
}

const [command, ...args] = process.argv.slice(2);
if (command === 'match') await match();
else if (command === 'eval' && args[0]) await evalFile(args[0], args.includes('--misses'));
else {
  console.error('usage: nlu match | nlu eval FILE.jsonl [--misses]');
  process.exit(64);
}
