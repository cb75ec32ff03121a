import { beforeAll, describe, expect, it } from 'vitest';
import { shippedConversations, type Said } from './fixtures/talk.js';

/** Conversations through the real content, matcher and dialogue: what the seventeenth round changed. */
let talk: (...messages: string[]) => Said[];
beforeAll(async () => {
  talk = await shippedConversations();
});

const intentOf = (said: Said): string => said.record.intent;

describe('complaints', () => {
  it('takes the time and desk told after a complaint as its details, though "cán bộ" folds like "cần"', () => {
    const [first, details] = talk('kiến nghị về thái độ của cán bộ một cửa phường, quát người dân', 'sáng qua lúc 9h, cán bộ ngồi quầy số 2');
    expect(intentOf(first!)).toBe('complaint');
    expect(details!.record).toMatchObject({ intent: 'complaint', procedureId: null });
  });

  it('takes a visit told as what happened ("tui đi xin … thì bị …") as the complaint going on', () => {
    const [, told] = talk('phản ánh cán bộ xã nói nặng lời với tui', 'chiều thứ 5 tuần trước, tui đi xin giấy xác nhận cư trú thì bị mắng trước mặt mọi người');
    expect(told!.record).toMatchObject({ intent: 'complaint', procedureId: null });
  });

  it('files a complaint that points back to the procedure it is about ("thủ tục đó miễn phí") instead of answering it', () => {
    const [said] = talk('Phản ánh cán bộ phường đòi tiền bồi dưỡng khi làm giấy xác nhận cư trú, trong khi thủ tục đó miễn phí');
    expect(said!.record).toMatchObject({ intent: 'complaint', procedureId: null });
  });

  it('reads a promise broken by weeks, an overdue dossier left long, or "quá đáng" as a complaint', () => {
    for (const text of [
      'xã hẹn trả giấy khai sinh 3 ngày mà gần 2 tuần rồi chưa có',
      'hồ sơ trợ cấp của mạ tui nộp từ tháng 3 đến chừ vẫn chưa giải quyết, quá hạn lâu rồi',
      'làm cái căn cước mà bắt đi lại hoài, quá đáng thật',
    ]) {
      const [said] = talk(text);
      expect(said!.record.intent, text).toBe('complaint');
    }
  });

  it('still answers a procedure asked after a grievance-like word ("thủ tục đó làm thế nào")', () => {
    const [, asked] = talk('đăng ký tạm trú cho em họ', 'thủ tục đó làm thế nào');
    expect(asked!.record).toMatchObject({ intent: 'procedure', procedureId: 'dang-ky-tam-tru' });
  });
});

describe('remarks, thanks, greetings and requests for a person', () => {
  it('thanks: "ths", a yes before the thanks, and a question put off to later', () => {
    for (const text of ['ths ad', 'Dạ, em cảm ơn anh nhiều, anh nhiệt tình quá', 'cảm ơn nha, lát nữa em hỏi thêm']) {
      expect(intentOf(talk(text)[0]!), text).toBe('thanks');
    }
  });

  it('feedback on the answers: rambling, too long, clear, not right', () => {
    for (const text of ['bạn trả lời dài dòng quá', 'câu trả lời của bot lan man, khó đọc', 'bot trả lời rõ quá, dễ hiểu hơn hỏi ngoài xã', 'bạn trả lời chưa đúng, tôi làm tháng trước khác']) {
      expect(intentOf(talk(text)[0]!), text).toBe('feedback');
    }
  });

  it('a person asked for in the ways people write it', () => {
    for (const text of [
      'cho em chat với nhân viên thật được không ạ',
      'có cán bộ nào trực không, tôi cần hỏi gấp về hộ chiếu',
      'bà không đọc được chữ, có cán bộ nào gọi điện nói chuyện với bà được không',
      'chuyển giúp tôi sang người phụ trách để nói chuyện trực tiếp',
      'bot trả lời không trúng ý, tôi cần nhân viên tư vấn',
    ]) {
      expect(intentOf(talk(text)[0]!), text).toBe('handoff');
    }
  });

  it('does not take a story about an official who spoke rudely for a request to be called', () => {
    const [said] = talk('cô cán bộ nói chuyện trống không với tui, còn lớn tiếng nữa');
    expect(said!.record.intent).toBe('complaint');
  });

  it('a greeting followed by who is writing, whose role holds an aspect\'s cue, is a greeting', () => {
    expect(intentOf(talk('Chào bạn, tôi là hướng dẫn viên ở Tuần Châu')[0]!)).toBe('greeting');
  });

  it('what can be asked here is the help menu', () => {
    expect(intentOf(talk('ở đây hỏi được những gì vậy')[0]!)).toBe('help');
  });
});

