import { describe, expect, it } from 'vitest';
import { checkDossierCode, findDossierCodesInText, normaliseDossierCode, parseDossierCode, parseProvincePrefixes } from '../../src/onestop/codes.js';
import { maskOwnerName, proofDigests, proofMatches } from '../../src/onestop/privacy.js';

describe('dossier codes', () => {
  it('normalises case, dashes and spaces around dashes', () => {
    expect(normaliseDossierCode('  000.00.53.h48 – 220921 — 0099 ')).toBe('000.00.53.H48-220921-0099');
  });

  it('accepts the real shapes of §1.1 and rejects bad ones', () => {
    expect(parseDossierCode('000.00.53.H48-220921-0099')?.agency).toBe('000.00.53.H48');
    expect(parseDossierCode('H56.14-240823-0001')?.sequence).toBe('0001');
    expect(parseDossierCode('000.17.22.H56-210531-12345')).not.toBeNull();
    expect(parseDossierCode('000.00.53.H48-221321-0099')).toBeNull(); // month 13
    expect(parseDossierCode('000.00.53.H48-230229-0099')).toBeNull(); // 29 Feb 2023 does not exist
    expect(parseDossierCode('000.00.53.H48-240229-0099')).not.toBeNull(); // 2024 is a leap year
    expect(parseDossierCode('000.00.53.H48-220931-0099')).toBeNull(); // 31 Sep
    expect(parseDossierCode('03706/2026/07906')).toBeNull();
    expect(parseDossierCode('hello')).toBeNull();
  });

  it('checks the province prefix from configuration', () => {
    expect(checkDossierCode('000.00.53.H48-220921-0099', ['H48']).ok).toBe(true);
    expect(checkDossierCode('000.00.06.H56-231027-0361', ['H48'])).toMatchObject({ ok: false, reason: 'other_province' });
    expect(checkDossierCode('000.00.06.H56-231027-0361', ['H48', 'H56']).ok).toBe(true);
    expect(checkDossierCode('H48.3-231027-0361', ['H48']).ok).toBe(true);
    expect(checkDossierCode('000.00.53.H48-220199-0099', ['H48'])).toMatchObject({ ok: false, reason: 'malformed' });
    expect(parseProvincePrefixes(' h48, H56 ')).toEqual(['H48', 'H56']);
    expect(parseProvincePrefixes(undefined)).toEqual(['H48']);
  });

  it('finds codes inside free text', () => {
    expect(findDossierCodesInText('cho hỏi hồ sơ 000.00.53.H48-220921-0099 sao rồi')).toEqual(['000.00.53.H48-220921-0099']);
    expect(findDossierCodesInText('mã 000.00.53.h48 - 220921 - 0099 và H56.14-240823-0001, lại 000.00.53.H48-220921-0099')).toEqual([
      '000.00.53.H48-220921-0099',
      'H56.14-240823-0001',
    ]);
    expect(findDossierCodesInText('hồ sơ 000.00.53.H48-230230-0001')).toEqual([]);
    expect(findDossierCodesInText('không có mã nào')).toEqual([]);
  });
});

describe('owner privacy', () => {
  it('masks names', () => {
    expect(maskOwnerName('Nguyễn Văn An')).toBe('Nguyễn V*** A');
    expect(maskOwnerName('Trần Thị Ngọc Bích')).toBe('Trần T*** N*** B');
    expect(maskOwnerName('Lê An')).toBe('Lê A');
    expect(maskOwnerName('Mai')).toBe('M***');
    expect(maskOwnerName('')).toBeUndefined();
  });

  it('matches the last 4 digits of the ID number or phone, never other digits', () => {
    const d = proofDigests('C-1', '051090001234', '0905115678');
    expect(proofMatches('C-1', '1234', d)).toBe(true);
    expect(proofMatches('C-1', '0905 115 678', d)).toBe(true);
    expect(proofMatches('C-1', '051090001234', d)).toBe(true);
    expect(proofMatches('C-1', '4321', d)).toBe(false);
    expect(proofMatches('C-1', '123', d)).toBe(false);
    expect(proofMatches('C-2', '1234', d)).toBe(false);
  });
});
