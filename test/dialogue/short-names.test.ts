import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContentFromDir } from '../../src/knowledge/loader.js';
import { MAX_BUTTON_TITLE, renderClarify } from '../../src/dialogue/index.js';
import type { Procedure } from '../../src/knowledge/schema.js';
import { loadTranslations } from './fixtures/i18n.js';

const intentsDir = fileURLToPath(new URL('../../intents', import.meta.url));

/** The real content: every procedure can appear as a clarify button, so every short name must tell it apart. */
describe('procedure short names in the content', async () => {
  const loaded = await loadContentFromDir(intentsDir);
  if (!('kb' in loaded)) throw new Error(`content does not load: ${JSON.stringify(loaded.errors.slice(0, 3))}`);
  const procedures: Procedure[] = loaded.kb.procedures;

  it('every procedure has a short name in both languages that fits a button', () => {
    const without = procedures.filter((p) => !p.shortName?.vi || !p.shortName.en).map((p) => p.id);
    expect(without).toEqual([]);
    for (const p of procedures) {
      expect(Array.from(p.shortName!.vi).length).toBeLessThanOrEqual(MAX_BUTTON_TITLE);
      expect(Array.from(p.shortName!.en!).length).toBeLessThanOrEqual(MAX_BUTTON_TITLE);
    }
  });

  for (const lang of ['vi', 'en'] as const) {
    it(`short names are distinct in ${lang}`, () => {
      const seen = new Map<string, string>();
      const clashes: string[] = [];
      for (const p of procedures) {
        const key = p.shortName![lang]!.toLocaleLowerCase(lang);
        if (seen.has(key)) clashes.push(`${seen.get(key)} / ${p.id}: ${key}`);
        seen.set(key, p.id);
      }
      expect(clashes).toEqual([]);
    });
  }

  it('a clarify between similar procedures shows their short names, untruncated', async () => {
    const t = (await loadTranslations())('vi');
    const byId = new Map(procedures.map((p) => [p.id, p]));
    const similar = ['dang-ky-khai-sinh', 'khai-sinh-yeu-to-nuoc-ngoai', 'lien-thong-khai-sinh'].map((id) => byId.get(id)!);
    const r = renderClarify(similar, null, 'vi', t);
    expect(r.buttons.slice(0, 3).map((b) => b.title)).toEqual(similar.map((p) => p.shortName!.vi));
    expect(r.buttons.every((b) => !b.title.endsWith('…'))).toBe(true);
  });
});