describe('regional words and phrases', () => {
  it('"hôm ni" is today: gold prices asked in the central dialect are refused, not read as a fee', () => {
    const [, gold] = talk('giấy xác nhận cư trú xin ở mô', 'mà giá vàng hôm ni bao nhiêu một chỉ');
    expect(gold!.record).toMatchObject({ intent: 'out_of_scope', procedureId: null });
  });

  it('"trong lúc chờ" is no "trích lục": the question after it is answered', () => {
    const [said] = talk('trong lúc chờ cho tôi hỏi kết hôn với người nước ngoài thì nộp ở đâu');
    expect(said!.record).toMatchObject({ intent: 'procedure', procedureId: 'ket-hon-yeu-to-nuoc-ngoai', aspect: 'place' });
  });
});

describe('English', () => {
  it('a fiancée (or wife) said to be Vietnamese makes the marriage one with a foreigner', () => {
    const [said] = talk('Hi, my fiancee is Vietnamese and we would like to get married in Hai Phong. Which papers are required?');
    expect(said!.record).toMatchObject({ intent: 'procedure', procedureId: 'ket-hon-yeu-to-nuoc-ngoai', aspect: 'documents' });
  });

  it('asking for news right after a dossier looks that dossier up again', () => {
    const code = '000.00.53.H48-251120-0004';
    const [, news] = talk(`status of my application ${code}`, 'Any news? It has been two weeks');
    expect(news!.record.intent).toBe('dossier_status');
    expect(news!.actions.some((a) => a.type === 'lookup_dossier' && a.code === code)).toBe(true);
  });
});

