import { z } from 'zod';
import type { CatalogueWords } from './catalogue-words.js';
import type { SentenceOverride } from './sentences.js';
import type { ContactPoint } from '../contacts/schema.js';
import { NationalCode, type OfficialCatalogue } from './official.js';

/**
 * The one schema for content (files in intents/ and versions edited in the console).
 * Facts carry a certainty: a fact that could not be confirmed from an official or
 * two agreeing sources is `unverified`, and answers never state it as certain.
 */

export const ASPECTS = ['overview', 'documents', 'fee', 'duration', 'place', 'online', 'steps', 'result', 'legal'] as const;
export type Aspect = (typeof ASPECTS)[number];

export const LocalizedText = z
  .object({
    vi: z.string().trim().min(1, 'Vietnamese text is required'),
    en: z.string().trim().min(1).optional(),
  })
  .strict();
export type LocalizedText = z.infer<typeof LocalizedText>;

export const Certainty = z.enum(['confirmed', 'unverified']);
export type Certainty = z.infer<typeof Certainty>;

const procedureId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case words joined by "-", e.g. dang-ky-khai-sinh');

/** Every link a citizen may get: http(s) only (javascript: and data: links were accepted). */
export const HttpUrl = z.url({ protocol: /^https?$/, message: 'an http(s) URL' });

export const Source = z.object({ title: z.string().min(1), url: HttpUrl.optional() }).strict();

export const DocumentItem = z
  .object({
    name: LocalizedText,
    /** Form code such as "CT01" or "TK01", when a standard form exists. */
    form: z.string().min(1).optional(),
    /** What the citizen brings: an original to present, an original to hand in, a copy, a certified copy, or an e-form/online data. */
    copy: z.enum(['original', 'present_original', 'copy', 'certified_copy', 'electronic']).optional(),
    quantity: z.number().int().min(1).optional(),
    note: LocalizedText.optional(),
    /** Only in some cases (e.g. when filing through a representative). */
    conditional: z.boolean().optional(),
  })
  .strict();

export const Fee = z
  .object({
    label: LocalizedText,
    /**
     * amount: a sum in VND fixed by a national regulation; free: no fee; council: set by the provincial
     * People's Council (HĐND); unknown: not published here, the citizen must check the official page.
     */
    kind: z.enum(['amount', 'free', 'council', 'unknown']),
    amountVnd: z.number().int().min(0).optional(),
    condition: LocalizedText.optional(),
    legalBasis: z.string().min(1).optional(),
    certainty: Certainty,
  })
  .strict()
  .superRefine((f, ctx) => {
    if (f.kind === 'amount' && f.amountVnd === undefined) ctx.addIssue({ code: 'custom', path: ['amountVnd'], message: 'amountVnd is required when kind is amount' });
    if (f.kind !== 'amount' && f.amountVnd !== undefined) ctx.addIssue({ code: 'custom', path: ['amountVnd'], message: 'amountVnd is only allowed when kind is amount' });
  });
export type Fee = z.infer<typeof Fee>;

export const Duration = z
  .object({
    /** Statutory processing time in working days; absent when it is not a fixed number of days. */
    workingDays: z.number().min(0).optional(),
    text: LocalizedText,
    condition: LocalizedText.optional(),
    legalBasis: z.string().min(1).optional(),
    certainty: Certainty,
  })
  .strict();

export const Procedure = z
  .object({
    id: procedureId,
    /** The national code of the official record this overlay overlays (in the catalogue when it holds it). */
    nationalCode: NationalCode.optional(),
    /**
     * Codes of further national procedures this one page answers for (e.g. "cấp đổi" and "cấp lại" beside "cấp"),
     * so that the catalogue does not offer them again beside it.
     */
    alsoCovers: z.array(NationalCode).optional(),
    name: LocalizedText,
    /** Button-sized name (Zalo shows about 20 characters of a button title). */
    shortName: z
      .object({ vi: z.string().trim().min(1).max(20, 'at most 20 characters'), en: z.string().trim().min(1).max(20, 'at most 20 characters').optional() })
      .strict()
      .optional(),
    field: LocalizedText,
    /** Implementing level after the 1 July 2025 two-level reform. */
    level: z.enum(['commune', 'province', 'central', 'sector']),
    body: LocalizedText,
    summary: LocalizedText,
    submission: z
      .object({
        places: z.array(LocalizedText).min(1),
        channels: z.array(z.enum(['in_person', 'online', 'post'])).min(1),
      })
      .strict(),
    online: z
      .object({
        availability: z.enum(['full', 'partial', 'none']),
        url: HttpUrl.optional(),
        note: LocalizedText.optional(),
      })
      .strict(),
    documents: z.array(DocumentItem).min(1),
    fees: z.array(Fee).min(1),
    duration: Duration,
    steps: z.array(LocalizedText).min(1),
    result: LocalizedText,
    conditions: LocalizedText.optional(),
    legalBasis: z.array(z.string().min(1)).min(1),
    related: z.array(procedureId).default([]),
    /** Official procedure page the answers link to. */
    officialUrl: HttpUrl,
    verifiedAt: z.iso.date('a date such as 2026-11-20'),
    /** Who verified the facts last (the console account that edited a fact); absent for content from files. */
    verifiedBy: z.string().trim().min(1).max(80).optional(),
    sources: z.array(Source).min(1),
    /** Sample citizen messages: with and without diacritics, abbreviations, typos, long questions, English. */
    phrasings: z.array(z.string().trim().min(2)).min(10, 'at least 10 sample phrasings'),
    /** Extra search terms (colloquial names) that are not full questions. */
    keywords: z.array(z.string().trim().min(2)).default([]),
  })
  .strict();
