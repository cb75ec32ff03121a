import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type i18n } from 'i18next';
import type { Language, Translate } from '../dialogue/types.js';

export const LANGUAGES: readonly Language[] = ['vi', 'en'];

/** Loads locales/<lng>/translation.json for every language; Vietnamese is the fallback. */
export async function createI18n(localesDir: string): Promise<i18n> {
  const resources: Record<string, { translation: Record<string, unknown> }> = {};
  for (const lng of LANGUAGES) {
    resources[lng] = { translation: JSON.parse(readFileSync(join(localesDir, lng, 'translation.json'), 'utf8')) };
  }
  const instance = i18next.createInstance();
  await instance.init({
    resources,
    lng: 'vi',
    fallbackLng: 'vi',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  } as Parameters<typeof instance.init>[0]);
  return instance;
}

export function translatorFor(instance: i18n): (lng: Language) => Translate {
  const cache = new Map<Language, Translate>();
  return (lng) => {
    let t = cache.get(lng);
    if (!t) {
      const fixed = instance.getFixedT(lng);
      t = (key, options) => String(fixed(key, options as never));
      cache.set(lng, t);
    }
    return t;
  };
}
