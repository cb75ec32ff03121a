import type { AuditEntry } from '../../api-types.js';
import { fieldLabel, formatFieldValue } from '../../content-words.js';
import { formatDateTime } from '../../format-vi.js';
import { LoadState, Page, TableWrap } from '../components/Page.js';
import { api } from '../lib/api.js';
import { useLoad } from '../lib/use-load.js';

const ACTION_WORDS: Record<string, string> = {
  login: 'Đăng nhập',
  'login.failed': 'Đăng nhập sai',
  logout: 'Đăng xuất',
  'procedure.save': 'Lưu bản nháp thủ tục',
  'procedure.publish': 'Xuất bản thủ tục',
  'procedure.delete': 'Tạo bản nháp xoá thủ tục',
  'procedure.discard': 'Bỏ bản nháp thủ tục',
  'procedure.rollback': 'Khôi phục thủ tục',
  'procedure.import': 'Nhập thủ tục từ tệp',
  'intent.save': 'Lưu bản nháp ý định',
  'intent.publish': 'Xuất bản ý định',
  'intent.delete': 'Tạo bản nháp xoá ý định',
  'intent.discard': 'Bỏ bản nháp ý định',
  'intent.rollback': 'Khôi phục ý định',
  'content.export': 'Xuất nội dung ra tệp',
  'content.import': 'Nhập nội dung từ tệp',
  'unanswered.dismiss': 'Bỏ qua câu hỏi chưa trả lời',
  'handoff.reply': 'Trả lời người dân',
  'handoff.release': 'Trả cuộc trò chuyện cho trợ lý',
  'user.create': 'Tạo tài khoản',
  'user.delete': 'Xoá tài khoản',
  'user.test_recipient': 'Đăng ký mã Zalo nhận tin thử',
  'user.role': 'Đổi vai trò tài khoản',
  'announcement.create': 'Tạo thông báo',
  'announcement.edit': 'Sửa bản nháp thông báo',
  'announcement.schedule': 'Gửi hoặc hẹn gửi thông báo',
  'announcement.cancel': 'Huỷ thông báo',
  'announcement.test': 'Gửi thử thông báo',
  'followers.sync': 'Đồng bộ người quan tâm',
  'follower.tags': 'Đổi nhãn của người quan tâm',
  'tag.create': 'Tạo nhãn',
  'tag.assign': 'Gắn nhãn',
  'tag.import': 'Nhập nhãn từ tệp',
  'eval-case.create': 'Lưu ca kiểm thử',
  'eval-case.delete': 'Xoá ca kiểm thử',
  'notify.template.create': 'Đăng ký mẫu tin Zalo',
  'notify.template.update': 'Sửa mẫu tin Zalo',
  'notify.template.delete': 'Xoá mẫu tin Zalo',
  'notify.template.test': 'Gửi thử mẫu tin Zalo',
  'notice.retry': 'Gửi lại thông báo hồ sơ',
  'contact.save': 'Lưu bản nháp điểm liên hệ',
  'contact.publish': 'Xuất bản điểm liên hệ',
  'contact.delete': 'Tạo bản nháp xoá điểm liên hệ',
  'contact.discard': 'Bỏ bản nháp điểm liên hệ',
  'contact.rollback': 'Khôi phục điểm liên hệ',
  'contact.import': 'Nhập điểm liên hệ từ tệp',
  'complaint.status': 'Đổi trạng thái phản ánh',
  'complaint.answer': 'Trả lời phản ánh',
  'complaint.answer_failed': 'Trả lời phản ánh không thành công',
};

const compact = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v)).slice(0, 160);

/**
 * What an entry changed, in words: content changes as field labels with their values ("Số tiền: 200.000 đ → 250.000 đ"),
 * other changes as their fields before and after.
 */
function changeWords(e: AuditEntry): string {
  const before = (e.before ?? {}) as Record<string, unknown>;
  const after = (e.after ?? {}) as Record<string, unknown>;
  const content = /^(procedure|intent|contact)\./.test(e.action);
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const parts = keys.map((k) => {
    const kind = e.action.startsWith('intent.') ? 'intent' : e.action.startsWith('contact.') ? 'contact' : 'procedure';
    const label = content ? fieldLabel(k, undefined, kind) : k;
    const show = (v: unknown) => (content ? formatFieldValue(k, v ?? undefined) : v === undefined || v === null ? '(trống)' : compact(v));
    return k in before && e.before !== null ? `${label}: ${show(before[k])} → ${show(after[k])}` : `${label}: ${show(after[k])}`;
  });
  if (e.detail) parts.push(...Object.entries(e.detail).map(([k, v]) => `${k}: ${compact(v)}`));
  return parts.join('; ');
}

/** Who changed what and when (admins). */
export function AuditPage() {
  const data = useLoad(() => api<{ entries: AuditEntry[] }>('GET', '/audit?limit=300'), []);
  return (
    <Page title="Nhật ký thay đổi">
      <LoadState loading={data.loading && !data.data} error={data.error}>
        <TableWrap label="Nhật ký thay đổi">
          <table>
            <thead>
              <tr>
                <th scope="col">Thời gian</th>
                <th scope="col">Người thực hiện</th>
                <th scope="col">Việc</th>
                <th scope="col">Đối tượng</th>
                <th scope="col">Chi tiết</th>
              </tr>
            </thead>
            <tbody>
              {(data.data?.entries ?? []).map((e, i) => (
                <tr key={i} data-action={e.action}>
                  <td>{formatDateTime(e.at)}</td>
                  <td>{e.who}</td>
                  <td>{ACTION_WORDS[e.action] ?? e.action}</td>
                  <td>{e.target ?? ''}</td>
                  <td class="muted">{changeWords(e)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </LoadState>
    </Page>
  );
}
