/**
 * Readers for the tables of the portal's procedure pages as the scraped file holds them: the cells of each
 * table run together without separators ("Trực tuyến5 Ngày làm việcMiễn phíTrực tiếp…"). Each reader takes
 * only what the text says without guessing: a cell that admits two readings (a number whose unit the page
 * lost, "Miễn phí" beside a note that states a sum) is reported unreadable, and the record then states
 * nothing for it.
 */
import type { ChannelTerms, DocumentGroup, LegalBasis, OfficialChannel, OfficialDocument, OfficialFee, ProcessingTime, TimeUnit } from '../knowledge/official.js';

/** The page's way of saying a cell is empty. */
export const NO_INFORMATION = 'Không có thông tin';

export function isBlank(text: string | undefined): boolean {
  const t = text?.trim() ?? '';
  return t === '' || t === NO_INFORMATION;
}

/** Collapses runs of spaces and trims; keeps line breaks (steps are separated by them). */
export function tidy(text: string): string {
  return text
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .trim();
}

// ---------------------------------------------------------------------------------------------------------
// Channels: "Hình thức nộp | Thời gian | Phí, lệ phí | Mô tả"

const CHANNEL_HEADER = 'Hình thức nộpThời gianPhí, lệ phíMô tả';
const CHANNEL_NAMES: Record<string, OfficialChannel> = { 'Trực tuyến': 'online', 'Trực tiếp': 'in_person', 'Dịch vụ bưu chính': 'post' };
/**
 * A row starts with a channel name directly followed by the next cell: a number (time or fee), "Không…"
 * or "Miễn phí". The same words inside a description ("nộp hồ sơ trực tiếp tại…", "Trực tuyến: qua Cổng…")
 * are followed by something else and stay in the description.
 */
const ROW_START = /(Trực tuyến|Trực tiếp|Dịch vụ bưu chính)(?=\s?(?:\d|Không|Miễn phí)|\p{Lu})/gu;

const UNITS: Record<string, TimeUnit> = {
  'ngày làm việc': 'working_day',
  'ngày': 'day',
  'giờ': 'hour',
  'tuần': 'week',
  'tháng': 'month',
  'năm': 'year',
};
const TIME = /^(\d+(?:[.,]\d+)?)\s?(Ngày làm việc|Ngày|Giờ|Tuần|Tháng|Năm)/i;
/** Thousands grouped by commas as the page prints them ("1,200,000"); a run of digits must be read whole. */
const VND = /^(\d{1,3}(?:,\d{3})*)(?![\d,])\s?(Việt Nam Đồng|VNĐ|VND|đồng|Đồng)/;
const USD = /^(\d{1,3}(?:,\d{3})*(?:\.\d+)?)(?![\d,])\s?(USD|Đô la Mỹ)/;
/** Any other currency word after a number: a fee in a currency the record cannot hold. */
const OTHER_CURRENCY = /^\d[\d,.]*\s?(EUR|Euro|Yên|JPY|CNY|Nhân dân tệ|[A-Z]{3})\b/;
/** A number followed by a unit of time the record cannot hold. */
const OTHER_UNIT = /^\d+(?:[.,]\d+)?\s?(Phút|Giây|Quý|Kỳ)/i;
/** No real fee is under 1,000 đồng: such a sum is a misplaced digit of the time cell or a sum in thousands. */
const MIN_VND = 1000;
/**
 * A note that states a sum, a price or who sets the fee contradicts a "Miễn phí" cell: the page lost the sum
 * (or "free" stands for "not set nationally").
 */
const NOTE_STATES_FEE =
  /\d[\d.,]*\s?(?:đồng|đ\b|VNĐ|VND|USD|%)|\d{1,3}(?:\.\d{3})+|mức (?:thu|phí|lệ phí)|lệ phí (?:cấp|đăng ký|là|:)|phí (?:thẩm định|kiểm dịch|cấp|công bố)|chi phí|giá dịch vụ|pháp luật về (?:phí|giá)|Luật (?:phí|giá)|TT-BTC|(?:HĐND|Hội đồng nhân dân|Ủy ban nhân dân|UBND)[^.]{0,40}quy định|quy định của (?:HĐND|Hội đồng nhân dân|Ủy ban nhân dân|UBND)/i;

