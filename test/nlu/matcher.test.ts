import { beforeAll, describe, expect, it } from 'vitest';
import { buildMatcher } from '../../src/nlu/matcher.js';
import type { Matcher } from '../../src/nlu/types.js';
import { shippedKnowledge } from '../support/content.js';

let matcher: Matcher;

beforeAll(async () => {
  matcher = buildMatcher(await shippedKnowledge());
});

describe('procedures and aspects', () => {
  it('answers the same with and without diacritics and abbreviations', () => {
    for (const text of ['lệ phí đăng ký khai sinh bao nhiêu', 'le phi dang ky khai sinh bao nhieu', 'đk ks mất bn tiền']) {
      const u = matcher.understand(text);
      expect(u.decision, text).toBe('answer');
      expect(u.procedureId, text).toBe('dang-ky-khai-sinh');
      expect(u.aspect, text).toBe('fee');
    }
  });

  it('detects each aspect from cue phrases', () => {
    const cases: [string, string][] = [
      ['làm hộ chiếu cần giấy tờ gì', 'documents'],
      ['làm hộ chiếu mất bao lâu', 'duration'],
      ['làm hộ chiếu ở đâu', 'place'],
      ['làm hộ chiếu online được không', 'online'],
      ['thủ tục làm hộ chiếu như thế nào', 'steps'],
      ['hộ chiếu', 'overview'],
    ];
    for (const [text, aspect] of cases) {
      const u = matcher.understand(text);
      expect(u.procedureId, text).toBe('cap-ho-chieu');
      expect(u.aspect, text).toBe(aspect);
    }
  });

  it('answers English questions and says the language is English', () => {
    const u = matcher.understand('how much does a passport cost');
    expect(u.procedureId).toBe('cap-ho-chieu');
    expect(u.aspect).toBe('fee');
    expect(u.language).toBe('en');
    expect(matcher.understand('làm hộ chiếu ở đâu').language).toBe('vi');
  });

  it('repairs typos in unknown syllables', () => {
    const u = matcher.understand('lam ho chiêuu o dau');
    expect(u.procedureId).toBe('cap-ho-chieu');
  });

  it('looks a procedure up by its national code', () => {
    const u = matcher.understand('thủ tục 1.001193 cần giấy tờ gì');
    expect(u).toMatchObject({ decision: 'answer', procedureId: 'dang-ky-khai-sinh', aspect: 'documents', entities: { nationalCode: '1.001193' } });
  });
});

describe('decision', () => {
  it('falls back on gibberish and chit-chat, never answering a procedure', () => {
    for (const text of ['asdfgh qwerty', 'zzz', '???', '']) {
      const u = matcher.understand(text);
      expect(u.decision, text).toBe('fallback');
      expect(u.procedureId, text).toBeNull();
    }
  });

  it('clarifies between close procedures with at most 3 candidates', () => {
    const u = matcher.understand('thủ tục tách sổ');
    expect(u.decision).toBe('clarify');
    expect(u.alternatives.length).toBeGreaterThanOrEqual(2);
    expect(u.alternatives.length).toBeLessThanOrEqual(3);
    expect(u.alternatives.map((a) => a.procedureId)).toContain('tach-thua-dat');
  });

  it('answers with a confidence between 0 and 1', () => {
    const u = matcher.understand('đăng ký tạm trú cần giấy tờ gì');
    expect(u.decision).toBe('answer');
    expect(u.procedureId).toBe('dang-ky-tam-tru');
    expect(u.confidence).toBeGreaterThan(0);
    expect(u.confidence).toBeLessThanOrEqual(1);
  });
});

describe('context', () => {
  it('applies an aspect-only follow-up to the last procedure', () => {
    for (const [text, aspect] of [
      ['lệ phí bao nhiêu?', 'fee'],
      ['nộp ở đâu?', 'place'],
      ['còn giấy tờ?', 'documents'],
      ['how much is it', 'fee'],
    ] as const) {
      const u = matcher.understand(text, { lastProcedureId: 'dang-ky-ket-hon' });
      expect(u, text).toMatchObject({ decision: 'answer', intent: 'procedure', procedureId: 'dang-ky-ket-hon', aspect, followUp: true });
    }
  });

  it('does not apply a follow-up without context, and a new procedure wins over the context', () => {
    expect(matcher.understand('lệ phí bao nhiêu?').procedureId).toBeNull();
    const u = matcher.understand('lệ phí làm hộ chiếu bao nhiêu', { lastProcedureId: 'dang-ky-ket-hon' });
    expect(u.procedureId).toBe('cap-ho-chieu');
    expect(u.followUp).toBe(false);
  });

  it('resolves a clarification by a candidate number or by words matching a candidate', () => {
    const pendingCandidates = ['cap-so-do-lan-dau', 'cap-lai-so-do', 'dang-ky-bien-dong-dat'];
    expect(matcher.understand('2', { pendingCandidates })).toMatchObject({ decision: 'answer', procedureId: 'cap-lai-so-do' });
    expect(matcher.understand('làm lần đầu', { pendingCandidates })).toMatchObject({ decision: 'answer', procedureId: 'cap-so-do-lan-dau' });
  });

  it('takes a button payload as it is', () => {
    expect(matcher.understand('#p:cap-ho-chieu:fee')).toMatchObject({ decision: 'answer', procedureId: 'cap-ho-chieu', aspect: 'fee' });
  });
});

