import type { DiffLine, GlossaryEntry, IssueLike } from './content-words.js';
import { formatDate, formatNumber } from './format-vi.js';

/**
 * Contact points (src/contacts/schema.ts) in the words of a civil servant: form labels, the glossary, option
 * names and the Vietnamese messages of the contact schema's own rules (every stated fact needs a source).
 * content-words.ts reads these for the `contact` kind; the console's contact form uses them directly.
 */

export const CONTACT_OPTION_WORDS = {
  kind: { centre: 'Trung tâm Phục vụ hành chính công tỉnh', commune: 'Bộ phận Một cửa cấp xã, phường', hotline: 'Đường dây nóng', online: 'Kênh trực tuyến' },
  topic: { one_stop: 'Tiếp nhận hồ sơ, trả kết quả', complaints: 'Tiếp nhận phản ánh, kiến nghị' },
  weekday: { mon: 'Thứ Hai', tue: 'Thứ Ba', wed: 'Thứ Tư', thu: 'Thứ Năm', fri: 'Thứ Sáu', sat: 'Thứ Bảy', sun: 'Chủ nhật' },
  /** The facts that need a source (CONTACT_FACTS), as the form names them. */
  fact: { address: 'Địa chỉ', phone: 'Số điện thoại', hotline: 'Đường dây nóng', hours: 'Giờ làm việc', coordinates: 'Toạ độ', mapUrl: 'Đường dẫn bản đồ', url: 'Trang web' },
} as const;

const NEEDS_SOURCE = 'Cần có nguồn.';

export const CONTACT_GLOSSARY: readonly GlossaryEntry[] = [
  { path: 'id', label: 'Mã điểm liên hệ', help: 'Địa chỉ cố định của điểm liên hệ trong hệ thống: chữ thường không dấu nối bằng “-”, ví dụ mot-cua-phuong-kon-tum. Không đổi sau khi tạo.' },
  { path: 'kind', label: 'Loại điểm liên hệ', help: 'Trung tâm Phục vụ hành chính công tỉnh, Bộ phận Một cửa của xã, phường, đường dây nóng hoặc kênh trực tuyến (cổng dịch vụ công).' },
  { path: 'name.vi', label: 'Tên điểm liên hệ', help: 'Tên đầy đủ, như người dân đọc trong câu trả lời.' },
  { path: 'name.en', label: 'Tên tiếng Anh', help: 'Tên cho người hỏi bằng tiếng Anh (không bắt buộc).' },
  { path: 'aliases.*', label: 'Tên gọi khác', help: 'Cách người dân hay gọi nơi này, có dấu hoặc không dấu (ví dụ “phường Kon Tum”, “xa kon tum”). Trợ lý nhận ra điểm liên hệ qua các tên này.' },
  { path: 'topics.*', label: 'Dùng cho', help: 'Tiếp nhận hồ sơ một cửa; tiếp nhận phản ánh, kiến nghị (khi đánh dấu, nơi này được nêu trong câu trả lời lúc người dân gửi phản ánh).' },
  { path: 'address.vi', label: 'Địa chỉ', help: `Địa chỉ trụ sở như người dân đọc. ${NEEDS_SOURCE}` },
  { path: 'address.en', label: 'Địa chỉ (tiếng Anh)', help: 'Địa chỉ cho người hỏi bằng tiếng Anh (không bắt buộc).' },
  { path: 'phone', label: 'Số điện thoại', help: `Số điện thoại của bộ phận, chỉ gồm chữ số, ví dụ 02553822xxx. ${NEEDS_SOURCE} Không bao giờ đoán số.` },
  { path: 'hotline', label: 'Đường dây nóng', help: `Số đường dây nóng (1800…, 1900… hoặc số cố định). ${NEEDS_SOURCE}` },
  { path: 'hours.*.days', label: 'Các ngày', help: 'Những ngày trong tuần có cùng giờ làm việc này.' },
  { path: 'hours.*.from', label: 'Từ giờ', help: 'Giờ bắt đầu, dạng 07:30.' },
  { path: 'hours.*.to', label: 'Đến giờ', help: 'Giờ kết thúc, dạng 11:30.' },
  { path: 'hoursNote.vi', label: 'Ghi chú giờ làm việc', help: 'Một câu nói kèm giờ làm việc, ví dụ lịch nghỉ lễ.' },
  { path: 'mapUrl', label: 'Đường dẫn bản đồ', help: `Đường dẫn bản đồ (bắt đầu bằng https://), hiện thành nút “Xem bản đồ”. ${NEEDS_SOURCE}` },
  { path: 'url', label: 'Trang web', help: `Trang của cơ quan hoặc của kênh trực tuyến. ${NEEDS_SOURCE}` },
  { path: 'coordinates.lat', label: 'Vĩ độ', help: `Vị trí trên bản đồ (WGS84, ví dụ 14,3545), để chỉ điểm một cửa gần nhất khi người dân gửi vị trí. ${NEEDS_SOURCE}` },
  { path: 'coordinates.lng', label: 'Kinh độ', help: `Ví dụ 108,0076. ${NEEDS_SOURCE}` },
  { path: 'sources.*.title', label: 'Tên nguồn', help: 'Trang hoặc văn bản đã dùng, ví dụ “Cổng thông tin điện tử phường Kon Tum – Liên hệ”.' },
  { path: 'sources.*.url', label: 'Địa chỉ nguồn', help: 'Đường dẫn tới trang nguồn (bắt đầu bằng https:// hoặc http://).' },
  { path: 'sources.*.retrieved', label: 'Ngày xem nguồn', help: 'Ngày anh/chị đọc trang nguồn, dạng dd/mm/yyyy.' },
  { path: 'sources.*.facts', label: 'Thông tin nguồn này xác nhận', help: 'Đánh dấu từng thông tin có trên trang nguồn. Thông tin nào người dân đọc được cũng phải có ít nhất một nguồn.' },
  { path: 'unsourced.*.fact', label: 'Thông tin chưa có nguồn', help: 'Thông tin đã tìm mà chưa thấy nguồn công khai: bỏ trống thông tin đó, ghi lại ở đây để người sau bổ sung.' },
  { path: 'unsourced.*.note', label: 'Ghi chú', help: 'Đã tìm ở đâu, còn thiếu gì.' },
];

