import { beforeAll, describe, expect, it } from 'vitest';
import { clarifyTitles, type ClarifyCandidate } from '../../src/dialogue/clarify-titles.js';
import { MAX_BUTTON_TITLE } from '../../src/dialogue/limits.js';
import { renderClarify } from '../../src/dialogue/render-system.js';
import type { Language, Translate } from '../../src/dialogue/types.js';
import { birth, foreignMarriage } from './fixtures/knowledge.js';
import { loadTranslations } from './fixtures/i18n.js';

let tFor: (lng: Language) => Translate;
beforeAll(async () => {
  tFor = await loadTranslations();
});

const levels = (l: string) => ({ ministry: l.includes('M'), province: l.includes('P'), commune: l.includes('C'), other: l.includes('O') });
/** A catalogue procedure as the dialogue sees it (names and levels as the national catalogue publishes them). */
const record = (code: string, name: string, level: string, applicants = ['Công dân Việt Nam']): ClarifyCandidate => ({
  id: `tthc-${code.replace('.', '-')}`,
  name: { vi: name },
  official: { levels: levels(level), applicants },
});

const reissueOnline = record('1.013080', 'Cấp lại chứng nhận đăng ký xe, biển số xe thực hiện bằng dịch vụ công trực tuyến toàn trình', 'MPC');
const reissueInPerson = record('1.013082', 'Cấp lại chứng nhận đăng ký xe, biển số xe thực hiện bằng dịch vụ công trực tuyến một phần hoặc trực tiếp thực hiện tại cấp trung ương, cấp tỉnh, cấp xã', 'MPC');
const exchange = record('1.013079', 'Đổi chứng nhận đăng ký xe, biển số xe bằng dịch vụ công trực tuyến một phần hoặc trực tiếp thực hiện tại cấp trung ương, cấp tỉnh, cấp xã', 'MPC');
const permitTail = ' giấy phép xây dựng đối với công trình cấp III, cấp IV (công trình Không theo tuyến/Theo tuyến trong đô thị/Tín ngưỡng, tôn giáo) và nhà ở riêng lẻ';