describe('system intents and dossiers', () => {
  it('routes a dossier code inside a sentence to dossier_status with the normalised code', () => {
    const u = matcher.understand('cho em hỏi hồ sơ 000.00.53.h48 - 220921 - 0099 đến đâu rồi ạ');
    expect(u).toMatchObject({ decision: 'answer', intent: 'dossier_status', dossierCode: '000.00.53.H48-220921-0099' });
  });

  it('reads "my <procedure> dossier, done yet?" as a status query, but a question about a procedure\'s dossier as the procedure', () => {
    for (const text of ['hồ sơ đăng ký khai sinh của em xong chưa', 'ho so cap doi gplx cua toi toi dau roi', 'bộ hồ sơ xin giấy phép xây dựng đã có kết quả chưa ad', 'hồ sơ tách thửa nộp tháng trước giờ sao rồi']) {
      expect(matcher.understand(text), text).toMatchObject({ decision: 'answer', intent: 'dossier_status' });
    }
    for (const [text, id] of [
      ['nộp hồ sơ tạm trú ở đâu', 'dang-ky-tam-tru'],
      ['hồ sơ đăng ký kết hôn gồm những gì', 'dang-ky-ket-hon'],
      ['ho so cap lai the bhyt nop online duoc khong', 'the-bhyt'],
    ] as const) {
      expect(matcher.understand(text), text).toMatchObject({ intent: 'procedure', procedureId: id });
    }
  });

  it('asks for a code when the citizen wants a lookup without one', () => {
    expect(matcher.understand('tra cứu hồ sơ')).toMatchObject({ intent: 'dossier_status', dossierCode: null });
  });

  it('follows and unfollows a dossier', () => {
    expect(matcher.understand('theo dõi H48.14-240823-0001')).toMatchObject({ intent: 'follow_dossier', dossierCode: 'H48.14-240823-0001' });
    expect(matcher.understand('bỏ theo dõi H48.14-240823-0001')).toMatchObject({ intent: 'unfollow_dossier' });
    expect(matcher.understand('bỏ theo dõi')).toMatchObject({ intent: 'unfollow_dossier', dossierCode: null });
  });

  it('matches small talk made mostly of function words', () => {
    for (const text of ['bạn làm được gì', 'what can you do', 'cảm ơn nhiều lắm']) {
      const u = matcher.understand(text);
      expect(u.decision, text).toBe('answer');
      expect(['help', 'thanks'], text).toContain(u.intent);
    }
  });

  it('tells "are you a person or a machine" (help: the bot says what it is) from asking for a person (hand-off)', () => {
    for (const text of ['Em là người thật hay máy vậy', 'ban la nguoi hay may', 'is this a bot?']) expect(matcher.understand(text).intent, text).toBe('help');
    for (const text of ['muốn gặp người thật', 'cho tôi nói chuyện với người thật']) expect(matcher.understand(text).intent, text).toBe('handoff');
  });

  it('leave to ask ("cho hỏi chút / xíu / tí") asks what is needed; working hours asked bare are a contact question', () => {
    for (const text of ['cho hỏi chút', 'cho hỏi xíu', 'cho tôi hỏi tí', 'cho hoi chut']) expect(matcher.understand(text).intent, text).toBe('ask_need');
    for (const text of ['mấy giờ làm việc', 'làm việc mấy giờ']) expect(matcher.understand(text).intent, text).toBe('contacts');
    expect(matcher.understand('ad oi huong dan minh cach dung voi').intent).toBe('help');
  });

  it('"được không" alone asks for no language; a language is asked for by its name', () => {
    expect(matcher.understand('được không').intent).not.toBe('language');
    expect(matcher.understand('nói tiếng Việt được không').intent).toBe('language');
    expect(matcher.understand('English please').intent).toBe('language');
  });

  it('Central "hỉ" closes a question like "nhỉ"; "hi" alone is still a greeting', () => {
    expect(matcher.understand('Mấy ngày thì xong hỉ?', { lastProcedureId: 'dang-ky-thuong-tru' })).toMatchObject({ procedureId: 'dang-ky-thuong-tru', aspect: 'duration', followUp: true });
    expect(matcher.understand('hi').intent).toBe('greeting');
  });

  it('"sổ bảo hiểm" is the social-insurance book, "thẻ bảo hiểm" the health-insurance card', () => {
    expect(matcher.understand('sổ bảo hiểm bị mất').procedureId).toBe('cap-lai-so-bhxh');
    expect(matcher.understand('mất thẻ bảo hiểm y tế').procedureId).toBe('the-bhyt');
  });

  it('an opening "con" with nothing said before is a child, not "còn": "con cháu" alone asks what is needed', () => {
    for (const text of ['con cháu', 'con chau', 'Giờ con cái cần giấy của bố mẹ để làm thủ tục']) expect(matcher.understand(text).intent, text).toBe('ask_need');
    // What the bot does, asked with a word that may point back, is still answered.
    expect(matcher.understand('giờ làm việc thế nào').intent).toBe('contacts');
    expect(matcher.understand('con le phi thi sao', { lastProcedureId: 'dang-ky-khai-sinh' })).toMatchObject({ procedureId: 'dang-ky-khai-sinh', aspect: 'fee', followUp: true });
  });

  it('reads "tốn đồng nào" as the fee', () => {
    expect(matcher.understand('Có tốn đồng nào không bạn?', { lastProcedureId: 'dang-ky-ket-hon' })).toMatchObject({ procedureId: 'dang-ky-ket-hon', aspect: 'fee', followUp: true });
  });

  it('takes a status question that names a procedure as a dossier status query', () => {
    const u = matcher.understand('hồ sơ đăng ký kết hôn của em xong chưa ạ');
    expect(u.intent).toBe('dossier_status');
  });

  it('prefers a status query over following when a code comes with a plain question', () => {
    const u = matcher.understand('hồ sơ 000.00.53.H48-260606-0045 đã có kết quả chưa');
    expect(u.intent).toBe('dossier_status');
    expect(u.dossierCode).toBe('000.00.53.H48-260606-0045');
  });

  it('recognises small talk, hand-off, language and out-of-scope topics', () => {
    expect(matcher.understand('xin chào')).toMatchObject({ intent: 'greeting', intentId: 'greeting' });
    expect(matcher.understand('cam on nhieu nha')).toMatchObject({ intent: 'thanks' });
    expect(matcher.understand('cho tôi gặp cán bộ')).toMatchObject({ intent: 'handoff' });
    expect(matcher.understand('english please')).toMatchObject({ intent: 'language', intentId: 'language.en', language: 'en' });
    expect(matcher.understand('thủ tục ly hôn cần gì')).toMatchObject({ intent: 'out_of_scope', intentId: 'out_of_scope.divorce', procedureId: null });
  });
});

