import type { ComplaintEvent, ComplaintStatus } from '../../api-types.js';
import { issueWords, type IssueLike } from '../../content-words.js';

/** Complaints (phản ánh, kiến nghị) in the words staff read: statuses, the history, masked phones. */

export const COMPLAINT_STATUS_WORDS: Record<ComplaintStatus, string> = { new: 'Mới', in_progress: 'Đang xử lý', answered: 'Đã trả lời' };

const who = (by: string) => (by === 'citizen' ? 'Người dân' : by === 'system' ? 'Hệ thống' : by);

/** Why Zalo did not take an answer, from the "kind:code" the server records. */
function failureWords(note: string | undefined): string {
  const [kind, code] = (note ?? '').split(':');
  if (kind === 'window') return 'người dân đã quá thời hạn nhận tin tư vấn của Zalo';
  return `Zalo chưa nhận tin nhắn${code ? ` (mã lỗi ${code})` : ''}`;
}

/** One line of a complaint's history: "admin đổi trạng thái: Mới → Đang xử lý". */
export function complaintEventWords(e: ComplaintEvent): string {
  switch (e.action) {
    case 'filed':
      return 'Người dân gửi phản ánh';
    case 'added':
      return 'Người dân bổ sung nội dung';
    case 'contact':
      return 'Người dân chia sẻ số điện thoại (qua thẻ xin thông tin của Zalo)';
    case 'status':
      return `${who(e.by)} đổi trạng thái: ${e.from ? COMPLAINT_STATUS_WORDS[e.from] : '?'} → ${e.to ? COMPLAINT_STATUS_WORDS[e.to] : '?'}`;
    case 'answer':
      return `${who(e.by)} gửi câu trả lời qua Zalo`;
    case 'answer_failed':
      return `${who(e.by)} gửi câu trả lời nhưng không thành công: ${failureWords(e.note)}`;
    case 'withdrawn':
      return 'Người dân yêu cầu xoá dữ liệu: số điện thoại và liên kết Zalo đã được xoá';
    default:
      return e.action;
  }
}


/** The Vietnamese message of the answer form's validation ("Nội dung trả lời: bắt buộc nhập"). */
export function answerIssue(issue: IssueLike): string {
  return `Nội dung trả lời: ${issueWords(issue)}`;
}
