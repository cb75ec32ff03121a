import { describe, expect, it } from 'vitest';
import { parseChannelTable, parseDocumentTable, parseLegalBasisTable, parseLevels, parseResults, parseSteps, splitList } from '../../src/catalogue/page-tables.js';

const HEAD = 'Hình thức nộpThời gianPhí, lệ phíMô tả';

describe('the channel table (Hình thức nộp / Thời gian / Phí, lệ phí / Mô tả)', () => {
  it('reads the reference example: three channels, five working days, free', () => {
    const t = parseChannelTable(`${HEAD}Trực tuyến5 Ngày làm việcMiễn phíDịch vụ bưu chính5 Ngày làm việcMiễn phíTrực tiếp5 Ngày làm việcMiễn phí`);
    expect(t.recognised).toBe(true);
    expect(t.rows.map((r) => [r.channel, r.time, r.fee, r.timeCell, r.feeCell])).toEqual([
      ['online', { kind: 'known', amount: 5, unit: 'working_day' }, { kind: 'free' }, 'read', 'read'],
      ['post', { kind: 'known', amount: 5, unit: 'working_day' }, { kind: 'free' }, 'read', 'read'],
      ['in_person', { kind: 'known', amount: 5, unit: 'working_day' }, { kind: 'free' }, 'read', 'read'],
    ]);
  });

  it('reads calendar days, hours, sums in VNĐ, Việt Nam Đồng and USD, and keeps the description as the note', () => {
    const t = parseChannelTable(
      `${HEAD}Trực tiếp7 Ngày làm việc10,000 Việt Nam Đồng(10.000 đồng/giấy)Trong thời hạn 07 ngày làm việc kể từ ngày nhận đủ hồ sơ.Dịch vụ bưu chính15 Ngày1,200,000 Việt Nam ĐồngTrực tuyến1 Giờ8,000 VNĐTrực tiếp5 Ngày làm việc145 USD(Theo biểu phí)`,
    );
    expect(t.rows.map((r) => [r.channel, r.time, r.fee])).toEqual([
      ['in_person', { kind: 'known', amount: 7, unit: 'working_day' }, { kind: 'charged', amounts: [{ amount: 10000, currency: 'VND' }] }],
      ['post', { kind: 'known', amount: 15, unit: 'day' }, { kind: 'charged', amounts: [{ amount: 1200000, currency: 'VND' }] }],
      ['online', { kind: 'known', amount: 1, unit: 'hour' }, { kind: 'charged', amounts: [{ amount: 8000, currency: 'VND' }] }],
      ['in_person', { kind: 'known', amount: 5, unit: 'working_day' }, { kind: 'charged', amounts: [{ amount: 145, currency: 'USD' }] }],
    ]);
    expect(t.rows[0]!.note).toBe('(10.000 đồng/giấy)Trong thời hạn 07 ngày làm việc kể từ ngày nhận đủ hồ sơ.');
    expect(t.rows[3]!.note).toBe('Theo biểu phí');
  });

  it('states nothing for a number whose unit the page lost, a time of 0, or a cell that only says "Không có thông tin"', () => {
    const t = parseChannelTable(`${HEAD}Trực tuyến1Miễn phíTrực tiếp0Không có thông tinNộp tại xãDịch vụ bưu chính5 NgàyKhông có thông tin`);
    expect(t.rows.map((r) => [r.time.kind, r.timeCell, r.fee.kind, r.feeCell])).toEqual([
      ['unknown', 'unitless', 'free', 'read'],
      ['unknown', 'unitless', 'unknown', 'read'],
      ['known', 'read', 'unknown', 'read'],
    ]);
  });

  it('does not take "Miễn phí" when the note states a sum or leaves the fee to the provincial council', () => {
    const t = parseChannelTable(
      `${HEAD}Trực tuyến5 Ngày làm việcMiễn phí(- Lệ phí cấp giấy phép lái xe: 135.000 đồng/lần.)Trực tiếp24 Ngày làm việcMiễn phí(do Ủy ban nhân dân cấp tỉnh quy định.)Dịch vụ bưu chính5 NgàyMiễn phí(Không quy định)`,
    );
    expect(t.rows.map((r) => [r.fee.kind, r.feeCell])).toEqual([
      ['unknown', 'contradicted'],
      ['unknown', 'contradicted'],
      ['free', 'read'],
    ]);
  });

  it('reads a sum under 1,000 đồng (a digit of the time cell run into the fee) as unknown, and an ungrouped number as no sum at all', () => {
    const t = parseChannelTable(`${HEAD}Trực tuyến120 VNĐ(20.000 vnđ /tờ khai)Trực tiếp1200 VNĐ`);
    expect(t.rows.map((r) => [r.time.kind, r.timeCell, r.fee.kind, r.feeCell])).toEqual([
      ['unknown', 'read', 'unknown', 'implausible'],
      ['unknown', 'unitless', 'unknown', 'unreadable'],
    ]);
  });

  it('keeps channel words inside a description ("nộp hồ sơ trực tiếp tại…", "Trực tuyến: qua Cổng…") in the description', () => {
    const t = parseChannelTable(`${HEAD}Trực tiếp3 Ngày làm việcKhông có thông tinNộp văn bản trên cổng Dịch vụ công quốc gia hoặc nộp trực tiếp tại Cục. - Trực tuyến: qua Cổng dịch vụ công`);
    expect(t.rows).toHaveLength(1);
    expect(t.rows[0]!.note).toContain('nộp trực tiếp tại Cục. - Trực tuyến: qua Cổng');
  });

  it('marks a time in minutes and a sum in euros as values the record cannot hold (the caller refuses the record)', () => {
    const t = parseChannelTable(`${HEAD}Trực tiếp30 PhútMiễn phíTrực tuyến5 Ngày100 EUR`);
    expect(t.rows.map((r) => [r.timeCell, r.feeCell])).toEqual([
      ['foreign_unit', 'read'],
      ['read', 'foreign_currency'],
    ]);
  });

  it('recognises an empty cell and rejects a different table', () => {
    expect(parseChannelTable('')).toEqual({ rows: [], recognised: true });
    expect(parseChannelTable('Không có thông tin')).toEqual({ rows: [], recognised: true });
    expect(parseChannelTable('Tên giấy tờMẫu đơn, tờ khaiSố lượng').recognised).toBe(false);
  });
});