describe('aspect-only follow-ups and their words', () => {
  it('asks which procedure when an aspect opening with "thế"/"còn" comes first, not an out-of-scope topic', () => {
    for (const text of ['thế nộp ở đâu cháu', 'the nop o mo chau', 'còn lệ phí thì hết bao nhiêu hả em']) {
      const u = matcher.understand(text);
      expect(u.intent, text).toBe('ask_need');
      expect(u.aspect, text).not.toBeNull();
    }
    // An aspect asked of something the bot itself answers stays that answer.
    expect(matcher.understand('giờ làm việc thế nào').intent).toBe('contacts');
  });

  it('keeps the last procedure when the follow-up only repeats words of its own titles', () => {
    // "lại" is a word of "cấp lại sổ BHXH": asking how long the re-issue takes is no new need.
    const u = matcher.understand('làm lại thì mất mấy ngày hả cháu', { lastProcedureId: 'cap-lai-so-bhxh' });
    expect(u).toMatchObject({ decision: 'answer', procedureId: 'cap-lai-so-bhxh', aspect: 'duration', followUp: true });
    // Words of another procedure are still a new topic.
    expect(matcher.understand('còn sổ bảo hiểm xã hội thì bao lâu', { lastProcedureId: 'cap-lai-so-do' }).procedureId).not.toBe('cap-lai-so-do');
  });

  it('reads how officials phrase the duration and the papers to prepare as aspects, not as topics', () => {
    for (const text of ['vậy thời gian giải quyết là bao nhiêu', 'giải quyết trong bao lâu vậy chị']) {
      expect(matcher.understand(text, { lastProcedureId: 'dang-ky-tam-tru' }), text).toMatchObject({ procedureId: 'dang-ky-tam-tru', aspect: 'duration' });
    }
    expect(matcher.understand('giấy tờ phải chuẩn bị', { lastProcedureId: 'dang-ky-tam-tru' })).toMatchObject({ procedureId: 'dang-ky-tam-tru', aspect: 'documents' });
  });

  it('reads overlapping cues as one question, leaving no word of them to look like a topic', () => {
    // "bao lâu thì" and "thì lấy được" share "thì": "lấy" alone would match "lấy chồng" and "lấy ý kiến …".
    for (const text of ['bao lâu thì lấy được', 'mấy ngày thì lấy được']) {
      expect(matcher.understand(text, { lastProcedureId: 'ly-lich-tu-phap' }), text).toMatchObject({ decision: 'answer', procedureId: 'ly-lich-tu-phap', aspect: 'duration', followUp: true });
    }
  });
});

