import { session, signOut } from './store.js';

/** An answer from the admin API that was not 2xx, with its JSON body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { error?: string; message?: string; errors?: { field: string; message: string; file?: string }[]; fields?: Record<string, string> },
  ) {
    super(body.message ?? `Lỗi ${status}`);
    this.name = 'ApiError';
  }
}

/**
 * The console's only way to the server: JSON in and out, the CSRF token on every change, a 401 ends the session
 * (the login form shows again). Response types come from src/admin/api-types.ts.
 */
export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const csrf = session.value?.csrf;
  if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  let res: Response;
  try {
    res = await fetch(`/admin/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, { message: 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.' });
  }
  let json: ApiError['body'] = {};
  try {
    json = (await res.json()) as ApiError['body'];
  } catch {
    json = {};
  }
  if (res.status === 401 && path !== '/login') {
    signOut();
    throw new ApiError(401, { message: 'Phiên đăng nhập đã hết. Vui lòng đăng nhập lại.' });
  }
  if (!res.ok) throw new ApiError(res.status, json);
  return json as T;
}

/** The API's error codes that need words of their own. */
const CODE_WORDS: Record<string, string> = {
  no_draft: 'Không có bản nháp nào để xuất bản: hãy lưu trước.',
  busy: 'Đang có một lần xuất bản khác; vui lòng thử lại sau ít giây.',
  version_not_found: 'Không còn phiên bản này.',
  handoff_closed: 'Cuộc trò chuyện này đã trả lại cho trợ lý tự động hoặc đã hết hạn.',
  self: 'Không thể tự xoá tài khoản đang dùng.',
};

/** A sentence for an error, in the words of the console. */
export function explain(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.body.error && CODE_WORDS[err.body.error]) return CODE_WORDS[err.body.error]!;
    if (err.status === 403 && err.body.error === 'forbidden') return 'Tài khoản của anh/chị không có quyền làm việc này.';
    if (err.status === 403 && err.body.error === 'csrf') return 'Phiên làm việc không hợp lệ; vui lòng tải lại trang.';
    if (err.status === 429) return err.body.message ?? 'Thao tác quá nhiều lần; vui lòng thử lại sau.';
    // The server's Vietnamese messages are shown as they are; its English ones (for automation) are not.
    if (err.body.message && !/^[\x20-\x7e]*$/.test(err.body.message)) return err.body.message;
    if (err.status >= 500) return 'Máy chủ gặp lỗi; vui lòng thử lại sau ít phút.';
    if (err.status === 404) return 'Không tìm thấy mục này (có thể đã bị xoá).';
    if (err.status === 409) return 'Thao tác không thực hiện được ở trạng thái hiện tại; vui lòng tải lại trang.';
    return 'Yêu cầu chưa hợp lệ.';
  }
  return 'Đã có lỗi trên trang; vui lòng tải lại.';
}
