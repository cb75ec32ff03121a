import type { Audience, AnnouncementStatus } from '../../api-types.js';
import { issueWords, type IssueLike } from '../../content-words.js';
import { formatNumber } from '../../format-vi.js';

export const ANN_STATUS: Record<AnnouncementStatus, string> = { draft: 'Nháp', scheduled: 'Đã lên lịch', sending: 'Đang gửi', done: 'Đã gửi xong', cancelled: 'Đã huỷ', dry_run: 'Chạy thử' };

/** Field names of the announcement form, for its Vietnamese validation messages. */
export function announcementFieldLabel(path: readonly PropertyKey[]): string {
  const [head, index, leaf] = path.map(String);
  if (head === 'buttons' && index !== undefined && /^\d+$/.test(index)) {
    const n = Number(index) + 1;
    return leaf === 'url' ? `Nút ${n} – địa chỉ trang` : leaf === 'phone' ? `Nút ${n} – số điện thoại` : leaf === 'title' ? `Nút ${n} – chữ trên nút` : `Nút ${n}`;
  }
  return { title: 'Tiêu đề', text: 'Nội dung', buttons: 'Nút bấm', image: 'Ảnh', audience: 'Người nhận', sendAt: 'Giờ gửi' }[head ?? ''] ?? 'Thông báo';
}

/** "Tiêu đề: bắt buộc nhập", "Nút 1 – địa chỉ trang: phải là một địa chỉ web…", "Người nhận: chọn ít nhất một nhãn". */
export function announcementIssue(issue: IssueLike): string {
  const label = announcementFieldLabel(issue.path);
  const [head, , leaf] = issue.path.map(String);
  if (head === 'audience') return `${label}: ${issue.path.length > 1 ? (issue.path[1] === 'tags' ? 'chọn ít nhất một nhãn' : 'nhập ít nhất một mã người dùng Zalo hợp lệ') : 'vui lòng chọn người nhận'}`;
  if (leaf === 'url') return `${label}: phải là một địa chỉ web đầy đủ, bắt đầu bằng https:// (hoặc http://)`;
  if (leaf === 'phone') return `${label}: phải là một số điện thoại`;
  if (head === 'sendAt') return `${label}: nhập ngày dạng dd/mm/yyyy và giờ dạng hh:mm`;
  if (issue.code === 'invalid_union') return `${label}: cần chữ trên nút và địa chỉ trang hoặc số điện thoại`;
  return `${label}: ${issueWords(issue)}`;
}

export function audienceWords(a: Audience, size?: number | null): string {
  const count = size === undefined || size === null ? '' : ` (${formatNumber(size)} người)`;
  if ('all' in a) return `Mọi người quan tâm OA${count}`;
  if ('tags' in a) return `Người có nhãn ${a.tags.map((t) => `“${t}”`).join(', ')}${count}`;
  return `${formatNumber(a.userIds.length)} mã người dùng Zalo${count}`;
}