describe('clarification button titles', () => {
  it('say the variant where near-twins differ in a word or two (re-issue, exchange, amend, extend)', () => {
    const t = tFor('vi');
    expect(clarifyTitles([record('1.013226', `Cấp điều chỉnh${permitTail}`, 'CO'), record('1.013227', `Gia hạn${permitTail}`, 'CO'), record('1.013228', `Cấp lại${permitTail}`, 'CO')], 'vi', t, 20)).toEqual([
      'Cấp điều chỉnh',
      'Gia hạn',
      'Cấp lại',
    ]);
    const plain = record('1.011475', 'Cấp Giấy chứng nhận cơ sở an toàn dịch bệnh động vật (trừ cơ sở an toàn dịch bệnh theo yêu cầu của nước nhập khẩu)', 'P');
    const again = record('1.011477', 'Cấp lại Giấy chứng nhận cơ sở an toàn dịch bệnh động vật (trừ cơ sở an toàn dịch bệnh theo yêu cầu của nước nhập khẩu)', 'P');
    expect(clarifyTitles([plain, again], 'vi', t, 20)).toEqual(['Cấp', 'Cấp lại']);
    const titles = clarifyTitles([exchange, reissueOnline, reissueInPerson], 'vi', t, 20);
    expect(titles[1]).toBe('Cấp lại, toàn trình');
    expect(titles[0]!.startsWith('Đổi')).toBe(true);
    expect(titles[2]!.startsWith('Cấp lại, một phần')).toBe(true);
    expect(new Set(titles).size).toBe(3);
  });

  it('a two-word verb that opens every name reads whole with what follows it ("Đăng ký xe", not "Ký xe")', () => {
    const land: ClarifyCandidate = { id: 'dang-ky-bien-dong-dat', name: { vi: 'Đăng ký biến động đất đai (chuyển nhượng, tặng cho, thừa kế)' }, shortName: { vi: 'Biến động đất đai' } };
    const vehicle: ClarifyCandidate = { id: 'dang-ky-xe', name: { vi: 'Đăng ký xe (cấp lần đầu, sang tên)' }, shortName: { vi: 'Đăng ký xe' } };
    const again = record('1.004002', 'Đăng ký lại phương tiện trong trường hợp chuyển quyền sở hữu phương tiện', 'C');
    const titles = clarifyTitles([land, vehicle, again], 'vi', tFor('vi'), 20);
    expect(titles[1]).toBe('Đăng ký xe');
    expect(titles.every((x) => !/^Ký /u.test(x))).toBe(true);
  });

  it('say the level when the same procedure is published for the province and the commune', () => {
    const name = 'Cấp giấy thông hành biên giới Việt Nam – Lào cho công dân Việt Nam có hộ khẩu thường trú ở tỉnh có chung đường biên giới với Lào (thực hiện tại cấp tỉnh)';
    const pair = [record('1.001280', name, 'P'), record('1.012680', name.replace('cấp tỉnh', 'cấp xã'), 'C')];
    expect(clarifyTitles(pair, 'vi', tFor('vi'), 20)).toEqual(['Cấp tỉnh', 'Cấp xã']);
    expect(clarifyTitles(pair, 'en', tFor('en'), 20)).toEqual(['Province level', 'Commune level']);
    // Twins at two levels beside another procedure: the variant with the level.
    const dispute = 'Giải quyết tranh chấp đất đai thuộc thẩm quyền của Chủ tịch Ủy ban nhân dân cấp';
    const trio = [record('1.012805', `${dispute} tỉnh`, 'P'), record('1.013967', `${dispute} xã`, 'C'), record('1.012812', 'Hòa giải tranh chấp đất đai', 'C')];
    expect(clarifyTitles(trio, 'vi', tFor('vi'), 20)).toEqual(['Giải quyết (tỉnh)', 'Giải quyết (xã)', 'Hòa giải']);
  });

  it('say who files when only that differs, and number the options when nothing does', () => {
    const name = 'Đăng ký tham gia dịch vụ';
    const people = record('9.000001', name, 'P', ['Công dân Việt Nam']);
    const firms = record('9.000002', name, 'P', ['Doanh nghiệp', 'Hợp tác xã']);
    expect(clarifyTitles([people, firms], 'vi', tFor('vi'), 20)).toEqual(['Cá nhân', 'Tổ chức']);
    expect(clarifyTitles([people, { ...people, id: 'x' }], 'vi', tFor('vi'), 20)).toEqual(['Lựa chọn 1', 'Lựa chọn 2']);
  });

  it('unrelated procedures keep their short names; every title fits the limit', () => {
    expect(clarifyTitles([birth, foreignMarriage], 'vi', tFor('vi'), 20)).toEqual(['Khai sinh', 'Kết hôn nước ngoài']);
    for (const max of [10, 14, MAX_BUTTON_TITLE]) {
      for (const title of clarifyTitles([exchange, reissueOnline, reissueInPerson], 'vi', tFor('vi'), max)) expect(Array.from(title).length).toBeLessThanOrEqual(max);
    }
  });

  it('the clarifying reply lists the full names in its text and the differences on its buttons', () => {
    const r = renderClarify([reissueOnline, exchange], null, 'vi', tFor('vi'));
    expect(r.text).toContain(`1. ${reissueOnline.name.vi}`);
    expect(r.text).toContain('2. Đổi chứng nhận đăng ký xe');
    const titles = r.buttons.slice(0, 2).map((b) => b.title);
    expect(titles[0]).toMatch(/^Cấp lại/);
    expect(titles[1]).toMatch(/^Đổi/);
    expect(r.buttons[0]).toMatchObject({ kind: 'query', payload: expect.stringContaining('tthc-1-013080') });
  });
});