describe('the other tables', () => {
  it('documents: groups by case, splits the form file from the name, reads originals and copies', () => {
    const groups = parseDocumentTable(
      '- Trường hợp A:Tên giấy tờMẫu đơn, tờ khaiSố lượng+ Đề nghị khai báo tạm vắng;1 bản chính+ Văn bản đồng ý.1 bản chính,1 bản sao- Trường hợp B:Tên giấy tờMẫu đơn, tờ khaiSố lượngĐơn đề nghị cấp chứng chỉ hành nghề luật sưMẫu số 01-PLIII-LS.docx1 bản chính',
    );
    expect(groups).toEqual([
      { case: '- Trường hợp A:', documents: [{ name: '+ Đề nghị khai báo tạm vắng;', originals: 1 }, { name: '+ Văn bản đồng ý.', originals: 1, copies: 1 }] },
      { case: '- Trường hợp B:', documents: [{ name: 'Đơn đề nghị cấp chứng chỉ hành nghề luật sư', form: 'Mẫu số 01-PLIII-LS.docx', originals: 1 }] },
    ]);
    // "--" is the page's empty case title; a cell without the table header is not a documents table.
    expect(parseDocumentTable('--Tên giấy tờMẫu đơn, tờ khaiSố lượngTờ khai1 bản chính')).toEqual([{ documents: [{ name: 'Tờ khai', originals: 1 }] }]);
    expect(parseDocumentTable('); nộp hồ sơ cho cơ quan BHXH.\nBước 2. Cơ quan BHXH tiếp nhận')).toEqual([]);
  });

  it('legal basis: a title that repeats its own number, and an issuer run into the next title', () => {
    expect(parseLegalBasisTable('Tên văn bản pháp lýMã văn bảnLuật 54/2014/QH1354/2014/QH13Thông tư 92/2015/TT-BTC92/2015/TT-BTCQuy định chi tiết về quản lý hoạt động bay125/2015/NĐ-CPsửa đổi một số điều14/2026/NĐ-CP')).toEqual([
      { title: 'Luật 54/2014/QH13', code: '54/2014/QH13' },
      { title: 'Thông tư 92/2015/TT-BTC', code: '92/2015/TT-BTC' },
      { title: 'Quy định chi tiết về quản lý hoạt động bay', code: '125/2015/NĐ-CP' },
      { title: 'sửa đổi một số điều', code: '14/2026/NĐ-CP' },
    ]);
  });

  it('results: one per result code, without the keywords and the filing widget after them', () => {
    expect(
      parseResults('Thông báo kết quả giải quyếtMã: KQ.G01.000065Phiếu khai báo tạm vắng (CT03)Mã: KQ.G01.000061Từ khóaKhai báo tạm vắngMô tảKhông có thông tinChọn cơ quan thực hiệnTỉnh/ Thành phốNộp hồ sơ'),
    ).toEqual(['Thông báo kết quả giải quyết', 'Phiếu khai báo tạm vắng (CT03)']);
    expect(parseResults('Không có thông tin')).toEqual([]);
  });

  it('steps: split at "Bước n", without list markers left over between them', () => {
    expect(parseSteps('+\nBước 1: Nộp hồ sơ.\n+\nBước 2: Nhận kết quả.')).toEqual(['Bước 1: Nộp hồ sơ.', 'Bước 2: Nhận kết quả.']);
    expect(parseSteps('Nộp hồ sơ\nNhận kết quả')).toEqual(['Nộp hồ sơ', 'Nhận kết quả']);
  });

  it('levels and lists', () => {
    expect(parseLevels('Cấp bộ, Cấp tỉnh')).toEqual({ ministry: true, province: true, commune: false, other: false });
    expect(parseLevels('Cấp xã, Cơ quan khác')).toEqual({ ministry: false, province: false, commune: true, other: true });
    expect(splitList('Tổ chức (không bao gồm doanh nghiệp, HTX), Công dân Việt Nam')).toEqual(['Tổ chức (không bao gồm doanh nghiệp, HTX)', 'Công dân Việt Nam']);
  });
});
