import { z } from 'zod';
import { NationalCode } from './official.js';
import type { Lexicon } from './schema.js';

/**
 * Everyday words for the official catalogue (`intents/catalogue/words/*.yaml`): what citizens call the
 * procedures of a field and a few of its procedures, which the official names rarely say ("sổ đỏ", "heo",
 * "ghe", "đăng kiểm", "giải chấp"). Written by people, like the curated pages, but only for finding a
 * procedure: they state no fact. Loaded from files on every instance beside the catalogue; not part of a
 * content version.
 */

const Phrase = z.string().trim().min(2);

/** Words of one procedure: everyday names and sample questions. */
export interface CatalogueProcedureWords {
  /** Everyday names of the procedure ("xóa thế chấp sổ đỏ"): weighed like a curated keyword. */
  keywords: string[];
  /** Sample citizen questions, written for the procedure (never copied from an evaluation set). */
  phrasings: string[];
}

/**
 * Words for one procedure, or for the same words shared by its twins (the same procedure at province and
 * commune level): every listed code gets them.
 */
export const CatalogueWordsEntry = z
  .object({
    /** National codes, quoted ("1.011443"): unquoted, YAML reads them as numbers. */
    codes: z.array(NationalCode).min(1),
    keywords: z.array(Phrase).default([]),
    phrasings: z.array(Phrase).default([]),
  })
  .strict();

export const CatalogueWordsFile = z
  .object({
    /** The catalogue fields (`field` of a record, as published) the file's `words` are for. */
    fields: z.array(z.string().trim().min(1)).default([]),
    /** Everyday words of those fields ("heo", "gà", "tiêm phòng"): every procedure of the fields is found by them. */
    words: z.array(Phrase).default([]),
    /** Groups of phrases that mean the same for matching; merged into the lexicon's synonyms. */
    synonyms: z.array(z.array(z.string().min(1)).min(2)).default([]),
    /** One-way rewrites (folded, like the lexicon's); merged into the lexicon's abbreviations. */
    abbreviations: z.record(z.string().min(1), z.string().min(1)).default({}),
    /** Everyday names and sample questions of the field's procedures that citizens file most. */
    procedures: z.array(CatalogueWordsEntry).default([]),
  })
  .strict();
export type CatalogueWordsFile = z.infer<typeof CatalogueWordsFile>;

/** Every words file merged: the matcher reads this. */
export interface CatalogueWords {
  /** Catalogue field → everyday words of the field. */
  fields: Record<string, string[]>;
  /** National code → its words. */
  procedures: Record<string, CatalogueProcedureWords>;
  synonyms: string[][];
  abbreviations: Record<string, string>;
}

export function mergeCatalogueWords(files: CatalogueWordsFile[]): CatalogueWords {
  const merged: CatalogueWords = { fields: {}, procedures: {}, synonyms: [], abbreviations: {} };
  for (const f of files) {
    for (const field of f.fields) (merged.fields[field] ??= []).push(...f.words);
    for (const entry of f.procedures) {
      for (const code of entry.codes) {
        const into = (merged.procedures[code] ??= { keywords: [], phrasings: [] });
        into.keywords.push(...entry.keywords);
        into.phrasings.push(...entry.phrasings);
      }
    }
    merged.synonyms.push(...f.synonyms);
    Object.assign(merged.abbreviations, f.abbreviations);
  }
  return merged;
}

/** The lexicon the matcher compiles: the curated lexicon, then the catalogue words' synonyms and rewrites. */
export function lexiconWithCatalogueWords(lexicon: Lexicon, words: CatalogueWords | undefined): Lexicon {
  if (!words || (words.synonyms.length === 0 && Object.keys(words.abbreviations).length === 0)) return lexicon;
  // The curated lexicon's own rules win a conflict: its abbreviations are applied as written.
  return { ...lexicon, abbreviations: { ...words.abbreviations, ...lexicon.abbreviations }, synonyms: [...lexicon.synonyms, ...words.synonyms] };
}