/**
 * How a cell was read. `read`: its value (a stated "no information" included). The next four are read as
 * unknown: `unitless`: a time whose unit the page lost; `contradicted`: "Miễn phí" beside a note stating a fee;
 * `implausible`: a sum under 1,000 đồng; `unreadable`: text the grammar does not know. The last two are values
 * the record cannot hold at all, and the caller refuses the record: `foreign_unit` ("30 Phút"),
 * `foreign_currency` ("100 EUR").
 */
export type CellReading = 'read' | 'unitless' | 'contradicted' | 'implausible' | 'unreadable' | 'foreign_unit' | 'foreign_currency';

export interface ChannelRow extends ChannelTerms {
  timeCell: CellReading;
  feeCell: CellReading;
}

export interface ChannelTable {
  rows: ChannelRow[];
  /** False when the text is not the channel table at all (a different header). */
  recognised: boolean;
}

function readTime(body: string): { time: ProcessingTime; cell: CellReading; rest: string } {
  const known = TIME.exec(body);
  if (known) {
    const amount = Number(known[1]!.replace(',', '.'));
    const unit = UNITS[known[2]!.toLowerCase()]!;
    // "0 Ngày" is the page's blank, not a same-day promise.
    return { time: amount > 0 ? { kind: 'known', amount, unit } : { kind: 'unknown' }, cell: amount > 0 ? 'read' : 'unitless', rest: body.slice(known[0].length) };
  }
  const other = OTHER_UNIT.exec(body);
  if (other) return { time: { kind: 'unknown' }, cell: 'foreign_unit', rest: body.slice(other[0].length) };
  for (const stated of [NO_INFORMATION, 'Không quy định', 'Không']) {
    if (body.startsWith(stated)) return { time: { kind: 'unknown' }, cell: 'read', rest: body.slice(stated.length).trimStart() };
  }
  // Straight to the fee: the time cell was empty.
  if (/^(?:Miễn phí)/.test(body) || VND.test(body) || USD.test(body)) return { time: { kind: 'unknown' }, cell: 'read', rest: body };
  // A bare number: the page lost its unit (and a number run into a sum cannot be split for sure).
  const bare = /^\d+/.exec(body);
  return bare ? { time: { kind: 'unknown' }, cell: 'unitless', rest: body.slice(bare[0].length) } : { time: { kind: 'unknown' }, cell: 'unreadable', rest: body };
}

function readFee(body: string): { fee: OfficialFee; cell: CellReading; rest: string } {
  if (body.startsWith('Miễn phí')) return { fee: { kind: 'free' }, cell: 'read', rest: body.slice('Miễn phí'.length) };
  if (body.startsWith(NO_INFORMATION)) return { fee: { kind: 'unknown' }, cell: 'read', rest: body.slice(NO_INFORMATION.length) };
  const vnd = VND.exec(body);
  if (vnd) {
    const amount = Number(vnd[1]!.replace(/,/g, ''));
    const rest = body.slice(vnd[0].length);
    if (amount < MIN_VND) return { fee: { kind: 'unknown' }, cell: 'implausible', rest };
    return { fee: { kind: 'charged', amounts: [{ amount, currency: 'VND' }] }, cell: 'read', rest };
  }
  const usd = USD.exec(body);
  if (usd) return { fee: { kind: 'charged', amounts: [{ amount: Number(usd[1]!.replace(/,/g, '')), currency: 'USD' }] }, cell: 'read', rest: body.slice(usd[0].length) };
  return { fee: { kind: 'unknown' }, cell: OTHER_CURRENCY.test(body) ? 'foreign_currency' : 'unreadable', rest: body };
}

