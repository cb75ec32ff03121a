/**
 * Validates content files against the knowledge schema and prints one line per problem
 * (file, line, field). Usage: npx tsx scripts/validate-content.ts [files...] (default: every file in intents/).
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, LineCounter } from 'yaml';
import { Procedure, SystemIntent, Lexicon } from '../src/knowledge/schema.js';
import { CATALOGUE_SNAPSHOT, readSnapshot } from '../src/knowledge/catalogue-snapshot.js';

function listDefault(): string[] {
  const out: string[] = [];
  for (const dir of ['intents/procedures', 'intents/system']) {
    if (existsSync(dir)) for (const f of readdirSync(dir)) if (f.endsWith('.yaml')) out.push(join(dir, f));
  }
  if (existsSync('intents/lexicon.yaml')) out.push('intents/lexicon.yaml');
  return out;
}

const files = process.argv.slice(2).length ? process.argv.slice(2) : listDefault();
let bad = 0;
const ids = new Set<string>();
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc });
  if (doc.errors.length) {
    for (const e of doc.errors) console.log(`${file}:${e.linePos?.[0]?.line ?? '?'}: YAML ${e.message.split('\n')[0]}`);
    bad++;
    continue;
  }
  const schema = file.includes('/procedures/') ? Procedure : file.includes('/system/') ? SystemIntent : Lexicon;
  const res = schema.safeParse(doc.toJS());
  if (!res.success) {
    bad++;
    for (const issue of res.error.issues) {
      const node = doc.getIn(issue.path as (string | number)[], true) as { range?: [number, number] } | undefined;
      const line = node?.range ? lc.linePos(node.range[0]).line : '?';
      console.log(`${file}:${line}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    }
  } else if ('id' in res.data) {
    const id = (res.data as { id: string }).id;
    if (file.includes('/procedures/') && !file.endsWith(`/${id}.yaml`)) { console.log(`${file}: id ${id} does not match the file name`); bad++; }
    if (ids.has(id)) { console.log(`${file}: duplicate id ${id}`); bad++; }
    ids.add(id);
  }
}
// The official tier, when it is there (intents/catalogue/national.json.gz, written by catalogue:import).
const snapshot = join('intents', CATALOGUE_SNAPSHOT);
let checked = files.length;
if (process.argv.length <= 2 && existsSync(snapshot)) {
  checked++;
  const read = readSnapshot(readFileSync(snapshot));
  if ('problems' in read) {
    bad++;
    for (const p of read.problems) console.log(`${snapshot}: ${p.record}: ${p.field}: ${p.message}`);
  }
}
console.log(`${checked} files checked, ${bad} with problems`);
process.exit(bad ? 1 : 0);