/** Names of whole sections of a contact point (a path that stops at an object or a list). */
export const CONTACT_SECTIONS: Record<string, string> = {
  name: 'Tên điểm liên hệ',
  address: 'Địa chỉ',
  aliases: 'Tên gọi khác',
  topics: 'Dùng cho',
  hours: 'Giờ làm việc',
  hoursNote: 'Ghi chú giờ làm việc',
  coordinates: 'Toạ độ',
  sources: 'Nguồn',
  unsourced: 'Thông tin chưa có nguồn',
};

type Obj = Record<string, unknown>;
const at = (obj: unknown, key: string): unknown => (obj && typeof obj === 'object' ? (obj as Obj)[key] : undefined);

/** A row of the opening hours named by its days ("Giờ làm việc Thứ Bảy"), a row of unsourced facts by its fact. */
export function contactRowName(section: string, index: number, item: unknown): string | null {
  const row = at(at(item, section), String(index));
  if (section === 'hours') {
    const days = (at(row, 'days') as string[] | undefined)?.map((d) => CONTACT_OPTION_WORDS.weekday[d as keyof typeof CONTACT_OPTION_WORDS.weekday] ?? d) ?? [];
    return days.length ? `Giờ làm việc ${days.join(', ')}` : `Giờ làm việc ${index + 1}`;
  }
  if (section === 'unsourced') {
    const fact = at(row, 'fact') as keyof typeof CONTACT_OPTION_WORDS.fact | undefined;
    return `Chưa có nguồn: ${(fact && CONTACT_OPTION_WORDS.fact[fact]) ?? `dòng ${index + 1}`}`;
  }
  return null;
}

/** Value words of contact fields for diffs, by the field's path pattern. */
export const CONTACT_VALUE_WORDS: Record<string, Record<string, string>> = {
  kind: CONTACT_OPTION_WORDS.kind,
  'topics.*': CONTACT_OPTION_WORDS.topic,
  'hours.*.days.*': CONTACT_OPTION_WORDS.weekday,
  'sources.*.facts.*': CONTACT_OPTION_WORDS.fact,
  'unsourced.*.fact': CONTACT_OPTION_WORDS.fact,
};

const wordsOf = (table: Record<string, string>, values: unknown): string =>
  Array.isArray(values) ? values.map((v) => table[String(v)] ?? String(v)).join(', ') : '';

