import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../../', import.meta.url));
const systemDir = join(root, 'intents/system');
const LANGUAGES = ['vi', 'en'] as const;
/** The namespaces the dialogue speaks from; both languages must offer exactly the same keys. */
const SHARED_NAMESPACES = ['common', 'help', 'dialogue', 'answer', 'smalltalk', 'complaints', 'contacts', 'welcome', 'media', 'handback'];

type Tree = { [key: string]: unknown };

const locales = Object.fromEntries(
  LANGUAGES.map((lang) => [lang, JSON.parse(readFileSync(join(root, `locales/${lang}/translation.json`), 'utf8')) as Tree]),
) as Record<(typeof LANGUAGES)[number], Tree>;

function lookup(tree: Tree, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Tree)[part] : undefined), tree);
}

/** Plural forms differ by language (Vietnamese has one, English two), so "x_one"/"x_other" count as "x". */
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

function baseKeys(node: unknown, prefix: string): string[] {
  return [...new Set(leafKeys(node, prefix).map((k) => k.replace(PLURAL_SUFFIX, '')))].sort();
}

function leafKeys(node: unknown, prefix: string): string[] {
  if (!node || typeof node !== 'object') return [prefix];
  return Object.entries(node as Tree).flatMap(([k, v]) => leafKeys(v, `${prefix}.${k}`));
}

const systemIntents = readdirSync(systemDir)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort()
  .map((f) => ({ file: f, intent: parse(readFileSync(join(systemDir, f), 'utf8')) as { id: string; replyKey: string } }));

describe('locale coverage', () => {
  it('finds the system intents, out-of-scope topics included', () => {
    expect(systemIntents.length).toBeGreaterThan(10);
    expect(systemIntents.filter((s) => s.intent.id.startsWith('out_of_scope.')).length).toBeGreaterThanOrEqual(10);
  });

  for (const lang of LANGUAGES) {
    it(`every system intent's replyKey resolves to a non-empty text in ${lang}`, () => {
      const missing = systemIntents.filter(({ intent }) => {
        const text = lookup(locales[lang], intent.replyKey);
        return typeof text !== 'string' || text.trim().length === 0;
      });
      expect(missing.map((m) => `${m.file}: ${m.intent.replyKey}`)).toEqual([]);
    });
  }

  for (const ns of SHARED_NAMESPACES) {
    it(`vi and en offer the same keys under "${ns}"`, () => {
      expect(locales.vi[ns], `vi has no ${ns}`).toBeTypeOf('object');
      const vi = baseKeys(locales.vi[ns], ns);
      const en = baseKeys(locales.en[ns], ns);
      expect(en.filter((k) => !vi.includes(k)), 'in en only').toEqual([]);
      expect(vi.filter((k) => !en.includes(k)), 'in vi only').toEqual([]);
    });
  }
});
