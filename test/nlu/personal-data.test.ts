import { describe, expect, it } from 'vitest';
import { MASK, maskPersonalData } from '../../src/nlu/personal-data.js';

const { id: ID, phone: PHONE, email: EMAIL, address: ADDRESS } = MASK;

describe('maskPersonalData', () => {
  it('masks ID numbers: 12-digit CCCD, 9-digit CMND, with or without spaces', () => {
    expect(maskPersonalData('cccd của tôi là 051203001234, cần làm lại')).toBe(`cccd của tôi là ${ID}, cần làm lại`);
    expect(maskPersonalData('So CMND 212345678 bi mat')).toBe(`So CMND ${ID} bi mat`);
    expect(maskPersonalData('căn cước 051 203 001 234 hết hạn')).toBe(`căn cước ${ID} hết hạn`);
    expect(maskPersonalData('mã số bhxh 4822012345')).toBe(`mã số bhxh ${ID}`);
  });

  it('masks mobile and landline numbers in their +84 / 84 / 0 forms', () => {
    expect(maskPersonalData('gọi em 0905123456 nhé')).toBe(`gọi em ${PHONE} nhé`);
    expect(maskPersonalData('sdt 0905 123 456')).toBe(`sdt ${PHONE}`);
    expect(maskPersonalData('sđt: 0905.123.456, zalo +84 905 123 456')).toBe(`sđt: ${PHONE}, zalo ${PHONE}`);
    expect(maskPersonalData('so 84905123456')).toBe(`so ${PHONE}`);
    expect(maskPersonalData('máy bàn 0255 3822 123 giờ hành chính')).toBe(`máy bàn ${PHONE} giờ hành chính`);
    expect(maskPersonalData('tel 0255-3822-123')).toBe(`tel ${PHONE}`);
  });

  it('masks e-mail addresses', () => {
    expect(maskPersonalData('gửi vào nguyen.van.a+hs@gmail.com giúp em')).toBe(`gửi vào ${EMAIL} giúp em`);
  });

  it('masks the house-level part of an address, written with or without diacritics', () => {
    expect(maskPersonalData('tôi ở số nhà 12 đường Lê Lợi, phường Nghĩa Chánh')).toBe(`tôi ở ${ADDRESS}, phường Nghĩa Chánh`);
    expect(maskPersonalData('Nhà số 7B, Trần Hưng Đạo')).toBe(`${ADDRESS}, Trần Hưng Đạo`);
    expect(maskPersonalData('nhà em 45/12 Nguyễn Huệ không, 45/12 đường Nguyễn Huệ')).toBe(`nhà em 45/12 Nguyễn Huệ không, ${ADDRESS}`);
    expect(maskPersonalData('dia chi 123 duong quang trung, tp quang ngai')).toBe(`dia chi ${ADDRESS}, tp quang ngai`);
    expect(maskPersonalData('em ở thôn Phú Lộc, xã Tịnh Sơn')).toBe(`em ở ${ADDRESS}, xã Tịnh Sơn`);
    expect(maskPersonalData('ấp Bình An xã Bình Hải')).toBe(`${ADDRESS} xã Bình Hải`);
    expect(maskPersonalData('tổ 5 khu phố 3 phường Trần Phú')).toBe(`${ADDRESS} ${ADDRESS} phường Trần Phú`);
    expect(maskPersonalData('hẻm 45/12 kiệt 7 ngõ số 9')).toBe(`${ADDRESS} ${ADDRESS} ${ADDRESS}`);
    expect(maskPersonalData('to 7 thon 3 xa nghia ky')).toBe(`${ADDRESS} ${ADDRESS} xa nghia ky`);
  });

  it('keeps what is not personal: dossier codes, BHXH file numbers, fees, dates, procedure words', () => {
    const kept = [
      'hồ sơ 000.00.53.H48-220921-0099 xong chưa',
      'hs h48.14 - 240823 - 0001 toi dau r',
      'so ho so bhxh 03706/2026/07906 da xong chua',
      'lệ phí 1.500.000 đồng, nộp ngày 12/05/2025',
      'thủ tục 1.001193 cần tờ khai số 2 và tổ chức nào cấp',
      'đăng ký khai sinh cho con cần giấy tờ gì',
      'đường dây nóng của phường ở đâu',
    ];
    for (const text of kept) expect(maskPersonalData(text)).toBe(text);
  });

  it('masks around a kept dossier code in the same message', () => {
    expect(maskPersonalData('hs 000.00.53.H48-220921-0099 của chị, sđt 0905123456, cccd 051203001234')).toBe(
      `hs 000.00.53.H48-220921-0099 của chị, sđt ${PHONE}, cccd ${ID}`,
    );
  });

  it('is linear on long adversarial input', () => {
    const bytes = 512 * 1024;
    const fill = (unit: string) => unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
    const inputs = [fill(' '), fill('1'), fill('1 '), fill('1.'), fill('a'), fill('số nhà '), fill('thôn '), fill('0905 '), fill('a.b+c'), fill('12/'), fill('H48-'), fill('tổ 5 ')];
    for (const text of inputs) {
      const t0 = performance.now();
      maskPersonalData(text);
      const ms = performance.now() - t0;
      expect(ms, `${JSON.stringify(text.slice(0, 8))}…: ${ms.toFixed(1)} ms`).toBeLessThan(1500);
    }
  });
});
