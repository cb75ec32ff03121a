/**
 * Matcher benchmark with the whole official catalogue loaded, as the bot runs:
 *   1. accuracy on every evaluation part beside two peers given the same catalogue (MiniSearch, nlp.js);
 *   2. our build time, throughput and latency in the compiled build under plain node (a child process);
 *   3. the bot itself: the process `npm start` runs, from spawn to GET /readyz 200, and its resident memory.
 * Usage: npm run bench:nlu   (several minutes: nlp.js trains a classifier over 2,700 procedures)
 *        npm run bench:nlu -- --quick   (without nlp.js)
 * NLU_BENCH_PARTS=tune,catalogue-tune limits the evaluation parts (e.g. to keep held-out parts out of tuning runs).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { knownProcedures } from '../src/knowledge/known-procedures.js';
import { loadContentFromDir } from '../src/knowledge/loader.js';
import type { KnowledgeBase } from '../src/knowledge/schema.js';
import { judge, parseEvalFile, type CodeOwner, type EvalItem } from '../src/nlu/evaluate.js';
import { matchTarget } from '../src/nlu/match-target.js';
import { buildMatcher } from '../src/nlu/matcher.js';
import type { IntentName, Understanding } from '../src/nlu/types.js';
import { projectRoot } from '../src/paths.js';

const root = projectRoot();
const ALL_PARTS = ['tune', 'tune-2', 'holdout', 'catalogue-tune', 'catalogue-holdout'];
const PARTS = process.env.NLU_BENCH_PARTS ? process.env.NLU_BENCH_PARTS.split(',') : ALL_PARTS;

async function loadKb(): Promise<KnowledgeBase> {
  const loaded = await loadContentFromDir(join(root, 'intents'));
  if ('errors' in loaded) {
    for (const e of loaded.errors) console.error(`${e.file}:${e.line}: ${e.field}: ${e.message}`);
    process.exit(1);
  }
  return loaded.kb;
}

function parts(names: readonly string[]): { name: string; items: EvalItem[] }[] {
  const dir = join(root, 'test/fixtures/nlu-eval');
  return names.filter((n) => existsSync(join(dir, `${n}.jsonl`))).map((name) => ({ name, items: parseEvalFile(readFileSync(join(dir, `${name}.jsonl`), 'utf8')) }));
}

const mb = (x: number): string => (x / 1048576).toFixed(0);
const range = (xs: number[], digits = 0): string => (xs.length ? `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}` : '-');
const percentile = (sorted: Float64Array, p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

interface Timing {
  qps: number;
  cpuQps: number;
  p50: number;
  p99: number;
}

/** Latency per call in µs over `rounds` passes of the texts; queries per wall-clock second and per CPU-second. */
function timeIt(texts: string[], run: (t: string) => unknown, rounds: number, warmUp: number): Timing {
  for (let r = 0; r < warmUp; r++) for (const t of texts) run(t);
  const lat = new Float64Array(texts.length * rounds);
  let k = 0;
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) {
    for (const t of texts) {
      const s = process.hrtime.bigint();
      run(t);
      lat[k++] = Number(process.hrtime.bigint() - s) / 1000;
    }
  }
  const wallS = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  lat.sort();
  return { qps: lat.length / wallS, cpuQps: lat.length / ((cpu.user + cpu.system) / 1e6), p50: percentile(lat, 50), p99: percentile(lat, 99) };
}