describe('second batch: grievances, offices, refused topics', () => {
  it('reads more ways of telling mistreatment or a runaround as a complaint', () => {
    for (const text of [
      'cán bộ địa chính hạch sách, bắt tôi nộp thêm tiền ngoài lệ phí mới ký',
      'thái độ của nhân viên ở quầy tiếp nhận phường rất tệ',
      'gọi tổng đài suốt buổi chiều không ai nhấc máy',
      'I filed my application two weeks ago and nobody has contacted me. Really frustrating.',
      'Chúng tôi muốn kiến nghị: đường vào trụ sở xã ngập nước, dân đi làm giấy tờ rất vất vả',
    ]) {
      expect(intentOf(talk(text)[0]!), text).toBe('complaint');
    }
  });

  it('a queue asked about is no grievance', () => {
    const [said] = talk('làm lại căn cước thì có phải xếp hàng lâu không, chân tôi yếu');
    expect(said!.record).toMatchObject({ intent: 'procedure', procedureId: 'cap-the-can-cuoc' });
  });

  it('answers a procedure asked outright while a complaint\'s content is awaited, and files nothing', () => {
    const [awaiting, asked] = talk('tôi muốn phản ánh', 'đăng ký hộ kinh doanh thì cần giấy gì');
    expect(awaiting!.session.awaiting).toBe('complaint_content');
    expect(asked!.record).toMatchObject({ intent: 'procedure', procedureId: 'dang-ky-ho-kinh-doanh', aspect: 'documents' });
    expect(asked!.actions.some((a) => a.type === 'file_complaint')).toBe(false);
  });

  it('persons asked for: someone to talk to, an adviser called for, a transfer to the receiving desk', () => {
    for (const text of ['mắt tôi kém, có ai nói chuyện trực tiếp với tôi được không', 'nhân viên đâu rồi', 'chuyển giúp tôi sang bộ phận tiếp nhận']) {
      expect(intentOf(talk(text)[0]!), text).toBe('handoff');
    }
  });

  it('remarks that open on the answer being wrong, or ask for shorter answers', () => {
    for (const text of ['trả lời sai rồi, lệ phí căn cước đâu phải vậy', 'câu trả lời hơi dài, ngắn gọn hơn thì tốt']) {
      expect(intentOf(talk(text)[0]!), text).toBe('feedback');
    }
  });

  it('an office asked with its place name between, moved after a merger, open on a day, closed for a holiday', () => {
    for (const text of [
      'ủy ban xã Tân Dân số điện thoại là bao nhiêu',
      'UBND phường sau sáp nhập chuyển trụ sở về đâu',
      'Is the commune office in Gia Lam open on Saturday?',
      'tết dương lịch trung tâm hành chính công nghỉ mấy ngày',
      'có số nào để gọi không',
    ]) {
      expect(intentOf(talk(text)[0]!), text).toBe('contacts');
    }
  });

  it('rain, a storm or gold asked about in a longer message is refused; a storm told as damage is not', () => {
    for (const text of ['chiều nay ở Cửa Lò có mưa không bạn, tính đi tắm biển', 'mai có bão không, tàu nhà tôi định ra khơi', 'cho hỏi giá vàng hôm nay thế nào']) {
      expect(talk(text)[0]!.record, text).toMatchObject({ intent: 'out_of_scope' });
    }
    expect(talk('nhà bị bão làm sập mái, xin hỗ trợ ở đâu')[0]!.record.intent).not.toBe('out_of_scope');
  });

  it('"mất" of a relative is a death; a paper lost first-word or torn asks between its copy and re-registration', () => {
    expect(talk('làm giấy khai tử cho mẹ tôi mất tuần trước ở đâu')[0]!.record).toMatchObject({ intent: 'procedure', procedureId: 'dang-ky-khai-tu' });
    for (const text of ['mất giấy khai sinh bản gốc rồi, xin lại thế nào', 'giấy khai sinh bị rách hết rồi, xin lại ở đâu']) {
      const [said] = talk(text);
      expect(said!.record.decision, text).toBe('clarify');
      expect(said!.reply.buttons.map((b) => (b.kind === 'query' ? b.payload : '')).join(' '), text).toContain('trich-luc-ho-tich');
    }
  });

  it('thanks with a wait, a greeting in teen-code, "bot khỏe không"', () => {
    expect(intentOf(talk('cảm ơn, để em đợi thêm vài hôm')[0]!)).toBe('thanks');
    expect(intentOf(talk('hế lô')[0]!)).toBe('greeting');
    expect(intentOf(talk('chào bạn, bạn khỏe không')[0]!)).toBe('greeting');
  });

  it('asks after a dossier "still not finished" looks it up again', () => {
    const code = '000.00.53.H48-251120-0004';
    const [, again] = talk(`check ${code}`, 'why is it still not finished?');
    expect(again!.actions.some((a) => a.type === 'lookup_dossier' && a.code === code)).toBe(true);
  });
});

