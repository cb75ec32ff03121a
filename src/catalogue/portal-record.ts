/**
 * The national portal's formality record (the `data` of get-formality-by-citizen, reference §1 and
 * national-portal-formality-detail.sample.json) turned into an OfficialRecord. Only the fields the record
 * needs are checked; anything the mapping cannot hold honestly (no code, an unknown channel, time unit or
 * currency) is an error naming the record and the field, never a guess.
 */
import { z } from 'zod';
import { NATIONAL_CODE, OfficialRecord, type ChannelTerms, type Money, type OfficialChannel, type OfficialFee, type TimeUnit } from '../knowledge/official.js';
import { CatalogueError } from './errors.js';
import { tidy } from './page-tables.js';

const named = z.object({ name: z.string().nullish() }).loose();
const text = z.string().nullish();
const count = z.union([z.number(), z.string().regex(/^\d+(?:\.\d+)?$/).transform(Number)]).nullish();

const WireFee = z.object({ type: text, value: count, currencyName: text, description: text }).loose();
const WireMethod = z
  .object({
    submissionMethod: z.string(),
    processingTime: count,
    processingTimeUnit: text,
    description: text,
    fees: z.array(WireFee).nullish(),
  })
  .loose();
const WireComponent = z
  .object({
    name: text,
    originalQty: count,
    copyQty: count,
    attachments: z.array(z.object({ fileName: text }).loose()).nullish(),
  })
  .loose();

export const WireFormality = z
  .object({
    id: z.string().min(1),
    code: text,
    name: text,
    isWard: z.boolean().nullish(),
    isProvince: z.boolean().nullish(),
    isMinistry: z.boolean().nullish(),
    isOtherAgency: z.boolean().nullish(),
    isFullProcess: z.boolean().nullish(),
    categoriesDetails: z.array(named).nullish(),
    departmentsExecuting: z.array(named).nullish(),
    executingAgencies: text,
    subjectTypesDetails: z.array(named).nullish(),
    executionMethods: z.array(WireMethod).nullish(),
    executionCases: z.array(z.object({ name: text, profileComponents: z.array(WireComponent).nullish() }).loose()).nullish(),
    executionSteps: z.array(z.object({ description: text }).loose()).nullish(),
    requirementsAndConditions: text,
    legalBasisesDetails: z.array(z.object({ name: text, code: text }).loose()).nullish(),
    resultsDetails: z.array(named).nullish(),
    dossierReceivingAddresses: text,
    decisionNo: text,
    updatedAt: z.number().nullish(),
  })
  .loose();
export type WireFormality = z.infer<typeof WireFormality>;

const CHANNELS: Record<string, OfficialChannel> = { ONLINE: 'online', DIRECT: 'in_person', POSTAL: 'post' };
const UNITS: Record<string, TimeUnit> = { WORKING_DAY: 'working_day', DAY: 'day', HOUR: 'hour', WEEK: 'week', MONTH: 'month', YEAR: 'year' };
const CURRENCIES: Record<string, Money['currency']> = { vnd: 'VND', 'vnđ': 'VND', 'đồng': 'VND', 'việt nam đồng': 'VND', usd: 'USD', 'đô la mỹ': 'USD' };

/** The portal's detail page of a record (reference §1). */
export function portalPageUrl(base: string, id: string): string {
  return `${base.replace(/\/+$/, '')}/thu-tuc-hanh-chinh/${id}`;
}

/** An epoch in ms as the date in Vietnam (UTC+7), where the portal's editors work. */
function vietnamDate(ms: number): string {
  return new Date(ms + 7 * 3600_000).toISOString().slice(0, 10);
}

function present(s: string | null | undefined): string | undefined {
  const t = s ? tidy(s) : '';
  return t ? t : undefined;
}

function names(list: { name?: string | null }[] | null | undefined): string[] {
  return (list ?? []).map((x) => present(x.name)).filter((x): x is string => x !== undefined);
}

function fee(method: z.infer<typeof WireMethod>, record: string, at: string): OfficialFee {
  const fees = method.fees ?? [];
  // An empty list is what the page shows as "Không có thông tin": nothing published.
  if (fees.length === 0) return { kind: 'unknown' };
  const amounts: Money[] = [];
  fees.forEach((f, i) => {
    if (f.value === null || f.value === undefined) throw new CatalogueError('malformed', record, `${at}.fees.${i}.value`, 'a fee without a value');
    const currency = CURRENCIES[(f.currencyName ?? '').trim().toLowerCase()];
    if (!currency) throw new CatalogueError('unknown_currency', record, `${at}.fees.${i}.currencyName`, `currency "${f.currencyName ?? ''}" is neither VND nor USD`);
    const money: Money = { amount: f.value, currency };
    const label = present(f.type) ?? present(f.description);
    if (label) money.label = label;
    amounts.push(money);
  });
  return amounts.every((a) => a.amount === 0) ? { kind: 'free' } : { kind: 'charged', amounts: amounts.filter((a) => a.amount > 0) };
}