// ---------------------------------------------------------------------------------------------------------
// --speed: run in a fresh child process of the compiled build, so its figures are the matcher's alone.
if (process.argv.includes('--speed')) {
  const kb = await loadKb();
  const builds: number[] = [];
  let matcher = buildMatcher(kb);
  for (let i = 0; i < 3; i++) {
    const t0 = process.hrtime.bigint();
    matcher = buildMatcher(kb);
    builds.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const texts = parts(PARTS).flatMap((p) => p.items.map((i) => i.text));
  // The machine is shared: one timing is at the mercy of whatever else runs. Five untimed passes let the JIT
  // settle, then five repeats of 10 passes; the best repeat is the matcher's own speed, the range the noise.
  const repeats: Timing[] = [timeIt(texts, (t) => matcher.understand(t), 10, 5)];
  for (let r = 1; r < 5; r++) repeats.push(timeIt(texts, (t) => matcher.understand(t), 10, 0));
  const best = repeats.reduce((x, y) => (y.cpuQps > x.cpuQps ? y : x));
  globalThis.gc?.();
  console.log(`matcher build with the whole catalogue (${knownProcedures(kb).list.length} procedures): ${range(builds)} ms over 3 builds`);
  console.log(`  ${Math.round(best.cpuQps)} queries per CPU-second on one core (best of 5 repeats of ${texts.length * 10} queries; all repeats ${range(repeats.map((r) => r.cpuQps))})`);
  console.log(`  ${range(repeats.map((r) => r.qps))} queries per wall-clock second; p50 ${range(repeats.map((r) => r.p50), 1)} µs, p99 ${range(repeats.map((r) => r.p99), 1)} µs`);
  console.log(`  this process (Node, content, one matcher): RSS ${mb(process.memoryUsage().rss)} MB`);
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------------------
const kb = await loadKb();
const known = knownProcedures(kb);
const owner: CodeOwner = (code) => known.byCode.get(code)?.id;
const evalParts = parts(PARTS);
const allItems = evalParts.flatMap((p) => p.items);
console.log(
  `content: ${kb.procedures.length} curated procedures, ${kb.catalogue?.records.length ?? 0} catalogue records (${known.list.length} procedures known), everyday words for ${Object.keys(kb.catalogueWords?.procedures ?? {}).length} codes`,
);
console.log(`evaluation: ${evalParts.map((p) => `${p.name} ${p.items.length}`).join(', ')}`);
console.log('nlp.js NlpManager trains on the same catalogue: minutes; --quick leaves it out.');

interface Score {
  right: number;
  wrong: number;
  total: number;
}

function scorePart(items: EvalItem[], understand: (t: string) => Understanding): Score {
  let right = 0;
  let wrong = 0;
  for (const item of items) {
    const v = judge(item, understand(item.text), owner);
    if (v === 'right') right++;
    else if (v === 'wrong') wrong++;
  }
  return { right, wrong, total: items.length };
}

/** A peer's label (procedure id or system intent id) turned into an Understanding the judge can read. */
function peerUnderstanding(text: string, label: string | null, confident: boolean): Understanding {
  const intent = label ? kb.intents.find((i) => i.id === label) : undefined;
  const procedure = label && !intent ? label : null;
  const answer = label !== null && confident;
  const code = procedure ? (known.byId.get(procedure)?.nationalCode ?? null) : null;
  return {
    text,
    decision: answer ? 'answer' : 'fallback',
    intent: answer ? (intent ? (intent.kind as IntentName) : 'procedure') : 'fallback',
    intentId: intent?.id ?? null,
    procedureId: answer ? procedure : null,
    nationalCode: answer ? code : null,
    aspect: null,
    dossierCode: null,
    confidence: answer ? 1 : 0,
    alternatives: [],
    language: 'vi',
    followUp: false,
    entities: {},
  };
}

/** The texts our matcher indexes per procedure: names, everyday keywords and phrasings (and, apart, the record context). */
function procedureTexts(): { label: string; texts: string[]; context: readonly string[] }[] {
  const out = known.list.map((k) => {
    const p = matchTarget(k, undefined, kb.catalogueWords);
    return { label: p.id, texts: [p.name.vi, ...(p.name.en ? [p.name.en] : []), ...p.keywords, ...p.phrasings], context: p.context };
  });
  for (const i of kb.intents) out.push({ label: i.id, texts: [...i.phrasings], context: [] });
  return out;
}

async function miniSearchPeer(): Promise<(t: string) => Understanding> {
  const { default: MiniSearch } = await import('minisearch');
  // One document per procedure, every text it has (the record context too): what a search engine is given.
  const docs = procedureTexts().map((d, id) => ({ id, label: d.label, text: d.texts.join(' \n '), context: d.context.join(' \n ') }));
  const ms = new MiniSearch<(typeof docs)[number]>({ fields: ['text', 'context'], storeFields: ['label'], searchOptions: { boost: { text: 3 } } });
  ms.addAll(docs);
  // Fallback below this score: the median top score of the curated phrasings searched against the index, halved.
  const tops = kb.procedures
    .flatMap((p) => p.phrasings.slice(0, 3))
    .map((t) => ms.search(t, { fuzzy: 0.2, prefix: true })[0]?.score ?? 0)
    .sort((a, b) => a - b);
  const threshold = (tops[Math.floor(tops.length / 2)] ?? 0) / 2;
  return (t) => {
    const hit = ms.search(t, { fuzzy: 0.2, prefix: true })[0];
    return peerUnderstanding(t, hit ? (hit.label as string) : null, (hit?.score ?? 0) >= threshold);
  };
}

async function nlpJsPeer(): Promise<{ understand: (t: string) => Understanding; trainS: number; timing: Timing }> {
  // node-nlp is CommonJS without types.
  const specifier = 'node-nlp';
  const { NlpManager } = (await import(specifier)) as {
    NlpManager: new (o: object) => {
      addDocument(l: string, t: string, i: string): void;
      train(): Promise<void>;
      process(l: string, t: string): Promise<{ intent: string; score: number }>;
    };
  };
  const manager = new NlpManager({ languages: ['vi'], forceNER: false, autoSave: false, nlu: { log: false } });
  // One training example per text (a classifier's input); the record context (some 30,000 more short texts)
  // would multiply a training time already counted in minutes.
  for (const d of procedureTexts()) for (const t of d.texts) manager.addDocument('vi', t, d.label);
  const t0 = process.hrtime.bigint();
  await manager.train();
  const trainS = Number(process.hrtime.bigint() - t0) / 1e9;
  // process() is async: resolve every message once (timed), then serve the answers synchronously for scoring.
  const cache = new Map<string, { intent: string; score: number }>();
  const lat: number[] = [];
  const cpu0 = process.cpuUsage();
  const w0 = process.hrtime.bigint();
  for (const i of allItems) {
    const s = process.hrtime.bigint();
    cache.set(i.text, await manager.process('vi', i.text));
    lat.push(Number(process.hrtime.bigint() - s) / 1000);
  }
  const wallS = Number(process.hrtime.bigint() - w0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const sorted = Float64Array.from(lat).sort();
  const timing = { qps: lat.length / wallS, cpuQps: lat.length / ((cpu.user + cpu.system) / 1e6), p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
  return {
    trainS,
    timing,
    understand: (t) => {
      const r = cache.get(t);
      return peerUnderstanding(t, r && r.intent !== 'None' ? r.intent : null, (r?.score ?? 0) >= 0.5);
    },
  };
}

const pct = (n: number, d: number): string => `${((100 * n) / Math.max(1, d)).toFixed(1)} %`;
function row(name: string, understand: (t: string) => Understanding): string {
  const cells = evalParts.map((p) => {
    const s = scorePart(p.items, understand);
    return `${pct(s.right, s.total).padStart(7)} ${pct(s.wrong, s.total).padStart(7)}`;
  });
  return `${name.padEnd(24)}${cells.join('  ')}`;
}

const ours = buildMatcher(kb);
console.log('');
console.log('accuracy by part: curated parts right / wrong; catalogue parts found / confidently wrong');
console.log(`${''.padEnd(24)}${evalParts.map((p) => p.name.padStart(15)).join('  ')}`);
console.log(row('ours (BM25F + lexicon)', (t) => ours.understand(t)));
const mini = await miniSearchPeer();
console.log(row('MiniSearch (fuzzy)', mini));
const miniTiming = timeIt(
  allItems.map((i) => i.text),
  mini,
  1,
  0,
);
const nlp = process.argv.includes('--quick') ? null : await nlpJsPeer();
if (nlp) console.log(row('nlp.js NlpManager', nlp.understand));
console.log('peers are given the same procedures: names, everyday keywords and phrasings (MiniSearch the record context too);');
console.log('they have no dossier-code extractor, no aspects and no clarify step (a clarification is what "found" counts besides answers).');
const nlpSpeed = nlp ? `nlp.js ${Math.round(nlp.timing.qps)} queries/s (p50 ${nlp.timing.p50.toFixed(0)} µs), trained in ${nlp.trainS.toFixed(0)} s` : 'nlp.js skipped (--quick)';
console.log(`peer speed: MiniSearch ${Math.round(miniTiming.qps)} queries/s (p50 ${miniTiming.p50.toFixed(0)} µs), ${nlpSpeed}`);

// Our speed in the compiled build, under plain node as production runs it.
console.log('');
console.log('our matcher, compiled build under plain node (a fresh process):');
const tsc = spawnSync(
  'npx',
  ['tsc', 'bench/nlu.ts', '--outDir', 'dist', '--rootDir', '.', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', '--esModuleInterop', '--resolveJsonModule', '--types', 'node'],
  { cwd: root, encoding: 'utf8' },
);
if (tsc.status !== 0) process.stderr.write(`compiling the bench failed:\n${tsc.stdout}${tsc.stderr}`);
else {
  const speed = spawnSync(process.execPath, ['--expose-gc', join(root, 'dist/bench/nlu.js'), '--speed'], { encoding: 'utf8' });
  process.stdout.write(speed.stdout);
  if (speed.status !== 0) process.stderr.write(speed.stderr);
}

// The bot: the command `npm start` runs once it has compiled (package.json "start"), from spawn to /readyz 200.
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function rssOf(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

function cpuOf(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

async function startOnce(command: string[]): Promise<{ readyMs: number; rss: number | null; cpuS: number | null } | null> {
  const port = await freePort();
  const t0 = process.hrtime.bigint();
  const { REDIS_URL: _redis, ...env } = process.env;
  const child = spawn(command[0]!, command.slice(1), { cwd: root, env: { ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' }, stdio: 'ignore' });
  try {
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) break;
      if (child.exitCode !== null) return null;
      await new Promise((r) => setTimeout(r, 20));
    }
    const readyMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const cpuS = cpuOf(child.pid!);
    // Resident memory of the running bot once it has settled after the start.
    await new Promise((r) => setTimeout(r, 1500));
    return { readyMs, rss: rssOf(child.pid!), cpuS };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

console.log('');
const startScript = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.start!;
console.log(`the bot (npm start's process: "${startScript}", after npm run build; simulator mode, in-memory store):`);
const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: root, encoding: 'utf8' });
if (build.status !== 0) process.stderr.write(`npm run build failed:\n${build.stdout}${build.stderr}`);
else {
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const r = await startOnce(startScript.split(/\s+/));
    if (r) runs.push(r);
  }
  console.log(`  start to ready (spawn to /readyz 200) ${range(runs.map((r) => r.readyMs))} ms over ${runs.length} starts; CPU used by then ${range(runs.map((r) => r.cpuS ?? 0), 2)} s`);
  console.log(`  RSS after ready (+1.5 s) ${range(runs.map((r) => (r.rss ?? 0) / 1048576))} MB`);
}
