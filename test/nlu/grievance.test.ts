import { describe, expect, it } from 'vitest';
import { complaintOutweighs, readGrievance } from '../../src/nlu/grievance.js';

describe('grievances: a complaint told from feedback on the bot and from a procedure question', () => {
  it('reads a runaround, nobody answering or mistreatment by the administration as a complaint, with or without accents', () => {
    for (const text of [
      'tôi lên phường nộp giấy năm lần rồi mà lần nào cũng bị trả về',
      'gọi tổng đài cả buổi sáng không ai bắt máy',
      'cô cán bộ ở quầy số 3 thái độ rất khinh người',
      'nhan vien mot cua doi tien moi lam nhanh cho',
      'hồ sơ của mẹ tôi trễ hẹn hai tuần rồi',
      'cổng dịch vụ công lỗi hoài không nộp được',
      'Nobody at the ward office picks up the phone',
      // Rude speech and being sent back and forth, in everyday words.
      'Cán bộ địa chính xã nói năng cộc cằn, bắt tôi chạy tới chạy lui 4 lần',
      'chạy lên xã 3 lần vẫn chưa xong',
      'cán bộ mắng tôi giữa quầy',
      'Hồ sơ cấp sổ đỏ nhà tôi nộp từ năm ngoái đến giờ vẫn chưa có, chậm quá',
      'Tôi có kiến nghị về việc thu phí sai quy định khi chứng thực giấy tờ ở xã',
      'chị cán bộ tư pháp bắt tôi về bổ sung giấy tờ đến lần thứ 3 mà không nói rõ thiếu cái gì',
      'hồ sơ của tôi bị cán bộ làm mất',
      'Trung tâm hành chính công xếp hàng cả buổi mà chỉ mở có một quầy',
      'Tôi chờ từ 7 giờ rưỡi tới 11 giờ mà vẫn chưa tới lượt',
      'Cán bộ địa chính xã gợi ý đưa tiền thì làm nhanh',
      'Nộp lệ phí online trên cổng dịch vụ công bị trừ tiền 2 lần mà hồ sơ vẫn báo chưa thanh toán',
    ]) {
      expect(readGrievance(text), text).toBe('complaint');
    }
  });

  it('reads a vague or useless answer of the bot, "trả lời" typed "chả lời", as feedback', () => {
    expect(readGrievance('bot chả lời chung chung quá, chẳng giúp được gì')).toBe('feedback');
    expect(readGrievance('cán bộ xã không giúp được gì')).toBeNull();
    // "câu trả lời" said to the bot is its answer; the office's answer is not.
    expect(readGrievance('câu trả lời thiếu cái link nộp online rồi bạn ơi')).toBe('feedback');
    expect(readGrievance('câu trả lời của xã chưa rõ')).toBeNull();
    // Praise of the bot's answers is feedback too; of an official, nothing for the bot.
    expect(readGrievance('thông tin bạn đưa rõ ràng dễ hiểu lắm')).toBe('feedback');
    expect(readGrievance('trả lời rõ ràng dễ hiểu, bot được đấy')).toBe('feedback');
    expect(readGrievance('cán bộ xã hướng dẫn rõ ràng lắm')).toBeNull();
  });

  it('reads a remark on the chatbot as feedback, not a complaint', () => {
    for (const text of ['con bot này trả lời sai hết', 'chatbot nên có thêm nút tra cứu', 'bot dùng tiện thật']) expect(readGrievance(text), text).toBe('feedback');
  });

  it('lets an explicit request for a person win over everything else', () => {
    expect(readGrievance('bot trả lời linh tinh quá, chuyển sang cán bộ giúp tôi')).toBe('handoff');
    expect(readGrievance('cho tôi nói chuyện với người thật')).toBe('handoff');
    // "hàng xóm nói người già được trợ cấp": a neighbour's words, not a request for a person.
    expect(readGrievance('hàng xóm nói người già được nhận tiền, tôi cần giấy gì')).toBeNull();
  });

  it('finds nothing in an ordinary question or a story without a grievance', () => {
    for (const text of ['làm hộ chiếu mất bao lâu', 'tôi đi lại khó khăn, có nộp online được không', 'bà năm nay 80 tuổi', '']) expect(readGrievance(text), text).toBeNull();
    // "mang tên tôi" (bearing my name) folds like "mắng tôi" (scolding me).
    expect(readGrievance('nhà bị chập điện cháy mất cái tủ, trong đó có cả sổ đỏ mang tên tôi, giờ xin cấp lại sổ thì làm sao')).toBeNull();
    // A paper the citizen lost is no file the office lost.
    expect(readGrievance('Em cần bản sao giấy khai sinh để nộp hồ sơ nhập học, bản gốc em làm mất rồi')).toBeNull();
  });

  it('outweighs a procedure found in the message only when no procedure question is asked', () => {
    expect(complaintOutweighs('tôi nộp hồ sơ tách thửa từ tháng 5, hỏi thì cán bộ cứ bảo về chờ')).toBe(true);
    expect(complaintOutweighs('tôi muốn kiến nghị việc xã cho xây tường lấn đường mà không ai xuống kiểm tra')).toBe(true);
    // Named alone, "khiếu nại" may be the procedure of that name: what happened must be told.
    expect(complaintOutweighs('tôi muốn khiếu nại quyết định thu hồi đất')).toBe(false);
    expect(complaintOutweighs('cán bộ bảo về chờ, vậy tách thửa thì mất bao lâu')).toBe(false);
    expect(complaintOutweighs('đăng ký tạm trú cần giấy tờ gì')).toBe(false);
  });
});

