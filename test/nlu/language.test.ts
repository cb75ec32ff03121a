import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/nlu/language.js';
import { normaliseText, syllables } from '../../src/nlu/normalise.js';

const detect = (text: string) => {
  const { accented, folded } = syllables(normaliseText(text));
  return detectLanguage(accented, folded);
};

describe('language of one message', () => {
  it('reads Vietnamese typed without diacritics from the shape of its syllables', () => {
    // "that" is an English word, but "nghiep", "khuyet" and "thuong" are only Vietnamese.
    expect(detect('that nghiep')).toBe('vi');
    expect(detect('tro cap khuyet tat')).toBe('vi');
    expect(detect('thuong binh')).toBe('vi');
  });

  it('lets loanwords alone show no language, so the conversation keeps its own', () => {
    expect(detect('ok thanks ad')).toBeNull();
    expect(detect('hello')).toBeNull();
  });

  it('still reads English sentences as English', () => {
    expect(detect('thanks, where do I submit the documents?')).toBe('en');
    expect(detect('How long does the birth certificate take')).toBe('en');
  });
});
