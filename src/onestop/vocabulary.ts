import type { DossierStatus } from './types.js';

/**
 * Status vocabularies onto the citizen buckets of reference §2.2. iGate ids are undocumented, so iGate
 * statuses are read by their Vietnamese name; the national vocabulary (TrangThaiHoSo) is numeric 1–10.
 */

/** Lower case, no diacritics, "đ" → "d", single spaces: "Đã trả kết quả" → "da tra ket qua". */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Ordered: the first phrase found wins, so the more specific phrases come first
 * ("khong duoc tiep nhan" before "tiep nhan", "da tra ket qua" before "ket qua").
 */
const NAME_RULES: readonly [string, DossierStatus][] = [
  ['khong duoc tiep nhan', 'tu_choi'],
  ['khong tiep nhan', 'tu_choi'],
  ['tu choi', 'tu_choi'],
  ['rut ho so', 'da_rut_huy'],
  ['yeu cau rut', 'da_rut_huy'],
  ['da rut', 'da_rut_huy'],
  ['huy ho so', 'da_rut_huy'],
  ['da huy', 'da_rut_huy'],
  ['nghia vu tai chinh', 'cho_nop_phi'],
  ['nop phi', 'cho_nop_phi'],
  ['thanh toan', 'cho_nop_phi'],
  ['le phi', 'cho_nop_phi'],
  ['bo sung', 'cho_bo_sung'],
  ['tam dung', 'tam_dung'],
  ['dung xu ly', 'tam_dung'],
  ['tam ngung', 'tam_dung'],
  ['tra lai', 'tam_dung'],
  ['da tra ket qua', 'da_tra_ket_qua'],
  ['tra ket qua xong', 'da_tra_ket_qua'],
  ['hoan thanh tra', 'da_tra_ket_qua'],
  ['ket thuc', 'da_tra_ket_qua'],
  ['cho tra ket qua', 'co_ket_qua'],
  ['co ket qua', 'co_ket_qua'],
  ['xu ly xong', 'co_ket_qua'],
  ['da giai quyet', 'co_ket_qua'],
  ['hoan thanh', 'co_ket_qua'],
  ['dang xu ly', 'dang_xu_ly'],
  ['dang giai quyet', 'dang_xu_ly'],
  ['cho phe duyet', 'dang_xu_ly'],
  ['cho ky', 'dang_xu_ly'],
  ['tham dinh', 'dang_xu_ly'],
  ['chuyen xu ly', 'dang_xu_ly'],
  ['cho tiep nhan', 'moi_nop'],
  ['moi dang ky', 'moi_nop'],
  ['moi nop', 'moi_nop'],
  ['cho xac nhan', 'moi_nop'],
  ['da tiep nhan', 'da_tiep_nhan'],
  ['duoc tiep nhan', 'da_tiep_nhan'],
  ['tiep nhan', 'da_tiep_nhan'],
];

/** Bucket of an iGate status name such as "Đang xử lý"; khong_ro when the name is unknown. */
export function bucketFromStatusName(name: string | undefined | null): DossierStatus {
  if (!name) return 'khong_ro';
  const folded = ` ${foldVietnamese(name)} `;
  for (const [phrase, bucket] of NAME_RULES) {
    if (folded.includes(` ${phrase} `)) return bucket;
  }
  return 'khong_ro';
}

const NATIONAL: Record<number, DossierStatus> = {
  1: 'moi_nop',
  2: 'da_tiep_nhan',
  3: 'tu_choi',
  4: 'dang_xu_ly',
  5: 'cho_bo_sung',
  6: 'cho_nop_phi',
  7: 'da_rut_huy',
  8: 'tam_dung',
  9: 'co_ket_qua',
  10: 'da_tra_ket_qua',
};

/** The national labels (reference §2.1), used when a source sends only the number. */
export const NATIONAL_LABELS: Record<number, string> = {
  1: 'Mới đăng ký',
  2: 'Được tiếp nhận',
  3: 'Không được tiếp nhận',
  4: 'Đang xử lý',
  5: 'Yêu cầu bổ sung giấy tờ',
  6: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  7: 'Công dân yêu cầu rút hồ sơ',
  8: 'Dừng xử lý',
  9: 'Đã xử lý xong',
  10: 'Đã trả kết quả',
};

/** Bucket of a national TrangThaiHoSo code (1–10); khong_ro otherwise. */
export function bucketFromNationalCode(code: number | string | undefined | null): DossierStatus {
  const n = typeof code === 'string' ? Number(code.trim()) : code;
  if (n === undefined || n === null || !Number.isInteger(n)) return 'khong_ro';
  return NATIONAL[n] ?? 'khong_ro';
}
