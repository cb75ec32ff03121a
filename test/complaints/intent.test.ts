import { beforeAll, describe, expect, it } from 'vitest';
import { buildMatcher } from '../../src/nlu/matcher.js';
import type { Matcher } from '../../src/nlu/types.js';
import { shippedKnowledge } from '../support/content.js';

/** The shipped content tells complaints, feedback on the bot, contacts questions and dossier look-ups apart. */

let matcher: Matcher;
beforeAll(async () => {
  matcher = buildMatcher(await shippedKnowledge());
});

const intentOf = (text: string) => {
  const u = matcher.understand(text);
  return u.decision === 'answer' ? (u.intentId ?? u.intent) : u.decision;
};

describe('complaints, feedback and contacts in the shipped content', () => {
  it('recognises complaints about officials, delays and service as complaints', () => {
    for (const text of [
      'Tôi muốn phản ánh cán bộ xã gây khó dễ khi nộp hồ sơ',
      'can bo mot cua nhung nhieu doi tien',
      'kiến nghị về việc giải quyết hồ sơ chậm',
      'cán bộ hách dịch, phục vụ kém',
      'tôi muốn khiếu nại',
      'I want to file a complaint',
    ]) {
      expect(intentOf(text), text).toBe('complaint');
    }
  });

  it('keeps remarks about the bot as feedback', () => {
    for (const text of ['bot trả lời sai rồi', 'góp ý cho chatbot', 'wrong answer']) expect(intentOf(text), text).toBe('feedback');
  });

  it('answers contacts questions as contacts, with the facet asked', () => {
    expect(intentOf('SĐT bộ phận một cửa xã')).toBe('contacts.phone');
    expect(intentOf('đường dây nóng')).toBe('contacts.hotline');
    expect(intentOf('thứ 7 có làm không')).toBe('contacts.hours');
    expect(intentOf('trung tâm hành chính công ở đâu')).toBe('contacts.address');
    // A procedure's own "where" stays with the procedure.
    expect(matcher.understand('nộp hồ sơ khai sinh ở đâu')).toMatchObject({ intent: 'procedure', procedureId: 'dang-ky-khai-sinh', aspect: 'place' });
  });

  it('a complaint that names a dossier code is a complaint; a code with a question is a look-up', () => {
    expect(matcher.understand('tôi muốn phản ánh hồ sơ 000.00.53.H48-251120-0004 trễ hẹn mà cán bộ không giải thích')).toMatchObject({ intent: 'complaint', dossierCode: '000.00.53.H48-251120-0004' });
    expect(matcher.understand('hồ sơ 000.00.53.H48-251120-0004 sao rồi')).toMatchObject({ intent: 'dossier_status' });
  });
});
