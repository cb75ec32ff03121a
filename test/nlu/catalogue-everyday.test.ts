import { beforeAll, describe, expect, it } from 'vitest';
import { buildMatcher } from '../../src/nlu/matcher.js';
import type { Matcher, Understanding } from '../../src/nlu/types.js';
import { shippedKnowledge } from '../support/content.js';

/**
 * The whole catalogue as shipped (with its everyday words): citizens' words, names and codes find catalogue
 * procedures; near-twins are asked about; province and commune procedures come before ministry-only ones.
 * The messages here are written for these tests (the evaluation parts measure accuracy: accuracy-floor.test.ts).
 */
let matcher: Matcher;
beforeAll(async () => {
  matcher = buildMatcher(await shippedKnowledge());
}, 120_000);

const offered = (u: Understanding): (string | null)[] => (u.decision === 'answer' ? [u.nationalCode] : u.decision === 'clarify' ? u.alternatives.map((a) => a.nationalCode) : []);

describe('catalogue procedures in citizens’ words', { timeout: 30_000 }, () => {
  it('everyday words find the procedure the official name says otherwise', () => {
    for (const [text, code] of [
      ['trả hết nợ ngân hàng rồi thì giải chấp sổ đỏ thế nào', '1.011443'],
      ['xe tải hư nằm gara mấy tháng có được hoàn phí bảo trì đường bộ không', '3.000252'],
      ['chở một xe heo đi bán ở tỉnh khác thì xin giấy kiểm dịch ở đâu', '1.002338'],
      ['ông ngoại muốn lập di chúc để lại nhà cho cháu, ra xã chứng thực được không', '2.001019'],
      ['khoan giếng lấy nước tưới rẫy có phải đăng ký không', '1.001662'],
      ['how do I register a borehole well for my farm', '1.001662'],
      ['quan karaoke can giay chung nhan an ninh trat tu xin o dau', '2.001478'],
    ] as const) {
      const u = matcher.understand(text);
      expect(offered(u), text).toContain(code);
      expect(u.intent, text).toBe('procedure');
    }
  });

  it('a message that names the procedure is answered with its national code and the aspect asked', () => {
    expect(matcher.understand('khai báo tạm vắng cần giấy tờ gì')).toMatchObject({ decision: 'answer', procedureId: 'tthc-1-003677', nationalCode: '1.003677', aspect: 'documents' });
    // The official name of a procedure whose twin's everyday name the message also covers: asked, the named one offered.
    const named = matcher.understand('Xóa đăng ký biện pháp bảo đảm bằng quyền sử dụng đất');
    expect(offered(named)).toContain('1.011443');
    if (named.decision === 'answer') expect(named.nationalCode).toBe('1.011443');
  });

  it('a national code finds its procedure; a code the catalogue lacks is no topic of its own', () => {
    expect(matcher.understand('thủ tục 1.011443 mất bao lâu')).toMatchObject({ decision: 'answer', nationalCode: '1.011443', aspect: 'duration', confidence: 1 });
    expect(matcher.understand('mã 2.000488')).toMatchObject({ decision: 'answer', procedureId: 'ly-lich-tu-phap' });
    expect(matcher.understand('thủ tục 1.004227')).toMatchObject({ decision: 'fallback', intent: 'fallback', entities: { nationalCode: '1.004227' } });
  });

  it('near-twins are asked about, never guessed: levels and variants the message does not name', () => {
    for (const [text, codes] of [
      ['giấy thông hành sang Lào làm ở đâu', ['1.001280', '1.012680']],
      ['báo mất hộ chiếu', ['1.001445', '1.010386']],
      ['thôi quốc tịch việt nam', ['2.002036', '1.005141']],
    ] as const) {
      const u = matcher.understand(text);
      expect(u.decision, text).toBe('clarify');
      expect(offered(u), text).toEqual(expect.arrayContaining([...codes]));
    }
    // Named, the variant is answered.
    expect(matcher.understand('gia hạn chứng chỉ hành nghề thú y')).toMatchObject({ decision: 'answer', nationalCode: '2.001064' });
    const reissue = matcher.understand('cấp lại chứng chỉ hành nghề thú y');
    expect(offered(reissue)[0]).toBe('1.005319');
  });

  it('procedures filed in the province or the commune come before ministry-only ones', () => {
    const u = matcher.understand('cấp giấy chứng nhận kiểm dịch động vật');
    expect(u.decision).toBe('clarify');
    // 1.002338 and 2.000873 are filed with the province; 1.003407 (export) only at the ministry.
    expect(offered(u).slice(0, 2)).toEqual(['1.002338', '2.000873']);
  });

  it('small talk with a word a catalogue text happens to hold is not a catalogue question', () => {
    for (const text of ['hôm nay ăn gì', 'bạn có người yêu chưa']) expect(matcher.understand(text).decision, text).toBe('fallback');
  });
});
