import type { ContentKind, DiffEntry } from './api-types.js';
import { CONTACT_GLOSSARY, CONTACT_SECTIONS, CONTACT_VALUE_WORDS, contactIssueWords, contactObjectWords, contactRowName, unsourcedDiffLines } from './contact-words.js';
import { formatDate, formatMoney, formatNumber } from './format-vi.js';

/**
 * Content field names in the words of a civil servant: labels for forms, a glossary, per-field validation
 * messages (the Vietnamese error map of the content schema) and version diffs in words
 * ("Lệ phí nộp trực tiếp: 15.000 đ → 25.000 đ"). One module, used by the server and the console alike.
 */

export interface GlossaryEntry {
  /** The field's path pattern, "*" standing for a row number (e.g. "fees.*.amountVnd"). */
  path: string;
  label: string;
  /** What it means and how citizens see it. */
  help: string;
}

export const PROCEDURE_GLOSSARY: readonly GlossaryEntry[] = [
  { path: 'id', label: 'Mã thủ tục', help: 'Địa chỉ cố định của thủ tục trong hệ thống: chữ thường không dấu nối bằng “-”, ví dụ dang-ky-khai-sinh. Không đổi sau khi tạo.' },
  { path: 'nationalCode', label: 'Mã thủ tục quốc gia', help: 'Mã trên Cổng Dịch vụ công quốc gia, ví dụ 1.001193. Dùng để đối chiếu với cơ sở dữ liệu thủ tục.' },
  { path: 'name.vi', label: 'Tên tiếng Việt', help: 'Tên đầy đủ của thủ tục, như người dân đọc trong câu trả lời.' },
  { path: 'name.en', label: 'Tên tiếng Anh', help: 'Tên cho người hỏi bằng tiếng Anh (không bắt buộc).' },
  { path: 'shortName.vi', label: 'Tên ngắn', help: 'Tên hiện trên nút bấm Zalo, tối đa 20 ký tự.' },
  { path: 'field.vi', label: 'Lĩnh vực', help: 'Lĩnh vực của thủ tục, ví dụ Hộ tịch, Đất đai.' },
  { path: 'level', label: 'Cấp thực hiện', help: 'Cấp giải quyết sau sắp xếp chính quyền hai cấp: cấp xã, cấp tỉnh, trung ương hoặc ngành dọc.' },
  { path: 'body.vi', label: 'Cơ quan giải quyết', help: 'Cơ quan tiếp nhận và trả kết quả.' },
  { path: 'summary.vi', label: 'Tóm tắt', help: 'Một hai câu giới thiệu thủ tục, đứng đầu câu trả lời chung.' },
  { path: 'submission.places.*.vi', label: 'Nơi nộp hồ sơ', help: 'Mỗi dòng một nơi nộp, người dân đọc khi hỏi “nộp ở đâu”.' },
  { path: 'submission.channels', label: 'Cách nộp', help: 'Trực tiếp, trực tuyến hoặc qua bưu chính.' },
  { path: 'online.availability', label: 'Dịch vụ công trực tuyến', help: 'Toàn trình (làm hết trên mạng), một phần, hoặc không có.' },
  { path: 'online.url', label: 'Địa chỉ nộp trực tuyến', help: 'Trang nộp hồ sơ trực tuyến (bắt đầu bằng https://).' },
  { path: 'online.note.vi', label: 'Ghi chú nộp trực tuyến', help: 'Lưu ý khi nộp trực tuyến.' },
  { path: 'documents.*.name.vi', label: 'Tên giấy tờ', help: 'Một giấy tờ trong thành phần hồ sơ.' },
  { path: 'documents.*.form', label: 'Mẫu', help: 'Số hiệu mẫu tờ khai nếu có, ví dụ TK01.' },
  { path: 'documents.*.copy', label: 'Loại bản', help: 'Bản chính để nộp, bản chính để xuất trình, bản sao, bản sao chứng thực hoặc bản điện tử.' },
  { path: 'documents.*.quantity', label: 'Số lượng', help: 'Số bản cần nộp.' },
  { path: 'documents.*.note.vi', label: 'Ghi chú giấy tờ', help: 'Lưu ý về giấy tờ này.' },
  { path: 'documents.*.conditional', label: 'Chỉ trong một số trường hợp', help: 'Giấy tờ chỉ cần trong trường hợp riêng, ví dụ khi nộp qua người đại diện.' },
  { path: 'fees.*.label.vi', label: 'Tên khoản phí', help: 'Tên khoản phí, lệ phí như người dân đọc, ví dụ “Lệ phí nộp trực tiếp”.' },
  { path: 'fees.*.kind', label: 'Loại phí', help: 'Số tiền cố định, miễn phí, theo nghị quyết HĐND tỉnh, hoặc chưa công bố.' },
  { path: 'fees.*.amountVnd', label: 'Số tiền', help: 'Số tiền bằng đồng, chỉ nhập khi loại phí là “Số tiền cố định”.' },
  { path: 'fees.*.condition.vi', label: 'Điều kiện áp dụng', help: 'Khi nào khoản phí này áp dụng.' },
  { path: 'fees.*.legalBasis', label: 'Căn cứ thu phí', help: 'Văn bản quy định khoản phí.' },
  { path: 'fees.*.certainty', label: 'Độ tin cậy', help: '“Đã xác minh” khi đối chiếu được với văn bản chính thức; “Chưa xác minh” thì trợ lý nói rõ là chưa chắc chắn.' },
  { path: 'duration.workingDays', label: 'Số ngày làm việc', help: 'Thời hạn giải quyết tính bằng ngày làm việc, để trống khi không cố định.' },
  { path: 'duration.text.vi', label: 'Mô tả thời hạn', help: 'Thời hạn như người dân đọc, ví dụ “05 ngày làm việc”.' },
  { path: 'duration.condition.vi', label: 'Điều kiện của thời hạn', help: 'Trường hợp thời hạn khác đi.' },
  { path: 'duration.legalBasis', label: 'Căn cứ thời hạn', help: 'Văn bản quy định thời hạn.' },
  { path: 'duration.certainty', label: 'Độ tin cậy của thời hạn', help: 'Như độ tin cậy của phí.' },
  { path: 'steps.*.vi', label: 'Bước thực hiện', help: 'Mỗi dòng một bước, theo thứ tự.' },
  { path: 'result.vi', label: 'Kết quả', help: 'Giấy tờ người dân nhận được.' },
  { path: 'conditions.vi', label: 'Điều kiện thực hiện', help: 'Điều kiện để được giải quyết, nếu có.' },
  { path: 'legalBasis.*', label: 'Căn cứ pháp lý', help: 'Các văn bản quy định thủ tục.' },
  { path: 'related.*', label: 'Thủ tục liên quan', help: 'Mã các thủ tục người dân thường cần kèm.' },
  { path: 'officialUrl', label: 'Trang thủ tục chính thức', help: 'Trang của thủ tục trên Cổng Dịch vụ công, được dẫn trong câu trả lời.' },
  { path: 'verifiedAt', label: 'Ngày xác minh', help: 'Ngày thông tin được đối chiếu lần cuối; người dân đọc “Cập nhật ngày …”. Tự cập nhật khi sửa một thông tin.' },
  { path: 'verifiedBy', label: 'Người xác minh', help: 'Tài khoản đã đối chiếu thông tin lần cuối; tự ghi khi sửa một thông tin.' },
  { path: 'sources.*.title', label: 'Nguồn', help: 'Văn bản hoặc trang đã dùng để viết nội dung.' },
  { path: 'sources.*.url', label: 'Địa chỉ nguồn', help: 'Đường dẫn tới nguồn.' },
  { path: 'phrasings.*', label: 'Câu hỏi mẫu', help: 'Cách người dân hay hỏi (có dấu, không dấu, viết tắt); càng nhiều càng dễ hiểu đúng. Cần ít nhất 10 câu.' },
  { path: 'keywords.*', label: 'Từ khoá', help: 'Tên gọi dân gian hoặc từ ngắn giúp tìm đúng thủ tục.' },
];

