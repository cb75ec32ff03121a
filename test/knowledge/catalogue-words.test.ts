import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { lexiconWithCatalogueWords, mergeCatalogueWords, CatalogueWordsFile } from '../../src/knowledge/catalogue-words.js';
import { knownProcedures } from '../../src/knowledge/known-procedures.js';
import { CATALOGUE_WORDS_DIR, loadContentFromDir, withCatalogueWords, type LoadResult } from '../../src/knowledge/loader.js';
import type { KnowledgeBase } from '../../src/knowledge/schema.js';
import { matchTarget } from '../../src/nlu/match-target.js';
import { INTENTS_DIR } from '../support/content.js';

const wordsDir = join(INTENTS_DIR, CATALOGUE_WORDS_DIR);
const base = (): LoadResult => ({ kb: { procedures: [], intents: [], lexicon: { abbreviations: { dk: 'dang ky' }, synonyms: [['so do', 'land title']], aspects: { overview: ['la gi'], documents: ['giay to'], fee: ['le phi'], duration: ['bao lau'], place: ['o dau'], online: ['online'], steps: ['cac buoc'], result: ['ket qua'], legal: ['can cu phap ly'] }, stopwords: [], generic: [], references: [], circumstances: [] }, version: 'v1' } });

describe('catalogue words files', () => {
  it('a valid file joins the knowledge base, and the version covers it', () => {
    const text = 'fields: [Thú y]\nwords: [heo, gia súc]\nsynonyms:\n  - [heo, pig]\nabbreviations:\n  gtgt: gia tri gia tang\nprocedures:\n  - codes: ["1.002338", "2.000873"]\n    keywords: [kiểm dịch heo]\n    phrasings: [chở heo ra tỉnh khác cần giấy gì]\n';
    const res = withCatalogueWords(base(), [{ name: 'catalogue/words/thu-y.yaml', text }]);
    if ('errors' in res) throw new Error(JSON.stringify(res.errors));
    expect(res.kb.version).not.toBe('v1');
    expect(res.kb.catalogueWords).toEqual({
      fields: { 'Thú y': ['heo', 'gia súc'] },
      procedures: { '1.002338': { keywords: ['kiểm dịch heo'], phrasings: ['chở heo ra tỉnh khác cần giấy gì'] }, '2.000873': { keywords: ['kiểm dịch heo'], phrasings: ['chở heo ra tỉnh khác cần giấy gì'] } },
      synonyms: [['heo', 'pig']],
      abbreviations: { gtgt: 'gia tri gia tang' },
    });
    const other = withCatalogueWords(base(), [{ name: 'catalogue/words/thu-y.yaml', text: text.replace('kiểm dịch heo', 'kiểm dịch lợn') }]);
    expect('kb' in other && other.kb.version).not.toBe(res.kb.version);
  });

  it('a broken file is an error naming the file, the line and the field, and nothing of it is used', () => {
    // Unquoted, YAML reads a code as a number; an unknown key is a typo.
    const res = withCatalogueWords(base(), [{ name: 'catalogue/words/x.yaml', text: 'fields: [Thuế]\nprocedures:\n  - codes: [1.008498]\n    keywords: [mã số thuế]\n' }]);
    expect(res).toEqual({ errors: [expect.objectContaining({ file: 'catalogue/words/x.yaml', line: 3, field: 'procedures.0.codes.0' })] });
    const typo = withCatalogueWords(base(), [{ name: 'catalogue/words/y.yaml', text: 'procedures:\n  - codes: ["1.008498"]\n    keyword: [mã số thuế]\n' }]);
    expect(typo).toEqual({ errors: [expect.objectContaining({ file: 'catalogue/words/y.yaml', field: 'procedures.0' })] });
    // The content's own errors are kept.
    const both = withCatalogueWords({ errors: [{ file: 'lexicon.yaml', line: 0, field: '(root)', message: 'missing' }] }, [{ name: 'catalogue/words/y.yaml', text: 'words: heo\n' }]);
    expect('errors' in both && both.errors.map((e) => e.file)).toEqual(['lexicon.yaml', 'catalogue/words/y.yaml']);
  });

  it('merged words feed the lexicon after the curated rules, which win a conflict', () => {
    const words = mergeCatalogueWords([CatalogueWordsFile.parse({ synonyms: [['heo', 'pig']], abbreviations: { dk: 'dang kiem', gtgt: 'gia tri gia tang' } })]);
    const start = base();
    if (!('kb' in start)) throw new Error('base');
    const lexicon = lexiconWithCatalogueWords(start.kb.lexicon, words);
    expect(lexicon.synonyms).toEqual([['so do', 'land title'], ['heo', 'pig']]);
    expect(lexicon.abbreviations).toEqual({ dk: 'dang ky', gtgt: 'gia tri gia tang' });
  });
});

describe('the shipped catalogue words', () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    const res = await loadContentFromDir(INTENTS_DIR);
    if ('errors' in res) throw new Error(JSON.stringify(res.errors.slice(0, 3)));
    kb = res.kb;
  }, 120_000);

  it('every file parses, and names only codes of catalogue procedures that no curated page answers', () => {
    const files = readdirSync(wordsDir).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(10);
    const known = knownProcedures(kb);
    const fields = new Set(kb.catalogue!.records.map((r) => r.field));
    for (const f of files) {
      const file = CatalogueWordsFile.parse(parse(readFileSync(join(wordsDir, f), 'utf8')));
      for (const field of file.fields) expect(fields.has(field), `${f}: field ${field}`).toBe(true);
      for (const entry of file.procedures) {
        for (const code of entry.codes) {
          const p = known.byCode.get(code);
          expect(p, `${f}: ${code} is not in the catalogue`).toBeDefined();
          expect(p!.curated, `${f}: ${code} is answered by the curated page ${p!.id}`).toBeUndefined();
        }
      }
    }
  });

  it('a catalogue procedure brings its everyday words, its record and its field words to the matcher', () => {
    const p = knownProcedures(kb).byCode.get('1.011443')!;
    const target = matchTarget(p, undefined, kb.catalogueWords);
    expect(target.keywords).toContain('xóa thế chấp sổ đỏ');
    expect(target.phrasings.length).toBeGreaterThan(0);
    expect(target.context).toContain('Đăng ký biện pháp bảo đảm');
    expect(target.context).toEqual(expect.arrayContaining(kb.catalogueWords!.fields['Đăng ký biện pháp bảo đảm']!));
    // Curated pages keep their own words only.
    const curated = knownProcedures(kb).byId.get('dang-ky-tam-tru')!;
    expect(matchTarget(curated, undefined, kb.catalogueWords).context).toEqual([]);
  });
});
