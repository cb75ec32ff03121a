import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/knowledge/schema.js';
import { buildMatcher } from '../../src/nlu/matcher.js';
import type { Matcher } from '../../src/nlu/types.js';
import { shippedKnowledge } from '../support/content.js';

// The whole knowledge base, catalogue included: its 2,600 official names are the rivals a named procedure meets.
let kb: KnowledgeBase;
let matcher: Matcher;

beforeAll(async () => {
  kb = await shippedKnowledge();
  matcher = buildMatcher(kb);
});

/** Ways citizens wrap a procedure's name in a question about its file. */
const FRAMES: [frame: string, aspect: string][] = [
  ['nộp hồ sơ {name} ở đâu', 'place'],
  ['hồ sơ {name} gồm những gì', 'documents'],
  ['nop ho so {name} mat may ngay', 'duration'],
  ['{name} phí bao nhiêu', 'fee'],
];

describe('every curated procedure, named in a question about its file', () => {
  it('is answered with that procedure and the aspect asked, though "hồ sơ" is in catalogue names too', () => {
    const misses: string[] = [];
    for (const p of kb.procedures) {
      for (const [frame, aspect] of FRAMES) {
        const text = frame.replace('{name}', p.name.vi.toLowerCase());
        const u = matcher.understand(text);
        if (u.decision !== 'answer' || u.procedureId !== p.id || u.aspect !== aspect) misses.push(`${text} → ${u.decision} ${u.procedureId} ${u.aspect}`);
      }
    }
    expect(misses).toEqual([]);
  });

  it('keeps "hồ sơ" where it tells what the papers are for', () => {
    const u = matcher.understand('Em cần 2 bản sao y bằng tốt nghiệp để nộp hồ sơ xin việc, mỗi trang bao nhiêu tiền ạ?');
    expect([u.decision, u.procedureId, u.aspect]).toEqual(['answer', 'chung-thuc-ban-sao', 'fee']);
  });
});

describe('abbreviations citizens type', () => {
  it('reads "kd" as kinh doanh and "xn" as xác nhận', () => {
    const cases: [string, string][] = [
      ['đăng ký hộ kd cần giấy tờ gì', 'dang-ky-ho-kinh-doanh'],
      ['xn độc thân làm ở đâu', 'xac-nhan-tinh-trang-hon-nhan'],
      ['giấy xn cư trú', 'xac-nhan-cu-tru'],
    ];
    for (const [text, id] of cases) {
      const u = matcher.understand(text);
      expect([u.decision, u.procedureId], text).toEqual(['answer', id]);
    }
  });
});

describe('renting a room and letting one are different needs', () => {
  it('a tenant is never answered with the landlord\'s tax record', () => {
    const tenant = matcher.understand('em mới thuê phòng trọ ở đây');
    expect(tenant.procedureId).toBe('dang-ky-tam-tru');
    expect(tenant.procedureId).not.toBe('tthc-1-007689');
    expect(matcher.understand('cho thuê phòng trọ có phải nộp thuế không').procedureId).toBe('tthc-1-007689');
  });
});