export const INTENT_GLOSSARY: readonly GlossaryEntry[] = [
  { path: 'id', label: 'Mã ý định', help: 'Ví dụ greeting hoặc out_of_scope.divorce.' },
  { path: 'kind', label: 'Loại ý định', help: 'Việc trợ lý làm khi nhận ra ý định: chào, cảm ơn, hướng dẫn, chuyển cán bộ, đổi ngôn ngữ, tra hồ sơ, ngoài phạm vi…' },
  { path: 'phrasings.*', label: 'Câu mẫu', help: 'Cách người dân hay nói ý này; cần ít nhất 3 câu.' },
  { path: 'replyKey', label: 'Khoá câu trả lời', help: 'Khoá của câu trả lời trong tệp ngôn ngữ (locales).' },
  { path: 'language', label: 'Ngôn ngữ chuyển sang', help: 'Với ý định đổi ngôn ngữ: tiếng Việt hoặc tiếng Anh.' },
];

/** Section names for paths that stop at a list or object (e.g. "fees" or "duration"). */
const SECTIONS: Record<string, string> = {
  name: 'Tên thủ tục',
  shortName: 'Tên ngắn',
  field: 'Lĩnh vực',
  body: 'Cơ quan giải quyết',
  summary: 'Tóm tắt',
  submission: 'Nộp hồ sơ',
  'submission.places': 'Nơi nộp hồ sơ',
  online: 'Dịch vụ công trực tuyến',
  documents: 'Thành phần hồ sơ',
  fees: 'Phí, lệ phí',
  duration: 'Thời hạn giải quyết',
  steps: 'Các bước thực hiện',
  result: 'Kết quả',
  conditions: 'Điều kiện thực hiện',
  legalBasis: 'Căn cứ pháp lý',
  related: 'Thủ tục liên quan',
  sources: 'Nguồn',
  phrasings: 'Câu hỏi mẫu',
  keywords: 'Từ khoá',
  '(root)': 'Nội dung',
};