describe('greetings, addressees and nationalities', () => {
  it('reads a greeting before a question as a courtesy, not as words of the need', () => {
    expect(matcher.understand('Chào bạn, mình muốn hỏi về làm hộ chiếu')).toMatchObject({ decision: 'answer', intent: 'procedure', procedureId: 'cap-ho-chieu' });
    expect(matcher.understand('chào bạn').intent).toBe('greeting');
  });

  it('takes "Chào Zalo ủy ban" for a greeting, and the Zalo number asked for a contact question', () => {
    expect(matcher.understand('Chào Zalo ủy ban').intent).toBe('greeting');
    expect(matcher.understand('cho xin zalo ủy ban xã').intent).toBe('contacts');
  });

  it('reads a parent of another nationality, said in English, as a foreign element', () => {
    const u = matcher.understand('My wife is Vietnamese, I am French, and our baby was born last week. How do we register the birth?');
    expect(u).toMatchObject({ decision: 'answer', procedureId: 'khai-sinh-yeu-to-nuoc-ngoai', language: 'en' });
  });

  it('renaming a shop on the household-business certificate changes the business, not a civil-status record', () => {
    expect(matcher.understand('mình muốn đổi tên quán trên giấy chứng nhận hộ kinh doanh').procedureId).toBe('thay-doi-ho-kinh-doanh');
  });
});

describe('the legal basis (aspect legal)', () => {
  it('reads a question about a procedure’s legal basis, with or without diacritics, in Vietnamese and English', () => {
    for (const [text, procedureId] of [
      ['căn cứ pháp lý của thủ tục đăng ký kết hôn là gì', 'dang-ky-ket-hon'],
      ['can cu phap ly dang ky ket hon', 'dang-ky-ket-hon'],
      ['khai sinh theo luật nào', 'dang-ky-khai-sinh'],
      ['cấp hộ chiếu theo quy định nào', 'cap-ho-chieu'],
      ['what law is marriage registration based on', 'dang-ky-ket-hon'],
      ['legal basis for birth registration', 'dang-ky-khai-sinh'],
    ] as const) {
      expect(matcher.understand(text), text).toMatchObject({ decision: 'answer', intent: 'procedure', procedureId, aspect: 'legal' });
    }
  });

  it('applies a legal-basis follow-up to the last procedure', () => {
    for (const text of ['theo luật nào', 'quy định ở văn bản nào', 'what law is this based on']) {
      const u = matcher.understand(text, { lastProcedureId: 'dang-ky-ket-hon' });
      expect(u, text).toMatchObject({ decision: 'answer', intent: 'procedure', procedureId: 'dang-ky-ket-hon', aspect: 'legal', followUp: true });
    }
  });

  it('leaves ordinary questions that merely say "quy định" or "luật" with their own aspect', () => {
    expect(matcher.understand('lệ phí đăng ký kết hôn theo quy định là bao nhiêu')).toMatchObject({ procedureId: 'dang-ky-ket-hon', aspect: 'fee' });
    expect(matcher.understand('đăng ký kết hôn theo luật cần giấy tờ gì')).toMatchObject({ procedureId: 'dang-ky-ket-hon', aspect: 'documents' });
    // "căn cước" is not "căn cứ": cues match whole syllables.
    expect(matcher.understand('làm căn cước ở đâu')).toMatchObject({ procedureId: 'cap-the-can-cuoc', aspect: 'place' });
  });
});