describe('more ways a runaround is told', () => {
  it('a refused file, repeated demands, endless appointments are complaints; renouncing an inheritance is not', () => {
    for (const text of ['cán bộ từ chối nhận hồ sơ của tôi mà không nói lý do', 'bắt tôi bổ sung giấy tờ 3 lần rồi', 'xã hẹn mãi không trả kết quả']) {
      expect(readGrievance(text), text).toBe('complaint');
    }
    expect(readGrievance('em muốn từ chối nhận phần thừa kế để anh trai đứng tên hết')).toBeNull();
  });
});

describe('a dossier overdue, lost or bounced between offices', () => {
  it('is a complaint however it is told', () => {
    for (const text of [
      'tui nộp khai sinh cho con từ 20/11, giấy hẹn ghi 21/11 trả mà giờ chưa có',
      'Tôi nộp đăng ký biến động đất, hẹn 8 ngày làm việc mà giờ đã hơn 30 ngày.',
      'lên xã hỏi thì cán bộ bảo về chờ, trễ hạn gần một tháng',
      'lam giay xac nhan cu tru ma bi dua qua dua lai, xa bieu len cong an, cong an bieu ve xa',
      'gọi bưu điện thì họ đổ qua xã, xã đổ qua bưu điện',
      'cán bộ cứ hẹn lần hẹn lữa',
      'can bo dia chinh xa doi 2 trieu moi lam nhanh so do',
      'cô cán bộ nói chuyện trống không, còn lớn tiếng với tui',
      'hồ sơ của tôi bị thất lạc ở bộ phận một cửa',
    ]) {
      expect(readGrievance(text), text).toBe('complaint');
    }
  });

  it('reads no grievance in words that fold alike: "báo cho" (notify) is not "bảo chờ", "cấp đổi" is not "đòi"', () => {
    for (const text of ['khi nào có kết quả thì anh chị báo cho tôi nhé', 'lệ phí cấp đổi 50 nghìn đúng không']) expect(readGrievance(text), text).toBeNull();
  });

  it('leaves a fee asked whether right to the procedure', () => {
    expect(complaintOutweighs('làm chứng thực bản sao mà bị thu 50 nghìn một tờ, vậy có đúng giá không')).toBe(false);
  });
});