export const OPTION_WORDS = {
  level: { commune: 'Cấp xã', province: 'Cấp tỉnh', central: 'Trung ương', sector: 'Ngành dọc' },
  feeKind: { amount: 'Số tiền cố định', free: 'Miễn phí', council: 'Theo nghị quyết HĐND tỉnh', unknown: 'Chưa công bố' },
  certainty: { confirmed: 'Đã xác minh', unverified: 'Chưa xác minh' },
  copy: { original: 'Bản chính (nộp)', present_original: 'Bản chính (xuất trình)', copy: 'Bản sao', certified_copy: 'Bản sao chứng thực', electronic: 'Bản điện tử' },
  online: { full: 'Toàn trình', partial: 'Một phần', none: 'Không có' },
  channel: { in_person: 'Trực tiếp', online: 'Trực tuyến', post: 'Bưu chính' },
  intentKind: {
    greeting: 'Chào hỏi',
    thanks: 'Cảm ơn',
    help: 'Hướng dẫn sử dụng',
    handoff: 'Gặp cán bộ',
    language: 'Đổi ngôn ngữ',
    dossier_status: 'Tra cứu hồ sơ',
    feedback: 'Đánh giá câu trả lời',
    out_of_scope: 'Ngoài phạm vi',
    follow_dossier: 'Theo dõi hồ sơ',
    unfollow_dossier: 'Bỏ theo dõi hồ sơ',
    complaint: 'Phản ánh, kiến nghị',
    contacts: 'Hỏi địa chỉ, giờ làm việc',
    more_detail: 'Xem đầy đủ câu trả lời',
  },
  language: { vi: 'Tiếng Việt', en: 'Tiếng Anh' },
} as const;

const patternOf = (path: string) => path.replace(/\.\d+(?=\.|$)/g, '.*');

function glossaryFor(kind: ContentKind): readonly GlossaryEntry[] {
  return kind === 'procedure' ? PROCEDURE_GLOSSARY : kind === 'intent' ? INTENT_GLOSSARY : CONTACT_GLOSSARY;
}

function sectionsFor(kind: ContentKind): Record<string, string> {
  return kind === 'contact' ? { ...SECTIONS, ...CONTACT_SECTIONS } : SECTIONS;
}

function get(obj: unknown, path: string[]): unknown {
  let o = obj;
  for (const k of path) {
    if (o === null || typeof o !== 'object') return undefined;
    o = (o as Record<string, unknown>)[k];
  }
  return o;
}

const vi = (v: unknown): string | null => {
  const s = get(v, ['vi']);
  return typeof s === 'string' && s.trim() ? s.trim() : null;
};

/** How a row of a list is named in words: the fee's own label, the document's name, "bước 2"... */
function rowName(section: string, index: number, item: unknown, kind: ContentKind): string {
  const named = kind === 'contact' ? contactRowName(section, index, item) : null;
  if (named) return named;
  const row = get(item, [section, String(index)]);
  const n = index + 1;
  switch (section) {
    case 'fees':
      return vi(get(row, ['label'])) ?? `Khoản phí ${n}`;
    case 'documents':
      return vi(get(row, ['name'])) ?? `Giấy tờ ${n}`;
    case 'steps':
      return `Bước ${n}`;
    case 'sources':
      return `Nguồn ${n}`;
    default:
      return `${sectionsFor(kind)[section] ?? section} ${n}`;
  }
}

/**
 * The label of a field path in words. Rows are named by their content when the item is given:
 * "fees.0.amountVnd" of a fee labelled "Lệ phí nộp trực tiếp" reads "Lệ phí nộp trực tiếp".
 */
