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

describe('readRefusedTopic: the twentieth round', () => {
  it('reads one\'s own yearly income tax settlement, not tax owed on a transfer', () => {
    expect(read('năm nay tôi tự quyết toán thuế thu nhập cá nhân được không')).toBe('out_of_scope.tax');
    expect(read('thue tncn cua toi nop qua etax the nao')).toBe('out_of_scope.tax');
    expect(read('how do I file my income tax return')).toBe('out_of_scope.tax');
    expect(read('chuyển nhượng đất có phải nộp thuế thu nhập cá nhân không')).toBeNull();
  });

  it('reads a driving school typed without accents or in English, not the licence\'s exchange', () => {
    expect(read('o huyen minh co trung tam day lai xe o to khong')).toBe('out_of_scope.driving_school');
    expect(read('is there a driving school near the market')).toBe('out_of_scope.driving_school');
    expect(read('doi bang lai xe o dau')).toBeNull();
  });

  it('reads a lottery draw asked, not a lottery business', () => {
    expect(read('ket qua xo so mien nam hom nay')).toBe('out_of_scope.lottery');
    expect(read('giấy phép kinh doanh xổ số')).toBeNull();
  });

  it('reads a typhoon or rain asked in English and an opinion on a merger said with "vô"', () => {
    expect(read('will it rain in Hue tomorrow')).toBe('out_of_scope.weather');
    expect(read('is a typhoon coming this weekend')).toBe('out_of_scope.weather');
    expect(read('sáp nhập Bình Định vô Gia Lai là đúng hay sai')).toBe('out_of_scope.politics');
  });

  it('reads a divorce wanted or filed, not one told as the past, and a tropical depression asked', () => {
    expect(read('chồng bỏ đi biệt tích, giờ tôi muốn ly hôn thì nộp đơn ở đâu')).toBe('out_of_scope.divorce');
    expect(read('can you help us file for a divorce')).toBe('out_of_scope.divorce');
    expect(read('tôi ly hôn rồi, giờ xin giấy xác nhận độc thân được không')).toBeNull();
    expect(read('chiều nay có áp thấp không')).toBe('out_of_scope.weather');
  });
});
