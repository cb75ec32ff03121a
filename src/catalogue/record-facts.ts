/**
 * An official record as the facts a reviewer compares, each one line of text (or a few): two readings of the
 * same procedure differ exactly where one of these texts differs. The date a record was read is not a fact
 * (every sync reads again), and neither is the portal's internal id (the page link carries it).
 * Pure and browser-safe: the console shows the same labels.
 */
import { formatNumber } from '../dialogue/limits.js';
import { legalBasisTitle, type ChannelTerms, type OfficialChannel, type OfficialRecord } from '../knowledge/official.js';

export const FACTS = [
  'name',
  'levels',
  'field',
  'agencies',
  'applicants',
  'channel.online',
  'channel.in_person',
  'channel.post',
  'channelNotes',
  'fullyOnline',
  'documents',
  'steps',
  'conditions',
  'results',
  'legalBasis',
  'receivingAddress',
  'decision',
  'sourceUrl',
  'updatedAt',
] as const;
export type Fact = (typeof FACTS)[number];

/** How the console names each fact. */
export const FACT_LABELS: Record<Fact, string> = {
  name: 'Tên thủ tục',
  levels: 'Cấp thực hiện',
  field: 'Lĩnh vực',
  agencies: 'Cơ quan thực hiện',
  applicants: 'Đối tượng thực hiện',
  'channel.online': 'Nộp trực tuyến: thời hạn, phí',
  'channel.in_person': 'Nộp trực tiếp: thời hạn, phí',
  'channel.post': 'Nộp qua bưu chính: thời hạn, phí',
  channelNotes: 'Mô tả cách thức nộp',
  fullyOnline: 'Trực tuyến toàn trình',
  documents: 'Thành phần hồ sơ',
  steps: 'Trình tự thực hiện',
  conditions: 'Yêu cầu, điều kiện',
  results: 'Kết quả',
  legalBasis: 'Căn cứ pháp lý',
  receivingAddress: 'Nơi tiếp nhận',
  decision: 'Quyết định công bố',
  sourceUrl: 'Trang chính thức',
  updatedAt: 'Ngày Cổng cập nhật',
};

const LEVEL_WORDS: Record<keyof OfficialRecord['levels'], string> = { ministry: 'cấp bộ', province: 'cấp tỉnh', commune: 'cấp xã', other: 'cơ quan khác' };
const UNIT_WORDS: Record<string, string> = { working_day: 'ngày làm việc', day: 'ngày', hour: 'giờ', week: 'tuần', month: 'tháng', year: 'năm' };

function timeText(c: ChannelTerms): string {
  return c.time.kind === 'unknown' ? 'thời hạn chưa rõ' : `${formatNumber(c.time.amount, 'vi')} ${UNIT_WORDS[c.time.unit]}`;
}

function feeText(c: ChannelTerms): string {
  if (c.fee.kind === 'unknown') return 'phí chưa rõ';
  if (c.fee.kind === 'free') return 'miễn phí';
  return c.fee.amounts.map((m) => `${formatNumber(m.amount, 'vi')} ${m.currency === 'VND' ? 'đồng' : m.currency}${m.label ? ` (${m.label})` : ''}`).join(' + ');
}

function channelText(record: OfficialRecord, channel: OfficialChannel): string {
  return record.channels
    .filter((c) => c.channel === channel)
    .map((c) => `${timeText(c)}; ${feeText(c)}`)
    .join('\n');
}

function documentsText(record: OfficialRecord): string {
  return record.documents
    .map((g) => {
      const docs = g.documents.map((d) => {
        const counts = [d.originals ? `${d.originals} bản chính` : '', d.copies ? `${d.copies} bản sao` : ''].filter(Boolean).join(', ');
        const extra = [d.form ? `mẫu ${d.form}` : '', counts].filter(Boolean).join('; ');
        return `- ${d.name}${extra ? ` (${extra})` : ''}`;
      });
      return [g.case ? `${g.case}:` : '', ...docs].filter(Boolean).join('\n');
    })
    .join('\n');
}

/** Every fact of a record as text; an absent fact is the empty string. */
export function recordFacts(record: OfficialRecord): Record<Fact, string> {
  const levels = (Object.keys(LEVEL_WORDS) as (keyof OfficialRecord['levels'])[]).filter((k) => record.levels[k]).map((k) => LEVEL_WORDS[k]);
  return {
    name: record.name,
    levels: levels.join(', '),
    field: record.field ?? '',
    agencies: record.agencies.join('\n'),
    applicants: record.applicants.join('\n'),
    'channel.online': channelText(record, 'online'),
    'channel.in_person': channelText(record, 'in_person'),
    'channel.post': channelText(record, 'post'),
    channelNotes: record.channels.flatMap((c) => (c.note ? [c.note] : [])).join('\n'),
    fullyOnline: record.fullyOnline === undefined ? '' : record.fullyOnline ? 'có' : 'không',
    documents: documentsText(record),
    steps: record.steps.join('\n'),
    conditions: record.conditions ?? '',
    results: record.results.join('\n'),
    legalBasis: record.legalBasis.map(legalBasisTitle).join('\n'),
    receivingAddress: record.receivingAddress ?? '',
    decision: record.decision ?? '',
    sourceUrl: record.sourceUrl,
    updatedAt: record.updatedAt ?? '',
  };
}