export type Procedure = z.infer<typeof Procedure>;

/** Small-talk and system intents (greeting, thanks, help, handoff, language, dossier_status, feedback, out-of-scope topics). */
export const SystemIntent = z
  .object({
    id: z.string().regex(/^[a-z_]+(\.[a-z0-9_-]+)?$/, 'an intent id such as greeting or out_of_scope.divorce'),
    /** What the dialogue does with it; out_of_scope intents answer with `replyKey` and the help menu. */
    kind: z.enum(['greeting', 'thanks', 'help', 'handoff', 'language', 'dossier_status', 'feedback', 'out_of_scope', 'follow_dossier', 'unfollow_dossier', 'complaint', 'contacts', 'more_detail']),
    phrasings: z.array(z.string().trim().min(1)).min(3),
    /** i18n key of the reply (locales/<lng>/translation.json). */
    replyKey: z.string().min(1).optional(),
    /** For a language intent: the language it switches to. */
    language: z.enum(['vi', 'en']).optional(),
    /**
     * For an out-of-scope topic: refused only when nothing is to be filed or licensed. Recommending a restaurant is
     * refused; registering one as a business is a procedure.
     */
    unlessFiling: z.boolean().optional(),
  })
  .strict();
export type SystemIntent = z.infer<typeof SystemIntent>;

export const Lexicon = z
  .object({
    /** Folded (no diacritics) abbreviation → folded expansion, e.g. "dk": "dang ky". */
    abbreviations: z.record(z.string().min(1), z.string().min(1)),
    /** Groups of folded phrases that mean the same thing for matching. */
    synonyms: z.array(z.array(z.string().min(1)).min(2)),
    /** Folded cue phrases that signal each aspect of a question. */
    aspects: z.record(z.enum(ASPECTS), z.array(z.string().min(1)).min(1)),
    /** Words that carry no meaning for matching (folded). */
    stopwords: z.array(z.string().min(1)).default([]),
    /**
     * Words that name no need on their own ("thủ tục", "giấy tờ", "hồ sơ", "cho con"), folded: a message made
     * only of these (and stopwords and aspect cues) is answered by asking what the citizen needs.
     */
    generic: z.array(z.string().min(1)).default([]),
    /**
     * Words that point back to the conversation ("thế", "còn", "cái đó", "ý tôi là"), written with their
     * accents: a word typed with other accents is another word ("con" is a child, "còn" is "and what about").
     */
    references: z.array(z.string().min(1)).default([]),
    /**
     * Qualifiers of procedure names that describe the people concerned, not the act ("có yếu tố nước ngoài"):
     * they stay true from one need to the next, so after the qualified procedure a sibling need named next
     * ("sau này có em bé thì làm khai sinh thế nào" after marriage with a foreigner) is its qualified twin.
     */
    circumstances: z.array(z.string().min(1)).default([]),
  })
  .strict();
export type Lexicon = z.infer<typeof Lexicon>;

export interface KnowledgeBase {
  /** The curated tier (intents/procedures, edited in the console). */
  procedures: Procedure[];
  intents: SystemIntent[];
  /** Admins' overrides of system sentences (the locale files hold the defaults). */
  sentences?: SentenceOverride[];
  lexicon: Lexicon;
  /** One-stop points, hotlines and official channels (intents/contacts/); absent in content saved before they existed. */
  contacts?: ContactPoint[];
  /** Content version label (a hash of the files, or the published version id). */
  version: string;
  /**
   * The official tier: the national catalogue's records (intents/catalogue/), absent when none is loaded.
   * knownProcedures(kb) merges both tiers into what the matcher and the dialogue read.
   */
  catalogue?: OfficialCatalogue;
  /** Everyday words for the catalogue's fields and procedures (intents/catalogue/words/), for finding them. */
  catalogueWords?: CatalogueWords;
}