function channel(method: z.infer<typeof WireMethod>, i: number, record: string): ChannelTerms {
  const at = `executionMethods.${i}`;
  const kind = CHANNELS[method.submissionMethod];
  if (!kind) throw new CatalogueError('malformed', record, `${at}.submissionMethod`, `unknown submission method "${method.submissionMethod}"`);
  let time: ChannelTerms['time'] = { kind: 'unknown' };
  if (method.processingTime !== null && method.processingTime !== undefined && method.processingTime > 0) {
    const unit = UNITS[method.processingTimeUnit ?? ''];
    if (!unit) throw new CatalogueError('unknown_unit', record, `${at}.processingTimeUnit`, `time unit "${method.processingTimeUnit ?? ''}" is not one the catalogue knows`);
    time = { kind: 'known', amount: method.processingTime, unit };
  }
  const terms: ChannelTerms = { channel: kind, time, fee: fee(method, record, at) };
  const note = present(method.description);
  if (note) terms.note = note;
  return terms;
}

/**
 * Maps one detail response's `data`. `pageBase` builds the citizen's page URL; `retrievedAt` is the date of
 * the call.
 */
export function readPortalFormality(data: unknown, opts: { pageBase: string; retrievedAt: string; requestedId?: string }): OfficialRecord {
  const parsed = WireFormality.safeParse(data);
  const label = opts.requestedId ?? '(detail)';
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CatalogueError('malformed', label, issue.path.join('.') || '(root)', issue.message);
  }
  const w = parsed.data;
  const code = w.code?.trim() ?? '';
  if (!NATIONAL_CODE.test(code)) throw new CatalogueError('missing_code', w.id, 'code', code ? `"${code}" is not a national code such as 1.001193` : 'the record has no national code');
  const name = present(w.name);
  if (!name) throw new CatalogueError('malformed', code, 'name', 'the procedure has no name');
  const candidate = {
    nationalCode: code,
    name,
    levels: { ministry: w.isMinistry === true, province: w.isProvince === true, commune: w.isWard === true, other: w.isOtherAgency === true },
    field: names(w.categoriesDetails).join(', ') || undefined,
    agencies: names(w.departmentsExecuting).length ? names(w.departmentsExecuting) : present(w.executingAgencies) ? [present(w.executingAgencies)!] : [],
    applicants: names(w.subjectTypesDetails),
    channels: (w.executionMethods ?? []).map((m, i) => channel(m, i, code)),
    fullyOnline: w.isFullProcess ?? undefined,
    documents: (w.executionCases ?? [])
      .map((c) => ({
        case: present(c.name),
        documents: (c.profileComponents ?? [])
          .filter((p) => present(p.name))
          .map((p) => ({
            name: present(p.name)!,
            form: present(p.attachments?.find((a) => present(a.fileName))?.fileName),
            originals: p.originalQty ?? undefined,
            copies: p.copyQty ?? undefined,
          })),
      }))
      .filter((g) => g.documents.length > 0),
    steps: (w.executionSteps ?? [])
      .flatMap((s) => (s.description ?? '').split(/\n(?=\s*Bước \d)/))
      .map((s) => tidy(s))
      .filter(Boolean),
    conditions: present(w.requirementsAndConditions),
    results: names(w.resultsDetails),
    legalBasis: (w.legalBasisesDetails ?? []).filter((l) => present(l.name)).map((l) => ({ title: present(l.name)!, code: present(l.code) })),
    receivingAddress: present(w.dossierReceivingAddresses),
    decision: present(w.decisionNo),
    sourceUrl: portalPageUrl(opts.pageBase, w.id),
    portalId: w.id,
    retrievedAt: opts.retrievedAt,
    updatedAt: typeof w.updatedAt === 'number' ? vietnamDate(w.updatedAt) : undefined,
  };
  const checked = OfficialRecord.safeParse(JSON.parse(JSON.stringify(candidate)));
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new CatalogueError('malformed', code, issue.path.join('.') || '(root)', issue.message);
  }
  return checked.data;
}
