import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { renderDossierCodeInvalid, renderGreeting } from '../../src/dialogue/render-system.js';
import { createI18n, translatorFor } from '../../src/i18n/i18n.js';
import { SentenceOverrides } from '../../src/i18n/overrides.js';
import { SentenceOverride, placeholders } from '../../src/knowledge/sentences.js';
import type { Language, Translate } from '../../src/dialogue/types.js';

const localesDir = fileURLToPath(new URL('../../locales', import.meta.url));

let overrides: SentenceOverrides;
let tFor: (lng: Language) => Translate;
beforeEach(async () => {
  const i18n = await createI18n(localesDir);
  overrides = new SentenceOverrides(i18n);
  tFor = translatorFor(i18n);
});

describe('system sentences overridden by admins, the locale files as defaults', () => {
  it('an override replaces the sentence the bot sends; removing it restores the default', () => {
    const before = renderGreeting('vi', tFor('vi')).text;
    const result = overrides.apply([{ id: 'smalltalk.greeting', text: { vi: 'Chào anh/chị, Trung tâm Phục vụ hành chính công tỉnh xin nghe.' } }]);
    expect(result).toEqual({ applied: ['smalltalk.greeting'], rejected: [] });
    expect(renderGreeting('vi', tFor('vi')).text).toBe('Chào anh/chị, Trung tâm Phục vụ hành chính công tỉnh xin nghe.');
    // No English given: the English default stays.
    expect(renderGreeting('en', tFor('en')).text).toMatch(/^Hello!/);
    overrides.apply([]);
    expect(renderGreeting('vi', tFor('vi')).text).toBe(before);
  });

  it('an override keeps the placeholders the bot fills in, and is refused (the default stays) when it drops one', () => {
    overrides.apply([{ id: 'dialogue.dossierCodeInvalid', text: { vi: 'Mã chưa đúng. Mã hồ sơ có dạng {{example}}.' } }]);
    expect(renderDossierCodeInvalid('vi', tFor('vi')).text).toBe('Mã chưa đúng. Mã hồ sơ có dạng 000.00.53.H48-220921-0099.');
    const bad = overrides.apply([{ id: 'dialogue.dossierCodeInvalid', text: { vi: 'Mã chưa đúng, ví dụ {{code}}.' } }]);
    expect(bad.applied).toEqual([]);
    expect(bad.rejected[0]!.errors.map((e) => e.message).join(' ')).toMatch(/keep \{\{example\}\}.*\{\{code\}\} is not filled in/);
    // Refused: the default is back, placeholders filled in.
    expect(renderDossierCodeInvalid('vi', tFor('vi')).text).toContain('Tôi chưa nhận ra mã hồ sơ');
    expect(renderDossierCodeInvalid('vi', tFor('vi')).text).not.toContain('{{');
  });

  it('refuses a key the locale files do not have', () => {
    expect(overrides.apply([{ id: 'smalltalk.no_such_sentence', text: { vi: 'x' } }]).rejected).toEqual([
      { id: 'smalltalk.no_such_sentence', errors: [{ field: 'id', message: 'no system sentence "smalltalk.no_such_sentence" in the locale files' }] },
    ]);
    expect(overrides.keys()).toContain('smalltalk.handoff');
    expect(overrides.get('smalltalk.handoff')?.vi).toContain('cán bộ');
  });

  it('the schema names the field at fault', () => {
    expect(SentenceOverride.safeParse({ id: 'Smalltalk', text: { vi: 'x' } }).success).toBe(false);
    expect(SentenceOverride.safeParse({ id: 'smalltalk.greeting', text: { vi: '  ' } }).error?.issues[0]?.path).toEqual(['text', 'vi']);
    expect(SentenceOverride.safeParse({ id: 'smalltalk.greeting', text: { vi: 'x', fr: 'y' } }).success).toBe(false);
    expect(placeholders('Ví dụ {{example}} và {{ count }}, {{example}}')).toEqual(['count', 'example']);
  });
});
