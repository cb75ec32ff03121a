import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CATALOGUE_SNAPSHOT } from '../../src/knowledge/catalogue-snapshot.js';
import { loadContentFromDir } from '../../src/knowledge/loader.js';
import type { KnowledgeBase } from '../../src/knowledge/schema.js';

const root = join(import.meta.dirname, '../..');
export const INTENTS_DIR = join(root, 'intents');
/** 13 real records of several shapes, cut from intents/catalogue/national.json.gz (see test/fixtures/catalogue/README.md). */
export const SAMPLE_SNAPSHOT = join(root, 'test/fixtures/catalogue/sample.json.gz');

/**
 * A copy of intents/ in a temporary directory: the curated content as shipped, with the official tier cut to
 * the sample records (or left out). Loading the whole catalogue takes seconds; tests of the wiring, the
 * console or the dialogue do not need all 2,625 procedures. Tests of the matcher's accuracy load intents/.
 */
export function copyContent(catalogue: 'sample' | 'none' = 'sample'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'content-'));
  for (const part of ['procedures', 'system', 'lexicon.yaml']) cpSync(join(INTENTS_DIR, part), join(dir, part), { recursive: true });
  if (catalogue === 'sample') {
    mkdirSync(join(dir, 'catalogue'), { recursive: true });
    cpSync(SAMPLE_SNAPSHOT, join(dir, CATALOGUE_SNAPSHOT));
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

let shared: string | undefined;

/** One sample-catalogue copy per test process, removed when it exits. */
export function sharedContentDir(): string {
  if (!shared) {
    const copy = copyContent('sample');
    shared = copy.dir;
    process.once('exit', copy.remove);
  }
  return shared;
}

let shipped: Promise<KnowledgeBase> | undefined;

/** The content as shipped (intents/, the whole catalogue), loaded once per test process: for accuracy tests. */
export function shippedKnowledge(): Promise<KnowledgeBase> {
  shipped ??= loadContentFromDir(INTENTS_DIR).then((res) => {
    if ('errors' in res) throw new Error(`the shipped content does not load: ${JSON.stringify(res.errors).slice(0, 500)}`);
    return res.kb;
  });
  return shipped;
}
