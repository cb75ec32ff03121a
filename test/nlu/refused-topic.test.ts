import { describe, expect, it } from 'vitest';
import { normaliseText, syllables } from '../../src/nlu/normalise.js';
import { readRefusedTopic } from '../../src/nlu/refused-topic.js';

const read = (text: string) => {
  const words = syllables(normaliseText(text));
  return readRefusedTopic(words.accented, words.folded);
};

describe('readRefusedTopic', () => {
  it('reads rain or a storm asked about, on the accented words', () => {
    expect(read('mai có mưa không')).toBe('out_of_scope.weather');
    expect(read('bựa ni có bão không eng')).toBe('out_of_scope.weather');
    expect(read('trời có nắng không')).toBe('out_of_scope.weather');
    expect(read('thoi tiet cuoi tuan the nao')).toBe('out_of_scope.weather');
  });

  it('does not read "mua" (to buy) or "bao nhiêu" typed without accents, nor a storm told as damage', () => {
    expect(read('co mua duoc khong')).toBeNull();
    expect(read('le phi co bao nhieu khong')).toBeNull();
    expect(read('nhà bị bão làm sập, xin hỗ trợ')).toBeNull();
  });

  it('reads gold and fuel prices and exchange rates', () => {
    expect(read('giá vàng hôm nay')).toBe('out_of_scope.prices');
    expect(read('ty gia usd')).toBe('out_of_scope.prices');
    expect(read('lệ phí hộ chiếu bao nhiêu')).toBeNull();
  });
});
