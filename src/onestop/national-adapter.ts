import { z } from 'zod';
import type { OnestopHttp } from './http.js';
import { maskOwnerName, proofDigests } from './privacy.js';
import { normaliseDossierCode } from './codes.js';
import { NATIONAL_LABELS, bucketFromNationalCode } from './vocabulary.js';
import { OnestopUnavailableError, type DossierRecord, type OnestopAdapter } from './types.js';

/**
 * A one-stop system that speaks the national vocabulary (DVCQG sync DTO, reference §2.1 and §2.3):
 * `TrangThaiHoSo` 1–10 and dates as yyyyMMddHHmmss in Vietnam time. The lookup path is not standardised
 * across provinces, so it is an option; the body may be one DTO, an array, or `{ data: [...] }`.
 */

const num = z.union([z.number(), z.string()]).nullish();
const text = z.union([z.string(), z.number()]).nullish();

const NationalDossier = z
  .object({
    MaHoSo: z.string().min(1),
    MaTTHC: z.string().nullish(),
    TenTTHC: z.string().nullish(),
    ChuHoSo: z.string().nullish(),
    SoDienThoai: text,
    SoDienThoaiChuHoSo: text,
    DinhDanhCHS: z.array(z.object({ SoDinhDanh: text }).loose()).nullish(),
    SoDinhDanh: text,
    DonViXuLy: z.string().nullish(),
    TenDonVi: z.string().nullish(),
    KenhThucHien: num,
    TrangThaiHoSo: num,
    TrangThaiHoSoId: num,
    NgayNopHoSo: z.string().nullish(),
    NgayTiepNhan: z.string().nullish(),
    NgayHenTra: z.string().nullish(),
    NgayKetThucXuLy: z.string().nullish(),
    NgayTra: z.string().nullish(),
  })
  .loose();

/** "20251120083000" (Vietnam time) → Date. */
export function parseNationalDate(value: string | null | undefined): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})?(\d{2})?(\d{2})?$/.exec((value ?? '').trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00'] = m;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}+07:00`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const CHANNELS: Record<number, DossierRecord['result']['channel']> = { 1: 'truc_tiep', 2: 'truc_tuyen', 3: 'buu_chinh' };

export function mapNationalDossier(raw: unknown, portalUrl?: string): DossierRecord | null {
  const parsed = NationalDossier.safeParse(raw);
  if (!parsed.success) return null;
  const d = parsed.data;
  const code = normaliseDossierCode(d.MaHoSo);
  const statusCode = d.TrangThaiHoSo ?? d.TrangThaiHoSoId;
  const n = Number(statusCode);
  const ids = (d.DinhDanhCHS ?? []).map((x) => x.SoDinhDanh?.toString());
  const digests = proofDigests(code, d.SoDinhDanh?.toString(), ...ids, d.SoDienThoai?.toString(), d.SoDienThoaiChuHoSo?.toString());
  return {
    result: {
      code,
      source: 'dvcqg',
      procedureCode: d.MaTTHC ?? undefined,
      procedureName: (d.TenTTHC ?? '').trim(),
      agencyName: d.DonViXuLy ?? d.TenDonVi ?? undefined,
      channel: CHANNELS[Number(d.KenhThucHien)],
      submittedAt: parseNationalDate(d.NgayNopHoSo),
      receivedAt: parseNationalDate(d.NgayTiepNhan),
      dueAt: parseNationalDate(d.NgayHenTra),
      finishedAt: parseNationalDate(d.NgayKetThucXuLy),
      returnedAt: parseNationalDate(d.NgayTra),
      status: bucketFromNationalCode(statusCode),
      statusLabel: NATIONAL_LABELS[n] ?? String(statusCode ?? ''),
      sourceStatusCode: statusCode === undefined || statusCode === null ? undefined : String(statusCode),
      portalUrl,
    },
    owner: d.ChuHoSo || digests.length > 0 ? { nameMasked: maskOwnerName(d.ChuHoSo), proofDigests: digests } : undefined,
  };
}

export class NationalAdapter implements OnestopAdapter {
  readonly name = 'national';

  constructor(
    private readonly http: OnestopHttp,
    private readonly opts: { path?: string; portalUrl?: string } = {},
  ) {}

  async fetchDossier(code: string): Promise<DossierRecord | null> {
    const res = await this.http.get(this.opts.path ?? '/api/v1/hosos/tra-cuu', { MaHoSo: code });
    if (res.status === 404 || res.status === 400) return null;
    if (res.status !== 200) throw new OnestopUnavailableError('bad_response', `dossier lookup: HTTP ${res.status}`, { httpStatus: res.status });
    const body = res.data as unknown;
    const items: unknown[] | null = Array.isArray(body)
      ? body
      : body && typeof body === 'object' && Array.isArray((body as { data?: unknown }).data)
        ? ((body as { data: unknown[] }).data)
        : body && typeof body === 'object' && 'MaHoSo' in body
          ? [body]
          : null;
    if (items === null) throw new OnestopUnavailableError('bad_response', 'dossier lookup: unreadable body');
    if (items.length === 0) return null;
    const records = items.map((i) => mapNationalDossier(i, this.opts.portalUrl));
    if (records.every((r) => r === null)) throw new OnestopUnavailableError('bad_response', 'dossier lookup: no readable dossier');
    return records.find((r) => r?.result.code === code) ?? null;
  }
}