describe('small talk and fee questions in everyday words', () => {
  it('greets and thanks in the words people use', () => {
    expect(matcher.understand('Chúc buổi sáng tốt lành nha').intent).toBe('greeting');
    // Thanks for help given before, though it names the procedure helped with.
    expect(matcher.understand('cảm ơn hôm qua đã chỉ mình làm tạm trú nha').intent).toBe('thanks');
  });

  it('reads "tiền lệ phí" as the fee of the procedure talked about, not an out-of-scope price', () => {
    for (const text of ['tien le phi bao nhieu', 'tiền lệ phí bao nhiêu']) {
      expect(matcher.understand(text, { lastProcedureId: 'tach-ho', lastAspect: 'duration' }), text).toMatchObject({ intent: 'procedure', procedureId: 'tach-ho', aspect: 'fee' });
    }
  });
});

describe('follow-ups and corrections in everyday typing', () => {
  it('a correction naming only words of the procedure talked about keeps it; one naming another changes it', () => {
    const card = { lastProcedureId: 'cap-the-can-cuoc', lastAspect: 'documents' as const };
    expect(matcher.understand('nhầm, ý tôi hỏi mất bao lâu mới có thẻ', card)).toMatchObject({ decision: 'answer', procedureId: 'cap-the-can-cuoc', aspect: 'duration' });
    expect(matcher.understand('nhầm, ý tôi là thẻ bhyt', card)).toMatchObject({ decision: 'answer', procedureId: 'the-bhyt' });
    const firstTitle = { lastProcedureId: 'cap-so-do-lan-dau', lastAspect: 'duration' as const };
    expect(matcher.understand('Xin lỗi, sổ nhà tôi có rồi nhưng bị mất, cần xin cấp lại', firstTitle).procedureId).toBe('cap-lai-so-do');
  });

  it('reads "hk" closing a question as "không" and a yes/no question closed by a courtesy word', () => {
    const child = { lastProcedureId: 'can-cuoc-duoi-6-tuoi', lastAspect: 'documents' as const };
    expect(matcher.understand('lam tren vneid dc hk', child)).toMatchObject({ procedureId: 'can-cuoc-duoi-6-tuoi', aspect: 'online' });
    expect(matcher.understand('lam lai hk o dau').procedureId).not.toBe('can-cuoc-duoi-6-tuoi');
    const marriage = { lastProcedureId: 'dang-ky-ket-hon', lastAspect: 'place' as const };
    expect(matcher.understand('2 dua co phai cung co mat ko a', marriage)).toMatchObject({ decision: 'answer', procedureId: 'dang-ky-ket-hon' });
  });

  it('a choice between two offices asks where; "lên sở" is a place', () => {
    const relative = { lastProcedureId: 'xac-nhan-than-nhan-nguoi-co-cong', lastAspect: 'documents' as const };
    expect(matcher.understand('nộp cho xã hay lên sở', relative)).toMatchObject({ intent: 'procedure', procedureId: 'xac-nhan-than-nhan-nguoi-co-cong', aspect: 'place' });
  });

  it('generic words addressed to the bot ask what is needed; "xong hết" is when it is done', () => {
    expect(matcher.understand('Phải chuẩn bị những giấy tờ gì vậy bạn')).toMatchObject({ intent: 'ask_need', aspect: 'documents' });
    const birth = { lastProcedureId: 'lien-thong-khai-sinh', lastAspect: 'online' as const };
    expect(matcher.understand('mat bao lau moi xong het', birth)).toMatchObject({ procedureId: 'lien-thong-khai-sinh', aspect: 'duration' });
  });

  it('a foreigner saying where they are from marks a foreign element; opinions and loan rates are out of scope', () => {
    const u = matcher.understand("Hi, I'm from Taiwan. My wife is Vietnamese and our daughter was born last month in Can Tho. What documents do we need to register her birth?");
    expect(u).toMatchObject({ decision: 'answer', procedureId: 'khai-sinh-yeu-to-nuoc-ngoai', aspect: 'documents' });
    expect(matcher.understand('Bạn nghĩ gì về việc sáp nhập tỉnh')).toMatchObject({ intent: 'out_of_scope', intentId: 'out_of_scope.politics' });
    expect(matcher.understand('còn cho hỏi lãi suất vay bao nhiêu phần trăm', { lastProcedureId: 'cong-nhan-ho-ngheo', lastAspect: 'documents' })).toMatchObject({ intent: 'out_of_scope', intentId: 'out_of_scope.prices' });
  });

  it('lost household books, a child\'s new name: the procedures that serve them', () => {
    expect(matcher.understand('Nhà tôi lỡ làm mất sổ hộ khẩu, giờ đi làm lại ở đâu')).toMatchObject({ decision: 'answer', procedureId: 'xac-nhan-cu-tru', aspect: 'place' });
    expect(matcher.understand('muon doi ten cho con gai tu Thi Be Hai sang ten khac thi lam sao')).toMatchObject({ decision: 'answer', procedureId: 'cai-chinh-ho-tich' });
  });
});