/** A whole row of a contact point in words, for a diff that adds or removes it ("Thứ Bảy: 07:00–11:00"); null when not one. */
export function contactObjectWords(value: Record<string, unknown>): string | null {
  if (Array.isArray(value.days)) return `${wordsOf(CONTACT_OPTION_WORDS.weekday, value.days)}: ${String(value.from ?? '')}–${String(value.to ?? '')}`;
  if (typeof value.lat === 'number' && typeof value.lng === 'number') return `${formatNumber(value.lat, 6)}; ${formatNumber(value.lng, 6)}`;
  if (Array.isArray(value.facts)) {
    const retrieved = typeof value.retrieved === 'string' ? `, xem ngày ${formatDate(value.retrieved)}` : '';
    return `“${String(value.title ?? '')}” (${wordsOf(CONTACT_OPTION_WORDS.fact, value.facts)}${retrieved}) ${String(value.url ?? '')}`.trim();
  }
  if (typeof value.fact === 'string') return `${wordsOf(CONTACT_OPTION_WORDS.fact, [value.fact])}: ${String(value.note ?? '')}`;
  return null;
}

type UnsourcedRow = { fact?: string; note?: string };
const unsourcedOf = (item: unknown): UnsourcedRow[] => (Array.isArray(at(item, 'unsourced')) ? (at(item, 'unsourced') as UnsourcedRow[]) : []);

/**
 * The changes of the "chưa có nguồn" list by fact, not by row number: removing the phone's row then reads
 * "Thông tin chưa có nguồn: bỏ Số điện thoại" rather than every later row shifting up.
 */
export function unsourcedDiffLines(before: unknown, after: unknown): DiffLine[] {
  const was = new Map(unsourcedOf(before).map((u) => [String(u.fact), u.note ?? '']));
  const now = new Map(unsourcedOf(after).map((u) => [String(u.fact), u.note ?? '']));
  const label = CONTACT_SECTIONS.unsourced!;
  const factWords = (facts: string[]) => wordsOf(CONTACT_OPTION_WORDS.fact, facts);
  const lines: DiffLine[] = [];
  const removed = [...was.keys()].filter((f) => !now.has(f));
  const added = [...now.keys()].filter((f) => !was.has(f));
  if (removed.length) lines.push({ path: 'unsourced.removed', label, change: 'removed', before: factWords(removed), after: '(trống)', text: `${label}: bỏ ${factWords(removed)}` });
  if (added.length) lines.push({ path: 'unsourced.added', label, change: 'added', before: '(trống)', after: factWords(added), text: `${label}: thêm ${factWords(added)}` });
  for (const [fact, note] of now) {
    const old = was.get(fact);
    if (old === undefined || old === note) continue;
    const rowLabel = `Chưa có nguồn: ${factWords([fact])} – ghi chú`;
    lines.push({ path: `unsourced.${fact}.note`, label: rowLabel, change: 'changed', before: `“${old}”`, after: `“${note}”`, text: `${rowLabel}: “${old}” → “${note}”` });
  }
  return lines;
}

/**
 * The message of a contact-schema issue whose words differ from the generic ones (null: use the generic words).
 * The schema's own rules are English for automation; these are what a civil servant reads.
 */
export function contactIssueWords(issue: IssueLike): string | null {
  const key = String(issue.path.at(-1) ?? '');
  if (issue.code === 'custom' && /needs a source/.test(issue.message)) {
    return 'chưa có nguồn: hãy đánh dấu thông tin này ở một nguồn trong mục “Nguồn” (nút “Thêm nguồn cho thông tin này”), hoặc bỏ trống thông tin và ghi vào “Thông tin chưa có nguồn”';
  }
  if (issue.code === 'custom' && /must be before/.test(issue.message)) return 'giờ kết thúc phải sau giờ bắt đầu';
  if (issue.code === 'invalid_format' && (key === 'from' || key === 'to')) return 'phải là giờ và phút, ví dụ 07:30';
  if (issue.code === 'invalid_format' && (key === 'phone' || key === 'hotline')) return 'phải là số điện thoại chỉ gồm chữ số, ví dụ 02553822xxx hoặc 1800xxxx';
  if (issue.code === 'invalid_format' && key === 'mapUrl') return 'phải là một đường dẫn bản đồ đầy đủ, bắt đầu bằng https://';
  if (issue.code === 'invalid_format' && key === 'id') return 'phải có dạng chữ thường không dấu, các từ nối bằng “-”, ví dụ mot-cua-phuong-kon-tum';
  if (issue.code === 'too_small' && key === 'days') return 'chọn ít nhất một ngày';
  if (issue.code === 'too_small' && key === 'facts') return 'đánh dấu ít nhất một thông tin mà nguồn này xác nhận';
  return null;
}