export function fieldLabel(path: string, item?: unknown, kind: ContentKind = 'procedure'): string {
  const parts = path.split('.');
  const entry = glossaryFor(kind).find((g) => g.path === patternOf(path));
  const [section, index, ...rest] = parts;
  const isRow = section !== undefined && index !== undefined && /^\d+$/.test(index);
  if (isRow && ['fees', 'documents', 'steps', 'sources', 'hours', 'unsourced'].includes(section)) {
    const name = rowName(section, Number(index), item, kind);
    const tail = rest.join('.');
    // The main value of the row is named by the row alone: a fee's amount, a document's name, a step's text.
    if (tail === '' || tail === 'amountVnd' || tail === 'name.vi' || tail === 'vi' || tail === 'title') return section === 'fees' && tail === '' ? `${SECTIONS.fees}: ${name}` : name;
    return `${name} – ${(entry?.label ?? tail).toLowerCase()}`;
  }
  if (entry) return entry.label;
  // A row of a simple list (a phrasing, a place) or a whole section.
  const sectionPath = isRow ? section! : parts.filter((p) => !/^\d+$/.test(p)).join('.');
  const list = glossaryFor(kind).find((g) => g.path === `${sectionPath}.*`);
  return list?.label ?? sectionsFor(kind)[sectionPath] ?? glossaryFor(kind).find((g) => g.path.startsWith(`${sectionPath}.`))?.label ?? path;
}

/** The label of a form control: the glossary's name of the field ("Tên khoản phí"), its row being named by its group. */
export function controlLabel(path: string, kind: ContentKind = 'procedure'): string {
  return glossaryFor(kind).find((g) => g.path === patternOf(path))?.label ?? fieldLabel(path, undefined, kind);
}

/** The help text of a field for a tooltip, when the glossary has one. */
export function fieldHelp(path: string, kind: ContentKind = 'procedure'): string | undefined {
  return glossaryFor(kind).find((g) => g.path === patternOf(path))?.help;
}

