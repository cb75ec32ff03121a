import { describe, expect, it } from 'vitest';
import { detectLanguage, readLanguageRequest } from '../../src/nlu/language.js';
import { foldDiacritics } from '../../src/nlu/normalise.js';
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
    expect(detect('hi ad')).toBeNull();
  });

  it('reads a greeting in English and nothing else as English', () => {
    expect(detect('Hi')).toBe('en');
    expect(detect('hello there')).toBe('en');
  });

  it('still reads English sentences as English', () => {
    expect(detect('thanks, where do I submit the documents?')).toBe('en');
    expect(detect('How long does the birth certificate take')).toBe('en');
  });
});

describe('a language asked for with a verb of talking', () => {
  const request = (text: string) => readLanguageRequest(foldDiacritics(normaliseText(text)).split(' '));

  it('is the language to talk in, in either language and typed short', () => {
    expect(request('em ơi chat tiếng anh đc ko, chồng chị người Úc muốn tự hỏi')).toBe('en');
    expect(request('Sorry, my Vietnamese is not good. Could you explain in English?')).toBe('en');
    expect(request('can u answer in english pls')).toBe('en');
    expect(request('thôi nói tiếng việt đi em')).toBe('vi');
  });

  it("is never a document's language (a translation, a certified copy, a paper in English)", () => {
    expect(request('dịch giấy khai sinh sang tiếng anh ở đâu')).toBeNull();
    expect(request('giấy tờ bằng tiếng anh có cần chứng thực không')).toBeNull();
    expect(request('giấy khai sinh tiếng anh')).toBeNull();
  });
});
