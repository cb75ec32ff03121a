/**
 * Lists every curated fact that disagrees with the official record it names: the national code, the name, the
 * fee and the processing time (src/knowledge/content-check.ts). Exits 1 when a national code names another
 * procedure (or the content does not load), 0 otherwise: the other disagreements are for an editor to settle.
 *
 *   npm run -s content:check [-- --dir PATH] [--json]      PATH: an intents/ directory (default: the project's)
 */
import { join } from 'node:path';
import { checkContent, type Disagreement } from '../src/knowledge/content-check.js';
import { loadContentFromDir } from '../src/knowledge/loader.js';
import { projectRoot } from '../src/paths.js';

const FACT_WORDS: Record<Disagreement['fact'], string> = { nationalCode: 'names another procedure', name: 'name', fee: 'fee', duration: 'time limit' };

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const at = args.indexOf('--dir');
  const dir = at >= 0 && args[at + 1] ? args[at + 1]! : join(projectRoot(), 'intents');
  const loaded = await loadContentFromDir(dir);
  if ('errors' in loaded) {
    for (const e of loaded.errors.slice(0, 20)) console.error(`${e.file}:${e.line}: ${e.field}: ${e.message}`);
    console.error(`content:check: the content in ${dir} does not load (${loaded.errors.length} error(s)); run content:validate`);
    return 1;
  }
  const { kb } = loaded;
  const check = checkContent(kb.procedures, kb.catalogue, kb.lexicon);
  const errors = check.disagreements.filter((d) => d.severity === 'error');
  if (args.includes('--json')) {
    console.log(JSON.stringify(check, null, 2));
    return errors.length ? 1 : 0;
  }
  const source = kb.catalogue ? `${kb.catalogue.records.length} records, ${kb.catalogue.source.kind} ${kb.catalogue.source.location}, read ${kb.catalogue.source.retrievedAt}` : 'no catalogue loaded';
  console.log(`curated pages against the official catalogue (${source})`);
  console.log(`disagreements: ${check.disagreements.length} (${errors.length} national code(s) naming another procedure)`);
  for (const d of check.disagreements) {
    const where = d.role === 'alsoCovers' ? `${d.nationalCode} (also covers)` : d.nationalCode;
    console.log(`  ${d.severity === 'error' ? 'ERROR  ' : 'differs'}  ${d.procedureId}  ${where}  ${FACT_WORDS[d.fact]}`);
    console.log(`           curated:  ${d.curated}`);
    console.log(`           official: ${d.official}`);
  }
  if (check.unchecked.length) {
    console.log(`not in the catalogue, not checked: ${check.unchecked.length} code(s): ${check.unchecked.map((u) => `${u.nationalCode} (${u.procedureId})`).join(', ')}`);
  }
  console.log(`pages that agree with every record they name: ${check.agreeing}`);
  return errors.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`content:check failed: ${(err as Error).message}`);
    process.exit(1);
  },
);
