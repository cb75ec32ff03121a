import { beforeAll, describe, expect, it } from 'vitest';
import { loadContentFromDir } from '../../src/knowledge/loader.js';
import { toMatchJson } from '../../src/nlu/match-json.js';
import { buildMatcher } from '../../src/nlu/matcher.js';
import type { Matcher } from '../../src/nlu/types.js';
import { sharedContentDir } from '../support/content.js';

/** The curated content with the 13 sample records of the official tier (the whole catalogue: accuracy-floor.test.ts). */
let matcher: Matcher;
beforeAll(async () => {
  const res = await loadContentFromDir(sharedContentDir());
  if ('errors' in res) throw new Error(JSON.stringify(res.errors.slice(0, 3)));
  matcher = buildMatcher(res.kb);
});

describe('matching catalogue procedures', () => {
  it('finds a catalogue procedure by its national code, with the aspect asked', () => {
    expect(matcher.understand('thủ tục 1.003930')).toMatchObject({ decision: 'answer', procedureId: 'tthc-1-003930', nationalCode: '1.003930', aspect: 'overview', confidence: 1 });
    expect(matcher.understand('mã 1.000969 lệ phí bao nhiêu')).toMatchObject({ decision: 'answer', procedureId: 'tthc-1-000969', nationalCode: '1.000969', aspect: 'fee' });
  });

  it('a code a curated page covers answers with the curated page and its own code', () => {
    expect(matcher.understand('thủ tục 3.000277')).toMatchObject({ procedureId: 'khoa-mo-khoa-can-cuoc-dien-tu', nationalCode: '3.000276' });
    expect(matcher.understand('mã 1.004194 cần giấy tờ gì')).toMatchObject({ procedureId: 'dang-ky-tam-tru', nationalCode: '1.004194', aspect: 'documents' });
  });

  it('finds a catalogue procedure by its official name, with or without diacritics', () => {
    for (const text of ['Cấp lại Giấy chứng nhận đăng ký phương tiện', 'cap lai giay chung nhan dang ky phuong tien', 'Sửa đổi, bổ sung Giấy phép nhận chìm ở biển']) {
      const u = matcher.understand(text);
      const found = u.decision === 'answer' ? [u.procedureId] : u.alternatives.map((a) => a.procedureId);
      expect(found, text).toContain(text.startsWith('Sửa') ? 'tthc-1-000969' : 'tthc-1-003930');
      expect(u.decision, text).not.toBe('fallback');
    }
  });

  it('near-twin names are never answered as each other', () => {
    for (const [text, id] of [
      ['Công bố lại hoạt động bến thủy nội địa', 'tthc-1-003658'],
      ['Công bố hoạt động bến thủy nội địa', 'tthc-1-009454'],
    ] as const) {
      const u = matcher.understand(text);
      if (u.decision === 'answer') expect(u.procedureId, text).toBe(id);
      else expect(u.alternatives.map((a) => a.procedureId), text).toContain(id);
    }
  });

  it('curated questions keep their curated answer beside catalogue procedures sharing their words', () => {
    expect(matcher.understand('đăng ký tạm trú cần những gì')).toMatchObject({ decision: 'answer', procedureId: 'dang-ky-tam-tru', nationalCode: '1.004194', aspect: 'documents' });
    expect(matcher.understand('nộp hồ sơ tạm trú ở đâu')).toMatchObject({ decision: 'answer', procedureId: 'dang-ky-tam-tru', aspect: 'place' });
  });

  it('the nlu match JSON carries the national code of the chosen procedure and of every alternative', () => {
    // A clarification lists the offered candidates in button order, the chosen one first.
    const twins = toMatchJson(matcher.understand('bến thủy nội địa'));
    expect(twins).toMatchObject({ decision: 'clarify', procedureId: 'tthc-1-009454', nationalCode: '1.009454' });
    expect(twins.alternatives.map((a) => [a.procedureId, a.nationalCode])).toEqual([
      ['tthc-1-009454', '1.009454'],
      ['tthc-1-003658', '1.003658'],
    ]);
    const curated = toMatchJson(matcher.understand('đăng ký lại'));
    expect(curated.decision).toBe('clarify');
    expect(curated.alternatives.map((a) => a.nationalCode)).toEqual(expect.arrayContaining(['1.004884', '1.004746', '1.005461']));
    expect(curated.alternatives[0]!.procedureId).toBe(curated.procedureId);
    const answer = toMatchJson(matcher.understand('đăng ký kết hôn cần giấy tờ gì'));
    expect(answer).toMatchObject({ decision: 'answer', procedureId: 'dang-ky-ket-hon', nationalCode: '1.000894' });
    // A curated page without a national code, and a message that is no procedure.
    expect(toMatchJson(matcher.understand('đăng ký thành lập doanh nghiệp'))).toMatchObject({ procedureId: 'dang-ky-doanh-nghiep', nationalCode: null });
    expect(toMatchJson(matcher.understand('xin chào')).nationalCode).toBeNull();
  });
});