/** The row's description without the parentheses the page wraps fee notes in. */
function readNote(rest: string): string | undefined {
  let note = tidy(rest);
  while (note.startsWith('(') && note.endsWith(')') && balanced(note.slice(1, -1))) note = note.slice(1, -1).trim();
  return note && note !== NO_INFORMATION ? note : undefined;
}

function balanced(s: string): boolean {
  let depth = 0;
  for (const ch of s) {
    if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/** Reads the "how to file" table. A row whose fee cell says free while its note states a sum reads as unknown. */
export function parseChannelTable(text: string): ChannelTable {
  if (!text.startsWith(CHANNEL_HEADER)) return { rows: [], recognised: isBlank(text) };
  const body = text.slice(CHANNEL_HEADER.length);
  const starts = [...body.matchAll(ROW_START)];
  const rows: ChannelRow[] = starts.map((m, i) => {
    const from = m.index + m[0].length;
    const to = i + 1 < starts.length ? starts[i + 1]!.index : body.length;
    const cells = body.slice(from, to).replace(/^\s/, '');
    const time = readTime(cells);
    const fee = readFee(time.rest);
    const note = readNote(fee.rest);
    let { fee: value, cell: feeCell } = fee;
    if (value.kind === 'free' && note && NOTE_STATES_FEE.test(note)) {
      value = { kind: 'unknown' };
      feeCell = 'contradicted';
    }
    const row: ChannelRow = { channel: CHANNEL_NAMES[m[1]!]!, time: time.time, fee: value, timeCell: time.cell, feeCell };
    if (note) row.note = note;
    return row;
  });
  return { rows, recognised: true };
}

// ---------------------------------------------------------------------------------------------------------
// Documents: "<case title>Tên giấy tờMẫu đơn, tờ khaiSố lượng<name><form file>?<quantity>…"

const DOCUMENT_HEADER = 'Tên giấy tờMẫu đơn, tờ khaiSố lượng';
/** The quantity cell ends every document row: "1 bản chính" or "0 bản chính,1 bản sao". */
const QUANTITY = /(\d+) bản chính(?:,\s?(\d+) bản sao)?/g;
const FORM_FILE = /\.(?:docx?|pdf|xlsx?|rar|zip|odt|rtf|jpe?g|png)$/i;

/**
 * Splits "…theo mẫu tại Phụ lục III.Phụ lục III - TT56.docx" into the document and its form file. The file
 * name runs into the name: it starts at the seam between the two cells, within the last 80 characters before
 * the extension. Without a seam the text stays whole: a name with a file name in it beats a name cut wrongly.
 */
function splitForm(cell: string): { name: string; form?: string } {
  const ext = FORM_FILE.exec(cell);
  if (!ext) return { name: cell };
  const base = cell.slice(0, ext.index);
  const from = Math.max(0, base.length - 80);
  // A letter run into a capital or a digit is the surest seam; a sentence end or parenthesis the next best.
  const window = base.slice(from);
  const lastSeam = (re: RegExp): number => {
    let at = -1;
    for (const m of window.matchAll(re)) at = from + m.index + m[0].length;
    return at;
  };
  const cut = Math.max(lastSeam(/\p{Ll}(?=[\p{Lu}\d])|\d(?=\p{Lu}\p{Ll})/gu), 0) || lastSeam(/[.;:)](?=\S)/gu);
  if (cut <= 0) return { name: cell };
  const name = cell.slice(0, cut).trim();
  const form = cell.slice(cut).trim();
  return name && form.length > ext[0].length ? { name, form } : { name: cell };
}

function cleanCase(title: string): string | undefined {
  const t = tidy(title).replace(/^[-–\s]+$/, '');
  return t ? t : undefined;
}

/** Reads the documents table, one group per case. */
export function parseDocumentTable(text: string): DocumentGroup[] {
  if (isBlank(text)) return [];
  const parts = text.split(DOCUMENT_HEADER);
  // Without the table header the cell holds something else (the crawler put step text there): state nothing.
  if (parts.length < 2) return [];
  const groups: DocumentGroup[] = [];
  let caseTitle = parts[0]!;
  for (let i = 1; i < parts.length; i++) {
    const body = parts[i]!;
    // The next case's title trails this body, after the last quantity cell.
    const quantities = [...body.matchAll(QUANTITY)];
    const lastEnd = quantities.length ? quantities.at(-1)!.index + quantities.at(-1)![0].length : 0;
    const isLast = i === parts.length - 1;
    const documents: OfficialDocument[] = [];
    let at = 0;
    for (const q of quantities) {
      const cell = tidy(body.slice(at, q.index));
      at = q.index + q[0].length;
      if (!cell) continue;
      const { name, form } = splitForm(cell);
      const doc: OfficialDocument = { name, originals: Number(q[1]) };
      if (form) doc.form = form;
      if (q[2] !== undefined) doc.copies = Number(q[2]);
      documents.push(doc);
    }
    const trailing = tidy(body.slice(lastEnd));
    // A last body without a quantity cell is a document the crawler cut: keep its name, say no quantity.
    if (isLast && trailing) documents.push({ name: trailing });
    const group: DocumentGroup = { documents };
    const title = cleanCase(caseTitle);
    if (title) group.case = title;
    if (documents.length) groups.push(group);
    caseTitle = isLast ? '' : trailing;
  }
  return groups;
}

// ---------------------------------------------------------------------------------------------------------
// Legal basis: "Tên văn bản pháp lýMã văn bản<title><code><title><code>…"

const LEGAL_HEADER = 'Tên văn bản pháp lýMã văn bản';
/** Issuers in document numbers ("…/NĐ-CP", "…/TT-BTC"), longest first so that "BNNPTNT" wins over "BNN…". */
const ISSUERS = ['BLĐTBXH', 'BNNPTNT', 'BVHTTDL', 'VKSNDTC', 'TANDTC', 'BTNMT', 'BGDĐT', 'BKHĐT', 'BKHCN', 'BTTTT', 'BGTVT', 'BNNMT', 'NHNN', 'UBND', 'HĐND', 'HĐTP', 'UBTVQH', 'VPCP', 'BTC', 'BTP', 'BCA', 'BXD', 'BYT', 'BCT', 'BQP', 'BNV', 'BNG', 'TTg', 'CP', 'QH'];
/**
 * A document number as the code column prints it: "54/2014/QH13", "131/2025/NĐ-CP", "03/2024/TTLT-BTC-BTP",
 * "15/2020/QĐ-TTg". A number may follow a law's "QH13" or a title's year ("Luật Cư trú 2020" + "68/2020/QH14")
 * directly.
 * The next cell starts right after it ("NĐ-CPLuật…", "NĐ-CPsửa đổi…"), so the issuer is read
 * from the known ones; an unknown issuer stops before a capitalised word or anything that is not a capital.
 */
const ISSUER = `(?:${ISSUERS.join('|')})`;
const LEGAL_CODE = new RegExp(
  String.raw`(?:(?<![\d/])|(?<=QH\d{2})|(?<=(?<![\d/])(?:19|20)\d{2}))\d{1,4}\/\d{4}\/(?:(?:UBTV)?QH\d{2}|(?:[A-ZĐ]+-)+${ISSUER}(?:-${ISSUER})*(?:-C\d{2})?|(?:[A-ZĐ]+-)+[A-ZĐ]+?(?=\p{Lu}\p{Ll}|[^\p{Lu}]|$))`,
  'gu',
);

/**
 * Reads the legal-basis table: the code cell ends each row. A title that ends with its own number ("Luật
 * 54/2014/QH13" then the code "54/2014/QH13") matches twice; the second match closes the same row.
 */
export function parseLegalBasisTable(text: string): LegalBasis[] {
  if (isBlank(text)) return [];
  const body = text.startsWith(LEGAL_HEADER) ? text.slice(LEGAL_HEADER.length) : text;
  const out: LegalBasis[] = [];
  let at = 0;
  for (const m of body.matchAll(LEGAL_CODE)) {
    // A number followed by a space is quoted inside a title ("Thông tư số 66/2023/TT-BCA Sửa đổi…"); the code
    // cell is followed directly by the next title, or ends the table.
    if (/^\s/.test(body.slice(m.index + m[0].length, m.index + m[0].length + 1))) continue;
    const title = tidy(body.slice(at, m.index));
    at = m.index + m[0].length;
    const previous = out.at(-1);
    if (!title && previous) {
      if (previous.code === m[0]) previous.title = tidy(`${previous.title} ${m[0]}`);
      else if (previous.code === undefined) previous.code = m[0];
      continue;
    }
    out.push({ title: title || m[0], code: m[0] });
  }
  const rest = tidy(body.slice(at));
  if (rest && rest !== NO_INFORMATION) out.push({ title: rest });
  // "Luật " + "54/2014/QH13": the title was only the word before the number.
  for (const l of out) if (l.code && !l.title.includes(l.code) && /^(?:Luật|Nghị định|Thông tư|Nghị quyết|Quyết định)(?: số)?$/i.test(l.title)) l.title = `${l.title} ${l.code}`;
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Results: "<name>Mã: KQ.G12.000327Từ khóa…Mô tả…<next name>Mã: …" followed by the page's filing widget.

const RESULT_CODE = /Mã: (?:[A-Z]{2}\.[A-Z0-9]+(?:\.\d+)*|\d+)/g;
const WIDGET = /Chọn cơ quan thực hiện[\s\S]*$/;

export function parseResults(text: string): string[] {
  if (isBlank(text)) return [];
  const body = text.replace(WIDGET, '');
  const names: string[] = [];
  let at = 0;
  for (const m of body.matchAll(RESULT_CODE)) {
    const name = tidy(body.slice(at, m.index).replace(/^Từ khóa[\s\S]*?Mô tả(?:Không có thông tin)?/, ''));
    at = m.index + m[0].length;
    if (name) names.push(name);
  }
  if (names.length === 0) {
    const whole = tidy(body);
    return whole && whole !== NO_INFORMATION ? [whole] : [];
  }
  return names;
}

// ---------------------------------------------------------------------------------------------------------
// Steps: "Bước 1: …\nBước 2: …" (or plain lines).

export function parseSteps(text: string): string[] {
  if (isBlank(text)) return [];
  const body = tidy(text);
  const numbered = body.split(/(?=Bước \d+\s?[:.])/);
  const steps = numbered.length > 1 ? numbered : body.split('\n');
  return (
    steps
      // A list marker the page put before the next step ("…\n+", "…\nb)") belongs to it, not to this one.
      .map((s) => tidy(tidy(s).replace(/\n(?:[-+•]|[a-zđ]\))$/u, '')))
      .filter((s) => !/^(?:[-+•.;:]|[a-zđ]\)|\s)*$/u.test(s))
  );
}

/** "Cấp xã, Cấp tỉnh" → the level flags. */
export function parseLevels(text: string): { ministry: boolean; province: boolean; commune: boolean; other: boolean } {
  const parts = text.split(',').map((s) => s.trim());
  return {
    ministry: parts.includes('Cấp bộ'),
    province: parts.includes('Cấp tỉnh'),
    commune: parts.includes('Cấp xã'),
    other: parts.some((p) => p !== '' && !['Cấp bộ', 'Cấp tỉnh', 'Cấp xã'].includes(p)),
  };
}

/**
 * Splits a comma-separated list whose items may contain commas inside parentheses
 * ("Tổ chức (không bao gồm doanh nghiệp, HTX), Công dân Việt Nam").
 */
export function splitList(text: string): string[] {
  if (isBlank(text)) return [];
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (ch === ',' && depth === 0) {
      if (current.trim()) out.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim()) out.push(current.trim());
  // An item that starts in lower case continues the one before ("Cán bộ, công chức, viên chức").
  return out.reduce<string[]>((items, item) => {
    if (items.length && /^\p{Ll}/u.test(item)) items[items.length - 1] += `, ${item}`;
    else items.push(item);
    return items;
  }, []);
}
