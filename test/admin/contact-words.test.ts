import { describe, expect, it } from 'vitest';
import { ContactPoint } from '../../src/contacts/schema.js';
import { controlLabel, describeIssue, diffInWords, fieldLabel } from '../../src/admin/content-words.js';
import { diffContent } from '../../src/admin/diff.js';

/** Contact points in the console's words: labels, the Vietnamese error map of the contact schema, diffs. */

const base = { id: 'mot-cua-xa-thu', kind: 'commune', name: { vi: 'Bộ phận Một cửa xã Thử' } };
const messages = (data: unknown) => {
  const r = ContactPoint.safeParse(data);
  return r.success ? [] : r.error.issues.map((i) => describeIssue(i, data, 'contact'));
};

describe('contact point words', () => {
  it('names every field of a contact point in Vietnamese', () => {
    for (const key of Object.keys(ContactPoint.shape)) expect(fieldLabel(key, undefined, 'contact'), key).not.toBe(key);
    expect(controlLabel('hours.1.from', 'contact')).toBe('Từ giờ');
    expect(controlLabel('sources.0.retrieved', 'contact')).toBe('Ngày xem nguồn');
    expect(controlLabel('coordinates.lat', 'contact')).toBe('Vĩ độ');
    // Procedures keep their own words.
    expect(controlLabel('name.vi')).toBe('Tên tiếng Việt');
  });

  it('says in Vietnamese that a stated fact needs a source, naming the fact', () => {
    expect(messages({ ...base, phone: '02603862123', address: { vi: '12 Lê Lợi' } })).toEqual([
      expect.stringMatching(/^Địa chỉ: chưa có nguồn: hãy đánh dấu thông tin này ở một nguồn trong mục “Nguồn”/),
      expect.stringMatching(/^Số điện thoại: chưa có nguồn: .*“Thông tin chưa có nguồn”$/),
    ]);
    const sourced = { ...base, phone: '02603862123', sources: [{ facts: ['phone'], title: 'Trang xã', url: 'https://xa.example.gov.vn', retrieved: '2026-12-03' }] };
    expect(messages(sourced)).toEqual([]);
  });

  it('explains bad hours, phones, links, dates and empty choices per row', () => {
    const bad = {
      ...base,
      phone: '0260 386',
      hours: [{ days: ['sat'], from: '7:30', to: '06:00' }, { days: [], from: '13:30', to: '17:00' }],
      mapUrl: 'http://maps.example.com/x',
      sources: [{ facts: [], title: 'Trang xã', url: 'trang xã', retrieved: '2026-13-01' }],
    };
    expect(messages(bad)).toEqual([
      'Số điện thoại: phải là số điện thoại chỉ gồm chữ số, ví dụ 02553822xxx hoặc 1800xxxx',
      'Giờ làm việc Thứ Bảy – từ giờ: phải là giờ và phút, ví dụ 07:30',
      'Giờ làm việc Thứ Bảy – đến giờ: giờ kết thúc phải sau giờ bắt đầu',
      'Giờ làm việc 2 – các ngày: chọn ít nhất một ngày',
      'Đường dẫn bản đồ: phải là một đường dẫn bản đồ đầy đủ, bắt đầu bằng https://',
      'Nguồn 1 – thông tin nguồn này xác nhận: đánh dấu ít nhất một thông tin mà nguồn này xác nhận',
      'Nguồn 1 – địa chỉ nguồn: phải là một địa chỉ web đầy đủ, bắt đầu bằng https:// (hoặc http://)',
      'Nguồn 1 – ngày xem nguồn: phải là một ngày hợp lệ',
      // Stated facts without a source are reported in the same pass.
      expect.stringMatching(/^Số điện thoại: chưa có nguồn/),
      expect.stringMatching(/^Giờ làm việc: chưa có nguồn/),
      expect.stringMatching(/^Đường dẫn bản đồ: chưa có nguồn/),
    ]);
  });

  it('reads a version of a contact point in words: hours by day, sources by title, position, and the unsourced list by fact', () => {
    const before = ContactPoint.parse({
      ...base,
      unsourced: [
        { fact: 'address', note: 'Chưa tìm thấy địa chỉ.' },
        { fact: 'phone', note: 'Chưa tìm thấy số.' },
        { fact: 'hours', note: 'Chưa tìm thấy giờ.' },
      ],
    });
    const after = ContactPoint.parse({
      ...base,
      phone: '02603862123',
      hours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '07:00', to: '11:30' }, { days: ['sat'], from: '07:30', to: '11:00' }],
      coordinates: { lat: 14.354512, lng: 108.007601 },
      sources: [{ facts: ['phone', 'hours', 'coordinates'], title: 'Trang xã', url: 'https://xa.example.gov.vn', retrieved: '2026-12-03' }],
      unsourced: [{ fact: 'address', note: 'Đã hỏi xã, chờ văn bản.' }],
    });
    expect(diffInWords(diffContent(before, after), before, after, 'contact').map((l) => l.text)).toEqual([
      'Nguồn 1: thêm “Trang xã” (Số điện thoại, Giờ làm việc, Toạ độ, xem ngày 03/12/2026) https://xa.example.gov.vn',
      'Số điện thoại: thêm “02603862123”',
      'Giờ làm việc: thêm Thứ Hai, Thứ Ba, Thứ Tư, Thứ Năm, Thứ Sáu: 07:00–11:30, Thứ Bảy: 07:30–11:00',
      'Toạ độ: thêm 14,354512; 108,007601',
      'Thông tin chưa có nguồn: bỏ Số điện thoại, Giờ làm việc',
      'Chưa có nguồn: Địa chỉ – ghi chú: “Chưa tìm thấy địa chỉ.” → “Đã hỏi xã, chờ văn bản.”',
    ]);
    const later = ContactPoint.parse({ ...after, hours: [after.hours![0]!, { days: ['sat'], from: '07:30', to: '11:30' }] });
    expect(diffInWords(diffContent(after, later), after, later, 'contact').map((l) => l.text)).toEqual(['Giờ làm việc Thứ Bảy – đến giờ: “11:00” → “11:30”']);
  });
});