/** A stored value in words: money, dates, options, yes/no; "(trống)" for nothing. */
export function formatFieldValue(path: string, value: unknown): string {
  if (value === undefined || value === null || value === '') return '(trống)';
  const key = patternOf(path).split('.').at(-1) ?? '';
  const p = patternOf(path);
  if (typeof value === 'number') {
    if (key === 'amountVnd') return formatMoney(value);
    if (key === 'workingDays') return `${formatNumber(value, 1)} ngày làm việc`;
    if (key === 'lat' || key === 'lng') return formatNumber(value, 6);
    return formatNumber(value, 2);
  }
  if (typeof value === 'boolean') return value ? 'có' : 'không';
  if (typeof value === 'string') {
    const words: Record<string, Record<string, string>> = {
      level: OPTION_WORDS.level,
      'fees.*.kind': OPTION_WORDS.feeKind,
      certainty: OPTION_WORDS.certainty,
      copy: OPTION_WORDS.copy,
      availability: OPTION_WORDS.online,
      channels: OPTION_WORDS.channel,
      ...CONTACT_VALUE_WORDS,
      kind: { ...OPTION_WORDS.intentKind, ...CONTACT_VALUE_WORDS.kind },
      language: OPTION_WORDS.language,
    };
    const table: Record<string, string> | undefined = words[p] ?? words[key] ?? (/^submission\.channels\.\*$/.test(p) ? OPTION_WORDS.channel : undefined);
    if (table?.[value]) return table[value]!;
    if (key === 'verifiedAt' || /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
    return `“${value}”`;
  }
  if (Array.isArray(value)) return value.map((v) => formatFieldValue(`${path}.0`, v)).join(', ');
  const text = vi(value);
  if (text) return `“${text}”`;
  return contactObjectWords(value as Record<string, unknown>) ?? JSON.stringify(value);
}

export interface DiffLine {
  path: string;
  label: string;
  /** "thay đổi", "thêm" or "bỏ". */
  change: 'changed' | 'added' | 'removed';
  before: string;
  after: string;
  /** The whole line: "Lệ phí nộp trực tiếp: 15.000 đ → 25.000 đ". */
  text: string;
}

/**
 * A version's changes in words. Rows are named from the version after the change (or before it, for a row
 * that was removed), values formatted as a citizen reads them.
 */
export function diffInWords(diff: readonly DiffEntry[], before: unknown, after: unknown, kind: ContentKind = 'procedure'): DiffLine[] {
  if (kind === 'contact' && diff.some((d) => d.path.startsWith('unsourced'))) {
    return [...diffInWords(diff.filter((d) => !d.path.startsWith('unsourced')), before, after, kind), ...unsourcedDiffLines(before, after)];
  }
  return diff.map((d) => {
    const change = d.before === undefined ? 'added' : d.after === undefined ? 'removed' : 'changed';
    const label = fieldLabel(d.path, change === 'removed' ? before : after, kind);
    const b = formatFieldValue(d.path, d.before);
    const a = formatFieldValue(d.path, d.after);
    const text = change === 'added' ? `${label}: thêm ${a}` : change === 'removed' ? `${label}: bỏ ${b}` : `${label}: ${b} → ${a}`;
    return { path: d.path, label, change, before: b, after: a, text };
  });
}

/** The shape of a zod issue this module reads (zod 4's issues carry these fields). */
export interface IssueLike {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  expected?: string;
  format?: string;
  keys?: string[];
}

const FORMAT_HINT: Record<string, string> = {
  id: 'chữ thường không dấu, các từ nối bằng “-”, ví dụ dang-ky-khai-sinh',
  nationalCode: 'dạng 1.001193',
  verifiedAt: 'một ngày hợp lệ',
  url: 'một địa chỉ web đầy đủ, bắt đầu bằng https:// (hoặc http://)',
  officialUrl: 'một địa chỉ web đầy đủ, bắt đầu bằng https:// (hoặc http://)',
};

/** The message of one issue without the field name: "bắt buộc nhập", "ít nhất 10 câu"... */
export function issueWords(issue: IssueLike, kind: ContentKind = 'procedure'): string {
  const own = kind === 'contact' ? contactIssueWords(issue) : null;
  if (own) return own;
  const path = issue.path.map(String);
  const key = path.at(-1) ?? '';
  const unit = issue.origin === 'array' ? (key === 'phrasings' ? (kind === 'procedure' ? 'câu hỏi mẫu' : 'câu mẫu') : 'dòng') : 'ký tự';
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'number') return 'phải là một số';
      if (issue.expected === 'int') return 'phải là số nguyên';
      return 'bắt buộc nhập';
    case 'too_small':
      if (issue.origin === 'number') return Number(issue.minimum) === 0 ? 'không được là số âm' : `ít nhất ${formatNumber(Number(issue.minimum))}`;
      if (issue.origin === 'string' && Number(issue.minimum) <= 1) return 'bắt buộc nhập';
      if (issue.origin === 'array' && Number(issue.minimum) <= 1) return 'cần ít nhất một dòng';
      return `cần ít nhất ${formatNumber(Number(issue.minimum))} ${unit}`;
    case 'too_big':
      if (issue.origin === 'number') return `nhiều nhất ${formatNumber(Number(issue.maximum))}`;
      return `nhiều nhất ${formatNumber(Number(issue.maximum))} ${unit}`;
    case 'invalid_format':
      if (issue.format === 'url' || key === 'url' || key === 'officialUrl') return `phải là ${FORMAT_HINT.url}`;
      if (issue.format === 'date') return 'phải là một ngày hợp lệ';
      return `phải có dạng ${FORMAT_HINT[key] ?? 'đúng quy định'}`;
    case 'invalid_value':
      return 'vui lòng chọn một giá trị trong danh sách';
    case 'not_multiple_of':
      return 'phải là số nguyên';
    case 'unrecognized_keys':
      return `có trường không thuộc mẫu: ${(issue.keys ?? []).join(', ')}`;
    case 'custom':
      if (key === 'amountVnd' && /required/.test(issue.message)) return `bắt buộc nhập khi loại phí là “${OPTION_WORDS.feeKind.amount}”`;
      if (key === 'amountVnd' && /only allowed/.test(issue.message)) return `chỉ nhập khi loại phí là “${OPTION_WORDS.feeKind.amount}”`;
      return issue.message;
    default:
      return 'giá trị chưa hợp lệ';
  }
}

/**
 * The Vietnamese message of one content validation issue, with the field's name:
 * "Tên tiếng Việt: bắt buộc nhập", "Lệ phí nộp trực tiếp: bắt buộc nhập khi loại phí là “Số tiền cố định”".
 */
export function describeIssue(issue: IssueLike, item?: unknown, kind: ContentKind = 'procedure'): string {
  const path = issue.path.map(String).join('.');
  const label = path ? fieldLabel(path, item, kind) : SECTIONS['(root)']!;
  return `${label}: ${issueWords(issue, kind)}`;
}