describe('a button named by its words, a hedge, a company type', () => {
  it('a short message whose words one open button\'s texts hold picks it, though another page names them louder', () => {
    const open = { pendingCandidates: ['dang-ky-bien-dong-dat', 'dang-ky-xe', 'nhan-cha-me-con'] };
    const u = matcher.understand('sổ đỏ đó', open);
    expect(u).toMatchObject({ decision: 'answer', procedureId: 'dang-ky-bien-dong-dat' });
    expect(u.alternatives.map((a) => a.procedureId)).not.toContain('dang-ky-bien-dong-dat');
    // A need named in full is still that need.
    expect(matcher.understand('cấp sổ đỏ lần đầu', open).procedureId).toBe('cap-so-do-lan-dau');
  });

  it('"khoảng" (about) is no word of a need: the duration asked stays on the procedure talked about', () => {
    expect(matcher.understand('khoảng mấy ngày thì có sổ mới', { lastProcedureId: 'cap-lai-so-do', lastAspect: 'steps' })).toMatchObject({ intent: 'procedure', procedureId: 'cap-lai-so-do', aspect: 'duration' });
  });

  it('the company registration page answers for each company type it covers', () => {
    for (const text of ['Tôi định thành lập công ty TNHH một thành viên, nộp hồ sơ ở đâu vậy', 'thành lập công ty cổ phần cần gì']) {
      expect(matcher.understand(text), text).toMatchObject({ decision: 'answer', procedureId: 'dang-ky-doanh-nghiep' });
    }
  });
});

describe('farm prices, a language asked in writing, "lấy luôn"', () => {
  it('farm prices are out of scope', () => {
    expect(matcher.understand('giá lúa gạo hôm nay thế nào')).toMatchObject({ intent: 'out_of_scope', intentId: 'out_of_scope.prices' });
  });

  it('"viết tiếng Anh" asks for English; "tiếng Việt tiếng Anh" of a document does not', () => {
    expect(matcher.understand('Bạn viết tiếng Anh giúp mình được không, chồng mình người Úc muốn tự đọc')).toMatchObject({ intent: 'language', language: 'en' });
    expect(matcher.understand('giấy tờ tiếng Việt tiếng Anh có được không').intent).not.toBe('language');
  });

  it('"lấy luôn" asks when the result comes', () => {
    expect(matcher.understand('làm trong ngày có lấy luôn được không', { lastProcedureId: 'chung-thuc-chu-ky-nguoi-dich', lastAspect: 'fee' })).toMatchObject({ procedureId: 'chung-thuc-chu-ky-nguoi-dich', aspect: 'duration' });
  });
});

describe('greetings to the person addressed, forms and complaints, weather at sea', () => {
  it('a greeting with only whom it greets is a greeting, typed with or without accents; in English too', () => {
    for (const text of ['chào cháu', 'chao con', 'chào cả nhà ạ']) expect(matcher.understand(text).intent, text).toBe('greeting');
    expect(matcher.understand('Hello, good afternoon')).toMatchObject({ intent: 'greeting', language: 'en' });
    expect(matcher.understand('Thank you, that\'s very helpful')).toMatchObject({ intent: 'thanks', language: 'en' });
    // Said with a need, the need is asked about.
    expect(matcher.understand('chào cháu, bác muốn hỏi làm giấy tờ').intent).toBe('ask_need');
  });

  it('where to send a form for the procedure talked about is its place; a petition named is a complaint', () => {
    const land = { lastProcedureId: 'chuyen-muc-dich-dat', lastAspect: 'fee' as const };
    expect(matcher.understand('làm đơn gửi lên đâu', land)).toMatchObject({ intent: 'procedure', procedureId: 'chuyen-muc-dich-dat', aspect: 'place' });
    expect(matcher.understand('gửi đơn kiến nghị ở đâu', land).intent).toBe('complaint');
  });

  it('the sea, the weather at the weekend and who will lead the province are out of scope', () => {
    for (const text of ['Mai biển có động không, tàu tui tính ra khơi', 'thời tiết Sa Pa cuối tuần này thế nào', 'ai sẽ làm bí thư tỉnh nhiệm kỳ tới']) {
      expect(matcher.understand(text).intent, text).toBe('out_of_scope');
    }
  });
});

