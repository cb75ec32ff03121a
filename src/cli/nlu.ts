/**
 * Matcher command line.
 *   nlu match            one message per stdin line → one JSON object per stdout line
 *   nlu eval FILE.jsonl  scores a labelled file (see test/fixtures/nlu-eval/README.md)
 *   nlu dialogue-eval FILE.jsonl  runs labelled conversations through the dialogue core and scores each turn
 *                        (see test/fixtures/dialogue-eval/README.md); --misses lists the turns not right
 * Content comes from intents/ (or NLU_CONTENT_DIR).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { knownProcedures } from '../knowledge/known-procedures.js';
import { loadContentFromDir } from '../knowledge/loader.js';
import { buildMatcher } from '../nlu/matcher.js';
import { evaluate, formatReport, parseEvalFile } from '../nlu/evaluate.js';
import type { Matcher } from '../nlu/types.js';
import { toMatchJson } from '../nlu/match-json.js';
import { evaluateConversations, formatDialogueReport, parseConversations } from '../dialogue/evaluate-conversations.js';
import { createI18n, translatorFor } from '../i18n/i18n.js';
import type { KnowledgeBase } from '../knowledge/schema.js';
import { projectRoot } from '../paths.js';

async function loadKnowledge(): Promise<KnowledgeBase> {
  const dir = process.env.NLU_CONTENT_DIR ?? join(projectRoot(), 'intents');
  const res = await loadContentFromDir(dir);
  if ('errors' in res) {
    for (const e of res.errors) console.error(`${e.file}:${e.line}: ${e.field}: ${e.message}`);
    process.exit(2);
  }
  return res.kb;
}

async function loadMatcher(): Promise<Matcher> {
  return buildMatcher(await loadKnowledge());
}

async function match(): Promise<void> {
  const matcher = await loadMatcher();
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    const u = matcher.understand(line);
    const out = toMatchJson(u);
    process.stdout.write(JSON.stringify(out) + '\n');
  }
}

async function evalFile(file: string, verbose: boolean): Promise<void> {
  const kb = await loadKnowledge();
  const matcher = buildMatcher(kb);
  const items = parseEvalFile(readFileSync(file, 'utf8'));
  const byCode = knownProcedures(kb).byCode;
  const report = evaluate(matcher, items, (code) => byCode.get(code)?.id);
  process.stdout.write(formatReport(report, { misses: verbose }) + '\n');
}

async function dialogueEvalFile(file: string, verbose: boolean): Promise<void> {
  const kb = await loadKnowledge();
  const tFor = translatorFor(await createI18n(join(projectRoot(), 'locales')));
  const report = evaluateConversations(parseConversations(readFileSync(file, 'utf8')), { matcher: buildMatcher(kb), kb, tFor });
  process.stdout.write(formatDialogueReport(report, { misses: verbose }) + '\n');
}

const [command, ...args] = process.argv.slice(2);
if (command === 'match') await match();
else if (command === 'eval' && args[0]) await evalFile(args[0], args.includes('--misses'));
else if (command === 'dialogue-eval' && args[0]) await dialogueEvalFile(args[0], args.includes('--misses'));
else {
  console.error('usage: nlu match | nlu eval FILE.jsonl [--misses] | nlu dialogue-eval FILE.jsonl [--misses]');
  process.exit(64);
}
