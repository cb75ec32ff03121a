import { useState } from 'preact/hooks';
import { STATUS_LABELS, type SyncReport, type SyncStatusResponse } from '../../../catalogue/api-types.js';
import { formatDate, formatDateTime, formatNumber } from '../../format-vi.js';
import { CatalogueTabs } from '../components/CatalogueTabs.js';
import { LoadState, Page, TableWrap } from '../components/Page.js';
import { api, explain } from '../lib/api.js';
import { scheduleWords, sourceWords } from '../lib/catalogue-words.js';
import { hasRole, navigate, say } from '../lib/store.js';
import { useLoad } from '../lib/use-load.js';

function countsWords(r: SyncReport): string {
  if (!r.counts) return r.progress ? `đang đọc ${formatNumber(r.progress.done)}/${formatNumber(r.progress.total)} bản ghi` : '';
  const c = r.counts;
  return `${formatNumber(c.after)} thủ tục: ${formatNumber(c.added)} mới, ${formatNumber(c.removed)} bỏ, ${formatNumber(c.changed)} thay đổi`;
}

/** The sync: where it reads, when it runs, what is live and waiting, every report; "Đồng bộ ngay" for admins. */
export function CatalogueSyncPage() {
  const [starting, setStarting] = useState(false);
  const status = useLoad(() => api<SyncStatusResponse>('GET', '/catalogue/sync'), [], 2000);
  const s = status.data;
  async function start() {
    setStarting(true);
    try {
      const { report } = await api<{ report: SyncReport }>('POST', '/catalogue/sync', {});
      say('Đã bắt đầu đồng bộ. Báo cáo hiện ra khi đọc xong; chưa có gì thay đổi với người dân.');
      navigate(`/catalogue/sync/${report.id}`, true);
    } catch (err) {
      say(explain(err), 'error');
    } finally {
      setStarting(false);
    }
  }
  return (
    <Page title="Đồng bộ danh mục thủ tục" intro="Mỗi lần đồng bộ đọc toàn bộ danh mục từ nguồn và lập báo cáo thay đổi. Chỉ khi quản trị viên duyệt và xuất bản, người dân mới nhận câu trả lời theo danh mục mới.">
      <CatalogueTabs current="sync" />
      <LoadState loading={status.loading && !s} error={status.error}>
        {s ? (
          <>
            <section class="card" aria-labelledby="sync-setup">
              <h3 id="sync-setup">Nguồn và lịch</h3>
              <dl class="facts compact">
                <div>
                  <dt>Nguồn</dt>
                  <dd>{sourceWords(s.source)}</dd>
                </div>
                <div>
                  <dt>Lịch tự động</dt>
                  <dd>{scheduleWords(s.schedule)}</dd>
                </div>
                <div>
                  <dt>Danh mục đang dùng</dt>
                  <dd>
                    {formatNumber(s.live.records)} thủ tục
                    {s.live.source ? `, đọc ngày ${formatDate(s.live.source.retrievedAt)}` : ''} ({s.live.version ? `phiên bản ${s.live.version} đã xuất bản` : 'bản đóng gói kèm phần mềm'})
                  </dd>
                </div>
                <div>
                  <dt>Bản nháp chờ xuất bản</dt>
                  <dd>
                    {s.draft ? (
                      <a href={`#/catalogue/sync/${s.draft.reportId}`}>
                        {formatNumber(s.draft.counts.records)} thủ tục ({formatNumber(s.draft.counts.added)} mới, {formatNumber(s.draft.counts.removed)} bỏ, {formatNumber(s.draft.counts.changed)} thay đổi), {s.draft.by} duyệt lúc {formatDateTime(s.draft.at)}
                      </a>
                    ) : (
                      'Không có'
                    )}
                  </dd>
                </div>
              </dl>
              {hasRole('admin') ? (
                <button type="button" class="primary" disabled={starting || !!s.running} onClick={() => void start()}>
                  {s.running ? 'Đang đồng bộ…' : 'Đồng bộ ngay'}
                </button>
              ) : null}
            </section>
            <h3>Các lần đồng bộ</h3>
            {s.reports.length === 0 ? (
              <p class="muted">Chưa có lần đồng bộ nào.</p>
            ) : (
              <TableWrap label="Các lần đồng bộ">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Bắt đầu</th>
                      <th scope="col">Ai chạy</th>
                      <th scope="col">Trạng thái</th>
                      <th scope="col">Kết quả</th>
                    </tr>
                  </thead>
                  <tbody>
                    {s.reports.map((r) => (
                      <tr key={r.id} data-report={r.id}>
                        <td>
                          <a href={`#/catalogue/sync/${r.id}`}>{formatDateTime(r.startedAt)}</a>
                        </td>
                        <td>{r.trigger === 'schedule' ? 'Lịch tự động' : r.by}</td>
                        <td>
                          <span class={`status ${r.status}`}>{STATUS_LABELS[r.status]}</span>
                        </td>
                        <td>{r.problem ? `Dừng: ${r.problem.record}, ${r.problem.field}` : countsWords(r)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            )}
          </>
        ) : null}
      </LoadState>
    </Page>
  );
}