describe('a place name the speller repairs', () => {
  it('a language named after a place name is no language request ("Nhon Trach" is not "nhắn")', () => {
    const u = matcher.understand("Hi, I'm a Korean engineer working in Nhon Trach. My Vietnamese wife and I just had a baby girl at the Dong Nai general hospital. How do we register her birth?");
    expect(u.intent).toBe('procedure');
    expect(matcher.understand('nhan tin tieng anh duoc khong')).toMatchObject({ intent: 'language', language: 'en' });
    expect(matcher.understand('em ơi chat tiếng Anh đc ko')).toMatchObject({ intent: 'language', language: 'en' });
  });
});

describe('thanks said first, someone on duty, a long answer, a residence removed', () => {
  it('thanks followed by a remark that asks nothing is thanks, though the remark holds words of the last procedure', () => {
    const birth = { lastProcedureId: 'dang-ky-khai-sinh', lastAspect: 'documents' as const };
    expect(matcher.understand('cảm ơn em, để chị về bàn với nhà chị', birth).intent).toBe('thanks');
    expect(matcher.understand('cám ơn cháu nhiều, bác nhờ con gái nhắn giùm', birth).intent).toBe('thanks');
  });

  it('thanks followed by a question is the question: the follow-up keeps the procedure', () => {
    const stay = { lastProcedureId: 'dang-ky-tam-tru', lastAspect: 'documents' as const };
    expect(matcher.understand('cảm ơn em, thế nộp ở đâu', stay)).toMatchObject({ intent: 'procedure', procedureId: 'dang-ky-tam-tru', aspect: 'place' });
    // A place said in a statement ("để mai tôi lên xã") asks nothing.
    expect(matcher.understand('cảm ơn em nhé, để mai tôi lên xã', stay).intent).toBe('thanks');
  });

  it('asking whether someone is on duty greets; on Saturday it asks the hours; a remark that answers are too long is feedback', () => {
    expect(matcher.understand('alo, có ai trực không').intent).toBe('greeting');
    expect(matcher.understand('thứ 7 có ai trực không').intent).toBe('contacts');
    expect(matcher.understand('trả lời dài quá, viết ngắn gọn thôi').intent).toBe('feedback');
  });

  it('removing a residence without saying which asks between the permanent and the temporary one', () => {
    const u = matcher.understand('xóa cư trú cho người nhà đã chuyển đi');
    expect(u.decision).toBe('clarify');
    expect(u.alternatives.map((a) => a.procedureId).slice(0, 3)).toEqual(expect.arrayContaining(['xoa-dang-ky-thuong-tru', 'xoa-dang-ky-tam-tru']));
  });

  it('a household book misplaced is answered with the residence confirmation that replaced it', () => {
    expect(matcher.understand('thất lạc sổ hộ khẩu rồi, xin cấp lại ở đâu')).toMatchObject({ decision: 'answer', procedureId: 'xac-nhan-cu-tru', aspect: 'place' });
  });

  it('"thì răng" asks like "thì sao"; a storm at sea and the hotline asked in English are read', () => {
    expect(matcher.understand('còn tạm trú thì răng', { lastProcedureId: 'dang-ky-thuong-tru', lastAspect: 'fee' })).toMatchObject({ procedureId: 'dang-ky-tam-tru', aspect: 'fee' });
    expect(matcher.understand('dự báo thời tiết trên biển tuần này ra sao').intent).toBe('out_of_scope');
    expect(matcher.understand('What is the hotline of the provincial service centre?')).toMatchObject({ intent: 'contacts', language: 'en' });
  });
});

describe('a country where a Vietnamese citizen works or studies', () => {
  it('is no foreign element: the plain procedure is answered; a foreign spouse still is one', () => {
    expect(matcher.understand('làm khai sinh cho con, chồng em đang đi làm bên Hàn chưa về')).toMatchObject({ decision: 'answer', procedureId: 'dang-ky-khai-sinh' });
    expect(matcher.understand('dang ky khai sinh cho chau, bo me no di xuat khau lao dong o Nhat Ban')).toMatchObject({ decision: 'answer', procedureId: 'dang-ky-khai-sinh' });
    expect(matcher.understand('làm khai sinh cho con, chồng em là người Hàn Quốc')).toMatchObject({ decision: 'answer', procedureId: 'khai-sinh-yeu-to-nuoc-ngoai' });
  });
});

