import { z } from 'zod';

/**
 * System sentences (greeting, hand-off, out of scope, welcome, dossier replies, …) live in locales/<lng> as
 * defaults; admins override them as content. An override names the locale key it replaces and keeps every
 * placeholder of the default ("{{example}}"), so the code that fills them in still can.
 */
export const SentenceKey = z
  .string()
  .regex(/^[a-z][A-Za-z0-9_]*(\.[A-Za-z0-9_-]+)+$/, 'a locale key such as smalltalk.greeting')
  .max(120);

const SentenceText = z.string().trim().min(1, 'the sentence is empty').max(2000, 'at most 2,000 characters (one Zalo message)');

export const SentenceOverride = z
  .object({
    id: SentenceKey,
    /** The Vietnamese sentence; English only when it should change too (the English default stays otherwise). */
    text: z.object({ vi: SentenceText, en: SentenceText.optional() }).strict(),
  })
  .strict();
export type SentenceOverride = z.infer<typeof SentenceOverride>;

/** The default texts of one key, per language. */
export interface SentenceDefaults {
  get(key: string): { vi?: string; en?: string } | undefined;
  keys(): string[];
}

const PLACEHOLDER = /\{\{\s*-?\s*([A-Za-z0-9_.]+)(?:\s*,[^}]*)?\s*\}\}/g;

/** The names of the placeholders a sentence uses, sorted, without repeats. */
export function placeholders(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(PLACEHOLDER), (m) => m[1]!))].sort();
}

/** What keeps an override from standing in for its default: an unknown key, or placeholders lost or invented. */
export function checkOverride(o: SentenceOverride, defaults: SentenceDefaults): { field: string; message: string }[] {
  const base = defaults.get(o.id);
  if (!base) return [{ field: 'id', message: `no system sentence "${o.id}" in the locale files` }];
  const errors: { field: string; message: string }[] = [];
  for (const lng of ['vi', 'en'] as const) {
    const text = o.text[lng];
    const original = base[lng];
    if (text === undefined) continue;
    if (original === undefined) {
      errors.push({ field: `text.${lng}`, message: `this sentence has no ${lng === 'vi' ? 'Vietnamese' : 'English'} default to replace` });
      continue;
    }
    const want = placeholders(original);
    const got = placeholders(text);
    const missing = want.filter((p) => !got.includes(p));
    const extra = got.filter((p) => !want.includes(p));
    if (missing.length) errors.push({ field: `text.${lng}`, message: `keep ${missing.map((p) => `{{${p}}}`).join(', ')}: the bot fills it in` });
    if (extra.length) errors.push({ field: `text.${lng}`, message: `${extra.map((p) => `{{${p}}}`).join(', ')} is not filled in for this sentence` });
  }
  return errors;
}
