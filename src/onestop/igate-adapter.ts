import { z } from 'zod';
import type { OnestopHttp } from './http.js';
import { maskOwnerName, proofDigests } from './privacy.js';
import { normaliseDossierCode } from './codes.js';
import { bucketFromStatusName } from './vocabulary.js';
import { OnestopUnavailableError, type DossierRecord, type OnestopAdapter } from './types.js';

/**
 * VNPT iGate ("digo"): `GET /pa/dossier/search?code=…&spec=slice&page=0&size=10` (reference §2.4 A).
 * Statuses are mapped by name because iGate's numeric ids are undocumented.
 */

const Named = z.object({ name: z.string().nullish() }).loose();
const idOrString = z.union([z.number(), z.string()]).nullish();

const IgateDossier = z
  .object({
    code: z.string().min(1),
    procedure: z
      .object({
        code: z.string().nullish(),
        name: z.string().nullish(),
        translate: z.union([z.array(Named), Named]).nullish(),
      })
      .loose()
      .nullish(),
    dossierStatus: z.object({ id: idOrString, name: z.string().nullish() }).loose().nullish(),
    dossierTaskStatus: z.object({ id: idOrString, name: z.string().nullish() }).loose().nullish(),
    statusCurrentTask: z.union([z.string(), Named]).nullish(),
    applicant: z
      .object({
        data: z
          .object({
            fullname: z.string().nullish(),
            ownerFullname: z.string().nullish(),
            identityNumber: z.union([z.string(), z.number()]).nullish(),
            phoneNumber: z.union([z.string(), z.number()]).nullish(),
          })
          .loose()
          .nullish(),
      })
      .loose()
      .nullish(),
    agency: Named.nullish(),
    applyMethod: z.object({ id: idOrString, name: z.string().nullish() }).loose().nullish(),
    appliedDate: z.string().nullish(),
    acceptedDate: z.string().nullish(),
    appointmentDate: z.string().nullish(),
    completedDate: z.string().nullish(),
    returnedDate: z.string().nullish(),
  })
  .loose();

const IgatePage = z.object({ content: z.array(z.unknown()) }).loose();

/** iGate dates are ISO with a "+0700" offset; JavaScript wants "+07:00". */
export function parseIgateDate(value: string | null | undefined): Date | undefined {
  if (!value) return undefined;
  const iso = value.trim().replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

function channelOf(name: string | null | undefined): DossierRecord['result']['channel'] {
  const n = (name ?? '').toLowerCase();
  if (!n) return undefined;
  if (n.includes('trực tuyến') || n.includes('online')) return 'truc_tuyen';
  if (n.includes('bưu')) return 'buu_chinh';
  if (n.includes('trực tiếp')) return 'truc_tiep';
  return undefined;
}

function procedureName(p: z.infer<typeof IgateDossier>['procedure']): string {
  if (!p) return '';
  const tr = Array.isArray(p.translate) ? p.translate[0] : p.translate;
  return (tr?.name ?? p.name ?? '').trim();
}

function statusName(d: z.infer<typeof IgateDossier>): string {
  const current = typeof d.statusCurrentTask === 'string' ? d.statusCurrentTask : d.statusCurrentTask?.name;
  return (d.dossierStatus?.name ?? d.dossierTaskStatus?.name ?? current ?? '').trim();
}

export function mapIgateDossier(raw: unknown, portalUrl?: string): DossierRecord | null {
  const parsed = IgateDossier.safeParse(raw);
  if (!parsed.success) return null;
  const d = parsed.data;
  const code = normaliseDossierCode(d.code);
  const label = statusName(d);
  const owner = d.applicant?.data;
  const ownerName = owner?.ownerFullname ?? owner?.fullname;
  const digests = proofDigests(code, owner?.identityNumber?.toString(), owner?.phoneNumber?.toString());
  return {
    result: {
      code,
      source: 'igate',
      procedureCode: d.procedure?.code ?? undefined,
      procedureName: procedureName(d.procedure),
      agencyName: d.agency?.name ?? undefined,
      channel: channelOf(d.applyMethod?.name),
      submittedAt: parseIgateDate(d.appliedDate),
      receivedAt: parseIgateDate(d.acceptedDate),
      dueAt: parseIgateDate(d.appointmentDate),
      finishedAt: parseIgateDate(d.completedDate),
      returnedAt: parseIgateDate(d.returnedDate),
      status: bucketFromStatusName(label),
      statusLabel: label,
      sourceStatusCode: d.dossierStatus?.id === undefined || d.dossierStatus?.id === null ? undefined : String(d.dossierStatus.id),
      portalUrl,
    },
    owner: ownerName || digests.length > 0 ? { nameMasked: maskOwnerName(ownerName), proofDigests: digests } : undefined,
  };
}

export class IgateAdapter implements OnestopAdapter {
  readonly name = 'igate';

  constructor(
    private readonly http: OnestopHttp,
    private readonly portalUrl?: string,
  ) {}

  async fetchDossier(code: string): Promise<DossierRecord | null> {
    const res = await this.http.get('/pa/dossier/search', { code, spec: 'slice', page: 0, size: 10 });
    if (res.status === 404 || res.status === 400) return null;
    if (res.status !== 200) throw new OnestopUnavailableError('bad_response', `dossier search: HTTP ${res.status}`, { httpStatus: res.status });
    const page = IgatePage.safeParse(res.data);
    if (!page.success) throw new OnestopUnavailableError('bad_response', 'dossier search: body is not a page of dossiers');
    if (page.data.content.length === 0) return null;
    // The search may match more than the exact code; never show someone else's dossier.
    const records = page.data.content.map((item) => mapIgateDossier(item, this.portalUrl));
    if (records.every((r) => r === null)) throw new OnestopUnavailableError('bad_response', 'dossier search: no readable dossier in the page');
    return records.find((r) => r?.result.code === code) ?? null;
  }
}
