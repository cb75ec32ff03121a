/**
 * One line of the scraped catalogue file (the portal's detail page as flattened text, every value a string)
 * turned into an OfficialRecord. Structural problems (no code, no name, a fee in a currency the record cannot
 * hold, a time in a unit it does not know) are errors naming the line and the field; an ambiguous cell is read
 * as unknown (see page-tables.ts), which is the page saying less, not the file being broken.
 */
import { z } from 'zod';
import { NATIONAL_CODE, OfficialRecord } from '../knowledge/official.js';
import { CatalogueError } from './errors.js';
import { isBlank, parseChannelTable, parseDocumentTable, parseLegalBasisTable, parseLevels, parseResults, parseSteps, splitList, tidy, type ChannelRow } from './page-tables.js';

/** The columns of the file (reference §2); every value is page text. */
export const PageRow = z.object({
  ma_thu_tuc: z.string(),
  detail_url: z.string(),
  formality_id: z.string().optional(),
  ten_thu_tuc: z.string(),
  so_quyet_dinh: z.string().default(''),
  cap_thuc_hien: z.string(),
  linh_vuc: z.string().default(''),
  doi_tuong_thuc_hien: z.string().default(''),
  co_quan_thuc_hien: z.string().default(''),
  co_quan_co_tham_quyen: z.string().default(''),
  dia_chi_tiep_nhan: z.string().default(''),
  trinh_tu_thuc_hien: z.string().default(''),
  cach_thuc_thuc_hien: z.string(),
  thanh_phan_ho_so: z.string().default(''),
  yeu_cau_dieu_kien: z.string().default(''),
  can_cu_phap_ly: z.string().default(''),
  ket_qua_xu_ly: z.string().default(''),
});
export type PageRow = z.infer<typeof PageRow>;

export interface PageRecordReading {
  record: OfficialRecord;
  /** The channel rows with how their cells were read, for the import's figures. */
  rows: ChannelRow[];
}

function optional(text: string): string | undefined {
  return isBlank(text) ? undefined : tidy(text);
}

/** Reads one parsed JSON line; `where` names it in errors ("line 12"). */
export function readPageRow(raw: unknown, where: string, retrievedAt: string): PageRecordReading {
  const code = (raw as { ma_thu_tuc?: unknown } | null)?.ma_thu_tuc;
  const name = typeof code === 'string' && NATIONAL_CODE.test(code.trim()) ? code.trim() : where;
  const parsed = PageRow.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || '(root)';
    throw new CatalogueError(field === 'ma_thu_tuc' ? 'missing_code' : 'malformed', name, field, issue.message);
  }
  const row = parsed.data;
  const nationalCode = row.ma_thu_tuc.trim();
  if (!NATIONAL_CODE.test(nationalCode)) throw new CatalogueError('missing_code', where, 'ma_thu_tuc', `"${row.ma_thu_tuc}" is not a national code such as 1.001193`);
  if (isBlank(row.ten_thu_tuc)) throw new CatalogueError('malformed', nationalCode, 'ten_thu_tuc', 'the procedure has no name');
  const channels = parseChannelTable(row.cach_thuc_thuc_hien);
  if (!channels.recognised) throw new CatalogueError('malformed', nationalCode, 'cach_thuc_thuc_hien', 'not the "Hình thức nộp / Thời gian / Phí, lệ phí / Mô tả" table');
  channels.rows.forEach((r, i) => {
    if (r.timeCell === 'foreign_unit') throw new CatalogueError('unknown_unit', nationalCode, 'cach_thuc_thuc_hien', `row ${i + 1} (${r.channel}): the time is in a unit the catalogue does not know`);
    if (r.feeCell === 'foreign_currency') throw new CatalogueError('unknown_currency', nationalCode, 'cach_thuc_thuc_hien', `row ${i + 1} (${r.channel}): the fee is in a currency other than VND or USD`);
  });
  const portalId = row.formality_id?.trim() || /\/thu-tuc-hanh-chinh\/([0-9a-f-]{36})$/.exec(row.detail_url)?.[1];
  const candidate = {
    nationalCode,
    name: tidy(row.ten_thu_tuc),
    levels: parseLevels(row.cap_thuc_hien),
    field: optional(row.linh_vuc),
    agencies: splitList(row.co_quan_thuc_hien || row.co_quan_co_tham_quyen),
    applicants: splitList(row.doi_tuong_thuc_hien),
    channels: channels.rows.map(({ timeCell: _t, feeCell: _f, ...terms }) => terms),
    documents: parseDocumentTable(row.thanh_phan_ho_so),
    steps: parseSteps(row.trinh_tu_thuc_hien),
    conditions: optional(row.yeu_cau_dieu_kien),
    results: parseResults(row.ket_qua_xu_ly),
    legalBasis: parseLegalBasisTable(row.can_cu_phap_ly),
    receivingAddress: optional(row.dia_chi_tiep_nhan),
    decision: optional(row.so_quyet_dinh),
    sourceUrl: row.detail_url.trim(),
    portalId,
    retrievedAt,
  };
  const checked = OfficialRecord.safeParse(JSON.parse(JSON.stringify(candidate)));
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new CatalogueError('malformed', nationalCode, issue.path.join('.') || '(root)', issue.message);
  }
  return { record: checked.data, rows: channels.rows };
}