describe('money asked for and a portal that keeps failing', () => {
  it('are complaints; a benefit paid to the elderly is not', () => {
    for (const text of [
      'lam cccd ma cong an xa doi them 200 nghin phi lam nhanh, vay co dung khong',
      'tôi muốn tố cáo cán bộ địa chính xã nhận tiền của dân',
      'cổng dịch vụ công cứ báo lỗi không nộp được, tôi thử cả tuần rồi',
    ]) {
      expect(readGrievance(text), text).toBe('complaint');
    }
    expect(readGrievance('nghe hàng xóm nói người già được nhận tiền hằng tháng, bác phải làm giấy tờ gì')).toBeNull();
    expect(readGrievance('làm khai tử, xóa hộ khẩu và nhận tiền mai táng một lần có được không')).toBeNull();
  });
});

describe('a dossier the office lost', () => {
  it('outweighs the procedure it names, whatever is asked next, unless a procedure is asked by name', () => {
    expect(complaintOutweighs('Hồ sơ xin cấp lại căn cước của tôi bị thất lạc, công an xã nói không tìm thấy, giờ tôi phải làm sao?')).toBe(true);
    expect(complaintOutweighs('hồ sơ của tôi bị thất lạc, giờ phải làm thủ tục gì lại từ đầu')).toBe(false);
  });
});

describe('money hinted at as "bồi dưỡng", a person asked to call, a remark on a figure the bot gave', () => {
  it('an official asking for a "tip" to go faster is a complaint', () => {
    expect(readGrievance('cán bộ xã đòi bồi dưỡng mới giải quyết nhanh hồ sơ cho tôi')).toBe('complaint');
    expect(readGrievance('phải bồi dưỡng cho anh ấy mới ký à')).toBe('complaint');
  });

  it('someone asked to phone the citizen is a request for a person; nobody phoning back is a complaint', () => {
    expect(readGrievance('mắt tôi kém, có ai gọi điện cho tôi giải thích được không')).toBe('handoff');
    expect(readGrievance('nhờ cán bộ gọi lại cho tôi với')).toBe('handoff');
    expect(readGrievance('gọi mãi không có ai gọi lại cho tôi')).toBe('complaint');
  });

  it('the bot said to have answered a figure wrongly, with words between, is feedback', () => {
    expect(readGrievance('bot trả lời lệ phí hộ chiếu hôm trước sai rồi')).toBe('feedback');
  });
});

describe('rudeness said with a word between', () => {
  it('"nói chuyện rất khó nghe" is a complaint, as "nói chuyện khó nghe" was', () => {
    expect(readGrievance('cô ở quầy tiếp dân nói chuyện rất khó nghe với người già')).toBe('complaint');
  });
});

describe('money asked for before a dossier is taken, an attitude found unpleasant', () => {
  it('are complaints', () => {
    expect(readGrievance('cán bộ đòi tôi phải đưa thêm tiền mới nhận hồ sơ')).toBe('complaint');
    expect(readGrievance('cán bộ ở xã thái độ rất khó chịu với dân')).toBe('complaint');
  });
});

describe('promises broken three times, an office shut in working hours, being shouted at, a staff member asked for short', () => {
  it('are complaints, or a request for a person', () => {
    for (const text of ['cán bộ hẹn 3 lần vẫn chưa trả giấy cho tôi', 'bộ phận một cửa đóng cửa trong giờ hành chính', 'hỏi lại thì bị quát']) {
      expect(readGrievance(text), text).toBe('complaint');
    }
    expect(readGrievance('cho e gap nv tu van dc ko')).toBe('handoff');
  });

  it('"bot ghi … sai" is a remark on the bot', () => {
    expect(readGrievance('bot ghi mức phí sai rồi')).toBe('feedback');
  });
});
