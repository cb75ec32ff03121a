import type { DossierField, NoticeChannel, NoticeState } from '../../api-types.js';

/** The notify API's codes in the console's words. */

export const STATE_WORDS: Record<NoticeState, string> = {
  pending: 'Đang gửi',
  retrying: 'Chờ gửi lại',
  held: 'Chờ đến sáng',
  checking: 'Đang kiểm tra',
  sent: 'Đã gửi',
  unreachable: 'Không liên lạc được',
  failed: 'Gửi lỗi',
  uncertain: 'Chưa rõ đã đến chưa',
};

export const CHANNEL_WORDS: Record<NoticeChannel, string> = {
  consultation: 'Tin tư vấn',
  template: 'Tin mẫu theo người dùng',
  zns: 'ZNS theo số điện thoại',
};

export const FIELD_WORDS: Record<DossierField, string> = {
  code: 'Mã hồ sơ',
  procedure_name: 'Tên thủ tục',
  status: 'Tình trạng',
  due_date: 'Ngày hẹn trả',
  link: 'Đường dẫn Cổng dịch vụ công',
  agency: 'Nơi xử lý',
};

export const TAG_WORDS: Record<1 | 2 | 3, string> = { 1: 'Tag 1 – Giao dịch', 2: 'Tag 2 – Chăm sóc khách hàng', 3: 'Tag 3 – Quảng cáo' };

export const LEVEL_WORDS = { very_satisfied: 'Rất hài lòng', satisfied: 'Hài lòng', unsatisfied: 'Chưa hài lòng' } as const;

export const DOSSIER_STATUS_WORDS: Record<string, string> = {
  moi_nop: 'Mới nộp',
  da_tiep_nhan: 'Đã tiếp nhận',
  dang_xu_ly: 'Đang xử lý',
  cho_bo_sung: 'Chờ bổ sung',
  cho_nop_phi: 'Chờ nộp phí',
  tam_dung: 'Tạm dừng',
  co_ket_qua: 'Có kết quả, chờ trả',
  da_tra_ket_qua: 'Đã trả kết quả',
  tu_choi: 'Từ chối',
  da_rut_huy: 'Đã rút, huỷ',
  khong_ro: 'Chưa xác định',
};

const REASON_WORDS: Record<string, string> = {
  outside_window: 'quá 7 ngày người dân chưa nhắn tin',
  no_template: 'chưa có mẫu đang dùng',
  no_phone: 'người dân chưa chia sẻ số điện thoại',
  phone_key_missing: 'chưa cấu hình khoá mã hoá số điện thoại',
  no_interaction_1y: 'quá 1 năm người dân không tương tác',
  template_not_by_uid: 'mẫu không gửi được theo người dùng (-249)',
  template_not_approved: 'Zalo chưa duyệt mẫu (-131)',
  no_recent_interaction: 'người dân không tương tác gần đây',
  night: 'ban đêm, ZNS chờ đến 6 giờ',
  zns_night: 'ban đêm, ZNS chờ đến 6 giờ',
  zns_daily_limit: 'hết hạn mức ZNS trong ngày',
  zns_quota_or_balance: 'hết hạn mức hoặc số dư ZNS',
  zns_charge_failed: 'Zalo không trừ được phí ZNS',
  phone_invalid: 'số điện thoại không hợp lệ',
  no_zalo_account: 'số điện thoại chưa có tài khoản Zalo',
  user_cannot_receive: 'người dân không nhận được tin',
  user_blocked_oa: 'người dân đã chặn OA',
  user_inactive: 'tài khoản người dân không hoạt động',
  user_restricted_type: 'người dân chặn loại tin này',
  user_receive_quota: 'người dân đã nhận quá nhiều tin',
  not_follower: 'người dân chưa quan tâm OA',
  oa_out_of_quota: 'OA hết hạn mức gửi',
  invalid_request: 'yêu cầu gửi không hợp lệ',
  refused: 'Zalo từ chối',
  transient: 'lỗi tạm thời, sẽ gửi lại',
  token: 'lỗi mã truy cập Zalo, sẽ gửi lại',
  internal: 'lỗi trong hệ thống, sẽ gửi lại',
  timeout: 'Zalo trả lời quá chậm',
  interrupted: 'việc gửi bị gián đoạn',
  reconciled: 'đã xác nhận qua lịch sử trò chuyện',
  settled_unrecorded: 'đã xử lý nhưng không ghi lại kết quả',
};

export const reasonWords = (reason: string | null | undefined): string => (reason ? (REASON_WORDS[reason] ?? reason) : '');