describe('third batch: help, persons, remarks, offices, opinions, children', () => {
  it('what the bot can do, asked inside a short message', () => {
    for (const text of ['What can this bot do?', 'ngoài thủ tục ra bạn còn biết làm gì nữa không', 'chỉ giúp tôi mấy cái bot làm được', 'ở đây hỏi được cái gì']) {
      expect(intentOf(talk(text)[0]!), text).toBe('help');
    }
  });

  it('persons asked for: a leader, "chị nào", a call back, someone to guide, a specialist', () => {
    for (const text of ['cho tôi gặp lãnh đạo phường', 'cho xin gặp chị nào ở một cửa', 'nhờ cán bộ gọi lại cho tôi số 0912', 'kêu người hướng dẫn giùm tôi với', 'kết nối với chuyên viên giúp tôi']) {
      expect(intentOf(talk(text)[0]!), text).toBe('handoff');
    }
  });

  it('complaints: speaking curtly, shouting at the old, papers not in the rules, sent back three times', () => {
    for (const text of [
      'cán bộ phường nói trống không, quát cả ông cụ 80 tuổi',
      'công an xã bắt nộp thêm mấy loại giấy không có trong quy định',
      'hồ sơ tách thửa của tôi bị trả về 3 lần rồi',
      'nộp online rồi mà vẫn bắt lên xã mang bản giấy',
    ]) {
      expect(intentOf(talk(text)[0]!), text).toBe('complaint');
    }
  });

  it('remarks: the bot should say it plainly, pointed the wrong way, did not match', () => {
    for (const text of ['bot nên nói rõ chuyện này ngay từ đầu', 'lần trước bot chỉ sai đường đến ủy ban', 'bạn trả lời không khớp với thực tế']) {
      expect(intentOf(talk(text)[0]!), text).toBe('feedback');
    }
  });

  it('an office on which street; whom to ring', () => {
    expect(intentOf(talk('ủy ban phường Vĩnh Thanh nằm đường nào')[0]!)).toBe('contacts');
    expect(intentOf(talk('liên hệ số nào để hỏi')[0]!)).toBe('contacts');
  });

  it('wind at sea is weather; the bot\'s view of a merger is politics, a procedure after one is not', () => {
    expect(intentOf(talk('mai ngoài biển có gió to không, tàu ra khơi được không')[0]!)).toBe('out_of_scope');
    expect(talk('bạn nghĩ sao về việc sáp nhập tỉnh')[0]!.record).toMatchObject({ intent: 'out_of_scope' });
    expect(talk('sau sáp nhập tỉnh thì có phải đổi thẻ căn cước không')[0]!.record).toMatchObject({ intent: 'procedure', procedureId: 'cap-the-can-cuoc' });
  });

  it('an ID card for a child whose age is unsaid asks which card, in Vietnamese and English', () => {
    for (const text of ['làm căn cước cho thằng út', 'How do I get an ID card for my daughter?']) {
      expect(talk(text)[0]!.record.decision, text).toBe('clarify');
    }
    expect(talk('làm căn cước cho con 15 tuổi')[0]!.record).toMatchObject({ decision: 'answer', procedureId: 'cap-the-can-cuoc' });
  });

  it('a dossier code with "xem giúp tôi" is looked up; after a look-up, where to collect it asks that dossier', () => {
    const code = '000.00.53.H48-251120-0004';
    const [asked] = talk(`hồ sơ ${code} hẹn trả thứ hai mà giờ chưa thấy gọi, xem giúp tôi`);
    expect(asked!.record.intent).toBe('dossier_status');
    const [, where] = talk(`tra cứu ${code}`, 'thế lấy kết quả ở đâu');
    expect(where!.actions.some((a) => a.type === 'lookup_dossier' && a.code === code)).toBe(true);
  });

  it('a greeting with a move told is a greeting; with a need told it is the need', () => {
    expect(intentOf(talk('xin chào, em mới chuyển về Phố Nối làm công nhân')[0]!)).toBe('greeting');
    expect(talk('xin chào, em mới chuyển về Phố Nối, muốn đăng ký tạm trú')[0]!.record).toMatchObject({ intent: 'procedure', procedureId: 'dang-ky-tam-tru' });
  });
});

