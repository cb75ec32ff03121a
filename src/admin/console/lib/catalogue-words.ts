/**
 * The catalogue pages' words: the schedule, the source, a stopped sync, levels and facts, as a civil servant
 * reads them. Pure (no DOM).
 */
import type { Disagreement, SyncProblem, SyncReport } from '../../../catalogue/api-types.js';
import { formatDate, formatNumber } from '../../format-vi.js';

const pad = (n: string) => n.padStart(2, '0');
const WEEKDAYS = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'];

/** "0 3 * * *" → "hằng ngày lúc 03:00"; other expressions are shown as they are. */
export function scheduleWords(cron: string | null): string {
  if (!cron) return 'Tắt (chỉ đồng bộ khi bấm “Đồng bộ ngay”)';
  const parts = cron.trim().split(/\s+/);
  if (parts.length === 5 && /^\d+$/.test(parts[0]!) && /^\d+$/.test(parts[1]!) && parts[2] === '*' && parts[3] === '*') {
    const at = `${pad(parts[1]!)}:${pad(parts[0]!)}`;
    if (parts[4] === '*') return `Hằng ngày lúc ${at} (giờ Việt Nam)`;
    if (/^[0-7]$/.test(parts[4]!)) return `${WEEKDAYS[Number(parts[4]) % 7]} hằng tuần lúc ${at} (giờ Việt Nam)`;
  }
  return `Theo lịch cron “${cron}” (giờ Việt Nam)`;
}

/** "API Cổng Dịch vụ công quốc gia (https://…), đọc ngày 03/12/2026" or "tệp danh mục x.jsonl.gz, đọc ngày …". */
export function sourceWords(source: SyncReport['source']): string {
  const what = source.kind === 'portal' ? `API Cổng Dịch vụ công quốc gia (${source.location})` : `tệp danh mục ${source.location.split(/[\\/]/).pop() ?? source.location}`;
  return `${what}${source.retrievedAt ? `, đọc ngày ${formatDate(source.retrievedAt)}` : ''}`;
}

const PROBLEM_WORDS: Record<SyncProblem['problem'], string> = {
  unreachable: 'không kết nối được nguồn',
  timeout: 'nguồn không trả lời kịp',
  server_error: 'máy chủ nguồn báo lỗi',
  malformed: 'dữ liệu sai dạng',
  missing_code: 'bản ghi không có mã thủ tục',
  unknown_unit: 'đơn vị thời hạn không đọc được',
  unknown_currency: 'phí bằng loại tiền không đọc được',
  duplicate: 'một thủ tục xuất hiện hai lần',
  incomplete: 'danh mục đọc được không đầy đủ',
  internal: 'lỗi khi xử lý',
};

export function problemWords(p: SyncProblem): string {
  return `${PROBLEM_WORDS[p.problem]}: bản ghi “${p.record}”, trường “${p.field}”.`;
}

const DISAGREEMENT_FACT: Record<Disagreement['fact'], string> = { nationalCode: 'Mã thủ tục chỉ một thủ tục khác', name: 'Tên thủ tục', fee: 'Phí, lệ phí', duration: 'Thời hạn giải quyết' };
export function disagreementFact(d: Disagreement): string {
  return DISAGREEMENT_FACT[d.fact];
}

export function countWords(n: number, what: string): string {
  return `${formatNumber(n)} ${what}`;
}
