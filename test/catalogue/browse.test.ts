import { describe, expect, it } from 'vitest';
import { browseCatalogue, matchesWords, matchScore } from '../../src/catalogue/browse.js';
import { sampleKb } from './sync-harness.js';

describe('searching the catalogue', () => {
  it('matches whole words with or without diacritics, the last one as typed so far, and codes whole', () => {
    expect(matchesWords('Đăng ký tạm trú', 'tam tru')).toBe(true);
    expect(matchesWords('Đăng ký tạm trú', 'tạm tr')).toBe(true);
    expect(matchesWords('Thay đổi trụ sở chính', 'tam tru')).toBe(false);
    expect(matchesWords('Đăng ký tạm vắng', 'tam tru')).toBe(false);
    expect(matchesWords('1.004194 Đăng ký tạm trú', '1.004194')).toBe(true);
    expect(matchesWords('1.004194 Đăng ký tạm trú', '1.0041')).toBe(true);
    expect(matchesWords('1.004194 Đăng ký tạm trú', '4194')).toBe(false);
    expect(matchesWords('1.004194 Đăng ký tạm trú dang-ky-tam-tru', 'dang-ky-tam-tru')).toBe(true);
    expect(matchesWords('anything', '  ')).toBe(true);
    // Words in a row, as typed, rank above the same words apart.
    expect(matchScore('Khai báo tạm trú cho người nước ngoài', 'tam tru')).toBe(2);
    expect(matchScore('Đăng ký hoạt động của Trung tâm tư vấn', 'tam tru')).toBe(1);
  });

  it('filters by level and field, counts the fields of what the text and level match, and pages', async () => {
    const kb = await sampleKb();
    const all = browseCatalogue(kb.catalogue, new Map(), { q: '', offset: 0, limit: 50, tier: 'live' });
    expect(all.total).toBe(13);
    expect(all.fields.reduce((n, f) => n + f.count, 0)).toBeLessThanOrEqual(13);
    const field = all.fields[0]!;
    const inField = browseCatalogue(kb.catalogue, new Map(), { q: '', field: field.field, offset: 0, limit: 50, tier: 'live' });
    expect(inField.total).toBe(field.count);
    // The field list stays that of the text and level, so another field can be picked.
    expect(inField.fields).toEqual(all.fields);
    const communes = browseCatalogue(kb.catalogue, new Map([['1.004194', 'dang-ky-tam-tru']]), { q: 'tam tru', level: 'commune', offset: 0, limit: 50, tier: 'live' });
    expect(communes.items.map((i) => [i.nationalCode, i.curatedId])).toEqual([['1.002755', undefined], ['1.004194', 'dang-ky-tam-tru']]);
    expect(browseCatalogue(kb.catalogue, new Map(), { q: '', offset: 10, limit: 2, tier: 'live' }).items.map((i) => i.nationalCode)).toEqual(all.items.slice(10, 12).map((i) => i.nationalCode));
  });
});