describe('a person asked for outright, with a need told', () => {
  it('is a request for a person: the citizen says how to be helped', () => {
    expect(matcher.understand('tôi già rồi không gõ chữ được, có ai gọi điện cho tôi giải thích được không, tôi hỏi về trợ cấp cho cháu mồ côi').intent).toBe('handoff');
    // Asking whether the bot is a person asks what it is.
    expect(matcher.understand('em là người thật hay máy vậy').intent).not.toBe('handoff');
  });
});

describe('an age bound said as a case, a greeting with who is writing', () => {
  it('"dưới 14 tuổi" asked of the procedure just answered is a case of it, not the ID card for that age', () => {
    const passport = { lastProcedureId: 'cap-ho-chieu', lastAspect: 'fee' as const };
    expect(matcher.understand('trẻ em dưới 14 tuổi cũng vậy à', passport)).toMatchObject({ procedureId: 'cap-ho-chieu', aspect: 'fee', followUp: true });
  });

  it('a greeting followed by who is writing and nothing asked is a greeting; with a need it is the need', () => {
    expect(matcher.understand('Xin chào, tôi là nông dân ở xã Yên Thành').intent).toBe('greeting');
    expect(matcher.understand('Hi, I am a teacher from Canada')).toMatchObject({ intent: 'greeting', language: 'en' });
    expect(matcher.understand('chào em, chị là giáo viên, muốn hỏi thủ tục chuyển trường cho con')).toMatchObject({ intent: 'procedure', procedureId: 'chuyen-truong' });
  });
});

describe('the file of papers asked about after an answer', () => {
  it('"còn hồ sơ thì sao", "hồ sơ thế nào" ask what papers the procedure talked about needs; "… thế nào rồi" asks a dossier\'s status', () => {
    const stay = { lastProcedureId: 'dang-ky-thuong-tru', lastAspect: 'overview' as const };
    for (const text of ['còn hồ sơ thì sao', 'hồ sơ thế nào']) expect(matcher.understand(text, stay), text).toMatchObject({ procedureId: 'dang-ky-thuong-tru', aspect: 'documents' });
    expect(matcher.understand('hồ sơ của tôi thế nào rồi').intent).toBe('dossier_status');
  });
});

describe('a boundary quarrel and a crop price', () => {
  it('are out of scope: a neighbour taking land is for mediation or the court, a price is no procedure', () => {
    for (const text of ['hàng xóm lấn ranh đất nhà tôi thì tôi phải làm gì', 'giá cà phê hôm nay bao nhiêu']) expect(matcher.understand(text).intent, text).toBe('out_of_scope');
  });
});

describe('the elderly in general, an age said while the ID cards are offered', () => {
  it('an allowance for the elderly with no age asks which of the two old-age allowances', () => {
    const u = matcher.understand('hỏi về trợ cấp cho người già ở xã');
    expect(u.decision).toBe('clarify');
    expect(u.alternatives.map((a) => a.procedureId)).toEqual(['tro-cap-huu-tri-xa-hoi', 'tro-cap-xa-hoi']);
  });

  it('"cháu mới 3 tuổi" answers the ID-card buttons with the under-6 card, though "cháu" is a word of greetings', () => {
    const open = { pendingCandidates: ['can-cuoc-duoi-6-tuoi', 'cap-the-can-cuoc'], lastAspect: 'overview' as const };
    expect(matcher.understand('cháu mới 3 tuổi', open)).toMatchObject({ decision: 'answer', procedureId: 'can-cuoc-duoi-6-tuoi' });
  });

  it('removing a "đăng ký cư trú" asks between the two removals; the phone of the service centre asked in English is a contact', () => {
    const u = matcher.understand('tôi muốn hỏi về xóa đăng ký cư trú');
    expect(u.alternatives.map((a) => a.procedureId)).toEqual(expect.arrayContaining(['xoa-dang-ky-thuong-tru', 'xoa-dang-ky-tam-tru']));
    expect(matcher.understand('What is the phone number of the public administration service centre?')).toMatchObject({ intent: 'contacts', language: 'en' });
  });
});

describe('New Year wishes, the hotline and tomorrow\'s weather asked in English', () => {
  it('are read as what they are', () => {
    expect(matcher.understand('chúc các cán bộ năm mới mạnh khỏe').intent).toBe('greeting');
    expect(matcher.understand('Can you give me the hotline number?')).toMatchObject({ intent: 'contacts', language: 'en' });
    expect(matcher.understand('What will the weather be like tomorrow?')).toMatchObject({ intent: 'out_of_scope', language: 'en' });
    // Asking who is on duty on a holiday stays a question for the office's hours.
    expect(matcher.understand('Mùng 2 Tết có ai trực không?').intent).toBe('contacts');
  });
});
