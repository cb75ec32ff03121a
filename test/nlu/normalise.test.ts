import { describe, expect, it } from 'vitest';
import { foldDiacritics, normaliseText, syllables } from '../../src/nlu/normalise.js';

describe('normalisation', () => {
  it('folds đ explicitly (NFD stripping alone keeps it)', () => {
    expect(foldDiacritics('đăng ký Đất đai')).toBe('dang ky Dat dai');
    expect(foldDiacritics('đ'.normalize('NFD'))).toBe('d');
  });

  it('treats NFD input like NFC input', () => {
    const nfc = 'Đăng ký khai sinh ở đâu'.normalize('NFC');
    const nfd = nfc.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    expect(normaliseText(nfd)).toBe(normaliseText(nfc));
    expect(normaliseText(nfd)).toBe('đăng ký khai sinh ở đâu');
  });

  it('drops emoji and punctuation, lower-cases', () => {
    expect(normaliseText('Làm CCCD ở đâu ạ??? 🙏🏻😊')).toBe('làm cccd ở đâu ạ');
    expect(normaliseText('👨‍👩‍👧 khai-sinh, cho bé!!!')).toBe('khai sinh cho bé');
  });

  it('collapses letters repeated three times or more but keeps real doubles', () => {
    expect(normaliseText('alooo ad ơiiii')).toBe('alo ad ơi');
    expect(normaliseText('nhiềuuuu')).toBe('nhiều');
    expect(normaliseText('xoong')).toBe('xoong');
  });

  it('keeps accented and folded syllables aligned', () => {
    const s = syllables(normaliseText('Giấy phép lái xe'));
    expect(s.accented).toEqual(['giấy', 'phép', 'lái', 'xe']);
    expect(s.folded).toEqual(['giay', 'phep', 'lai', 'xe']);
  });
});
