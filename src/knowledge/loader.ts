import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { CATALOGUE_SNAPSHOT, readSnapshot, readTrustedSnapshot } from './catalogue-snapshot.js';
import { ParseCache } from './parse-cache.js';
import { CatalogueWordsFile, mergeCatalogueWords } from './catalogue-words.js';
import type { OfficialCatalogue } from './official.js';
import { Lexicon, Procedure, SystemIntent, type KnowledgeBase } from './schema.js';
import { SentenceOverride } from './sentences.js';
import { ContactPoint } from '../contacts/schema.js';

/** One problem in one content file, precise enough for an editor to fix it. */
export interface ContentError {
  file: string;
  /** 1-based line; 0 when the problem is not tied to a line (a missing file). */
  line: number;
  /** Dotted path of the field, e.g. "fees.1.amountVnd"; "(root)" for the whole file. */
  field: string;
  message: string;
}

export type LoadResult = { kb: KnowledgeBase } | { errors: ContentError[] };

interface SourceFile {
  /** Path shown in errors (relative to the content directory). */
  name: string;
  text: string;
}

/** The official tier's snapshot (catalogue/national.json.gz), as bytes. */
export interface CatalogueFileBytes {
  name: string;
  bytes: Buffer;
}

type Parsed<T> = { value: T; file: string; lineOf: (path: (string | number)[]) => number } | null;

/**
 * The parse cache of the load in progress (see loadContentFromDir): a file's path decides its schema, so its
 * path and text are the key of its validated value.
 */
let activeCache: ParseCache | null = null;
/** Set when a load took a value from the cache (its line numbers are then unknown, see loadContentFromDir). */
let cacheHits = 0;

function parseFile<S extends z.ZodType>(src: SourceFile, schema: S, errors: ContentError[]): Parsed<z.infer<S>> {
  const key = activeCache ? ParseCache.key(src.name, src.text) : '';
  const cached = activeCache?.get(key);
  if (cached !== undefined) {
    cacheHits++;
    return { value: cached as z.infer<S>, file: src.name, lineOf: () => 0 };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(src.text, { lineCounter, prettyErrors: false });
  if (doc.errors.length) {
    for (const e of doc.errors) {
      errors.push({ file: src.name, line: e.linePos?.[0]?.line ?? lineCounter.linePos(e.pos[0]).line, field: '(yaml)', message: e.message.split('\n')[0] ?? e.message });
    }
    return null;
  }
  // The deepest node that exists: a missing field points at its parent object.
  const lineOf = (path: (string | number)[]): number => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
      const range = (node as { range?: [number, number] } | null | undefined)?.range;
      if (range) return lineCounter.linePos(range[0]).line;
    }
    return 1;
  };
  const res = schema.safeParse(doc.toJS());
  if (res.success) {
    activeCache?.set(key, res.data);
    return { value: res.data, file: src.name, lineOf };
  }
  for (const issue of res.error.issues) {
    const path = issue.path as (string | number)[];
    errors.push({ file: src.name, line: lineOf(path), field: path.length ? path.join('.') : '(root)', message: issue.message });
  }
  return null;
}

/**
 * Validates and assembles a knowledge base from in-memory files: every schema problem and every
 * cross-file problem (duplicate ids, unknown `related` ids, file name ≠ id) is collected, not just the first.
 */
export function assembleContent(
  procedureFiles: SourceFile[],
  intentFiles: SourceFile[],
  lexiconFile: SourceFile | null,
  catalogueFile: CatalogueFileBytes | null = null,
  contactFiles: SourceFile[] = [],
  sentenceFiles: SourceFile[] = [],
): LoadResult {
  const errors: ContentError[] = [];
  let catalogue: OfficialCatalogue | undefined;
  if (catalogueFile) {
    // A snapshot validated by an earlier load (same bytes, same code) is only parsed.
    const key = activeCache ? ParseCache.key(catalogueFile.name, catalogueFile.bytes) : '';
    const trusted = activeCache?.get(key) === true;
    const read = trusted ? readTrustedSnapshot(catalogueFile.bytes) : readSnapshot(catalogueFile.bytes);
    if (!trusted && 'catalogue' in read) activeCache?.set(key, true);
    if ('problems' in read) for (const p of read.problems) errors.push({ file: catalogueFile.name, line: 0, field: `${p.record}.${p.field}`, message: p.message });
    else catalogue = read.catalogue;
  }
  const procedures = procedureFiles.map((f) => parseFile(f, Procedure, errors)).filter((p) => p !== null);
  const intents = intentFiles.map((f) => parseFile(f, SystemIntent, errors)).filter((p) => p !== null);
  const sentences = sentenceFiles.map((f) => parseFile(f, SentenceOverride, errors)).filter((p) => p !== null);
  const contacts = contactFiles.map((f) => parseFile(f, ContactPoint, errors)).filter((p) => p !== null);
  let lexicon: Lexicon | null = null;
  if (lexiconFile) lexicon = parseFile(lexiconFile, Lexicon, errors)?.value ?? null;
  else errors.push({ file: 'lexicon.yaml', line: 0, field: '(root)', message: 'lexicon.yaml is missing' });

  const checkIds = (items: NonNullable<Parsed<{ id: string }>>[]): void => {
    const seen = new Map<string, string>();
    for (const { value, file, lineOf } of items) {
      const expected = basename(file).replace(/\.ya?ml$/, '');
      if (expected !== value.id) errors.push({ file, line: lineOf(['id']), field: 'id', message: `id "${value.id}" does not match the file name "${expected}"` });
      const other = seen.get(value.id);
      if (other) errors.push({ file, line: lineOf(['id']), field: 'id', message: `duplicate id "${value.id}" (also in ${other})` });
      seen.set(value.id, file);
    }
  };
  checkIds(procedures);
  checkIds(intents);
  checkIds(sentences);
  checkIds(contacts);
  const ids = new Set(procedures.map((p) => p.value.id));
  const codeOwner = new Map<string, string>();
  for (const { value, file, lineOf } of procedures) {
    value.related.forEach((rel, i) => {
      if (!ids.has(rel)) errors.push({ file, line: lineOf(['related', i]), field: `related.${i}`, message: `related procedure "${rel}" does not exist` });
    });
    // One national code, one curated page: two pages claiming a code would make the answer a coin toss.
    const codes: [string, (string | number)[]][] = [];
    if (value.nationalCode) codes.push([value.nationalCode, ['nationalCode']]);
    (value.alsoCovers ?? []).forEach((c, i) => codes.push([c, ['alsoCovers', i]]));
    for (const [code, path] of codes) {
      const owner = codeOwner.get(code);
      if (owner && owner !== value.id) errors.push({ file, line: lineOf(path), field: path.join('.'), message: `national code ${code} is already claimed by "${owner}"` });
      codeOwner.set(code, value.id);
    }
  }
  if (errors.length || !lexicon) return { errors };

  const hash = createHash('sha256');
  for (const f of [...procedureFiles, ...intentFiles, ...contactFiles, lexiconFile!, ...sentenceFiles]) hash.update(f.name).update('\0').update(f.text).update('\0');
  if (catalogueFile) hash.update(catalogueFile.name).update('\0').update(catalogueFile.bytes);
  const kb: KnowledgeBase = {
    procedures: procedures.map((p) => p.value).sort((a, b) => a.id.localeCompare(b.id)),
    intents: intents.map((p) => p.value).sort((a, b) => a.id.localeCompare(b.id)),
    ...(sentences.length ? { sentences: sentences.map((p) => p.value).sort((a, b) => a.id.localeCompare(b.id)) } : {}),
    lexicon,
    contacts: contacts.map((c) => c.value).sort((a, b) => a.id.localeCompare(b.id)),
    version: hash.digest('hex').slice(0, 12),
  };
  if (catalogue) kb.catalogue = catalogue;
  return { kb };
}

