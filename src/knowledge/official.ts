import { z } from 'zod';

/**
 * The official tier: one procedure as the national catalogue of administrative procedures publishes it
 * (Cơ sở dữ liệu quốc gia về thủ tục hành chính). Every fact is the official text as retrieved; a cell that
 * could not be read without guessing is `unknown`, never filled in, so an answer can say "see the official
 * page" instead of inventing. Adapters in src/catalogue/ turn the portal's API or its scraped pages into this.
 */

export const NATIONAL_CODE = /^\d\.\d{6}$/;
export const NationalCode = z.string().regex(NATIONAL_CODE, 'a national code such as 1.001193');

/** The three ways to file, named as the curated content names them. */
export const OfficialChannel = z.enum(['online', 'in_person', 'post']);
export type OfficialChannel = z.infer<typeof OfficialChannel>;

export const TIME_UNITS = ['working_day', 'day', 'hour', 'week', 'month', 'year'] as const;
export const TimeUnit = z.enum(TIME_UNITS);
export type TimeUnit = z.infer<typeof TimeUnit>;

export const ProcessingTime = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('known'), amount: z.number().positive(), unit: TimeUnit }).strict(),
  /** Not published, or published in a form that cannot be read without guessing (a number without its unit). */
  z.object({ kind: z.literal('unknown') }).strict(),
]);
export type ProcessingTime = z.infer<typeof ProcessingTime>;

export const CURRENCIES = ['VND', 'USD'] as const;
export const Money = z
  .object({
    amount: z.number().min(0),
    currency: z.enum(CURRENCIES),
    /** What the sum is for, when the record says ("Lệ phí", "Phí thẩm định"). */
    label: z.string().min(1).optional(),
  })
  .strict();
export type Money = z.infer<typeof Money>;

export const OfficialFee = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('free') }).strict(),
  z.object({ kind: z.literal('charged'), amounts: z.array(Money).min(1) }).strict(),
  z.object({ kind: z.literal('unknown') }).strict(),
]);
export type OfficialFee = z.infer<typeof OfficialFee>;

/** One row of the "how to file" table: a channel with its processing time and fee (several rows may share a channel). */
export const ChannelTerms = z
  .object({
    channel: OfficialChannel,
    time: ProcessingTime,
    fee: OfficialFee,
    /** The row's description (the case it applies to, a note on the fee), as published. */
    note: z.string().min(1).optional(),
  })
  .strict();
export type ChannelTerms = z.infer<typeof ChannelTerms>;

export const OfficialDocument = z
  .object({
    name: z.string().min(1),
    /** The form to fill in (a file name or a form code), when the record gives one. */
    form: z.string().min(1).optional(),
    originals: z.number().int().min(0).optional(),
    copies: z.number().int().min(0).optional(),
  })
  .strict();
export type OfficialDocument = z.infer<typeof OfficialDocument>;

/** The documents of one case ("Trường hợp …"); `case` is absent when the record has a single unnamed list. */
export const DocumentGroup = z
  .object({ case: z.string().min(1).optional(), documents: z.array(OfficialDocument) })
  .strict();
export type DocumentGroup = z.infer<typeof DocumentGroup>;

export const LegalBasis = z.object({ title: z.string().min(1), code: z.string().min(1).optional() }).strict();
export type LegalBasis = z.infer<typeof LegalBasis>;

/** A legal document as a reader sees it: its title, with its number when the title does not already carry it. */
export function legalBasisTitle(b: LegalBasis): string {
  return b.code && !b.title.includes(b.code) ? `${b.title} (${b.code})` : b.title;
}

export const OfficialRecord = z
  .object({
    nationalCode: NationalCode,
    name: z.string().min(1),
    /** The catalogue's levels: which authorities carry the procedure out (one or several). */
    levels: z.object({ ministry: z.boolean(), province: z.boolean(), commune: z.boolean(), other: z.boolean() }).strict(),
    field: z.string().min(1).optional(),
    /** Executing agencies, as published. */
    agencies: z.array(z.string().min(1)),
    /** Who may file ("Công dân Việt Nam", "Doanh nghiệp", …). */
    applicants: z.array(z.string().min(1)),
    channels: z.array(ChannelTerms),
    /** True when the whole procedure can be done online (the portal's "toàn trình"); absent when not published. */
    fullyOnline: z.boolean().optional(),
    documents: z.array(DocumentGroup),
    steps: z.array(z.string().min(1)),
    conditions: z.string().min(1).optional(),
    results: z.array(z.string().min(1)),
    legalBasis: z.array(LegalBasis),
    /** Where dossiers are received, as published. */
    receivingAddress: z.string().min(1).optional(),
    /** The decision that published the procedure ("2628/QĐ-BTC"). */
    decision: z.string().min(1).optional(),
    /** The citizen's page of the procedure on the national portal. */
    sourceUrl: z.url(),
    /** The portal's record id (the last segment of sourceUrl), for the detail call. */
    portalId: z.string().min(1).optional(),
    /** When the record was read from its source. */
    retrievedAt: z.iso.date(),
    /** When the portal last changed the record, when it says. */
    updatedAt: z.iso.date().optional(),
  })
  .strict();
export type OfficialRecord = z.infer<typeof OfficialRecord>;

export const CatalogueSourceInfo = z
  .object({
    /** `portal`: the national portal's API; `file`: a scraped copy of its pages. */
    kind: z.enum(['portal', 'file']),
    /** The base URL or the file name the records came from. */
    location: z.string().min(1),
    retrievedAt: z.iso.date(),
  })
  .strict();
export type CatalogueSourceInfo = z.infer<typeof CatalogueSourceInfo>;

/** The whole official tier as one value: every record, sorted by national code, and where they came from. */
export const OfficialCatalogue = z
  .object({
    format: z.literal(1),
    source: CatalogueSourceInfo,
    records: z.array(OfficialRecord),
  })
  .strict();
export type OfficialCatalogue = z.infer<typeof OfficialCatalogue>;

/** Records in national-code order ("1.000005" < "1.014062" < "2.000001"): the order of every catalogue. */
export function sortByCode<T extends { nationalCode: string }>(records: T[]): T[] {
  return records.sort((a, b) => (a.nationalCode < b.nationalCode ? -1 : a.nationalCode > b.nationalCode ? 1 : 0));
}