describe('fourth batch: words that fold into other words', () => {
  it('"người yêu" from another province is a plain marriage, not one with a foreigner', () => {
    expect(talk('đăng ký kết hôn cần giấy gì, người yêu em quê Thái Bình')[0]!.record).toMatchObject({ procedureId: 'dang-ky-ket-hon' });
    expect(talk('đăng ký kết hôn với người yêu người Hàn Quốc cần giấy gì')[0]!.record).toMatchObject({ procedureId: 'ket-hon-yeu-to-nuoc-ngoai' });
  });

  it('"giấy tờ tiếng Khmer" holds no "to tiếng" (raising one\'s voice)', () => {
    const [said] = talk('tui dịch giấy tờ tiếng Khmer qua tiếng Việt, muốn chứng thực chữ ký người dịch ở xã được không');
    expect(said!.record).toMatchObject({ intent: 'procedure', procedureId: 'chung-thuc-chu-ky-nguoi-dich' });
  });

  it('"where exactly do we file it" follows the procedure talked about', () => {
    const [, where] = talk('I would like to marry my Vietnamese fiancee. What documents do I need?', 'And where exactly do we file it?');
    expect(where!.record).toMatchObject({ intent: 'procedure', procedureId: 'ket-hon-yeu-to-nuoc-ngoai', aspect: 'place' });
  });

  it('a place name is no procedure word ("Rạch Giá" is not "gia hạn") and does not stop a follow-up', () => {
    expect(talk('tạm trú ở Rạch Giá lệ phí bao nhiêu')[0]!.record).toMatchObject({ procedureId: 'dang-ky-tam-tru', aspect: 'fee' });
    const [, place] = talk('trợ cấp thất nghiệp cần giấy gì', 'hồ sơ nộp ở đâu, tui ở Gia Lâm');
    expect(place!.record).toMatchObject({ procedureId: 'tro-cap-that-nghiep', aspect: 'place' });
  });

  it('after a dossier look-up, a procedure named with its question is about the procedure, not looked up again', () => {
    const [, asked] = talk('tra giúp hồ sơ 000.00.53.H48-251120-0004', 'thời hạn giải quyết giấy phép xây dựng là bao nhiêu ngày');
    expect(asked!.record.intent).toBe('procedure');
    expect(asked!.actions.some((a) => a.type === 'lookup_dossier')).toBe(false);
  });

  it('southern "mần giấy tờ" with nothing named asks what is needed', () => {
    expect(intentOf(talk('mần giấy tờ cho con')[0]!)).toBe('ask_need');
  });
});

describe('fifth batch: after a dossier', () => {
  it('how its result is delivered ("lên tận nơi lấy hay gửi về nhà") asks that dossier', () => {
    const code = '000.00.53.H48-251120-0004';
    const [, delivery] = talk(`tra cứu hồ sơ ${code}`, 'có phải lên tận nơi lấy không hay gửi về nhà');
    expect(delivery!.actions.some((a) => a.type === 'lookup_dossier' && a.code === code)).toBe(true);
  });
});

describe('sixth batch: generic going and bringing, papers all gone', () => {
  it('"đi làm giấy tờ thì phải đem theo mấy thứ gì" names no need: it asks which', () => {
    for (const text of ['đi làm giấy tờ thì phải mang theo những gì', 'đi làm giấy tờ phải đem theo mấy thứ gì']) {
      expect(intentOf(talk(text)[0]!), text).toBe('ask_need');
    }
    expect(talk('đăng ký khai sinh phải đem theo mấy thứ gì')[0]!.record).toMatchObject({ procedureId: 'dang-ky-khai-sinh', aspect: 'documents' });
  });

  it('registering again with all papers gone and no record named offers the re-registrations', () => {
    const [said] = talk('tôi muốn đăng ký lại, giấy tờ cũ mất hết trong trận lũ');
    expect(said!.record.decision).toBe('clarify');
    const offered = said!.reply.buttons.map((b) => (b.kind === 'query' ? b.payload : '')).join(' ');
    expect(offered).toContain('dang-ky-lai-khai-sinh');
    expect(offered).toContain('dang-ky-lai-ket-hon');
  });
});

describe('seventeenth round, last batch', () => {
  it('"mỗi trang tính mấy nghìn" asks the fee of the procedure talked about', () => {
    const [, fee] = talk('chứng thực bản sao học bạ ở đâu', 'mỗi trang tính mấy nghìn');
    expect(fee!.record).toMatchObject({ procedureId: 'chung-thuc-ban-sao', aspect: 'fee' });
  });
});
