import { useState } from 'preact/hooks';
import { COMPLAINT_STATUSES, ComplaintRef, type ComplaintListResponse, type ComplaintStatus } from '../../api-types.js';
import { formatDateTime, formatNumber } from '../../format-vi.js';
import { TextField } from '../components/inputs.js';
import { LoadState, Page, TableWrap } from '../components/Page.js';
import { api } from '../lib/api.js';
import { COMPLAINT_STATUS_WORDS } from '../lib/complaint-words.js';
import { navigate } from '../lib/store.js';
import { useLoad } from '../lib/use-load.js';

const PAGE_SIZE = 50;

/** The staff queue of complaints and petitions: newest first, filtered by status, opened by reference number. */
export function ComplaintsPage() {
  const [status, setStatus] = useState<ComplaintStatus | ''>('');
  const [offset, setOffset] = useState(0);
  const query = `limit=${PAGE_SIZE}&offset=${offset}${status ? `&status=${status}` : ''}`;
  // Polled, so a complaint filed while the page is open appears without a reload.
  const list = useLoad(() => api<ComplaintListResponse>('GET', `/complaints?${query}`), [query], 15_000);
  const counts = list.data?.counts;
  const all = counts ? COMPLAINT_STATUSES.reduce((n, s) => n + counts[s], 0) : null;
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const choose = (s: ComplaintStatus | '') => (setStatus(s), setOffset(0));
  const count = (n: number | null | undefined) => (n === null || n === undefined ? '' : ` (${formatNumber(n)})`);
  return (
    <Page title="Phản ánh, kiến nghị" intro="Phản ánh người dân gửi qua Zalo. Mở một phản ánh để đọc, đổi trạng thái và trả lời người dân.">
      <div class="card row">
        <div class="row" role="group" aria-label="Lọc theo trạng thái">
          <button type="button" aria-pressed={status === ''} onClick={() => choose('')}>
            Tất cả{count(all)}
          </button>
          {COMPLAINT_STATUSES.map((s) => (
            <button key={s} type="button" data-filter={s} aria-pressed={status === s} onClick={() => choose(s)}>
              {COMPLAINT_STATUS_WORDS[s]}
              {count(counts?.[s])}
            </button>
          ))}
        </div>
        <OpenByReference />
      </div>
      <LoadState loading={list.loading && !list.data} error={list.error}>
        {items.length === 0 ? (
          <p class="muted">{status ? `Không có phản ánh nào ở trạng thái “${COMPLAINT_STATUS_WORDS[status]}”.` : 'Chưa có phản ánh nào.'}</p>
        ) : (
          <TableWrap label="Danh sách phản ánh">
            <table class="complaints">
              <thead>
                <tr>
                  <th scope="col">Số tham chiếu</th>
                  <th scope="col">Ngày gửi</th>
                  <th scope="col">Trạng thái</th>
                  <th scope="col">Nội dung (đã ẩn thông tin cá nhân)</th>
                  <th scope="col">Số điện thoại</th>
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <tr key={c.ref} data-ref={c.ref}>
                    <td>
                      <a href={`#/complaints/${c.ref}`}>{c.ref}</a>
                    </td>
                    <td>{formatDateTime(c.createdAt)}</td>
                    <td>
                      <span class={`status ${c.status}`} data-status={c.status}>
                        {COMPLAINT_STATUS_WORDS[c.status]}
                      </span>
                    </td>
                    <td class="preview">{c.preview}</td>
                    <td>{c.hasPhone ? 'Đã chia sẻ' : 'Không'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        {total > PAGE_SIZE ? (
          <nav class="row pager" aria-label="Trang của danh sách">
            <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
              Trang trước
            </button>
            <span>
              {formatNumber(offset + 1)}–{formatNumber(Math.min(offset + PAGE_SIZE, total))} trên {formatNumber(total)}
            </span>
            <button type="button" disabled={offset + PAGE_SIZE >= total} onClick={() => setOffset(offset + PAGE_SIZE)}>
              Trang sau
            </button>
          </nav>
        ) : null}
      </LoadState>
    </Page>
  );
}

/** "PA-251120-0042" typed or pasted (any case, spaces around) opens that complaint. */
function OpenByReference() {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  function open(e: Event) {
    e.preventDefault();
    const ref = ComplaintRef.safeParse(text);
    if (!ref.success) return setError('Số tham chiếu: phải có dạng PA-251120-0042');
    setError(undefined);
    navigate(`/complaints/${ref.data}`);
  }
  return (
    <form class="row grow" onSubmit={open}>
      <TextField class="grow" label="Mở theo số tham chiếu" placeholder="PA-251120-0042" value={text} error={error} onValue={setText} />
      <button type="submit">Mở</button>
    </form>
  );
}
