import { describe, expect, it } from 'vitest';
import { findDossierCodes, findNationalCode, findPhone, normaliseDossierCode } from '../../src/nlu/entities.js';

describe('dossier codes', () => {
  it('finds the legacy and the left-to-right agency forms inside a sentence', () => {
    expect(findDossierCodes('cho hỏi hồ sơ 000.00.53.H48-220921-0099 xong chưa').codes).toEqual(['000.00.53.H48-220921-0099']);
    expect(findDossierCodes('hs H48.14-240823-0001 toi dau r').codes).toEqual(['H48.14-240823-0001']);
    expect(findDossierCodes('H48-260101-00005').codes).toEqual(['H48-260101-00005']);
  });

  it('accepts any case, en/em dashes and spaces around hyphens, and normalises to upper case', () => {
    expect(findDossierCodes('ma hs 000.00.53.h48 – 260228 — 0099, khi nao co').codes).toEqual(['000.00.53.H48-260228-0099']);
    expect(normaliseDossierCode(' h56.14 - 240823 - 0001 ')).toBe('H56.14-240823-0001');
  });

  it('rejects impossible months and non-codes', () => {
    expect(findDossierCodes('000.00.53.H48-221321-0099').codes).toEqual([]);
    expect(findDossierCodes('lệ phí 15.000 đồng, số 0905123456').codes).toEqual([]);
  });

  it('reads codes typed with spaces instead of hyphens or dots, or without dots', () => {
    const want = ['000.00.53.H48-251120-0004'];
    expect(findDossierCodes('000.00.53.h48 251120 0004').codes).toEqual(want);
    expect(findDossierCodes('ma ho so 000 00 53 H48 251120 0004 nhe').codes).toEqual(want);
    expect(findDossierCodes('0000053H48-251120-0004 xong chưa').codes).toEqual(want);
    expect(findDossierCodes('hồ sơ 000.00.53.H48 - 251120 - 0004').codes).toEqual(want);
    expect(findDossierCodes('0000053h48 251120 0004').codes).toEqual(want);
    // The code is blanked out of the rest, so its digits do not reach the matcher.
    expect(findDossierCodes('mã 0000053H48-251029-0009 xong chưa').rest).not.toMatch(/\d/);
  });

  it('never reads phone numbers or ID numbers as codes, spaced or not', () => {
    for (const text of ['gọi em số 0905 123 456', 'sdt 0905123456', 'cccd 079190123456', 'cmnd 212 345 678', 'số 0905123456 và căn cước 079 190 123 456', '0905 123 456 251120 0004']) {
      expect(findDossierCodes(text).codes, text).toEqual([]);
    }
    // An impossible date is not a code either.
    expect(findDossierCodes('000 00 53 H48 251399 0004').codes).toEqual([]);
  });

  it('reads loosely in linear time (long runs of digits and spaces)', () => {
    const hostile = ('0000053H48 ' + ' '.repeat(50) + '1'.repeat(50) + ' ').repeat(2000);
    const started = performance.now();
    expect(findDossierCodes(hostile).codes).toEqual([]);
    // Linear: about a millisecond here; a quadratic scan of 200,000 characters takes minutes.
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('keeps social-insurance file numbers as typed', () => {
    expect(findDossierCodes('so ho so bhxh 03706/2026/07906 da xong chua').codes).toEqual(['03706/2026/07906']);
  });
});

describe('national procedure codes and phones', () => {
  it('finds a national code, also in its local form', () => {
    expect(findNationalCode('thủ tục 1.001193 cần gì')?.value).toBe('1.001193');
    expect(findNationalCode('mã 1.001612.000.00.00.H48')?.value).toBe('1.001612');
    expect(findNationalCode('phí 2.000.000 đồng')).toBeNull();
    // The catalogue also has codes in groups 5 and 6 (111 of its procedures).
    expect(findNationalCode('mã 6.001435 nộp ở đâu')?.value).toBe('6.001435');
  });

  it('finds a mobile number with separators and normalises +84', () => {
    expect(findPhone('gọi em số 0905 123 456 nhé')?.value).toBe('0905123456');
    expect(findPhone('sdt +84 912.345.678')?.value).toBe('0912345678');
    expect(findPhone('mã 12345')).toBeNull();
  });
});