async function readYamlDir(dir: string, prefix: string): Promise<SourceFile[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const yamls = names.filter((n) => /\.ya?ml$/.test(n)).sort();
  return Promise.all(yamls.map(async (n) => ({ name: `${prefix}/${n}`, text: await readFile(join(dir, n), 'utf8') })));
}

async function readCatalogueFile(dir: string): Promise<CatalogueFileBytes | null> {
  try {
    return { name: CATALOGUE_SNAPSHOT, bytes: await readFile(join(dir, CATALOGUE_SNAPSHOT)) };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * Reads intents/procedures/*.yaml, intents/system/*.yaml, intents/contacts/*.yaml, intents/lexicon.yaml, the
 * sentence overrides in intents/sentences/*.yaml and, when present, the official catalogue
 * intents/catalogue/national.json.gz under `dir` (the intents directory) and validates them. A broken file
 * yields errors naming the file, the line (or the record) and the field.
 */
export async function loadContentFromDir(dir: string, options: { cacheDir?: string | null } = {}): Promise<LoadResult> {
  const [procedureFiles, intentFiles, catalogueFile, contactFiles, wordFiles, sentenceFiles] = await Promise.all([
    readYamlDir(join(dir, 'procedures'), 'procedures'),
    readYamlDir(join(dir, 'system'), 'system'),
    readCatalogueFile(dir),
    readYamlDir(join(dir, 'contacts'), 'contacts'),
    readYamlDir(join(dir, CATALOGUE_WORDS_DIR), CATALOGUE_WORDS_DIR),
    readYamlDir(join(dir, 'sentences'), 'sentences'),
  ]);
  let lexiconFile: SourceFile | null = null;
  try {
    lexiconFile = { name: 'lexicon.yaml', text: await readFile(join(dir, 'lexicon.yaml'), 'utf8') };
  } catch {
    lexiconFile = null;
  }
  const assemble = (): LoadResult => withCatalogueWords(assembleContent(procedureFiles, intentFiles, lexiconFile, catalogueFile, contactFiles, sentenceFiles), wordFiles);
  if (!options.cacheDir) return assemble();
  // With a parse cache, unchanged files are not parsed again. The parsing is synchronous, so the cache is the
  // only one active meanwhile. Problems are reported from a load without it, so that every line is exact.
  activeCache = new ParseCache(options.cacheDir);
  cacheHits = 0;
  let result: LoadResult;
  try {
    result = assemble();
    if ('kb' in result) activeCache.save();
  } finally {
    activeCache = null;
  }
  return 'errors' in result && cacheHits > 0 ? assemble() : result;
}

/** Where the everyday words for the catalogue live, relative to the content directory. */
export const CATALOGUE_WORDS_DIR = 'catalogue/words';

/**
 * Adds the catalogue's everyday words (catalogue/words/*.yaml) to an assembled knowledge base; their problems
 * join the content's. The version covers them, so a change of words alone is a new version.
 */
export function withCatalogueWords(result: LoadResult, files: SourceFile[]): LoadResult {
  if (files.length === 0) return result;
  const errors: ContentError[] = 'errors' in result ? [...result.errors] : [];
  const parsed = files.map((f) => parseFile(f, CatalogueWordsFile, errors)).filter((p) => p !== null);
  if ('errors' in result || errors.length) return { errors };
  const hash = createHash('sha256').update(result.kb.version);
  for (const f of files) hash.update('\0').update(f.name).update('\0').update(f.text);
  return { kb: { ...result.kb, catalogueWords: mergeCatalogueWords(parsed.map((p) => p.value)), version: hash.digest('hex').slice(0, 12) } };
}
